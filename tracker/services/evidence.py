"""Evidence: files checked by content, stored once by SHA-256, served only after a permission check.

Files live under ``<data dir>/evidence/ab/cd/<sha256>``: outside anything Streamlit serves, named by
their content, so the uploader's file name never touches the file system (it is kept, sanitised,
as metadata only). A body may instead cite a public document by number and link.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from tracker import private_files
from tracker.config import get_settings
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Action, Assignment, Evidence
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.text import clean

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACCEPTED = "PDF, DOCX, XLSX, JPG, PNG"
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


EXTENSIONS = {"pdf": ("pdf",), "png": ("png",), "jpg": ("jpg", "jpeg"), "docx": ("docx",), "xlsx": ("xlsx",)}
MACRO_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX/)", re.IGNORECASE)
MACRO_CONTENT_TYPE = re.compile(rb"macroEnabled|vbaProject|activeX", re.IGNORECASE)


def sniff(content: bytes) -> str | None:
    """The file's real type from its first bytes (and, for Office files, its ZIP entries)."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def checked_type(content: bytes) -> tuple[str | None, str | None]:
    """``(type, None)`` for a file we accept, or ``(None, why not)``: the one check for upload and download.

    Beyond the magic bytes, an image must parse as the image it claims to be (JPEG magic followed by
    SVG or HTML is not a JPEG), and an Office file must carry no macros or ActiveX (.docm, .xlsm).
    """
    kind = sniff(content)
    if kind is None:
        return None, f"Nội dung tệp không phải một trong các loại được nhận ({ACCEPTED}), dù tên tệp có đuôi nào."
    if kind in ("jpg", "png") and not _is_image(content, "JPEG" if kind == "jpg" else "PNG"):
        return None, f"Tệp mang dấu hiệu ảnh {kind.upper()} nhưng không phải ảnh hợp lệ."
    if kind in ("docx", "xlsx"):
        return (None, refusal) if (refusal := _office_refusal(content)) else (kind, None)
    return kind, None


def _is_image(content: bytes, pil_format: str) -> bool:
    from PIL import Image  # Pillow comes with Streamlit; imported here, only when an image arrives

    try:
        with Image.open(io.BytesIO(content), formats=[pil_format]) as image:
            image.verify()
    except Exception:  # noqa: BLE001  (Pillow raises many kinds for a malformed image; any of them = not an image)
        return False
    return True


def _office_refusal(content: bytes) -> str | None:
    """Why a DOCX/XLSX is refused: macros or ActiveX (a part or a declared content type), or unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            with z.open("[Content_Types].xml") as types:
                declared = types.read(1 << 20)
            names = z.namelist()
    except Exception:  # noqa: BLE001  (zipfile, zlib and encryption errors alike: not a usable Office file)
        return "Tệp Office bị hỏng hoặc được mã hóa; hãy lưu lại rồi gửi lại."
    if any(MACRO_PART.search(name) for name in names) or MACRO_CONTENT_TYPE.search(declared):
        return "Tệp Office chứa macro hoặc ActiveX (như .docm, .xlsm); hãy lưu lại dưới dạng .docx/.xlsx thường."
    return None


def named_as(name: str, kind: str) -> str:
    """``name`` ending in the extension of the detected type: a PDF named ``x.html`` becomes ``x.pdf``."""
    stem, dot, extension = name.rpartition(".")
    if dot and stem and extension.lower() in EXTENSIONS[kind]:
        return name
    return f"{(stem if dot and stem else name)[:200]}.{EXTENSIONS[kind][0]}"


def sanitise_name(name: str) -> str:
    """Keep a safe display name: no directories, no control characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return name[:200] or "tep-dinh-kem"


def blob_path(sha256: str, root: Path | None = None) -> Path:
    """Where a file is stored: ``<evidence dir>/ab/cd/<sha256>`` (``root`` instead of the configured one)."""
    return (root or get_settings().evidence_dir) / sha256[:2] / sha256[2:4] / sha256


def _store(content: bytes, sha256: str) -> None:
    """Write the blob once, atomically (a second upload of the same content writes nothing)."""
    path = blob_path(sha256)
    if path.exists():
        return
    private_files.make_dirs(path.parent)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:  # created 0600, whatever the umask
        tmp.write(content)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, path)


def _action_for_write(session: Session, actor: Actor, action_id: int) -> tuple[Action, Assignment]:
    action = session.get(Action, action_id)
    assignment = session.get(Assignment, action.assignment_id) if action else None
    authorize(session, actor, "evidence.write", assignment.organisation_id if assignment else None,
              object_type="action", object_id=action_id)
    if action is None:
        raise TrackerError("Không tìm thấy kết quả thực hiện để đính kèm.")
    return action, assignment


def check_file(content: bytes) -> str:
    """The type of a file we accept for upload, or InvalidInput saying why not (empty, too large, wrong type)."""
    limit = get_settings().evidence_max_mb
    if not content:
        raise InvalidInput("Tệp rỗng (0 byte); hãy chọn đúng tệp minh chứng.")
    if len(content) > limit * 1024 * 1024:
        raise InvalidInput(f"Tệp quá lớn ({len(content) / 1024 / 1024:.1f} MB); giới hạn {limit:g} MB mỗi tệp.")
    kind, refusal = checked_type(content)
    if refusal:
        raise InvalidInput(refusal)
    return kind


