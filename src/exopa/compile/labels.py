"""Readable labels of findings: a statement made from the labels of the entities a finding relates.

``exosomes decrease TNF-α (section 3.2, ref 28)``; hedged findings read ``... may decrease ...``, scope statements end
with ``(scope statement)``. A Chinese label is added where every entity involved has a Chinese label. Two findings
that would read the same get their id appended, so that every English label stays unique.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ..namespaces import EXOPA
from .base import local_name


@dataclass(frozen=True)
class Verb:
    """How a predicate reads: third person singular, plural, base form (after 'may') and Chinese."""

    singular: str
    plural: str
    base: str
    chinese: str


def _regular(singular: str, chinese: str) -> Verb:
    first, _, rest = singular.partition(" ")
    plural = first[:-2] if first.endswith(("ches", "shes", "sses", "xes")) else first[:-1]
    plural = {"carries": "carry", "has": "have"}.get(first, plural)
    text = " ".join(filter(None, [plural, rest]))
    return Verb(singular, text, text, chinese)


def _copula(rest: str, chinese: str) -> Verb:
    return Verb(f"is {rest}", f"are {rest}", f"be {rest}", chinese)


VERBS: dict[str, Verb] = {
    "increases": _regular("increases", "上调"),
    "decreases": _regular("decreases", "下调"),
    "activates": _regular("activates", "激活"),
    "inhibits": _regular("inhibits", "抑制"),
    "regulates": _regular("regulates", "调控"),
    "treats": _regular("treats", "治疗"),
    "causesOrContributesTo": Verb("causes or contributes to", "cause or contribute to", "cause or contribute to",
                                  "导致"),  # fmt: skip
    "participatesIn": _regular("participates in", "参与"),
    "hasParticipant": _regular("involves", "涉及"),
    "hasPhenotype": _regular("shows", "表现为"),
    "hasPart": _regular("contains", "包含"),
    "partOf": _copula("part of", "属于"),
    "hasCargo": _regular("carries", "携带"),
    "producedBy": _copula("produced by", "来源于"),
    "derivesFrom": _regular("derives from", "衍生自"),
    "locatedIn": _copula("located in", "位于"),
    "correlatedWith": _copula("correlated with", "相关于"),
    "hasQuality": _regular("has", "具有"),
    "hasAdvantage": _regular("has the advantage of", "具有优势："),
    "hasDisadvantage": _regular("has the disadvantage of", "存在劣势："),
    "facesChallenge": _regular("faces the challenge of", "面临挑战："),
    "hasJurisdiction": _regular("has jurisdiction over", "管辖"),
    "hasNoEffectOn": _regular("has no effect on", "不影响"),
    "firstDescribedIn": Verb("was first described in", "were first described in", "have been first described in",
                             "首次发现于"),  # fmt: skip
    "assignsCategory": _regular("assigns the regulatory category", "纳入监管类别："),
    "moreThan": _regular("exceeds", "高于"),
    "inTaxon": _copula("of the taxon", "属于物种"),
    "usesSystem": _regular("uses", "使用"),
    "usesMethod": _regular("uses the method", "采用方法："),
    "exposedTo": _copula("exposed to", "暴露于"),
    "modelOf": _copula("a model of", "模拟"),
    "isolatedBy": _copula("isolated by", "分离自"),
    "hasMarker": _regular("has the EV marker", "标志物为"),
}
VERB_CHANGES = {"increases", "decreases", "moreThan"}
IRREGULAR_PLURALS = {"mitochondria", "data", "criteria", "bacteria", "people", "species"}
HEDGE = EXOPA["hypothesis"]
SCOPE = EXOPA["scope"]


def is_plural(label: str) -> bool:
    """Whether an English label names several things (``exosomes``, ``MMPs``), for the verb's agreement."""
    last = label.split()[-1] if label.split() else label
    if last.lower() in IRREGULAR_PLURALS:
        return True
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "ics")) and not last.isupper()


