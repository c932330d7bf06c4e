"""The urging letter (công văn đôn đốc) as DOCX, from the UrgingLetter that services.urging.letter_data returns.

A4, margins top/bottom 2 cm, left 3 cm, right 1.5 cm; Times New Roman 14; the monitoring body as of
the letter's date (its letterhead) and the letter's number on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the date on the right. Stored text is
printed whatever it holds (``printable``), so the letter always builds.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tracker.services.urging import UrgingLetter
from tracker.text import document_date, printable

NO_OVERDUE = "(Không có nhiệm vụ quá hạn tại thời điểm lập văn bản.)"


def render(letter: UrgingLetter) -> bytes:
    """The letter as DOCX bytes."""
    name = printable(letter.organisation)
    head = letter.letterhead
    sender = printable(head.body_name)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = (f"{printable(head.committee_header)}\n{printable(head.body_header)}\n*\n"
                 f"Số {printable(letter.number) or '   '}-CV/{printable(head.symbol)}")
    right.text = f"ĐẢNG CỘNG SẢN VIỆT NAM\n\n{document_date(letter.issued_on)}"
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("V/v đôn đốc thực hiện Chương trình hành động thực hiện Nghị quyết số 42-NQ/TW")
    doc.add_paragraph(f"Kính gửi: {name}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("Thực hiện chức năng đôn đốc, theo dõi, kiểm tra, giám sát việc triển khai thực hiện Chương trình "
                      f"hành động của Ban Thường vụ Tỉnh ủy (mục IV.4), {sender} đề nghị "
                      f"{name} khẩn trương thực hiện và báo cáo kết quả các nhiệm vụ sau:")
    for line in [printable(line) for line in letter.overdue] or [NO_OVERDUE]:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_paragraph("Đề nghị đơn vị cập nhật kết quả và minh chứng trên hệ thống theo dõi trước ngày "
                      f"…/…/…, đồng thời gửi báo cáo về {sender} để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy.")
    doc.add_paragraph(f"Nơi nhận:\n- Như trên,\n- Lưu {printable(head.symbol)}.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
