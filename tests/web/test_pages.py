"""Every page of ``spasmkg serve`` over HTTP, on the seeds graph: what each shows, that graph text
reaches it as text, that unknown IRIs are 404s and that nothing can change the graph."""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import quote, urlencode

import pytest

from web_server import HOSTILE, HOSTILE_LABEL, fetch, serve, web, web_graph  # noqa: F401  (web, web_graph: fixtures)

pytestmark = pytest.mark.slow

KG = "https://w3id.org/spasmkg/id/"
SLR = KG + "entity/straight_leg_raise_test"
LASEGUE_CLAIM = KG + "claim/spasm-review/7703-7902"
REF28 = KG + "ref/spasm-review/28"
CLARE = KG + "patient/patient-clare"


def page(web, path: str, **params) -> str:
    r = fetch(f"{web}{path}" + (f"?{urlencode(params)}" if params else ""))
    assert r.status == 200, (path, r.status, r.text[:500])
    assert r.headers["Content-Type"].startswith("text/html")
    return r.text


def text_of(html: str) -> str:
    """The page's words without tags, as a reader sees them."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_listens_on_this_machine_only(web):
    assert web.startswith("http://127.0.0.1:")


def test_start_page_links_the_patient_and_the_library(web):
    html = page(web, "/")
    assert f'href="/patient?iri={quote(CLARE, safe="")}"' in html
    assert 'href="/queries"' in html and 'href="/sparql"' in html


def test_search_finds_entities_claims_and_references(web):
    html = page(web, "/search", q="straight leg")
    assert f'/entity?iri={quote(SLR, safe="")}' in html
    assert "straight leg raise test" in html and ">claim<" in html
    refs = page(web, "/search", q="acute low back pain")
    assert f'/reference?iri={quote(REF28, safe="")}' in refs


def test_suggestions_are_json_with_pages(web):
    r = fetch(f"{web}/api/suggest?q=straight+leg")
    assert r.status == 200 and r.headers["Content-Type"].startswith("application/json")
    items = json.loads(r.text)
    assert items[0] == {"kind": "entity", "label": "straight leg raise test", "url": f"/entity?iri={quote(SLR, safe='')}"}
    assert json.loads(fetch(f"{web}/api/suggest?q=s").text) == []


def test_entity_page(web):
    html = page(web, "/entity", iri=SLR)
    words = text_of(html)
    assert "ExamSign" in words and "SLR test" in words
    # the Lasègue claim, the mention highlighted where it stands, and reference 28 behind it
    assert "<mark>straight leg raising</mark> and dorsiflexing the ankle" in html
    assert "(Lasègue sign), nerve root irritation" in html
    assert f'href="/reference?iri={quote(REF28, safe="")}"' in html and "[28]" in words
    assert f'href="/claim?iri={quote(LASEGUE_CLAIM, safe="")}"' in html
    assert "straight leg raise test indicates nerve root irritation" in words
    assert f'href="/network?iri={quote(SLR, safe="")}"' in html
    assert "Lasègue sign 1 claim " in words and "leg 2 claims" in words      # mentioned in the same claims


def test_entity_groundings_link_to_hpo(web):
    html = page(web, "/entity", iri=KG + "entity/stiffness")
    assert 'href="https://hpo.jax.org/browse/term/HP:0003552"' in html and "Muscle stiffness" in html


def test_claim_page(web):
    html = page(web, "/claim", iri=LASEGUE_CLAIM)
    words = text_of(html)
    assert "Evaluation by Clinician (Clinical Signs)" in words and "Acute Muscle Spasms of the Back" in words
    assert re.search(r'<mark class="this-claim">If placing the knee back[^<]*are likely</mark>\.²⁸ <a class="context"', html)
    assert "Pain occurring when the angle is between 30 and 60 degrees" in words       # the paragraph around it
    assert "Bratton RL" in words and "Am Fam Physician" in words and "2299-2308" in words
    assert "No other document of this graph states the same" in words
    assert f'href="/entity?iri={quote(KG + "entity/lasegue_sign", safe="")}"' in html


def test_reference_page_lists_every_citing_claim(web):
    html = page(web, "/reference", iri=REF28)
    words = text_of(html)
    assert "Assessment and management of acute low back pain" in words
    assert html.count('href="/claim?iri=') == 15          # reference 28 backs 15 claims of the review
    assert "If placing the knee back in full extension" in words


def test_patient_page_draws_the_timeline(web):
    html = page(web, "/patient", iri=CLARE)
    svg = re.search(r'<svg class="timeline".*?</svg>', html, re.S)
    assert svg, "no timeline drawing"
    for lane in ("Episodes", "Visits", "Tests", "Treatments", "Outcomes"):
        assert f">{lane}</text>" in svg.group(0)
    assert svg.group(0).count('class="mark episode"') == 10            # the account's ten dated episodes
    assert 'class="mark outcome"' in svg.group(0) and ">2004</text>" in svg.group(0)
    assert 'id="timeline-close-up"' in html
    words = text_of(html)
    assert "Well mine last for days." in words and "outside the usual site" in words \
        and "within the usual age at onset" in words
    assert "hydromorphone" in words


def test_patients_page(web):
    assert "Clare" in text_of(page(web, "/patients"))


def test_network_page_carries_its_elements(web):
    html = page(web, "/network", iri=SLR)
    data = json.loads(re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S).group(1))
    ids = {d["data"]["id"] for d in data}
    assert len(ids) == len(data), "an element id twice (Cytoscape.js refuses the whole drawing)"
    assert SLR in ids and KG + "entity/nerve_root_irritation" in ids
    assert any(d["data"].get("label") == "indicates" and d["data"].get("source") == SLR for d in data)
    assert '<script src="/vendor/cytoscape.min.js"></script>' in html
    wide = page(web, "/network", iri=KG + "entity/acute_muscle_spasm")
    elements = json.loads(re.search(r'id="network-data">(.*?)</script>', wide, re.S).group(1))
    edges = [d["data"] for d in elements if "source" in d["data"]]
    assert len(edges) >= 20 and len({e["id"] for e in edges}) == len(edges)
    assert len({(e["source"], e["label"], e["target"]) for e in edges}) == len(edges)


def test_library_lists_every_query_and_runs_one_as_a_form(web):
    html = page(web, "/queries")
    assert 'href="/queries/exam-signs"' in html and 'href="/queries/patient-timeline"' in html
    form = page(web, "/queries/exam-signs")
    assert 'name="condition"' in form and "nerve root irritation" in form and "<table" not in form
    answer = page(web, "/queries/exam-signs", condition="nerve root irritation")
    assert "2 rows" in answer and "Lasègue sign" in answer and "results.csv?condition=nerve+root+irritation" in answer
    assert f'<a href="/entity?iri={quote(KG + "entity/lasegue_sign", safe="")}">kg:entity/lasegue_sign</a>' in answer
    assert f'<a href="/claim?iri={quote(LASEGUE_CLAIM, safe="")}">' in page(web, "/queries/claims-citing", ref="28")


def test_library_downloads(web):
    r = fetch(f"{web}/queries/exam-signs/results.csv?condition=nerve+root+irritation")
    assert r.status == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="exam-signs.csv"' == r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(x["signLabel"] for x in rows) == ["Lasègue sign", "straight leg raise test"]
    j = json.loads(fetch(f"{web}/queries/exam-signs/results.json?condition=nerve+root+irritation").text)
    assert "signLabel" in j["head"]["vars"] and len(j["results"]["bindings"]) == 2


def test_library_parameters_are_bound_not_pasted(web):
    hostile = '"} ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "1'
    html = page(web, "/queries/exam-signs", condition=hostile)
    assert "0 rows" in html
    bad = fetch(f"{web}/queries/claims-citing?ref=twenty")
    assert bad.status == 400 and "must be a whole number" in bad.text
    assert fetch(f"{web}/queries/no-such-query").status == 404
    assert "2 rows" in page(web, "/queries/exam-signs", condition="nerve root irritation")   # still all there


def test_sparql_editor_and_endpoint(web):
    html = page(web, "/sparql")
    assert "<textarea" in html and '<script src="/vendor/yasgui.min.js"></script>' in html
    q = "SELECT ?l WHERE { <%s> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }" % SLR
    assert "straight leg raise test" in page(web, "/sparql", query=q)
    r = fetch(f"{web}/sparql/endpoint?{urlencode({'query': q})}")
    assert r.status == 200 and r.headers["Content-Type"].startswith("application/sparql-results+json")
    assert json.loads(r.text)["results"]["bindings"] == [{"l": {"type": "literal", "value": "straight leg raise test"}}]
    r = fetch(f"{web}/sparql/endpoint", data=q.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status == 200 and "straight leg raise test" in r.text


@pytest.mark.parametrize("how", ["update-param", "update-body", "query-param", "get"])
def test_updates_are_refused(web, how):
    update = "INSERT DATA { <urn:spasmkg:test> <urn:spasmkg:p> \"written\" }"
    if how == "update-param":
        r = fetch(f"{web}/sparql/endpoint", data=urlencode({"update": update}).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-body":
        r = fetch(f"{web}/sparql/endpoint", data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    elif how == "query-param":
        r = fetch(f"{web}/sparql/endpoint", data=urlencode({"query": update}).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        r = fetch(f"{web}/sparql?{urlencode({'query': update})}")
    assert r.status == 403 and "read-only" in r.text
    ask = fetch(f"{web}/sparql/endpoint?{urlencode({'query': 'ASK { <urn:spasmkg:test> ?p ?o }'})}")
    assert json.loads(ask.text)["boolean"] is False


def test_service_is_refused(web):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = fetch(f"{web}/sparql/endpoint?{urlencode({'query': q})}")
    assert r.status == 403 and "SERVICE" in r.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_pages_answer_no_writing_methods(web, method):
    assert fetch(f"{web}/entity?{urlencode({'iri': SLR})}", data=b"x", method=method).status == 405


@pytest.mark.parametrize("path", ["/entity", "/claim", "/reference", "/patient", "/network"])
def test_unknown_iris_are_404(web, path):
    r = fetch(f"{web}{path}?{urlencode({'iri': KG + 'entity/no_such_thing'})}")
    assert r.status == 404 and "no_such_thing" in r.text
    assert fetch(f"{web}{path}?{urlencode({'iri': 'not an iri'})}").status == 400
    assert fetch(f"{web}{path}").status == 400


def test_unknown_paths_and_vendor_files_are_404(web):
    assert fetch(f"{web}/no/such/page").status == 404
    assert fetch(f"{web}/vendor/package.json").status == 404
    assert fetch(f"{web}/vendor/..%2F..%2Fpackage.json").status == 404
    assert fetch(f"{web}/static/..%2F__init__.py").status in (403, 404)


def test_markup_in_the_graph_shows_as_text(web):
    html = page(web, "/entity", iri=HOSTILE)
    assert "<script>alert(" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; syndrome" in html
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html     # shown, not linked
    found = page(web, "/search", q="<script>alert(")
    assert "<script>alert(" not in found and "&lt;script&gt;alert(" in found
    assert json.loads(fetch(f"{web}/api/suggest?q=bold").text)[0]["label"] == HOSTILE_LABEL
    network = page(web, "/network", iri=HOSTILE)
    assert "<script>alert(" not in network and "\\u003cscript\\u003e" in network


def test_requests_addressed_to_another_host_are_refused(web):
    """A page elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    r = fetch(f"{web}/entity?{urlencode({'iri': SLR})}", headers={"Host": "attacker.example"})
    assert r.status == 403 and "straight leg raise" not in r.text
    assert fetch(f"{web}/sparql/endpoint?query=ASK%7B%7D", headers={"Host": "attacker.example:80"}).status == 403
    port = web.rsplit(":", 1)[1]
    assert fetch(f"{web}/", headers={"Host": f"localhost:{port}"}).status == 200


