#!/usr/bin/env bash
# Install everything the tests need into .venv and run them (the README's test command).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1; then  # HermiT (owlready2) needs a Java runtime
  apt-get update -q && apt-get install -y -q default-jre-headless
fi
missing=()  # exopa docs draws with Graphviz (DejaVu Sans); the docs test opens the pages in headless Chromium
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q && apt-get install -y -q "${missing[@]}"
fi
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q '.[test]'
.venv/bin/ruff check src tests
.venv/bin/pytest -q "$@"
