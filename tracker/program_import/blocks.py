"""Source lines → blocks: one block per paragraph, heading or list item, with its source lines.

Markdown markup is dropped (``#``, ``**``, ``*``; ``<sup>2</sup>`` becomes ``²`` with a flag), page
furniture (page numbers, form feeds) is skipped, and a paragraph cut by a page break is joined again:
a line that continues in lower case (or a digit) after a line without a closing punctuation mark.
Hard-wrapped text (``pdftotext -layout``) is recognised by its line lengths, and its lines are joined
while the previous one runs to the full width.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from tracker.program_import.draft import Flag

ROMAN = re.compile(r"^(?P<num>[IVX]{1,4})\s*[-.–)](?=\s|$)\s*(?P<rest>.*)$")
NUMBER = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*[.\-–)](?=\s|$)\s*(?P<rest>.*)$")
LETTER = re.compile(r"^\(?(?P<num>[a-zđ])\s*[).](?=\s|$)\s*(?P<rest>.*)$")
BULLET = re.compile(r"^(?P<num>[-+•–])\s+(?P<rest>.*)$")
_FURNITURE = re.compile(r"^(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$", re.IGNORECASE)
_RULE = re.compile(r"^[-_=*]{3,}$")
_SUP = re.compile(r"<sup>\s*(\d)\s*</sup>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
_SPACES = re.compile(r"\s+")
_SUPERSCRIPT = {"1": "¹", "2": "²", "3": "³"}
TERMINAL = ".:;!?…"


@dataclass
class Block:
    """A paragraph as one string; ``starts`` maps an offset in ``text`` to its source line."""

    text: str
    lines: list[int]
    marker: str = ""          # "roman" | "number" | "letter" | "bullet" | ""
    num: str = ""             # "III", "2.1", "a", "-", "+"
    rest: str = ""            # the text after the marker
    starts: list[tuple[int, int]] = field(default_factory=list)
    last_width: int = 0

    def line_at(self, offset: int) -> int:
        index = bisect_right([s for s, _ in self.starts], offset) - 1
        return self.starts[max(index, 0)][1]

    def lines_of(self, start: int, end: int) -> list[int]:
        first, last = self.line_at(start), self.line_at(max(start, end - 1))
        return [n for n in self.lines if first <= n <= last]


def to_blocks(lines: list[str]) -> tuple[list[Block], list[Flag], list[tuple[int, int]]]:
    """The blocks of a document, the markup flags, and the (line, line) pairs joined across a break."""
    flags: list[Flag] = []
    joins: list[tuple[int, int]] = []
    width = _wrapped_width(lines)
    blocks: list[Block] = []
    gap = page_break = False
    for number, raw in enumerate(lines, start=1):
        if "\f" in raw:
            page_break = gap = True
        text = _clean(raw, number, flags)
        if not text or _FURNITURE.match(text) or _RULE.match(text):
            gap = gap or bool(blocks)
            continue
        previous = blocks[-1] if blocks else None
        if previous and _continues(previous, text, gap, page_break, width):
            if gap:
                joins.append((previous.lines[-1], number))
            previous.starts.append((len(previous.text) + 1, number))
            previous.text = f"{previous.text} {text}"
            previous.lines.append(number)
            previous.last_width = len(raw.rstrip())
        else:
            blocks.append(Block(text=text, lines=[number], starts=[(0, number)], last_width=len(raw.rstrip())))
        gap = page_break = False
    for block in blocks:
        _mark(block)
    return blocks, flags, joins


def marker_of(text: str) -> tuple[str, str, str]:
    for kind, pattern in (("roman", ROMAN), ("number", NUMBER), ("letter", LETTER), ("bullet", BULLET)):
        found = pattern.match(text)
        if found:
            return kind, found["num"], found["rest"].strip()
    return "", "", text


def _mark(block: Block) -> None:
    block.marker, block.num, block.rest = marker_of(block.text)


def _clean(raw: str, number: int, flags: list[Flag]) -> str:
    text = raw.replace("\f", " ").replace("\\-", "-").replace("\u00a0", " ")
    for found in _SUP.finditer(text):
        flags.append(Flag("markup", number, found.group(0), _SUPERSCRIPT.get(found[1], found[1]),
                          "markup of the source replaced by the character it stands for"))
    text = _SUP.sub(lambda m: _SUPERSCRIPT.get(m[1], m[1]), text)
    for found in _TAG.finditer(text):
        flags.append(Flag("markup", number, found.group(0), "", "markup of the source left out of the text"))
    text = _TAG.sub("", text).strip()
    text = re.sub(r"^#{1,6}\s+", "", text)
    if text.startswith("* "):
        text = "- " + text[2:]
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(^|\s)\*(?=\S)|(?<=\S)\*(?=\s|$|[.:;,])", r"\1", text)
    return _SPACES.sub(" ", text).strip()


def _wrapped_width(lines: list[str]) -> int:
    """The width of a hard-wrapped text (0 when lines are whole paragraphs)."""
    widths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(widths) < 5:
        return 0
    widest = max(widths)
    full = sum(1 for w in widths if w >= 0.75 * widest)
    return widest if widest <= 200 and full >= 0.35 * len(widths) else 0


def _continues(previous: Block, text: str, gap: bool, page_break: bool, width: int) -> bool:
    if marker_of(text)[0]:
        return False
    ended = previous.text.rstrip("”\")*»'").endswith(tuple(TERMINAL))
    first = next((ch for ch in text if ch.isalnum()), "")
    if not ended and (first.islower() or first.isdigit()):
        return True
    full = bool(width) and previous.last_width >= 0.85 * width
    if full and not gap:
        return True
    return full and page_break and not ended
