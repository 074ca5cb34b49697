"""spaCy pipeline components of spasmkg, each a registered factory named ``spasmkg_<name>``."""
