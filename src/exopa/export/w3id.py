"""The w3id.org redirect rules for ``https://w3id.org/exopa/`` (an ``.htaccess`` and its README), generated from
where the site and the release files are hosted.
"""

from __future__ import annotations

#: The repository on GitHub; the site is its GitHub Pages site, versioned release files are read at its tags.
REPOSITORY = "exopa/exopa"
#: Where ``exopa site`` output is hosted (GitHub Pages of the repository).
SITE = "https://{}.github.io/{}/".format(*REPOSITORY.split("/"))
#: A release file of a version, at the repository's tag ``v{version}``.
RELEASES = f"https://raw.githubusercontent.com/{REPOSITORY}/v{{version}}/ontology/release/{{file}}"
