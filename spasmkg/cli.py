"""The ``spasmkg`` command line: each verb turns its arguments into one library call.

Results go to stdout, diagnostics to stderr. Exit codes: 0 success, 1 a negative result (a graph
that does not conform), 2 an input or usage error.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spasmkg import __version__
from spasmkg.common.errors import SpasmkgError

DEFAULT_OUT = Path("out")
FORMATS = ("table", "json", "csv")


def _params(raw: list[str]) -> dict[str, str]:
    out = {}
    for item in raw or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SpasmkgError("E011", raw=item)
        out[key.strip()] = value
    return out


def _emit(text: str) -> None:
    """``text`` on stdout, ended by one line break unless it ends with its own (CSV ends with CRLF)."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return n


def cmd_build(a: argparse.Namespace) -> int:
    from spasmkg.build.progress import Progress
    from spasmkg.build.run import build
    paths = [Path(p) for p in (a.paths or ["seeds"])]
    summary = build(paths, Path(a.out), kind=a.kind, progress=None if a.quiet else Progress.to_stderr(),
                    strict=a.strict, reason=a.reason, engine=a.engine, scheduler=a.scheduler,
                    processes=a.processes, batch_size=a.batch_size, grobid=a.grobid)
    print(summary.render())
    if a.store:
        _load_oxigraph(a.store, Path(a.out))
    return 0   # skipped files are listed in the summary; --strict makes them an error (exit 2)


def cmd_serve(a: argparse.Namespace) -> int:
    from spasmkg.graph.store.endpoint import check_timeout
    from spasmkg.web.server import serve, store_for_serving
    if a.timeout is not None:
        check_timeout(a.timeout)
    # a graph that cannot be opened fails here, before the port is taken
    with store_for_serving(a.store, Path(a.graph), endpoint=a.endpoint, timeout=a.timeout) as store:
        try:
            serve(store, host=a.host, port=a.port, timeout=a.timeout,
                  announce=lambda url: print(f"serving {url} (read-only; Ctrl-C stops)", flush=True))
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


def _load_oxigraph(spec: str, out_dir: Path) -> None:
    """Load a built graph into the persistent store named by ``oxigraph:DIR``."""
    from spasmkg.graph.store.registry import STORE_KINDS
    from spasmkg.graph.store.oxigraph import OxigraphStore
    kind, _, where = spec.partition(":")
    if kind != "oxigraph" or not where:
        raise SpasmkgError("E042", spec=spec, known=", ".join(k for k in STORE_KINDS if k.startswith("oxigraph")))
    n = OxigraphStore(Path(where)).load_graph(out_dir)
    print(f"loaded {n} quads into {where} (graph.trig and provenance.trig)")


def _dataset(a: argparse.Namespace):
    from spasmkg.graph.store.files import load
    return load(Path(a.graph))


def _store(a: argparse.Namespace):
    """The store chosen by --endpoint / --store (default: the built graph in memory)."""
    from spasmkg.graph.store.registry import open_store
    return open_store(a.store, Path(a.graph), endpoint=a.endpoint, timeout=a.timeout)


def cmd_query(a: argparse.Namespace) -> int:
    from spasmkg.graph.store.endpoint import check_timeout
    from spasmkg.queries import runner
    from spasmkg.queries.results import render
    if a.list or not a.name:
        _emit(runner.catalogue())
        return 0
    bound = runner.prepare(a.name, _params(a.param))   # checked before the graph is loaded
    if a.timeout is not None:
        check_timeout(a.timeout)        # refused on every store, not only where it is used
    limit, offset = _page_options(a)
    page = bound.page(_store(a), limit, offset)
    _emit(render(page.variables, page.rows, a.format))
    _more(page, a.format)
    return 0


def _page_options(a: argparse.Namespace, rows: bool = True) -> tuple[int | None, int]:
    """``--limit`` and ``--offset``, checked (E131, E132) before the graph is opened; a table of rows
    shows a page of :data:`~spasmkg.queries.paging.TABLE_PAGE` rows unless ``--limit`` says otherwise."""
    from spasmkg.queries.paging import TABLE_PAGE, check_limit, check_offset
    offset = 0 if a.offset is None else check_offset(a.offset)
    if a.limit is not None:
        return check_limit(a.limit), offset
    return (TABLE_PAGE if rows and a.format == "table" else None), offset


def _more(page, fmt: str, what: str = "rows") -> None:
    """Where the next page starts, when rows follow this one: under a table, else on stderr."""
    if not page.more:
        return
    line = f"more {what} follow: add --offset {page.next_offset} for the next page (--limit N sets its size)"
    if fmt == "table":
        _emit(line)
    else:
        print(f"note: {line}", file=sys.stderr)


