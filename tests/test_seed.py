"""Loading the Action Program seed: complete, faithful to the document, idempotent, lossless."""

import re
from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import SQLModel, select

from tests.conftest import SOURCE_DOC
from tracker.clock import utcnow
from tracker.db import session_scope
from tracker.models import (Action, Assignment, AuditEvent, Baseline, Milestone, Organisation, Program, Target, Task,
                            TaskGroup, User)
from tracker.seeding import load_seed
from tracker.services import audit

PARAGRAPH_TASKS = {"III.5.c.1", "III.6.c.1", "III.6.d.1", "III.7.1", "III.8.1"}  # paragraphs without a bullet

# The rules of seed/assignments.yaml counted by hand (docs/seed-decisions.md, "Assignments").
SEEDED_ASSIGNMENTS = 205


def source_section_iii() -> str:
    text = SOURCE_DOC.read_text(encoding="utf-8")
    return text.split("III- NHIỆM VỤ VÀ GIẢI PHÁP")[1].split("IV- TỔ CHỨC THỰC HIỆN")[0]


def row_counts(session) -> dict[str, int]:
    return {name: session.exec(select(func.count()).select_from(table)).one()
            for name, table in SQLModel.metadata.tables.items()}


def test_nine_groups_with_their_lettered_subgroups(session):
    groups = session.exec(select(TaskGroup).order_by(TaskGroup.position)).all()
    tops = [g for g in groups if g.parent_id is None]
    assert [g.code for g in tops] == [f"III.{n}" for n in range(1, 10)]
    subs = {g.code for g in groups if g.parent_id is not None}
    assert subs == {"III.4.a", "III.4.b", "III.5.a", "III.5.b", "III.5.c", "III.6.a", "III.6.b", "III.6.c",
                    "III.6.d", "III.6.đ", "III.6.e"}


def test_every_bullet_of_section_iii_is_a_task(session):
    bullets = [ln for ln in source_section_iii().splitlines() if ln.lstrip().startswith("- ")]
    tasks = session.exec(select(Task).order_by(Task.position)).all()
    assert len(tasks) == len(bullets) + len(PARAGRAPH_TASKS) == 39
    assert PARAGRAPH_TASKS <= {t.code for t in tasks}
    assert all(re.fullmatch(r"III\.\d(\.[a-eđ])?\.\d", t.code) for t in tasks)
    housing = session.exec(select(Task).where(Task.code == "III.6.đ.2")).one()
    assert housing.text.startswith("Triển khai có hiệu quả chính sách về đất đai, vốn, tín dụng")


def test_tasks_sit_in_their_subgroups(session):
    task = session.exec(select(Task).where(Task.code == "III.4.b.3")).one()
    group = session.get(TaskGroup, task.group_id)
    assert group.code == "III.4.b" and group.label == "b"
    assert session.get(TaskGroup, group.parent_id).code == "III.4"


def test_compound_sentences_become_separate_targets(session):
    targets = {t.name: t for t in session.exec(select(Target))}
    general = next(t for n, t in targets.items() if n.startswith("Tỷ lệ thất nghiệp chung"))
    urban = next(t for n, t in targets.items() if "thành thị" in n and "thất nghiệp" in n)
    assert (general.comparator, general.value, general.unit) == ("<", 2.0, "%")
    assert (urban.comparator, urban.value) == ("<", 2.7)
    assert general.direction == urban.direction == "lower_better"
    per_10000 = sorted(t.value for t in targets.values() if t.unit == "per_10000")
    assert per_10000 == [2.0, 13.0, 33.0, 40.0]  # pharmacists, doctors, nurses, beds


def test_targets_keep_units_years_cumulative_and_qualitative(session):
    targets = session.exec(select(Target).order_by(Target.position)).all()
    assert len(targets) == 47
    assert {t.target_year for t in targets} == {2030}
    housing = next(t for t in targets if t.unit == "units")
    assert (housing.comparator, housing.value, housing.cumulative) == ("about", 1500.0, True)
    assert next(t for t in targets if t.unit == "m2_per_person").value == 22.5
    assert {t.value for t in targets if t.unit == "years"} == {64.0}
    assert [t.value for t in targets if t.unit == "years_of_age"] == [70.0]  # "khoảng 70 tuổi", as the source says
    qualitative = [t for t in targets if t.comparator == "qualitative"]
    assert all(t.value is None for t in qualitative)
    texts = " ".join(t.source_sentence for t in qualitative)
    assert "Bảo đảm vững chắc mức sinh thay thế" in texts
    assert "cơ bản chấm dứt các dịch bệnh AIDS, lao" in texts
    assert all(t.source_sentence and t.population is not None for t in targets)


