"""``ontology/mappings/biolink.tsv``: the Biolink category of every exopa class and the Biolink predicate of every
exopa predicate (with the qualifiers, negation or inversion it needs), read and checked against the TBox."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..compile import CurationErrors, Vocabulary
from ..tables import CurationError, Row, read_table

TABLE = Path("ontology") / "mappings" / "biolink.tsv"
TABLE_COLUMNS = [
    "exopa_id", "direction", "kgx_role", "biolink_id", "match", "object_direction_qualifier", "negated", "inverse",
    "qualified_predicate", "object_aspect_qualifier", "comment",
]  # fmt: skip
ROLES = ("node", "edge", "predicate", "publications", "has_evidence", "none")
MATCHES = ("exact", "close", "broad")
DIRECTIONS = ("up", "down", "no-change")
QUALIFIERS = ("increased", "decreased")


@dataclass(frozen=True)
class PredicateMapping:
    """The Biolink form of one exopa predicate (with a given finding direction)."""

    predicate: str
    qualifier: str
    negated: bool
    inverse: bool
    qualified_predicate: str = ""


@dataclass
class BiolinkTable:
    """The rows of ``biolink.tsv``: node categories (with the aspect an affects edge qualifies on nodes of the
    class), the edge category and the predicate mappings."""

    categories: dict[str, str]
    roles: dict[str, str]
    edge_category: str
    predicates: dict[tuple[str, str], PredicateMapping]
    aspects: dict[str, str]


def read_biolink_table(path: Path, vocabulary: Vocabulary) -> BiolinkTable:
    """Read and check the mapping table against the TBox; every problem is a ``file:row:column`` error."""
    errors: list[CurationError] = []
    categories: dict[str, str] = {}
    aspects: dict[str, str] = {}
    roles: dict[str, str] = {}
    edge_categories: list[str] = []
    predicates: dict[tuple[str, str], PredicateMapping] = {}
    try:
        rows = list(read_table(path, TABLE_COLUMNS))
    except CurationError as error:
        raise CurationErrors([error]) from None
    for row in rows:
        problem = _check_row(row, vocabulary)
        if problem is not None:
            errors.append(problem)
            continue
        name, role, biolink = row["exopa_id"].removeprefix("exopa:"), row["kgx_role"], row["biolink_id"]
        if role == "predicate":
            key = (name, row["direction"])
            if key in predicates:
                errors.append(row.error("direction", f"a second row for exopa:{name} with direction '{key[1]}'"))
                continue
            predicates[key] = PredicateMapping(biolink, row["object_direction_qualifier"], row["negated"] == "true",
                                               row["inverse"] == "true", row["qualified_predicate"])  # fmt: skip
            continue
        if name in roles:
            errors.append(row.error("exopa_id", f"a second row for exopa:{name}"))
            continue
        roles[name] = role
        if role == "node":
            categories[name] = biolink
            if row["object_aspect_qualifier"]:
                aspects[name] = row["object_aspect_qualifier"]
        elif role == "edge":
            edge_categories.append(biolink)
    for name in sorted(set(vocabulary.classes) - set(roles)):
        errors.append(CurationError(path, 0, 0, f"no row for the class exopa:{name}"))
    for name in sorted(set(vocabulary.predicates) - {key[0] for key in predicates}):
        errors.append(CurationError(path, 0, 0, f"no row for the predicate exopa:{name}"))
    if len(edge_categories) != 1 and not errors:
        errors.append(CurationError(path, 0, 0, "exactly one row must have kgx_role 'edge' (exopa:Finding)"))
    if errors:
        raise CurationErrors(errors)
    return BiolinkTable(categories, roles, edge_categories[0], predicates, aspects)


def _check_row(row: Row, vocabulary: Vocabulary) -> CurationError | None:
    exopa_id, role, biolink = row["exopa_id"], row["kgx_role"], row["biolink_id"]
    name = exopa_id.removeprefix("exopa:")
    if role not in ROLES:
        return row.error("kgx_role", f"kgx_role must be one of {', '.join(ROLES)}, not '{role}'")
    if role == "predicate":
        if name not in vocabulary.predicates or not exopa_id.startswith("exopa:"):
            return row.error("exopa_id", f"'{exopa_id}' is not an association predicate of the TBox")
    elif name not in vocabulary.classes or not exopa_id.startswith("exopa:"):
        return row.error("exopa_id", f"'{exopa_id}' is not a class of the TBox")
    if (role == "none") != (biolink == ""):
        return row.error("biolink_id", "biolink_id is required, except (and only) for kgx_role 'none'")
    if biolink and not biolink.startswith("biolink:"):
        return row.error("biolink_id", f"'{biolink}' is not a biolink: CURIE")
    if (role == "none") != (row["match"] == "") or (row["match"] and row["match"] not in MATCHES):
        return row.error("match", f"match must be one of {', '.join(MATCHES)} (empty for kgx_role 'none')")
    if row["object_aspect_qualifier"] and role != "node":
        return row.error("object_aspect_qualifier", "'object_aspect_qualifier' is only for node rows")
    extras = ("direction", "object_direction_qualifier", "negated", "inverse", "qualified_predicate")
    if role != "predicate":
        for column in extras:
            if row[column]:
                return row.error(column, f"'{column}' is only for predicate rows")
        return None
    if row["direction"] and row["direction"] not in DIRECTIONS:
        return row.error("direction", f"direction must be empty or one of {', '.join(DIRECTIONS)}")
    if row["object_direction_qualifier"] not in ("", *QUALIFIERS):
        return row.error("object_direction_qualifier", f"must be empty or one of {', '.join(QUALIFIERS)}")
    if row["qualified_predicate"] and not row["qualified_predicate"].startswith("biolink:"):
        return row.error("qualified_predicate", f"'{row['qualified_predicate']}' is not a biolink: CURIE")
    if bool(row["qualified_predicate"]) != bool(row["object_direction_qualifier"]):
        return row.error("qualified_predicate", "a direction-qualified row needs a qualified_predicate, and only it")
    for column in ("negated", "inverse"):
        if row[column] not in ("", "true"):
            return row.error(column, f"'{column}' must be empty or 'true'")
    if row["inverse"] and row["object_direction_qualifier"]:
        return row.error("inverse", "an inverted edge cannot carry an object direction qualifier")
    return None
