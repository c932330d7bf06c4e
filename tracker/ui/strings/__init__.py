"""UI texts as data: one dict per part of the app, code -> {"vi": ..., "en": ...}."""
