"""The Python API documentation is generated from the docstrings (pdoc) and documents every public function."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import exopa
from exopa.apidocs import MODULES, build_api_docs


def test_api_documentation_is_built_from_the_docstrings(tmp_path: Path) -> None:
    pytest.importorskip("pdoc")
    index = build_api_docs(tmp_path / "api")
    assert index.is_file()
    package = (tmp_path / "api" / "exopa.html").read_text(encoding="utf-8")
    for name in exopa.__all__:
        function = getattr(exopa, name)
        assert f'id="{name}"' in package, name
        first_line = function.__doc__.strip().splitlines()[0]
        words = re.sub(r"[`:*]|\\b(func|class|data)\\b", " ", first_line).split()[:4]
        assert all(word.strip("~.,;()") in re.sub(r"<[^>]+>", " ", package) for word in words), (name, words)
    for module in MODULES[1:]:
        assert (tmp_path / "api" / (module.replace(".", "/") + ".html")).is_file(), module
