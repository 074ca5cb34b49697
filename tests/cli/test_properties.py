"""Properties of the text pipeline over any Unicode input (Hypothesis): nothing raises, every offset
lies inside the text, every quoted span is the original text exactly, and two builds of the same
input are identical."""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmkg.extract.text import layout
from spasmkg.extract.text.citations import clause_spans
from spasmkg.extract.document import analyse_text
from spasmkg.extract.text.markers import find_markers, mask
from spasmkg.extract.text.references import parse_reference_list

FAST = settings(max_examples=60, deadline=None)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of clinical prose, markers in every style and reference-list debris, mixed with any Unicode
PIECES = [
    "Acute muscle spasm of the lower back", " is common", "[1]", " [2-4]", "(5, 6)", "¹²", "^{3,7}", "⁸⁻¹⁰",
    ". ", ", ", "\n", "\r\n", "\n\n", "\u00a0", "\u200b", "\ufeff", "\x0c", "\t",
    "Cyclobenzaprine", " relieves ", "low back pain", "straight leg raise test", " was negative",
    "I had a spasm in my back", " after lifting", " in March 2019", " 84% of US adults",
    "\n\nReferences\n\n", "1. Smith J, Doe A. Muscle relaxants. Spine. 2010;35(2):10-20.\n",
    "2. Chou R. In the clinic. Ann Intern Med 2014\n", "3) ??? 19xx;;", "Introduction\n\n", "Figure 1: ",
    "Мышечный спазм", "筋痙攣", "σπασμός", "تشنج", "🙂", "e\u0301", "\U0001d400", "\ud7ff",
]
piece = st.sampled_from(PIECES)
documents = st.lists(st.one_of(piece, piece, piece, st.text(max_size=20)), max_size=60).map("".join)


def check_spans(obj, text: str, path: str = "result", seen: set | None = None) -> int:
    """Walk a result: each object with ``start``/``end`` lies inside ``text``; a ``Span`` or a
    ``Mention`` (and anything else with a ``text`` field) quotes it exactly. Returns spans checked."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    n = 0
    if dataclasses.is_dataclass(obj):
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        if isinstance(fields.get("start"), int) and isinstance(fields.get("end"), int) and "n" not in fields:
            a, b = fields["start"], fields["end"]
            assert 0 <= a <= b <= len(text), f"{path}: {a}-{b} outside 0-{len(text)}"
            if isinstance(fields.get("text"), str) and path != "result":
                assert fields["text"] == text[a:b], f"{path}: {fields['text']!r} != {text[a:b]!r}"
            n += 1
        for name, value in fields.items():
            if name != "text":
                n += check_spans(value, text, f"{path}.{name}", seen)
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            n += check_spans(v, text, f"{path}[{i}]", seen)
    return n


@FAST
@given(documents)
def test_layout_keeps_length_and_offsets(text):
    lay = layout.analyse(text)
    assert len(lay.body) == len(text) and len(lay.unheadered) == len(text)
    for s in [*lay.sections, *lay.captions] + ([lay.references] if lay.references else []):
        assert 0 <= s.start <= s.end <= len(text)
    for a, b in lay.headers:
        assert 0 <= a <= b <= len(text)


@FAST
@given(documents, st.one_of(st.none(), st.integers(1, 40)))
def test_markers_quote_the_text_and_mask_keeps_length(text, max_ref):
    markers = find_markers(text, max_ref)
    for m in markers:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.refs and all(r >= 1 for r in m.refs)
    assert [m.start for m in markers] == sorted(m.start for m in markers)
    assert len(mask(text, markers)) == len(text)
    spans = clause_spans(text, markers, [0], [])
    for c in spans:
        assert 0 <= c.claim.start <= c.claim.end <= len(text) and text[c.claim.start:c.claim.end] == c.claim.text


@FAST
@given(documents, st.data())
def test_reference_lists_stay_inside_their_region(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for r in parse_reference_list(text, start, end):
        assert start <= r.start <= r.end <= end
        assert r.n >= 1


@SLOW
@given(documents, st.sampled_from(["review", "narrative"]))
def test_the_whole_pipeline_on_any_text(text, kind):
    res = analyse_text(text, "doc", "doc.txt", kind)
    check_spans(res, text)
    for m in res.mentions:
        assert text[m.start:m.end] == m.text
    for c in res.citations:
        assert text[c.marker.start:c.marker.end] == c.marker.text


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(documents.filter(lambda t: t.strip()), min_size=1, max_size=2))
def test_two_builds_of_the_same_input_are_identical(tmp_path_factory, texts):
    from spasmkg.build.run import OUTPUTS, build
    root = tmp_path_factory.mktemp("twice")
    src = root / "in"
    src.mkdir()
    for i, t in enumerate(texts):
        (src / f"doc{i}.txt").write_bytes(t.encode("utf-8", "surrogatepass"))
    digests = []
    for name in ("a", "b"):
        try:
            build([src], root / name)
        except Exception as exc:                       # only "nothing readable" may stop a build
            assert getattr(exc, "code", None) == "E020", exc
            return
        digests.append({f: hashlib.sha256((root / name / f).read_bytes()).hexdigest() for f in OUTPUTS})
    assert digests[0] == digests[1]
