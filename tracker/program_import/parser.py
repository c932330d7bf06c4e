"""Lines of a program document (chương trình hành động, kế hoạch) → a ``Draft``; pure functions.

The genre: a title and a preamble naming the resolution implemented and the issuer, then
I (situation), II (goals: general, specific targets, vision), III (tasks: numbered groups, lettered
sub-groups, bullets or paragraphs) and IV (organisation of implementation: numbered clauses naming
bodies), then "Nơi nhận" and the signer.
"""

from __future__ import annotations

import re
from datetime import date

from tracker.errors import InvalidInput
from tracker.program_import import figures
from tracker.program_import.blocks import Block, to_blocks
from tracker.program_import.bodies import mentions_in
from tracker.program_import.draft import Baseline, Clause, Draft, Group, Review, Target, Task
from tracker.program_import.ocr_slips import flags_for
from tracker.text import fold

_SECTIONS = (("situation", ("tinh hinh", "ket qua", "danh gia", "thuc trang")),
             ("viewpoints", ("quan diem",)),            # read past: no items of its own
             ("goals", ("muc tieu",)),
             ("tasks", ("nhiem vu", "giai phap")),
             ("implementation", ("to chuc thuc hien",)))
_ROMAN_ORDER = {"I": "situation", "II": "goals", "III": "tasks", "IV": "implementation"}
_KIND = re.compile(r"^(?P<kind>CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|KẾ HOẠCH|ĐỀ ÁN)\s*(?P<rest>(?:[Tt]hực hiện\s.*)?)$")
_RESOLUTION = re.compile(r"(?:Nghị quyết|Chỉ thị|Kết luận|Quyết định)\s+số\s+(\d+[\w/.-]*)")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_ISSUED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)", re.IGNORECASE)
_NUMBER = re.compile(r"^Số\s*:?\s*(\d+\s*-\s*[A-ZĐa-zđ]+(?:/[A-ZĐa-zđ]+)+)")
_ISSUER = re.compile(r"(?:^|[;,.]\s*)([^;,.()]+?)\s+ban hành\s+(?:Chương trình|Kế hoạch|Đề án)", re.IGNORECASE)
_REVIEW = re.compile(r"(sơ kết|tổng kết)", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# Far beyond any program (the NQ42 one has 47 targets and 39 tasks): a bound on the work a file can cause.
MAX_TARGETS = 1000
MAX_TASKS = 5000
_BY_YEAR = re.compile(r"^(?:đến|tới|trong)\s+năm\s+(?:19|20)\d\d\s*[:,]\s*", re.IGNORECASE)


def parse(lines: list[str]) -> Draft:
    """The draft a person reviews: every item with its source lines, OCR slips flagged, nothing corrected.
    Raises ``InvalidInput`` when the lines have none of the sections I-IV."""
    blocks, flags, joins = to_blocks(lines)
    draft = Draft(flags=flags, joins=joins)
    for block in blocks:
        draft.flags.extend(flags_for(block))
    draft.flags.sort(key=lambda f: f.line)
    sections = _split_sections(blocks)
    if len(sections) == 1:
        raise InvalidInput("Không nhận ra văn bản chương trình, kế hoạch: không thấy các mục La Mã "
                           "(I- Tình hình, II- Mục tiêu, III- Nhiệm vụ và giải pháp, IV- Tổ chức thực hiện).")
    _preamble(draft, sections.get("preamble", []))
    _situation(draft, sections.get("situation", []))
    _goals(draft, sections.get("goals", []))
    _tasks(draft, sections.get("tasks", []))
    _implementation(draft, sections.get("implementation", []))
    return draft


def _split_sections(blocks: list[Block]) -> dict[str, list[Block]]:
    sections: dict[str, list[Block]] = {"preamble": []}
    current = "preamble"
    for block in blocks:
        if block.marker == "roman" and (_is_heading(block.rest) or
                                        (len(block.rest) < 120 and _section_of(block).isalpha())):
            current = _section_of(block)
            sections[current] = [block]
            continue
        sections.setdefault(current, []).append(block)
    return sections


def _is_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and len(text) < 200 and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)


def _section_of(block: Block) -> str:
    folded = fold(block.rest)
    for name, words in _SECTIONS:
        if any(w in folded for w in words):
            return name
    return _ROMAN_ORDER.get(block.num, f"section-{block.num}") if _is_heading(block.rest) else "-"


