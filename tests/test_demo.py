"""`python -m tracker demo`: separate database only, one account per role, activity added once."""

from sqlmodel import func, select

from tracker.cli import main
from tracker.db import get_engine, session_scope
from tracker.models import Action, User
from tracker.models.records import ImplementationRecord
from tracker.services import audit


def test_demo_refuses_a_data_dir_not_named_demo(settings, capsys):
    assert main(["demo"]) == 2
    assert "make demo" in capsys.readouterr().err


def test_demo_creates_one_account_per_role_and_activity_once(settings, capsys):
    assert main(["demo", "--force"]) == 0
    first = capsys.readouterr().out
    assert "demo.tuyengiao" in first and "mật khẩu chung: demo-" in first
    assert main(["demo", "--force"]) == 0
    with session_scope(get_engine()) as s:
        roles = set(s.exec(select(User.role).where(User.username.startswith("demo."))))
        actions = s.exec(select(func.count()).select_from(Action)).one()
        assert roles == {"admin", "leader", "monitor", "agency"}
        assert actions == 6  # the second run added none
        kinds = s.exec(select(ImplementationRecord.kind).order_by(ImplementationRecord.id)).all()
        assert kinds == ["plan", "plan", "conference", "propaganda"]
        assert audit.verify(s).ok
