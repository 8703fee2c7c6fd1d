"""What the web chat lets a visitor do when it is shared: which links are links, which
folders may be indexed, and how uploaded files are saved."""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from newsdesk.errors import BadInputError
from newsdesk.ingest.readers import SUPPORTED_SUFFIXES


def is_web_link(url: str) -> bool:
    """True for an http(s) URL with a host; `javascript:`, `data:`, `vbscript:` and anything
    else an article may claim is shown as text, never as a link."""
    url = (url or "").strip()
    if not url or any(ord(ch) < 33 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def folder_box_shown(host: str, roots: tuple[Path, ...]) -> bool:
    """The 'index this folder' box: under library roots when set; with none, only for a
    chat served on this machine alone."""
    return bool(roots) or is_loopback(host)


def allowed_folder(typed: str, host: str, roots: tuple[Path, ...]) -> Path:
    """The folder a visitor typed, resolved (symlinks followed, '..' applied), when it lies
    under a library root; BadInputError with the reason otherwise."""
    typed = (typed or "").strip()
    if not typed:
        raise BadInputError("Type the path of a folder of articles first.")
    if not roots:
        if not is_loopback(host):
            raise BadInputError("Indexing a folder from the web is off on a shared server; "
                                "start it with --library-root DIR to allow folders under DIR.")
        return Path(typed).expanduser()
    path = Path(typed).expanduser()
    candidate = path if path.is_absolute() else roots[0] / path
    resolved = candidate.resolve()
    if not _inside(resolved, roots):
        raise BadInputError(f"{typed} is not inside a library folder "
                            f"({', '.join(str(r) for r in roots)}).")
    escaping = links_out_of(resolved, roots)
    if escaping:
        raise BadInputError(f"{typed} holds links to places outside the library folder: "
                            f"{', '.join(escaping[:5])}.")
    return resolved


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root.resolve() or path.is_relative_to(root.resolve()) for root in roots)


def links_out_of(folder: Path, roots: tuple[Path, ...], limit: int = 100_000) -> list[str]:
    """Symbolic links under `folder` that lead outside every root (the indexer follows links)."""
    escaping, seen = [], 0
    for current, dirs, files in os.walk(folder):
        for name in dirs + files:
            seen += 1
            path = Path(current) / name
            if path.is_symlink() and not _inside(path.resolve(), roots):
                escaping.append(path.relative_to(folder).as_posix())
        if seen > limit:
            break
    return escaping


@dataclass
class UploadReport:
    added: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # "name: reason"

    def message(self, target: Path) -> str:
        lines = []
        if self.added:
            lines.append(f"Added {', '.join(self.added)} to `{target}`.")
        if self.rejected:
            lines.append("Not added: " + "; ".join(self.rejected) + ".")
        return " ".join(lines)


def safe_name(name: str) -> str:
    return re.sub(r"[^\w.\- ]", "_", Path(name).name)[:120].strip(" .") or "upload.txt"


def free_name(target: Path, name: str, data: bytes) -> tuple[str, bool]:
    """(name to save under, already there): the same bytes under the same name are not saved
    twice; a different file of that name keeps its place and the upload gets 'name (2).ext'."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, number = name, 1
    while (target / candidate).exists():
        if (target / candidate).is_file() and (target / candidate).read_bytes() == data:
            return candidate, True
        number += 1
        candidate = f"{stem} ({number}){suffix}"
    return candidate, False


def save_uploads(files: list[Path], target: Path, max_mb: float) -> UploadReport:
    """Copy uploaded files into `target`: supported types only, each at most `max_mb` MB,
    never over a different existing file."""
    report = UploadReport()
    target.mkdir(parents=True, exist_ok=True)
    for src in files:
        name = safe_name(src.name)
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            report.rejected.append(f"{name}: unsupported file type "
                                   f"'{Path(name).suffix or '(none)'}' (use "
                                   f"{' '.join(sorted(SUPPORTED_SUFFIXES))})")
            continue
        size = src.stat().st_size
        if size > max_mb * 1024 * 1024:
            report.rejected.append(f"{name}: too large ({size / 1024 / 1024:.1f} MB; the limit "
                                   f"is {max_mb:g} MB, --max-upload-mb)")
            continue
        data = src.read_bytes()
        saved, present = free_name(target, name, data)
        if not present:
            with open(target / saved, "xb") as handle:  # never overwrite
                handle.write(data)
        report.added.append(saved if saved == name else f"{name} (saved as {saved})")
    return report
