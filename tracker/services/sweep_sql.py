"""The reminder sweep as one set-based statement: INSERT ... SELECT ... ON CONFLICT DO NOTHING.

It computes, in the database, the same decisions as ``reminders.decide`` (same idempotency keys,
same subjects), so a national sweep does not build hundreds of thousands of Python objects.
Escalation reaches leaders of the body and of every body above it. The rows are not sent one by
one: ``tracker.services.digest`` gathers them into one digest per recipient and day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, text
from sqlmodel import Session

from tracker.clock import utcnow
from tracker.config import Settings
from tracker.models import Program, UTCDateTime
from tracker.services import periods
from tracker.services.reminder_rules import Rules

@dataclass(frozen=True)
class ProgramScope:
    """How the reminders of one program are keyed and named. The first program's report keys keep the
    form they had when the tool followed one program ("…:2026-H1:…"), so an upgrade re-sends nothing;
    any other program's carry its code ("…:KH-NQ45/2026-H1:…"). With several programs the texts name
    each program by its code."""
    label_prefix: str
    name: str


def scopes(programs: list[Program]) -> dict[int, ProgramScope]:
    """The scope of each program (``programs`` in the order they were loaded)."""
    several = len(programs) > 1
    return {p.id: ProgramScope("" if i == 0 else f"{p.code}/",
                               f"{p.code}" if several else "Chương trình hành động")
            for i, p in enumerate(programs)}


_DIALECT = {
    "sqlite": {"late": "CAST(julianday(:today) - julianday({x}) AS INTEGER)", "fmt": "strftime('%d/%m/%Y', {x})",
               "date": "{x}", "true": "1"},
    "postgresql": {"late": "(CAST(:today AS date) - {x})", "fmt": "to_char({x}, 'DD/MM/YYYY')",
                   "date": "CAST({x} AS date)", "true": "true"},
}


def _step_case(rules: Rules) -> str:
    before = " ".join(f"WHEN -late <= {int(n)} THEN 'before_{int(n)}'" for n in sorted(rules.before_days))
    every = int(rules.overdue_every_days)
    return (f"CASE WHEN late < 0 THEN (CASE {before} END) WHEN late = 0 THEN 'due' "
            f"ELSE 'overdue_' || (1 + ((late - 1) / {every}) * {every}) END")


def _period_rows(program: Program, cadences: list[str], today: date, horizon: int) -> list[tuple[str, str, str]]:
    rows = []
    for cadence in cadences:
        for year in (today.year - 1, today.year):
            for p in periods.for_year(cadence, year, program.report_due_days):
                if today - timedelta(days=365) <= p.due_on <= today + timedelta(days=horizon):
                    rows.append((cadence, p.label, p.due_on.isoformat()))
    return rows


def statement(dialect: str, rules: Rules, period_rows: list[tuple[str, str, str]], email_on: bool) -> str:
    d = _DIALECT[dialect]
    late, fmt = d["late"].format(x="s.due_on"), d["fmt"].format(x="t.due_on")
    values = ", ".join(f"('{c}', '{label}', '{due}')" for c, label, due in period_rows) or "('none', '', '1900-01-01')"
    channels = "SELECT 'inapp' AS channel" + (" UNION ALL SELECT 'email'" if email_on else "")
    when = (f"CASE WHEN t.step LIKE 'before%' THEN 'đến hạn ngày ' || {fmt} "
            f"WHEN t.step = 'due' THEN 'đến hạn hôm nay (' || {fmt} || ')' "
            f"ELSE 'đã quá hạn ' || t.late || ' ngày (hạn ' || {fmt} || ')' END")
    return f"""
