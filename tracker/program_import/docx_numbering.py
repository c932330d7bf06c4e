"""The numbers Word draws before list paragraphs ("1.", "a)", "I-", "-"), which a paragraph's text
lacks: read from the numbering definitions so that automatic numbering parses like typed numbering."""

from __future__ import annotations

from docx.oxml.ns import qn

_BULLETS = {"-", "+", "–"}


class ListNumbers:
    """Counts list paragraphs in body order; ``prefix(paragraph_element)`` is the drawn label or ""."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}   # numId -> ilvl -> (format, text, start)
        self._counters: dict[str, dict[int, int]] = {}
        self._styles = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): _levels_of(a) for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self._levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
        for style in document.styles:
            num_pr = _num_pr(getattr(style, "element", None))
            if num_pr is not None:
                self._styles[style.style_id] = num_pr

    def prefix(self, paragraph) -> str:
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            num_pr = self._styles.get(style.get(qn("w:val"))) if style is not None else None
        if num_pr is None:
            return ""
        num_id, level = num_pr
        levels = self._levels.get(num_id)
        if not levels or level not in levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return (text if text in _BULLETS else "-") + " "
        for k, (k_fmt, _, start) in levels.items():
            text = text.replace(f"%{k + 1}", _format(counters.get(k, start), k_fmt))
        return text + " "


def _num_pr(element) -> tuple[str, int] | None:
    if element is None:
        return None
    num_pr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if num_pr is None:
        return None
    num_id, level = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    return num_id.get(qn("w:val")), int(level.get(qn("w:val"))) if level is not None else 0


def _levels_of(abstract) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for lvl in abstract.findall(qn("w:lvl")):
        fmt, text, start = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText")), lvl.find(qn("w:start"))
        levels[int(lvl.get(qn("w:ilvl")))] = (
            fmt.get(qn("w:val")) if fmt is not None else "decimal",
            text.get(qn("w:val")) if text is not None else "",
            int(start.get(qn("w:val"))) if start is not None else 1)
    return levels


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out
