"""The web application: one tornado handler per page, each a few library queries and a Jinja2
template. Read-only: pages answer GET; only the SPARQL protocol endpoint also takes POST, as the
protocol allows, and it refuses updates. Every value reaches the page through Jinja2's escaping."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

import tornado.web
from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import URIRef

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.base import QueryStore, Rows
from spasmkg.queries import runner
from spasmkg.queries.paging import TABLE_PAGE, check_limit, check_offset
from spasmkg.queries.results import to_csv, to_json
from spasmkg.web import assets, links, network, patient_view, records, sparql

#: the HTTP status a coded error is answered with (others: 500)
STATUS = {"E008": 404, "E009": 400, "E010": 400, "E011": 400, "E013": 400, "E028": 400, "E044": 400,
          "E082": 400, "E083": 400, "E131": 400, "E132": 400, "E014": 403, "E015": 403, "E022": 503, "E016": 502, "E043": 502, "E081": 502}
#: scripts and styles only from this server; inline styles for the drawing libraries' own
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

def page_url(kind: str, iri: str) -> str:
    """The page of a node: ``/entity?iri=…`` and so on."""
    return f"/{kind}?{urlencode({'iri': iri})}"

#: IRI prefix -> the page that shows such a node
PAGES = {links.KG + "entity/": "entity", links.KG + "claim/": "claim", links.KG + "ref/": "reference",
         links.KG + "patient/": "patient"}


def term_page(value) -> str | None:
    """The page of an answer's value when it is an IRI one of the pages shows, else None."""
    if not isinstance(value, URIRef):
        return None
    kind = next((k for prefix, k in PAGES.items() if str(value).startswith(prefix)), None)
    return page_url(kind, str(value)) if kind else None


