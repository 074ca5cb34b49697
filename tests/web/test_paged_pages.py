"""The pages of ``spasmkg serve`` page their lists as the command line does: a library query's answer
100 rows a page, an entity's claims 50 a page, with next and previous links that follow each other
without a gap or a repeat (a real server on the seeds graph)."""
from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import urlencode

import pytest

from web_server import fetch, web, web_graph  # noqa: F401  (web, web_graph: fixtures)

pytestmark = pytest.mark.slow
KG = "https://w3id.org/spasmkg/id/"


def _links(text: str) -> dict[str, str]:
    return {rel: html.unescape(href) for rel, href in re.findall(r'<a rel="(next|prev)" href="([^"]+)"', text)}


def _cells(text: str) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", text, re.S)[1:]          # the table's rows, without its head


def test_a_library_querys_pages_put_end_to_end_are_its_download(web):
    pages, url, seen = [], f"{web}/queries/communities?run=1", []
    while url:
        r = fetch(url)
        assert r.status == 200
        rows = _cells(r.text)
        assert 0 < len(rows) <= 100
        pages.append(rows)
        links = _links(r.text)
        assert ("prev" in links) == (len(pages) > 1)
        seen.append(url)
        url = f"{web}/queries/communities{links['next']}" if "next" in links else None
    assert [len(p) for p in pages[:-1]] == [100] * (len(pages) - 1) and len(pages) >= 3
    whole = list(csv.reader(io.StringIO(fetch(f"{web}/queries/communities/results.csv?run=1").text)))[1:]
    assert sum(len(p) for p in pages) == len(whole)
    assert "offset=100" in seen[1] and "offset=200" in seen[2]
    page = list(csv.reader(io.StringIO(fetch(f"{web}/queries/communities/results.csv?run=1&limit=100&offset=100").text)))[1:]
    assert page == whole[100:200]


def test_an_entitys_page_links_its_next_claims(web):
    iri = KG + "entity/acute_muscle_spasm"
    first = fetch(f"{web}/entity?{urlencode({'iri': iri})}")
    total = int(re.search(r"Claims that mention it \((\d+)\)", first.text).group(1))
    assert first.status == 200 and total > 0
    past = fetch(f"{web}/entity?{urlencode({'iri': iri, 'offset': total})}")
    assert past.status == 200 and "prev" in _links(past.text) and "next" not in _links(past.text)
    assert 'class="claim"' not in past.text                         # past the last claim: none shown


@pytest.mark.parametrize("offset", ["-1", "x", "1.5"])
def test_a_bad_offset_is_a_400(web, offset):
    r = fetch(f"{web}/entity?{urlencode({'iri': KG + 'entity/acute_muscle_spasm', 'offset': offset})}")
    assert r.status == 400 and "E132" in r.text
