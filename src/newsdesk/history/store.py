"""Conversations on disk in SQLite (standard library): WAL mode, each save one transaction,
so a process killed mid-save leaves every earlier save intact. Each turn keeps the answer's
full result as JSON (`AnswerResult.to_dict()`), enough to redraw it exactly as it was."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import BadInputError

DB_NAME = "conversations.sqlite"
TITLE_LIMIT = 200
SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    conversation INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    result TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (conversation, position)
);
"""
# Added later; files made before it gain the column when opened.
FILTERS_COLUMN = "ALTER TABLE turns ADD COLUMN filters TEXT NOT NULL DEFAULT '[]'"


@dataclass
class Conversation:
    id: int
    title: str
    created: str
    updated: str
    turn_count: int = 0
    turns: list[dict] = field(default_factory=list)  # {"question", "result", "created", "filters"}

    @property
    def filters(self) -> list[str]:
        """The filter chips in force at the last answer (see app/filter_chips.py)."""
        return list(self.turns[-1].get("filters", [])) if self.turns else []

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "created": self.created,
                "updated": self.updated, "turns": self.turns}


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def clean_title(title: str) -> str:
    """One line, at most TITLE_LIMIT characters; empty titles are refused."""
    title = " ".join(str(title or "").split())[:TITLE_LIMIT]
    if not title:
        raise BadInputError("A conversation title cannot be empty")
    return title


class ConversationStore:
    """One SQLite file; safe to share between the web server's threads."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None,
                                   timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(turns)")}
        if "filters" not in columns:
            self._db.execute(FILTERS_COLUMN)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _transaction(self, work):
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                value = work(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return value

    def add_turn(self, conversation_id: int | None, question: str, result: dict,
                 filters: list[str] | tuple = ()) -> int:
        """Append a turn (creating the conversation, titled by its first question, when the
        id is None or gone) in one transaction, with the filter chips it was answered under.
        Returns the conversation's id."""
        payload = json.dumps(result, ensure_ascii=False)
        chips = json.dumps([str(f) for f in filters], ensure_ascii=False)

        def work(db):
            now = _now()
            cid = conversation_id
            if cid is None or db.execute("SELECT 1 FROM conversations WHERE id=?",
                                         (cid,)).fetchone() is None:
                title = " ".join(question.split())[:TITLE_LIMIT] or "Untitled"
                cid = db.execute("INSERT INTO conversations (title, created, updated) "
                                 "VALUES (?, ?, ?)", (title, now, now)).lastrowid
            position = db.execute("SELECT COUNT(*) FROM turns WHERE conversation=?",
                                  (cid,)).fetchone()[0]
            db.execute("INSERT INTO turns (conversation, position, question, result, created, "
                       "filters) VALUES (?, ?, ?, ?, ?, ?)",
                       (cid, position, question, payload, now, chips))
            db.execute("UPDATE conversations SET updated=? WHERE id=?", (now, cid))
            return cid

        return self._transaction(work)

    def list(self) -> list[Conversation]:
        """Newest (last updated) first, with their turn counts."""
        with self._lock:
            rows = self._db.execute(
                "SELECT c.id, c.title, c.created, c.updated, COUNT(t.position) FROM conversations c "
                "LEFT JOIN turns t ON t.conversation = c.id GROUP BY c.id "
                "ORDER BY c.updated DESC, c.id DESC").fetchall()
        return [Conversation(*row) for row in rows]

    def get(self, conversation_id) -> Conversation:
        cid = _as_id(conversation_id)
        with self._lock:
            row = self._db.execute("SELECT id, title, created, updated FROM conversations "
                                   "WHERE id=?", (cid,)).fetchone()
            turns = self._db.execute("SELECT question, result, created, filters FROM turns "
                                     "WHERE conversation=? ORDER BY position", (cid,)).fetchall()
        if row is None:
            raise BadInputError(f"No conversation with id {conversation_id}")
        return Conversation(*row, turn_count=len(turns), turns=[
            {"question": q, "result": json.loads(r), "created": c, "filters": json.loads(f)}
            for q, r, c, f in turns])

    def rename(self, conversation_id, title: str) -> None:
        cid, title = _as_id(conversation_id), clean_title(title)
        self._change("UPDATE conversations SET title=? WHERE id=?", (title, cid), conversation_id)

    def delete(self, conversation_id) -> None:
        cid = _as_id(conversation_id)
        self._change("DELETE FROM conversations WHERE id=?", (cid,), conversation_id)

    def _change(self, sql: str, params: tuple, shown_id) -> None:
        changed = self._transaction(lambda db: db.execute(sql, params).rowcount)
        if not changed:
            raise BadInputError(f"No conversation with id {shown_id}")


def _as_id(value) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise BadInputError(f"A conversation id is a number, not {value!r}") from None


def default_path(index_dir: Path) -> Path:
    """Beside the indexes: <index root>/conversations.sqlite (the builds are never touched)."""
    return Path(index_dir) / DB_NAME


def stored_at(settings) -> Path:
    """The conversations file of these settings: --history-db, else beside the indexes."""
    from newsdesk.index.collections import root_of

    return Path(settings.history_db or default_path(root_of(settings)))


def open_store(settings) -> ConversationStore:
    return ConversationStore(stored_at(settings))
