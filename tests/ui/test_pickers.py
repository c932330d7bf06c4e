"""tracker.ui.pickers: a picker over domain objects stays on its object when labels change or repeat.

The browser sends back the label it shows; ``send_label`` makes a run receive that (AppTest alone
would send the label of the current run). Without the pickers, a label changed by a write made the
next click fall back to the first option (or to none), and the form under the picker went with it.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import ROOT, add_account, click, run_page, send_label, shown_label, texts
from tracker.cli import main as cli_main
from tracker.clock import local_today
from tracker.db import session_scope
from tracker.services import reorganisation
from tracker.services.organisations import get_by_code
from tracker.ui.data import forget_catalog


def relabelling_script() -> None:
    """Three objects whose labels carry a counter the test bumps (as a write changes a status)."""
    import streamlit as st

    from tracker.ui import pickers

    n = st.session_state.get("n", 0)
    one = pickers.pick("Việc", {i: f"Việc {i} · lần {n}" for i in (10, 20, 30)}, "one")
    many = pickers.pick_many("Các việc", {i: f"Việc {i} · lần {n}" for i in (10, 20, 30)}, "many")
    st.markdown(f"one={one} many={many}")


def test_a_relabelled_choice_stays_on_its_object():
    at = AppTest.from_function(relabelling_script).run()
    one, many = at.selectbox(key="one"), at.multiselect(key="many")
    held = one.options[1]
    send_label(one, held)
    many.set_value([20, 30])
    at.run()
    held, many_held = shown_label(at.selectbox(key="one"), held), at.multiselect(key="many").value
    at.session_state["n"] = 1  # a write elsewhere changes every label
    send_label(at.selectbox(key="one"), held).run()
    assert "one=20 many=[20, 30]" in texts(at)
    held = shown_label(at.selectbox(key="one"), held)
    assert held == "Việc 20 · lần 1", "the browser was sent the new label"
    send_label(at.selectbox(key="one"), held).run()  # the next click
    assert "one=20 many=[20, 30]" in texts(at) and many_held == [20, 30]


def same_names_script() -> None:
    import streamlit as st

    from tracker.ui import pickers

    chosen = pickers.pick("Cơ quan", {"A": "Ban Tuyên giáo", "B": "Ban Tuyên giáo", "C": "Sở Y tế"}, "body")
    st.markdown(f"chosen={chosen}")


def test_objects_with_the_same_label_can_each_be_chosen():
    at = AppTest.from_function(same_names_script).run()
    box = at.selectbox(key="body")
    assert box.options == ["Ban Tuyên giáo [A]", "Ban Tuyên giáo [B]", "Sở Y tế"]
    send_label(box, "Ban Tuyên giáo [A]").run()
    assert "chosen=A" in texts(at)


def rename(code: str, name: str, n: int) -> None:
    """A rename event applied elsewhere (another admin, the CLI): every label of the body changes."""
    with session_scope() as s:
        spec = reorganisation.parse_events({"events": [{
            "code": f"RENAME-{code}-{n}", "kind": "rename", "effective_on": local_today(),
            "rename": {"code": code, "name": name}}]})[0]
        reorganisation.apply(s, ROOT, spec)
    forget_catalog()


def test_a_body_renamed_between_two_clicks_stays_picked(tmp_path, retarget):
    """The identity picker's label is the body's name: a rename must not drop the body being edited."""
    retarget(tmp_path)
    assert cli_main(["init", "--as-issued"]) == 0
    add_account("pick.admin", "admin", "BTG-TU")
    at = run_page("orgs_admin_page", "pick.admin")
    picker = at.selectbox(key="org_identity_pick")
    held = next(o for o in picker.options if o.startswith("SO-YTE"))
    send_label(picker, held).run()
    for n, (name, symbol) in enumerate((("Sở Y tế tỉnh Lai Châu", "SYT"), ("Sở Y tế Lai Châu", "SYTLC"))):
        rename("SO-YTE", name, n)
        send_label(at.selectbox(key="org_identity_pick"), held).run()  # the browser still shows the old label
        held = shown_label(at.selectbox(key="org_identity_pick"), held)
        assert held == f"SO-YTE — {name}", "the browser was sent the new label"
        next(w for w in at.text_input if w.key.startswith("org_identity_symbol_")).input(symbol)
        send_label(at.selectbox(key="org_identity_pick"), held)
        click(at, "Lưu thông tin văn bản")
        at.run()
        assert [m.value for m in at.success] == ["Đã lưu thông tin văn bản của SO-YTE."], name
        held = shown_label(at.selectbox(key="org_identity_pick"), held)
    with session_scope() as s:
        body = get_by_code(s, "SO-YTE")
        assert (body.name, body.symbol) == ("Sở Y tế Lai Châu", "SYTLC")
    assert held == "SO-YTE — Sở Y tế Lai Châu"