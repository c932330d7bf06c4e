"""Cached reads of the dashboard pages, one entry per database, user, body and day.

Every cached function takes the database URL, then the acting user's id, username, role and body,
then today's date: one user's figures are never served to another (an agency, refused by the
service, never gets a leader's cached result), and nothing survives midnight. Entries live
``TTL_SECONDS``; ``clear()`` drops them all (the "Làm mới" button). Errors are not cached.
The URL argument keys the entry; the read itself opens ``data.read_session()`` on that same database.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.clock import local_today
from tracker.services import dashboard, implementation, program_overview, targets_view, workspace
from tracker.services.actor import Actor
from tracker.services.workspace import AssignmentFilter
from tracker.ui import data, program_choice

TTL_SECONDS = 60
MAX_ENTRIES = 500


def _actor(user_id: int | None, username: str, role: str, org_id: int | None) -> Actor:
    return Actor(user_id=user_id, username=username, role=role, organisation_id=org_id)


def _who(actor: Actor) -> tuple:
    """The leading arguments of every cached function: database, user, body, today, program."""
    return (data.database_url(), actor.user_id, actor.username, actor.role, actor.organisation_id,
            local_today().isoformat(), program_choice.current())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=MAX_ENTRIES)
def _rollup(url: str, user_id: int | None, username: str, role: str, org_id: int | None, today: str,
            program_id: int | None, group: str | None, organisation: str | None) -> list[dict]:
    with data.read_session() as s:
        return dashboard.rollup(s, _actor(user_id, username, role, org_id), date.fromisoformat(today),
                                group=group, organisation=organisation, program_id=program_id)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=MAX_ENTRIES)
def _reports(url: str, user_id: int | None, username: str, role: str, org_id: int | None, today: str,
             program_id: int | None) -> list[dict]:
    with data.read_session() as s:
        return dashboard.reports_on_time(s, _actor(user_id, username, role, org_id), date.fromisoformat(today),
                                         program_id)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=MAX_ENTRIES)
def _assignments(url: str, user_id: int | None, username: str, role: str, org_id: int | None, today: str,
                 program_id: int | None, group: str | None, organisation: str | None) -> list[dict]:
    with data.read_session() as s:
        return workspace.all_assignments(s, _actor(user_id, username, role, org_id),
                                         AssignmentFilter(group=group, organisation=organisation,
                                                          program_id=program_id),
                                         date.fromisoformat(today))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=MAX_ENTRIES)
def _overdue(url: str, user_id: int | None, username: str, role: str, org_id: int | None, today: str,
             program_id: int | None, group: str | None, organisation: str | None) -> list[dict]:
    """Overdue assignments, each with the reminders sent about it and about its body."""
    actor = _actor(user_id, username, role, org_id)
    org_ids = {o["code"]: o["id"] for o in data.organisations()}  # before the session: one open at a time
    with data.read_session() as s:
        rows = workspace.all_assignments(s, actor, AssignmentFilter(
            group=group, organisation=organisation, overdue_only=True, program_id=program_id),
            date.fromisoformat(today))
        sent = dashboard.reminders_sent(s, actor, [r["id"] for r in rows],
                                        {org_ids[r["organisation"]] for r in rows if r["organisation"] in org_ids})
    by_subject = {(x["subject_type"], x["subject_id"]): x for x in sent}
    for r in rows:
        task = by_subject.get(("assignment", r["id"]), {})
        body = [by_subject.get((kind, org_ids.get(r["organisation"])), {}) for kind in dashboard.BODY_SUBJECTS]
        r["reminders"] = task.get("reminders", 0)
        r["last_reminder_at"] = max([task.get("last_sent_at", "")] + [b.get("last_sent_at", "") for b in body])
        r["body_reminders"] = sum(b.get("reminders", 0) for b in body)
    return rows


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=MAX_ENTRIES)
def _standings(url: str, user_id: int | None, username: str, role: str, org_id: int | None,
               today: str, program_id: int | None) -> list[dict]:
    with data.read_session() as s:
        return targets_view.standings(s, _actor(user_id, username, role, org_id), date.fromisoformat(today),
                                      program_id)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=MAX_ENTRIES)
def _implementation(url: str, user_id: int | None, username: str, role: str, org_id: int | None,
                    today: str, program_id: int | None) -> implementation.ImplementationFigures:
    with data.read_session() as s:
        return implementation.to_date(s, _actor(user_id, username, role, org_id), date.fromisoformat(today),
                                      program_id)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=MAX_ENTRIES)
def _programs(url: str, user_id: int | None, username: str, role: str, org_id: int | None, today: str,
              program_id: int | None) -> list[dict]:
    with data.read_session() as s:
        return program_overview.overview(s, _actor(user_id, username, role, org_id), date.fromisoformat(today))


def programs(actor: Actor) -> list[dict]:
    """Every program side by side (program_overview.overview) as ``actor`` sees it today."""
    return _programs(*_who(actor))


def rollup(actor: Actor, group: str | None = None, organisation: str | None = None) -> list[dict]:
    """dashboard.rollup as ``actor`` sees it today, filtered by group and body code."""
    return _rollup(*_who(actor), group, organisation)


def reports_on_time(actor: Actor) -> list[dict]:
    return _reports(*_who(actor))


def assignments(actor: Actor, group: str | None = None, organisation: str | None = None) -> list[dict]:
    """Open assignments of a group and/or body, with their official status."""
    return _assignments(*_who(actor), group, organisation)


def overdue(actor: Actor, group: str | None = None, organisation: str | None = None) -> list[dict]:
    """Overdue assignments with reminders, reminders (task), body_reminders and last_reminder_at."""
    return _overdue(*_who(actor), group, organisation)


def standings(actor: Actor) -> list[dict]:
    """targets_view.standings as ``actor`` sees it today."""
    return _standings(*_who(actor))


def implementation_figures(actor: Actor) -> implementation.ImplementationFigures:
    """IV.1 (plans, conferences, propaganda) from the program's issue to today."""
    return _implementation(*_who(actor))


def clear() -> None:
    """Forget every cached dashboard read (after a change, or on "Làm mới")."""
    for cached in (_programs, _rollup, _reports, _assignments, _overdue, _standings, _implementation):
        cached.clear()
