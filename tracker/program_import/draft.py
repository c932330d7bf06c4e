"""The draft a program document is parsed into: plain dataclasses, every item with its source lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Flag:
    """Something for a person to review: the text as found and, when there is one, a suggestion.

    ``kind``: ``known_form`` (a garbled form from the table in ``ocr_slips``), ``lower_case_sentence``
    (a sentence starting in lower case after a full stop), ``markup`` (source markup such as
    ``<sup>2</sup>``). The draft's text is never changed; ``to_export(accept_flags=True)`` applies
    the suggestions on request.
    """

    kind: str
    line: int
    found: str
    suggestion: str
    note: str = ""


@dataclass
class Figure:
    """A figure stated in the text: ``comparator`` is a code (``>``, ``>=``, ``<``, ``about``, ``=``…),
    ``comparator_word`` the words that said it ("trên", "phấn đấu đạt"…), ``None`` when bare."""

    value: float
    unit: str
    comparator: str
    comparator_word: str | None
    text: str


@dataclass
class Baseline:
    name: str
    figure: Figure
    sentence: str
    lines: list[int]
    year: int | None = None


@dataclass
class Target:
    """A specific target of section II: measurable (``figure``) or qualitative (``figure`` is None)."""

    name: str
    figure: Figure | None
    direction: str
    year: int | None
    sentence: str
    paragraph: int
    lines: list[int]

    @property
    def qualitative(self) -> bool:
        return self.figure is None


@dataclass
class Task:
    code: str
    text: str
    lines: list[int]


@dataclass
class Group:
    """A task group of section III (``III.4``) or one of its lettered sub-groups (``III.4.a``)."""

    code: str
    label: str
    title: str
    lines: list[int]
    tasks: list[Task] = field(default_factory=list)
    subgroups: list[Group] = field(default_factory=list)
    heading: str = ""         # the heading as written (the task's text when nothing is under it)


@dataclass
class BodyMention:
    """A body named in a clause of section IV, as written; ``match_bodies`` fills the rest.

    ``status``: ``unchecked`` until matched, then ``matched`` (``code`` set), ``kind`` (a collective
    such as "các huyện ủy": ``kind`` set) or ``unmatched`` (``suggestions`` to choose from).
    """

    name: str
    role: str                     # lead | coordinate | mentioned
    status: str = "unchecked"
    code: str | None = None
    kind: str | None = None
    suggestions: list[str] = field(default_factory=list)


@dataclass
class Clause:
    label: str
    text: str
    lines: list[int]
    bodies: list[BodyMention] = field(default_factory=list)


@dataclass
class Review:
    """A review the document schedules: ``kind`` preliminary (sơ kết) or final (tổng kết)."""

    kind: str
    year: int | None
    text: str
    lines: list[int]


@dataclass
class Draft:
    title: str = ""
    kind: str = ""                      # "Chương trình hành động", "Kế hoạch"…
    implements: str = ""
    resolution: str = ""                # the resolution's number, "42-NQ/TW"
    resolution_year: int | None = None
    issuer: str = ""                    # the issuer as named in the preamble
    issuer_code: str | None = None      # set by match_bodies
    number: str = ""                    # số, ký hiệu ("12-CTr/TU") when the header gives it
    issued_on: date | None = None
    signer: str = ""
    title_lines: list[int] = field(default_factory=list)
    situation: str = ""
    situation_lines: list[int] = field(default_factory=list)
    baselines: list[Baseline] = field(default_factory=list)
    general_goal: str = ""
    general_goal_lines: list[int] = field(default_factory=list)
    vision: str = ""
    vision_lines: list[int] = field(default_factory=list)
    target_year: int | None = None
    targets: list[Target] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    joins: list[tuple[int, int]] = field(default_factory=list)   # (line ended, line continued) across a break

    def all_tasks(self) -> list[Task]:
        return [t for g in self.groups for t in g.tasks + [t for s in g.subgroups for t in s.tasks]]

    @property
    def monitor(self) -> BodyMention | None:
        """The body charged with following up ("theo dõi, đôn đốc"), else with the reviews ("sơ kết")."""
        for words in (("theo dõi", "đôn đốc"), ("sơ kết", "tổng kết")):
            for clause in self.clauses:
                leads = [b for b in clause.bodies if b.role == "lead"]
                if leads and any(w in clause.text for w in words):
                    return leads[0]
        return None
