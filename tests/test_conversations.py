"""Saved conversations with fakes: the SQLite store, answers redrawn exactly from what was
saved, the Markdown and JSON exports."""

import json
import sqlite3

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.answer.result import Answered
from newsdesk.app.runtime import Runtime
from newsdesk.errors import BadInputError
from newsdesk.history import export
from newsdesk.history.restore import result_from_dict
from newsdesk.history.store import ConversationStore
from newsdesk.settings import load_settings

QUESTION = "What did Seoul provide to Ukraine?"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    runtime = Runtime(load_settings(index_dir=tmp_path_factory.mktemp("idx"), min_relevance=0.1),
                      embedder=FakeEmbedder(),
                      generator=FakeGenerator("The South Korean government has provided Ukraine "
                                              "with first-aid kits, medicine, portable mine "
                                              "detectors [1]."))
    runtime.index(SAMPLE_FOLDER)
    events = list(runtime.assistant.answer(QUESTION, []))
    return next(e.result for e in events if isinstance(e, Answered))


@pytest.fixture
def db(tmp_path):
    store = ConversationStore(tmp_path / "conversations.sqlite")
    yield store
    store.close()


def test_turns_are_saved_titled_listed_newest_first_and_survive_reopening(tmp_path, result):
    path = tmp_path / "c.sqlite"
    store = ConversationStore(path)
    first = store.add_turn(None, QUESTION, result.to_dict())
    second = store.add_turn(None, "Who won the election?", result.to_dict())
    assert store.add_turn(first, "Did it send weapons?", result.to_dict()) == first
    store.close()
    reopened = ConversationStore(path)
    listed = reopened.list()
    assert [c.id for c in listed] == [first, second]  # the first was updated last
    assert listed[0].title == QUESTION and listed[0].turn_count == 2
    saved = reopened.get(first)
    assert [t["question"] for t in saved.turns] == [QUESTION, "Did it send weapons?"]
    assert saved.turns[0]["result"] == json.loads(json.dumps(result.to_dict()))
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rename_delete_and_bad_ids_say_what_is_wrong(db, result):
    cid = db.add_turn(None, QUESTION, result.to_dict())
    db.rename(cid, "  Seoul\n aid  ")
    assert db.get(cid).title == "Seoul aid"
    with pytest.raises(BadInputError, match="empty"):
        db.rename(cid, "   ")
    with pytest.raises(BadInputError, match="number"):
        db.get("1; DROP TABLE turns")
    db.delete(cid)
    with pytest.raises(BadInputError, match="No conversation"):
        db.get(cid)
    with pytest.raises(BadInputError, match="No conversation"):
        db.delete(cid)
    assert db.list() == []


def test_a_hostile_title_is_stored_as_text(db, result):
    title = "'); DROP TABLE conversations; -- <script>alert(1)</script>"
    cid = db.add_turn(None, title, result.to_dict())
    assert db.get(cid).title == title and len(db.list()) == 1


def test_a_saved_answer_redraws_exactly_as_it_was_shown(result):
    from newsdesk.app.web import answer_markdown, sources_html

    restored = result_from_dict(json.loads(json.dumps(result.to_dict())))
    assert answer_markdown(restored) == answer_markdown(result)
    assert "<mark>" in sources_html(result.sources)
    assert sources_html(restored.sources, abstained=restored.abstained) == sources_html(
        result.sources, abstained=result.abstained)
    assert restored.to_dict() == result.to_dict()


def test_markdown_export_carries_each_citation(db, result):
    cid = db.add_turn(None, QUESTION, result.to_dict())
    text = export.export(db.get(cid), "md")
    cited = [s for s in result.sources if s.cited]
    assert cited and text.startswith(f"# {QUESTION}")
    for source in cited:
        p = source.passage
        for part in (p.title, p.outlet, p.published, source.highlights[0].text.split()[0]):
            assert part in text
        if p.url:
            assert p.url in text
    data = json.loads(export.export(db.get(cid), "json"))
    assert data["turns"][0]["result"]["answer"] == result.answer
    with pytest.raises(BadInputError, match="md or json"):
        export.export(db.get(cid), "pdf")


def test_markdown_export_escapes_hostile_titles_and_drops_odd_links():
    line = export.citation_markdown({"n": 1, "title": "[click](javascript:alert(1))",
                                     "url": "javascript:alert(1)", "text": "A sentence."})
    assert "\\[click\\]" in line and "<javascript" not in line


def test_history_commands_list_show_and_export(tmp_path, result, capsys):
    from newsdesk.app import cli

    db = tmp_path / "h.sqlite"
    store = ConversationStore(db)
    cid = store.add_turn(None, QUESTION, result.to_dict())
    store.close()

    def run(*argv):
        code = cli.main(["history", *argv, "--history-db", str(db)])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = run()
    assert code == 0 and f"{cid}" in out and QUESTION in out and "1 turns" in out
    code, out, _ = run("show", str(cid))
    assert code == 0 and result.answer[:40] in out
    code, out, _ = run("export", str(cid), "--format", "json")
    assert code == 0 and json.loads(out)["turns"][0]["question"] == QUESTION
    code, out, _ = run("export", str(cid))
    assert code == 0 and out.startswith(f"# {QUESTION}")
    code, _, err = run("show", "999")
    assert code == 2 and "No conversation with id 999" in err
    code, _, err = run("show")
    assert code == 2 and "needs a conversation id" in err
    db = tmp_path / "none.sqlite"
    code, out, _ = run()
    assert code == 0 and "No saved conversations" in out and not db.exists()


def test_history_db_defaults_to_the_index_folder(tmp_path, monkeypatch):
    from newsdesk.history.store import open_store

    monkeypatch.setenv("NEWSDESK_INDEX_DIR", str(tmp_path / "idx"))
    monkeypatch.delenv("NEWSDESK_HISTORY_DB", raising=False)
    store = open_store(load_settings())
    assert store.path == tmp_path / "idx" / "conversations.sqlite"
    store.close()
    monkeypatch.setenv("NEWSDESK_HISTORY_DB", str(tmp_path / "elsewhere.sqlite"))
    assert load_settings().history_db == tmp_path / "elsewhere.sqlite"


def test_each_turn_keeps_its_filter_chips_and_older_files_gain_the_column(tmp_path, result):
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)  # a file from before filter chips were saved
    old.executescript("""
        CREATE TABLE conversations (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,
                                    created TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE turns (conversation INTEGER NOT NULL, position INTEGER NOT NULL,
                            question TEXT NOT NULL, result TEXT NOT NULL, created TEXT NOT NULL,
                            PRIMARY KEY (conversation, position));
        INSERT INTO conversations VALUES (1, 'Old', 'x', 'x');
        INSERT INTO turns VALUES (1, 0, 'Old question', '{}', 'x');""")
    old.commit()
    old.close()
    store = ConversationStore(path)
    assert store.get(1).filters == [] and store.get(1).turns[0]["question"] == "Old question"
    cid = store.add_turn(1, QUESTION, result.to_dict(), filters=["outlet: Harbor Ledger",
                                                                  "since: 2024-06-01"])
    store.add_turn(None, QUESTION, result.to_dict())
    store.close()
    reopened = ConversationStore(path)
    assert reopened.get(cid).filters == ["outlet: Harbor Ledger", "since: 2024-06-01"]
    assert [c.filters for c in map(reopened.get, (c.id for c in reopened.list()))][0] == []
    reopened.close()
