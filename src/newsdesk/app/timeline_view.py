"""A story's timeline as HTML for the web chat's Timeline tab: one item per article, oldest
first, with its date, outlet, title and the quoted sentence it added. Article text is
untrusted: everything is escaped."""

from __future__ import annotations

import html
from typing import Sequence

from newsdesk.answer.timeline import TimelineEntry
from newsdesk.question.timeframe import readable

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
