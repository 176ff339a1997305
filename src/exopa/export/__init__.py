"""Derived editions and exports of the release: the OBO edition (OWL, OBO, OBO Graphs JSON, Babelon) and its QC."""
