"""Sign-in, lockout, session expiry and revocation."""

from datetime import timedelta

import pytest
from sqlmodel import select

from tracker.config import get_settings
from tracker.db import session_scope
from tracker.models import AuditEvent, User, utcnow
from tracker.services import auth, users
from tracker.services.audit import Actor

ROOT = Actor.system("test")
PASSWORD = "mat-khau-dung-2026"


@pytest.fixture
def account(seeded):
    with session_scope(seeded) as s:
        users.add_user(s, Actor(None, "root", "admin", None), "sinho.officer", "agency", "HU-SINHO",
                       password=PASSWORD)
    return seeded


def login(engine, username, password, now=None):
    with session_scope(engine) as s:
        return auth.login(s, get_settings(), username, password, now=now)


def failure_message(engine, username, password, now=None) -> str:
    with pytest.raises(auth.LoginFailed) as info:
        login(engine, username, password, now)
    return str(info.value)


def test_password_is_stored_only_as_an_argon2id_hash(account):
    with session_scope(account) as s:
        user = s.exec(select(User).where(User.username == "sinho.officer")).one()
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        assert all(PASSWORD not in str(e.summary) for e in s.exec(select(AuditEvent)))


def test_right_password_signs_in(account):
    signed = login(account, "Sinho.Officer", PASSWORD)
    assert signed.actor.role == "agency" and signed.actor.username == "sinho.officer"


def test_unknown_user_and_wrong_password_get_the_same_message(account):
    assert failure_message(account, "nobody", PASSWORD) == failure_message(account, "sinho.officer", "wrong-pass-123")


def test_five_failures_lock_the_account_for_fifteen_minutes(account):
    now = utcnow()
    for minute in range(5):
        failure_message(account, "sinho.officer", "wrong-pass-123", now + timedelta(minutes=minute))
    locked_message = failure_message(account, "sinho.officer", PASSWORD, now + timedelta(minutes=5))
    assert locked_message == auth.LOGIN_FAILED  # locked: still the same words
    assert login(account, "sinho.officer", PASSWORD, now + timedelta(minutes=20)).actor.username == "sinho.officer"
    with session_scope(account) as s:
        actions = [e.action for e in s.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("lock") == 1 and actions.count("login_failed") == 6 and actions[-1] == "login"


def test_failures_spread_beyond_the_window_do_not_lock(account):
    now = utcnow()
    for n in range(6):
        failure_message(account, "sinho.officer", "wrong-pass-123", now + timedelta(minutes=16 * n))
    assert login(account, "sinho.officer", PASSWORD, now + timedelta(minutes=100))


def test_idle_and_absolute_timeouts(account):
    signed = login(account, "sinho.officer", PASSWORD)
    settings = get_settings()
    with session_scope(account) as s:
        start = signed.signed_in_at
        assert auth.check_session(s, settings, signed, last_seen=start, now=start + timedelta(minutes=29))
        with pytest.raises(auth.SessionEnded, match="không thao tác"):
            auth.check_session(s, settings, signed, last_seen=start, now=start + timedelta(minutes=31))
        late = start + timedelta(hours=12, minutes=1)
        with pytest.raises(auth.SessionEnded, match="thời hạn tối đa"):
            auth.check_session(s, settings, signed, last_seen=late - timedelta(minutes=1), now=late)


def test_disabling_or_resetting_ends_open_sessions(account):
    admin = Actor(None, "root", "admin", None)
    signed = login(account, "sinho.officer", PASSWORD)
    with session_scope(account) as s:
        users.reset_password(s, admin, "sinho.officer", "mat-khau-moi-2026")
    with session_scope(account) as s, pytest.raises(auth.SessionEnded):
        auth.check_session(s, get_settings(), signed, last_seen=utcnow())
    signed = login(account, "sinho.officer", "mat-khau-moi-2026")
    with session_scope(account) as s:
        users.set_active(s, admin, "sinho.officer", False)
    with session_scope(account) as s, pytest.raises(auth.SessionEnded):
        auth.check_session(s, get_settings(), signed, last_seen=utcnow())
    assert failure_message(account, "sinho.officer", "mat-khau-moi-2026") == auth.LOGIN_FAILED


def test_weak_passwords_are_refused(account):
    with session_scope(account) as s, pytest.raises(Exception, match="ít nhất 10"):
        users.add_user(s, Actor(None, "root", "admin", None), "short.pw", "leader", "BTV-TU", password="abc")
