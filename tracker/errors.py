"""Errors that carry a message meant for people, in Vietnamese first."""


class TrackerError(Exception):
    """A problem the user can fix; its message is shown as-is, without a traceback."""


class ConfigError(TrackerError):
    """The configuration (environment, data directory, database URL) is unusable."""


class DatabaseUnavailable(TrackerError):
    """The configured database cannot be reached or opened."""


class SeedError(TrackerError):
    """A seed file is missing, malformed, or inconsistent."""
