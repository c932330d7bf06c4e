"""Security settings that must not drift, and no raw HTML from the app anywhere."""

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
    raw = [str(path.relative_to(PROJECT_ROOT)) for path in (PROJECT_ROOT / "tracker" / "ui").glob("*.py")
           if re.search(r"st\.error\((escape_markdown\()?str\(", path.read_text(encoding="utf-8"))
           and path.name != "widgets.py"]
    assert raw == []  # widgets.show_error(exc): names and typed text in a refusal never render as Markdown
