"""The stores, behind one registry: the index beside the built graph (default, ``--store index``),
``--store memory``, ``--store oxigraph:DIR``, or ``--endpoint URL``. Each store answers ``query`` and ``select`` (:class:`~spasmkg.graph.store.base.QueryStore`)
and sees the union of the named graphs as its default graph, so library queries need no ``GRAPH``."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.base import QueryStore


def _memory(where: str, graph_dir: Path) -> QueryStore:
    from spasmkg.graph.store.memory import MemoryStore
    return MemoryStore.open(graph_dir)


def _oxigraph(where: str, graph_dir: Path) -> QueryStore:
    """The persistent store in ``where``; when it is empty and ``graph_dir`` holds a built graph, the
    graph is loaded into it first, so the first query fills the store."""
    import gc

    from spasmkg.common.errors import SpasmkgError
    from spasmkg.graph.store.oxigraph import OxigraphStore
    try:                 # a filled store is asked read-only: no compaction of the writer's runs under a query
        st = OxigraphStore(Path(where), read_only=True)
        if not st.is_empty():
            return st
        del st
    except SpasmkgError:
        pass             # no database there yet
    st = OxigraphStore(Path(where))
    if not (st.is_empty() and (Path(graph_dir) / "graph.trig").exists()):
        return st
    st.load_graph(graph_dir)
    del st
    gc.collect()         # the writer closed before the store is opened again to be read
    return OxigraphStore(Path(where), read_only=True)


def _index(where: str, graph_dir: Path) -> QueryStore:
    """The built graph's own persistent index (``OUT/index/``), made or renewed first when the graph
    changed since (:mod:`spasmkg.graph.store.index`)."""
    from spasmkg.graph.store.index import open_index
    return open_index(Path(graph_dir))


#: store kind -> (how ``--store`` spells it, opener(where, graph_dir)); the only list of local stores
STORES: dict[str, tuple[str, Callable[[str, Path], QueryStore]]] = {
    "index": ("index", _index),
    "memory": ("memory", _memory),
    "oxigraph": ("oxigraph:DIR", _oxigraph),
}
WHOLE = ("index", "memory")     # kinds spelled without a folder
STORE_KINDS = tuple(spelling for spelling, _ in STORES.values())


def parse_spec(spec: str | None) -> tuple[str, str]:
    """``oxigraph:DIR`` -> ("oxigraph", "DIR"); None or ``index`` -> ("index", ""); ``memory`` ->
    ("memory", ""). Checked before anything is opened."""
    if not spec:
        return "index", ""
    if spec in WHOLE:
        return spec, ""
    kind, sep, where = spec.partition(":")
    if kind in STORES and kind not in WHOLE and sep and where:
        return kind, where
    raise SpasmkgError("E042", spec=spec, known=", ".join(STORE_KINDS))


def open_store(spec: str | None, graph_dir: Path, endpoint: str | None = None,
               timeout: int | None = None) -> QueryStore:
    """The store named by ``--store`` / ``--endpoint``: an endpoint URL wins over ``spec``."""
    if endpoint:
        from spasmkg.graph.store.endpoint import EndpointStore
        return EndpointStore(endpoint, timeout=timeout)
    kind, where = parse_spec(spec)
    return STORES[kind][1](where, Path(graph_dir))
