"""Urging by hand (đôn đốc): the monitor nudges a body now, and can download a drafted letter."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from sqlmodel import Session, select

from tracker.clock import utcnow
from tracker.config import Settings
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Organisation
from tracker.services import audit, messages, workspace
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.services.workspace import AssignmentFilter
from tracker.text import clean, document_date, printable


def _overdue_lines(session: Session, actor: Actor, org: Organisation, today: date) -> list[str]:
    rows = workspace.all_assignments(session, actor, AssignmentFilter(organisation=org.code, overdue_only=True), today)
    return [f"Nhiệm vụ {r['task']}: {r['status_label'].lower()}, quá hạn {r['days_overdue']} ngày "
            f"(thời hạn {date.fromisoformat(r['deadline']):%d/%m/%Y})" for r in rows]


def urge(session: Session, actor: Actor, settings: Settings, organisation_code: str, message: str,
         today: date) -> int:
    """Queue an urging notice (and email) to every officer of the body; returns how many messages."""
    org = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    authorize(session, actor, "urge", org.id if org else None, object_type="organisation",
              object_id=organisation_code)
    if org is None or not org.active:
        raise TrackerError("Không có cơ quan, đơn vị này hoặc đã ngừng hoạt động.")
    message = clean(message)
    if not message:
        raise InvalidInput("Cần nhập nội dung đôn đốc.")
    users = messages.officers(session, [org.id])
    if not users:
        raise TrackerError(f"{org.name} chưa có tài khoản cán bộ đầu mối để nhận đôn đốc.")
    lines = _overdue_lines(session, actor, org, today)
    body = message + ("\n\nCác nhiệm vụ quá hạn:\n" + "\n".join(f"- {x}" for x in lines) if lines else "")
    queued = messages.send_now(session, messages.Message(
        "manual_urge", f"{org.id}:{utcnow().isoformat()}", "organisation", org.id,
        f"[Đôn đốc] Ban Tuyên giáo Tỉnh ủy đề nghị {org.name} khẩn trương thực hiện", body), users, today, settings)
    audit.record(session, actor, "urge", "organisation", org.id, {"message": message[:300], "messages": queued})
    return queued


def letter_docx(session: Session, actor: Actor, organisation_code: str, today: date, number: str = "") -> bytes:
    """A drafted urging letter (công văn đôn đốc) to the body, listing its overdue tasks."""
    org = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    authorize(session, actor, "urge", org.id if org else None, object_type="organisation",
              object_id=organisation_code)
    if org is None:
        raise TrackerError("Không có cơ quan, đơn vị này.")
    lines = [printable(line) for line in _overdue_lines(session, actor, org, today)]
    name = printable(org.name)  # stored text is printed whatever it holds: the letter always builds
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = f"TỈNH ỦY LAI CHÂU\nBAN TUYÊN GIÁO\n*\nSố {printable(number) or '   '}-CV/BTGTU"
    right.text = f"ĐẢNG CỘNG SẢN VIỆT NAM\n\n{document_date(today)}"
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("V/v đôn đốc thực hiện Chương trình hành động thực hiện Nghị quyết số 42-NQ/TW")
    doc.add_paragraph(f"Kính gửi: {name}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("Thực hiện chức năng đôn đốc, theo dõi, kiểm tra, giám sát việc triển khai thực hiện Chương trình "
                      "hành động của Ban Thường vụ Tỉnh ủy (mục IV.4), Ban Tuyên giáo Tỉnh ủy đề nghị "
                      f"{name} khẩn trương thực hiện và báo cáo kết quả các nhiệm vụ sau:")
    for line in lines or ["(Không có nhiệm vụ quá hạn tại thời điểm lập văn bản.)"]:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_paragraph("Đề nghị đơn vị cập nhật kết quả và minh chứng trên hệ thống theo dõi trước ngày "
                      "…/…/…, đồng thời gửi báo cáo về Ban Tuyên giáo Tỉnh ủy để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy.")
    doc.add_paragraph("Nơi nhận:\n- Như trên,\n- Lưu BTGTU.")
    out = io.BytesIO()
    doc.save(out)
    audit.record(session, actor, "draft_letter", "organisation", org.id, {"overdue": len(lines)})
    return out.getvalue()
