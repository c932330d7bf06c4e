"""Two more documents of the genre, in other numbering styles, read from text, DOCX and PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from tests.conftest import missing
from tests.program_import.documents import FIXTURES, to_pdf, write_docx
from tracker.program_import import match_bodies, parse, read_lines, to_export

YOUTH = FIXTURES / "ke-hoach-thanh-nien.txt"            # I. / 1- / (a) / "+" bullets, a page break in a target
DIGITAL = FIXTURES / "chuong-trinh-chuyen-doi-so.md"     # I- / 1. / a. / "-" with "+" items, targets by year


def _shape(path: Path) -> dict:
    """What the parse proposes, without line numbers (they differ between the forms)."""
    draft = parse(read_lines(path))
    document = to_export(draft, code="X")
    return {
        "program": {k: document["program"][k] for k in ("title", "implements", "signer", "target_year",
                                                         "situation", "general_goal", "vision_2045")},
        "issuer": draft.issuer,
        "baselines": [(b["value"], b["unit"], b["comparator"]) for b in document["baselines"]],
        "targets": [(t["name"], t["value"], t["unit"], t["comparator"], t["direction"], t["target_year"])
                    for t in document["targets"]],
        "groups": document["task_groups"],
        "clauses": [(c["label"], c["text"], [(b["name"], b["role"]) for b in c["bodies"]])
                    for c in document["draft"]["clauses"]],
        "flags": [(f["kind"], f["found"], f["suggestion"]) for f in document["draft"]["flags"]],
        "milestones": [(m["code"], m["due_on"], m["is_default"]) for m in document["milestones"]],
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The DOCX and PDF forms of both fixtures (PDF through LibreOffice)."""
    folder = tmp_path_factory.mktemp("programs")
    forms = {}
    for source in (YOUTH, DIGITAL):
        forms[(source.name, "docx")] = write_docx(source, folder / f"{source.stem}.docx")
        forms[(source.name, "pdf")] = to_pdf(forms[(source.name, "docx")], folder)
    return forms


def test_youth_plan_from_text():
    draft = parse(read_lines(YOUTH))
    assert draft.title == ("Kế hoạch thực hiện Nghị quyết số 45-NQ/TU, ngày 10/01/2024 của Ban Chấp hành "
                           "Đảng bộ tỉnh về công tác thanh niên trong giai đoạn mới")
    assert (draft.number, draft.issued_on, draft.issuer) == ("18-KH/TU", date(2024, 3, 15), "Ban Thường vụ Tỉnh ủy")
    assert (draft.resolution, draft.resolution_year, draft.signer) == ("45-NQ/TU", 2024, "Giàng Páo Mỷ")
    assert [(b.figure.value, b.figure.comparator) for b in draft.baselines] == [(78, "="), (65, ">"), (32, "=")]
    shape = _shape(YOUTH)
    assert [t[1:4] for t in shape["targets"]] == [
        (85, "%", ">="), (3, "%", "<"), (1200, "thanh niên", "about"), (70, "%", ">"), (None, "", "qualitative")]
    assert shape["targets"][1][4] == "lower_better"
    # the target cut by a page break (line 26, page number on 28, continued on 30) is one target
    assert draft.targets[3].lines == [26, 30] and (26, 30) in draft.joins
    assert draft.targets[3].name == "Tỷ lệ thanh niên nông thôn có việc làm ổn định sau đào tạo"
    groups = shape["groups"]
    assert [(g["code"], len(g["tasks"]), [(s["code"], len(s["tasks"])) for s in g["subgroups"]]) for g in groups] == [
        ("III.1", 2, []), ("III.2", 0, [("III.2.a", 2), ("III.2.b", 1)]), ("III.3", 1, [])]
    assert groups[1]["subgroups"][0]["title"] == "Giáo dục chính trị, tư tưởng"
    assert groups[2]["tasks"][0] == {"code": "III.3.1", "text": "Kiện toàn tổ chức Đoàn cơ sở; nâng cao chất lượng "
                                                               "đội ngũ cán bộ Đoàn các cấp."}
    assert shape["flags"] == [("known_form", "phân đầu", "phấn đấu"), ("lower_case_sentence", ". bố", ". Bố"),
                              ("known_form", "địa bản tình", "địa bàn tỉnh")]
    assert [f.line for f in draft.flags] == [26, 38, 44]
    assert shape["milestones"] == [("SK", "2027-11-30", False), ("TK", "2030-11-30", False)]
    assert shape["clauses"][1][2] == [("Ban Thường vụ Tỉnh đoàn", "lead"), ("Sở Giáo dục và Đào tạo", "coordinate"),
                                      ("Sở Lao động - Thương binh và Xã hội", "coordinate")]


