"""An uploaded table (UTF-8 CSV or XLSX) read within fixed bounds, whatever the file claims.

Anyone who may import can send a file, so nothing in it is trusted: not the sheet's declared
dimension, not the sizes it would unpack to, not the length of a line. An XLSX is checked from its
ZIP directory (what each part unpacks to) and walked once with a streaming XML parser (rows, cells,
strings, other elements) before openpyxl opens it in read-only mode; the rows are then streamed with
fixed row and column caps. A CSV is decoded and split as it is read, each record with a size
budget. Whatever breaks a bound ends in one Vietnamese refusal (InvalidInput), never in memory or
time that grows with what the file declares.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Iterable, Iterator
from xml.parsers import expat

from openpyxl import load_workbook

from tracker.errors import InvalidInput

MAX_FILE_BYTES = 20 * 1024 * 1024  # the upload limit (.streamlit/config.toml maxUploadSize)
MAX_DATA_ROWS = 5000  # rows with something in them, after the header
MAX_READ_ROWS = 4 * MAX_DATA_ROWS  # rows looked at, blank ones included
MAX_COLUMNS = 32  # columns read; the templates have seven, the rest is ignored
MAX_CELL_CHARS = 10_000  # longer text is cut (every field refuses far less anyway)
MAX_RECORD_CHARS = 200_000  # one CSV record (a quoted field may span lines)
MAX_PARTS = 1000  # ZIP members of an XLSX
MAX_PART_BYTES = 16 * 1024 * 1024  # what one member unpacks to
MAX_PACKAGE_BYTES = 32 * 1024 * 1024  # what the whole workbook unpacks to
MAX_DIRECTORY_BYTES = MAX_PARTS * 400  # the ZIP central directory, checked before zipfile parses it
MAX_ELEMENTS = 200_000  # XML elements in the whole workbook (a full 5,000-row template: about 100,000)
MAX_CELLS = 60_000  # cell elements in the sheets (5,000 rows of twelve columns)
MAX_CELLS_PER_ROW = 1024  # cell elements in one sheet row (openpyxl holds a row whole)
MAX_STRINGS = 30_000  # shared strings (5,000 rows of a description, a document number and a few codes)
CONTENT = frozenset({"row", "c", "v", "f", "is", "si", "t"})  # cells and strings: cheap to read, bounded above
MAX_PART_ELEMENTS = 10_000  # other elements of one part, each an object openpyxl builds (styles, runs, merges)

TOO_MANY_ROWS = f"Tệp có quá {MAX_DATA_ROWS} dòng; hãy chia nhỏ."
NOT_A_TABLE = "Chỉ nhận tệp CSV (UTF-8) hoặc XLSX."
BAD_WORKBOOK = ("Tệp XLSX không đọc được (hỏng hoặc không phải bảng tính Excel); "
                "hãy lưu lại bằng Excel hoặc xuất ra CSV (UTF-8).")
HUGE_WORKBOOK = (f"Bảng tính quá lớn để nhập (tối đa {MAX_DATA_ROWS} dòng, {MAX_CELLS} ô, "
                 f"{MAX_PACKAGE_BYTES // 1024 // 1024} MB khi giải nén); hãy xóa định dạng, trang tính thừa "
                 "hoặc xuất ra CSV (UTF-8).")
OTHER_TYPES = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")  # PDF, PNG, JPEG, old Office (XLS)


def read_grid(content: bytes) -> list[list]:
    """The non-blank rows of the first sheet (XLSX) or of a UTF-8 CSV, each at most MAX_COLUMNS wide.

    The first row is the header; at most MAX_DATA_ROWS rows follow. Raises InvalidInput otherwise.
    """
    if not content:
        raise InvalidInput("Tệp rỗng.")
    if len(content) > MAX_FILE_BYTES:
        raise InvalidInput(f"Tệp lớn quá {MAX_FILE_BYTES // 1024 // 1024} MB; hãy chia nhỏ.")
    if content.startswith(b"PK"):
        rows = _xlsx_rows(content)
    elif content.startswith(OTHER_TYPES):
        raise InvalidInput(NOT_A_TABLE)
    else:
        rows = _csv_rows(content)
    grid = []
    for row in rows:
        cells = [_bounded(c) for c in row[:MAX_COLUMNS]]
        if any(c not in (None, "") for c in cells):
            grid.append(cells)
            if len(grid) > MAX_DATA_ROWS + 1:
                raise InvalidInput(TOO_MANY_ROWS)
    return grid


def _bounded(cell):
    return cell[:MAX_CELL_CHARS] if isinstance(cell, str) else cell


# ---- XLSX -------------------------------------------------------------------------------------------

def _xlsx_rows(content: bytes) -> Iterator[tuple]:
    _check_directory(content)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InvalidInput(BAD_WORKBOOK) from exc
    with archive:
        _check_package(archive)
    book = None
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the declared dimension is not trusted: the caps below are
        yield from sheet.iter_rows(min_row=1, max_row=MAX_READ_ROWS, min_col=1, max_col=MAX_COLUMNS,
                                   values_only=True)
    except Exception as exc:  # noqa: BLE001 - a trust boundary: whatever the library trips on is a refusal
        raise InvalidInput(BAD_WORKBOOK) from exc
    finally:
        if book is not None:
            book.close()


def _check_directory(content: bytes) -> None:
    """Refuse a ZIP whose central directory is too big for zipfile to parse cheaply (it reads it whole)."""
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - 22 - 65535))
    if end < 0 or len(content) < end + 22:
        raise InvalidInput(BAD_WORKBOOK)
    entries, size = struct.unpack("<HI", content[end + 10:end + 16])
    if entries > MAX_PARTS or size > MAX_DIRECTORY_BYTES or content[max(0, end - 20):end].startswith(b"PK\x06\x07"):
        raise InvalidInput(HUGE_WORKBOOK)  # the last: a ZIP64 locator, whose own counts zipfile would use


def _check_package(archive: zipfile.ZipFile) -> None:
    """Refuse, from the ZIP directory and one streaming walk, what openpyxl could not read within bounds.

    zipfile never yields more than a member's declared size (a lie ends in a CRC error), so the
    directory's sizes bound what is unpacked.
    """
    members = archive.infolist()
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise InvalidInput(BAD_WORKBOOK)
    if len(members) > MAX_PARTS or any(m.file_size > MAX_PART_BYTES for m in members) \
            or sum(m.file_size for m in members) > MAX_PACKAGE_BYTES:
        raise InvalidInput(HUGE_WORKBOOK)
    walk = _XmlWalk()
    try:
        for member in members:  # by content, not name: openpyxl finds parts through the package's own lists
            with archive.open(member) as stream:
                looks_like_xml = stream.read(64).lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00").startswith(b"<")
            if looks_like_xml:
                walk.run(archive, member)
    except (zipfile.BadZipFile, expat.ExpatError, OSError, RuntimeError, EOFError, NotImplementedError) as exc:
        raise InvalidInput(BAD_WORKBOOK) from exc


class _TooBig(Exception):
    pass


class _XmlWalk:
    """Count what openpyxl would build, stopping at the first bound broken; DTDs (entities) refused.

    Whatever a part is called or declared as: rows and cells are counted wherever they appear, and
    elements that are not cell content are capped in every part.
    """

    def __init__(self) -> None:
        self.elements = self.cells = self.strings = 0  # in the whole workbook
        self.part_elements = self.rows = self.row_cells = 0  # in the part being walked

    def run(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        self.part_elements = self.rows = self.row_cells = 0
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.StartDoctypeDeclHandler = self._doctype
        try:
            with archive.open(member) as stream:
                parser.ParseFile(stream)
        except _TooBig as exc:
            raise InvalidInput(str(exc)) from None

    def _doctype(self, *_args) -> None:
        raise _TooBig(BAD_WORKBOOK)

    def _start(self, name: str, attrs: dict) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _TooBig(HUGE_WORKBOOK)
        local = name.rpartition(" ")[2]
        if local not in CONTENT:
            self.part_elements += 1
            if self.part_elements > MAX_PART_ELEMENTS:
                raise _TooBig(HUGE_WORKBOOK)
        elif local == "row":
            number = attrs.get("r", "")
            self.rows, self.row_cells = self.rows + 1, 0
            if self.rows > MAX_READ_ROWS or len(number) > 7 or (number.isdigit() and int(number) > MAX_READ_ROWS):
                raise _TooBig(TOO_MANY_ROWS)
        elif local == "c":
            self.cells, self.row_cells = self.cells + 1, self.row_cells + 1
            if self.cells > MAX_CELLS or self.row_cells > MAX_CELLS_PER_ROW:
                raise _TooBig(HUGE_WORKBOOK)
        elif local == "si":
            self.strings += 1
            if self.strings > MAX_STRINGS:
                raise _TooBig(HUGE_WORKBOOK)


# ---- CSV --------------------------------------------------------------------------------------------

def _csv_rows(content: bytes) -> Iterator[list[str]]:
    lines = _Lines(io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline=""))
    count = 0  # records read, as a spreadsheet numbers its rows
    try:
        for count, row in enumerate(csv.reader(lines), start=1):
            if count > MAX_READ_ROWS:
                raise InvalidInput(TOO_MANY_ROWS)
            lines.record_done()
            yield row
    except UnicodeDecodeError as exc:
        raise InvalidInput("Tệp CSV phải mã hóa UTF-8.") from exc
    except (csv.Error, _TooBig) as exc:  # a field over csv.field_size_limit(), or a record over MAX_RECORD_CHARS
        longest = min(csv.field_size_limit(), MAX_RECORD_CHARS)
        raise InvalidInput(f"Dòng {count + 1} của tệp CSV không đọc được: có ô dài quá {longest} ký tự "
                           "hoặc thiếu dấu ngoặc kép đóng.") from exc


class _Lines(Iterable[str]):
    """The lines of a text stream, each and each record (lines until csv yields a row) size-bounded."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.stream = stream
        self.used = 0

    def record_done(self) -> None:
        self.used = 0

    def __iter__(self) -> Iterator[str]:
        while line := self.stream.readline(MAX_RECORD_CHARS + 1):
            self.used += len(line)
            if self.used > MAX_RECORD_CHARS:
                raise _TooBig()
            yield line
