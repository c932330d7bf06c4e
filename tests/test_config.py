from pathlib import Path

import pytest

from tracker.config import Settings, load_settings
from tracker.errors import ConfigError


def test_defaults_use_sqlite_in_the_data_dir_and_vietnam_time(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    s = load_settings()
    assert s.sqlalchemy_url == f"sqlite:///{tmp_path / 'tracker.db'}"
    assert s.timezone == "Asia/Ho_Chi_Minh"
    assert s.is_sqlite


@pytest.mark.parametrize("url", ["postgresql://u:p@h/db", "postgres://u:p@h/db", "postgresql+psycopg2://u:p@h/db"])
def test_postgres_urls_use_psycopg3(url):
    assert Settings(database_url=url).sqlalchemy_url == "postgresql+psycopg://u:p@h/db"


def test_unknown_timezone_is_a_clear_config_error(monkeypatch):
    monkeypatch.setenv("TRACKER_TIMEZONE", "Mars/Olympus")
    with pytest.raises(ConfigError, match="TRACKER_TIMEZONE.*Mars/Olympus"):
        load_settings()


def test_bad_smtp_security_is_refused(monkeypatch):
    monkeypatch.setenv("TRACKER_SMTP_SECURITY", "tls-ish")
    with pytest.raises(ConfigError, match="TRACKER_SMTP_SECURITY"):
        load_settings()


def test_unwritable_data_dir_names_the_directory(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError, match="TRACKER_DATA_DIR") as info:
        Settings(data_dir=blocker / "data").ensure_data_dir()
    assert str(blocker / "data") in str(info.value)
