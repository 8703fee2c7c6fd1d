"""Pages saved from a browser as text: title, date and byline from their lines, page
furniture kept in the stored text but never in a passage."""

import random

import pytest
from conftest import MULTIHOP, SEED_FOLDER
from fakes import FakeEmbedder

from newsdesk.eval import pages
from newsdesk.index import store
from newsdesk.ingest import furniture
from newsdesk.ingest.chunking import chunk_text, split_sentences, whitespace_token_counter
from newsdesk.ingest.readers import read_file
from newsdesk.ingest.sync import build_index

PAGE = """Rates hold steady as inflation cools | The Harbor Ledger
Skip to main content
Home > Business > Economy
Published March 4, 2024
By ANA LOPEZ, The Harbor Ledger
Share on Facebook
Facebook Twitter Email
The central bank building in Harbor City. (Photo: Getty Images)
The central bank building in Harbor City. (Photo: Getty Images)

The central bank kept its main rate at 4 percent on Monday, saying inflation had cooled for a third month.
Advertisement
Officials said they would sign up to a review of how the bank uses cookies of data in its models.

Related Articles
Bank chief warns on housing
Markets rally after jobs report

Economists expect a cut by the summer if prices keep easing.
We use cookies to improve your experience on our site.
To post comments, please log in.
© 2024 The Harbor Ledger. All rights reserved.
"""
FURNITURE = ["Skip to main content", "Home > Business > Economy", "Published March 4, 2024",
             "By ANA LOPEZ", "Share on Facebook", "Facebook Twitter Email", "(Photo: Getty Images)",
             "Advertisement", "Related Articles", "Bank chief warns", "Markets rally",
             "We use cookies to improve", "please log in", "All rights reserved"]
BODY = ["The central bank kept its main rate at 4 percent on Monday",
        "Officials said they would sign up to a review of how the bank uses cookies",
        "Economists expect a cut by the summer"]


def _passages(article, max_tokens=40):
    return chunk_text(article.text, whitespace_token_counter, max_tokens, 1,
                      skip=article.furniture)


def test_a_page_copy_gets_its_metadata_and_loses_its_furniture(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_file(path, "page.txt")
    assert (article.title, article.source, article.published, article.author) == (
        "Rates hold steady as inflation cools", "The Harbor Ledger", "2024-03-04", "Ana Lopez")
    assert article.text == PAGE.strip()  # the stored text is whole
    chunks = _passages(article)
    joined = "\n".join(c.text for c in chunks)
    assert all(article.text[c.start:c.end] == c.text for c in chunks)
    assert not [f for f in FURNITURE if f in joined]
    assert all(b in joined for b in BODY)


def test_files_with_headers_and_one_line_files_are_left_as_they_were(tmp_path):
    headed = tmp_path / "headed.txt"
    headed.write_text("Title: T\n\nAdvertisement\nBody sentence one.", encoding="utf-8")
    assert read_file(headed, "headed.txt")[0].furniture == []
    one = tmp_path / "one.txt"
    one.write_text("Share this", encoding="utf-8")
    [article] = read_file(one, "one.txt")
    assert _passages(article) and article.furniture == []


def test_no_passage_reaches_across_furniture():
    text = "First body sentence here.\nShare on Twitter\nSecond body sentence here."
    chunks = chunk_text(text, whitespace_token_counter, 100, 1, skip=[(26, 42)])
    assert [c.text for c in chunks] == ["First body sentence here.", "Second body sentence here."]


def test_the_index_keeps_the_full_text_and_indexes_only_the_story(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    build_index(folder, tmp_path / "idx", FakeEmbedder())
    data = store.load(tmp_path / "idx")
    assert data.articles[0]["text"] == PAGE.strip()
    stored = "\n".join(c.text for c in data.chunks)
    assert "Advertisement" not in stored and "Economists expect a cut" in stored


SEED_FURNITURE = ["Home > National > Defense", "print dictionary print", "기자 사진", "• LIM JEONG-WON",
                  "[EPA/YONHAP]", "Related Article", "BY LIM JEONG-WON", "Log in to Twitter",
                  "with the Korea JoongAng Daily", "help-image", "lock icon",
                  "To write comments", "Standards Board Policy"]


@pytest.mark.skipif(not SEED_FOLDER.is_dir(), reason="../shared/seed is absent")
def test_the_seed_page():
    path = next(SEED_FOLDER.glob("*.txt"))
    [article] = read_file(path, path.name)
    assert article.title == path.read_text(encoding="utf-8").splitlines()[0].strip()
    assert article.author == "Lim Jeong-won"
    chunks = _passages(article, 200)
    joined = "\n".join(c.text for c in chunks)
    assert not [f for f in SEED_FURNITURE if f in joined]
    # the story's paragraphs: long lines ending like a sentence (captions end in a credit)
    body = [line.strip() for line in article.text.splitlines()
            if len(line.split()) >= 15 and line.strip()[-1] in ".\"”"]
    sentences = [line[s:e] for line in body for s, e in split_sentences(line)]
    assert len(body) == 11 and all(any(x in c.text for c in chunks) for x in sentences)
    assert all(article.text[c.start:c.end] == c.text for c in chunks)


@pytest.mark.skipif(not (MULTIHOP / "articles").is_dir(), reason="MultiHop-RAG is absent")
def test_generated_page_copies(tmp_path):
    figures = pages.run(MULTIHOP / "articles", tmp_path, count=36, seed=7)
    assert figures["files"] >= 30 and figures["furniture_lines"] > 300
    assert figures["furniture_in_passages"] == 0
    assert figures["body_sentences_lost"] == 0
    assert figures["wrong_title"] == figures["wrong_date"] == figures["wrong_author"] == 0


def test_rules_are_general_not_fitted_to_one_page():
    lines = furniture.split_lines("Most read\nA headline about rates\nShare via WhatsApp\n---\n"
                                  "Sign up for our daily briefing newsletter here.")
    assert [furniture.line_rule(line) for line in lines[2:]] == ["widget", "separator", "prompt"]
    rng = random.Random(0)
    page = pages.make_page_copy({"title": "A title here", "source": "Wire", "published": "2024-01-02",
                                 "text": "One body sentence that is long enough to count.\n"
                                         "Another body sentence that is long enough too."},
                                ["Other headline one", "Other headline two"], rng)
    assert page.furniture and len(page.sentences) == 2
