"""spaCy pipeline components of spasmkg, each a registered factory named ``spasmkg_<name>_v1`` (spaCy allows no dot in a factory name; the version is the suffix)."""
