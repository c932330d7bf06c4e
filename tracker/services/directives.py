"""Directives (ý kiến chỉ đạo): a leader writes on a task, an assignment or a body; the body answers."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import or_
from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, Directive, Organisation, Task, User
from tracker.services import audit, messages
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.text import clean

MAX_BODY = 5000


def _text(body: str) -> str:
    body = clean(body)
    if not body:
        raise InvalidInput("Nội dung không được để trống.")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"Nội dung dài quá {MAX_BODY} ký tự.")
    return body


def write(session: Session, actor: Actor, body: str, *, task_id: int | None = None,
          assignment_id: int | None = None, organisation_id: int | None = None) -> Directive:
    """A new directive on exactly one subject."""
    authorize(session, actor, "directive.write", None, object_type="directive")
    subjects = [(Task, task_id), (Assignment, assignment_id), (Organisation, organisation_id)]
    named = [(model, ident) for model, ident in subjects if ident is not None]
    if len(named) != 1 or session.get(*named[0]) is None:
        raise TrackerError("Chỉ đạo phải gắn với đúng một nhiệm vụ, một nhiệm vụ được giao hoặc một cơ quan.")
    subject = session.get(*named[0])
    if (isinstance(subject, Organisation) and not subject.active) or (
            isinstance(subject, Assignment) and subject.cancelled_at is not None):
        raise InvalidInput("Cơ quan đã ngừng hoạt động hoặc nhiệm vụ đã chuyển giao; hãy gửi chỉ đạo cho cơ quan kế nhiệm.")
    directive = Directive(author_id=actor.user_id, task_id=task_id, assignment_id=assignment_id,
                          organisation_id=organisation_id, body=_text(body))
    session.add(directive)
    session.flush()
    audit.record(session, actor, "create", "directive", directive.id,
                 {"task": task_id, "assignment": assignment_id, "organisation": organisation_id})
    messages.send_now(session, messages.Message(
        "directive", str(directive.id), "directive", directive.id, "[Ý kiến chỉ đạo] Đề nghị đơn vị thực hiện và trả lời",
        f"{_subject_line(session, directive)}\n\n{directive.body}"),
        messages.officers(session, addressed_bodies(session, directive)), local_today())
    return directive


def _subject_line(session: Session, directive: Directive) -> str:
    """What the directive is about, in the words of the message: the task, or the body."""
    if directive.organisation_id:
        return f"Ý kiến chỉ đạo gửi {session.get(Organisation, directive.organisation_id).name}:"
    task_id = directive.task_id or session.get(Assignment, directive.assignment_id).task_id
    task = session.get(Task, task_id)
    return f"Ý kiến chỉ đạo về nhiệm vụ {task.code}: {task.text}"


def addressed_bodies(session: Session, directive: Directive) -> set[int]:
    """The bodies a directive speaks to: the body named, the assignment's body, or the task's bodies."""
    if directive.organisation_id:
        return {directive.organisation_id}
    if directive.assignment_id:
        return {session.get(Assignment, directive.assignment_id).organisation_id}
    return set(session.exec(select(Assignment.organisation_id).where(
        Assignment.task_id == directive.task_id, Assignment.cancelled_at.is_(None))))


def _root(session: Session, directive: Directive) -> Directive:
    while directive.parent_id:
        directive = session.get(Directive, directive.parent_id)
    return directive


def reply(session: Session, actor: Actor, directive_id: int, body: str) -> Directive:
    parent = session.get(Directive, directive_id)
    root = _root(session, parent) if parent else None
    bodies = addressed_bodies(session, root) if root else set()
    body_id = actor.organisation_id if actor.organisation_id in bodies else None
    authorize(session, actor, "directive.reply", body_id, object_type="directive", object_id=directive_id)
    if parent is None:
        raise TrackerError("Không tìm thấy ý kiến chỉ đạo.")
    answer = Directive(author_id=actor.user_id, parent_id=root.id, body=_text(body))
    session.add(answer)
    session.flush()
    audit.record(session, actor, "reply", "directive", answer.id, {"parent": root.id})
    return answer


def for_body(session: Session, actor: Actor, organisation_id: int) -> list[dict]:
    """Directive threads addressed to a body, newest first, with their replies."""
    authorize(session, actor, "directive.read", organisation_id, object_type="organisation",
              object_id=organisation_id)
    task_ids = select(Assignment.task_id).where(Assignment.organisation_id == organisation_id,
                                                Assignment.cancelled_at.is_(None))
    assignment_ids = select(Assignment.id).where(Assignment.organisation_id == organisation_id)
    roots = session.exec(select(Directive).where(Directive.parent_id.is_(None), or_(
        Directive.organisation_id == organisation_id, Directive.assignment_id.in_(assignment_ids),
        Directive.task_id.in_(task_ids))).order_by(Directive.created_at.desc())).all()
    names = {uid: full or username for uid, full, username in session.exec(
        select(User.id, User.full_name, User.username)).all()}

    def item(d: Directive) -> dict:
        return {"id": d.id, "author": names.get(d.author_id, ""),
                "body": d.body, "at": d.created_at.isoformat(timespec="minutes")}

    threads = []
    for root in roots:
        replies = session.exec(select(Directive).where(Directive.parent_id == root.id).order_by(Directive.id))
        threads.append({**item(root), "task_id": root.task_id, "assignment_id": root.assignment_id,
                        "replies": [item(r) for r in replies]})
    return threads


def task_index(session: Session, actor: Actor) -> list[dict]:
    """The tasks a directive may be written on (id, code, text), in document order."""
    authorize(session, actor, "directive.write", None, object_type="directive")
    rows = session.exec(select(Task.id, Task.code, Task.text).order_by(Task.program_id, Task.position))
    return [{"id": ident, "code": code, "text": text} for ident, code, text in rows]


def all_threads(session: Session, actor: Actor, limit: int = 200) -> list[dict]:
    """Every directive thread, newest first, with its subject and replies (roles reading any body's)."""
    authorize(session, actor, "directive.read", None, object_type="directive")
    roots = session.exec(select(Directive).where(Directive.parent_id.is_(None))
                         .order_by(Directive.created_at.desc(), Directive.id.desc()).limit(limit)).all()
    replies: dict[int, list[Directive]] = defaultdict(list)
    for r in session.exec(select(Directive).where(Directive.parent_id.in_([d.id for d in roots]))
                          .order_by(Directive.id)):
        replies[r.parent_id].append(r)
    people = {uid: (full or username, org) for uid, full, username, org in session.exec(
        select(User.id, User.full_name, User.username, Organisation.code)
        .join(Organisation, Organisation.id == User.organisation_id, isouter=True))}
    tasks = dict(session.exec(select(Task.id, Task.code).where(
        Task.id.in_([d.task_id for d in roots if d.task_id]))).all())
    assigned = {a: (task, org) for a, task, org in session.exec(
        select(Assignment.id, Task.code, Organisation.code).join(Task, Task.id == Assignment.task_id)
        .join(Organisation, Organisation.id == Assignment.organisation_id)
        .where(Assignment.id.in_([d.assignment_id for d in roots if d.assignment_id])))}
    orgs = dict(session.exec(select(Organisation.id, Organisation.code).where(
        Organisation.id.in_([d.organisation_id for d in roots if d.organisation_id]))).all())

    def item(d: Directive) -> dict:
        author, org = people.get(d.author_id, ("", None))
        return {"id": d.id, "author": author, "author_org": org or "", "body": d.body,
                "at": d.created_at.isoformat(timespec="minutes")}

    threads = []
    for root in roots:
        if root.task_id:
            subject = {"subject_type": "task", "task": tasks.get(root.task_id, ""), "organisation": ""}
        elif root.assignment_id:
            task, org = assigned.get(root.assignment_id, ("", ""))
            subject = {"subject_type": "assignment", "task": task, "organisation": org}
        else:
            subject = {"subject_type": "organisation", "task": "", "organisation": orgs.get(root.organisation_id, "")}
        threads.append({**item(root), **subject, "replies": [item(r) for r in replies[root.id]]})
    return threads
