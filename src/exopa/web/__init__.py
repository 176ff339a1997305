"""Serving the release over HTTP (``exopa serve``): SPARQL, and the term IRIs dereferenced like w3id.org does."""
