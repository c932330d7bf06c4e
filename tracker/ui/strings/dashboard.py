"""UI texts of the dashboard pages: code -> {"vi": ..., "en": ...}."""

DASHBOARD: dict[str, dict[str, str]] = {}
