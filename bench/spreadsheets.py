"""`python -m bench.spreadsheets`: time and peak memory of the import preview's reader on hostile files.

Each file is read in a fresh process (peak RSS is per process), by the same code the preview uses
(imports.read_table), and compared with a normal 200-row import read in the same run. The bound to
hold: any file within the upload limit is refused or read under 200 MB peak and within 2 s.

Last line, machine-readable: worst_ms=… worst_peak_mb=… worst_time_ratio=… worst_peak_ratio=…
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl

from tests.fixtures.files import csv_with_long_field, xlsx_declaring_every_cell, xlsx_from_parts, sheet_xml, xlsx_with_rows
from tracker.services import imports, uploaded_tables as ut

HEADER = ["Mã nhiệm vụ", "Mã cơ quan", "Ngày thực hiện", "Nội dung", "Tiến độ", "Số ký hiệu", "Ngày ban hành"]


def normal_xlsx(rows: int = 200) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for i in range(rows):
        book.active.append(["III.1.1", "HU-SINHO", date(2026, 3, 5), f"Hội nghị quán triệt lần {i}", 40, f"{i}-KH/HU",
                            date(2026, 3, 5)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def normal_csv(rows: int = 200) -> bytes:
    lines = [",".join(HEADER)] + [f"III.1.1,HU-SINHO,05/03/2026,Hội nghị quán triệt lần {i},40,{i}-KH/HU,05/03/2026"
                                  for i in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _sheet_of(rows: bytes, count: int) -> list[bytes]:
    head, _, tail = sheet_xml(b"")
    return [head, *[rows] * count, tail]


def _under_caps(part: bytes, elements: int) -> int:
    """How many copies of ``part`` stay under the element cap that applies to it and the unpacked cap."""
    return min(elements // (part.count(b"<") - part.count(b"</")) - 100, ut.MAX_PART_BYTES // len(part) - 100)


def styles_bomb() -> bytes:
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    n = _under_caps(xf, ut.MAX_PART_ELEMENTS)
    styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/>'
              '</fonts><fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border/></borders>'
              f'<cellXfs count="{n}">'.encode() + xf * n + b"</cellXfs></styleSheet>")
    return _with_part("xl/styles.xml", styles, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")


def shared_strings_bomb(text: bytes = b"a", runs: bool = False) -> bytes:
    si = b"<si><r><t>" + text + b"</t></r></si>" if runs else b"<si><t>" + text + b"</t></si>"
    n = max(1, min(ut.MAX_STRINGS - 1, _under_caps(si, ut.MAX_PART_ELEMENTS if runs else ut.MAX_ELEMENTS)))
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + si * n + b"</sst>")
    return _with_part("xl/sharedStrings.xml", strings,
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")


def _with_part(name: str, data: bytes, content_type: str) -> bytes:
    """The minimal workbook plus one part, declared in the content types and the workbook's relationships."""
    base = xlsx_from_parts(sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/>'
                                                       "</Types>".encode())
            if item.filename == "xl/_rels/workbook.xml.rels":
                kind = name.rsplit("/", 1)[1].removesuffix(".xml")
                content = content.replace(b"</Relationships>", (
                    f'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/{kind}" Target="{name.removeprefix("xl/")}"/></Relationships>').encode())
            z.writestr(item, content)
        z.writestr(name, data)
    return out.getvalue()


