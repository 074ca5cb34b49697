"""The lowest layer: errors worded once, limits, atomic writes. Imports no other part of spasmkg."""
