"""Reading a folder of news articles: text, metadata, and a reason for every skipped file.

Supported: .txt/.md (optional `Title:`-style header lines or YAML-like front matter),
.html/.htm (main-text extraction), .json (one article or a list) and .jsonl (one per line).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterator

from newsdesk.ingest import furniture
from newsdesk.ingest import html as html_text
from newsdesk.ingest import pdf, word

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl"}
DOCUMENT_SUFFIXES = {".pdf", ".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | DOCUMENT_SUFFIXES
MAX_FILE_BYTES = 20 * 1024 * 1024

HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "published": "published",
    "published_at": "published",
    "date": "published",
    "url": "url",
    "link": "url",
    "author": "author",
    "category": "category",
}
JSON_TEXT_KEYS = ("body", "text", "content", "article", "maintext")


@dataclass
class Article:
    """One article. `path` is relative to the indexed folder (with `#n` for JSON records)."""

    path: str
    title: str
    text: str
    source: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) when known
    url: str = ""
    author: str = ""
    content_hash: str = ""
    # [start, end] spans of page furniture: kept in `text`, left out of passages
    furniture: list = field(default_factory=list)
    # character offset where each page starts (PDF; empty for other files)
    pages: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Skipped:
    path: str
    reason: str


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalize_date(value: object) -> str:
    """ISO `YYYY-MM-DD` for the many ways news metadata writes dates; '' when unreadable."""
    if value is None:
        return ""
    text = str(value).strip()
    if not text:
        return ""
    iso = text.replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(iso).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y%m%d"):
        try:
            return datetime.strptime(text[: len(text)], fmt).date().isoformat()
        except ValueError:
            continue
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return datetime(*map(int, match.groups())).date().isoformat()
        except ValueError:
            return ""
    return ""


def decode_text(data: bytes) -> str:
    """Decode bytes as text or raise ValueError with the reason."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    # Legacy single-byte encodings are common in old news archives; accept cp1252 when the
    # result looks like prose (few control characters), otherwise refuse.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError("not valid UTF-8 and not readable as Windows-1252 text") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > max(2, len(text) // 200):
        raise ValueError("not valid UTF-8 (looks like binary data)")
    return text


