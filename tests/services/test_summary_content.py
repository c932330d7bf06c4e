"""The summary's content (issue 14): the title in the genre's words, the two voices and their signatures,
"Nơi nhận", counting late reports right, the bodies' difficulties and proposals gathered, the IV.1 figures
in part I, no internal codes in the text, and the Phụ lục's rows."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Organisation, Program, Target, TargetValue
from tracker.models.records import ImplementationRecord
from tracker.services import reports, summary
from tracker.services.actor import Actor

MONITOR = Actor.operator("tg", role="monitor")
SECTION = {"III.1": {"done": "Tổ chức 12 hội nghị quán triệt", "results": "100% chi bộ được quán triệt",
                     "difficulties": "Địa bàn rộng, đi lại khó khăn", "proposals": "Bổ sung kinh phí tuyên truyền"}}
CODE = re.compile(r"\bIII\.\d")


def org(s, code: str) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def program(s) -> Program:
    return s.exec(select(Program)).first()


def submit(engine, code: str, period: str, on: datetime, accept: bool = True, content=SECTION) -> None:
    """``code`` writes and submits its ``period`` report on ``on``; the monitor accepts it."""
    with session_scope(engine) as s:
        body = org(s, code).id
    agency = Actor(None, code.lower(), "agency", body)
    with session_scope(engine) as s:
        report = reports.open_report(s, agency, body, period)
        reports.save_draft(s, agency, report.id, {"sections": content})
        reports.submit(s, agency, report.id, now=on)
        if accept:
            reports.review(s, MONITOR, report.id, accept=True, now=on)


def build(engine, *args, **kwargs) -> summary.Summary:
    with session_scope(engine) as s:
        return summary.build(s, MONITOR, *args, **kwargs)


def every_text(built: summary.Summary) -> str:
    def walk(groups):
        for g in groups:
            yield g.narrative
            yield from g.actions
            yield from walk(g.subgroups)
    a = built.assessment
    return "\n".join([built.title, built.introduction, built.leadership, *walk(built.groups), a.strengths,
                      a.limitations, a.causes_objective, a.causes_subjective, a.lessons, built.directions,
                      built.proposals])


def test_one_body_reports_on_time_and_every_other_body_that_owed_is_late(seeded):
    submit(seeded, "HU-SINHO", "2026-H1", datetime(2026, 6, 10, 3, tzinfo=timezone.utc))
    submit(seeded, "SO-YTE", "2026-H1", datetime(2026, 6, 20, 3, tzinfo=timezone.utc))  # five days late
    with session_scope(seeded) as s:
        p = program(s)
        due, owing = reports.owing_bodies(s, p, "periodic", "2026-H1")
        late = reports.late_bodies(s, p, "periodic", "2026-H1", date(2026, 7, 1))
        before_due = reports.late_bodies(s, p, "periodic", "2026-H1", date(2026, 6, 15))
        sinho, yte = org(s, "HU-SINHO").id, org(s, "SO-YTE").id
    assert due == date(2026, 6, 15) and len(owing) > 20 and sinho in owing
    assert {b.organisation_id for b in late} == set(owing) - {sinho}
    states = {b.organisation_id: b.state for b in late}
    assert states[yte] == "submitted_late" and set(states.values()) == {"submitted_late", "not_started"}
    assert all(b.days_late == 16 and b.period == "2026-H1" for b in late)
    assert before_due == []
    with session_scope(seeded) as s:  # the set-based count of the leaders' overview says the same
        p = program(s)
        assert reports.late_count(s, p, "2026-H1", date(2026, 7, 1)) == len(late)
        assert reports.late_count(s, p, "2026-H1", date(2026, 6, 15)) == 0


def test_the_summary_counts_the_bodies_that_never_reported(seeded):
    submit(seeded, "HU-SINHO", "2026-H1", datetime(2026, 6, 10, 3, tzinfo=timezone.utc))
    built = build(seeded, "periodic", "2026-H1", date(2026, 7, 1))
    facts = built.facts
    assert facts["owed_reports"] > 20 and facts["late_reports"] == facts["owed_reports"] - 1
    assert (f"{facts['late_reports']}/{facts['owed_reports']} cơ quan, đơn vị chưa gửi báo cáo"
            in built.assessment.limitations)
    assert "Sìn Hồ" not in "".join(item["name"] for item in facts["late"])
    assert f"1/{facts['owed_reports']} cơ quan, đơn vị gửi báo cáo đầy đủ, đúng thời hạn" in built.assessment.strengths
    assert "lượt nhiệm vụ thường xuyên đã có kết quả trong kỳ" in built.assessment.strengths
    early = build(seeded, "periodic", "2026-H1", date(2026, 6, 1))  # before the due date: nobody late yet
    assert early.facts["late_reports"] == 0 and "chưa gửi báo cáo" not in early.assessment.limitations


def test_difficulties_and_proposals_are_gathered_by_group_with_the_body_named(seeded):
    submit(seeded, "HU-SINHO", "2026-H1", datetime(2026, 6, 10, 3, tzinfo=timezone.utc))
    submit(seeded, "SO-YTE", "2026-H1", datetime(2026, 6, 11, 3, tzinfo=timezone.utc), accept=False,
           content={"III.1": {"difficulties": "Thiếu cán bộ chuyên trách", "proposals": "Tập huấn nghiệp vụ"}})
    built = build(seeded, "periodic", "2026-H1", date(2026, 7, 1))
    with session_scope(seeded) as s:
        sinho, yte = org(s, "HU-SINHO").name, org(s, "SO-YTE").name
    assert f"{sinho}: Địa bàn rộng, đi lại khó khăn" in built.assessment.limitations
    assert f"{yte}: Thiếu cán bộ chuyên trách" in built.assessment.limitations  # submitted, not yet accepted
    line = next(x for x in built.proposals.splitlines() if "Bổ sung kinh phí" in x)
    assert line.startswith("- Về ") and f"{sinho}: Bổ sung kinh phí tuyên truyền" in line and yte in line
    first = built.groups[0]
    assert f"{sinho}: 100% chi bộ được quán triệt" in first.narrative  # accepted results in part II
    assert yte not in first.narrative  # results only from accepted reports
    assert not CODE.search(every_text(built))


def test_title_in_the_genres_words_and_the_period_ending_at_the_issue_date(seeded):
    built = build(seeded, "preliminary", "2024-2027", date(2026, 12, 1))
    assert built.title.startswith("Sơ kết 03 năm thực hiện Chương trình hành động số …-CTr/TU ngày …/…/… "
                                  "của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 42-NQ/TW")
    assert "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII" in built.title  # as written
    assert built.end == date(2026, 12, 1) and built.start == date(2024, 1, 1)
    assert "đến ngày 01/12/2026" in built.introduction
    with session_scope(seeded) as s:
        p = program(s)
        p.number, p.issued_on = "25-CTr/TU", date(2024, 3, 15)
    final = build(seeded, "final", "2024-2030", date(2030, 12, 20))
    assert final.title.startswith("Tổng kết 06 năm thực hiện Chương trình hành động số 25-CTr/TU ngày 15/3/2024 "
                                  "của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết")
    assert final.end == date(2030, 12, 20)
    assert build(seeded, "periodic", "2026-H1", date(2026, 7, 1)).title.endswith("(6 tháng đầu năm 2026)")
    assert build(seeded, "periodic", "2026", date(2027, 1, 5)).title.endswith("(năm 2026)")
    with pytest.raises(InvalidInput, match="trước khi kỳ"):
        build(seeded, "periodic", "2026", date(2025, 12, 1))


def test_the_department_signs_as_head_or_deputy_and_files_its_copy(seeded):
    head = build(seeded, "periodic", "2026-H1", date(2026, 7, 1), signer="Nguyễn Văn A")
    assert head.signature.lines() == ["TRƯỞNG BAN"] and head.signature.name == "Nguyễn Văn A"
    assert head.recipients[:2] == ["Ban Thường vụ Tỉnh ủy (b/c)", "Thường trực Tỉnh ủy (b/c)"]
    assert head.recipients[-1] == f"Lưu {head.letterhead.symbol}" and head.letterhead.symbol == "BTGTU"
    deputy = build(seeded, "periodic", "2026-H1", date(2026, 7, 1), signer_form="deputy")
    assert deputy.signature.lines() == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    with pytest.raises(InvalidInput, match="Hình thức ký"):
        build(seeded, "periodic", "2026-H1", date(2026, 7, 1), signer_form="collective")


def test_the_standing_committees_report_speaks_for_the_committee(seeded):
    built = build(seeded, "preliminary", "2024-2027", date(2026, 12, 1), voice="standing_committee")
    assert built.letterhead.body_header == "TỈNH ỦY LAI CHÂU" and built.letterhead.symbol == "TU"
    assert built.letterhead.committee_header == ""
    assert built.signature.lines() == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"]
    assert built.signature.name == "Vũ Mạnh Hà"  # the program's signer
    assert built.recipients[0] == "Ban Bí thư (b/c)"
    assert "Ban Tuyên giáo và Dân vận Trung ương (b/c)" in built.recipients
    assert built.recipients[-1] == "Lưu Văn phòng Tỉnh ủy"
    assert "Ban Thường vụ Tỉnh ủy báo cáo" in built.introduction
    with session_scope(seeded) as s:
        program(s).signer_title = "T/M BAN THƯỜNG VỤ\nBÍ THƯ"
    assert build(seeded, "preliminary", "2024-2027", date(2026, 12, 1), voice="standing_committee",
                 signer="Trần Văn B").signature.lines() == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def test_part_one_carries_the_implementation_records(seeded):
    with session_scope(seeded) as s:
        p, sinho = program(s), org(s, "HU-SINHO")
        s.add(ImplementationRecord(program_id=p.id, organisation_id=sinho.id, kind="plan",
                                   occurred_on=date(2024, 5, 2), doc_number="45-KH/HU"))
        s.add(ImplementationRecord(program_id=p.id, organisation_id=sinho.id, kind="conference",
                                   occurred_on=date(2024, 5, 20), level="commune", participants=120,
                                   reached_pct=95))
        s.add(ImplementationRecord(program_id=p.id, organisation_id=sinho.id, kind="propaganda",
                                   occurred_on=date(2024, 12, 31), articles=12, broadcasts=3, sessions=8))
    built = build(seeded, "preliminary", "2024-2027", date(2026, 12, 1))
    bodies = built.facts["bodies"]
    assert bodies > 20 and built.facts["plans"] == 1
    assert f"1/{bodies} cơ quan, đơn vị đã ban hành kế hoạch thực hiện" in built.leadership
    assert "1 hội nghị" in built.leadership and "120 lượt người" in built.leadership
    assert "95% cán bộ, đảng viên" in built.leadership and "12 tin, bài" in built.leadership


def test_the_annex_rows_speak_report_language(seeded):
    with session_scope(seeded) as s:
        targets = s.exec(select(Target).order_by(Target.position)).all()
        first = targets[0]
        first.baseline_value, first.baseline_year = 80.0, 2023
        s.add(TargetValue(target_id=first.id, organisation_id=org(s, "SO-YTE").id, period="2026-H1",
                          value=99.0, measured_on=date(2026, 6, 30)))
        codes = {t.unit: t.code for t in targets}
    rows = build(seeded, "periodic", "2026-H1", date(2026, 7, 1)).targets
    assert [r.position for r in rows[:3]] == [1, 2, 3]
    by_code = {r.code: r for r in rows}
    assert rows[0].baseline == "80 (2023)" and rows[0].latest == "99 (2026-H1)"
    assert rows[0].rating in ("Đạt", "Dự kiến đạt", "Khó đạt")
    assert by_code[codes["per_10000"]].unit.endswith("/10.000 dân")
    assert {r.rating for r in rows[1:]} <= {"Chưa có số liệu", "Đạt", "Dự kiến đạt", "Khó đạt"}
    assert not any(r.target.endswith("%") for r in rows)  # the unit has its own column


def test_a_draft_is_kept_with_its_edits_and_a_stale_save_is_refused(seeded):
    from tracker.errors import TrackerError
    from tracker.models import AuditEvent
    from tracker.services import summary_drafts
    from tracker.services.permissions import PermissionDenied

    built = build(seeded, "preliminary", "2024-2027", date(2026, 12, 1), voice="standing_committee")
    next(sub for top in built.groups for sub in top.subgroups).narrative = "Tiểu mục đã sửa"
    built.assessment.lessons = "Bài học đã sửa\x1b"
    with session_scope(seeded) as s:
        assert summary_drafts.load(s, MONITOR, "preliminary", "2024-2027", "standing_committee") is None
        assert summary_drafts.save(s, MONITOR, built, 0) == 1
    with session_scope(seeded) as s:
        again = summary_drafts.load(s, MONITOR, "preliminary", "2024-2027", "standing_committee")
        assert summary_drafts.load(s, MONITOR, "preliminary", "2024-2027", "department") is None
    assert again.draft_version == 1 and again.assessment.lessons == "Bài học đã sửa"
    assert again.signature == built.signature and again.letterhead == built.letterhead
    assert again.issued_on == date(2026, 12, 1) and again.targets == built.targets
    assert [g.subgroups for g in again.groups] == [g.subgroups for g in built.groups]
    again.directions = "Phương hướng đã sửa"
    with session_scope(seeded) as s:
        assert summary_drafts.save(s, MONITOR, again, 1) == 2
    with pytest.raises(TrackerError, match="phiên bản 2") as refused:
        with session_scope(seeded) as s:
            summary_drafts.save(s, MONITOR, built, 1)  # opened at version 1, stored since as 2
    assert "chưa được ghi đè" in str(refused.value)
    with session_scope(seeded) as s:
        kept = summary_drafts.load(s, MONITOR, "preliminary", "2024-2027", "standing_committee")
        events = s.exec(select(AuditEvent).where(AuditEvent.object_type == "summary_draft")
                        .order_by(AuditEvent.id)).all()
        sinho = org(s, "HU-SINHO").id
    assert kept.directions == "Phương hướng đã sửa" and kept.draft_version == 2
    assert [(e.action, e.summary["after"]["version"]) for e in events] == [("create", 1), ("update", 2)]
    with pytest.raises(PermissionDenied):
        with session_scope(seeded) as s:
            summary_drafts.save(s, Actor(None, "sinho", "agency", sinho), kept, 2)


def test_long_lists_of_bodies_name_a_few_and_count_the_rest():
    from tracker.services.summary_sections import NAMED_AT_MOST, named_briefly
    names = [f"Đảng ủy xã {n}" for n in range(NAMED_AT_MOST + 5)]
    text = named_briefly(names)
    assert text.endswith(" và 5 cơ quan, đơn vị khác") and names[NAMED_AT_MOST - 1] in text
    assert names[NAMED_AT_MOST] not in text
    assert named_briefly(names[:2]) == "Đảng ủy xã 0; Đảng ủy xã 1"