def label_of(graph: Graph, node: URIRef | None, lang: str) -> str:
    if node is None:
        return ""
    for label in graph.objects(node, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return ""


class FindingLabeller:
    """Writes the English and Chinese statement of every finding."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def value(self, finding: URIRef, prop: URIRef) -> URIRef | None:
        found = sorted(self.graph.objects(finding, prop))
        return found[0] if found else None  # type: ignore[return-value]

    def where(self, finding: URIRef, chinese: bool) -> str:
        """``section 3.2, refs 28, 29`` (or ``第 3.2 节，文献 28, 29``)."""
        section = self.value(finding, EXOPA.inSection)
        number = str(self.graph.value(section, EXOPA.sectionNumber)) if section is not None else ""
        numbers = sorted(int(n) for r in self.graph.objects(finding, EXOPA.supportedBy)
                         for n in self.graph.objects(r, EXOPA.referenceNumber))  # fmt: skip
        cited = ", ".join(str(n) for n in numbers)
        if chinese:
            place = "摘要" if number == "abstract" else "表 1" if number.startswith("table1") else f"第 {number} 节"
            return place + (f"，文献 {cited}" if cited else "")
        place = "Table 1" if number.startswith("table1") else number if number == "abstract" else f"section {number}"
        return place + (f", ref{'s' if len(numbers) > 1 else ''} {cited}" if cited else "")

    def quantity(self, finding: URIRef) -> str:
        """``320–400 nm``, ``80%``, ``16-fold`` for the quantity of a finding, or ``""``."""
        node = self.value(finding, EXOPA.hasQuantity)
        if node is None:
            return ""

        def number(prop: URIRef) -> str:
            value = self.graph.value(node, prop)
            return str(value).removesuffix(".0") if value is not None else ""

        value = number(EXOPA.numericValue) or "–".join(filter(None, [number(EXOPA.lowerBound),
                                                                      number(EXOPA.upperBound)]))  # fmt: skip
        unit = self.graph.value(node, EXOPA.unit)
        symbols = sorted(str(s) for s in self.graph.objects(unit, SKOS.altLabel)) if unit is not None else []
        symbol = "°C" if "°C" in symbols else "%" if "%" in symbols else "fold" if "fold" in symbols else "nm"
        if symbol == "fold":
            return f"{value}-fold"
        return f"{value}{symbol}" if symbol in ("%", "°C") else f"{value} {symbol}"

    def english(self, finding: URIRef) -> str:
        g = self.graph
        name = local_name(self.value(finding, EXOPA.predicate) or "")
        subject = label_of(g, self.value(finding, EXOPA.subject), "en")
        obj = label_of(g, self.value(finding, EXOPA.object), "en")
        verb = VERBS.get(name) or Verb(name, name, name, "")
        modality = self.value(finding, EXOPA.modality)
        phrase = f"may {verb.base}" if modality == HEDGE else verb.plural if is_plural(subject) else verb.singular
        direction = self.value(finding, EXOPA.direction)
        if name == "correlatedWith" and direction in (EXOPA.up, EXOPA.down):
            phrase = phrase.replace("correlated", "positively correlated" if direction == EXOPA.up else
                                    "negatively correlated")  # fmt: skip
        values = [label_of(g, v, "en") for v in sorted(g.objects(finding, EXOPA.qualityValue))]
        levels = [v.removesuffix(" level") for v in values if v.endswith(" level")]
        statuses = [v for v in values if not v.endswith(" level")]
        text = f"{subject} {phrase} {' '.join(levels + [obj])}"
        amount = self.quantity(finding)
        if amount:
            joined = f" by {amount}" if name in VERB_CHANGES else f" ({amount})"
            text += f" {amount}" if name == "hasQuality" else joined
        quality = label_of(g, self.value(finding, EXOPA.comparedQuality), "en")
        if quality:
            text += f" in {quality}"
        for place in sorted(g.objects(finding, EXOPA.inLocation)):
            text += f" in the {label_of(g, place, 'en')}"
        for timing in sorted(str(t) for t in g.objects(finding, EXOPA.timing)):
            text += f" {timing}"
        notes = statuses + (["scope statement"] if modality == SCOPE else [])
        if notes:
            text += f" ({', '.join(notes)})"
        return f"{text} ({self.where(finding, chinese=False)})"

    def chinese(self, finding: URIRef) -> str | None:
        g = self.graph
        name = local_name(self.value(finding, EXOPA.predicate) or "")
        verb = VERBS.get(name)
        subject = label_of(g, self.value(finding, EXOPA.subject), "zh")
        obj = label_of(g, self.value(finding, EXOPA.object), "zh")
        values = [label_of(g, v, "zh") for v in sorted(g.objects(finding, EXOPA.qualityValue))]
        places = [label_of(g, p, "zh") for p in sorted(g.objects(finding, EXOPA.inLocation))]
        quality_node = self.value(finding, EXOPA.comparedQuality)
        quality = label_of(g, quality_node, "zh")
        if verb is None or not all([subject, obj, *values, *places]) or (quality_node is not None and not quality):
            return None
        modality = self.value(finding, EXOPA.modality)
        hedge = "可能" if modality == HEDGE else ""
        where = "".join(f"在{p}中" for p in places)
        if name == "moreThan" and quality:
            text = f"{subject}{where}在{quality}上{hedge}{verb.chinese}{obj}"
        elif name == "hasQuality":
            levels = [v for v in values if v not in ("已证实", "有待验证", "不一致")]
            statuses = [v for v in values if v not in levels]
            text = f"{subject}{where}{hedge}{verb.chinese}{''.join(levels)}{obj}"
            text += "".join(f"（{s}）" for s in statuses)
        else:
            text = f"{subject}{where}{hedge}{verb.chinese}{obj}"
        amount = self.quantity(finding).replace("-fold", " 倍")
        if amount:
            text += f" {amount}" if name == "hasQuality" else f"（{amount}）"
        if modality == SCOPE:
            text += "（范围陈述）"
        return f"{text}（{self.where(finding, chinese=True)}）"


def label_findings(graph: Graph) -> None:
    """Add the English statement (unique: the id is appended to statements that two findings share) and Chinese one."""
    labeller = FindingLabeller(graph)
    findings = sorted(graph.subjects(EXOPA.subject, None))
    english = {finding: labeller.english(finding) for finding in findings}
    counts = Counter(english.values())
    for finding in findings:
        text = english[finding]
        if counts[text] > 1:
            text = f"{text[:-1]}; {local_name(finding)})"
        graph.add((finding, RDFS.label, Literal(text, lang="en")))
        chinese = labeller.chinese(finding)
        if chinese:
            graph.add((finding, RDFS.label, Literal(chinese, lang="zh")))
