"""Read a program document (text/Markdown, DOCX, PDF with a text layer) into its source lines.

Every reader is bounded: a file over ``MAX_BYTES``, a DOCX over ``MAX_PARAGRAPHS`` paragraphs and
table rows, or a PDF whose text runs past ``MAX_LINES`` is refused with a Vietnamese message.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from tracker.errors import InvalidInput
from tracker.program_import.docx_numbering import ListNumbers

MAX_BYTES = 10 * 1024 * 1024
MAX_PARAGRAPHS = 20_000
MAX_LINES = 50_000
PDF_TIMEOUT_SECONDS = 60
TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def read_lines(source: str | Path | bytes, filename: str | None = None) -> list[str]:
    """The lines of a document, NFC. ``source`` is a path or the file's bytes; ``filename`` (or the
    path) gives the type by its suffix: .txt/.md, .docx or .pdf."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        name = filename or ""
    else:
        path = Path(source)
        name = filename or path.name
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput(_too_big())
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InvalidInput(_too_big())
    if not data.strip():
        raise InvalidInput("Tệp trống: không có nội dung để đọc.")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        lines = _docx_lines(data)
    elif suffix == ".pdf":
        lines = _pdf_lines(data)
    elif suffix in TEXT_SUFFIXES or not suffix:
        lines = _text_lines(data)
    else:
        raise InvalidInput(f"Không đọc được tệp loại “{suffix}”: chỉ nhận .txt, .md, .docx hoặc .pdf.")
    lines = [unicodedata.normalize("NFC", line) for line in lines]
    if len(lines) > MAX_LINES:
        raise InvalidInput(f"Văn bản quá dài (trên {_count(MAX_LINES)} dòng): không phải một chương trình, kế hoạch.")
    if not any(line.strip() for line in lines):
        raise InvalidInput("Tệp không có chữ nào đọc được (bản quét không có lớp chữ cần nhận dạng OCR trước).")
    return lines


def _count(n: int) -> str:
    """A count as Vietnamese writes it: 20.000."""
    return f"{n:,}".replace(",", ".")


def _too_big() -> str:
    return f"Tệp quá lớn (trên {MAX_BYTES // (1024 * 1024)} MB): hãy tải lên bản văn bản của chương trình."


def _text_lines(data: bytes) -> list[str]:
    if b"\x00" in data[:4096]:
        raise InvalidInput("Tệp không phải văn bản thuần (có byte nhị phân): hãy dùng .txt, .md, .docx hoặc .pdf.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("Tệp văn bản không ở mã UTF-8: hãy lưu lại với mã UTF-8.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _docx_lines(data: bytes) -> list[str]:
    """Paragraphs and table rows in body order; a table cell's paragraphs each make a line. A list
    paragraph gets the number Word draws before it ("1. ", "a) ", "- ")."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(i.file_size for i in archive.infolist()) > 20 * MAX_BYTES:
            raise InvalidInput("Tệp DOCX giải nén quá lớn: không đọc.")
        document = docx.Document(io.BytesIO(data))
    except InvalidInput:
        raise
    except Exception:
        raise InvalidInput("Không mở được tệp DOCX (tệp hỏng hoặc không phải DOCX).") from None
    body = document.element.body
    count = sum(1 for _ in body.iter(docx.oxml.ns.qn("w:p")))
    if count > MAX_PARAGRAPHS:
        raise InvalidInput(f"Tệp DOCX có quá nhiều đoạn ({_count(count)}): không phải một chương trình, kế hoạch.")
    numbers = ListNumbers(document)
    lines: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            lines.append(numbers.prefix(child) + text if text.strip() else text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen: set[int] = set()
                for cell in row.cells:          # merged cells repeat: keep each once
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
    return lines


def _pdf_lines(data: bytes) -> list[str]:
    if not data.startswith(b"%PDF"):
        raise InvalidInput("Tệp không phải PDF hợp lệ.")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "input.pdf")
        path.write_bytes(data)
        try:
            done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                                  capture_output=True, timeout=PDF_TIMEOUT_SECONDS, check=False)
        except FileNotFoundError:
            raise InvalidInput("Máy chủ chưa cài pdftotext (poppler-utils): chưa đọc được PDF.") from None
        except subprocess.TimeoutExpired:
            raise InvalidInput("Đọc tệp PDF quá lâu: hãy tải lên bản DOCX hoặc văn bản.") from None
    if done.returncode != 0:
        raise InvalidInput("Không đọc được tệp PDF (tệp hỏng hoặc được bảo vệ).")
    text = done.stdout.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").split("\n")