def test_digital_program_from_markdown():
    draft = parse(read_lines(DIGITAL))
    assert draft.kind == "Chương trình hành động" and draft.issuer == "Ban Chấp hành Đảng bộ tỉnh"
    shape = _shape(DIGITAL)
    assert [t[1:] for t in shape["targets"]] == [
        (80, "%", ">=", "higher_better", 2025), (100, "%", ">=", "higher_better", 2025),
        (20, "%", "about", "higher_better", 2030), (80, "%", ">", "higher_better", 2030),
        (1, "%", "<=", "lower_better", 2030)]
    assert shape["targets"][0][0] == "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình"
    assert shape["program"]["target_year"] == 2030
    assert shape["program"]["vision_2045"].startswith("Lai Châu trở thành tỉnh có nền hành chính số")
    tasks = {t.code: t.text for t in draft.all_tasks()}
    assert list(tasks) == ["III.1.a.1", "III.1.a.2", "III.1.b.1", "III.2.1", "III.2.2", "III.3.1", "III.3.2"]
    # "+" items under a "-" that ends with ":" are that task's items, not tasks of their own
    assert tasks["III.1.a.1"].endswith(":\n+ Mở chuyên mục về chuyên đổi số trên Báo Lai Châu;\n"
                                       "+ Tổ chức hội nghị quán triệt ở các cấp.")
    # lettered items with nothing under them are tasks; one among sub-groups is a sub-group of one task
    assert tasks["III.2.1"] == "Rà soát, sửa đổi các quy định không còn phù hợp."
    assert tasks["III.1.b.1"] == "Bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức"
    assert [(f.kind, f.line, f.suggestion) for f in draft.flags] == [
        ("known_form", 34, "chuyển đổi số"), ("known_form", 41, "chính sách")]
    assert shape["milestones"] == [("SK", "2027-11-30", False), ("TK", "2030-11-30", False)]
    assert shape["clauses"][2][2] == [("Sở Khoa học và Công nghệ", "lead")]
    assert draft.signer == "Lò Văn Thắng" and len(draft.clauses) == 3


@pytest.mark.parametrize("source", [YOUTH, DIGITAL], ids=["youth", "digital"])
def test_docx_form_parses_the_same(source, printed):
    assert _shape(printed[(source.name, "docx")]) == _shape(source)


@pytest.mark.parametrize("source", [YOUTH, DIGITAL], ids=["youth", "digital"])
def test_pdf_form_parses_the_same(source, printed):
    pdf = printed[(source.name, "pdf")]
    if pdf is None:
        missing("LibreOffice (soffice) is not installed: no PDF to read")
    lines = read_lines(pdf)
    assert max(len(line) for line in lines) < 120          # really wrapped: the parser had to join lines
    assert _shape(pdf) == _shape(source)


def test_docx_reads_tables_in_body_order(printed):
    lines = read_lines(printed[(YOUTH.name, "docx")])
    assert lines[:4] == ["TỈNH ỦY LAI CHÂU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 18-KH/TU", "Lai Châu, ngày 15 tháng 3 năm 2024"]
    assert lines[4] == "KẾ HOẠCH"
    assert parse(lines).issued_on == date(2024, 3, 15)


def test_bodies_matched_through_former_names_and_suggested_when_unknown():
    draft = parse(read_lines(YOUTH))
    registry = [
        {"code": "BCSD-UBND", "name": "Ban cán sự đảng Ủy ban nhân dân tỉnh", "short_name": "BCSĐ UBND tỉnh"},
        {"code": "BTV-TD", "name": "Ban Thường vụ Tỉnh đoàn Lai Châu", "short_name": "BTV Tỉnh đoàn"},
        {"code": "SO-GDDT", "name": "Sở Giáo dục và Đào tạo", "short_name": "Sở GD&ĐT"},
        {"code": "SO-NV", "name": "Sở Nội vụ", "short_name": "Sở Nội vụ",
         "former_names": [{"name": "Sở Lao động - Thương binh và Xã hội", "short_name": "Sở LĐTBXH"}]},
        {"code": "BTGDV-TU", "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy", "short_name": "Ban Tuyên giáo và Dân vận"},
        {"code": "BTV-TU", "name": "Ban Thường vụ Tỉnh ủy Lai Châu", "short_name": "BTV Tỉnh ủy"},
    ]
    unmatched = match_bodies(draft, registry)
    codes = {b.name: (b.status, b.code) for c in draft.clauses for b in c.bodies}
    assert codes["Ban cán sự đảng UBND tỉnh"] == ("matched", "BCSD-UBND")
    assert codes["Ban Thường vụ Tỉnh đoàn"] == ("matched", "BTV-TD")
    assert codes["Sở Giáo dục và Đào tạo"] == ("matched", "SO-GDDT")
    assert codes["Sở Lao động - Thương binh và Xã hội"] == ("matched", "SO-NV")       # a former name
    assert draft.issuer_code == "BTV-TU"
    # the board was merged: no guess, the successor is offered as a suggestion
    assert [(m.name, m.status, m.code) for m in unmatched] == [("Ban Tuyên giáo Tỉnh ủy", "unmatched", None)]
    assert unmatched[0].suggestions[0] == "BTGDV-TU"
    assert len(set(unmatched[0].suggestions)) == len(unmatched[0].suggestions)
    assert to_export(draft, code="KH-45")["program"]["monitor"] is None


