"""The evaluation question files kept in eval/: well formed, and every gold sentence they point
to is there in its article (MultiHop-RAG articles are read from ../shared; those questions
are skipped when it is absent)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.eval.everyday import ARTICLE_FOLDERS

EVAL = Path(__file__).resolve().parents[1] / "eval"
KINDS = {"yes_no_true", "yes_no_false", "false_premise", "date", "number", "who_what",
         "summary", "follow_up", "unanswerable"}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_everyday_questions_are_well_formed():
    rows = _rows("everyday.jsonl")
    assert [r["id"] for r in rows] == [f"everyday-{i:04d}" for i in range(len(rows))]
    assert {r["kind"] for r in rows} == KINDS
    for row in rows:
        assert row["question"].strip() and row["corpus"] in ARTICLE_FOLDERS
        if row["kind"] == "unanswerable":
            assert not row["articles"] and row.get("note"), row["id"]
        elif row["kind"] == "summary":
            assert len(row["articles"]) >= 2 and 4 <= len(row["facts"]) <= 6, row["id"]
        else:
            assert row["articles"] and row["evidence"], row["id"]
        if row["kind"] in ("false_premise", "date", "number", "who_what", "follow_up"):
            assert row["accept"], row["id"]
        if row["kind"] == "follow_up":
            assert [t["role"] for t in row["history"]] == ["user", "assistant"], row["id"]
    # Every kind has questions in both halves (even ids dev, odd ids test).
    halves = Counter((r["kind"], int(r["id"][-4:]) % 2) for r in rows)
    assert all(halves[(kind, half)] >= 10 for kind in KINDS for half in (0, 1))


def test_no_question_is_asked_twice():
    questions = Counter(r["question"].lower() for r in _rows("everyday.jsonl")
                        if r["kind"] != "follow_up")
    assert [q for q, n in questions.items() if n > 1] == []


@pytest.mark.parametrize("corpus", sorted(ARTICLE_FOLDERS))
def test_gold_sentences_are_in_their_articles(corpus):
    folder = ARTICLE_FOLDERS[corpus]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    for row in _rows("everyday.jsonl"):
        if row["corpus"] != corpus:
            continue
        for where in row.get("evidence", []):
            text = (folder / where["article"]).read_text(encoding="utf-8")
            sentence = text[where["start"]:where["end"]]
            assert 0 <= where["start"] < where["end"] <= len(text), row["id"]
            assert sentence.strip(), row["id"]
            # It starts and ends at word boundaries: offsets that drifted cut words.
            assert not (text[where["start"] - 1:where["start"]].isalnum()
                        and sentence[:1].isalnum()), row["id"]
            assert not (text[where["end"]:where["end"] + 1].isalnum()
                        and sentence[-1:].isalnum()), row["id"]
            assert where["article"] in row["articles"], row["id"]
