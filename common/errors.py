"""Every error a user can see, worded once. Raised as :class:`SpasmkgError` with a code."""
from __future__ import annotations

MESSAGES = {
    "E001": "{path}: no such file or folder",
    "E002": "{path}: cannot be read as text ({reason})",
    "E003": "{path}: the file is empty",
    "E004": "{path}: looks like a binary file, not text",
    "E005": "{path}: unknown kind {kind!r}; use review or narrative",
    "E006": "{path}: the manifest is not valid ({reason})",
    "E007": "{path}: no built graph here; run `spasmkg build` first (or pass --graph DIR)",
    "E008": "no query named {name!r}; known queries: {known}",
    "E009": "query {name!r}: unknown parameter {key!r}; its parameters: {known}",
    "E010": "query {name!r}: missing parameter {key!r}",
    "E011": "--param expects KEY=VALUE, got {raw!r}",
    "E012": "{path}: is larger than the limit of {limit} MB",
    "E013": "the SPARQL query is not valid: {reason}",
    "E014": "only read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) may run here",
    "E015": "SERVICE clauses are disabled: a query may not call another endpoint",
    "E016": "the endpoint {url} did not answer: {reason}",
    "E017": "{path}: another build is writing to this folder",
    "E018": "no document in the graph has kind {kind!r}",
    "E019": "{path}: could not be analysed ({reason}); the file was skipped",
    "E020": "none of the inputs could be read; nothing was built: {reasons}",
    "E021": "{path}: is not a regular file (a device, pipe or socket)",
    "E022": "the query ran longer than the limit of {seconds:g} s and was stopped",
    "E023": "the query could not run: {reason}",
    "E026": "{path}: cannot be parsed as {format} ({reason})",
    "E027": "--strict: {count} input(s) could not be built; nothing was written",
    "E040": "{path}: the Oxigraph store cannot be opened ({reason})",
    "E041": "{path}: the Oxigraph store is empty; run `spasmkg push --store oxigraph:DIR` (or query with --graph DIR)",
    "E042": "unknown store {spec!r}; stores: {known}",
    "E043": "the endpoint {url} refused the request: {reason}",
    "E044": "--timeout must be a whole number of seconds, at least 1; got {timeout!r}",
    "E045": "{url}: credentials in the URL are refused (they end up in logs and shell history); set SPASMKG_ENDPOINT_USER and SPASMKG_ENDPOINT_PASSWORD, or SPASMKG_ENDPOINT_TOKEN, or use a netrc file",
    "E046": "{path}: the netrc file cannot be read ({reason})",
    "E047": "{url}: credentials are only sent over https (or to this machine); refused over plain http",
    "E028": "query {name!r}: parameter {key!r} must be {kind}; got {value!r}",
    "E070": "trace needs the words of a claim (spasmkg trace \"TEXT\") or a reference number (spasmkg trace --ref N), not both and not neither",
    "E071": "--with-evidence only applies to {known}; export {format} has no claim or reference nodes to add",
    "E072": "push needs exactly one target: --endpoint URL or --store oxigraph:DIR",
    "E080": "the endpoint {url} redirects (HTTP {status}) to {target}, which is not followed: {reason}; if you trust the target, give it as the endpoint",
    "E081": "the endpoint {url} sent more than the limit of {limit} MB; raise it with SPASMKG_MAX_RESPONSE_MB",
    "E082": "--max-rows must be a whole number, at least 1; got {value!r}",
    "E083": "{source} is not valid UTF-8 ({reason})",
    "E084": "the endpoint {url} did not keep the push: {reason}",
    "E090": "{path}: {chars:,} characters is more than the parser reads at once ({limit:,}, SPASMKG_MAX_DOC_CHARS); split the file; it was skipped",
    "E091": "{path}: analysis took longer than {seconds:g} s (SPASMKG_DOC_SECONDS); the file was skipped",
    "E092": "{path}: analysis needed more than {mb:g} MB (SPASMKG_DOC_MB); the file was skipped",
    "E093": "{path}: cannot be used ({reason})",
    "E094": "interrupted (Ctrl-C); unfinished files were removed, the outputs are a whole set (the earlier one unless the new one was complete)",
    "E095": "unexpected failure ({kind}: {reason}); rerun with --debug for the traceback",
    "E096": "{path}: is one of the build's own outputs; an export may not replace it",
    "E097": "{path}: already exists; pass --force to replace it",
    "E098": "{path}: {format} is not read yet; the file was skipped (save it as plain text to include it)",
    "E100": "{path}: {format} is not a format spasmkg reads; the file was skipped",
    "E101": "{path}: has no text layer (a scanned PDF?); run OCR first; the file was skipped",
    "E102": "{path}: is encrypted and needs a password to be read ({reason}); the file was skipped",
    "E103": "{path}: is not well-formed XML ({reason}); the file was skipped",
    "E104": "{path}: declares {what}, which is refused (XML is read without DTDs, entities or network access); the file was skipped",
    "E106": "{path}: is not a valid {format} reference library ({reason}); the file was skipped",
    "E108": "{path}: entry {entry} of the {format} reference library cannot be used ({reason}); the file was skipped",
    "E109": "{path}: the {format} reference library holds no entries; the file was skipped",
    "E105": "{path}: is not a readable PDF ({reason}); the file was skipped",
    "E110": "{path}: reading the PDF went past the limit of {limit} ({setting}); the file was skipped",
    "E107": "{path}: GROBID at {url} did not give its text ({reason}); the file was skipped",
    "E099": "{prog}: {message} (see {prog} --help)",
    "E130": "{path}: the query index cannot be written ({reason}); query without it with --store memory",
    "E131": "--limit must be a whole number from 1 to {most}; got {value!r}",
    "E132": "--offset must be a whole number from 0 to {most}; got {value!r}",
    "E133": "--limit and --offset page the rows of a SELECT or CONSTRUCT query; an ASK query has none",
    "E134": "the query cannot be paged: {reason}",
    "E060": "the graph is inconsistent with the ontology: {details}",
    "E061": "the OWL reasoner could not run: {reason}",
}


class SpasmkgError(Exception):
    """A user-facing error; ``code`` finds its wording in :data:`MESSAGES`."""

    exit_code = 2

    def __init__(self, code: str, **values: object):
        self.code = code
        self.values = values
        super().__init__(f"[{code}] " + MESSAGES[code].format(**values))

    def __reduce__(self):
        # rebuilt from its code and values when it comes back from a worker process
        return (_restore, (self.code, self.values))


def _restore(code: str, values: dict) -> SpasmkgError:
    return SpasmkgError(code, **values)
