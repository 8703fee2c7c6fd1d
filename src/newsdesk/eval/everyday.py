"""`newsdesk eval everyday`: the project's own everyday questions (eval/everyday.jsonl),
asked of the MultiHop-RAG articles or the bundled sample folder, scored per kind.

Each question has a kind, a gold answer, the strings a right answer contains (`accept`),
its article(s) and the sentence(s) that state the answer (`evidence`). What is scored is
what a person sees: the answer text, quotes included. Dev is the even ids, test the odd.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from newsdesk.errors import BadInputError
from newsdesk.eval import metrics
from newsdesk.settings import SAMPLE_FOLDER, Settings, default_cache_dir

DEFAULT_QUESTIONS = Path("eval/everyday.jsonl")
MULTIHOP_ARTICLES = Path("../shared/eval/multihop-rag/articles")
INDEX_NAMES = {"multihop": "multihop-rag-index", "sample": "sample-index"}  # shared with eval answers
YES_NO_KINDS = ("yes_no_true", "yes_no_false")
FACT_KINDS = ("date", "number", "who_what", "follow_up")
KINDS = ("yes_no_true", "yes_no_false", "false_premise", "date", "number", "who_what",
         "summary", "follow_up", "unanswerable")
_NOT_SAY = re.compile(r"^\s*(the articles (do not|don't|do n't) say|i don't know)", re.IGNORECASE)


ARTICLE_FOLDERS = {"multihop": MULTIHOP_ARTICLES, "sample": SAMPLE_FOLDER}


def _evidence_text(corpus: str, where: dict) -> str:
    """A gold sentence, read from its article at run time (the file keeps only where it is:
    the MultiHop-RAG articles stay in ../shared)."""
    path = ARTICLE_FOLDERS[corpus] / where["article"]
    if not path.is_file():
        raise BadInputError(f"The article {path} is not there; the {corpus} articles are needed")
    return path.read_text(encoding="utf-8")[where["start"]:where["end"]]


def load(path: Path, split: str, limit: int | None = None) -> list[dict]:
    if not path.is_file():
        raise BadInputError(f"No question file at {path}; pass --data eval/everyday.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = [r for r in rows if metrics.in_split(r["id"], split)]
    rows = rows[:limit] if limit else rows
    for row in rows:
        row["evidence"] = [_evidence_text(row["corpus"], w) for w in row.get("evidence", [])]
    return rows


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", re.sub(r"(?<=\d),(?=\d{3})", "", text))


def contains_any(answer: str, accept: list[str]) -> bool:
    body = _norm(answer)
    return any(_norm(a) in body for a in accept if a.strip())


def verdict_of(answer: str) -> str | None:
    """'yes' / 'no' from the answer's first word; None when it takes no side."""
    words = re.findall(r"[a-z']+", answer.lower())[:1]
    return words[0] if words and words[0] in ("yes", "no") else None


def says_nothing(row: dict) -> bool:
    return row["abstained"] or bool(_NOT_SAY.match(row["answer"]))


def judge(question: dict, row: dict) -> bool:
    """Is this answer right for its kind?"""
    kind, answer = question["kind"], row["answer"]
    if kind == "unanswerable":
        return says_nothing(row)
    if says_nothing(row):
        return False
    if kind == "yes_no_true":
        return verdict_of(answer) == "yes"
    if kind == "yes_no_false":
        return verdict_of(answer) == "no"
    if kind == "false_premise":
        return verdict_of(answer) != "yes" and contains_any(answer, question["accept"])
    if kind == "summary":
        facts = sum(contains_any(answer, alternatives) for alternatives in question["facts"])
        return facts >= 2 and len(set(row["cited_articles"]) & set(question["articles"])) >= 2
    return contains_any(answer, question["accept"])


def citation_right(question: dict, row: dict) -> bool | None:
    """Does a cited passage hold a gold evidence sentence? None where it does not apply."""
    if question["kind"] in ("unanswerable", "summary") or not question.get("evidence"):
        return None
    if says_nothing(row):
        return None
    return any(metrics.relevance(row["cited_texts"], question["evidence"]))


_OPPOSITE = {"yes_no_true": "no", "yes_no_false": "yes"}


def wrong_verdict(question: dict, row: dict) -> bool:
    """A yes/no question answered with the opposite verdict: the worst answer, worse than
    "the articles don't say"."""
    opposite = _OPPOSITE.get(question["kind"])
    return opposite is not None and verdict_of(row["answer"]) == opposite


