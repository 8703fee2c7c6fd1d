"""Page furniture in a news page saved as text: the lines that are not the article.

A browser's "save as text" keeps everything around the story: navigation and breadcrumbs,
share/print widgets, the byline block, photo captions (often twice), "Related articles"
lists, comment boxes, cookie and newsletter prompts, the footer. `find` marks those lines
with general rules (widget vocabulary, repeated lines, prompt phrases, separators, and the
short non-sentence lines before the story starts and after it ends); the text itself is kept
whole, so passages cut around the marked lines stay exact spans of the stored text.
`metadata` reads the title (first line), a stated date and the byline from the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WIDGET_WORDS = frozenset("""
home menu search skip content navigation nav main print dictionary share shares sharing
email e-mail mail tweet twitter facebook linkedin whatsapp pinterest reddit telegram x
copy link links comment comments icon image images photo photos video videos gallery
save saved bookmark listen audio font size text a+ a- close open toggle subscribe
newsletter newsletters login log sign up register account profile help social
advertisement ad ads sponsored promoted related read more next previous prev back top
follow us on app download world business politics sport sports tech technology science
health entertainment opinion culture national international local life lifestyle travel
markets economy defense defence podcasts podcast latest trending popular news live
weather breaking edition lock policy feedback contact about cookies settings privacy terms
| · • - – — & view all see full story page articles article
""".split())

STOP_WORDS = frozenset("the of and to on in a an us our for with this by at or your is".split())

PROMPT_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    r"^(please )?(log|sign) ?(in|on|up)\b",
    r"\bplease (log|sign) ?in\b",
    r"\bto (write|post|leave|add|view|read) (a |the )?comments?\b",
    r"\b(we|this (web)?site|our site) uses? cookies\b",
    r"\b(accept|reject|manage) (all )?cookies\b",
    r"\bcookie (policy|settings|preferences)\b",
    r"\bsign up for (our|the)\b.*\b(newsletter|emails?|alerts?|briefing)\b",
    r"\b(subscribe|register) (now|today|to (our|the))\b",
    r"\b(delivered|straight) to your inbox\b",
    r"\ball rights reserved\b",
    r"^(©|\(c\)|copyright\b)",
    r"\bterms of (use|service)\b.*\bprivacy\b|\bprivacy policy\b.*\bterms\b",
    r"^(advertisement|sponsored content|story continues below)\b",
    r"^share (this|on|via|the)\b",
    r"^follow us\b",
    r"\bcomments? (policy|guidelines|are closed|section)\b",
    r"^(reporting|additional reporting|editing) by\b",
    r"\byour (email|e-mail) address\b",
    r"^click here\b",
)]
RELATED_HEADING = re.compile(
    r"^(related|recommended|more (from|on|stories|news|in)|read (more|next|also)|see also|"
    r"also read|trending|most (read|popular|viewed)|popular|you (may|might) (also )?like|"
    r"top stories|latest (news|stories)|what to read next)\b", re.IGNORECASE)
BREADCRUMB_SEP = re.compile(r"\s(?:>|›|»|/|\||·|•)\s")
CAPTION = re.compile(
    r"\[[A-Z][A-Za-z0-9/.&'-]*( [A-Za-z0-9/.&'-]+){0,3}\]$|"
    r"\((top |file )?(photo|image|picture|credit)[^)]*\)$|"
    r"^(photo|photograph|image|picture|credit|caption|pictured)s?\s*(:|by\b)|"
    r"\b(photo|photograph|image|picture|credit)s?\s*:\s*[^.:]{2,60}$|"
    r"(getty images|ap photo|shutterstock|afp via getty|/ ?reuters|/ ?ap)\s*\)?$",
    re.IGNORECASE)
BYLINE = re.compile(r"^(by|By|BY|Written by|Story by|Words by)\s+"
                    r"(?P<who>[A-Z][\w'’.-]*(\s+[A-Z][\w'’.-]*){0,3})"
                    r"(\s*(,|\||—|–| - )\s*(?P<outlet>[^\[\(]+?))?\s*(\[.*\]|\(.*\))?$")
COUNTER = re.compile(r"\(\s*\d+\s*/\s*\d+")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
DATE = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}|(?:{MONTHS})\.? \d{{1,2}},? \d{{4}}|"
    rf"\d{{1,2}} (?:{MONTHS})\.? \d{{4}})\b", re.IGNORECASE)
DATE_LABEL = re.compile(r"^(published|updated|posted|last updated|date|first published)\b",
                        re.IGNORECASE)
TITLE_SUFFIX = re.compile(
    r"^(?P<title>.{15,}?)\s+(?:\||–|—|-|::)\s+(?P<site>[A-Z0-9][^|–—:]{1,39})$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def words(self) -> list[str]:
        return self.text.split()


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped text."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def is_prose(line: Line) -> bool:
    """A line that reads as sentences: ends like one, or is too long to be a label."""
    return bool(SENTENCE_END.search(line.text)) or len(line.words) >= 15


def _widget_share(line: Line) -> float:
    words = [w.strip(".,:;!?()[]'\"").lower() for w in line.words]
    words = [w for w in words if w and w not in STOP_WORDS]
    if not words:
        return 0.0
    return sum(w in WIDGET_WORDS for w in words) / len(words)


def _is_breadcrumb(line: Line) -> bool:
    parts = BREADCRUMB_SEP.split(line.text)
    arrows = any(mark in line.text for mark in "›»>")
    return len(parts) >= (2 if arrows else 3) and all(0 < len(p.split()) <= 4 for p in parts) \
        and not SENTENCE_END.search(line.text)


def line_rule(line: Line) -> str:
    """The rule a single line breaks on its own ('' when none)."""
    text, n = line.text, len(line.words)
    letters = sum(ch.isalnum() for ch in text)
    if letters <= 2:
        return "separator"
    if n <= 12 and (BYLINE.match(text) or EMAIL.search(text)):
        return "byline"
    if n <= 8 and _widget_share(line) >= 0.6:
        return "widget"
    if _is_breadcrumb(line):
        return "breadcrumb"
    if n <= 30 and any(p.search(text) for p in PROMPT_PATTERNS):
        return "prompt"
    if COUNTER.search(text) and n <= 8:
        return "counter"
    if n <= 40 and CAPTION.search(text):
        return "caption"
    if n <= 10 and DATE.search(text) and (DATE_LABEL.match(text) or not is_prose(line)):
        return "dateline"
    return ""


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _mark_repeats(lines: list[Line], marks: list[str]) -> None:
    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = _normal(line.text)
        if len(key.split()) >= 3 and key in seen:
            marks[i] = marks[i] or "repeat"
        seen.add(key)


def _mark_related_lists(text: str, lines: list[Line], marks: list[str]) -> None:
    """A 'Related articles' heading and the headlines under it: lines that do not end like
    a sentence, or end in '?' right under the line before (no blank line between)."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line.words) <= 10 and RELATED_HEADING.match(line.text) and not is_prose(line):
            marks[i] = marks[i] or "related"
            i += 1
            while i < len(lines) and len(lines[i].words) <= 30 and (
                    not SENTENCE_END.search(lines[i].text) or (
                        lines[i].text.endswith("?")
                        and "\n\n" not in text[lines[i - 1].end:lines[i].start])):
                marks[i] = marks[i] or "related"
                i += 1
            continue
        i += 1


