import json

import pytest

from newsdesk.ingest.readers import decode_text, normalize_date, read_file, scan_folder


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_header_lines_become_metadata(tmp_path):
    path = write(tmp_path, "a.txt", "Title: Seoul sends aid\nSource: Harbor Ledger\n"
                 "Published: 2023-10-02T14:00:29+00:00\nURL: https://x.org/a\n\nBody text here.")
    [article] = read_file(path, "a.txt")
    assert (article.title, article.source, article.published, article.url) == (
        "Seoul sends aid", "Harbor Ledger", "2023-10-02", "https://x.org/a")
    assert article.text == "Body text here."


def test_front_matter_and_markdown_title(tmp_path):
    path = write(tmp_path, "b.md", "---\ntitle: \"Hello\"\noutlet: Wire\ndate: 12 March 2024\n---\n\nText.")
    [article] = read_file(path, "b.md")
    assert (article.title, article.source, article.published, article.text) == (
        "Hello", "Wire", "2024-03-12", "Text.")
    path = write(tmp_path, "c.md", "# A heading\n\nSome text.")
    assert read_file(path, "c.md")[0].title == "A heading"


def test_plain_text_without_header_keeps_first_line(tmp_path):
    path = write(tmp_path, "03_some-story.txt", "Note: this line is body, not a header.\nMore.")
    [article] = read_file(path, "03_some-story.txt")
    assert article.text.startswith("Note: this line")
    assert article.title == "Some story"


def test_json_and_jsonl(tmp_path):
    records = [{"title": "One", "body": "First text.", "source": "A", "published_at": "2023-01-02"},
               {"headline": "Two", "content": "Second text."}]
    path = write(tmp_path, "x.json", json.dumps(records))
    articles = read_file(path, "x.json")
    assert [a.title for a in articles] == ["One", "Two"]
    assert [a.path for a in articles] == ["x.json#0", "x.json#1"]
    assert articles[0].published == "2023-01-02"
    path = write(tmp_path, "y.jsonl", "\n".join(json.dumps(r) for r in records))
    assert len(read_file(path, "y.jsonl")) == 2


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"   \n", "empty"),
    ("bin.txt", b"\x00\x01\x02abc" * 10, "binary"),
    ("notart.json", b'{"a": 1}', "no text field"),
    ("list.json", b"[1, 2, 3]", "not an object"),
    ("bad.json", b"{not json", "invalid JSON"),
    ("nobody.html", b"<html><head><title>x</title></head></html>", "no main text"),
])
def test_bad_files_raise_a_reason(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    with pytest.raises(ValueError, match=reason):
        read_file(path, name)


def test_legacy_encoding_is_decoded():
    assert decode_text("café – naïve".encode("cp1252")) == "café – naïve"


def test_html_main_text_without_boilerplate(tmp_path):
    page = """<html><head><title>Big story | Paper</title>
    <meta property="og:site_name" content="The Paper">
    <meta property="article:published_time" content="2024-05-20T09:00:00+00:00"></head>
    <body><nav>Home | World | Subscribe now</nav><article><h1>Big story</h1>
    <p>The council approved a budget of four million dollars for road repairs on Monday after a long debate.</p>
    <p>Work on the first roads will start in June, officials said, and should finish by winter.</p>
    </article><div class="share">Share on Facebook</div><footer>All rights reserved</footer></body></html>"""
    [article] = read_file(write(tmp_path, "p.html", page), "p.html")
    assert "four million dollars" in article.text
    assert "Subscribe" not in article.text and "Share on Facebook" not in article.text
    assert article.source == "The Paper" and article.published == "2024-05-20"


def test_scan_reports_unsupported_and_avoids_symlink_loops(tmp_path):
    write(tmp_path, "a.txt", "hello world")
    write(tmp_path, "b.pdf2", "x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    files, skipped = scan_folder(tmp_path)
    assert [rel for _, rel in files] == ["a.txt"]
    assert skipped[0].path == "b.pdf2" and "unsupported" in skipped[0].reason


@pytest.mark.parametrize("raw,expected", [
    ("2023-11-27T08:45:59+00:00", "2023-11-27"), ("Mon, 27 Nov 2023 08:45:59 GMT", "2023-11-27"),
    ("November 27, 2023", "2023-11-27"), ("yesterday", ""), (None, "")])
def test_normalize_date(raw, expected):
    assert normalize_date(raw) == expected
