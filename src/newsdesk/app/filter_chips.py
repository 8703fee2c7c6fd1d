"""The chat's search filters as chips beside the question box: "outlet: Harbor Ledger",
"since: 2023-10-01", "until: 2023-10-31". Chips are plain strings (what the Gradio
multiselect holds and a conversation saves); this module reads, tidies and writes them, and
finds the chips a question sets by naming an outlet or a date limit."""

from __future__ import annotations

import re
from typing import Iterable

from newsdesk.errors import BadInputError
from newsdesk.question.analysis import named_in
from newsdesk.question.bounds import bound, find_bounds
from newsdesk.search.filters import SearchFilters

OUTLET, SINCE, UNTIL = "outlet", "since", "until"
MAX_CHIP_CHARS = 200
_WORDS = {"outlet": OUTLET, "source": OUTLET, "since": "since", "from": "from",
          "after": "after", "until": "until", "till": "till", "to": "until",
          "through": "through", "before": "before"}
_CHIP = re.compile(r"^(" + "|".join(_WORDS) + r")\b\s*:?\s*(.*)$", re.IGNORECASE)
EXAMPLE = "for example “since 2023-10-01”, “until October 2023” or “outlet: The Verge”"


def chip(kind: str, value: str) -> str:
    return f"{kind}: {value}"


def read_chip(text: str, outlets: Iterable[str] = (), reference: str = "") -> str:
    """One typed or chosen chip in its canonical form; BadInputError says what is wrong.
    A bare outlet name is an outlet chip; dates may be written as a question writes them."""
    text = " ".join(str(text or "").split())[:MAX_CHIP_CHARS]
    known = {o.lower(): o for o in outlets}
    match = _CHIP.match(text)
    if not match:
        if text.lower() in known:
            return chip(OUTLET, known[text.lower()])
        raise BadInputError(f"“{text}” is not a filter: type {EXAMPLE}")
    word, value = _WORDS[match.group(1).lower()], match.group(2).strip()
    if not value:
        raise BadInputError(f"“{text}” names nothing to filter by: type {EXAMPLE}")
    if word == OUTLET:
        if known and value.lower() not in known:
            raise BadInputError(f"No articles from an outlet named “{value}” in this index")
        return chip(OUTLET, known.get(value.lower(), value))
    found = bound(word, value, reference)
    if found is None:
        raise BadInputError(f"“{text}” is not a date: type {EXAMPLE}")
    return chip(*found)


def tidy(chips: Iterable[str], outlets: Iterable[str] = (), reference: str = ""
         ) -> tuple[list[str], list[str]]:
    """(canonical chips, a message per unreadable chip). Outlets appear once; a later date
    chip of the same kind replaces an earlier one (the newest limit is the one meant)."""
    outlets = list(outlets)
    kept: dict[str, str] = {}
    problems = []
    for raw in chips or ():
        try:
            canonical = read_chip(raw, outlets, reference)
        except BadInputError as exc:
            problems.append(str(exc))
            continue
        kind = canonical.split(":", 1)[0]
        key = canonical.lower() if kind == OUTLET else kind
        kept.pop(key, None)
        kept[key] = canonical
    return list(kept.values()), problems


def to_filters(chips: Iterable[str]) -> SearchFilters:
    """The SearchFilters of canonical chips (see `tidy`)."""
    outlets, since, until = [], "", ""
    for item in chips or ():
        kind, _, value = item.partition(": ")
        if kind == OUTLET:
            outlets.append(value)
        elif kind == SINCE:
            since = value
        elif kind == UNTIL:
            until = value
    return SearchFilters(outlets=tuple(outlets), date_from=since, date_to=until)


def from_filters(filters: SearchFilters) -> list[str]:
    chips = [chip(OUTLET, o) for o in filters.outlets]
    if filters.date_from:
        chips.append(chip(SINCE, filters.date_from))
    if filters.date_to:
        chips.append(chip(UNTIL, filters.date_to))
    return chips


def named_chips(question: str, outlet_matcher, reference: str = "") -> list[str]:
    """The chips a question sets: the outlets it names and the date limits it states
    ("What did The Verge report since October?")."""
    named = named_in(question or "", outlet_matcher, reference)
    bounds = find_bounds(question or "", reference)
    return from_filters(SearchFilters(outlets=tuple(named.outlets), date_from=bounds.since,
                                      date_to=bounds.until))


def outlet_choices(outlets: Iterable[str]) -> list[str]:
    """The chips offered in the picker: one per outlet of the index."""
    return [chip(OUTLET, o) for o in sorted(set(outlets))]
