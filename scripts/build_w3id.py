"""Write w3id/.htaccess and w3id/README.md, the folder to submit to perma-id/w3id.org as ``exopa/``.

    python scripts/build_w3id.py [--site URL] [--releases URL-PATTERN] [--out DIR]

Defaults: the repository's GitHub Pages site and its tagged release files (src/exopa/export/w3id.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from exopa.export.w3id import Hosting, htaccess, readme  # noqa: E402
from exopa.release import write_atomically  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = Hosting()
    parser.add_argument("--site", default=defaults.site, help=f"where `exopa site` is hosted (default {defaults.site})")
    parser.add_argument(
        "--releases", default=defaults.releases, help="URL of a release file, with {version} and {file}"
    )
    parser.add_argument("--out", default=str(ROOT / "w3id"), help="output folder (default: w3id/)")
    args = parser.parse_args(argv)
    hosting = Hosting(args.site, args.releases)
    out = Path(args.out)
    write_atomically({out / ".htaccess": htaccess(hosting).encode(), out / "README.md": readme(hosting).encode()})
    print(out / ".htaccess")
    print(out / "README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