def _preamble(draft: Draft, blocks: list[Block]) -> None:
    for block in blocks:
        number = _NUMBER.match(block.text)
        if number and not draft.number:
            draft.number = re.sub(r"\s+", "", number[1])
        issued = _ISSUED.search(block.text)
        if issued and not draft.issued_on and "," in block.text[: issued.start()]:
            draft.issued_on = _date(issued[3], issued[2], issued[1])
    at = next((i for i, b in enumerate(blocks) if _KIND.match(b.text)), None)
    if at is not None:
        found = _KIND.match(blocks[at].text)
        draft.kind = found["kind"][:1] + found["kind"][1:].lower()
        draft.title_lines = list(blocks[at].lines)
        subtitle = found["rest"].strip()              # "KẾ HOẠCH thực hiện …" when joined on one block
        if not subtitle and at + 1 < len(blocks) and fold(blocks[at + 1].text).startswith("thuc hien"):
            subtitle = blocks[at + 1].text
            draft.title_lines += blocks[at + 1].lines
        subtitle = subtitle.strip(" .")
        draft.title = f"{draft.kind} {subtitle[:1].lower()}{subtitle[1:]}".strip()
        if fold(subtitle).startswith("thuc hien"):
            draft.implements = re.sub(r"^thực hiện\s+", "", subtitle, flags=re.IGNORECASE)
    source = draft.implements or " ".join(b.text for b in blocks)
    resolution = _RESOLUTION.search(source)
    if resolution:
        draft.resolution = resolution[1].rstrip(".,")
        dated = _DATE.search(source, resolution.end())
        draft.resolution_year = int(dated[3]) if dated else None
    for block in blocks:
        issuer = _ISSUER.search(block.text)
        if issuer:
            draft.issuer = issuer[1].strip()
            break


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _body(blocks: list[Block]) -> list[Block]:
    """The blocks of a section after its heading."""
    return blocks[1:]


def _situation(draft: Draft, blocks: list[Block]) -> None:
    body = _body(blocks)
    draft.situation = "\n\n".join(b.text for b in body)
    draft.situation_lines = [n for b in body for n in b.lines]
    for block in body:
        for start, end in figures.clauses(block.text):
            clause = block.text[start:end]
            for proposal in figures.proposals(clause, baseline=True):
                draft.baselines.append(Baseline(proposal.name, proposal.figure, clause, block.lines_of(start, end),
                                                figures.year_in(clause)))


def _goals(draft: Draft, blocks: list[Block]) -> None:
    part, year, paragraph = "", None, 0
    general, vision = [], []
    for block in _body(blocks):
        text = block.rest if block.marker else block.text
        folded = fold(text)
        heading = block.marker in ("number", "letter", "roman") or (_is_heading(text) and len(text) < 120)
        if heading and ("muc tieu chung" in folded or folded.startswith("tam nhin")
                        or "muc tieu cu the" in folded or "chi tieu" in folded[:40]):
            part = ("general" if "muc tieu chung" in folded else "vision" if folded.startswith("tam nhin")
                    else "specific")
            year = figures.year_in(text) or year
            if part == "specific" and year:
                draft.target_year = max(draft.target_year or 0, year)
            inline = text.split(":", 1)[1].strip() if ":" in text else ""
            if len(inline.split()) >= 5:
                (general if part == "general" else vision if part == "vision" else []).append((inline, block))
                if part == "specific":
                    paragraph += 1
                    _targets_of(draft, block, inline, paragraph, year)
            continue
        if part == "general":
            general.append((block.text, block))
        elif part == "vision":
            vision.append((block.text, block))
        elif part == "specific":
            paragraph += 1
            own = figures.year_in(text[:40])
            text = _BY_YEAR.sub("", text)            # "Đến năm 2025: …" dates the paragraph's targets
            _targets_of(draft, block, text, paragraph, own or year)
            if own:
                draft.target_year = max(draft.target_year or 0, own)
    draft.general_goal = "\n\n".join(t for t, _ in general)
    draft.general_goal_lines = [n for _, b in general for n in b.lines]
    draft.vision = "\n\n".join(t for t, _ in vision)
    draft.vision_lines = [n for _, b in vision for n in b.lines]


def _targets_of(draft: Draft, block: Block, text: str, paragraph: int, year: int | None) -> None:
    offset = block.text.find(text)
    for start, end in figures.clauses(text):
        clause = text[start:end]
        if len(draft.targets) > MAX_TARGETS:
            raise InvalidInput(f"Văn bản có quá nhiều chỉ tiêu (trên {MAX_TARGETS}): không phải một chương trình, kế hoạch.")
        for proposal in figures.proposals(clause):
            comparator = proposal.figure.comparator if proposal.figure else None
            draft.targets.append(Target(
                name=proposal.name, figure=proposal.figure, direction=figures.direction_of(comparator, clause),
                year=figures.year_in(clause) or year, sentence=clause, paragraph=paragraph,
                lines=block.lines_of(offset + start, offset + end)))


