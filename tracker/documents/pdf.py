"""DOCX to PDF through LibreOffice (``soffice --headless``), and PDF pages to PNG (poppler's ``pdftoppm``).

Each conversion runs with a private LibreOffice profile, so two runs at once do not collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

TIMEOUT_S = 300


def soffice() -> str | None:
    """The LibreOffice command on this machine, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(files: Sequence[Path], outdir: Path) -> list[Path]:
    """Convert ``files`` (DOCX) to PDF in ``outdir`` in one LibreOffice run; returns the PDFs."""
    command = soffice()
    if command is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                       check=True, capture_output=True, timeout=TIMEOUT_S)
    pdfs = [outdir / f"{Path(f).stem}.pdf" for f in files]
    absent = [p.name for p in pdfs if not p.exists()]
    if absent:
        raise RuntimeError(f"LibreOffice wrote no PDF for {', '.join(absent)}")
    return pdfs


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext -layout``; pages are separated by form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                         timeout=TIMEOUT_S).stdout.decode("utf-8")
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def page_png(pdf: Path, page: int, target: Path, dpi: int = 60) -> Path:
    """Page ``page`` (from 1) of ``pdf`` as a PNG at ``target``."""
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(stem)], check=True, capture_output=True, timeout=TIMEOUT_S)
    return stem.with_suffix(".png")