def environment() -> Environment:
    env = Environment(loader=PackageLoader("spasmkg.web", "templates"),
                      autoescape=select_autoescape(["html", "svg"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(page_url=page_url, short=links.short, urlencode=urlencode, term_page=term_page)
    return env

@dataclass
class Context:
    """What every handler shares: the store, the templates and which vendor files are installed."""
    store: QueryStore
    env: Environment
    vendor: dict[str, bool]
    timeout: int | None = None       # a user's SPARQL query's time limit (None: SPASMKG_QUERY_TIMEOUT)
    hosts: frozenset[str] | None = None   # the Host names answered (None: any)

    def run(self, name: str, params: dict[str, str], limit: int | None = None, offset: int = 0) -> Rows:
        """A library query's rows, or the page of them from ``offset`` (LIMIT and OFFSET in the query)."""
        return runner.select(self.store, name, params, limit=limit, offset=offset)[1]

class Page(tornado.web.RequestHandler):
    def initialize(self, ctx: Context) -> None:
        self.ctx = ctx

    def prepare(self) -> None:
        # a server on this machine answers only requests addressed to this machine: a web page
        # elsewhere whose name is made to resolve to 127.0.0.1 (DNS rebinding) cannot read it
        if self.ctx.hosts is not None and self.request.host_name.lower().strip("[]") not in self.ctx.hosts:
            raise tornado.web.HTTPError(403, log_message=f"this server answers requests to {', '.join(sorted(self.ctx.hosts))} only")

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    def page(self, template: str, status: int = 200, **values) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(self.ctx.env.get_template(template).render(vendor=self.ctx.vendor, **values))

    def iri(self) -> str:
        return self.get_argument("iri")

    def offset(self) -> int:
        """The ``offset`` argument of a paged list (first row shown), checked (E132: a 400)."""
        return check_offset(self.get_argument("offset", "0"))

    def found(self, value, what: str):
        """``value``, or a 404 page naming the IRI that was asked for."""
        if value is None:
            raise tornado.web.HTTPError(404, reason="Not Found", log_message=f"no {what} {self.iri()}")
        return value

    def write_error(self, status_code: int, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, SpasmkgError):
            status_code = STATUS.get(exc.code, 500)
            message = str(exc)
        elif isinstance(exc, tornado.web.MissingArgumentError):
            message = f"the parameter {exc.arg_name!r} is missing"
        elif isinstance(exc, tornado.web.HTTPError) and exc.log_message:
            message = exc.log_message % exc.args if exc.args else exc.log_message
        else:
            message = self._reason
        self.set_status(status_code)
        self.clear_header("Content-Disposition")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(self.ctx.env.get_template("error.html").render(
            vendor=self.ctx.vendor, status=status_code, message=message))

    def log_exception(self, typ, value, tb) -> None:
        if isinstance(value, SpasmkgError):
            return      # a coded error is the page's answer, not a server failure
        super().log_exception(typ, value, tb)

class Home(Page):
    def get(self) -> None:
        self.page("home.html", patients=patient_view.patients(self.ctx.run),
                  queries=len(runner.library()))

class Search(Page):
    def get(self) -> None:
        q = self.get_argument("q", "")
        self.page("search.html", q=q, results=records.search(self.ctx.run, q))

class Suggest(Page):
    """Type-ahead: the first matches as JSON, each with its page."""

    def get(self) -> None:
        q = self.get_argument("q", "")
        kinds = {"entity": "entity", "claim": "claim", "reference": "reference"}
        out = [{"kind": r["kind"], "label": r["label"], "url": page_url(kinds[r["kind"]], r["iri"])}
               for r in records.search(self.ctx.run, q, limit=12)]
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(out, ensure_ascii=False))

class Entity(Page):
    def get(self) -> None:
        self.page("entity.html", e=self.found(records.entity(self.ctx.run, self.iri(), offset=self.offset()), "entity"))

class Claim(Page):
    def get(self) -> None:
        self.page("claim.html", c=self.found(records.claim(self.ctx.run, self.iri()), "claim"))

class Reference(Page):
    def get(self) -> None:
        self.page("reference.html", r=self.found(records.reference_page(self.ctx.run, self.iri()), "reference"))

class Patients(Page):
    def get(self) -> None:
        self.page("patients.html", patients=patient_view.patients(self.ctx.run))

class Patient(Page):
    def get(self) -> None:
        self.page("patient.html", p=self.found(patient_view.patient(self.ctx.run, self.iri()), "patient"))

class Network(Page):
    def get(self) -> None:
        e = self.found(records.entity(self.ctx.run, self.iri()), "entity")
        net = network.neighbourhood(self.ctx.run, e["iri"], e["label"], (e["types"] or ["Entity"])[0])
        self.page("network.html", e=e, net=net)

class Library(Page):
    def get(self) -> None:
        self.page("library.html", queries=list(runner.library().values()))

def _values(handler: tornado.web.RequestHandler, q: runner.LibraryQuery) -> dict[str, str]:
    return {k: handler.get_argument(k) for k in q.params if handler.get_argument(k, None) is not None}


#: rows of one page of a library query's answer on its page (the downloads hold every row unless asked)
QUERY_PAGE = TABLE_PAGE

class LibraryQuery(Page):
    """A query of the library as a form; with its parameters filled (or ``run=1``), its answer."""

    def get(self, name: str) -> None:
        q = runner.get(name)
        values = _values(self, q)
        ran = bool(values) or self.get_argument("run", None) is not None
        names, rows, error, page = [], [], None, None
        if ran:
            try:
                page = runner.prepare(name, values).page(self.ctx.store, QUERY_PAGE, self.offset())
                names, rows = page.variables, page.rows
            except SpasmkgError as exc:
                error = str(exc)
                self.set_status(STATUS.get(exc.code, 500))
        here = values or {"run": "1"}
        pages = {}
        if page is not None:
            if page.offset > 0:
                pages["previous"] = urlencode({**here, "offset": max(page.offset - QUERY_PAGE, 0)})
            if page.more:
                pages["next"] = urlencode({**here, "offset": page.next_offset})
        self.page("query.html", status=self.get_status(), q=q, values=values, ran=ran, names=names, rows=rows,
                  error=error, download=urlencode(here), examples=q.example_params(), pages=pages,
                  first=page.offset + 1 if page else 0)

class LibraryDownload(Page):
    """A library query's answer as SPARQL 1.1 CSV or JSON results."""

    def get(self, name: str, fmt: str) -> None:
        q = runner.get(name)
        limit = self.get_argument("limit", None)
        page = runner.prepare(name, _values(self, q)).page(
            self.ctx.store, None if limit is None else check_limit(limit), self.offset())
        names, rows = page.variables, page.rows
        if fmt == "csv":
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            body = to_csv(names, rows)
        else:
            self.set_header("Content-Type", "application/sparql-results+json; charset=utf-8")
            body = to_json(names, rows)
        self.set_header("Content-Disposition", f'attachment; filename="{name}.{fmt}"')
        self.finish(body)

class SparqlPage(Page):
    """The SPARQL editor; without scripts, a plain form whose answer is drawn as a table."""

    def get(self) -> None:
        text = self.get_argument("query", None)
        answer, error, cut = None, None, 0
        if text is not None:
            try:
                answer, cut = sparql.run(self.ctx.store, text, self.ctx.timeout)
            except SpasmkgError as exc:
                error = str(exc)
                self.set_status(STATUS.get(exc.code, 500))
        self.page("sparql.html", status=self.get_status(), text=text if text is not None else sparql.EXAMPLE,
                  answer=answer, error=error, cut=cut)

class SparqlEndpoint(Page):
    """The SPARQL 1.1 protocol, read-only: ``query`` by GET or POST; ``update`` is refused."""

    def get(self) -> None:
        self._answer(self.get_argument("query", None))

    def post(self) -> None:
        if self.get_argument("update", None) is not None:
            raise SpasmkgError("E014")
        ctype = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            raise SpasmkgError("E014")
        if ctype == "application/sparql-query":
            self._answer(self.request.body.decode("utf-8", errors="surrogateescape"))
        else:
            self._answer(self.get_argument("query", None))

    def _answer(self, text: str | None) -> None:
        if text is None:
            raise tornado.web.HTTPError(400, log_message="a SPARQL query is expected in the parameter 'query'")
        answer, cut = sparql.run(self.ctx.store, text, self.ctx.timeout)
        ctype, body = sparql.serialize(answer, self.request.headers.get("Accept", ""))
        if cut:
            self.set_header("X-Spasmkg-Cut-At", str(cut))
        self.set_header("Content-Type", ctype)
        self.finish(body)

    def write_error(self, status_code: int, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, SpasmkgError):
            status_code = STATUS.get(exc.code, 500)
        self.set_status(status_code)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{exc if exc is not None else self._reason}\n")

class Vendor(tornado.web.StaticFileHandler):
    """The third-party files of :data:`assets.VENDOR_FILES`, and nothing else of node_modules."""

    def parse_url_path(self, url_path: str) -> str:
        if assets.vendor_path(url_path) is None:
            raise tornado.web.HTTPError(404)
        return assets.VENDOR_FILES[url_path]

_NAME = r"([a-z0-9][a-z0-9-]*)"

def make_app(store: QueryStore, timeout: int | None = None, hosts: frozenset[str] | None = None) -> tornado.web.Application:
    ctx = Context(store=store, env=environment(), vendor=assets.available(), timeout=timeout, hosts=hosts)
    pages = [(r"/", Home), (r"/search", Search), (r"/api/suggest", Suggest), (r"/entity", Entity),
             (r"/claim", Claim), (r"/reference", Reference), (r"/patients", Patients), (r"/patient", Patient),
             (r"/network", Network), (r"/queries", Library), (rf"/queries/{_NAME}", LibraryQuery),
             (rf"/queries/{_NAME}/results\.(csv|json)", LibraryDownload), (r"/sparql", SparqlPage),
             (r"/sparql/endpoint", SparqlEndpoint)]
    routes = [(path, handler, {"ctx": ctx}) for path, handler in pages]
    routes += [(r"/static/(.*)", tornado.web.StaticFileHandler, {"path": str(assets.static_dir())}),
               (r"/vendor/(.*)", Vendor, {"path": str(assets.node_modules())})]
    return tornado.web.Application(routes, default_handler_class=NotFound, default_handler_args={"ctx": ctx},
                                   compress_response=True, log_function=_log)


def _log(handler: tornado.web.RequestHandler) -> None:
    """Only failures of the server itself are worth a line on stderr; a 404 is a page."""
    if handler.get_status() >= 500:
        logging.getLogger("spasmkg.web").error("%d %s", handler.get_status(), handler.request.uri)

class NotFound(Page):
    def prepare(self) -> None:
        super().prepare()
        raise tornado.web.HTTPError(404, log_message=f"no page at {self.request.path}")

