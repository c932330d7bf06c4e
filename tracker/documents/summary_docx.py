"""The summary as a Party document (Hướng dẫn 36-HD/VPTW; Nghị định 30/2020/NĐ-CP for layout).

A4, margins top/bottom 2 cm, left 3 cm, right 1.5 cm; Times New Roman 14; the header block with
the issuing body on the left (the committee above, the monitoring body, "*", số/ký hiệu, all from the
summary's letterhead as of its date) and
"ĐẢNG CỘNG SẢN VIỆT NAM" with place and date on the right; page numbers from page 2.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.services.summary import Summary
from tracker.text import document_date, printable

FONT = "Times New Roman"
ROMAN = ["I", "II", "III", "IV", "V"]


def _font(run, size: int = 14, bold: bool = False, italic: bool = False) -> None:
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _run(paragraph, text: str, size: int = 14, bold: bool = False, italic: bool = False) -> None:
    """Append ``text`` in the document font; stored text with characters DOCX cannot hold still renders."""
    _font(paragraph.add_run(printable(text)), size, bold, italic)


def _para(doc_or_cell, text: str = "", size: int = 14, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False):
    p = doc_or_cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(6)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.27)
    if text:
        _run(p, text, size, bold, italic)
    return p


def _page_number_field(paragraph) -> None:
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    _font(run, 14)


def _setup(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.different_first_page_header_footer = True  # no number on page 1
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(header)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _two_columns(doc: Document, left_cm: float, right_cm: float):
    """A borderless two-cell row with fixed widths (header block, signature block)."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    for column, cell, width in zip(table.columns, (left, right), (Cm(left_cm), Cm(right_cm))):
        column.width = cell.width = width  # the grid (LibreOffice) and the cell (Word)
    return left, right


def _header(doc: Document, s: Summary) -> None:
    left, right = _two_columns(doc, 7.5, 9.0)
    left.paragraphs[0].alignment = right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    head = s.letterhead
    _run(left.paragraphs[0], head.committee_header, 14)
    for text, bold in ((head.body_header, True), ("*", False), (f"Số {s.number or '     '}-BC/{head.symbol}", False)):
        _para(left, text, 14, bold, align=WD_ALIGN_PARAGRAPH.CENTER)
    _run(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
    _para(right, "")
    d = s.issued_on
    _para(right, document_date(d), 14, italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)


def render(s: Summary) -> bytes:
    doc = Document()
    _setup(doc)
    _header(doc, s)
    _para(doc, "BÁO CÁO", 15, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_before = Pt(18)
    _para(doc, s.title, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "-----", 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, s.introduction, indent=True)

    _para(doc, "I- KẾT QUẢ THỰC HIỆN", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for group in s.groups:
        label = group.code.split(".")[-1]
        _para(doc, f"{label}. {group.title}", bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        if group.narrative:
            for line in group.narrative.splitlines():
                _para(doc, line, indent=True)
        for line in group.actions:
            _para(doc, f"- {line}", indent=True)
        if not group.narrative and not group.actions:
            _para(doc, "Chưa có kết quả được cập nhật trong kỳ.", italic=True, indent=True)

    _para(doc, "II- KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐẾN NĂM 2030", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _targets_table(doc, s)
    _para(doc, "III- HẠN CHẾ, NGUYÊN NHÂN", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in s.limitations.splitlines():
        _para(doc, line, indent=True)
    _para(doc, "IV- ĐỀ XUẤT, KIẾN NGHỊ", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in (s.proposals or "Không có đề xuất.").splitlines():
        _para(doc, line, indent=True)
    _footer(doc, s)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _targets_table(doc: Document, s: Summary) -> None:
    headers = ("Mã", "Chỉ tiêu", "Số liệu gốc", "Mục tiêu 2030", "Mới nhất", "Đánh giá")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):  # row.cells once per row: fast
        cell.text = ""
        _run(cell.paragraphs[0], text, 12, bold=True)
    for row in s.targets:
        cells = table.add_row().cells
        for cell, text in zip(cells, (row.code, row.name, row.baseline, row.target, row.latest, row.rating)):
            _run(cell.paragraphs[0], text, 12)


def _footer(doc: Document, s: Summary) -> None:
    left, right = _two_columns(doc, 8.0, 8.5)
    p = left.paragraphs[0]
    _run(p, "Nơi nhận:", 12, bold=True, italic=True)
    for r in s.recipients:
        _para(left, f"- {r},", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], f"T/M {s.letterhead.body_header}\n{s.signer_title}", 14, bold=True)
    _para(right, "\n\n\n" + (s.signer or ""), 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
