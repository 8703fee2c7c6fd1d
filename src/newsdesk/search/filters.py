"""Hard restrictions on a search: outlets and a publication date range (a person's
filters), or given articles (an answer reading one article through)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchFilters:
    """Restrict results to outlets (case-insensitive), an inclusive ISO date range and/or
    articles (their paths)."""

    outlets: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    articles: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.outlets or self.date_from or self.date_to or self.articles)

    def accepts(self, article: dict) -> bool:
        if self.articles and article.get("path", "") not in self.articles:
            return False
        if self.outlets:
            wanted = {s.strip().lower() for s in self.outlets}
            if article.get("source", "").strip().lower() not in wanted:
                return False
        published = article.get("published", "")
        if self.date_from and (not published or published < self.date_from):
            return False
        if self.date_to and (not published or published > self.date_to):
            return False
        return True

    def in_outlet(self, outlet: str) -> "SearchFilters":
        """These filters, narrowed to one outlet."""
        return SearchFilters(outlets=(outlet,), date_from=self.date_from, date_to=self.date_to,
                             articles=self.articles)

    def in_article(self, path: str) -> "SearchFilters":
        """These filters narrowed to one article."""
        return SearchFilters(outlets=self.outlets, date_from=self.date_from,
                             date_to=self.date_to, articles=(path,))

    def within(self, date_from: str = "", date_to: str = "") -> "SearchFilters":
        """These filters narrowed to a date range ("" leaves that end as it is)."""
        start = max(self.date_from, date_from) if self.date_from and date_from else (
            self.date_from or date_from)
        end = min(self.date_to, date_to) if self.date_to and date_to else (self.date_to or date_to)
        return SearchFilters(outlets=self.outlets, date_from=start, date_to=end,
                             articles=self.articles)
