"""What one document contributes to a build's outputs, made once where it is extracted (a worker
process, a Dask worker) and cached with it: its named graph (N-Triples, for the build's store), its
block of ``graph.trig``, its entry in ``annotations.json`` and the counts the build summary shows.
Each depends on the document alone, so a rebuild copies them instead of recomputing them across the
whole corpus.
"""
from __future__ import annotations

from dataclasses import dataclass

from spasmkg.extract.model import DocumentResult

from spasmkg.graph.export import annotations_json as annotations
from spasmkg.graph.document_graph import add_document, new_dataset
from spasmkg.graph.export import trig
from spasmkg.graph.export.formats import oxigraph_quads


@dataclass(frozen=True)
class DocumentOutputs:
    ntriples: str            # the graph kg:graph/<doc id>
    trig: bytes              # that graph's block of graph.trig
    annotations: list[dict]  # its documents' entries of annotations.json (one)
    counts: dict             # claims, references, mentions, relations; problems (a list of messages)


def document_outputs(res: DocumentResult) -> DocumentOutputs:
    ds = new_dataset()
    g = add_document(ds, res)
    counts = {"claims": len(res.citations), "references": len(res.references), "mentions": len(res.mentions),
              "relations": len(res.relations), "problems": list(res.problems)}
    return DocumentOutputs(g.serialize(format="nt"), trig.block(oxigraph_quads(ds)), annotations.of_graph(g),
                           counts)
