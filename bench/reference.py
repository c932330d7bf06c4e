"""Hand-written SQL references for the same answers the services give, measured in the same run.

ROLLUP_SQL is the fastest form found for the dashboard rollup on these indexes: one pass over
assignment joined to task and its group, grouped on integer keys (top-level group, body), with the
official status computed by flat CASEs from the progress kept on each assignment; codes and names are
mapped from two small dictionaries afterwards. Tried and slower: grouping on the joined text codes
(extra joins and string keys) and deriving progress from the latest action per assignment with a
correlated LIMIT 1 subquery (LATEST_FROM_ACTIONS_SQL, kept to show the cost the kept column saves).
"""

ROLLUP_SQL = """
SELECT coalesce(g.parent_id, g.id) AS top, a.organisation_id, count(*) AS n,
       sum(CASE WHEN a.completed_on IS NULL AND a.progress_pct <= 0 THEN 1 ELSE 0 END) AS not_started,
       sum(CASE WHEN a.completed_on IS NULL AND a.progress_pct > 0 AND a.deadline >= :today THEN 1 ELSE 0 END),
       sum(CASE WHEN a.completed_on IS NULL AND a.progress_pct > 0 AND a.deadline < :today THEN 1 ELSE 0 END),
       sum(CASE WHEN a.completed_on IS NOT NULL AND a.completed_on <= a.deadline THEN 1 ELSE 0 END),
       sum(CASE WHEN a.completed_on > a.deadline THEN 1 ELSE 0 END),
       sum(CASE WHEN a.completed_on IS NULL AND a.deadline < :today THEN 1 ELSE 0 END) AS overdue,
       sum(a.progress_pct)
FROM assignment a JOIN task t ON t.id = a.task_id JOIN taskgroup g ON g.id = t.group_id
WHERE a.cancelled_at IS NULL
GROUP BY coalesce(g.parent_id, g.id), a.organisation_id
"""

LATEST_FROM_ACTIONS_SQL = """
SELECT t.group_id, a.organisation_id, count(*),
       avg(coalesce((SELECT x.progress_pct FROM action x WHERE x.assignment_id = a.id
                     ORDER BY x.created_at DESC LIMIT 1), 0))
FROM assignment a JOIN task t ON t.id = a.task_id
WHERE a.cancelled_at IS NULL
GROUP BY t.group_id, a.organisation_id
"""
