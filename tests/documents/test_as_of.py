"""Documents name the bodies as of their date: a 2024 summary as issued then, and today's letterhead after
the 2025 merge of BTG-TU and BDV-TU into BTGDV-TU and the split of SO-LDTBXH, applied from the shipped
events file by reorganisation.apply."""

import io
from datetime import date

import docx
from sqlmodel import select

from tracker.db import session_scope
from tracker.documents import summary_docx, urging_letter
from tracker.models import Action, Assignment, Organisation
from tracker.services import digest, reorganisation, summary, urging
from tracker.services.actor import Actor
from tests.conftest import SEED_DIR

ADMIN = Actor.operator("root")
EVENTS = ("2025-03-BTGDV-TU", "2025-03-SO-LDTBXH")

MONITOR = Actor.operator("tg", role="monitor")
TODAY = date(2026, 1, 5)


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def org(s, code) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def reorganised(engine) -> None:
    """The merge into BTGDV-TU and the labour department's split, as the shipped events file has them."""
    specs = {spec.code: spec for spec in reorganisation.read_events(SEED_DIR / "reorganisations")}
    with session_scope(engine) as s:
        for code in EVENTS:
            reorganisation.apply(s, ADMIN, specs[code], today=TODAY)


def with_a_2024_action(engine) -> None:
    with session_scope(engine) as s:
        assignment = s.exec(select(Assignment).where(Assignment.organisation_id == org(s, "SO-LDTBXH").id)).first()
        s.add(Action(assignment_id=assignment.id, acted_on=date(2024, 6, 1), description="Ban hành kế hoạch",
                     doc_number="45/KH-SLĐTBXH", progress_pct=30))


def summary_text(engine, issued_on: date) -> str:
    with session_scope(engine) as s:
        return text_of(summary_docx.render(summary.build(s, MONITOR, "periodic", "2024", issued_on)))


def test_a_2024_summary_as_issued_names_the_2024_bodies(seeded):
    with_a_2024_action(seeded)
    text = summary_text(seeded, date(2024, 12, 20))
    assert "TỈNH ỦY LAI CHÂU" in text and "BAN TUYÊN GIÁO" in text and "VÀ DÂN VẬN" not in text
    assert "-BC/BTGTU" in text and "Lưu BTGTU" in text and "TRƯỞNG BAN" in text and "T/M BAN" not in text
    assert "Ban Tuyên giáo Tỉnh ủy báo cáo" in text
    assert "Sở Lao động - Thương binh và Xã hội: Ban hành kế hoạch" in text


def test_after_the_merge_a_summary_issued_today_carries_todays_body(seeded):
    with_a_2024_action(seeded)
    reorganised(seeded)
    text = summary_text(seeded, TODAY)
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in text and "-BC/BTGDVTU" in text and "Lưu BTGDVTU" in text
    assert "TRƯỞNG BAN" in text and "-BC/BTGTU" not in text
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo" in text
    assert "Sở Lao động - Thương binh và Xã hội: Ban hành kế hoạch" in text  # the 2024 period keeps its bodies' names


def test_a_late_report_of_2024_is_named_as_its_body_was_then(seeded):
    from tracker.models import Program, Report
    with session_scope(seeded) as s:
        program = s.exec(select(Program)).first()
        s.add(Report(program_id=program.id, organisation_id=org(s, "SO-LDTBXH").id, period="2024-H1",
                     due_on=date(2024, 6, 15)))
        renamed = reorganisation.parse_events({"events": [{
            "code": "2025-01-RENAME", "kind": "rename", "effective_on": date(2025, 1, 1),
            "rename": {"code": "SO-LDTBXH", "name": "Sở Lao động tỉnh Lai Châu"}}]})[0]
        reorganisation.apply(s, ADMIN, renamed, today=TODAY)
    with session_scope(seeded) as s:
        then = summary.build(s, MONITOR, "periodic", "2024", date(2024, 12, 20)).facts["late"]
        today = summary.build(s, MONITOR, "periodic", "2025", TODAY).facts["late"]
    # the report names a dozen and counts the rest; the facts it was written from name every body
    assert {"name": "Sở Lao động - Thương binh và Xã hội", "periods": "2024-H1, 2024-H2"} in [
        {k: b[k] for k in ("name", "periods")} for b in then]
    assert "Sở Lao động tỉnh Lai Châu" in {b["name"] for b in today}


def test_the_urging_letter_and_the_digest_speak_for_todays_body(seeded):
    reorganised(seeded)
    with session_scope(seeded) as s:
        text = text_of(urging_letter.render(urging.letter_data(s, MONITOR, "HU-SINHO", TODAY, number="3")))
        closing = digest.signature(s, TODAY)
        closing_then = digest.signature(s, date(2024, 5, 1))
    assert "TỈNH ỦY LAI CHÂU\nBAN TUYÊN GIÁO VÀ DÂN VẬN" in text and "Số 3-CV/BTGDVTU" in text
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy đề nghị" in text and "Lưu BTGDVTU" in text
    assert "BTGTU" not in text
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in closing
    assert "Ban Tuyên giáo Tỉnh ủy" in closing_then


def test_without_a_monitor_the_committee_speaks_for_itself(seeded):
    from tracker.models import Program
    with session_scope(seeded) as s:
        program = s.exec(select(Program)).first()
        program.monitor_org_id = None
    with session_scope(seeded) as s:
        built = summary.build(s, MONITOR, "periodic", "2024", TODAY)
        committee = s.exec(select(Organisation).where(Organisation.code == "TU")).one()
    assert built.letterhead.body_header == "TỈNH ỦY LAI CHÂU" and built.letterhead.body_name == committee.name
    assert "-BC/TU\n" in text_of(summary_docx.render(built))
