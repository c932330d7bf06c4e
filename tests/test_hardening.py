"""Security settings that must not drift, and no raw HTML from the app anywhere."""

import ast
import re
import tomllib

from tracker.config import PROJECT_ROOT, Settings


def test_streamlit_config_is_hardened():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableStaticServing"] is False
    assert server["maxUploadSize"] == Settings().evidence_max_mb
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"


def test_no_unsafe_html_anywhere_in_the_app():
    offenders = []
    for path in [PROJECT_ROOT / "tracker_app.py", *(PROJECT_ROOT / "tracker").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.html\(", text):
            offenders.append(str(path.relative_to(PROJECT_ROOT)))
    assert offenders == []


def test_nginx_site_allows_evidence_uploads_and_is_the_one_documented():
    site = (PROJECT_ROOT / "deploy" / "nginx" / "tracker.conf").read_text(encoding="utf-8")
    body_mb = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert body_mb > Settings().evidence_max_mb  # an evidence file at the limit plus the form around it
    assert "ip_hash;" in site and "proxy_set_header Upgrade $http_upgrade;" in site
    assert f"```nginx\n{site}```" in (PROJECT_ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def test_service_errors_are_shown_through_one_escaping_helper():
    raw = [str(path.relative_to(PROJECT_ROOT)) for path in (PROJECT_ROOT / "tracker" / "ui").rglob("*.py")
           if re.search(r"st\.error\((escape_markdown\()?str\(", path.read_text(encoding="utf-8"))
           and path.name != "widgets.py"]
    assert raw == []  # widgets.show_error(exc): names and typed text in a refusal never render as Markdown


# What the pages draw as Markdown or in a message box: text of our own (a constant, t(), a date or a
# number) or text escaped on the way (escape_markdown, t_md), put together with f-strings, + or join.
SHOWN = {"markdown", "error", "warning", "info", "success", "toast"}
SAFE_CALLS = {"t", "t_md", "escape_markdown", "label", "day", "moment", "number", "len"}
SAFE_METHODS = {"replace", "join", "strip"}  # on an escaped text, with escaped or constant arguments
DRAWS_LATER = {"done": 1}  # widgets.done(page, message): the message is shown on the next run


def _assigned(function: ast.AST, calls: dict[str, list[ast.Call]]) -> dict[str, list[ast.AST | None]]:
    """Each local name of ``function`` with the values given to it (None: a value not known here).

    The parameters of a module's private function take the arguments of its calls in that module.
    """
    values: dict[str, list[ast.AST | None]] = {}
    params = function.args
    positional = [*params.posonlyargs, *params.args]
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(params.defaults):], params.defaults))
    defaults |= {a.arg: d for a, d in zip(params.kwonlyargs, params.kw_defaults) if d is not None}
    private = getattr(function, "name", "").startswith("_")
    for index, arg in enumerate([*positional, *params.kwonlyargs]):
        given = [defaults[arg.arg]] if arg.arg in defaults else []
        for call in calls.get(getattr(function, "name", ""), []) if private else ():
            passed = [k.value for k in call.keywords if k.arg == arg.arg]
            passed += [call.args[index]] if index < len(positional) and index < len(call.args) else []
            given += passed
        values[arg.arg] = given if private else [None]
    for node in ast.walk(function):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        whole = isinstance(target, ast.Name) and (
                            not isinstance(node, ast.AugAssign) or isinstance(node.op, ast.Add))
                        values.setdefault(name.id, []).append(node.value if whole else None)
        elif isinstance(node, ast.For | ast.comprehension | ast.withitem | ast.ExceptHandler):
            target = getattr(node, "target", None) or getattr(node, "optional_vars", None)
            for name in ast.walk(target) if isinstance(target, ast.AST) else ():
                if isinstance(name, ast.Name):
                    values.setdefault(name.id, []).append(None)
            if isinstance(node, ast.ExceptHandler) and node.name:
                values.setdefault(node.name, []).append(None)
    return values


def _escaped(node: ast.AST | None, names: dict[str, list[ast.AST | None]], depth: int = 0) -> bool:
    """True when ``node`` is text that cannot carry Markdown typed by someone."""
    def ok(child):
        return _escaped(child, names, depth + 1)
    if node is None or depth > 20:
        return False
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(ok(part.value) for part in node.values if isinstance(part, ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return ok(node.left) and ok(node.right)
    if isinstance(node, ast.IfExp):
        return ok(node.body) and ok(node.orelse)
    if isinstance(node, ast.GeneratorExp | ast.ListComp):
        return ok(node.elt)
    if isinstance(node, ast.List | ast.Tuple):
        return all(ok(item) for item in node.elts)
    if isinstance(node, ast.Name):
        return bool(names.get(node.id)) and all(ok(value) for value in names[node.id])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in SAFE_CALLS
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SAFE_METHODS:
        return ok(node.func.value) and all(ok(arg) for arg in node.args)
    return False


def unescaped_texts(source: str) -> list[tuple[int, str]]:
    """(line, call) of each st.markdown/error/warning/info/success/toast (on st or any container) whose
    text is not escaped, and of each widgets.done whose message is not; names are looked up in the
    function around the call (and the functions around that one)."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, names: dict[str, list[ast.AST | None]]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            names = {**names, **_assigned(node, calls)}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            method = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            text = ...
            if method in SHOWN and isinstance(node.func, ast.Attribute):
                text = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "body"), None)
            elif method in DRAWS_LATER and len(node.args) > DRAWS_LATER[method]:
                text = node.args[DRAWS_LATER[method]]
            if text is not ... and not _escaped(text, names):
                found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            visit(child, names)

    tree = ast.parse(source)
    calls: dict[str, list[ast.Call]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            calls.setdefault(node.func.id, []).append(node)
    visit(tree, {})
    return found


def test_every_text_drawn_as_markdown_is_ours_or_escaped():
    offenders = [f"{path.relative_to(PROJECT_ROOT)}:{line}: {call}"
                 for path in [PROJECT_ROOT / "tracker_app.py", *(PROJECT_ROOT / "tracker" / "ui").rglob("*.py")]
                 if path.name != "widgets.py"  # show_error and done: the helpers that draw the checked texts
                 for line, call in unescaped_texts(path.read_text(encoding="utf-8"))]
    assert not offenders, "escape typed text before it is drawn as Markdown:\n" + "\n".join(offenders)


def test_the_check_sees_typed_text_however_it_reaches_the_call():
    source = """
def _said(item, prefix=""):
    st.markdown(prefix + t("by", author=escape_markdown(item["author"])))
    _said(item, prefix="-> ")

def page(f, exc, rows):
    st.error(f"{escape_markdown(f['name'])}: {exc}")
    box.warning(session.notice())
    message = t("done")
    message += " " + rows[0]["code"]
    widgets.done("page", message)
    st.markdown(f"**{rows[0]['code']}** " + escape_markdown(rows[0]["text"]).replace("\\n", "  \\n"))
    _said(rows[0], prefix=rows[0]["code"])
"""
    assert [line for line, _ in unescaped_texts(source)] == [3, 7, 8, 11, 12]
