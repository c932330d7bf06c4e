"""Sample documents from a demo database: ``python -m tracker.documents.samples OUTDIR [--docs]``.

Builds a throw-away SQLite database in OUTDIR (schema, seed, the shipped reorganisations, the demo
activity of ``tracker.demo``), then writes the department's sơ kết and tổng kết reports, the sơ kết it
drafts for the Standing Committee and an urging letter, as DOCX, PDF (LibreOffice) and PNG pages.
``--docs`` also refreshes the pictures kept in docs/ (page 1 and the signature page of the sơ kết,
page 1 of the letter). The PDF tests (tests/documents/test_pdf.py) render the same documents.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select

from tracker.config import PROJECT_ROOT, Settings
from tracker.db import make_engine, session_scope
from tracker.demo import create_demo
from tracker.documents import pdf, summary_docx, urging_letter
from tracker.migrate import upgrade
from tracker.models import Assignment, Organisation, Task
from tracker.seeding import load_seed, read_seed
from tracker.services import reorganisation, summary, urging
from tracker.services.actor import Actor
from tracker.services.summary import Signature

PRELIMINARY_DAY = date(2027, 11, 20)  # the sơ kết milestone (SK, 2024-2027) is due 30/11/2027
FINAL_DAY = date(2030, 11, 20)
LATE_BODY = "DU-UBND"  # its one-off tasks (not "thường xuyên") are given a past deadline for the letter
LATE_DEADLINE = date(2027, 9, 30)
SIGNER = "Nguyễn Văn A"  # a made-up name where the signer's goes
MONITOR = Actor.operator("samples", role="monitor")
DOCS = PROJECT_ROOT / "docs"


@dataclass(frozen=True)
class Sample:
    name: str  # file name without extension
    data: bytes


def demo_database(folder: Path) -> Engine:
    """A new SQLite database in ``folder``: migrated, seeded, reorganised as of the sơ kết, with the
    demo's activity and some of the commune's work overdue."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'samples.db'}")
    engine = make_engine(settings)
    upgrade(engine)
    seed_dir = settings.seed_dir
    with session_scope(engine) as s:
        load_seed(s, read_seed(seed_dir))
    with session_scope(engine) as s:
        reorganisation.apply_in_effect(s, Actor.operator("samples"),
                                       reorganisation.read_events(seed_dir / "reorganisations"), PRELIMINARY_DAY)
    with session_scope(engine) as s:
        create_demo(s, PRELIMINARY_DAY)
    with session_scope(engine) as s:
        late = s.exec(select(Organisation).where(Organisation.code == LATE_BODY)).one()
        for assignment in s.exec(select(Assignment).join(Task).where(
                Assignment.organisation_id == late.id, Assignment.progress_pct < 100, Task.ongoing.is_(False))):
            assignment.deadline = LATE_DEADLINE
            s.add(assignment)
    return engine


def documents(engine: Engine) -> list[Sample]:
    """The sample documents, rendered as DOCX."""
    with session_scope(engine) as s:
        preliminary = summary.build(s, MONITOR, "preliminary", "2024-2027", PRELIMINARY_DAY, signer=SIGNER)
        final = summary.build(s, MONITOR, "final", "2024-2030", FINAL_DAY, signer=SIGNER)
        committee = summary.build(s, MONITOR, "preliminary", "2024-2027", PRELIMINARY_DAY, voice="standing_committee",
                                  signer=SIGNER)
        letter = urging.letter_data(s, MONITOR, LATE_BODY, PRELIMINARY_DAY,
                                    signature=Signature(title=preliminary.letterhead.signer_title or "TRƯỞNG BAN",
                                                        name=SIGNER))
    return [Sample("bao-cao-so-ket", summary_docx.render(preliminary)),
            Sample("bao-cao-tong-ket", summary_docx.render(final)),
            Sample("bao-cao-so-ket-ban-thuong-vu", summary_docx.render(committee)),
            Sample("cong-van-don-doc", urging_letter.render(letter))]


def signature_page(pages: list[str]) -> int:
    """The page (from 1) that carries "Nơi nhận" and the signature."""
    return next(i for i, text in enumerate(pages, start=1) if "Nơi nhận:" in text)


def write(outdir: Path, samples: list[Sample]) -> dict[str, Path]:
    """Each sample as DOCX and PDF in ``outdir``; returns the PDFs by name."""
    files = []
    for sample in samples:
        path = outdir / f"{sample.name}.docx"
        path.write_bytes(sample.data)
        files.append(path)
    return {path.stem: path for path in pdf.to_pdf(files, outdir)}


def pictures(pdfs: dict[str, Path], target: Path) -> list[Path]:
    """Page 1 and the signature page of the sơ kết, page 1 of the letter, as PNG in ``target``."""
    report = pdfs["bao-cao-so-ket"]
    return [pdf.page_png(report, 1, target / "summary-report-page-1.png"),
            pdf.page_png(report, signature_page(pdf.page_texts(report)), target / "summary-report-signature-page.png"),
            pdf.page_png(pdfs["cong-van-don-doc"], 1, target / "urging-letter-page-1.png")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracker.documents.samples", description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="folder for the database, DOCX, PDF and PNG files")
    parser.add_argument("--docs", action="store_true", help="also refresh the pictures in docs/")
    args = parser.parse_args(argv)
    engine = demo_database(args.outdir)
    try:
        pdfs = write(args.outdir, documents(engine))
    finally:
        engine.dispose()
    for png in pictures(pdfs, args.outdir):
        print(png)
        if args.docs:
            shutil.copy(png, DOCS / png.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
