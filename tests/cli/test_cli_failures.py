"""Careless use of the real command line: every failure is one coded line on stderr and exit 2,
never a traceback (``--debug`` shows it); exit 1 stays a negative result; exports never replace the
built graph, nor an existing file unasked."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spasmkg.build.run import OUTPUTS, PROVENANCE

PROSE = ("Lumbar muscle spasm often follows a twisting injury [1]. Tizanidine eased the cramping in most "
         "of the patients studied [2].\n\nReferences\n\n1. Alder K. Twisting injuries. Back J. 2011;3:4-9.\n"
         "2. Birch L. Tizanidine for cramps. Pain Res. 2015;8:1-7.\n")


def spasmkg(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spasmkg.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, **kw)


def in_process(*args: str) -> subprocess.CompletedProcess:
    """``spasmkg ARGS`` through :func:`spasmkg.cli.main` in this process (the same code path, without
    the interpreter's start-up), its stderr captured."""
    import contextlib
    import io
    from spasmkg.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def one_coded_line(p: subprocess.CompletedProcess, code: str) -> str:
    """The run failed with exit 2 and said so in one line carrying ``code``, without a traceback."""
    assert p.returncode == 2, (p.returncode, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"spasmkg: error: [{code}]"), p.stderr
    assert "Traceback" not in p.stderr
    return lines[0]


def digest(folder: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir()) if f.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from spasmkg.build.run import build
    root = tmp_path_factory.mktemp("cli-failures")
    (root / "in").mkdir()
    (root / "in" / "spasm.txt").write_text(PROSE, encoding="utf-8")
    build([root / "in"], root / "out")
    return root / "out"


def test_out_that_is_a_file_or_lies_under_one(tmp_path):
    (tmp_path / "doc.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    line = one_coded_line(spasmkg("build", "doc.txt", "--out", "taken", "--quiet", cwd=tmp_path), "E093")
    assert "taken" in line
    one_coded_line(spasmkg("build", "doc.txt", "--out", "taken/sub", "--quiet", cwd=tmp_path), "E093")
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs sysfs, where no one may create a folder")
def test_out_that_cannot_be_created(tmp_path):
    (tmp_path / "doc.txt").write_text(PROSE, encoding="utf-8")
    line = one_coded_line(spasmkg("build", "doc.txt", "--out", "/sys/spasmkg-out", "--quiet", cwd=tmp_path), "E093")
    assert "/sys/spasmkg-out" in line


def _unreadable_folder(base: Path) -> Path:
    """A folder this process cannot list: one made so with ``chmod 000`` when permissions apply to it,
    else (root) a kernel folder that refuses even root, when there is one."""
    if os.geteuid() != 0:
        locked = base / "locked"
        locked.mkdir()
        (locked / "doc.txt").write_text(PROSE, encoding="utf-8")
        locked.chmod(0o000)
        return locked
    for candidate in (Path("/proc/1/map_files"), Path("/proc/1/root")):
        try:
            os.listdir(candidate)
        except PermissionError:
            return candidate
        except OSError:
            continue
    pytest.skip("running as root, and no folder here refuses root")


def test_unreadable_input_folder(tmp_path):
    locked = _unreadable_folder(tmp_path)
    try:
        p = spasmkg("build", str(locked), "--out", str(tmp_path / "o"), "--quiet")
        line = one_coded_line(p, "E020")
        assert "[E093]" in line and str(locked) in line
    finally:
        if locked.is_relative_to(tmp_path):
            locked.chmod(0o755)


@pytest.mark.parametrize("damage", ["syntax", "utf8"])
def test_a_broken_graph_file_is_named_by_every_reader(built, tmp_path, damage):
    broken = tmp_path / "graph"
    broken.mkdir()
    good = (built / "graph.trig").read_bytes()
    bad = good + (b'\n<urn:a> <urn:b> "unterminated .\n' if damage == "syntax"
                  else b'\n<urn:a> <urn:b> "\xff\xfe" .\n')
    (broken / "graph.trig").write_bytes(bad)
    g = str(broken)
    for args in (["sparql", "ASK { ?s ?p ?o }", "--graph", g], ["validate", "--graph", g],
                 ["export", "gexf", "--graph", g, "--out", str(tmp_path / "x.gexf")],
                 ["query", "uncited-references", "--graph", g, "--store", f"oxigraph:{tmp_path / 'store'}"],
                 ["trace", "spasm", "--graph", g]):
        assert "graph.trig" in one_coded_line(spasmkg(*args), "E026")
    assert (broken / "graph.trig").read_bytes() == bad and not (tmp_path / "x.gexf").exists()


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    p = spasmkg("build", str(tmp_path), "--out", str(tmp_path / "taken"), "--quiet", "--debug")
    assert p.returncode == 2 and "[E093]" in p.stderr and "Traceback" in p.stderr
    p = spasmkg("--debug", "sparql", "ASK {", "--graph", str(tmp_path))
    assert p.returncode == 2 and "Traceback" in p.stderr


def test_a_negative_result_is_still_exit_1(built):
    p = spasmkg("validate", "--graph", str(built))
    assert p.returncode == 0, p.stderr            # a conforming graph; non-conformance is exit 1 (not an error)


@pytest.mark.parametrize("fmt,name", [("gexf", "graph.trig"), ("annotations", PROVENANCE), ("graphml", "graph.gexf"),
                                      ("trig", "annotations.json"), ("turtle", ".cache/x.ttl"), ("nquads", ".store")])
def test_an_export_never_replaces_the_builds_own_files(built, fmt, name):
    before = digest(built)
    for extra in ([], ["--force"]):
        p = in_process("export", fmt, "--graph", str(built), "--out", str(built / name), *extra)
        assert str(built / name) in one_coded_line(p, "E096")
    assert digest(built) == before and set(OUTPUTS) <= set(before)


def test_an_export_into_another_build_folder_or_through_a_link_is_refused(built, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "graph.trig").write_text("# another build\n", encoding="utf-8")
    one_coded_line(in_process("export", "gexf", "--graph", str(built), "--out", str(other / "graph.trig")), "E096")
    (tmp_path / "link.gexf").symlink_to(built / "graph.trig")
    one_coded_line(in_process("export", "gexf", "--graph", str(built), "--out", str(tmp_path / "link.gexf"), "--force"),
                   "E096")
    assert (other / "graph.trig").read_text(encoding="utf-8") == "# another build\n"


def test_an_existing_file_is_replaced_only_with_force(built, tmp_path):
    target = tmp_path / "mine.gexf"
    target.write_text("my notes\n", encoding="utf-8")
    one_coded_line(in_process("export", "gexf", "--graph", str(built), "--out", str(target)), "E097")
    assert target.read_text(encoding="utf-8") == "my notes\n"
    p = in_process("export", "gexf", "--graph", str(built), "--out", str(target), "--force")
    assert p.returncode == 0, p.stderr
    assert target.read_bytes().startswith(b"<?xml")
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "nodes.csv").write_text("mine\n", encoding="utf-8")
    one_coded_line(in_process("export", "csv", "--graph", str(built), "--out", str(tmp_path / "tables")), "E097")
    assert (tmp_path / "tables" / "nodes.csv").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.slow
def test_a_16_mb_literal_is_read_and_exported(tmp_path):
    """A label longer than libxml2's 10 MB default for one value: every reader and exporter copes."""
    big = tmp_path / "graph"
    big.mkdir()
    kg, skg = "https://w3id.org/spasmkg/id/", "https://w3id.org/spasmkg/ontology#"
    (big / "graph.trig").write_text(
        f"<{kg}graph/a> {{\n<{kg}entity/huge> a <{skg}Condition> ;\n"
        f'  <http://www.w3.org/2000/01/rdf-schema#label> "{"spasm " * 2_700_000}" .\n}}\n', encoding="utf-8")
    g = str(big)
    for fmt in ("gexf", "graphml", "timeline-gexf"):
        p = in_process("export", fmt, "--graph", g, "--out", str(tmp_path / f"x.{fmt}"))
        assert p.returncode == 0, p.stderr
    assert (tmp_path / "x.gexf").stat().st_size > 16_000_000
    p = in_process("sparql", "SELECT (STRLEN(?l) AS ?n) WHERE { ?s ?p ?l FILTER(isLiteral(?l)) }", "--graph", g,
                   "--store", f"oxigraph:{tmp_path / 'store'}", "--format", "csv")
    assert p.returncode == 0 and "16200000" in p.stdout, p.stderr
    assert in_process("validate", "--graph", g).returncode in (0, 1)


def test_a_usage_error_is_one_coded_line_too(capsys):
    from spasmkg.cli import main
    for args in (["build", "--processes", "0"], ["no-such-verb"], ["export"], ["query", "--param"],
                 ["trace", "-:"]):                 # a text argparse reads as an option
        assert main(args) == 2                   # returned, like every other failure
        err = capsys.readouterr().err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("spasmkg: error: [E099] spasmkg"), err



def test_help_and_version_return_zero(capsys):
    from spasmkg.cli import main
    assert main(["--version"]) == 0 and "spasmkg" in capsys.readouterr().out
