"""The sơ kết, the tổng kết and the urging letter, built from a demo database and printed to PDF through
LibreOffice (tracker.documents.samples), read back with pdftotext: what a reader sees on the page."""

import re
import shutil

import pytest

from tests.conftest import missing
from tracker.documents import pdf, samples
from tracker.documents.summary_outline import PARTS


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, list[str]]:
    """Each sample's pages as text, rendered once for the module."""
    if pdf.soffice() is None:
        missing("LibreOffice (soffice) is not installed")
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        missing("poppler-utils (pdftotext, pdftoppm) is not installed")
    folder = tmp_path_factory.mktemp("samples")
    engine = samples.demo_database(folder)
    try:
        built = samples.documents(engine)
    finally:
        engine.dispose()
    pdfs = samples.write(folder, built)
    assert [p.name for p in samples.pictures(pdfs, folder)] == [
        "summary-report-page-1.png", "summary-report-signature-page.png", "urging-letter-page-1.png"]
    return {name: pdf.page_texts(path) for name, path in pdfs.items()}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("name,kind", [("bao-cao-so-ket", "Sơ kết"), ("bao-cao-tong-ket", "Tổng kết")])
def test_the_report_prints_its_header_title_parts_signature_and_appendix(pages, name, kind):
    report = pages[name]
    first = flat(report[0])
    for words in ("TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM", "-BC/BTGDVTU",
                  "BÁO CÁO", kind):
        assert words in first, words
    assert first.index("TỈNH ỦY LAI CHÂU") < first.index("BÁO CÁO")
    whole = flat(" ".join(report))
    positions = [whole.index(part) for part in PARTS]
    assert positions == sorted(positions)
    assert "(III." not in whole
    signed = report[samples.signature_page(report) - 1]
    assert "TRƯỞNG BAN" in signed and samples.SIGNER in signed and "- Lưu BTGDVTU." in signed
    appendix = [i for i, page in enumerate(report) if "PHỤ LỤC" in page]
    assert appendix and appendix[0] > 0
    table_pages = report[appendix[0]:]
    assert len(table_pages) >= 2  # the table runs on, its heading row on every page
    for page in table_pages:
        # the narrow columns wrap their titles ("Đánh / giá"): the first words are on every page
        assert all(word in flat(page) for word in ("STT", "Chỉ tiêu", "ĐVT", "Mục tiêu", "Đánh")), page[:200]
    assert "(Kèm theo Báo cáo số" in flat(table_pages[0]) and "Số liệu" in flat(table_pages[0])


def test_the_standing_committees_report_carries_the_committee_alone(pages):
    first = flat(pages["bao-cao-so-ket-ban-thuong-vu"][0])
    assert "TỈNH ỦY LAI CHÂU" in first and "-BC/TU" in first and "BAN TUYÊN GIÁO VÀ DÂN VẬN" not in first
    signed = pages["bao-cao-so-ket-ban-thuong-vu"]
    assert "T/M BAN THƯỜNG VỤ" in flat(signed[samples.signature_page(signed) - 1])


def test_the_urging_letter_prints_on_one_page_with_its_tasks_and_signature(pages):
    letter = pages["cong-van-don-doc"]
    text = flat(letter[0])
    for words in ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "-CV/BTGDVTU", "V/v đôn đốc thực hiện", "ĐẢNG CỘNG SẢN VIỆT NAM",
                  "Kính gửi: Đảng ủy Ủy ban nhân dân tỉnh", "quá hạn", "Nơi nhận:", "- Như trên,", "- Lưu BTGDVTU.",
                  "TRƯỞNG BAN", samples.SIGNER):
        assert words in text, words
    assert len(letter) == 1 and "III." not in text
