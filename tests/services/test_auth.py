"""Sign-in, lockout under concurrency, throttling across accounts, password rules, session expiry."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import select

from tracker.clock import utcnow
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.models import AuditEvent, SignInThrottle, User
from tracker.services import audit, auth, users
from tracker.services.actor import Actor

ROOT = Actor.operator("root")
PASSWORD = "mat-khau-dung-2026"


@pytest.fixture
def account(seeded):
    with session_scope(seeded) as s:
        users.add_user(s, ROOT, "sinho.officer", "agency", "HU-SINHO",
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
    admin = ROOT
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
        users.add_user(s, ROOT, "short.pw", "leader", "BTV-TU", password="abc")


def test_common_passwords_are_refused_whatever_their_case(account):
    admin = ROOT
    for common in ("1234567890", "password12", "Password12", "MATKHAU@123", "laichau123", "0987654321"):
        with session_scope(account) as s, pytest.raises(Exception, match="phổ biến"):
            users.add_user(s, admin, "common.pw", "agency", "HU-SINHO", password=common)
        with session_scope(account) as s, pytest.raises(Exception, match="phổ biến"):
            users.reset_password(s, admin, "sinho.officer", common)
    assert login(account, "sinho.officer", PASSWORD)  # the old password still stands


@pytest.fixture
def hash_checks(monkeypatch) -> list[str]:
    """The password hashes of real accounts checked during the test (the timing dummy not counted)."""
    checked: list[str] = []
    verify = auth._verify

    def counting(password_hash: str, password: str) -> bool:
        if password_hash != auth._DUMMY_HASH:
            checked.append(password_hash)  # list.append is atomic: safe from many threads
        return verify(password_hash, password)

    monkeypatch.setattr(auth, "_verify", counting)
    return checked


def all_at_once(count: int, attempt) -> list[BaseException | object]:
    """Run ``attempt()`` in ``count`` threads released together by a barrier; their results or errors."""
    barrier = threading.Barrier(count)

    def run():
        barrier.wait()
        try:
            return attempt()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
            return exc

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: run(), range(count)))


def test_forty_concurrent_wrong_passwords_lock_after_at_most_the_limit_of_checks(account, hash_checks):
    outcomes = all_at_once(40, lambda: login(account, "sinho.officer", "wrong-pass-123"))
    assert all(isinstance(o, auth.LoginFailed) and str(o) == auth.LOGIN_FAILED for o in outcomes)
    assert len(hash_checks) <= get_settings().login_max_failures
    with session_scope(account) as s:
        user = s.exec(select(User).where(User.username == "sinho.officer")).one()
        assert user.locked_until and user.locked_until > utcnow()
        actions = [e.action for e in s.exec(select(AuditEvent))]
        assert actions.count("lock") == 1 and actions.count("login_failed") == 40
        assert audit.verify(s).ok
    assert failure_message(account, "sinho.officer", PASSWORD) == auth.LOGIN_FAILED  # locked


def spray_accounts(engine, count: int) -> list[str]:
    """``count`` more accounts in HU-SINHO, all with PASSWORD (hashed once: argon2 is slow on purpose)."""
    password_hash = auth.hash_password(PASSWORD)
    with session_scope(engine) as s:
        org = s.exec(select(User.organisation_id).where(User.username == "sinho.officer")).one()
        names = [f"spray.{n:02d}" for n in range(count)]
        s.add_all(User(username=name, role="agency", organisation_id=org, password_hash=password_hash)
                  for name in names)
    return names


def test_password_spraying_is_bounded_across_accounts(account, hash_checks):
    settings = get_settings().model_copy(update={"login_global_max_failures": 10})
    names = spray_accounts(account, 14)
    now = utcnow()

    def attempt(username, password, at=now, source=None):
        with session_scope(account) as s:
            return auth.login(s, settings, username, password, now=at, source=source)

    for name in names:  # one guess per account: no account reaches its own lock
        with pytest.raises(auth.LoginFailed, match="không thành công"):
            attempt(name, "Mua-xuan-2026!")
    assert len(hash_checks) == 10, "only the first 10 failures of the window reach a hash"
    with pytest.raises(auth.LoginFailed):  # the throttle holds for everyone until the window ends
        attempt("sinho.officer", PASSWORD)
    assert len(hash_checks) == 10
    assert attempt("sinho.officer", PASSWORD, now + timedelta(minutes=16)).actor.username == "sinho.officer"
    with session_scope(account) as s:
        assert not s.exec(select(User).where(User.locked_until.is_not(None))).all()


def test_one_source_is_throttled_before_the_others(account, hash_checks):
    settings = get_settings().model_copy(update={"login_source_max_failures": 3})
    names = spray_accounts(account, 5)

    def attempt(username, password, source):
        with session_scope(account) as s:
            return auth.login(s, settings, username, password, source=source)

    for name in names:
        with pytest.raises(auth.LoginFailed):
            attempt(name, "Mua-xuan-2026!", "203.0.113.7")
    assert len(hash_checks) == 3
    with pytest.raises(auth.LoginFailed):
        attempt("sinho.officer", PASSWORD, "203.0.113.7")
    assert attempt("sinho.officer", PASSWORD, "198.51.100.2").actor.username == "sinho.officer"


def test_a_password_typed_as_the_username_is_not_kept_in_the_audit_log(account):
    typed = "Mat-Khau-Bi-Mat-2026"
    assert failure_message(account, typed, "") == auth.LOGIN_FAILED
    with session_scope(account) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "login_failed")).all()
        assert len(events) == 1 and events[0].summary == {"reason": "unknown", "username": "M…(20)"}
        stored = " ".join(f"{e.object_id} {e.summary}" for e in s.exec(select(AuditEvent)))
        stored += " ".join(str(row) for row in s.exec(select(SignInThrottle)))
    assert typed.lower() not in stored.lower() and typed[1:].lower() not in stored.lower()
