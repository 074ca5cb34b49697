"""The README shows what its commands print: its examples are run and compared with a fresh run."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("readme_examples", Path(__file__).with_name("examples.py"))
examples = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = examples
_spec.loader.exec_module(examples)

SMALL = '''Intro.

```text
$ spasmkg --version
spasmkg 0.0.0
$ printf 'a\\nb\\nc\\nd\\ne\\n'
a
…
e
$ echo "two
lines" | wc -l
9
```

<!-- example: not run (a synopsis) -->
```text
$ spasmkg query patient-timeline
whatever it shows
```

```text
$ echo not an example: no spasmkg line
```
'''


def test_examples_are_found_with_their_commands_and_outputs():
    found = examples.parse(SMALL)
    assert len(found) == 1
    cmds = found[0].commands
    assert [c.shown for c in cmds] == [["spasmkg --version"], ["printf 'a\\nb\\nc\\nd\\ne\\n'"],
                                       ['echo "two', 'lines" | wc -l']]
    assert cmds[1].output == ["a", "…", "e"] and cmds[2].output == ["9"]


def test_a_fresh_run_rewrites_outputs_and_keeps_what_is_elided_elided(tmp_path):
    from spasmkg import __version__
    new = examples.regenerate(SMALL, tmp_path / "work")
    assert f"$ spasmkg --version\nspasmkg {__version__}\n" in new
    assert "$ printf 'a\\nb\\nc\\nd\\ne\\n'\na\n…\ne\n" in new
    assert '$ echo "two\nlines" | wc -l\n2\n' in new
    assert "whatever it shows" in new and "no spasmkg line" in new     # blocks not run stay as they are
    assert examples.regenerate(new, tmp_path / "again") == new


def test_ports_and_the_scratch_folder_are_shown_as_the_readme_names_them(tmp_path):
    text = "```text\n$ spasmkg --version; echo 127.0.0.1:7999 $PWD\nx\n```\n"
    new = examples.regenerate(text, tmp_path / "work")
    assert new.endswith("127.0.0.1:7999 .\n```\n")
    runner = examples.Runner(tmp_path / "other")
    assert runner._local("http://127.0.0.1:7999/q") != "http://127.0.0.1:7999/q"


@pytest.mark.slow
def test_the_readme_shows_what_its_commands_print(tmp_path):
    old = examples.README.read_text(encoding="utf-8")
    new = examples.regenerate(old, tmp_path / "work")
    assert new == old, ("README examples differ from a fresh run; run `python tests/readme/examples.py --write`\n"
                        + examples.diff(old, new))
