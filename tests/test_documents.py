"""PDF and Word files read as articles; a passage knows its PDF page."""

import io
import statistics
from pathlib import Path

import pytest
from conftest import MULTIHOP
from fakes import FakeEmbedder

from newsdesk.ingest import pdf
from newsdesk.ingest.readers import read_file
from newsdesk.ingest.sync import build_index
from newsdesk.search.retriever import Retriever


def _docx(tmp_path, title="", heading="Harbor bridge reopens", created=None):
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    document.add_paragraph("Harbor Ledger · March 4, 2024")
    document.add_paragraph("The harbor bridge reopened on Monday after two years of repairs.")
    document.add_paragraph("Traffic was light in the morning, officials said.")
    document.core_properties.title = title
    if created:
        document.core_properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "story.docx"
    path.write_bytes(buffer.getvalue())
    return path


def test_word_document_title_from_core_properties_or_first_heading(tmp_path):
    [article] = read_file(_docx(tmp_path, title="Bridge open again"), "story.docx")
    assert article.title == "Bridge open again"
    assert (article.source, article.published) == ("Harbor Ledger", "2024-03-04")
    assert "reopened on Monday after two years" in article.text and article.pages == []
    [article] = read_file(_docx(tmp_path), "story.docx")
    assert article.title == "Harbor bridge reopens"


def test_broken_and_scanned_documents_are_skipped_with_a_reason(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # a page with no text layer, as a scan has
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(folder / "scan.pdf", "wb") as handle:
        writer.write(handle)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (folder / "ok.txt").write_text("Title: Fine\n\nA body sentence.")
    with pytest.raises(ValueError, match="no text layer"):
        read_file(folder / "scan.pdf", "scan.pdf")
    summary = build_index(folder, tmp_path / "idx", FakeEmbedder())
    reasons = {s.path: s.reason for s in summary.skipped}
    assert "no text layer" in reasons["scan.pdf"]
    assert "Word" in reasons["broken.docx"] and "PDF" in reasons["broken.pdf"]
    assert summary.articles == 1


def test_reflow_joins_printed_lines_into_paragraphs():
    text = "Seoul said on\nThursday it would send South Korea-\nRussia talks.\n\nNext paragraph."
    assert pdf.reflow(text) == ("Seoul said on Thursday it would send South Korea-Russia talks."
                                "\n\nNext paragraph.")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """24 MultiHop-RAG articles printed to PDF by Chromium."""
    if not (MULTIHOP / "articles").is_dir():
        pytest.skip("MultiHop-RAG is absent")
    from newsdesk.eval import pdfs
    if not Path(pdfs.CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    from newsdesk.eval.pages import load_articles
    from newsdesk.eval.pdfs import print_pdfs

    articles = load_articles(MULTIHOP / "articles", 24)
    folder = tmp_path_factory.mktemp("pdfs")
    return articles, print_pdfs(articles, folder), folder


@pytest.mark.browser
def test_printed_news_pdfs_read_like_their_articles(printed):
    from rapidfuzz import fuzz

    from newsdesk.eval.pdfs import collapse, reference_text

    articles, paths, _ = printed
    scores = []
    for article, path in zip(articles, paths):
        [read] = read_file(path, path.name)
        assert read.title == article["title"] and read.published == article["published"]
        scores.append(fuzz.ratio(collapse(read.text), reference_text(article)) / 100)
    assert len(scores) >= 20 and min(scores) >= 0.95, statistics.mean(scores)


@pytest.mark.browser
def test_a_passage_names_its_page(printed, tmp_path):
    _, paths, folder = printed
    build_index(folder, tmp_path / "idx", FakeEmbedder())
    retriever = Retriever.load(tmp_path / "idx", FakeEmbedder())
    multi = [row for row, a in enumerate(retriever.data.articles) if len(a.get("pages", [])) >= 2]
    assert multi
    article = retriever.data.articles[multi[0]]
    chunks = [c for c in retriever.data.chunks if c.article == multi[0]]
    last = retriever.passage(chunks[-1].id)
    first = retriever.passage(chunks[0].id)
    assert first.page == 1 and last.page >= 2
    starts = article["pages"] + [len(article["text"])]
    assert starts[last.page - 1] <= last.start < starts[last.page]
    from newsdesk.answer.result import Source
    from newsdesk.app.web import sources_html

    assert Source(1, last).to_dict()["page"] == last.page
    assert f"p. {last.page}" in sources_html([Source(1, last)])
