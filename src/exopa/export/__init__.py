"""Exports of the release for other tools and readers (the static site; see the submodules)."""
