"""Figures stated in a sentence ("trên 96% dân số…", "khoảng 1.500 căn…") and the targets and baselines
proposed from them; a clause without a figure becomes a qualitative target."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.program_import.draft import Figure

# Vietnamese numbers: "." groups thousands, "," is the decimal mark. Not part of a code ("42-NQ"), a
# range ("2021-2030") or a ratio ("/10.000").
_NUMBER = re.compile(r"(?<![\w/.,-])(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?(?![\d-]|\.\d|,\d)")
_UNITS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\s*%\s*/\s*năm"), "%/năm"),
    (re.compile(r"\s*%"), "%"),
    (re.compile(r"\s*m\s*[2²]\s*(?:sàn\s*)?/\s*người"), "m2_per_person"),
    (re.compile(r"\s+tháng tuổi\b"), "months_of_age"),
    (re.compile(r"\s+tuổi\b"), "years_of_age"),
    (re.compile(r"\s+năm\b"), "years"),
    (re.compile(r"\s+(?:căn|ngôi nhà|căn nhà)\b"), "units"),
]
COUNT_NOUNS = ("giường bệnh", "bác sĩ", "dược sĩ đại học", "dược sĩ", "điều dưỡng", "xã", "phường", "huyện",
               "thôn", "bản", "hộ", "người", "trường", "lao động", "học sinh", "doanh nghiệp", "cơ sở",
               "mô hình", "công trình", "km", "tỷ đồng", "triệu đồng", "lượt", "đảng viên", "cán bộ",
               "thanh niên", "đoàn viên", "hội viên")
_COUNT = re.compile(r"\s+(" + "|".join(sorted(map(re.escape, COUNT_NOUNS), key=len, reverse=True)) + r")(?!\w)")
_PER_10000 = re.compile(r"/\s*10\.000\s*dân")
# The words before a figure, longest first; "đạt" and "phấn đấu" may precede the comparator word.
_BEFORE = re.compile(r"(?<!\w)(?P<all>(?:(?:phấn đấu|phân đầu|bảo đảm|đảm bảo)\s+)?(?:(?:đạt|chiếm)\s+)?"
                     r"(?:(?P<word>không dưới|không quá|tối đa|ít nhất|tối thiểu|trên|hơn|dưới|khoảng|xấp xỉ|"
                     r"chiếm|còn|có)\s+)?)$", re.IGNORECASE)
COMPARATORS = {"không dưới": ">=", "không quá": "<=", "tối đa": "<=", "ít nhất": ">=", "tối thiểu": ">=",
               "trên": ">", "hơn": ">", "dưới": "<", "khoảng": "about", "xấp xỉ": "about",
               "chiếm": "=", "còn": "=", "có": "="}
_PREDICATE = re.compile(r"\s(?:có|được|đạt|tham gia|duy trì|sử dụng)\s")
ADMINISTRATIVE = {"huyện", "thành phố", "xã", "phường", "thị trấn", "tỉnh", "thôn", "bản", "tổ dân phố"}
_COMMITMENT = re.compile(r"\svà\s(?=(?:loại trừ|xóa bỏ|chấm dứt|bảo đảm|đảm bảo|duy trì|hoàn thành)\s)")
_MAINTAIN = re.compile(r"duy trì|vững chắc|giữ vững|ổn định", re.IGNORECASE)
_YEAR = re.compile(r"(?:đến|tới|vào|trong)\s+năm\s+((?:19|20)\d\d)", re.IGNORECASE)


@dataclass
class Found:
    """One figure found in a clause, with where it sits."""

    figure: Figure
    start: int              # where the comparator words (or the number) begin
    end: int                # end of the unit


def figures_in(clause: str, baseline: bool = False) -> list[Found]:
    """The figures of ``clause`` worth proposing: percentages and ratios always, counts, ages and years
    only when a comparator word introduces them (so "trẻ em 5 tuổi" or "khóa XI" are not figures)."""
    found: list[Found] = []
    per_10000 = _PER_10000.search(clause)
    for match in _NUMBER.finditer(clause):
        value = float(match["int"].replace(".", "") + ("." + match["dec"] if match["dec"] else ""))
        if re.search(r"năm\s*$", clause[: match.start()]) and 1900 <= value <= 2100:
            continue
        unit, end = _unit_at(clause, match.end())
        if unit is None:
            continue
        before = _BEFORE.search(clause[max(0, match.start() - 60): match.start()])
        phrase = before["all"].strip() if before and before["all"].strip() else None
        word = before["word"].casefold() if before and before["word"] else None
        if per_10000 and unit in COUNT_NOUNS and per_10000.start() >= end - 1:
            # "trên 40 giường bệnh, trên 13 bác sĩ … và 33 điều dưỡng/10.000 dân": the ratio is each one's
            unit = "per_10000"
            if len(clause[end:per_10000.start()].split()) <= 3:
                end = per_10000.end()
        if not _worth(unit, phrase):
            continue
        comparator = COMPARATORS.get(word) if word else ("=" if baseline else ">=")
        start = match.start() - len(before["all"]) if before else match.start()
        found.append(Found(Figure(value, unit, comparator, phrase, clause[start:end].strip()), start, end))
    return found


def _unit_at(clause: str, position: int) -> tuple[str | None, int]:
    rest = clause[position:]
    for pattern, unit in _UNITS:
        found = pattern.match(rest)
        if found:
            return unit, position + found.end()
    found = _COUNT.match(rest)
    if found:
        return found[1], position + found.end()
    return None, position


def _worth(unit: str, phrase: str | None) -> bool:
    if unit in ("%", "%/năm", "per_10000", "m2_per_person"):
        return True
    if unit in ("years_of_age", "months_of_age"):
        return bool(phrase) and any(w in phrase.casefold() for w in ("khoảng", "đạt"))
    return bool(phrase)


def direction_of(comparator: str | None, clause: str) -> str:
    if comparator in ("<", "<="):
        return "lower_better"
    if comparator is None and _MAINTAIN.search(clause):
        return "maintain"
    return "higher_better"


def year_in(text: str) -> int | None:
    found = _YEAR.search(text)
    return int(found[1]) if found else None


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a stop, a space and a capital letter end one."""
    spans, start = [], 0
    for match in re.finditer(r"[.!?]\s+(?=\S)", text):
        following = text[match.end()]
        if following.isupper() and not text[max(0, match.start() - 2): match.start()].endswith(".."):
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, len(text.rstrip(" .!?"))))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: sentences cut at ";"."""
    spans = []
    for s, e in sentences(text):
        start = s
        for match in re.finditer(";", text[s:e]):
            spans.append((start, s + match.start()))
            start = s + match.end()
        spans.append((start, e))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


@dataclass
class Proposal:
    """A target or baseline proposed from a clause: ``name`` and ``figure`` (None: qualitative)."""

    name: str
    figure: Figure | None


def proposals(clause: str, baseline: bool = False) -> list[Proposal]:
    """Every target (or baseline) stated in ``clause``. The words between two figures describe the
    first ("25% lực lượng … và 15% …") unless, after their last comma, they name the second
    ("…dưới 2%, tỷ lệ thất nghiệp khu vực thành thị dưới 2,7%")."""
    found = figures_in(clause, baseline)
    if not found:
        return [] if baseline else _qualitative(clause)
    befores = [clause[: found[0].start]] + [""] * (len(found) - 1)
    afters = [""] * len(found)
    for i in range(len(found) - 1):
        afters[i], befores[i + 1] = _split_between(clause[found[i].end: found[i + 1].start])
    afters[-1] = clause[found[-1].end:]
    out: list[Proposal] = []
    for item, before, after in zip(found, befores, afters):
        opens_item = before.rstrip().endswith(",")
        before, after = _tidy(_last_part(before)), _tidy(after)
        described_before = not opens_item and len(_drop_intro(before).split()) >= 2
        for subject in ([None] if described_before else _subjects(after)):
            shown = before if described_before or item.figure.unit == "units" or item.figure.unit in COUNT_NOUNS else ""
            name = _name(shown, after, subject, item.figure)
            if not name and out:                 # "có 91 xã …, chiếm 85,8%": the same thing as a share
                name = "Tỷ lệ " + re.sub(r"^(?:Số|Tỷ lệ)\s+", "", out[-1].name)
            out.append(Proposal(name, item.figure))
    return out


def _last_part(before: str) -> str:
    """The words that name a figure: after the last comma when they are three or more."""
    head, _, tail = before.rstrip(" ,(").rpartition(", ")
    return tail if head and len(tail.split()) >= 3 else before


def _qualitative(clause: str) -> list[Proposal]:
    """A clause without a figure: one qualitative target, or two when "và" joins two commitments
    ("cơ bản chấm dứt … và loại trừ sốt rét")."""
    out = []
    for part in _COMMITMENT.split(clause):
        name = re.sub(r"^(?:phấn đấu|phân đầu)\s+", "", part.strip(" ,."), flags=re.IGNORECASE)
        if len(name.split()) >= 3:
            out.append(Proposal(_capital(name), None))
    return out


def _split_between(between: str) -> tuple[str, str]:
    cut = between.rfind(", ")
    if cut >= 0 and len(_drop_intro(_tidy(between[cut + 2:])).split()) >= 2:
        return between[:cut], between[cut + 2:]
    return between, ""


def _subjects(after: str) -> list[str | None]:
    """Subjects sharing one figure ("100% trường học, trạm y tế có…"): short comma-separated nouns
    before the predicate, unless they name one tier of local government ("huyện, thành phố")."""
    predicate = _PREDICATE.search(" " + after + " ")
    head = after[: predicate.start() - 1] if predicate else ""
    parts = [p.strip() for p in head.split(",")]
    if len(parts) < 2 or any(not p or len(p.split()) > 3 for p in parts):
        return [None]
    if all(re.sub(r"^các\s+", "", p) in ADMINISTRATIVE for p in parts):
        return [None]
    return parts


def _name(before: str, after: str, subject: str | None, figure: Figure) -> str:
    """A name for the figure: the words before it ("tỷ lệ thất nghiệp chung dưới 2%"), else those
    after it ("25% lực lượng lao động … tham gia BHXH"), as "Tỷ lệ …" or "Số … trên 10.000 dân"."""
    before = _drop_intro(before)
    described = after
    if subject:
        predicate = _PREDICATE.search(" " + after + " ")
        described = subject + (after[predicate.start() - 1:] if predicate else "")
    if figure.unit == "per_10000":
        noun = _COUNT.search(" " + re.sub(r"\s*/\s*10\.000\s*dân.*$", "", figure.text))
        return f"Số {noun[1] if noun else 'người'} trên 10.000 dân"
    before = re.sub(r"\s+(?:có|đạt|chiếm)$", "", before)
    if figure.unit == "units" or (figure.unit in COUNT_NOUNS and described):
        noun = "căn" if figure.unit == "units" else figure.unit
        return _capital(f"Số {noun} {described}".strip() + (f" ({before})" if before else ""))
    if before:
        return _capital(before)
    if not described:
        return ""
    if figure.unit in ("%", "%/năm"):
        return _capital("Tỷ lệ " + described)
    if figure.unit in COUNT_NOUNS:
        return _capital(f"Số {figure.unit} {described}")
    return _capital(described)


def _tidy(text: str) -> str:
    text = text.strip(" ,;.()")
    text = re.sub(r"^(?:và|trong đó|,)(?:\s+|$)", "", text)
    return re.sub(r"\s+(?:và|trong đó)$", "", text).strip(" ,;.()")


def _drop_intro(text: str) -> str:
    return re.sub(r"^(?:(?:bảo đảm|đảm bảo|phấn đấu|phân đầu|có|đạt|trong đó)(?:\s+|$))+", "", text, flags=re.IGNORECASE).strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
