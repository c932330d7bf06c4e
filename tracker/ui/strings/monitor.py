"""UI texts of the monitor pages: code -> {"vi": ..., "en": ...}."""

MONITOR: dict[str, dict[str, str]] = {}