def score(questions: list[dict], rows: list[dict]) -> dict:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    citations, yes_no = [], []
    for q, row in zip(questions, rows):
        right = judge(q, row)
        row["right"] = right
        by_kind[q["kind"]].append(right)
        cited = citation_right(q, row)
        if cited is not None:
            citations.append(cited)
        if q["kind"] in YES_NO_KINDS:
            yes_no.append((q["kind"], right))
    yes_rates = [sum(r for k, r in yes_no if k == kind) / max(1, sum(k == kind for k, _ in yes_no))
                 for kind in YES_NO_KINDS if any(k == kind for k, _ in yes_no)]
    answerable = [row for q, row in zip(questions, rows) if q["kind"] != "unanswerable"]
    return {
        "overall": sum(r["right"] for r in rows) / max(1, len(rows)),
        "per_kind": {k: {"n": len(v), "accuracy": sum(v) / len(v)} for k, v in by_kind.items()},
        "yes_no_balanced": sum(yes_rates) / len(yes_rates) if yes_rates else None,
        "wrong_verdicts": _rate([wrong_verdict(q, row) for q, row in zip(questions, rows)
                                 if q["kind"] in YES_NO_KINDS]),
        "false_premise_corrected": _rate(by_kind.get("false_premise")),
        "citation_accuracy": _rate(citations),
        "unanswerable_abstention": _rate(by_kind.get("unanswerable")),
        "false_abstention": _rate([says_nothing(r) for r in answerable]),
        "seconds_per_question": sum(r["seconds"] for r in rows) / max(1, len(rows)),
        "first_text_p50": metrics.percentile([r["first_text"] for r in rows
                                              if r["first_text"] is not None], 50),
    }


def _rate(values) -> float | None:
    values = list(values or [])
    return sum(values) / len(values) if values else None


def _assistants(settings: Settings, questions: list[dict]):
    """One assistant per corpus the questions use, sharing the embedder and the model."""
    from newsdesk.app.runtime import Runtime

    assistants, shared = {}, None
    for corpus in sorted({q["corpus"] for q in questions}):
        if not ARTICLE_FOLDERS[corpus].is_dir():
            raise BadInputError(f"The {corpus} articles are not at {ARTICLE_FOLDERS[corpus]}")
        index_dir = default_cache_dir() / "eval" / INDEX_NAMES[corpus]
        runtime = Runtime(settings.replace(index_dir=index_dir),
                          embedder=shared.embedder if shared else None,
                          generator=shared.generator if shared else None)
        runtime.index(ARTICLE_FOLDERS[corpus])
        assistants[corpus] = runtime.assistant
        shared = shared or runtime
    return assistants, shared


def ask(assistant, question: dict) -> dict:
    from newsdesk.answer.result import Answered

    result = next(e.result for e in assistant.answer(question["question"],
                                                     question.get("history", []))
                  if isinstance(e, Answered))
    cited = [s for s in result.sources if s.cited]
    return {"id": question["id"], "kind": question["kind"], "question": question["question"],
            "gold": question["answer"], "answer": result.answer, "abstained": result.abstained,
            "strategy": result.strategy, "verdict": result.verdict,
            "cited_texts": [s.passage.text for s in cited],
            "cited_articles": sorted({Path(s.passage.path).name for s in cited}),
            "seconds": result.timings.get("total", 0.0),
            "first_text": result.timings.get("first_text")}


def run(args, settings: Settings) -> dict:
    from tqdm import tqdm

    questions = load(Path(args.data or DEFAULT_QUESTIONS), args.split, args.limit)
    assistants, runtime = _assistants(settings, questions)
    rows = [ask(assistants[q["corpus"]], q)
            for q in tqdm(questions, desc="questions", file=sys.stderr)]
    return {"split": args.split, "questions": len(questions), "model": runtime.status()["model"],
            "profile": settings.profile, "scores": score(questions, rows), "rows": rows}


def print_report(report: dict) -> None:
    s, fmt = report["scores"], metrics.fmt
    metrics.print_per_kind("Everyday questions", report, KINDS)
    print(f"\noverall {s['overall']:.3f}; yes/no balanced {fmt(s['yes_no_balanced'])}, wrong "
          f"verdicts {fmt(s.get('wrong_verdicts'))}; false "
          f"premises corrected {fmt(s['false_premise_corrected'])}; citation accuracy "
          f"{fmt(s['citation_accuracy'])}; unanswerable abstention "
          f"{fmt(s['unanswerable_abstention'])}, false abstention {fmt(s['false_abstention'])}; "
          f"{s['seconds_per_question']:.2f} s per question, first text p50 "
          f"{fmt(s['first_text_p50'])} s")


def main(args, settings: Settings) -> int:
    report = run(args, settings)
    print_report(report)
    metrics.write_report(report, args.json_out)
    return 0
