"""Shared fixtures: the source checkout, the review text, the release graph and store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
CURATION = ROOT / "ontology" / "curation"
REVIEW = ROOT / "ontology" / "source" / "review.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def squash(text: str) -> str:
    """Text without any whitespace, to compare quotes with the review regardless of line breaks."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def review_text() -> str:
    return REVIEW.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def release_graph() -> Graph:
    import exopa

    return exopa.graph()


@pytest.fixture(scope="session")
def release_store():
    import exopa

    return exopa.store()
