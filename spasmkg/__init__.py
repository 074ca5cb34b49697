"""spasmkg: a knowledge graph of the clinical literature on back muscle spasms."""
__version__ = "0.1.0"
