"""Outlets named in a question ("according to TechCrunch", "the Verge's report"), matched
against the outlets of the articles in the index."""

from __future__ import annotations

import re
from typing import Iterable


def outlet_aliases(source: str) -> set[str]:
    """Ways a question may name an outlet: 'The Independent - Sports' -> 'The Independent',
    'Independent'; 'Cnbc | World Business News Leader' -> 'Cnbc'."""
    aliases = {source.strip()}
    head = re.split(r"\s+[|\-–:]\s+", source.strip())[0]
    aliases.add(head)
    for name in list(aliases):
        if name.lower().startswith("the ") and len(name) > 8:
            aliases.add(name[4:])
        if name.lower().endswith(".com"):
            aliases.add(name[:-4])
    return {a for a in aliases if len(a) >= 4}


class OutletMatcher:
    def __init__(self, sources: Iterable[str]):
        by_alias: dict[str, list[str]] = {}
        for source in sorted(set(sources)):
            for alias in outlet_aliases(source):
                by_alias.setdefault(alias.lower(), []).append(source)
        # Longest alias first: "FOX News - Lifestyle" wins over "FOX News", and "FOX News"
        # alone stands for every outlet it abbreviates.
        self._patterns: list[tuple[re.Pattern, list[str]]] = []
        for alias in sorted(by_alias, key=lambda a: (-len(a), a)):
            pattern = re.compile(r"(?<![\w])['\"‘“]?" + re.escape(alias) + r"(?![\w])",
                                 re.IGNORECASE)
            self._patterns.append((pattern, by_alias[alias]))

    def find(self, text: str) -> list[str]:
        return self.find_spans(text)[0]

    def find_spans(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        hits: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for pattern, sources in self._patterns:
            for match in pattern.finditer(text):
                start = match.start() + (1 if text[match.start()] in "'\"‘“" else 0)
                if not text[start:start + 1].isupper():
                    continue  # outlets are named with a capital: skip "fortune", "the age"
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                hits.extend((match.start(), source) for source in sources)
        found = list(dict.fromkeys(source for _, source in sorted(hits)))
        return found, taken