WITH RECURSIVE periods(cadence, label, due_on) AS (VALUES {values}),
chain(org_id, above_id) AS (  -- every body with itself and each body above it (UNION: stops on a cycle)
  SELECT id, id FROM organisation
  UNION SELECT ch.org_id, o.parent_id FROM chain ch JOIN organisation o ON o.id = ch.above_id
  WHERE o.parent_id IS NOT NULL
),
subjects AS (
  SELECT 'report' AS kind, b.org_id AS subject_id, :label_prefix || p.label AS label,
         {d['date'].format(x='p.due_on')} AS due_on,
         b.org_id AS org_id, 'Báo cáo kỳ ' || p.label || ' về kết quả thực hiện ' || :program_name AS what
  FROM (SELECT DISTINCT a.organisation_id AS org_id, a.report_cadence AS cadence
        FROM assignment a JOIN task tk ON tk.id = a.task_id AND tk.program_id = :program
        WHERE a.cancelled_at IS NULL AND a.completed_on IS NULL AND a.report_cadence <> 'none') b
  JOIN organisation o ON o.id = b.org_id AND o.active
  JOIN periods p ON p.cadence = b.cadence
  WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.program_id = :program AND r.organisation_id = b.org_id
                    AND r.kind = 'periodic' AND r.period = p.label AND r.state IN ('submitted', 'accepted'))
  UNION ALL
  SELECT 'assignment', a.id, tk.code, a.deadline, a.organisation_id,
         'Nhiệm vụ ' || tk.code || ' (' || CASE WHEN a.role = 'lead' THEN 'chủ trì' ELSE 'phối hợp' END || ')'
  FROM assignment a JOIN task tk ON tk.id = a.task_id AND tk.program_id = :program
  JOIN organisation o ON o.id = a.organisation_id AND o.active
  WHERE a.cancelled_at IS NULL AND a.completed_on IS NULL AND a.deadline IS NOT NULL AND a.deadline <= :horizon
),
dated AS (SELECT s.*, {late} AS late FROM subjects s),
stepped AS MATERIALIZED (SELECT dd.*, {_step_case(rules)} AS step FROM dated dd),
bosses AS MATERIALIZED (SELECT id, organisation_id, role, email, email_opt_out
           FROM "user" WHERE active AND role IN ('leader', 'monitor')),
targets AS (
  SELECT st.*, st.kind || '_due' AS rule, st.step AS rstep, u.id AS user_id, u.email AS email,
         u.email_opt_out AS opt_out
  FROM stepped st CROSS JOIN "user" u  -- CROSS JOIN: SQLite keeps the subjects outer, users by index
  WHERE st.step IS NOT NULL AND u.organisation_id = st.org_id AND u.role = 'agency' AND u.active
  UNION ALL
  SELECT st.*, st.kind || '_escalation', 'escalate', b.id, b.email, b.email_opt_out
  FROM stepped st CROSS JOIN bosses b
  WHERE st.step IS NOT NULL AND st.late >= :escalate
    AND (b.role = 'monitor' OR EXISTS (SELECT 1 FROM chain ch WHERE ch.org_id = st.org_id
                                       AND ch.above_id = b.organisation_id))
),
channels AS ({channels})
INSERT INTO reminder (idempotency_key, rule, step, subject_type, subject_id, due_on, recipient_user_id,
                      recipient_org_id, recipient_email, channel, subject, body, state, attempts, next_attempt_at,
                      last_error, created_at)
SELECT t.rule || ':' || t.kind || ':' || t.subject_id || ':' || t.label || ':' || t.due_on || ':' || t.rstep || ':'
         || t.user_id || ':' || c.channel,
       t.rule, t.rstep, t.kind, t.subject_id, t.due_on, t.user_id, t.org_id,
       CASE WHEN c.channel = 'email' THEN t.email END, c.channel,
       CASE WHEN t.rstep = 'escalate' THEN '[Báo cáo vượt cấp] ' ELSE '[Nhắc việc] ' END
         || t.what || ' của ' || o.name || ' ' || {when.replace('t.step', 't.rstep')},
       t.what,
       'pending', 0, :now, '', :now
FROM targets t CROSS JOIN channels c JOIN organisation o ON o.id = t.org_id
WHERE c.channel = 'inapp' OR (t.email IS NOT NULL AND t.email <> '' AND NOT t.opt_out)
ON CONFLICT (idempotency_key) DO NOTHING
"""


def run(session: Session, settings: Settings, today: date, rules: Rules, program: Program, scope: ProgramScope,
        now: datetime | None = None) -> int:
    """Queue every owed reminder of ``program`` not queued before; returns how many rows were inserted."""
    dialect = session.get_bind().dialect.name
    horizon = max(rules.before_days, default=0)
    cadences = sorted(session.connection().execute(text(
        "SELECT DISTINCT report_cadence FROM assignment WHERE cancelled_at IS NULL AND report_cadence <> 'none'"
    )).scalars())
    sql = statement(dialect, rules, _period_rows(program, cadences, today, horizon), bool(settings.smtp_host))
    stmt = text(sql).bindparams(bindparam("now", type_=UTCDateTime))
    params = {"today": today, "horizon": today + timedelta(days=horizon), "program": program.id,
              "label_prefix": scope.label_prefix, "program_name": scope.name,
              "escalate": rules.escalate_after_days, "now": now or utcnow()}
    conn = session.connection()
    result = conn.execute(stmt, params)
    if dialect == "sqlite":  # the driver gives no rowcount for a statement that starts with WITH
        return conn.execute(text("SELECT changes()")).scalar_one()
    return result.rowcount  # exact for one INSERT ... SELECT
