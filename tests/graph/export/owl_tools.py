"""The real OWL clients the OWL export is checked with: the OWL API's OWL 2 DL profile checker (the
library Protégé reads ontologies with, Debian's libowlapi-java) and the HermiT reasoner (the jar
owlready2 ships), both run offline in Java."""
from __future__ import annotations

import glob
import re
import shutil
import subprocess
from pathlib import Path

import pytest

OWLAPI_JAR = Path("/usr/share/java/owlapi-distribution.jar")

needs_owlapi = pytest.mark.skipif(shutil.which("java") is None or shutil.which("javac") is None
                                  or not OWLAPI_JAR.exists(),
                                  reason="needs Java and the OWL API (Debian libowlapi-java)")
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="needs a Java runtime for HermiT")

CHECKER = r'''
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;
public class DlProfile {
  public static void main(String[] a) throws Exception {
    OWLOntologyManager m = OWLManager.createOWLOntologyManager();
    m.setOntologyLoaderConfiguration(m.getOntologyLoaderConfiguration()
        .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT).setFollowRedirects(false));
    m.getIRIMappers().clear();
    OWLOntology o = m.loadOntologyFromOntologyDocument(new File(a[0]));
    OWLDocumentFormat f = m.getOntologyFormat(o);
    OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
    System.out.println("format=" + (f == null ? "?" : f.getKey()).replace(' ', '_') + " classes=" + o.getClassesInSignature().size()
        + " individuals=" + o.getIndividualsInSignature().size() + " violations=" + r.getViolations().size());
    for (OWLProfileViolation v : r.getViolations()) System.out.println(v.toString().split("\n")[0]);
  }
}'''


def owl_api_report(path: Path, workdir: Path) -> tuple[dict[str, int | str], list[str]]:
    """Load ``path`` with the OWL API and check it against the OWL 2 DL profile: the counts it
    prints (format, classes, individuals, violations) and the violations, one line each."""
    cp = ":".join(glob.glob("/usr/share/java/*.jar"))
    if not (workdir / "DlProfile.class").exists():
        (workdir / "DlProfile.java").write_text(CHECKER, encoding="utf-8")
        subprocess.run(["javac", "-cp", cp, "-d", str(workdir), str(workdir / "DlProfile.java")],
                       check=True, capture_output=True, timeout=300)
    run = subprocess.run(["java", "-cp", f"{workdir}:{cp}", "DlProfile", str(path)],
                         capture_output=True, text=True, timeout=600)
    lines = run.stdout.splitlines()
    assert lines and lines[0].startswith("format="), run.stdout + run.stderr[-2000:]
    counts = {k: (int(v) if v.isdigit() else v) for k, v in re.findall(r"(\w+)=(\S+)", lines[0])}
    return counts, lines[1:]


def hermit_consistent(path: Path) -> bool:
    """HermiT's own command line (``-k``: is owl:Thing satisfiable, i.e. is the ontology consistent),
    from the jar owlready2 ships; an inconsistent ontology makes it throw and exit 1."""
    import owlready2
    hermit = Path(owlready2.__file__).parent / "hermit"
    run = subprocess.run(["java", "-Xmx2000M", "-cp", f"{hermit}:{hermit / 'HermiT.jar'}",
                          "org.semanticweb.HermiT.cli.CommandLine", "-k", path.resolve().as_uri()],
                         capture_output=True, text=True, timeout=600)
    if run.returncode == 0 and "owl#Thing is satisfiable" in run.stdout:
        return True
    assert "InconsistentOntologyException" in run.stderr, run.stdout + run.stderr[-2000:]
    return False