def _mark_edges(lines: list[Line], marks: list[str], keep: int | None) -> None:
    """Short non-sentence lines before the story's first sentence line and after its last."""
    body = [i for i, line in enumerate(lines)
            if not marks[i] and i != keep and is_prose(line) and len(line.words) >= 6]
    if not body:
        return
    for i, line in enumerate(lines):
        if (i < body[0] or i > body[-1]) and not marks[i] and i != keep and not is_prose(line):
            marks[i] = "edge"


def _mark_sandwiched(lines: list[Line], marks: list[str]) -> None:
    """A short non-sentence line between two furniture lines (a wrapped widget label)."""
    for i in range(1, len(lines) - 1):
        if not marks[i] and marks[i - 1] and marks[i + 1] and not is_prose(lines[i]) \
                and len(lines[i].words) <= 8:
            marks[i] = "between"


def title_line(lines: list[Line], marks: list[str]) -> int | None:
    """The first line no single-line rule marks, when it reads as a headline (not a sentence
    ending in a full stop): a saved page starts with its title."""
    for i, line in enumerate(lines[:15]):
        if not marks[i]:
            headline = len(line.text) <= 300 and not line.text.endswith(".") \
                and len(line.words) >= 2 and i + 1 < len(lines)
            return i if headline else None
    return None


def find(text: str) -> tuple[list[tuple[int, int]], dict]:
    """(furniture spans, metadata) for a page saved as text."""
    lines = split_lines(text)
    marks = [line_rule(line) for line in lines]
    title = title_line(lines, marks)
    meta = metadata(lines, marks, title)
    _mark_repeats(lines, marks)
    _mark_related_lists(text, lines, marks)
    _mark_edges(lines, marks, title)
    _mark_sandwiched(lines, marks)
    if title is not None:
        marks[title] = "title"
    if all(marks):  # nothing left to index: better the whole text than no passages
        return [], meta
    return [(line.start, line.end) for line, mark in zip(lines, marks) if mark], meta


def metadata(lines: list[Line], marks: list[str], title: int | None) -> dict:
    """Title (and a site named after it), a stated date, byline author and outlet."""
    meta: dict[str, str] = {}
    if title is not None:
        text = re.sub(r"^#+\s*", "", lines[title].text)
        suffix = TITLE_SUFFIX.match(text)
        if suffix and len(suffix.group("site").split()) <= 5:
            meta["title"], meta["source"] = suffix.group("title"), suffix.group("site").strip()
        else:
            meta["title"] = text
    for line, mark in zip(lines, marks):
        if mark == "dateline" and "published" not in meta:
            meta["published"] = re.sub(r"(?<=[A-Za-z])\.", "", DATE.search(line.text).group(0))
        byline = BYLINE.match(line.text) if mark == "byline" else None
        if byline and "author" not in meta:
            meta["author"] = _name_case(byline.group("who").strip())
            if byline.group("outlet") and "source" not in meta:
                meta["source"] = byline.group("outlet").strip()
        if mark == "prompt" and "source" not in meta:
            owner = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<o>[^.|]{2,60})",
                             line.text, re.IGNORECASE)
            if owner:
                meta["source"] = owner.group("o").strip()
    return meta


def _name_case(name: str) -> str:
    """'LIM JEONG-WON' -> 'Lim Jeong-Won'; names already in mixed case are kept."""
    return " ".join(w.capitalize() for w in name.split()) if name.isupper() else name
