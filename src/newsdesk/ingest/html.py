"""The only importer of trafilatura: an HTML page reduced to its main text and metadata."""

from __future__ import annotations

import logging
import re

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def extract(html: str) -> dict | None:
    """{'text', 'title', 'source', 'published', 'url', 'author'} or None without main text."""
    import trafilatura

    if not re.search(r"<\s*(html|body|p|div|article)\b", html, re.IGNORECASE):
        return None
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, favor_precision=True,
            with_metadata=True)
    except (RecursionError, ValueError, TypeError, AttributeError):
        return None
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        return None
    return {
        "text": text,
        "title": data.get("title") or "",
        "source": data.get("sitename") or "",
        "published": data.get("date") or "",
        "url": data.get("url") or "",
        "author": data.get("author") or "",
    }
