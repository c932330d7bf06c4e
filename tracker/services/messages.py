"""Messages sent at once because a person acted: an urging, a report returned, a directive.

They go through the outbox like reminders (an in-app notice for every officer, an email for those
with an address who have not opted out), but are never gathered into the daily digest: the sender
delivers them on its next pass. Each decision is queued once (``idempotency_key`` per event, user
and channel).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from tracker import page_paths
from tracker.clock import utcnow
from tracker.config import Settings, get_settings
from tracker.db import insert_ignoring_duplicates
from tracker.models import Reminder, User


@dataclass(frozen=True)
class Message:
    """What one event says, to whom it is about and where the reader acts on it."""

    rule: str          # "manual_urge", "report_returned", "directive"
    event: str         # unique per event: goes into the idempotency key
    subject_type: str  # the object the message is about ("organisation", "report", "directive")
    subject_id: int
    subject: str
    body: str
    page: str = page_paths.MY_WORK


def officers(session: Session, organisation_ids: Iterable[int]) -> list[User]:
    """The active agency accounts of the bodies: who answers for a body's work."""
    ids = sorted(set(organisation_ids))
    if not ids:
        return []
    return list(session.exec(select(User).where(User.organisation_id.in_(ids), User.active, User.role == "agency")
                             .order_by(User.id)))


def send_now(session: Session, message: Message, recipients: Iterable[User], today: date,
             settings: Settings | None = None) -> int:
    """Queue ``message`` for each recipient (in-app, and email where possible); returns rows queued."""
    settings = settings or get_settings()
    now = utcnow()
    body = f"{message.body}\n\nXem và xử lý: {page_paths.link(settings.base_url, message.page)}"
    rows = []
    for user in recipients:
        channels = ["inapp"] + (["email"] if settings.smtp_host and user.email and not user.email_opt_out else [])
        for channel in channels:
            rows.append({"idempotency_key": f"{message.rule}:{message.event}:{user.id}:{channel}"[:200],
                         "rule": message.rule, "step": "now", "subject_type": message.subject_type,
                         "subject_id": message.subject_id, "due_on": today, "recipient_user_id": user.id,
                         "recipient_org_id": user.organisation_id,
                         "recipient_email": user.email if channel == "email" else None, "channel": channel,
                         "subject": message.subject, "body": body, "state": "pending", "attempts": 0,
                         "next_attempt_at": now, "last_error": "", "created_at": now})
    return insert_ignoring_duplicates(session, Reminder, rows, "idempotency_key")


def reorganised(event_code: str, title: str, effective_on: date, user: User, old, new) -> Message:
    """A user's body was reorganised: their account moved to ``new`` or, when ``new`` is None, disabled."""
    what = (f"Tài khoản {user.username} của anh/chị được chuyển từ {old.name} sang {new.name}."
            if new is not None else
            f"{old.name} kết thúc hoạt động; tài khoản {user.username} của anh/chị đã bị khóa. "
            "Liên hệ quản trị viên để được cấp tài khoản tại cơ quan mới.")
    return Message(rule="reorganised", event=f"{event_code}:{user.id}", subject_type="organisation",
                   subject_id=(new or old).id,
                   subject=f"Sắp xếp tổ chức: {title or event_code}",
                   body=f"Theo sự kiện sắp xếp tổ chức {event_code} ({title}), có hiệu lực từ "
                        f"{effective_on:%d/%m/%Y}: {what}")
