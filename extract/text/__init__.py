"""The text-only steps, before any parse: layout, citation markers, claims and the reference list."""