def _tasks(draft: Draft, blocks: list[Block]) -> None:
    group: Group | None = None
    sub: Group | None = None
    last: Task | None = None
    listing = False                              # inside a "+" list under a "-" item ending with ":"
    count = 0
    for block in _body(blocks):
        if block.marker == "number" and group and block.num.startswith(group.label + "."):
            # "4.1." under group 4: a sub-group numbered instead of lettered
            label = block.num.rsplit(".", 1)[1]
            sub = Group(code=f"{group.code}.{label}", label=label, title=_title(block.rest),
                        lines=list(block.lines), heading=block.rest)
            group.subgroups.append(sub)
            last = None
        elif block.marker == "number":
            group = Group(code=f"III.{block.num}", label=block.num, title=_title(block.rest), lines=list(block.lines))
            draft.groups.append(group)
            sub = last = None
        elif block.marker == "letter" and group:
            sub = Group(code=f"{group.code}.{block.num}", label=block.num, title=_title(block.rest),
                        lines=list(block.lines), heading=block.rest)
            group.subgroups.append(sub)
            last = None
        elif group:
            text = block.rest if block.marker == "bullet" else block.text
            if block.num == "+" and last and (listing or last.text.rstrip().endswith(":")):
                last.text += f"\n+ {text}"
                last.lines += block.lines
                listing = True
                continue
            listing = False
            owner = sub or group
            count += 1
            if count > MAX_TASKS:
                raise InvalidInput(f"Văn bản có quá nhiều nhiệm vụ (trên {MAX_TASKS}): không phải một chương trình, kế hoạch.")
            last = Task(code="", text=text, lines=list(block.lines))
            owner.tasks.append(last)
    for group in draft.groups:
        _settle(group)


def _settle(group: Group) -> None:
    """Lettered items with nothing under them are the group's tasks; one such item among sub-groups
    that have tasks is a sub-group with itself as its one task. Then number the tasks."""
    if group.subgroups and not any(s.tasks for s in group.subgroups):
        group.tasks = group.tasks + [Task("", s.heading, s.lines) for s in group.subgroups]
        group.subgroups = []
    for sub in group.subgroups:
        if not sub.tasks:
            sub.tasks = [Task("", sub.heading, sub.lines)]
    if not group.tasks and not group.subgroups and ":" in group.title:
        title, text = group.title.split(":", 1)
        group.title, group.tasks = title.strip(), [Task("", text.strip(), group.lines)]
    for n, task in enumerate(group.tasks, start=1):
        task.code = f"{group.code}.{n}"
    for sub in group.subgroups:
        for n, task in enumerate(sub.tasks, start=1):
            task.code = f"{sub.code}.{n}"


def _title(text: str) -> str:
    return text.strip().rstrip(".:;").strip()


def _implementation(draft: Draft, blocks: list[Block]) -> None:
    clause: Clause | None = None
    for block in _body(blocks):
        folded = fold(block.text)
        if folded.startswith(("noi nhan", "t/m", "tm.", "k/t")) or (_is_heading(block.text) and not block.marker) \
                or _is_name(block.text):
            break
        if block.marker == "number":
            clause = Clause(label=block.num, text=block.rest, lines=list(block.lines))
            draft.clauses.append(clause)
        elif clause:
            clause.text += "\n" + block.text
            clause.lines += block.lines
        else:
            clause = Clause(label=str(len(draft.clauses) + 1), text=block.text, lines=list(block.lines))
            draft.clauses.append(clause)
    for clause in draft.clauses:
        clause.bodies = mentions_in(clause.text)
        for match in _REVIEW.finditer(clause.text):
            # "năm 2027 sơ kết" (the year just before) or "sơ kết vào năm 2027" (after, same clause)
            before = re.findall(r"((?:19|20)\d\d)\s*$", clause.text[max(0, match.start() - 15): match.start()])
            after = _YEAR.search(re.split(r"[;.]", clause.text[match.end():], maxsplit=1)[0][:60])
            kind = "preliminary" if match[1].casefold() == "sơ kết" else "final"
            found = int(before[-1]) if before else int(after[1]) if after else None
            if not any(r.kind == kind for r in draft.reviews):
                draft.reviews.append(Review(kind, found, clause.text, list(clause.lines)))
    draft.signer = _signer(blocks)


def _signer(blocks: list[Block]) -> str:
    for block in reversed(blocks[-12:]):
        if _is_name(block.text):
            return block.text
    return ""


def _is_name(text: str) -> bool:
    """A person's name as signed: two to five capitalised words, nothing else."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)