def _clean_body(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    return text.strip()


def _title_from_name(path: Path) -> str:
    stem = re.sub(r"^\d+[_-]", "", path.stem)
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or path.name


def parse_text_article(raw: str, path: Path) -> dict:
    """Split header lines (`Title: ...`) or front matter (`---`) from the body."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta: dict[str, str] = {}
    body_start = 0
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:60], start=1):
            if line.strip() == "---":
                for header in lines[1:i]:
                    key, _, value = header.partition(":")
                    if key.strip().lower() in HEADER_KEYS and value.strip():
                        meta[HEADER_KEYS[key.strip().lower()]] = value.strip().strip("\"'")
                body_start = i + 1
                break
    else:
        i = 0
        while i < min(len(lines), 20):
            key, sep, value = lines[i].partition(":")
            if not sep or key.strip().lower() not in HEADER_KEYS:
                break
            if value.strip():
                meta[HEADER_KEYS[key.strip().lower()]] = value.strip()
            i += 1
        if meta and (i == len(lines) or not lines[i].strip()):
            body_start = i
        else:
            meta = {"page_copy": "yes"}
    body = "\n".join(lines[body_start:])
    if "title" not in meta:
        for line in body.split("\n")[:5]:
            heading = re.match(r"^#\s+(.+)$", line.strip())
            if heading:
                meta["title"] = heading.group(1).strip()
                meta["heading"] = "yes"
                break
    meta.setdefault("title", _title_from_name(path))
    meta["text"] = body
    return meta


def _read_page_copy(article: Article) -> None:
    """A text file without header lines is taken as a page saved from a browser: title,
    date and byline from its lines, page furniture marked to stay out of passages."""
    spans, found = furniture.find(article.text)
    article.furniture = [list(span) for span in spans]
    if found.get("title"):
        article.title = found["title"][:500]
    article.source = found.get("source", "")[:200]
    article.published = normalize_date(found.get("published"))
    article.author = found.get("author", "")[:300]


def parse_json_record(record: object) -> dict:
    if not isinstance(record, dict):
        raise ValueError("JSON value is not an object with article fields")
    lowered = {str(k).lower(): v for k, v in record.items()}
    text = next((lowered[k] for k in JSON_TEXT_KEYS if isinstance(lowered.get(k), str)), None)
    if not text or not text.strip():
        raise ValueError(f"JSON object has no text field (one of {', '.join(JSON_TEXT_KEYS)})")
    meta = {"text": text}
    for key, target in HEADER_KEYS.items():
        value = lowered.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip() and target not in meta:
            meta[target] = str(value).strip()
    return meta


def _make_article(rel: str, meta: dict, digest: str, fallback_title: str) -> Article | None:
    text = _clean_body(meta.get("text", ""))
    if not text:
        return None
    return Article(
        path=rel,
        title=(meta.get("title") or fallback_title).strip()[:500],
        text=text,
        source=meta.get("source", "").strip()[:200],
        published=normalize_date(meta.get("published")),
        url=meta.get("url", "").strip()[:2000],
        author=meta.get("author", "").strip()[:300],
        content_hash=digest,
    )


def _json_records(raw: str, suffix: str) -> list:
    """The records of a .json file (an object or a list) or a .jsonl file (one per line)."""
    if suffix == ".json":
        try:
            value = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ValueError(f"invalid JSON ({exc.__class__.__name__})") from None
        return value if isinstance(value, list) else [value]
    records = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except (json.JSONDecodeError, RecursionError):
                raise ValueError(f"invalid JSON on line {number}") from None
    return records


def _json_articles(records: list, rel: str, digest: str, fallback_title: str) -> list[Article]:
    articles, errors = [], []
    for number, record in enumerate(records):
        try:
            meta = parse_json_record(record)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        record_rel = rel if len(records) == 1 else f"{rel}#{number}"
        record_hash = digest if len(records) == 1 else content_hash(
            json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        article = _make_article(record_rel, meta, record_hash, fallback_title)
        if article is not None:
            articles.append(article)
    if not articles:
        raise ValueError(errors[0] if errors else "no articles in the JSON")
    return articles


def _join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """Cleaned pages joined by blank lines, and the offset where each page starts."""
    text, starts = "", []
    for page in pages:
        page = _clean_body(page)
        if text and page:  # a paragraph running on over the page break stays one paragraph
            text += " " if not re.search(r"[.!?:\"”’)]$", text) else "\n\n"
        starts.append(len(text))
        text += page
    return text, starts


def _dateline(paragraphs: list[str]) -> tuple[str, str]:
    """(date, outlet) from a dateline among the first short lines ('Harbor Ledger · June 21,
    2024'): a date standing on its own line, not one inside a sentence, and the name beside it."""
    for paragraph in paragraphs[:6]:
        match = furniture.DATE.search(paragraph)
        if match and len(paragraph.split()) <= 12:
            published = normalize_date(re.sub(r"(?<=[A-Za-z])\.", "", match.group(0)))
            rest = (paragraph[:match.start()] + " " + paragraph[match.end():]).strip(" ·|,-–—")
            rest = furniture.DATE_LABEL.sub("", rest).strip(" ·|,-–—:")
            named = 0 < len(rest.split()) <= 5 and rest[:1].isupper() and not rest.endswith(".")
            return published, rest if named else ""
    return "", ""


def _first_line_title(paragraphs: list[str]) -> str:
    first = paragraphs[0].strip() if paragraphs else ""
    return first if 0 < len(first) <= 300 and not first.endswith(".") else ""


def _document_article(rel: str, digest: str, pages: list[str], meta: dict,
                      fallback_title: str) -> Article:
    """A PDF (one text per page) or Word document (one page) as an article."""
    text, starts = _join_pages(pages)
    if not text:
        raise ValueError("no text in the document")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    title = meta.get("title") or meta.get("heading") or _first_line_title(paragraphs)
    published, outlet = _dateline(paragraphs)
    return Article(
        path=rel, title=(title or fallback_title)[:500], text=text, source=outlet[:200],
        published=published or normalize_date(meta.get("published")),
        author=meta.get("author", "")[:300], content_hash=digest,
        pages=starts if len(starts) > 1 else [])


def read_file(path: Path, rel: str, data: bytes | None = None) -> list[Article]:
    """Articles in one file. Raises ValueError with a user-facing reason when unusable."""
    if data is None:
        data = path.read_bytes()
    digest = content_hash(data)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        meta = pdf.read(data)
        return [_document_article(rel, digest, meta["pages"], meta, _title_from_name(path))]
    if suffix == ".docx":
        meta = word.read(data)
        return [_document_article(rel, digest, ["\n\n".join(meta["paragraphs"])], meta,
                                  _title_from_name(path))]
    raw = decode_text(data)
    fallback_title = _title_from_name(path)
    if suffix in TEXT_SUFFIXES:
        meta = parse_text_article(raw, path)
        article = _make_article(rel, meta, digest, fallback_title)
        if article is None:
            raise ValueError("no article text after the header")
        if meta.get("page_copy") and not meta.get("heading"):
            _read_page_copy(article)
        return [article]
    if suffix in HTML_SUFFIXES:
        meta = html_text.extract(raw)
        article = None if meta is None else _make_article(rel, meta, digest, fallback_title)
        if article is None:
            raise ValueError("no main text found in the HTML")
        return [article]
    return _json_articles(_json_records(raw, suffix), rel, digest, fallback_title)


def iter_files(folder: Path) -> Iterator[tuple[Path, str]]:
    """Supported files under `folder` (sorted, symlink loops and hidden files avoided)."""
    seen_dirs: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            yield path, path.relative_to(folder).as_posix()


def scan_folder(folder: Path, on_file: Callable[[str], None] | None = None
                ) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Files to read and files skipped up front (unsupported type, too large, unreadable)."""
    if not folder.is_dir():
        raise FileNotFoundError(f"not a folder: {folder}")
    candidates, skipped = [], []
    for path, rel in iter_files(folder):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            skipped.append(Skipped(rel, f"unsupported file type '{path.suffix or '(none)'}'"))
            continue
        try:
            size = path.stat().st_size
        except OSError as exc:
            skipped.append(Skipped(rel, f"unreadable ({exc.strerror or exc})"))
            continue
        if size > MAX_FILE_BYTES:
            skipped.append(Skipped(rel, f"too large ({size // (1024 * 1024)} MB > "
                                        f"{MAX_FILE_BYTES // (1024 * 1024)} MB)"))
            continue
        candidates.append((path, rel))
    return candidates, skipped