def test_baselines_of_section_i(session):
    values = {b.code: (b.value, b.unit) for b in session.exec(select(Baseline))}
    assert values["B02"] == (4.91, "%/năm")
    assert values["B04"] == (91, "xã") and values["B05"] == (85.8, "%")
    assert values["B06"] == (15, "%") and values["B07"] == (2.5, "%")


def test_program_fields_as_the_document_gives_them(session):
    program = session.exec(select(Program)).one()
    assert program.number is None and program.issued_on is None  # the document carries neither
    assert program.signer == "Vũ Mạnh Hà"
    assert "Nghị quyết số 42-NQ/TW, ngày 24/11/2023" in program.implements
    assert program.general_goal.startswith("Tập trung triển khai thực hiện hiệu quả cơ chế")
    assert program.vision_2045.startswith("Thực hiện hiệu quả hệ thống chính sách xã hội")
    assert session.get(Organisation, program.monitor_org_id).code == "BTG-TU"
    kinds = {m.kind: m for m in session.exec(select(Milestone))}
    assert {"plan", "preliminary", "final"} <= set(kinds) and all(m.is_default for m in kinds.values())


def test_organisations_of_section_iv_with_kinds_and_parents(session):
    orgs = {o.code: o for o in session.exec(select(Organisation))}
    districts = [o for o in orgs.values() if o.kind == "district_committee"]
    assert len(districts) == 8 and all(orgs["TU"].id == o.parent_id for o in districts)
    assert {"BCSD-UBND", "DD-MTTQ", "BTV-TD", "BTG-TU", "UBMTTQ"} <= set(orgs)
    assert len([o for o in orgs.values() if o.kind == "affiliated_committee"]) == 5
    assert orgs["SO-YTE"].parent_id == orgs["UBND"].id
    # IV.3: the Red Cross and the other mass associations are not socio-political organisations
    associations = {c for c, o in orgs.items() if o.kind == "mass_association"}
    assert {"HCTD", "HNCT", "HKH", "HNNCDDC"} == associations
    assert {"LDLD", "HND", "HLHPN", "HCCB"} <= {c for c, o in orgs.items() if o.kind == "socio_political"}
    led = set(session.exec(select(Organisation.code).join(Assignment).join(Task).where(
        Task.code == "III.9.2", Assignment.role == "lead")))
    assert associations <= led, "IV.3 gives the mass associations III.9.2 too"


def test_section_iv_responsibilities_become_default_assignments(session):
    def roles(org_code):
        stmt = (select(Task.code, Assignment.role, Assignment.basis, Assignment.deadline_is_default)
                .join(Assignment, Assignment.task_id == Task.id)
                .join(Organisation, Organisation.id == Assignment.organisation_id)
                .where(Organisation.code == org_code))
        return {code: (role, basis, default) for code, role, basis, default in session.exec(stmt)}

    ubnd = roles("BCSD-UBND")
    assert ubnd["III.5.c.1"] == ("lead", "IV.2", True)
    assert all(code.split(".")[1] in "2345678" for code, (_, basis, _) in ubnd.items() if basis == "IV.2")
    district = roles("HU-SINHO")
    assert district["III.1.1"][:2] == ("lead", "IV.1") and district["III.9.1"][:2] == ("lead", "IV.1")
    assert roles("DD-MTTQ")["III.9.2"][:2] == ("lead", "IV.3")
    assert roles("HLHPN")["III.1.2"][:2] == ("coordinate", "IV.3")
    assert roles("SO-YTE")["III.6.b.1"][:2] == ("coordinate", "default")
    every_task = {t.code for t in session.exec(select(Task))}
    led = {code for code, _ in session.exec(select(Task.code, Assignment.role).join(Assignment)
                                            .where(Assignment.role == "lead"))}
    assert led == every_task  # every task has at least one lead body


