"""Every query of the library, run with the example parameters of its own header against the three
stores (rdflib in memory, embedded Oxigraph, a real ``oxigraph serve`` endpoint): the three answers
are identical. What each query answers is asserted beside it (test_library_answers.py and the tests
of the queries' own areas)."""
from __future__ import annotations

import pytest

from spasmkg.queries import runner

pytestmark = pytest.mark.slow

NAMES = sorted(runner.library())


NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}"
           for t in ("decimal", "integer", "double", "float", "int", "long", "nonNegativeInteger")}


def _key(term) -> tuple | None:
    """A term as comparable data: kind, value, language, datatype. Numbers compare by value: Oxigraph
    stores ``2.0`` as the canonical ``2``, rdflib keeps the lexical form it read."""
    if term is None:
        return None
    datatype = str(getattr(term, "datatype", None))
    value = float(term) if datatype in NUMERIC else str(term)
    return (type(term).__name__, value, getattr(term, "language", None), datatype)


def answers(store, name):
    q = runner.get(name)
    names, rows = runner.select(store, name, q.example_params())
    return names, [tuple(_key(r[n]) for n in names) for r in rows]


def test_library_is_complete():
    assert len(NAMES) >= 12, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_header(name):
    q = runner.get(name)
    assert "?" in q.question, f"{name}: the header needs a '# question:' line"
    assert f"spasmkg query {name}" in q.example, f"{name}: the header needs a '# example:' command"
    assert set(q.example_params()) == set(q.params), f"{name}: the example must give every parameter"


@pytest.mark.parametrize("name", NAMES)
def test_same_answer_in_every_store(name, seeds_stores):
    got = {kind: answers(store, name) for kind, store in seeds_stores.items()}
    names, rows = got["memory"]
    for kind in ("oxigraph", "endpoint", "index"):
        other_names, other_rows = got[kind]
        assert other_names == names, kind
        assert sorted(other_rows, key=repr) == sorted(rows, key=repr), f"{name}: {kind} differs from memory"
