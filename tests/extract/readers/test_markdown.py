"""Markdown read as structure: headings, lists, links and emphasis, not their marks."""
from __future__ import annotations

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import markdown

SOURCE = """# Lumbar spasm in brief

Spasm is *common* in adults [1](#ref-1) and __often__ recurs<sup>2</sup>;
see [the guideline](https://example.org/guide).

## Risk factors

- Obesity
- Smoking and
  heavy lifting
- [Poor posture](https://example.org/posture)

![a diagram](fig.png)

## References

1. Lund K. Spasm in adults. J Back Care. 2010;1:2-9.
2. Rossi A. Recurrence of back spasm. Spine Notes. 2011;2:40-45.
"""


def test_blocks_without_markup():
    r = markdown.render(SOURCE)
    assert r.title == "Lumbar spasm in brief"
    assert r.text.startswith("Lumbar spasm in brief\n\nSpasm is common in adults [1] and often recurs<sup>2</sup>; "
                             "see the guideline.\n\nRisk factors\n\n")
    assert "\n\n- Obesity\n- Smoking and heavy lifting\n- Poor posture\n\n" in r.text   # one item a line
    assert "diagram" not in r.text and "*" not in r.text and "](" not in r.text


def test_places_are_source_lines():
    r = markdown.render(SOURCE)
    lines = {r.text[p.start:p.end].split()[0]: p.line for p in r.places}
    assert lines["Spasm"] == 3 and lines["Risk"] == 6 and lines["References"] == 15


def test_the_build_reads_callouts_and_references(tmp_path):
    from spasmkg.extract.document import DocumentInput, analyse_batch
    f = tmp_path / "brief.md"
    f.write_text(SOURCE, encoding="utf-8")
    reading = next(markdown.read(f))
    (_, res), = analyse_batch([DocumentInput("brief", "brief.md", "review", None, reading.text, f, reading)])
    assert [(c.marker.text, c.refs) for c in res.citations] == [("[1]", [1]), ("<sup>2</sup>", [2])]
    assert [r.title for r in res.references] == ["Spasm in adults", "Recurrence of back spasm"]
    assert res.format == "markdown"


def test_markup_without_words_is_empty(tmp_path):
    f = tmp_path / "blank.md"
    f.write_text("![only a picture](x.png)\n\n---\n", encoding="utf-8")
    with pytest.raises(SpasmkgError) as info:
        next(markdown.read(f))
    assert info.value.code == "E003" and "blank.md" in str(info.value)
