"""Shared fixtures: the source checkout, the review text, the release graph and store."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph

from exopa.tables import squash  # the build's own normalisation for checking quotes against the review

__all__ = ["squash"]

ROOT = Path(__file__).resolve().parents[1]
CURATION = ROOT / "ontology" / "curation"
REVIEW = ROOT / "ontology" / "source" / "review.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def table_rows(pattern: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(CURATION.glob(pattern)):
        with path.open(encoding="utf-8", newline="") as stream:
            rows.extend(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def exopa_command() -> str:
    beside = Path(sys.executable).with_name("exopa")
    exe = str(beside) if beside.exists() else shutil.which("exopa")
    assert exe, "the exopa console script is not installed"
    return exe


def run_exopa(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``exopa`` command as a user would, capturing its output; ``env`` adds variables, ``stdin``
    is written to its standard input."""
    environment = {**os.environ, **env} if env else None
    return subprocess.run([exopa_command(), *args], cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=600, input=stdin)  # fmt: skip


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


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A private Virtuoso server for the whole session (see tests/servers.py). Missing Virtuoso fails the tests in
    CI (scripts/test.sh installs it) and skips them elsewhere."""
    from servers import VirtuosoServer, virtuoso_binaries

    try:
        virtuoso_binaries()
    except AssertionError as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The static site (``exopa site``) built once for the session, with a base URL that is not the default."""
    out = tmp_path_factory.mktemp("site")
    result = run_exopa("site", "--out", str(out), "--base-url", "https://example.org/exopa-site/", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium driven by Selenium (module-scoped); skipped without chromium-driver, failed in CI."""
    if not CHROMEDRIVER.exists():
        message = "chromium-driver is not installed (bash scripts/test.sh installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    profile = tempfile.TemporaryDirectory(prefix="exopa-chromium-")
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={profile.name}", "--window-size=1280,1000"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    profile.cleanup()
