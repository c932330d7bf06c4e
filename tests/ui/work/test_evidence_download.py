"""Evidence downloads: an attachment, under the type found in the content, never the uploader's."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlmodel import select
from starlette.requests import Request
from streamlit.runtime.media_file_storage import MediaFileKind
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.web.server.starlette.starlette_routes import create_media_routes

from tests.fixtures import files
from tests.ui.conftest import actor
from tracker.db import session_scope
from tracker.models import Assignment
from tracker.services import actions, evidence
from tracker.services.actions import ActionInput

SCRIPT = """
import streamlit as st
from tracker.ui.work import action_list
action_list.render(st.session_state["actor"], st.session_state["assignment_id"])
"""


def test_a_polyglot_is_offered_as_an_attachment_of_its_detected_type(monkeypatch):
    served, stored = [], []
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        served.append((filename, mimetype, kind))
        stored.append((self, file_id))
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    sinho = actor("sinho")
    with session_scope() as s:
        assignment_id = s.exec(select(Assignment.id).where(Assignment.organisation_id == sinho.organisation_id)).first()
        action = actions.log_action(s, sinho, assignment_id, ActionInput(date(2026, 3, 5), "Có minh chứng", 10),
                                    today=date(2026, 11, 29))
        evidence.attach_file(s, sinho, action.id, "trang.html", files.PDF_HTML)
        evidence.attach_file(s, sinho, action.id, "anh.svg", files.jpg_then_svg())
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.session_state["actor"], at.session_state["assignment_id"] = sinho, assignment_id
    at.session_state[f"work_files_{action.id}"] = True  # the list of files is open
    at.run()
    assert not at.exception
    assert [b.label for b in at.download_button] == ["trang.pdf", "anh.jpg"]
    assert served == [("trang.pdf", "application/pdf", MediaFileKind.DOWNLOADABLE),
                      ("anh.jpg", "image/jpeg", MediaFileKind.DOWNLOADABLE)]
    assert [headers(*s) for s in stored] == [("attachment; filename=\"trang.pdf\"", "application/pdf"),
                                             ("attachment; filename=\"anh.jpg\"", "image/jpeg")]


def headers(storage: MemoryMediaFileStorage, file_id: str) -> tuple[str, str]:
    """What Streamlit's /media endpoint answers for ``file_id``: Content-Disposition and Content-Type."""
    endpoint = create_media_routes(storage, None)[0].endpoint
    request = Request({"type": "http", "method": "GET", "path": f"/media/{file_id}", "headers": [],
                       "query_string": b"", "path_params": {"file_id": file_id}})
    with ThreadPoolExecutor(1) as pool:  # a loop of its own, whatever loop an earlier test left in this thread
        response = pool.submit(asyncio.run, endpoint(request)).result()
    return response.headers["content-disposition"], response.headers["content-type"]
