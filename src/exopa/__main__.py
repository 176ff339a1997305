"""Allow ``python -m exopa``."""

import sys

from .cli import main

sys.exit(main())
