"""`newsdesk eval time`: the project's own time questions (eval/time.jsonl) over the
MultiHop-RAG articles, each asked with the reference date it was written for (`as_of`).

Kinds and what makes an answer right:
  latest, as_of   the first cited article is the newest relevant one (`newest`: the gold
                  articles of the latest day on or before the date); as_of also cites
                  nothing published after its cut-off
  range           a gold article is cited and every cited article is inside the period
  changed_figure  the answer gives the first and the last value and cites an article
                  stating each (`first`, `last`: the articles that state it)
  timeline        Kendall tau of the timeline's order against publication order >= 0.95
                  and it covers >= 80% of the articles a grep for the story finds
Citation accuracy: the share of cited articles that are gold articles (all but timelines).
Dev is the even ids, test the odd.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from newsdesk.errors import BadInputError
from newsdesk.eval import metrics
from newsdesk.eval.everyday import INDEX_NAMES, MULTIHOP_ARTICLES, contains_any
from newsdesk.settings import Settings, default_cache_dir

DEFAULT_QUESTIONS = Path("eval/time.jsonl")
KINDS = ("latest", "as_of", "range", "timeline", "changed_figure")
MIN_TAU, MIN_COVERAGE = 0.95, 0.8


def load(path: Path, split: str, limit: int | None = None) -> list[dict]:
    if not path.is_file():
        raise BadInputError(f"No question file at {path}; pass --data eval/time.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = [r for r in rows if metrics.in_split(r["id"], split)]
    return rows[:limit] if limit else rows


def kendall_tau(order: list[str]) -> float:
    """Tau of a list of ISO dates against their sorted order; same-day pairs do not count
    (the index keeps days). 1.0 for fewer than two comparable pairs."""
    concordant = discordant = 0
    for i in range(len(order)):
        for j in range(i + 1, len(order)):
            if order[i] and order[j] and order[i] != order[j]:
                concordant += order[i] < order[j]
                discordant += order[i] > order[j]
    pairs = concordant + discordant
    return (concordant - discordant) / pairs if pairs else 1.0


def grep_articles(patterns: list[str], folder: Path = MULTIHOP_ARTICLES) -> set[str]:
    """The story's articles as a grep finds them: every pattern matches the file."""
    found = set()
    for path in folder.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if all(re.search(p, text, re.MULTILINE) for p in patterns):
            found.add(path.name)
    return found


def ask(assistant, q: dict) -> dict:
    from newsdesk.answer.result import Answered

    pinned = assistant.pinned(q.get("as_of", ""))
    if q["kind"] == "timeline":
        entries = pinned.timeline(q["topic"])
        found = [Path(e.passage.path).name for e in entries]
        grep = grep_articles(q["grep"])
        return {"id": q["id"], "kind": "timeline", "question": q["question"],
                "timeline": [f"{e.published} {Path(e.passage.path).name}" for e in entries],
                "tau": kendall_tau([e.published for e in entries]),
                "coverage": len(grep & set(found)) / max(1, len(grep)),
                "missed": sorted(grep - set(found))}
    result = next(e.result for e in pinned.answer(q["question"]) if isinstance(e, Answered))
    cited = [s.passage for s in result.sources if s.cited]
    return {"id": q["id"], "kind": q["kind"], "question": q["question"], "answer": result.answer,
            "strategy": result.strategy, "abstained": result.abstained,
            "cited": [Path(p.path).name for p in cited], "cited_dates": [p.published for p in cited],
            "seconds": result.timings.get("total", 0.0)}


def judge(q: dict, row: dict) -> bool:
    kind = q["kind"]
    if kind == "timeline":
        return row["tau"] >= MIN_TAU and row["coverage"] >= MIN_COVERAGE
    cited, dates = row["cited"], row["cited_dates"]
    if not cited:
        return False
    if kind in ("latest", "as_of"):
        in_time = all(d <= q["cutoff"] for d in dates) if kind == "as_of" else True
        return cited[0] in q["newest"] and in_time
    if kind == "range":
        start, end = q["range"]
        inside = all((not start or d >= start) and d <= end for d in dates)
        return inside and bool(set(cited) & set(q["articles"]))
    first, last = q["values"]
    return (contains_any(row["answer"], first) and contains_any(row["answer"], last)
            and bool(set(q["first"]) & set(cited)) and bool(set(q["last"]) & set(cited)))


def score(questions: list[dict], rows: list[dict]) -> dict:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    cited_gold, newest_first, taus, coverage = [], [], [], []
    for q, row in zip(questions, rows):
        row["right"] = judge(q, row)
        by_kind[q["kind"]].append(row["right"])
        if q["kind"] == "timeline":
            taus.append(row["tau"])
            coverage.append(row["coverage"])
            continue
        cited_gold.extend(name in q["articles"] for name in row["cited"])
        if q["kind"] in ("latest", "as_of"):
            newest_first.append(bool(row["cited"]) and row["cited"][0] in q["newest"])
    mean = lambda xs: sum(xs) / len(xs) if xs else None  # noqa: E731
    return {"overall": mean([r["right"] for r in rows]),
            "per_kind": {k: {"n": len(v), "accuracy": mean(v)} for k, v in by_kind.items()},
            "citation_accuracy": mean(cited_gold), "latest_cites_newest": mean(newest_first),
            "timeline_tau": mean(taus), "timeline_coverage": mean(coverage)}


def _assistant(settings: Settings):
    from newsdesk.app.runtime import Runtime

    if not MULTIHOP_ARTICLES.is_dir():
        raise BadInputError(f"The MultiHop-RAG articles are not at {MULTIHOP_ARTICLES}")
    runtime = Runtime(settings.replace(index_dir=default_cache_dir() / "eval" /
                                       INDEX_NAMES["multihop"]))
    runtime.index(MULTIHOP_ARTICLES)
    return runtime


def run(args, settings: Settings) -> dict:
    from tqdm import tqdm

    questions = load(Path(args.data or DEFAULT_QUESTIONS), args.split, args.limit)
    runtime = _assistant(settings)
    assistant = runtime.assistant
    rows = [ask(assistant, q) for q in tqdm(questions, desc="questions", file=sys.stderr)]
    return {"split": args.split, "questions": len(questions), "model": runtime.status()["model"],
            "profile": settings.profile, "scores": score(questions, rows), "rows": rows}


def print_report(report: dict) -> None:
    s, fmt = report["scores"], metrics.fmt
    metrics.print_per_kind("Time questions", report, KINDS)
    print(f"\noverall {fmt(s['overall'])}; citation accuracy {fmt(s['citation_accuracy'])}; "
          f"latest cites the newest relevant article {fmt(s['latest_cites_newest'])}; "
          f"timeline Kendall tau {fmt(s['timeline_tau'])}, coverage "
          f"{fmt(s['timeline_coverage'])}")


def main(args, settings: Settings) -> int:
    report = run(args, settings)
    print_report(report)
    metrics.write_report(report, args.json_out)
    return 0
