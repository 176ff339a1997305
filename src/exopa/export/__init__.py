"""Exports of the release graph to the formats of other communities' tools (KGX/Biolink)."""
