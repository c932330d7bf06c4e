"""The urging letter (công văn đôn đốc) as DOCX, from the UrgingLetter that services.urging.letter_data returns.

A Party công văn (Hướng dẫn 36-HD/VPTW, layout in party_format): the header with "Số …-CV/<symbol>"
and the "V/v …" line under it (12, italic), "Kính gửi:", the overdue tasks named by what they say,
the request, then "Nơi nhận" ("Như trên", …, "Lưu <symbol>.") and the signature block.
"""

from __future__ import annotations

from docx.shared import Pt

from tracker.documents.party_format import CENTER, closing, header, new_document, number_line, para, run, to_bytes
from tracker.services.urging import UrgingLetter
from tracker.text import cited_date, printable

NO_OVERDUE = "(Không có nhiệm vụ quá hạn tại thời điểm lập văn bản.)"


def render(letter: UrgingLetter) -> bytes:
    """The letter as DOCX bytes."""
    name = printable(letter.organisation)
    head = letter.letterhead
    sender = printable(head.body_name)
    doc = new_document()
    header(doc, head, number_line(letter.number, "CV", head.symbol), letter.issued_on, subject=letter.subject)
    greeting = para(doc, "Kính gửi: ", align=CENTER, after=12)
    greeting.paragraph_format.space_before = Pt(12)
    run(greeting, name)
    para(doc, f"Thực hiện {letter.program}, {sender} được giao theo dõi, đôn đốc, kiểm tra việc triển khai "
              f"thực hiện. Đến ngày {cited_date(letter.issued_on)}, {name} còn "
              f"{len(letter.overdue):02d} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành:"
         if letter.overdue else f"Thực hiện {letter.program}, {sender} được giao theo dõi, đôn đốc, kiểm tra "
                                "việc triển khai thực hiện.", indent=True)
    for i, line in enumerate(letter.overdue):
        para(doc, f"- {printable(line)}{'.' if i == len(letter.overdue) - 1 else ';'}", indent=True)
    if not letter.overdue:
        para(doc, NO_OVERDUE, indent=True)
    para(doc, f"{sender} đề nghị {name} quan tâm chỉ đạo, khẩn trương thực hiện các nhiệm vụ trên; cập nhật "
              "kết quả và văn bản minh chứng trên hệ thống theo dõi, đồng thời báo cáo kết quả về "
              f"{sender} để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy.", indent=True)
    para(doc, "Trân trọng!", indent=True)
    closing(doc, ("Như trên", *letter.recipients, f"Lưu {head.symbol}"), letter.signature.lines(),
            letter.signature.name)
    return to_bytes(doc)
