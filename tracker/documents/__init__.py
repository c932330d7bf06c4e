"""Renderers of a Summary built by the services: DOCX (Party document format) and XLSX. No queries here."""
