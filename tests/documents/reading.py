"""Reading a rendered DOCX back in the document tests."""

import io

import docx


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def paragraph_text(document) -> str:
    """The body's paragraphs, one per line (the header and closing tables are read by cell)."""
    return "\n".join(p.text for p in document.paragraphs)
