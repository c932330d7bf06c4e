"""One Settings object, read from environment variables prefixed ``TRACKER_``."""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tracker.errors import ConfigError
from tracker.private_files import make_dirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration. Every field can be set as ``TRACKER_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="TRACKER_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=PROJECT_ROOT / "data", description="Database file, uploads, backups.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in data_dir.")
    migration_database_url: str | None = Field(
        default=None, description="URL of the role that owns the tables, for migrate/init; default database_url.")
    timezone: str = "Asia/Ho_Chi_Minh"
    sqlite_busy_timeout_ms: int = Field(default=30000, ge=100, description="How long a SQLite writer waits for the lock.")
    seed_dir: Path = PROJECT_ROOT / "seed"
    base_url: str = "http://localhost:8501"

    evidence_max_mb: float = Field(default=20, gt=0, description="Largest evidence file accepted, in MB.")
    restore_max_mb: float = Field(default=8192, gt=0, description="Largest backup restored (all files), in MB.")

    session_idle_minutes: int = Field(default=30, ge=1)
    session_max_hours: int = Field(default=12, ge=1)
    login_max_failures: int = Field(default=5, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)
    login_lock_minutes: int = Field(default=15, ge=1)
    login_source_max_failures: int = Field(default=30, ge=1, description="Failed sign-ins per window from one client address, any accounts.")
    login_global_max_failures: int = Field(default=100, ge=1, description="Failed sign-ins per window over all accounts (password spraying).")

    reminder_before_days: list[int] = Field(default=[7, 1], description="Days before a due date to remind.")
    reminder_overdue_every_days: int = Field(default=3, ge=1)
    escalate_after_days: int = Field(default=7, ge=1)
    sender_lease_seconds: int = Field(default=120, ge=1, description="How long the outbox sender's lease lasts.")
    sweep_time: str = Field(default="07:30", pattern=r"^\d{2}:\d{2}$")
    digest_day: str = Field(default="mon", pattern="^(mon|tue|wed|thu|fri|sat|sun)$",
                            description="Day the digest of leaders and the monitor adds the weekly overview.")

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_security: str = Field(default="none", pattern="^(none|starttls|ssl)$")
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "tracker@localhost"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, with PostgreSQL pinned to the psycopg 3 driver."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'tracker.db'}"
        for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url

    def for_migrations(self) -> Settings:
        """These settings as the schema's owner: ``migration_database_url`` when set (PostgreSQL with
        a migration owner and an application role, docs/deploy.md), else the same database URL."""
        if not self.migration_database_url:
            return self
        return self.model_copy(update={"database_url": self.migration_database_url})

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")

    @property
    def evidence_dir(self) -> Path:
        """Evidence files, content-addressed; outside anything Streamlit serves."""
        return self.data_dir / "evidence"

    def ensure_data_dir(self) -> Path:
        """Create the data directory (0700) and check it is writable; raise ConfigError if not."""
        try:
            make_dirs(self.data_dir)
            with tempfile.NamedTemporaryFile(dir=self.data_dir, prefix=".write-test-"):
                pass  # a unique name: several processes may probe at once
        except OSError as exc:
            raise ConfigError(
                f"Không ghi được vào thư mục dữ liệu {self.data_dir} (TRACKER_DATA_DIR): {exc.strerror or exc}. "
                "Hãy chọn một thư mục có quyền ghi."
            ) from exc
        return self.data_dir


def load_settings() -> Settings:
    """Build Settings from the environment, turning validation errors into a ConfigError."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"TRACKER_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"Cấu hình không hợp lệ — {problems}") from exc


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; tests call ``get_settings.cache_clear()``)."""
    return load_settings()


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
