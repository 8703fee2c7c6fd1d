"""News articles printed to PDF by headless Chromium (Playwright), as a person would save a
web page: for the PDF reader's tests and benchmarks/pdf_extraction.py. Nothing is kept."""

from __future__ import annotations

import html
import re
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def article_html(article: dict) -> str:
    """A plain news page: headline, outlet and date line, paragraphs."""
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>"
                         for p in article["text"].split("\n") if p.strip())
    meta = " · ".join(x for x in (article.get("source"), article.get("published")) if x)
    return (f"<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(article['title'])}</title></head><body>"
            f"<h1>{html.escape(article['title'])}</h1><p>{html.escape(meta)}</p>{paragraphs}"
            f"</body></html>")


def reference_text(article: dict) -> str:
    """What a perfect extraction of `article_html` reads, whitespace collapsed."""
    meta = " · ".join(x for x in (article.get("source"), article.get("published")) if x)
    return collapse(f"{article['title']} {meta} {article['text']}")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def print_pdfs(articles: list[dict], folder: Path) -> list[Path]:
    """One PDF per article in `folder` (A4, no browser header or footer)."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page()
            for number, article in enumerate(articles):
                page.set_content(article_html(article))
                path = folder / f"{number:03d}_{Path(article['path']).stem}.pdf"
                path.write_bytes(page.pdf(format="A4"))
                paths.append(path)
        finally:
            browser.close()
    return paths