def cmd_sparql(a: argparse.Namespace) -> int:
    from spasmkg.queries.results import render_answer
    from spasmkg.queries.sandbox import check_limits, run_sparql, user_query_text
    from spasmkg.graph.store.safety import check_read_only
    from spasmkg.queries.paging import Page, paged
    text = user_query_text(a.query)
    check_limits(a.timeout, a.max_rows)                 # before the graph is loaded
    select = check_read_only(text, a.allow_service) == "SelectQuery"
    limit, offset = _page_options(a, rows=select)
    # a SELECT is asked for one row more than the page, to know whether another follows
    text = paged(text, limit + 1 if select and limit is not None else limit, offset)
    answer, cut = run_sparql(_store(a), text, timeout=a.timeout, max_rows=a.max_rows, allow_service=a.allow_service)
    more = select and limit is not None and len(answer.rows) > limit
    if more:
        answer.rows = answer.rows[:limit]
    if cut and not (more and cut == limit + 1):
        print(f"note: the answer was cut at {cut} rows (raise it with --max-rows)", file=sys.stderr)
    _emit(render_answer(answer, a.format))
    _more(Page(answer.variables, answer.rows, offset, limit, more), a.format)
    return 0


def cmd_validate(a: argparse.Namespace) -> int:
    from spasmkg.ontology.validation import validate
    report = validate(_dataset(a))
    print(report.text.rstrip())
    return 0 if report.conforms else 1


def cmd_trace(a: argparse.Namespace) -> int:
    from spasmkg.queries.paging import check_limit, check_offset
    from spasmkg.queries.trace import TEXT_PAGE, to_text, trace_store
    if (a.text is None) == (a.ref is None):
        raise SpasmkgError("E070")
    offset = 0 if a.offset is None else check_offset(a.offset)
    limit = check_limit(a.limit) if a.limit is not None else TEXT_PAGE if a.format == "text" else None
    traced, page = trace_store(_store(a), text=a.text, ref=a.ref, limit=limit, offset=offset)
    print(json.dumps(traced, indent=1, ensure_ascii=False) if a.format == "json" else to_text(traced))
    _more(page, "table" if a.format == "text" else a.format, "claims")
    return 0


def cmd_compare(a: argparse.Namespace) -> int:
    from spasmkg.queries.comparison_report import report
    _emit(report(_store(a), patient=a.patient, fmt=a.format))
    return 0


def cmd_push(a: argparse.Namespace) -> int:
    if (a.endpoint is None) == (a.store is None):
        raise SpasmkgError("E072")
    if a.store:
        _load_oxigraph(a.store, Path(a.graph))
        return 0
    from spasmkg.graph.store.push import push
    total = graphs = 0
    for iri, n in push(Path(a.graph), a.endpoint, protocol=a.protocol, timeout=a.timeout,
                       update_url=a.update_endpoint, query_url=a.query_endpoint):
        print(f"{iri}  {n} triples")
        total, graphs = total + n, graphs + 1
    print(f"pushed {total} quads in {graphs} named graphs (graph.trig and provenance.trig) to {a.endpoint}")
    return 0


