"""Pages of an answer: ``--limit`` and ``--offset`` are written into the query, pages of size k put
end to end are the whole answer on every store, and every library query orders its rows totally, so
pages are consecutive and never overlap."""
from __future__ import annotations

import pytest
from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Variable

from spasmkg.cli import main
from spasmkg.common.errors import SpasmkgError
from spasmkg.queries import runner
from spasmkg.queries.paging import paged

from tests.queries.test_library import _key

#: list queries whose example answers many rows on the seeds (aggregates, sub-selects, OPTIONALs)
LISTS = ["statement-support", "co-mentioned", "communities", "cited-works", "risk-factors", "comparisons",
         "patient-events", "findings-by-level"]


def _vars(node):
    if isinstance(node, Variable):
        yield str(node)
    elif isinstance(node, dict):
        for v in node.values():
            yield from _vars(v)
    elif isinstance(node, (list, tuple, ParseResults)):
        for v in node:
            yield from _vars(v)


def _slice(text: str) -> tuple:
    body = parseQuery(text)[1]
    lo = body["limitoffset"] if "limitoffset" in body else {}
    return (int(lo["limit"]) if "limit" in lo else None, int(lo["offset"]) if "offset" in lo else None)


@pytest.mark.parametrize("name", sorted(runner.library()))
def test_every_library_query_orders_by_all_it_shows(name):
    """A total order: rows that differ in any projected value are ordered, so the store cannot give
    tied rows in another order on the next page."""
    body = parseQuery(runner.get(name).text)[1]
    shown = [str(dict(p).get("var") or dict(p).get("evar")) for p in body["projection"]]
    ordered = set(_vars(body["orderby"])) if "orderby" in body else set()
    assert not [v for v in shown if v not in ordered], f"{name}: ORDER BY lacks these tie-breakers"


@pytest.mark.parametrize("query, limit, offset, want", [
    ("SELECT * WHERE { ?s ?p ?o }", 10, 0, (10, None)),
    ("SELECT * WHERE { ?s ?p ?o }", None, 4, (None, 4)),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 5", 10, 0, (5, None)),          # its own, smaller, limit wins
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 5", 2, 0, (2, None)),
    ("SELECT * WHERE { ?s ?p ?o } OFFSET 3 LIMIT 5", 2, 4, (1, 7)),     # rows 7 of 3..7: one left
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 5", 3, 9, (0, 9)),              # past its own end: nothing
    ("SELECT * WHERE { ?s ?p ?o } # LIMIT 1 in a comment", 3, 0, (3, None)),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o != \"} LIMIT 1\") } ORDER BY ?s", 3, 1, (3, 1)),
    ("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 2 } ?s ?p ?o }", 6, 0, (6, None)),
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s VALUES ?s { <urn:x:a> }", 2, 1, (2, 1)),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } limit 9", 3, 0, (3, None)),
])
def test_the_slice_is_written_into_the_query(query, limit, offset, want):
    text = paged(query, limit, offset)
    assert _slice(text) == want
    if "{ SELECT" in query:
        assert "LIMIT 2" in text                            # a sub-select keeps its own slice


def test_an_inner_limit_and_a_value_are_left_alone():
    query = 'SELECT ?l WHERE { ?s <urn:x:p> ?l FILTER(?l != "LIMIT 5 OFFSET 2") }'
    text = paged(query, 4, 8)
    assert text.startswith(query) and _slice(text) == (4, 8)


def test_an_ask_query_has_no_rows_to_page():
    with pytest.raises(SpasmkgError) as err:
        paged("ASK { ?s ?p ?o }", 3)
    assert err.value.code == "E133"


def _rows(store, name, **page):
    q = runner.get(name)
    names, rows = runner.select(store, name, q.example_params(), **page)
    return [tuple(_key(r[n]) for n in names) for r in rows]


@pytest.mark.slow
@pytest.mark.parametrize("name", LISTS)
def test_pages_put_end_to_end_are_the_whole_answer(name, seeds_stores):
    for kind, store in seeds_stores.items():
        whole = _rows(store, name)
        assert len(whole) > 4, f"{name}: too short to page"
        k = max(2, len(whole) // 4)
        pages = [_rows(store, name, limit=k, offset=at) for at in range(0, len(whole) + k, k)]
        assert all(len(p) == k for p in pages[:len(whole) // k]), kind
        assert [r for p in pages for r in p] == whole, f"{name} on {kind}: pages differ from the answer"
        assert pages[-1] == [], kind                         # past the end: an empty page


@pytest.mark.slow
def test_the_next_page_is_told_and_starts_where_this_one_ends(seeds_stores):
    bound = runner.prepare("statement-support")
    for kind, store in seeds_stores.items():
        first = bound.page(store, 5)
        second = bound.page(store, 5, first.next_offset)
        assert first.more and first.next_offset == 5 and len(first.rows) == 5, kind
        assert first.rows + second.rows == runner.select(store, "statement-support", limit=10)[1], kind
        last = bound.page(store, 1000)
        assert not last.more, kind


@pytest.mark.parametrize("args, code", [
    (["--limit", "0"], "E131"), (["--limit", "-3"], "E131"), (["--limit", "ten"], "E131"),
    (["--limit", "1e3"], "E131"), (["--limit", "10000000000000"], "E131"),
    (["--offset", "-1"], "E132"), (["--offset", "1.5"], "E132"), (["--offset", ""], "E132"),
])
@pytest.mark.parametrize("verb", [["query", "statement-support"], ["sparql", "SELECT * WHERE { ?s ?p ?o }"],
                                  ["trace", "muscle"]])
def test_bad_page_values_are_refused_before_the_graph_is_read(verb, args, code, tmp_path, capsys):
    # no graph in tmp_path: the value is refused first, so the error is the value's, not E007
    assert main([*verb, *args, "--graph", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"[{code}]" in err and err.count("\n") == 1


@pytest.mark.slow
def test_trace_pages_the_claims_it_traces(seeds_stores):
    """A trace of many claims comes a page at a time: pages end to end are the whole trace, in order."""
    from spasmkg.queries.trace import trace_store
    for kind, store in seeds_stores.items():
        whole, page = trace_store(store, text="muscle")
        assert len(whole) > 6 and not page.more, kind
        first, p1 = trace_store(store, text="muscle", limit=3)
        second, p2 = trace_store(store, text="muscle", limit=3, offset=p1.next_offset)
        assert p1.more and p1.next_offset == 3, kind
        assert [t["claim"] for t in first + second] == [t["claim"] for t in whole[:6]], kind
        assert first[0]["references"] == whole[0]["references"], kind       # each claim traced in full
        rest, last = trace_store(store, text="muscle", limit=1000, offset=6)
        assert [t["claim"] for t in rest] == [t["claim"] for t in whole[6:]] and not last.more, kind


@pytest.mark.slow
def test_trace_as_text_shows_a_page_and_says_where_the_next_starts(seeds_out, capsys):
    assert main(["trace", "muscle", "--graph", str(seeds_out), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "(2 claims)" in out and "more claims follow: add --offset 2 for the next page" in out
