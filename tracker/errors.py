"""Errors that carry a message meant for people, in Vietnamese first."""

NOT_INITIALISED = "Chưa có Chương trình hành động trong cơ sở dữ liệu. Hãy chạy: python -m tracker init"


class TrackerError(Exception):
    """A problem the user can fix; its message is shown as-is, without a traceback."""


class InvalidInput(TrackerError):
    """Input refused with a message saying what to fix; nothing was written."""


class ConfigError(TrackerError):
    """The configuration (environment, data directory, database URL) is unusable."""


class DatabaseUnavailable(TrackerError):
    """The configured database cannot be reached or opened."""


class SeedError(TrackerError):
    """A seed file is missing, malformed, or inconsistent."""


class SchemaOutdated(TrackerError):
    """The database schema is not at the revision this code expects."""
