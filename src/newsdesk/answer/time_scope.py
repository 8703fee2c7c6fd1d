"""Which articles an answer may use in time: those published on or before the pinned as-of
date, and inside the period a question names; and the notices that say so."""

from __future__ import annotations

from datetime import date, timedelta

from newsdesk.question.timeframe import TimeFrame, readable
from newsdesk.search.filters import SearchFilters


def shift(iso: str, days: int) -> str:
    """The ISO day `days` after (or before) `iso`."""
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def narrowed(filters: SearchFilters | None, as_of: str = "", frame: TimeFrame | None = None
             ) -> SearchFilters | None:
    """The filters narrowed to the as-of date and the question's period. A single named day
    keeps a day either side (a report dated in UTC may be the reader's day before or after)."""
    start, end = "", as_of
    if frame is not None and frame.limited:
        start, frame_end = frame.start, frame.end
        if start and start == frame_end:
            start, frame_end = shift(start, -1), shift(frame_end, 1)
        end = min(filter(None, (end, frame_end)), default="")
    if not (start or end):
        return filters
    return (filters or SearchFilters()).within(start, end)


def notices(as_of: str = "", frame: TimeFrame | None = None) -> list[str]:
    """What the answer was limited to in time, and the anchors that could not be placed."""
    said = []
    if frame is not None and frame.limited:
        said.append(f"Only articles {frame.describe()} were used.")
    elif as_of:
        said.append(f"Only articles published on or before {readable(as_of)} were used.")
    for anchor in (frame.unresolved if frame is not None else ()):
        said.append(f"“{anchor}” names an event, not a date; it was not used to limit the "
                    "articles by date.")
    return said
