"""The summary report as a Party document (Hướng dẫn 36-HD/VPTW), from a ``Summary`` the services built.

The header (party_format), "BÁO CÁO" and the title over a short rule ("-----"), then the parts of a
báo cáo sơ kết (summary_outline): I. leadership, II. results per group ("1.") and lettered sub-group
("a)"), III. assessment, IV. directions, V. proposals; the signature block with "Nơi nhận"; the Phụ
lục of targets on a page of its own, its heading row repeated on every page. No queries here.
"""

from __future__ import annotations

from docx.shared import Cm

from tracker.documents.party_format import (CENTER, LEFT, closing, fixed_table, header, new_document, number_line,
                                            page_break, para, row_flag, set_widths, to_bytes)
from tracker.documents.summary_outline import (APPENDIX, APPENDIX_CAPTION, APPENDIX_COLUMNS, ASSESSMENT,
                                               NOTHING_YET, PARTS, appendix_rows, groups, without_codes)
from tracker.services.summary import Summary
from tracker.text import cited_date

EMPTY = "…"  # a part not written yet: a visible gap to fill before signing
APPENDIX_FONT = 12
CENTRED_COLUMNS = {0, 2, 3, 4, 5, 6}  # all but the target's name


def _heading(doc, text: str, italic: bool = False) -> None:
    para(doc, text, bold=True, italic=italic, indent=True)


def _text(doc, text: str) -> None:
    """Prose as paragraphs, one per line, justified with the first line indented."""
    lines = [line.strip() for line in without_codes(text).splitlines() if line.strip()]
    for line in lines or [EMPTY]:
        para(doc, line, indent=True)


def _results(doc, s: Summary) -> None:
    """Part II: per group and sub-group, the drafted prose, then what was done, one "- " line each."""
    for heading, group, lettered in groups(s.groups):
        _heading(doc, heading, italic=lettered)
        if group.narrative.strip():
            _text(doc, group.narrative)
        for line in group.actions:
            para(doc, f"- {without_codes(line).strip().lstrip('- ')}", indent=True)
        if not group.narrative.strip() and not group.actions and not group.subgroups:
            para(doc, NOTHING_YET, italic=True, indent=True)
    if not s.groups:
        para(doc, NOTHING_YET, italic=True, indent=True)


def render(s: Summary) -> bytes:
    doc = new_document()
    head = s.letterhead
    header(doc, head, number_line(s.number, "BC", head.symbol), s.issued_on,
           committee_above=s.voice != "standing_committee")
    para(doc, "BÁO CÁO", 16, bold=True, align=CENTER, after=0).paragraph_format.space_before = Cm(0.6)
    para(doc, s.title, 14, bold=True, align=CENTER, after=0)
    para(doc, "-----", 14, align=CENTER, after=6)
    if s.introduction.strip():
        _text(doc, s.introduction)
    _heading(doc, PARTS[0])
    _text(doc, s.leadership)
    _heading(doc, PARTS[1])
    _results(doc, s)
    _heading(doc, PARTS[2])
    for title, name, lettered in ASSESSMENT:
        _heading(doc, title, italic=lettered)
        if name:
            _text(doc, getattr(s.assessment, name))
    _heading(doc, PARTS[3])
    _text(doc, s.directions)
    _heading(doc, PARTS[4])
    _text(doc, s.proposals)
    closing(doc, s.recipients, s.signature.lines(), s.signature.name)
    if s.targets:
        _appendix(doc, s)
    return to_bytes(doc)


def _appendix(doc, s: Summary) -> None:
    """The Phụ lục: a page of its own, a table whose heading row repeats on every page."""
    page_break(doc)
    para(doc, APPENDIX, 14, bold=True, align=CENTER, after=0)
    para(doc, APPENDIX_CAPTION, 14, bold=True, align=CENTER, after=0)
    number = (s.number or "").strip() or "…"
    para(doc, f"(Kèm theo Báo cáo số {number}-BC/{s.letterhead.symbol} ngày {cited_date(s.issued_on)} "
              f"của {s.letterhead.body_name})", 14, italic=True, align=CENTER, after=8)
    widths_cm = [w for _, w in APPENDIX_COLUMNS]
    widths = [Cm(w) for w in widths_cm]
    table = fixed_table(doc, widths_cm, grid=True)
    heading = table.rows[0]
    row_flag(heading, "w:tblHeader")  # repeats at the top of every page the table runs onto
    row_flag(heading, "w:cantSplit")
    for cell, (title, _) in zip(heading.cells, APPENDIX_COLUMNS):  # row.cells once per row: fast
        para(cell, title, APPENDIX_FONT, bold=True, align=CENTER, after=0, first=True)
    for values in appendix_rows(s):
        row = table.add_row()
        cells = row.cells
        set_widths(cells, widths)
        for column, (cell, value) in enumerate(zip(cells, values)):
            para(cell, value, APPENDIX_FONT, align=CENTER if column in CENTRED_COLUMNS else LEFT, after=0,
                 first=True)
        row_flag(row, "w:cantSplit")  # a row is not broken across two pages