def cmd_export(a: argparse.Namespace) -> int:
    from spasmkg.build.protected import check_export_target
    from spasmkg.graph.export import check_options, export
    from spasmkg.graph.export.formats import default_name, folder_members
    check_options(a.format, a.with_evidence, a.reference_format)      # before the graph is loaded
    out = Path(a.out) if a.out else Path(a.graph) / default_name(a.format, a.reference_format)
    check_export_target(out, Path(a.graph), force=a.force, members=folder_members(a.format, out))
    options = {"reference_format": a.reference_format} if a.format == "references" else {}
    export(a.format, _dataset(a), out, with_evidence=a.with_evidence, **options)
    print(f"wrote {out}")
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error worded as every other failure: one coded line, exit 2."""

    def error(self, message: str):
        self.exit(2, f"spasmkg: error: {SpasmkgError('E099', prog=self.prog, message=message)}\n")


def parser() -> argparse.ArgumentParser:
    from spasmkg.graph.export import FORMATS as EXPORT_FORMATS
    from spasmkg.graph.export.formats import WITH_EVIDENCE
    from spasmkg.graph.export.references import REFERENCE_FORMATS
    from spasmkg.queries.comparison_report import FORMATS as COMPARE_FORMATS
    ap = _Parser(prog="spasmkg", description="A knowledge graph of the literature on back muscle spasms.")
    ap.add_argument("--version", action="version", version=f"spasmkg {__version__}")
    ap.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    sub = ap.add_subparsers(dest="verb", required=True)

    b = sub.add_parser("build", help="build the graph from documents (default: seeds/)")
    b.add_argument("paths", nargs="*", help="files or folders of text documents (default: seeds)")
    b.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: out)")
    b.add_argument("--kind", choices=("review", "narrative"), help="override the detected kind of every input")
    b.add_argument("--quiet", action="store_true", help="no progress on stderr (by default: documents done of the total, rate and time left; "
                        "one line rewritten in place on a terminal, plain lines otherwise)")
    b.add_argument("--store", metavar="oxigraph:DIR", help="also load the built graph into a persistent Oxigraph store")
    b.add_argument("--strict", action="store_true",
                   help="fail (exit 2, nothing written) when any input cannot be read or analysed; "
                        "by default such files are skipped and listed")
    b.add_argument("--reason", action="store_true",
                   help="run the HermiT reasoner (needs Java): stop on an inconsistency, write inferred types "
                        "into the named graph kg:graph/inferred")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: in this process (default) or on a Dask cluster")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: a running Dask scheduler (tcp://host:8786); default: a local cluster")
    b.add_argument("--processes", type=_positive, default=1, metavar="N",
                   help="with the local engine: analyse documents in N processes (default 1)")
    b.add_argument("--grobid", metavar="URL",
                   help="read PDFs with the GROBID server at URL (its /api/processFulltextDocument) instead of "
                        "their text layer here; default: read them here with pdfminer.six")
    b.add_argument("--batch-size", type=_positive, default=32, metavar="N",
                   help="documents parsed together by spaCy's nlp.pipe (default 32)")
    b.set_defaults(func=cmd_build)

    def graph_opt(p):
        p.add_argument("--graph", default=str(DEFAULT_OUT), help="a built output folder (default: out)")

    def page_opts(p):
        p.add_argument("--limit", metavar="N", help="rows of one page (default: 100 in a table, every row "
                                                     "in json and csv); a query's own LIMIT, when smaller, wins")
        p.add_argument("--offset", metavar="N", help="rows to skip before the page (default: 0); "
                                                      "a table says which offset the next page starts at")

    def store_opts(p, default: str = "index (default): the index beside the built graph (GRAPH/index), made or "
                                     "renewed first when graph.trig changed; memory: the built graph in rdflib"):
        p.add_argument("--store", metavar="index|memory|oxigraph:DIR",
                       help=f"{default}; oxigraph:DIR: a persistent Oxigraph "
                            "store, filled from --graph when empty")
        p.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint to ask instead of a local store")
        p.add_argument("--timeout", type=int,
                       help="seconds to wait for the endpoint; for sparql also the time limit of a local query (default: 30)")

    q = sub.add_parser("query", help="run a query of the library with bound parameters")
    q.add_argument("name", nargs="?", help="query name (see --list)")
    q.add_argument("--param", action="append", metavar="KEY=VALUE", help="a parameter value (repeatable)")
    q.add_argument("--list", action="store_true", help="list the queries with their questions and parameters")
    q.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    page_opts(q)
    graph_opt(q)
    store_opts(q)
    q.set_defaults(func=cmd_query)

    s = sub.add_parser("sparql", help="run any read-only SPARQL query on the built graph")
    s.add_argument("query", help="query text, or a .rq/.sparql file")
    s.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    s.add_argument("--max-rows", type=int, help="most rows or triples to return (default: 10000)")
    page_opts(s)
    s.add_argument("--allow-service", action="store_true",
                   help="let SERVICE clauses call other SPARQL servers from the local store (off by default)")
    graph_opt(s)
    store_opts(s)
    s.set_defaults(func=cmd_sparql)

    t = sub.add_parser("trace", help="claims matching TEXT, or citing --ref N, with their full references")
    t.add_argument("text", nargs="?", help="words of the claim")
    t.add_argument("--ref", type=int, help="a reference number: every claim that cites it")
    t.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    t.add_argument("--limit", metavar="N", help="claims of one page (default: 20 as text, every claim in json)")
    t.add_argument("--offset", metavar="N", help="claims to skip before the page (default: 0); "
                                                  "the text says which offset the next page starts at")
    graph_opt(t)
    store_opts(t)
    t.set_defaults(func=cmd_trace)

    v = sub.add_parser("validate", help="check the built graph against the SHACL shapes (exit 1 if it does not conform)")
    graph_opt(v)
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser("compare", help="each patient's account read against the literature, with verdicts")
    c.add_argument("--patient", metavar="DOC", help="only this narrative (its document id)")
    c.add_argument("--format", choices=COMPARE_FORMATS, default="md", help="output format (default: md)")
    graph_opt(c)
    store_opts(c)
    c.set_defaults(func=cmd_compare)

    pu = sub.add_parser("push", help="send the built graph to a SPARQL endpoint or an Oxigraph store")
    pu.add_argument("--endpoint", metavar="URL",
                    help="Graph Store Protocol URL (e.g. http://127.0.0.1:7878/store), or with --protocol update "
                         "a SPARQL Update URL; each document's named graph is replaced")
    pu.add_argument("--protocol", choices=("gsp", "update"), default="gsp",
                    help="gsp: HTTP PUT per named graph; update: SPARQL Update (default: gsp)")
    pu.add_argument("--update-endpoint", metavar="URL",
                    help="gsp: the SPARQL Update endpoint that switches the pushed graphs in at once "
                         "(default: the --endpoint URL with /store or /data replaced by /update)")
    pu.add_argument("--query-endpoint", metavar="URL",
                    help="the SPARQL query endpoint the pushed graphs are read back from to check them "
                         "(default: the update endpoint with /update replaced by /query, else the update endpoint)")
    pu.add_argument("--store", metavar="oxigraph:DIR", help="load the graph into a persistent Oxigraph store instead")
    pu.add_argument("--timeout", type=int, help="seconds to wait for the endpoint (default: 30)")
    graph_opt(pu)
    pu.set_defaults(func=cmd_push)

    w = sub.add_parser("serve", help="browse the graph in a web browser: search, entities, claims, references, "
                                     "patients' timelines, the query library and a SPARQL editor (read-only)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    w.add_argument("--port", type=int, default=8765, help="port to listen on (default: 8765; 0: any free port)")
    graph_opt(w)
    store_opts(w)
    w.set_defaults(func=cmd_serve)
    w.description = ("Serves the graph of --graph DIR from its index (GRAPH/index, an Oxigraph store: pages in "
                     "milliseconds), or the store that --store or --endpoint names.")

    e = sub.add_parser("export", help="export the built graph to another format")
    e.add_argument("format", choices=sorted(EXPORT_FORMATS), help="export format")
    e.add_argument("--out", help="output file (default: GRAPH/export.EXT; export.canonical.nq for canonical, the folder "
                        "GRAPH/export-FORMAT for csv, kgx and neo4j; kgx writes a tar archive when OUT ends in "
                        ".tar, .tar.gz or .tgz; GRAPH/references.json, .bib or .ris for references)")
    e.add_argument("--with-evidence", action="store_true", help=f"{'/'.join(WITH_EVIDENCE)} only: add claim and reference nodes")
    # the positional is already called format: this option's value is the references' reference_format
    e.add_argument("--format", dest="reference_format", choices=tuple(REFERENCE_FORMATS),
                   help="references only: csl-json (default), bibtex or ris")
    e.add_argument("--force", action="store_true", help="replace an existing file (never the build's own outputs)")
    graph_opt(e)
    e.set_defaults(func=cmd_export)
    for verb in sub.choices.values():    # --debug also after the verb; absent there, the top level's value holds
        verb.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of a failure")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one verb. Every failure ends here as one coded line on stderr and exit 2 (1 stays a
    negative result); Ctrl-C exits 130 once the build's unfinished files are gone; ``--debug``
    adds the traceback. A usage error (argparse's exit) is returned as its code, like any other."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:             # --help, --version, or a usage error already worded (E099)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except BaseException as exc:          # noqa: BLE001 - the one place every failure is worded
        err, code = _coded(exc)
        if err is None:
            raise
        print(f"spasmkg: error: {err}", file=sys.stderr)
        if args.debug:
            import traceback
            traceback.print_exception(exc, file=sys.stderr)
        return code


def _coded(exc: BaseException) -> tuple[SpasmkgError | None, int]:
    """The coded error a failure is shown as, and the exit code; (None, 0) for an exit to let through."""
    if isinstance(exc, SpasmkgError):
        return exc, exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return SpasmkgError("E094"), 130
    if isinstance(exc, (SystemExit, GeneratorExit)):
        return None, 0
    if isinstance(exc, OSError) and exc.filename is not None:
        return SpasmkgError("E093", path=exc.filename, reason=exc.strerror or type(exc).__name__), 2
    reason = " ".join(str(exc).split())[:300] or "no message"
    return SpasmkgError("E095", kind=type(exc).__name__, reason=reason), 2


if __name__ == "__main__":
    sys.exit(main())
