"""What is not a program document is refused with a Vietnamese message, never a traceback."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from tracker.errors import InvalidInput
from tracker.program_import import parse, read_lines, readers


@pytest.mark.parametrize("name", ["ct.txt", "ct.md", "ct.docx", "ct.pdf"])
def test_empty_file(name):
    with pytest.raises(InvalidInput, match="Tệp trống"):
        read_lines(b"", name)
    with pytest.raises(InvalidInput, match="Tệp trống"):
        read_lines(b" \n\t\n", name)


def test_binary_junk_as_text():
    with pytest.raises(InvalidInput, match="không phải văn bản thuần"):
        read_lines(bytes(range(256)) * 8, "ct.txt")


def test_text_not_in_utf8():
    with pytest.raises(InvalidInput, match="UTF-8"):
        read_lines("Chương trình hành động".encode("cp1258", errors="replace") + b"\xff\xfe\xfa", "ct.txt")


@pytest.mark.parametrize("name", ["ct.docx", "ct.pdf"])
def test_binary_junk_as_docx_or_pdf(name):
    with pytest.raises(InvalidInput, match="DOCX|PDF"):
        read_lines(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, name)


def test_pdf_header_with_junk_inside():
    with pytest.raises(InvalidInput, match="PDF"):
        read_lines(b"%PDF-1.7\n" + bytes(range(256)) * 40, "ct.pdf")


def test_huge_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(readers.MAX_BYTES + 1)
    with pytest.raises(InvalidInput, match="Tệp quá lớn"):
        read_lines(big)
    with pytest.raises(InvalidInput, match="Tệp quá lớn"):
        read_lines(b"a" * (readers.MAX_BYTES + 1), "big.md")


def test_docx_with_absurdly_many_paragraphs(monkeypatch):
    document = docx.Document()
    for n in range(30):
        document.add_paragraph(f"Đoạn {n}")
    data = io.BytesIO()
    document.save(data)
    monkeypatch.setattr(readers, "MAX_PARAGRAPHS", 20)
    with pytest.raises(InvalidInput, match=r"quá nhiều đoạn \(30\): không phải một chương trình, kế hoạch"):
        read_lines(data.getvalue(), "ct.docx")


def test_docx_that_unpacks_to_too_much():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a/>" + b" " * (20 * readers.MAX_BYTES + 1))
    with pytest.raises(InvalidInput, match="giải nén quá lớn"):
        read_lines(data.getvalue(), "ct.docx")


def test_unknown_file_type():
    with pytest.raises(InvalidInput, match="chỉ nhận"):
        read_lines(b"MZ\x90\x00", "ct.exe")


def test_text_that_is_not_a_program():
    with pytest.raises(InvalidInput, match="Không nhận ra văn bản chương trình"):
        parse(read_lines("Danh sách đi chợ:\n- rau\n- thịt\n".encode(), "list.txt"))


def test_hostile_text_inside_a_program_is_kept_as_text():
    lines = ["III- NHIỆM VỤ VÀ GIẢI PHÁP", "1. Nhóm <script>alert(1)</script>",
             "- =HYPERLINK(\"http://x\") \u202e\u0000 nhiệm vụ " + "rất dài " * 2000]
    draft = parse(lines)
    task = draft.groups[0].tasks[0]
    assert task.text.startswith("=HYPERLINK") and len(task.text) > 10_000


def test_absurd_numbers_of_targets_or_tasks(monkeypatch):
    from tracker.program_import import parser
    monkeypatch.setattr(parser, "MAX_TARGETS", 10)
    monkeypatch.setattr(parser, "MAX_TASKS", 10)
    goals = ["II- MỤC TIÊU", "2. Mục tiêu cụ thể", "- " + "; ".join(f"tỷ lệ {i} đạt {i}%" for i in range(30))]
    with pytest.raises(InvalidInput, match="quá nhiều chỉ tiêu"):
        parse(goals)
    with pytest.raises(InvalidInput, match="quá nhiều nhiệm vụ"):
        parse(["III- NHIỆM VỤ", "1. Nhóm"] + [f"- việc {i}." for i in range(11)])
    assert len(parse(["III- NHIỆM VỤ", "1. Nhóm"] + [f"- việc {i}." for i in range(10)]).all_tasks()) == 10


def test_html_in_a_markdown_source_is_left_out_and_flagged():
    draft = parse(["III- NHIỆM VỤ", "1. Nhóm <b>một</b>", "- Việc <script>x</script> một."])
    assert draft.groups[0].title == "Nhóm một" and draft.groups[0].tasks[0].text == "Việc x một."
    assert [(f.kind, f.line, f.found) for f in draft.flags] == [
        ("markup", 2, "<b>"), ("markup", 2, "</b>"), ("markup", 3, "<script>"), ("markup", 3, "</script>")]