def check_citation(doc_number: str, url: str = "") -> tuple[str, str]:
    """The cleaned ``(number, link)`` of a cited document, or InvalidInput saying what to fix."""
    doc_number, url = clean(doc_number), clean(url)
    if not doc_number or any(ord(ch) < 32 for ch in doc_number) or len(doc_number) > 80:
        raise InvalidInput("Cần nhập số, ký hiệu văn bản được trích dẫn (tối đa 80 ký tự, không ký tự điều khiển).")
    if url and not URL.match(url):
        raise InvalidInput("Đường dẫn phải bắt đầu bằng http:// hoặc https://.")
    return doc_number, url


def attach_file(session: Session, actor: Actor, action_id: int, filename: str, content: bytes) -> Evidence:
    """Attach a file to an action. The same content on the same action is kept once."""
    action, _ = _action_for_write(session, actor, action_id)
    kind = check_file(content)
    sha256 = hashlib.sha256(content).hexdigest()
    existing = session.exec(select(Evidence).where(Evidence.action_id == action.id, Evidence.sha256 == sha256)).first()
    if existing:
        return existing
    return _stored(session, actor, filename, content, kind, sha256, {"action": action.id}, action_id=action.id)


def store_file(session: Session, actor: Actor, filename: str, content: bytes, detail: dict) -> Evidence:
    """Check and store a file the caller has authorised, as a new Evidence row linked to no action
    (the caller links it; ``detail`` says to what in the audit trail)."""
    kind = check_file(content)
    return _stored(session, actor, filename, content, kind, hashlib.sha256(content).hexdigest(), detail)


def _stored(session: Session, actor: Actor, filename: str, content: bytes, kind: str, sha256: str, detail: dict,
            **links) -> Evidence:
    _store(content, sha256)
    evidence = Evidence(sha256=sha256, size_bytes=len(content), media_type=MEDIA_TYPES[kind],
                        original_name=named_as(sanitise_name(filename), kind), uploaded_by=actor.user_id, **links)
    session.add(evidence)
    session.flush()
    audit.record(session, actor, "upload", "evidence", evidence.id,
                 {**detail, "sha256": sha256, "size": len(content), "type": kind, "name": evidence.original_name})
    return evidence


def cite_document(session: Session, actor: Actor, action_id: int, doc_number: str, url: str = "") -> Evidence:
    """Cite an existing public document by its number (and link) instead of uploading it."""
    action, _ = _action_for_write(session, actor, action_id)
    doc_number, url = check_citation(doc_number, url)
    evidence = Evidence(action_id=action.id, cited_doc_number=doc_number, cited_url=url or None,
                        uploaded_by=actor.user_id)
    session.add(evidence)
    session.flush()
    audit.record(session, actor, "create", "evidence", evidence.id,
                 {"action": action.id, "cited": doc_number, "url": url})
    return evidence


@dataclass(frozen=True)
class Download:
    name: str
    media_type: str
    content: bytes


def open_file(session: Session, actor: Actor, evidence_id: int) -> Download:
    """The file of an evidence row, after checking the actor may read that body's records."""
    evidence = session.get(Evidence, evidence_id)
    action = session.get(Action, evidence.action_id) if evidence and evidence.action_id else None
    assignment = session.get(Assignment, action.assignment_id) if action else None
    authorize(session, actor, "evidence.read", assignment.organisation_id if assignment else None,
              object_type="evidence", object_id=evidence_id)
    return read_stored(evidence)


def read_stored(evidence: Evidence | None) -> Download:
    """The file of an evidence row the caller has authorised, checked against its hash and type."""
    if evidence is None or evidence.sha256 is None:
        raise TrackerError("Minh chứng này không có tệp (là văn bản được trích dẫn).")
    path = blob_path(evidence.sha256)
    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise TrackerError("Không tìm thấy tệp minh chứng trong kho lưu trữ; báo quản trị hệ thống.") from exc
    if hashlib.sha256(content).hexdigest() != evidence.sha256:
        raise TrackerError("Tệp minh chứng trong kho đã bị thay đổi (mã băm không khớp); báo quản trị hệ thống.")
    kind, refusal = checked_type(content)  # served as what it is now found to be, never as named
    if refusal:
        raise TrackerError(f"Tệp minh chứng này không được tải xuống: {refusal}")
    return Download(named_as(evidence.original_name or "minh-chung", kind), MEDIA_TYPES[kind], content)


def list_for_action(session: Session, actor: Actor, action_id: int) -> list[dict]:
    action = session.get(Action, action_id)
    assignment = session.get(Assignment, action.assignment_id) if action else None
    authorize(session, actor, "evidence.read", assignment.organisation_id if assignment else None,
              object_type="action", object_id=action_id)
    rows = session.exec(select(Evidence).where(Evidence.action_id == action_id).order_by(Evidence.id))
    return [{"id": e.id, "name": e.original_name, "media_type": e.media_type, "size_bytes": e.size_bytes,
             "cited_doc_number": e.cited_doc_number, "cited_url": e.cited_url} for e in rows]
