"""``spasmkg serve``: a browser view of a built graph for readers who do not write SPARQL.

Every page is plain HTML drawn on the server from library queries with bound parameters; the
scripts only add type-ahead, the SPARQL editor and the network drawing. Read-only by design.
"""
