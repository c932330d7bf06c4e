"""SMTP delivery, with failures sorted into temporary (retry later) and permanent (give up)."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from tracker.config import Settings

TIMEOUT_SECONDS = 20
# Headers are not folded at 78 columns: Python's folding of encoded words can drop the space at the
# fold ("việc quá hạn" arrives as "việc quáhạn"); 998 is SMTP's own line limit (RFC 5322 2.1.1).
POLICY = policy.SMTP.clone(max_line_length=998)


class TemporaryFailure(Exception):
    """Try again later: 4xx replies, timeouts, refused or dropped connections."""


class PermanentFailure(Exception):
    """Do not retry: 5xx replies (unknown mailbox, rejected message, authentication refused)."""


def build_message(settings: Settings, to: str, subject: str, body: str, key: str) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["From"], msg["To"], msg["Subject"] = settings.smtp_from, to, subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=settings.smtp_from.split("@")[-1] or "tracker.local")
    msg["X-Tracker-Key"] = key  # lets a mail server or a test spot duplicates
    msg.set_content(body, charset="utf-8")
    return msg


def send(settings: Settings, msg: EmailMessage) -> None:
    """Deliver one message; raise TemporaryFailure or PermanentFailure."""
    try:
        if settings.smtp_security == "ssl":
            client = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                client.login(settings.smtp_user, settings.smtp_password or "")
            client.send_message(msg)
    except smtplib.SMTPResponseException as exc:
        error = f"{exc.smtp_code} {exc.smtp_error.decode(errors='replace') if isinstance(exc.smtp_error, bytes) else exc.smtp_error}"
        raise (TemporaryFailure if 400 <= exc.smtp_code < 500 else PermanentFailure)(error) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise (TemporaryFailure if all(400 <= c < 500 for c in codes) else PermanentFailure)(str(exc.recipients)) from exc
    except smtplib.SMTPServerDisconnected as exc:
        raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
    except smtplib.SMTPException as exc:  # before OSError: SMTPException is one
        raise PermanentFailure(f"{type(exc).__name__}: {exc}") from exc
    except (socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
        raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
