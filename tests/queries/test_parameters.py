"""A parameter is a plain value in every store: quotes, braces, escapes and SPARQL keywords in it
never become query text, and SERVICE is refused before any store runs a query."""
from __future__ import annotations

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.binding import bind, bind_inline, bind_values, projected_variables, values_block
from spasmkg.queries import runner

pytestmark = pytest.mark.slow

HOSTILE = [
    'x" } ; DROP ALL ; INSERT DATA { <urn:pwn> <urn:p> "1',
    "x' } ; DROP ALL ; INSERT DATA { <urn:pwn> <urn:p> '1",
    '""" } ; CLEAR DEFAULT #',
    "''' ) } UNION { ?s ?p ?o } #",
    '\\" } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #',
    "}}} UNION {{ ?claim ?p ?o }}",
    "SELECT * WHERE { ?s ?p ?o }",
    "\\u0022) } #",
    "\\U00000022",
    "line one\nline two\r\t}",
    "\\",
    "<urn:x>",
]
ECHO = "SELECT ?echo WHERE { BIND(str(?p) AS ?echo) }"
PROJECTED = "SELECT ?p WHERE { }"


@pytest.mark.parametrize("query", [ECHO, PROJECTED])
@pytest.mark.parametrize("value", HOSTILE + ["Lasègue", ""])
def test_value_comes_back_unchanged(seeds_stores, query, value):
    for kind, store in seeds_stores.items():
        names, rows = store.select(query, {"p": value})
        assert [str(r[names[0]]) for r in rows] == [value], kind


def test_library_query_treats_value_as_text(seeds_stores):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for kind, store in seeds_stores.items():
        before = int(store.select(count)[1][0]["n"])
        for value in HOSTILE:
            assert runner.select(store, "claims-matching", {"text": value})[1] == [], (kind, value)
        assert runner.select(store, "exam-signs", {"condition": HOSTILE[0]})[1] == [], kind
        assert int(store.select(count)[1][0]["n"]) == before > 0, kind


def test_values_block_is_one_literal_per_value():
    from rdflib.plugins.sparql.parser import parseQuery
    for value in HOSTILE:
        q = bind_values("SELECT ?x WHERE { ?x ?y ?z }", {"p": value})
        parsed = parseQuery(q)                 # still one valid query ...
        assert str(parsed).count("InlineData") == 1
        assert values_block({"p": value}).startswith("VALUES (?p) { (")


def test_bind_values_skips_braces_in_prologue_iris_strings_and_comments():
    q = ('# a comment with { braces }\nPREFIX ex: <http://example.org/x#>\n'
         'SELECT ("{" AS ?b) (\'\'\'{\'\'\' AS ?c) ?x WHERE { ?x ?y ?z }')
    out = bind_values(q, {"p": "v"})
    assert out.index("VALUES") > out.index("WHERE {")


LOOKUP = ("PREFIX ex: <http://example.org/>\n# ?p in a comment, \"?p\" in a string, <http://example.org/?p> in an IRI\n"
          "SELECT ?x ?pText WHERE { ?x ex:p ?p ; ex:q ?pText ; ex:r \"?p\", <http://example.org/?p> "
          "OPTIONAL { ?x ex:s ?p } FILTER(?x != ?p) }")


@pytest.mark.parametrize("value", HOSTILE + ["Lasègue", ""])
def test_a_parameter_the_query_does_not_return_becomes_one_constant(value):
    import pyoxigraph as ox
    from rdflib.plugins.sparql import prepareQuery
    out, rest = bind_inline(LOOKUP, {"p": value}, projected_variables(LOOKUP))
    assert rest == {} and "VALUES" not in out
    assert [str(v) for v in prepareQuery(out).algebra["PV"]] == ["x", "pText"]     # still one valid query
    # only the variable moved: the comment, the string and the IRI that spell it are as they were
    assert out.count("# ?p in a comment") == out.count('ex:r "?p"') == out.count("<http://example.org/?p> OPTIONAL") == 1
    ex = "http://example.org/"
    store = ox.Store()
    for x, v in (("hit", value), ("miss", value + "?")):
        node = ox.NamedNode(ex + x)
        for p, o in (("p", ox.Literal(v)), ("q", ox.Literal("t")), ("r", ox.Literal("?p")), ("r", ox.NamedNode(ex + "?p"))):
            store.add(ox.Quad(node, ox.NamedNode(ex + p), o))
    assert [s["x"].value for s in store.query(out)] == [ex + "hit"]     # the value is matched as written


