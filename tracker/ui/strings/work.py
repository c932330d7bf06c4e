"""UI texts of the work pages: code -> {"vi": ..., "en": ...}."""

WORK: dict[str, dict[str, str]] = {}
