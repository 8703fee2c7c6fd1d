"""The web chat's time controls as plain functions (web.py wires them to Gradio): the as-of
date checked, and a story's timeline as HTML for the Timeline tab, one item per article,
oldest first, with its date, outlet, title and the quoted sentence it added. Article text is
untrusted: everything is escaped."""

from __future__ import annotations

import html
from typing import Sequence

from newsdesk.answer.timeline import TimelineEntry
from newsdesk.errors import NewsdeskError
from newsdesk.question.timeframe import readable
from newsdesk.search.filters import SearchFilters
from newsdesk.settings import iso_date

CSS = """
.nd-timeline {list-style: none; padding-left: 0; border-left: 2px solid #d0d7de; margin-left: 6px;}
.nd-tl-entry {margin: 0 0 12px 0; padding-left: 12px;}
.nd-tl-date {font-weight: bold; color: #2f81f7;}
.nd-tl-quote {margin: 4px 0 0 0; font-size: 13px; line-height: 1.45;}
.nd-tl-path {color: #57606a; font-size: 12px;}
"""


def timeline_html(entries: Sequence[TimelineEntry], topic: str = "") -> str:
    if not entries:
        return ("<p class='nd-warn' id='nd-timeline-empty'>No articles on this story were found"
                + (f" for “{html.escape(topic)}”" if topic else "") + ".</p>")
    items = []
    for n, e in enumerate(entries, start=1):
        p = e.passage
        when = readable(p.published) if p.published else "Undated"
        items.append(
            f"<li class='nd-tl-entry' data-date='{html.escape(p.published)}'>"
            f"<span class='nd-num'>{n}</span><span class='nd-tl-date'>{html.escape(when)}</span>"
            f" · {html.escape(p.outlet or 'unknown outlet')} · {html.escape(p.title)}"
            f"<p class='nd-tl-quote'>“{html.escape(' '.join(e.sentence.text.split()))}”</p>"
            f"<span class='nd-tl-path'>{html.escape(p.path)}</span></li>")
    return f"<ol class='nd-timeline' id='nd-timeline-list'>{''.join(items)}</ol>"


def timeline_events(runtime, topic: str, outlets_chosen=(), since: str = "",
                    until: str = "", as_of: str = "") -> str:
    """The Timeline tab's HTML for a topic, or a message saying what is wrong."""
    if not (topic or "").strip():
        return "<p class='nd-warn'>Type a story to see its articles in date order.</p>"
    try:
        pinned = checked_as_of(as_of)
        filters = SearchFilters(outlets=tuple(outlets_chosen or ()), date_from=since or "",
                                date_to=until or "")
        assistant = runtime.assistant
        assistant = assistant.pinned(pinned) if pinned else assistant
        return timeline_html(assistant.timeline(topic, filters), topic)
    except NewsdeskError as exc:
        return f"<p class='nd-warn'>⚠️ {html.escape(str(exc))}</p>"


def checked_as_of(as_of: str) -> str:
    """The web control's date, checked; a clear message when it is not YYYY-MM-DD."""
    if not (as_of or "").strip():
        return ""
    try:
        return iso_date(as_of)
    except ValueError:
        raise NewsdeskError(f"“{as_of}” is not a date; write the as-of date as YYYY-MM-DD, "
                            "e.g. 2023-12-01.") from None