def many_members() -> bytes:
    """Just under the upload limit of empty ZIP members (about 90 bytes each with the directory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(ut.MAX_FILE_BYTES // 100):
            z.writestr(f"{i:x}", b"")
    return out.getvalue()


def cases() -> dict[str, Callable[[], bytes]]:
    """Name -> how to make the file. The first is the reference; the others try each bound from just inside."""
    wide_row = b"<row>" + b"<c><v>1</v></c>" * ut.MAX_CELLS_PER_ROW + b"</row>"
    empty_styled = b"<row>" + b'<c s="0"/>' * 19 + b"</row>"
    return {
        "normal 200-row xlsx (reference)": normal_xlsx,
        "normal 200-row csv": normal_csv,
        "normal 5000-row xlsx": lambda: normal_xlsx(5000),
        "normal 5000-row csv": lambda: normal_csv(5000),
        "A1:XFD1048576, one cell at XFD1048576": xlsx_declaring_every_cell,
        "A1:XFD1048576, one cell at XFD1": lambda: xlsx_declaring_every_cell("XFD1"),
        "a million rows (146 KB)": lambda: xlsx_with_rows(1_000_000),
        "rows to the unpacked cap (16 MB)": lambda: xlsx_with_rows(ut.MAX_PART_BYTES // 27 - 100,
                                                                   b"<row><c><v>1</v></c></row>"),
        "styled empty cells to the cell cap": lambda: xlsx_from_parts(
            _sheet_of(empty_styled, min(ut.MAX_READ_ROWS, ut.MAX_CELLS // 19 - 10))),
        f"rows of {ut.MAX_CELLS_PER_ROW} cells to the cell cap": lambda: xlsx_from_parts(
            _sheet_of(wide_row, ut.MAX_CELLS // ut.MAX_CELLS_PER_ROW - 1)),
        "styles: xf elements to the caps": styles_bomb,
        "shared strings: tiny strings to the caps": shared_strings_bomb,
        "shared strings: rich-text runs to the caps": lambda: shared_strings_bomb(runs=True),
        "shared strings: one string to the unpacked cap": lambda: shared_strings_bomb(
            b"\xe1\xbb\x87" * (ut.MAX_PART_BYTES // 3 - 100)),
        "zip of empty members (20 MB)": many_members,
        "csv: one field of 1,000,000 characters": csv_with_long_field,
        "csv: 20 MB of commas": lambda: b"a," * (ut.MAX_FILE_BYTES // 2 - 10),
        "csv: 20 MB of blank lines": lambda: b"\n" * (ut.MAX_FILE_BYTES - 10),
        "csv: 20 MB in quoted multi-line fields": lambda: b'"\n",' * (ut.MAX_FILE_BYTES // 4 - 10),
    }


def peak_rss_kb() -> int:
    """This process's peak RSS (VmHWM: unlike ru_maxrss, not inherited from the parent across exec)."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))


def measure_one(content: bytes) -> dict:
    """Read ``content`` as the preview does; time, tracemalloc peak and RSS growth (this process)."""
    rss_before = peak_rss_kb()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = f"read {len(imports.read_table('x', content, imports.ACTION_COLUMNS))} rows"
    except imports.InvalidInput as exc:
        outcome = f"refused: {str(exc)[:70]}"
    seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_after = peak_rss_kb()
    return {"outcome": outcome, "seconds": seconds, "traced_mb": traced / 2**20,
            "peak_rss_mb": rss_after / 1024, "rss_growth_mb": (rss_after - rss_before) / 1024}


def timed(content: bytes) -> float:
    """Wall time without tracemalloc (which slows allocation-heavy code)."""
    start = time.perf_counter()
    try:
        imports.read_table("x", content, imports.ACTION_COLUMNS)
    except imports.InvalidInput:
        pass
    return time.perf_counter() - start


def child(path: str) -> None:
    content = Path(path).read_bytes()
    result = {"bytes": len(content)} | measure_one(content)  # first, so that the RSS growth is this read's
    result["seconds_untraced"] = min(timed(content) for _ in range(3))
    print(json.dumps(result))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        child(sys.argv[2])
        return
    results = {}
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        for number, (name, make) in enumerate(cases().items()):
            path = Path(folder) / str(number)
            path.write_bytes(make())  # made here, so that each child's peak RSS is the reader's alone
            out = subprocess.run([sys.executable, "-m", "bench.spreadsheets", "--one", str(path)],
                                 capture_output=True, text=True, check=True)
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])
            path.unlink()
    ref = results[next(iter(results))]
    print(f"{'file':44} {'size':>9} {'time':>8} {'x ref':>6} {'peak RSS':>9} {'growth':>7} {'traced':>8} "
          f"{'x ref':>6}  outcome")
    for name, r in results.items():
        print(f"{name[:44]:44} {r['bytes'] / 1024:7.0f}KB {r['seconds_untraced'] * 1000:6.0f}ms "
              f"{r['seconds_untraced'] / ref['seconds_untraced']:6.1f} {r['peak_rss_mb']:7.0f}MB "
              f"{r['rss_growth_mb']:5.0f}MB {r['traced_mb']:6.1f}MB {r['traced_mb'] / ref['traced_mb']:6.1f}  "
              f"{r['outcome'][:60]}")
    worst_time = max(results.values(), key=lambda r: r["seconds_untraced"])
    worst_peak = max(results.values(), key=lambda r: r["peak_rss_mb"])
    print(f"worst_ms={worst_time['seconds_untraced'] * 1000:.0f} worst_peak_mb={worst_peak['peak_rss_mb']:.0f} "
          f"worst_time_ratio={worst_time['seconds_untraced'] / ref['seconds_untraced']:.1f} "
          f"worst_peak_ratio={worst_peak['peak_rss_mb'] / ref['peak_rss_mb']:.2f}")


if __name__ == "__main__":
    main()
