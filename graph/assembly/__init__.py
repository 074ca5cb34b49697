"""One knowledge base over many documents: shared works, assembled statements, conflicts, communities.

Runs after every document has its own named graph, and writes what it finds to the named graph
``kg:graph/assembly``.
"""
