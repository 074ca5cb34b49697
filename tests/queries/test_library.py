"""Every query of the library, run with the example parameters of its own header against the three
stores (rdflib in memory, embedded Oxigraph, a real ``oxigraph serve`` endpoint): each answers, and
the three answers are identical."""
from __future__ import annotations

import pytest

from spasmkg.queries import runner

pytestmark = pytest.mark.slow

NAMES = sorted(runner.library())


def _key(term) -> tuple | None:
    """A term as comparable data: kind, lexical value, language, datatype."""
    if term is None:
        return None
    return (type(term).__name__, str(term), getattr(term, "language", None), str(getattr(term, "datatype", None)))


def answers(store, name):
    q = runner.get(name)
    names, rows = runner.select(store, name, q.example_params())
    return names, [tuple(_key(r[n]) for n in names) for r in rows]


@pytest.mark.parametrize("name", NAMES)
def test_header(name):
    q = runner.get(name)
    assert q.question.endswith("?"), f"{name}: the header needs a '# question:' line"
    assert q.example.startswith(f"spasmkg query {name}"), f"{name}: the header needs a '# example:' command"
    assert set(q.example_params()) == set(q.params), f"{name}: the example must give every parameter"


@pytest.mark.parametrize("name", NAMES)
def test_same_answer_in_every_store(name, seeds_stores):
    got = {kind: answers(store, name) for kind, store in seeds_stores.items()}
    names, rows = got["memory"]
    assert rows, f"{name}: its example finds nothing on the seeds"
    for kind in ("oxigraph", "endpoint"):
        other_names, other_rows = got[kind]
        assert other_names == names, kind
        assert sorted(other_rows, key=repr) == sorted(rows, key=repr), f"{name}: {kind} differs from memory"