def test_diacritics_and_case_do_not_stop_a_match():
    draft = parse(["IV- TỔ CHỨC THỰC HIỆN", "1. BAN TUYEN GIAO TINH UY chủ trì theo dõi.",
                   "2. Sở Văn hóa, Thể thao và Du lịch phối hợp với Uỷ ban MTTQ tỉnh tổ chức thực hiện."])
    match_bodies(draft, [{"code": "BTG", "name": "Ban Tuyên giáo Tỉnh ủy", "short_name": ""},
                         {"code": "VHTTDL", "name": "Sở Văn hóa, Thể thao và Du lịch", "short_name": ""},
                         {"code": "MTTQ", "name": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "short_name": ""}])
    assert [[(b.name, b.code) for b in c.bodies] for c in draft.clauses] == [
        [("BAN TUYEN GIAO TINH UY", "BTG")],
        [("Sở Văn hóa, Thể thao và Du lịch", "VHTTDL"), ("Uỷ ban MTTQ tỉnh", "MTTQ")]]


def test_docx_with_word_list_numbering_parses_like_typed_numbering(tmp_path):
    """Word's own numbering ("List Number", "List Bullet" styles) is not in the paragraph's text."""
    document = docx.Document()
    for text in ("KẾ HOẠCH", "Thực hiện Nghị quyết số 45-NQ/TU về công tác thanh niên", "III. NHIỆM VỤ VÀ GIẢI PHÁP"):
        document.add_paragraph(text)
    document.add_paragraph("Tăng cường sự lãnh đạo của cấp ủy", style="List Number")
    document.add_paragraph("Cấp ủy định kỳ làm việc với tổ chức Đoàn.", style="List Bullet")
    document.add_paragraph("Đưa chỉ tiêu về công tác thanh niên vào nghị quyết.", style="List Bullet")
    document.add_paragraph("Xây dựng tổ chức Đoàn vững mạnh", style="List Number")
    document.add_paragraph("Kiện toàn tổ chức Đoàn cơ sở.", style="List Bullet")
    path = tmp_path / "numbered.docx"
    document.save(path)
    lines = read_lines(path)
    assert lines[3:6] == ["1. Tăng cường sự lãnh đạo của cấp ủy", "- Cấp ủy định kỳ làm việc với tổ chức Đoàn.",
                          "- Đưa chỉ tiêu về công tác thanh niên vào nghị quyết."]
    draft = parse(lines)
    assert [(g.code, [t.text for t in g.tasks]) for g in draft.groups] == [
        ("III.1", ["Cấp ủy định kỳ làm việc với tổ chức Đoàn.", "Đưa chỉ tiêu về công tác thanh niên vào nghị quyết."]),
        ("III.2", ["Kiện toàn tổ chức Đoàn cơ sở."])]


def test_docx_list_numbering_in_roman_and_letters(tmp_path):
    from docx.oxml.ns import qn
    document = docx.Document()
    first = document.add_paragraph("TỔ CHỨC THỰC HIỆN", style="List Number")
    document.add_paragraph("Sở Nội vụ chủ trì.", style="List Number 2")
    document.add_paragraph("Sở Tư pháp phối hợp.", style="List Number 2")
    numbering = document.part.numbering_part.element
    for style, fmt, text in (("ListNumber", "upperRoman", "%1-"), ("ListNumber2", "lowerLetter", "%1)")):
        num_id = document.styles.get_by_id(style, 1).element.pPr.numPr.numId.val
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
        for lvl in abstract.findall(qn("w:lvl")):
            lvl.find(qn("w:numFmt")).set(qn("w:val"), fmt)
            lvl.find(qn("w:lvlText")).set(qn("w:val"), text)
    assert first.text == "TỔ CHỨC THỰC HIỆN"
    path = tmp_path / "roman.docx"
    document.save(path)
    assert read_lines(path) == ["I- TỔ CHỨC THỰC HIỆN", "a) Sở Nội vụ chủ trì.", "b) Sở Tư pháp phối hợp."]
