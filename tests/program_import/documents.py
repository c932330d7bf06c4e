"""Build the DOCX (and PDF) form of a fixture document, as a word processor would have it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "programs"
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")


def write_docx(source: Path, target: Path) -> Path:
    """The fixture as DOCX: the header lines (before the first blank line, when more than one) in a
    two-column table, Markdown bold as bold runs, a page number line as a page break."""
    lines = source.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    blank = lines.index("") if "" in lines else 0
    if blank >= 2:
        header, lines = lines[:blank], lines[blank:]
        table = document.add_table(rows=0, cols=2)
        for i in range(0, len(header), 2):
            cells = table.add_row().cells
            cells[0].text = header[i]
            cells[1].text = header[i + 1] if i + 1 < len(header) else ""
    for line in lines:
        if not line.strip():
            continue
        if _PAGE_NUMBER.match(line.strip()):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        text = re.sub(r"^#{1,6}\s+", "", line)
        bold = "**" in text
        document.add_paragraph().add_run(text.replace("**", "")).bold = bold
    document.save(target)
    return target


def to_pdf(source: Path, folder: Path) -> Path | None:
    """The PDF LibreOffice prints of ``source``; None when soffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / (source.stem + ".pdf")