def test_headers_keep_scripts_to_this_server(web):
    r = fetch(f"{web}/")
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_the_rdflib_store_serves_the_same_pages(web, web_graph):
    with serve(web_graph, "--store", "memory") as memory:
        for path, iri in (("/entity", SLR), ("/claim", LASEGUE_CLAIM), ("/reference", REF28)):
            assert page(memory, path, iri=iri) == page(web, path, iri=iri)


def test_an_endpoint_serves_the_same_pages(web, oxigraph_server):
    """``--endpoint``: the pages read a real ``oxigraph serve`` (holding the seeds without our entity)."""
    import sys
    from pathlib import Path
    with serve(Path(sys.prefix), "--endpoint", f"{oxigraph_server}/query") as remote:
        for path, iri in (("/entity", SLR), ("/claim", LASEGUE_CLAIM), ("/patient", CLARE)):
            assert page(remote, path, iri=iri) == page(web, path, iri=iri)
        assert fetch(f"{remote}/entity?{urlencode({'iri': HOSTILE})}").status == 404
        ask = fetch(f"{remote}/sparql/endpoint?{urlencode({'query': 'ASK { ?s ?p ?o }'})}")
        assert json.loads(ask.text)["boolean"] is True


def test_no_graph_is_a_coded_error(tmp_path):
    import subprocess
    import sys
    p = subprocess.run([sys.executable, "-m", "spasmkg.cli", "serve", "--graph", str(tmp_path), "--port", "0"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "[E007]" in p.stderr and str(tmp_path) in p.stderr
