"""Small reads for the agency pages: responsible targets, import templates, a task's extension requests."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.models import Assignment, Organisation, Task
from tracker.services import extensions, imports, target_values
from tracker.services.permissions import PermissionDenied
from tracker.services.target_values import ValueInput

TODAY = date(2026, 11, 29)


def test_responsible_targets_list_the_bodys_targets_with_their_latest_value(seeded):
    ldtbxh = make_actor(seeded, "ldtbxh", "agency", "SO-LDTBXH")
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        rows = target_values.responsible_targets(s, ldtbxh)
        t02 = next(r for r in rows if r["code"] == "T02")
        for day, value in ((date(2026, 6, 30), 2.1), (date(2025, 12, 31), 2.4)):
            target_values.record(s, ldtbxh, t02["id"], ValueInput("2026-H1", day, value), today=TODAY)
    assert [r["code"] for r in rows][:4] == ["T01", "T02", "T03", "T04"]
    assert {r["code"] for r in rows if r["qualitative"]} == {"T09", "T10"}
    assert t02["latest"] is None and t02["comparator"] == "<" and t02["unit"] == "%"
    with session_scope(seeded) as s:
        again = {r["code"]: r for r in target_values.responsible_targets(s, ldtbxh)}
        assert target_values.responsible_targets(s, sinho) == []
    assert again["T02"]["latest"]["value"] == 2.1 and again["T02"]["latest"]["measured_on"] == "2026-06-30"


@pytest.mark.parametrize(("kind", "row", "preview"), [
    ("actions", "III.1.1,HU-SINHO,05/03/2026,Hội nghị quán triệt,40,45-KH/HU,05/03/2026", imports.preview_actions),
    ("values", "T02,2026-H1,30/06/2026,\"1,9\",,Cục Thống kê", imports.preview_values),
])
def test_the_templates_headers_are_the_ones_the_importer_reads(seeded, kind, row, preview):
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    monitor = make_actor(seeded, "tg", "monitor", "BTG-TU")
    template = imports.template_csv(kind)
    assert template.startswith(b"\xef\xbb\xbf") and "Mã".encode() in template
    content = template + f"{row}\n".encode()
    with session_scope(seeded) as s:
        rows = preview(s, sinho if kind == "actions" else monitor, "mau.csv", content, TODAY)
    assert [r.ok for r in rows] == [True], rows[0].errors
    assert set(rows[0].values) == set(imports.TEMPLATE_HEADERS[kind])


def test_an_assignments_extension_requests_are_listed_for_its_body_only(seeded):
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    yte = make_actor(seeded, "yte", "agency", "SO-YTE")
    with session_scope(seeded) as s:
        body = s.exec(select(Organisation.id).where(Organisation.code == "HU-SINHO")).one()
        assignment = s.exec(select(Assignment.id).join(Task).where(Task.code == "III.1.1",
                                                                   Assignment.organisation_id == body)).one()
        assert extensions.for_assignment(s, sinho, assignment) == []
        extensions.request(s, sinho, assignment, date(2031, 6, 30), "Chờ kinh phí")
    with session_scope(seeded) as s:
        rows = extensions.for_assignment(s, sinho, assignment)
    assert [(r["new_deadline"], r["old_deadline"], r["state"], r["reason"]) for r in rows] == [
        ("2031-06-30", "2030-12-31", "pending", "Chờ kinh phí")]
    with session_scope(seeded) as s, pytest.raises(PermissionDenied):
        extensions.for_assignment(s, yte, assignment)