@pytest.mark.parametrize("query", [
    "SELECT ?p ?x WHERE { ?x ?y ?p }",                                   # returned
    "SELECT ?x WHERE { ?x ?y ?z BIND(?z AS ?p) }",                       # given a value by the query
    "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?y ?p } } }",              # in a sub-query
    "SELECT ?x WHERE { VALUES ?x { <urn:a> } ?x ?y ?p }",                # beside a VALUES block
    "SELECT (COUNT(?p) AS ?n) WHERE { ?x ?y ?p }",                       # read outside the WHERE group
    "SELECT * WHERE { ?x ?y ?p }",                                       # returned by *
    "ASK { ?x ?y ?p }",
])
def test_a_parameter_stays_in_a_values_block_where_a_constant_would_change_the_answer(query):
    out, rest = bind_inline(query, {"p": "v"}, projected_variables(query))
    assert (out, rest) == (query, {"p": "v"})
    assert "VALUES (?p)" in bind(query, {"p": "v"})


def test_library_lookups_answer_the_same_with_a_constant_as_with_a_values_block(seeds_stores):
    """Every library query that takes a parameter it does not return, run with its example on the
    embedded store: written in as a constant (what a query does) and as a VALUES block."""
    import pyoxigraph as ox
    from spasmkg.graph.store.terms import from_rdflib
    store = seeds_stores["oxigraph"].store
    checked = 0
    for name, q in runner.library().items():
        params = {str(k): v for k, v in runner.bindings(q, q.example_params()).items()}
        projected = projected_variables(q.text)
        if projected is None or not set(params) - projected:
            continue
        rest = {k: v for k, v in params.items() if k not in projected}
        inline, left = bind_inline(q.text, rest, projected)
        if left == rest:
            continue
        subs = {ox.Variable(k): from_rdflib(v) for k, v in params.items() if k in projected}

        def rows(text):
            res = store.query(text, substitutions=subs)
            return [tuple(str(s[v.value]) if s[v.value] is not None else None for v in res.variables) for s in res]
        with_constant, with_values = rows(bind_values(inline, left)), rows(bind_values(q.text, rest))
        assert with_constant == with_values, name
        checked += bool(with_values)
    assert checked >= 5


def test_bad_variable_name_is_refused():
    with pytest.raises(SpasmkgError):
        values_block({"p) { } DROP ALL #": "v"})


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", SERVICE_QUERIES)
def test_service_is_refused_by_every_store(seeds_stores, query):
    for kind, store in seeds_stores.items():
        with pytest.raises(SpasmkgError) as err:
            store.query(query)
        assert err.value.code == "E015", kind


@pytest.mark.parametrize("query", ["DROP ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "CLEAR DEFAULT"])
def test_updates_are_refused_by_every_store(seeds_stores, query):
    for kind, store in seeds_stores.items():
        with pytest.raises(SpasmkgError) as err:
            store.query(query)
        assert err.value.code == "E014", kind


def test_service_only_when_the_user_enables_it(seeds_dataset, seeds_out, oxigraph_server, tmp_path):
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.graph.store.oxigraph import OxigraphStore
    q = f"SELECT ?n WHERE {{ SERVICE <{oxigraph_server}/query> {{ SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} }} }}"
    oxi = OxigraphStore(tmp_path / "oxi")
    oxi.load_graph(seeds_out)
    for store in (MemoryStore(seeds_dataset), oxi):
        with pytest.raises(SpasmkgError):
            store.select(q)
        store.allow_service = True
        try:
            names, rows = store.select(q)
            assert int(rows[0]["n"]) > 1000, store.name
        finally:
            store.allow_service = False
        with pytest.raises(SpasmkgError):              # and off again
            store.select(q)
