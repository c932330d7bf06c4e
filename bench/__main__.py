"""`python -m bench [--scale national|province] [--keep DIR]`: measure, print ratios and a summary line.

Last line, machine-readable: rollup_ratio=… page_ms=… sweep_s=… docx_s=… programs=… overview_ratio=…
one_program_ratio=… scale=…
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bench.generate import NATIONAL, PROVINCE, TODAY, generate
from bench.programs import add_programs
from bench.reference import LATEST_FROM_ACTIONS_SQL, ROLLUP_SQL
from tracker.config import Settings
from tracker.db import make_engine, session_scope
from tracker.documents import summary_docx
from tracker.services import dashboard, program_overview, reminders, summary
from tracker.services.actor import Actor

LEADER = Actor.operator("bench", role="leader")
MONITOR = Actor.operator("bench", role="monitor")


def _timed(fn, runs: int) -> list[float]:
    fn()  # warm caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def best_of(fn, runs: int = 5) -> float:
    return min(_timed(fn, runs))


def median_of(fn, runs: int = 15) -> float:
    """The median of ``runs`` warm runs: steadier than the best of a few on a loaded 2-core machine,
    where one run can lose its core to another process for tens of milliseconds."""
    return statistics.median(_timed(fn, runs))


def database(root: Path, scale) -> tuple:
    settings = Settings(data_dir=root / scale.name)
    engine = make_engine(settings)
    start = time.perf_counter()
    counts = generate(engine, scale)
    print(f"[{scale.name}] generated {counts} in {time.perf_counter() - start:.1f} s")
    return settings, engine


def measure_rollup(engine) -> tuple[float, float, float]:
    def ours():
        with session_scope(engine, read_only=True) as s:
            return dashboard.rollup(s, LEADER, today=TODAY)

    def reference():
        with engine.connect() as conn:
            rows = conn.execute(text(ROLLUP_SQL), {"today": TODAY}).all()
            groups = dict(conn.execute(text("SELECT id, code FROM taskgroup")).all())
            names = {i: (c, n) for i, c, n in conn.execute(text("SELECT id, code, name FROM organisation"))}
            return [(groups[g], *names[o], *rest) for g, o, *rest in rows]

    def from_actions():
        with engine.connect() as conn:
            return conn.execute(text(LATEST_FROM_ACTIONS_SQL)).all()

    assert len(ours()) > 0 and sum(r["assignments"] for r in ours()) == sum(r[3] for r in reference())
    return median_of(ours), median_of(reference), best_of(from_actions, runs=1)


def measure_programs(engine, program_ids: list[int]) -> tuple[float, float, float]:
    """With many programs: the leaders' overview of all, the rollup of one, and the hand-written rollup
    (of every program) they are compared with."""
    def overview():
        with session_scope(engine, read_only=True) as s:
            return program_overview.overview(s, LEADER, TODAY)

    def one():
        with session_scope(engine, read_only=True) as s:
            return dashboard.rollup(s, LEADER, today=TODAY, program_id=program_ids[-1])

    def reference():
        with engine.connect() as conn:
            return conn.execute(text(ROLLUP_SQL), {"today": TODAY}).all()

    assert len(overview()) == len(program_ids) and one()
    return best_of(overview, runs=3), best_of(one, runs=3), best_of(reference, runs=3)


def measure_sweep(engine, settings: Settings) -> float:
    def run():
        with session_scope(engine) as s:
            result = reminders.sweep(s, settings, TODAY)
            s.rollback()  # measure the decision and the insert, keep the outbox empty for the next run
            return result
    return best_of(run, runs=3)


def measure_docx(engine) -> float:
    def run():
        with session_scope(engine, read_only=True) as s:
            built = summary.build(s, MONITOR, "periodic", "2026", date(2026, 12, 20))
        return summary_docx.render(built)
    return best_of(run, runs=3)


def measure_page(settings: Settings) -> float | None:
    """The dashboard page's script through AppTest, warm (None until the page exists)."""
    try:
        from bench.page import run_dashboard_page
    except ImportError:
        return None
    return run_dashboard_page(settings)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", choices=("national", "province"), default="national")
    parser.add_argument("--keep", type=Path, help="keep the generated databases in this folder")
    parser.add_argument("--programs", type=int, default=12, help="programs followed at once (default 12)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    p_settings, p_engine = database(root, PROVINCE)
    docx_s = measure_docx(p_engine)
    page_ms = measure_page(p_settings)
    settings, engine = (database(root, NATIONAL) if args.scale == "national" else (p_settings, p_engine))
    ours, ref, from_actions = measure_rollup(engine)
    sweep_s = measure_sweep(engine, settings)
    program_ids = add_programs(engine, args.programs)
    overview_s, one_s, all_ref = measure_programs(engine, program_ids)
    print(f"{args.programs} programs: overview of all {overview_s * 1000:.1f} ms, rollup of one "
          f"{one_s * 1000:.1f} ms, hand-written rollup of all {all_ref * 1000:.1f} ms")
    print(f"rollup: ours {ours * 1000:.1f} ms, hand-written SQL {ref * 1000:.1f} ms, "
          f"from latest actions {from_actions * 1000:.0f} ms")
    print(f"sweep: {sweep_s:.3f} s; docx province-year: {docx_s:.3f} s; page: "
          f"{'n/a' if page_ms is None else f'{page_ms:.0f} ms'}")
    page = "nan" if page_ms is None else f"{page_ms:.0f}"
    print(f"rollup_ratio={ours / ref:.2f} page_ms={page} sweep_s={sweep_s:.3f} docx_s={docx_s:.3f} "
          f"programs={args.programs} overview_ratio={overview_s / all_ref:.2f} one_program_ratio={one_s / all_ref:.2f} "
          f"scale={args.scale}")


if __name__ == "__main__":
    main()
