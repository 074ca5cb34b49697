"""Reading a patient's account against the literature: rules (``rules.json``), quantities, verdicts."""
