"""The only importer of pypdf: a text PDF read as an article, page by page.

pypdf was chosen over pdfminer.six on news pages printed to PDF by Chromium (see
benchmarks/pdf_extraction.py for the comparison and its figures). Its layout mode keeps a
blank line between paragraphs, so printed line wraps can be joined back into paragraphs.
"""

from __future__ import annotations

import io
import logging
import re

logging.getLogger("pypdf").setLevel(logging.ERROR)

NO_TEXT = "scanned PDF with no text layer (no OCR here): nothing to read"


def reflow(page_text: str) -> str:
    """Printed lines joined back into paragraphs; paragraphs separated by a blank line.
    A line ending in '-' is joined without a space (Chromium breaks after a hyphen)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", page_text):
        lines = [re.sub(r"[ \t\u00a0]{2,}", " ", line).strip() for line in block.split("\n")]
        joined = ""
        for line in filter(None, lines):
            joined += line if not joined or joined.endswith("-") else " " + line
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def read(data: bytes) -> dict:
    """{'pages': [page text, ...], 'title', 'author', 'published'} or ValueError with a reason."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted PDF (needs a password)")
        pages = [reflow(page.extract_text(extraction_mode="layout") or "") for page in reader.pages]
        info = reader.metadata or {}
    except (PdfReadError, OSError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ValueError(f"unreadable PDF ({exc.__class__.__name__})") from None
    if sum(len(re.sub(r"\W", "", page)) for page in pages) < 20:
        raise ValueError(NO_TEXT)
    return {"pages": pages, "title": str(info.get("/Title") or "").strip(),
            "author": str(info.get("/Author") or "").strip(),
            "published": _pdf_date(str(info.get("/CreationDate") or ""))}


def _pdf_date(value: str) -> str:
    """'D:20240621093000+09'00'' -> '2024-06-21' ('' when absent)."""
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", value)
    return "-".join(match.groups()) if match else ""
