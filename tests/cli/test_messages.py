"""Messages a new user meets say what happened and what to do."""
from __future__ import annotations

import pytest

from spasmkg.cli import main
from spasmkg.graph.export.formats import FORMATS, WITH_EVIDENCE, default_name


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_trace_without_text_or_reference_says_to_give_one(capsys, tmp_path):
    code, _, err = cli(capsys, "trace", "--graph", str(tmp_path))
    assert code == 2 and "[E070]" in err and "TEXT" in err and "--ref N" in err and "KEY=VALUE" not in err
    code, _, err = cli(capsys, "trace", "words", "--ref", "3", "--graph", str(tmp_path))
    assert code == 2 and "[E070]" in err


def test_build_of_a_missing_path_names_it_and_writes_nothing(capsys, tmp_path):
    out = tmp_path / "out"
    missing = tmp_path / "no-such-folder"
    code, _, err = cli(capsys, "build", str(missing), "--out", str(out))
    assert code == 2 and "[E001]" in err and str(missing) in err
    assert not out.exists()


def test_every_export_format_has_its_own_default_name():
    names = [default_name(f) for f in FORMATS]
    assert len(set(names)) == len(names)
    assert default_name("nquads") != default_name("canonical")


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - set(WITH_EVIDENCE)))
def test_with_evidence_is_refused_where_it_would_be_ignored(capsys, tmp_path, fmt):
    code, _, err = cli(capsys, "export", fmt, "--with-evidence", "--graph", str(tmp_path))
    assert code == 2 and "[E071]" in err and fmt in err and "gexf, graphml, csv" in err
    assert list(tmp_path.iterdir()) == []


def test_unknown_things_are_named_with_what_is_known(capsys, tmp_path):
    code, _, err = cli(capsys, "query", "no-such-query", "--graph", str(tmp_path))
    assert code == 2 and "'no-such-query'" in err and "exam-signs" in err
    code, _, err = cli(capsys, "query", "uncited-references", "--store", "sqlite:x", "--graph", str(tmp_path))
    assert code == 2 and "'sqlite:x'" in err and "oxigraph:DIR" in err
    code, _, err = cli(capsys, "export", "gexf", "--graph", str(tmp_path / "nothing"))
    assert code == 2 and "[E007]" in err and "nothing" in err and "spasmkg build" in err
    code, _, err = cli(capsys, "push", "--graph", str(tmp_path))
    assert code == 2 and "[E072]" in err and "--endpoint URL" in err and "--store oxigraph:DIR" in err
