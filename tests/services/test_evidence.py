"""Evidence uploads: type from content, size limit, stored once by SHA-256, downloads checked."""

import hashlib
from datetime import date

import pytest
from sqlmodel import select

from tests.fixtures import files
from tests.fixtures.private import private_tree, umask  # noqa: F401  (fixture)
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, Evidence, Organisation, Task
from tracker.services import actions, evidence
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied

MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def action(seeded):
    """An action logged by HU-SINHO's officer; returns (engine, actor, action id)."""
    with session_scope(seeded) as s:
        a = s.exec(select(Assignment).join(Organisation).join(Task, Task.id == Assignment.task_id)
                   .where(Organisation.code == "HU-SINHO", Task.code == "III.1.1")).one()
        actor = Actor(None, "sinho", "agency", a.organisation_id)
        act = actions.log_action(s, actor, a.id, ActionInput(date(2026, 3, 5), "Hội nghị quán triệt", 50),
                                 today=date(2026, 11, 29))
        return seeded, actor, act.id


def attach(ctx, name, content):
    engine, actor, action_id = ctx
    with session_scope(engine) as s:
        return evidence.attach_file(s, actor, action_id, name, content).id


@pytest.mark.parametrize(("name", "make", "media"), [
    ("ke-hoach.pdf", lambda: files.PDF, "application/pdf"),
    ("anh hoi nghi.PNG", files.png, "image/png"),
    ("anh.jpeg", files.jpg, "image/jpeg"),
    ("bao-cao.docx", files.docx_file, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("so-lieu.xlsx", files.xlsx_file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_accepted_types_are_stored_by_content_and_read_back(action, name, make, media):
    content = make()
    evidence_id = attach(action, name, content)
    engine, actor, _ = action
    with session_scope(engine) as s:
        row = s.get(Evidence, evidence_id)
        assert row.media_type == media and row.original_name == name
        path = evidence.blob_path(row.sha256)
        assert path.is_relative_to(get_settings().data_dir / "evidence") and path.read_bytes() == content
        download = evidence.open_file(s, actor, evidence_id)
    assert download.content == content and download.name == name


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.pdf", files.EXE, "không phải một trong các loại"),
    ("archive.docx", files.plain_zip(), "không phải một trong các loại"),
    ("empty.pdf", b"", "0 byte"),
    ("x.svg", files.SVG, "không phải một trong các loại"),
    ("x.html", files.HTML, "không phải một trong các loại"),
    ("anh.svg", files.JPEG_MAGIC_SVG, "không phải ảnh hợp lệ"),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + files.HTML, "không phải ảnh hợp lệ"),
    ("bao-cao.docm", files.docm(), "macro"),
    ("so-lieu.xlsm", files.xlsm(), "macro"),
    ("bao-cao.docx", files.with_macros(files.docx_file(), "word/vbaProject.bin", None), "macro"),
    ("so-lieu.xlsx", files.with_macros(files.xlsx_file(), None,
                                       "application/vnd.ms-excel.sheet.macroEnabled.main+xml"), "macro"),
])
def test_bad_files_are_refused_and_nothing_is_stored(action, name, content, message):
    with pytest.raises(InvalidInput, match=message):
        attach(action, name, content)
    engine, _, _ = action
    with session_scope(engine) as s:
        assert s.exec(select(Evidence)).all() == []
    assert not (get_settings().data_dir / "evidence").exists()


def test_too_large_a_file_is_refused(action, monkeypatch):
    monkeypatch.setenv("TRACKER_EVIDENCE_MAX_MB", "0.001")
    get_settings.cache_clear()
    with pytest.raises(InvalidInput, match="quá lớn"):
        attach(action, "big.pdf", files.PDF + b"0" * 2048)


@pytest.mark.parametrize(("raw", "clean"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\windows\\kế hoạch.pdf", "kế hoạch.pdf"),
    ("bao\x00cao\x1b[31m.pdf", "baocao[31m.pdf"),
    ("...", "tep-dinh-kem.pdf"),
])
def test_names_are_sanitised_metadata_only(action, raw, clean):
    evidence_id = attach(action, raw, files.PDF + raw.encode("utf-8", "ignore"))
    engine, _, _ = action
    with session_scope(engine) as s:
        row = s.get(Evidence, evidence_id)
    assert row.original_name == clean
    assert evidence.blob_path(row.sha256).name == row.sha256


def test_a_duplicate_upload_is_stored_once(action):
    first = attach(action, "a.pdf", files.PDF)
    again = attach(action, "a-copy.pdf", files.PDF)
    engine, _, _ = action
    with session_scope(engine) as s:
        assert first == again and len(s.exec(select(Evidence)).all()) == 1
        sha = s.get(Evidence, first).sha256
    assert len(list((get_settings().data_dir / "evidence").rglob(sha))) == 1


def test_citing_a_document_instead_of_a_file(action):
    engine, actor, action_id = action
    with session_scope(engine) as s:
        cited = evidence.cite_document(s, actor, action_id, "112-KH/HU", "https://laichau.dcs.vn/112")
        assert cited.sha256 is None and cited.cited_doc_number == "112-KH/HU"
    with pytest.raises(InvalidInput, match="http"):
        with session_scope(engine) as s:
            evidence.cite_document(s, actor, action_id, "113-KH/HU", "javascript:alert(1)")


def test_another_body_can_neither_attach_nor_download(action):
    engine, _, action_id = action
    evidence_id = attach(action, "a.pdf", files.PDF)
    with session_scope(engine) as s:
        stranger = Actor(None, "yte", "agency",
                         s.exec(select(Organisation.id).where(Organisation.code == "SO-YTE")).one())
        monitor = Actor(None, "tg", "monitor", stranger.organisation_id)
    with pytest.raises(PermissionDenied):
        with session_scope(engine) as s:
            evidence.open_file(s, stranger, evidence_id)
    with pytest.raises(PermissionDenied):
        with session_scope(engine) as s:
            evidence.attach_file(s, stranger, action_id, "b.pdf", files.PDF)
    with session_scope(engine) as s:
        assert evidence.open_file(s, monitor, evidence_id).content == files.PDF


@pytest.mark.parametrize(("name", "content", "served_as", "media"), [
    ("trang.html", files.PDF_HTML, "trang.pdf", "application/pdf"),
    ("cai-dat.hta", files.PDF_HTA, "cai-dat.pdf", "application/pdf"),
    ("anh.svg", files.jpg_then_svg(), "anh.jpg", "image/jpeg"),
    ("ke-hoach", files.PDF, "ke-hoach.pdf", "application/pdf"),
])
def test_polyglots_are_stored_and_served_under_their_detected_type(action, name, content, served_as, media):
    evidence_id = attach(action, name, content)
    engine, actor, _ = action
    with session_scope(engine) as s:
        row = s.get(Evidence, evidence_id)
        download = evidence.open_file(s, actor, evidence_id)
    assert (row.original_name, row.media_type) == (served_as, media)
    assert (download.name, download.media_type, download.content) == (served_as, media, content)


@pytest.mark.parametrize(("stored_name", "stored_type", "content", "served_as"), [
    ("trang.html", "text/html", files.PDF_HTML, ("trang.pdf", "application/pdf")),
    ("anh.svg", "image/svg+xml", files.jpg_then_svg(), ("anh.jpg", "image/jpeg")),
    ("bao-cao.docm", MEDIA_DOCX, files.docm(), None),
    ("anh.svg", "image/jpeg", files.JPEG_MAGIC_SVG, None),
])
def test_a_file_stored_before_the_checks_is_served_as_what_it_is_or_not_at_all(action, stored_name, stored_type,
                                                                                   content, served_as):
    """Rows written by an older version keep the uploader's name and type: the download re-checks."""
    engine, actor, action_id = action
    sha = hashlib.sha256(content).hexdigest()
    evidence._store(content, sha)
    with session_scope(engine) as s:
        row = Evidence(action_id=action_id, sha256=sha, size_bytes=len(content), media_type=stored_type,
                       original_name=stored_name)
        s.add(row)
        s.flush()
        evidence_id = row.id
    with session_scope(engine) as s:
        if served_as is None:
            with pytest.raises(TrackerError, match="không được tải xuống"):
                evidence.open_file(s, actor, evidence_id)
            return
        download = evidence.open_file(s, actor, evidence_id)
    assert (download.name, download.media_type) == served_as


def test_stored_files_and_their_folders_are_private_whatever_the_umask(umask, action):  # noqa: F811
    attach(action, "a.pdf", files.PDF)
    attach(action, "b.png", files.png())
    evidence_dir = get_settings().data_dir / "evidence"
    assert len(list(evidence_dir.rglob("*"))) == 6  # ab/, ab/cd/, file: twice
    assert private_tree(evidence_dir) == {}