def test_seeding_twice_changes_nothing(seeded, seed_bundle):
    with session_scope(seeded) as s:
        before = row_counts(s)
    with session_scope(seeded) as s:
        report = load_seed(s, seed_bundle)
    with session_scope(seeded) as s:
        after = row_counts(s)
    assert report.total == 0
    assert before == after and before["task"] == 39


def test_seeding_again_keeps_what_people_recorded_and_edited(seeded, seed_bundle):
    with session_scope(seeded) as s:
        org = s.exec(select(Organisation).where(Organisation.code == "HU-SINHO")).one()
        user = User(username="sinho", role="agency", organisation_id=org.id, password_hash="x")
        s.add(user)
        assignment = s.exec(select(Assignment).where(Assignment.organisation_id == org.id)).first()
        assignment.deadline = date(2027, 6, 30)
        assignment.deadline_is_default = False
        s.flush()
        s.add(Action(assignment_id=assignment.id, acted_on=date(2026, 3, 5), description="Ban hành kế hoạch",
                     doc_number="45-KH/HU", progress_pct=30, created_by=user.id, created_at=utcnow()))
        target = s.exec(select(Target).where(Target.code == "T02")).one()
        target.value = 1.8  # an admin's edit of a target must survive a reload
        assignment_id = assignment.id
    with session_scope(seeded) as s:
        assert load_seed(s, seed_bundle).total == 0
    with session_scope(seeded) as s:
        assert s.get(Assignment, assignment_id).deadline == date(2027, 6, 30)
        assert s.exec(select(Action).where(Action.doc_number == "45-KH/HU")).one().progress_pct == 30
        assert s.exec(select(Target).where(Target.code == "T02")).one().value == 1.8


def test_a_merged_body_gets_no_new_default_duties(seeded, seed_bundle):
    with session_scope(seeded) as s:
        old = s.exec(select(Organisation).where(Organisation.code == "HU-NAMNHUN")).one()
        new = s.exec(select(Organisation).where(Organisation.code == "HU-MUONGTE")).one()
        old.active, old.successor_id = False, new.id
        for a in s.exec(select(Assignment).where(Assignment.organisation_id == old.id)):
            s.delete(a)
    with session_scope(seeded) as s:
        load_seed(s, seed_bundle)
        assert s.exec(select(func.count()).select_from(Assignment).where(Assignment.organisation_id == old.id)).one() == 0


@pytest.mark.parametrize("code", ["T02", "T33"])
def test_target_search_text_is_folded(session, code):
    target = session.exec(select(Target).where(Target.code == code)).one()
    assert target.search_text == target.search_text.lower()
    assert "đ" not in target.search_text and "ệ" not in target.search_text


def test_the_seed_load_is_audited_and_a_second_load_records_nothing(seeded, seed_bundle):
    tables = {"organisation": Organisation, "program": Program, "baseline": Baseline, "milestone": Milestone,
              "task_group": TaskGroup, "task": Task, "target": Target, "assignment": Assignment}
    with session_scope(seeded) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "create")).all()
        by_type = {e.object_type: e.summary for e in events}
        assert len(by_type) == len(events) and set(by_type) == set(tables), "one event per kind of row"
        assert all(e.actor_id is None and e.summary["source"] == "seed" for e in events)
        for object_type, model in tables.items():
            rows = s.exec(select(model)).all()
            assert by_type[object_type]["count"] == len(rows) == len(by_type[object_type]["codes"])
            if object_type != "assignment":
                assert set(by_type[object_type]["codes"]) == {row.code for row in rows}
        assert by_type["organisation"]["count"] == len(seed_bundle.organisations) == 64
        assert by_type["assignment"]["count"] == SEEDED_ASSIGNMENTS
        assert "III.1.1/HU-SINHO" in by_type["assignment"]["codes"]
        head = audit.head(s)
    with session_scope(seeded) as s:
        assert load_seed(s, seed_bundle).total == 0
    with session_scope(seeded) as s:
        assert audit.head(s) == head
        assert audit.verify(s).ok
