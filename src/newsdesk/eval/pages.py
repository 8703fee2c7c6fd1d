"""Page-furniture evaluation: MultiHop-RAG articles dressed up as pages saved from a browser.

Each page copy puts typical furniture of a varied style (navigation, breadcrumbs, share bars,
bylines, datelines, doubled photo captions, "Related articles", ads, comment boxes, cookie
and newsletter prompts, footers) around the article's own paragraphs, remembering where
every furniture line and body sentence is. The figures: furniture lines that end up in a
passage, body sentences no passage holds (both should be 0) and files whose title, date or
byline came out wrong. Run: `python benchmarks/page_furniture.py`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsdesk.ingest.chunking import chunk_text, split_sentences, whitespace_token_counter
from newsdesk.ingest.readers import read_file

NAMES = ["Jane Doe", "Arun Patel", "MARIA GONZALEZ", "Kim Soo-jin", "Tom O'Neill", "Lena Berg"]
NAV = ["Skip to main content", "Home | World | Business | Tech | Sports | Opinion",
       "Menu  Search  Sign in", "Subscribe  Log in", "Latest News  Video  Podcasts"]
SHARE = ["Share", "Facebook Twitter Email", "Share on Facebook", "Share on Twitter",
         "Copy link", "print dictionary print", "A+ A- Print", "Save article", "Listen to article"]
CREDITS = ["[AP/YONHAP]", "(Photo: Getty Images)", "[REUTERS]", "Photo: AFP", "(Image credit: Shutterstock)"]
COMMENTS = ["Comments", "To post comments, please log in.", "Log in to Facebook account to connect",
            "Sign in to leave a comment", "0 comments", "Comment policy"]
PROMPTS = ["We use cookies to improve your experience on our site. By continuing you accept "
           "our cookie policy.", "Accept all cookies",
           "Sign up for our morning newsletter and get the news delivered straight to your inbox.",
           "Subscribe now for unlimited access.", "Advertisement", "Story continues below"]
FOOTERS = ["About us | Contact | Privacy Policy | Terms of Use", "Back to top",
           "© {year} {outlet}. All rights reserved.", "Copyright {year} {outlet}",
           "Follow us on Twitter and Facebook", "Download our app"]
RELATED = ["Related Articles", "Related Article", "More from {outlet}", "Read more", "Recommended"]


@dataclass
class PageCopy:
    """A generated page: its text, where its furniture lines and body sentences are, and
    the metadata a reader should find."""

    text: str
    furniture: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    other_lines: list[tuple[int, int]] = field(default_factory=list)  # body lines not prose
    expected: dict = field(default_factory=dict)


def _is_paragraph(text: str) -> bool:
    """A body paragraph of sentences (not a subheading, list item or in-body ad/credit)."""
    return len(text.split()) >= 8 and text.rstrip("\"'”’)]").endswith((".", "!", "?"))


class _Builder:
    def __init__(self):
        self.page = PageCopy(text="")

    def line(self, text: str, kind: str = "furniture") -> None:
        start = len(self.page.text)
        self.page.text += text + "\n"
        if kind == "furniture":
            self.page.furniture.append((start, start + len(text)))
        elif kind == "body" and _is_paragraph(text):
            self.page.sentences.extend((start + s, start + e) for s, e in split_sentences(text))
        elif kind == "body":
            self.page.other_lines.append((start, start + len(text)))

    def blank(self) -> None:
        self.page.text += "\n"


def _date_styles(day: date) -> list[str]:
    return [f"Published {day:%B} {day.day}, {day.year}", f"Updated: {day.isoformat()} 08:45",
            f"{day:%b}. {day.day}, {day.year} 5:00 a.m. EST", f"Posted {day.day} {day:%B %Y}",
            f"{day:%B} {day.day}, {day.year}"]


def make_page_copy(article: dict, others: list[str], rng: random.Random) -> PageCopy:
    """One page copy of `article` (title, source, published, text) in a style drawn by `rng`."""
    b, outlet = _Builder(), article.get("source") or "The Daily Record"
    for nav in rng.sample(NAV, rng.randint(0, 2)):
        b.line(nav)
    plain = len(outlet) <= 40 and not any(mark in outlet for mark in "|-–—:")
    suffix = rng.choice(["", f" | {outlet}", f" - {outlet}"]) if plain else ""
    b.line(article["title"] + suffix, kind="title")
    b.page.expected = {"title": article["title"], "source": outlet if suffix else None}
    b.blank()
    if rng.random() < 0.7:
        b.line(rng.choice(["Home > {c} > News", "Home › {c}", "News / {c} / Latest"])
               .format(c=(article.get("category") or "World").title()))
    day = date.fromisoformat(article["published"]) if article.get("published") else None
    if day and rng.random() < 0.8:
        b.line(rng.choice(_date_styles(day)))
        b.page.expected["published"] = day.isoformat()
    if rng.random() < 0.8:
        name = rng.choice(NAMES)
        b.line(rng.choice([f"By {name}", f"BY {name.upper()} [{name.split()[0].lower()}@example.com]",
                           f"By {name} | {outlet}"]))
        b.page.expected["author"] = name
    for share in rng.sample(SHARE, rng.randint(1, 3)):
        b.line(share)
    caption = f"A scene related to the story: {article['title'][:60].rstrip()}. {rng.choice(CREDITS)}"
    for _ in range(rng.choice([1, 2])):
        b.line(caption)
    b.blank()
    _body(b, article, others, rng, outlet)
    for extra in rng.sample(COMMENTS + PROMPTS + FOOTERS, rng.randint(3, 6)):
        b.line(extra.format(year=day.year if day else 2024, outlet=outlet))
    return b.page


def _body(b: _Builder, article: dict, others: list[str], rng: random.Random, outlet: str) -> None:
    paragraphs = [p for p in article["text"].split("\n") if p.strip()]
    breaks = set(rng.sample(range(1, max(2, len(paragraphs))), min(2, max(0, len(paragraphs) - 1))))
    for number, paragraph in enumerate(paragraphs):
        if number in breaks:
            if rng.random() < 0.5:
                b.line(rng.choice(RELATED).format(outlet=outlet))
                for headline in rng.sample(others, 2):
                    b.line(headline)
            else:
                b.line(rng.choice(["Advertisement", "Story continues below", "* * *", "ADVERTISEMENT"]))
            b.blank()
        b.line(paragraph.strip(), kind="body")
        b.blank()


def load_articles(folder: Path, count: int) -> list[dict]:
    """`count` MultiHop-RAG articles spread over the folder, as dicts."""
    files = sorted(folder.glob("*.txt"))
    step = max(1, len(files) // count)
    return [read_file(path, path.name)[0].to_dict() for path in files[::step][:count]]


def evaluate(pages: list[PageCopy], read) -> dict:
    """Figures over page copies; `read(text)` returns (article dict, chunks)."""
    figures = {"files": len(pages), "furniture_lines": 0, "furniture_in_passages": 0,
               "body_sentences": 0, "body_sentences_lost": 0, "other_body_lines": 0,
               "other_body_lines_left_out": 0, "wrong_title": 0,
               "wrong_source": 0, "wrong_date": 0, "wrong_author": 0}
    for page in pages:
        article, chunks = read(page.text)
        spans = [(c.start, c.end) for c in chunks]
        figures["furniture_lines"] += len(page.furniture)
        figures["furniture_in_passages"] += sum(
            any(s < ce and cs < e for cs, ce in spans) for s, e in page.furniture)
        figures["body_sentences"] += len(page.sentences)
        passages = [c.text for c in chunks]
        figures["body_sentences_lost"] += len(_missing(page.text, page.sentences, passages))
        figures["other_body_lines"] += len(page.other_lines)
        figures["other_body_lines_left_out"] += len(_missing(page.text, page.other_lines, passages))
        expected = page.expected
        figures["wrong_title"] += article["title"] != expected["title"]
        figures["wrong_source"] += bool(expected["source"]) and article["source"] != expected["source"]
        figures["wrong_date"] += article["published"] != expected.get("published", "")
        figures["wrong_author"] += bool(expected.get("author")) and \
            article["author"].lower() != expected["author"].lower()
    return figures


def _missing(text: str, spans: list[tuple[int, int]], passages: list[str]) -> list[str]:
    """The texts of `spans` no passage holds (a repeated sentence counts once held)."""
    return [text[s:e] for s, e in spans if not any(text[s:e] in p for p in passages)]


def read_page(text: str, folder: Path, name: str = "page.txt"):
    """Read a page copy as newsdesk does and chunk it (200 words, furniture skipped)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    article = read_file(path, name)[0].to_dict()
    chunks = chunk_text(article["text"], whitespace_token_counter, 200, 1,
                        skip=article["furniture"])
    return article, chunks


def run(articles_dir: Path, work: Path, count: int = 36, seed: int = 7) -> dict:
    articles = load_articles(articles_dir, count)
    rng = random.Random(seed)
    titles = [a["title"] for a in articles]
    pages = [make_page_copy(a, [t for t in titles if t != a["title"]], rng) for a in articles]
    return evaluate(pages, lambda text: read_page(text, work))
