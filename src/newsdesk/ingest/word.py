"""The only importer of python-docx: a Word (.docx) document read as an article."""

from __future__ import annotations

import io
import zipfile


def read(data: bytes) -> dict:
    """{'paragraphs', 'title', 'heading', 'author', 'published'} or ValueError with a reason."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(f"unreadable Word document ({exc.__class__.__name__})") from None
    paragraphs, heading = [], ""
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if not heading and (style.startswith("Heading") or style == "Title"):
            heading = text
        paragraphs.append(text)
    core = document.core_properties
    created = core.created.date().isoformat() if core.created else ""
    return {"paragraphs": paragraphs, "title": (core.title or "").strip(), "heading": heading,
            "author": (core.author or "").strip(), "published": created}
