"""Where a built graph is kept and queried: files, rdflib in memory, Oxigraph, remote endpoints."""
