"""The layout every Party document here shares (Hướng dẫn 36-HD/VPTW; Nghị định 30/2020/NĐ-CP for the page).

A4, margins top/bottom 2 cm, left 3 cm, right 1.5 cm; Times New Roman 14; page numbers from page 2.
The header block: on the left the committee above (in capitals), the issuing body (capitals, bold), "*",
the number and symbol, and for a công văn its "V/v" line (12, italic); on the right "ĐẢNG CỘNG SẢN VIỆT
NAM" (15, bold) with a rule as long as it, then the place and date (italic). The closing block:
"Nơi nhận:" and the recipients on the left, the signature on the right. Stored text goes through
``printable``, so a document always builds.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.services.registry import Letterhead
from tracker.text import document_date, printable

FONT = "Times New Roman"
HEADER_COLUMNS_CM = (8.8, 8.2)  # a little wider than the text: "BAN TUYÊN GIÁO VÀ DÂN VẬN" holds on one line
SIGNATURE_COLUMNS_CM = (8.0, 8.5)
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
PARTY_RULE_CM = 7.6  # as long as "ĐẢNG CỘNG SẢN VIỆT NAM" in 15 pt bold
BLANK_NUMBER = "      "  # left for the clerk who numbers the document
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY


def font(run, size: int = 14, bold: bool = False, italic: bool = False) -> None:
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def run(paragraph, text: str, size: int = 14, bold: bool = False, italic: bool = False):
    """Append ``text`` in the document font; stored text with characters DOCX cannot hold still renders."""
    added = paragraph.add_run(printable(text))
    font(added, size, bold, italic)
    return added


def para(container, text: str = "", size: int = 14, bold: bool = False, italic: bool = False,
         align=JUSTIFY, indent: bool = False, after: float = 6, first: bool = False):
    """A paragraph in ``container`` (the document or a table cell); ``first`` reuses a cell's empty one."""
    p = container.paragraphs[0] if first else container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.27)
    if text:
        run(p, text, size, bold, italic)
    return p


def rule(container, length_cm: float, width_cm: float, after: float = 0, first: bool = False):
    """A centred horizontal line ``length_cm`` long: the bottom border of an empty 2 pt paragraph whose
    indents leave that length of a ``width_cm`` column (Word and LibreOffice draw it the same)."""
    p = para(container, "", 2, align=CENTER, after=after, first=first)
    side = Cm(max(0.0, (width_cm - length_cm) / 2))
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    p.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p._p.get_or_add_pPr().append(borders)
    return p


def new_document() -> Document:
    """An empty A4 Party document: margins, Times New Roman 14, the page number from page 2."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.different_first_page_header_footer = True  # no number on page 1
    header = section.header.paragraphs[0]
    header.alignment = CENTER
    _page_number_field(header)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return doc


def _page_number_field(paragraph) -> None:
    field = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        field._r.append(el)
    font(field, 14)


def fixed_table(doc: Document, widths_cm: Sequence[float], rows: int = 1, grid: bool = False):
    """A table of fixed column widths, set on the grid (LibreOffice) and on every cell (Word)."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Cm(w) for w in widths_cm]
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        set_widths(row.cells, widths)
    return table


def row_flag(row, tag: str) -> None:
    """Sets a row property: "w:cantSplit" (never broken across pages), "w:tblHeader" (repeated)."""
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def set_widths(cells, widths) -> None:
    for cell, width in zip(cells, widths):
        cell.width = width


def header(doc: Document, head: Letterhead, number: str, issued_on: date, subject: str = "",
           committee_above: bool = True) -> None:
    """The header block. ``number`` is the whole line ("Số 12-BC/BTGDVTU"); ``subject`` the công văn's
    "V/v …" line; ``committee_above`` False leaves out the committee line (the committee's own paper)."""
    left, right = fixed_table(doc, HEADER_COLUMNS_CM).rows[0].cells
    first = True
    if committee_above and head.committee_header:
        para(left, head.committee_header, 14, align=CENTER, after=0, first=True)
        first = False
    para(left, head.body_header, 14, bold=True, align=CENTER, after=0, first=first)
    para(left, "*", 14, align=CENTER, after=0)
    para(left, number, 14, align=CENTER, after=0)
    if subject:
        para(left, subject, 12, italic=True, align=CENTER, after=0)
    para(right, PARTY, 15, bold=True, align=CENTER, after=0, first=True)
    rule(right, PARTY_RULE_CM, HEADER_COLUMNS_CM[1], after=8)
    para(right, document_date(issued_on), 14, italic=True, align=CENTER, after=0)


def number_line(number: str, kind: str, symbol: str) -> str:
    """"Số 12-BC/BTGDVTU"; a blank for the clerk when the number is not known yet."""
    return f"Số {printable(number).strip() or BLANK_NUMBER}-{kind}/{symbol}"


def recipients_lines(recipients: Sequence[str]) -> list[str]:
    """"- X," per recipient, the last one ending with a full stop (Hướng dẫn 36)."""
    items = [printable(r).strip().rstrip(",.;") for r in recipients if printable(r).strip()]
    return [f"- {item}{'.' if i == len(items) - 1 else ','}" for i, item in enumerate(items)]


def closing(doc: Document, recipients: Sequence[str], signature_lines: Sequence[str], signer: str) -> None:
    """"Nơi nhận:" with its recipients on the left; the signature block on the right: its lines in
    capitals, bold, the space for the signature and the seal, then the signer's name, bold."""
    para(doc, "", after=0)
    row = fixed_table(doc, SIGNATURE_COLUMNS_CM).rows[0]
    row_flag(row, "w:cantSplit")  # the title and the signer's name stay on one page
    left, right = row.cells
    para(left, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT, after=0, first=True)
    for line in recipients_lines(recipients):
        para(left, line, 11, align=LEFT, after=0)
    lines = [line for line in signature_lines if line.strip()] or [""]
    for i, line in enumerate(lines):
        para(right, line.upper(), 14, bold=True, align=CENTER, after=0, first=i == 0)
    for _ in range(4):
        para(right, "", 14, align=CENTER, after=0)
    para(right, signer, 14, bold=True, align=CENTER, after=0)


def page_break(doc: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
