"""`newsdesk eval retrieval|answers` on MultiHop-RAG (read from ../shared at run time)."""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsdesk.eval import metrics

DEFAULT_DATA = Path("../shared/eval/multihop-rag")
from newsdesk.settings import Settings, default_cache_dir
from newsdesk.errors import BadInputError


def load_questions(data: Path, split: str, limit: int | None = None,
                   include_null: bool = False) -> list[dict]:
    path = data / "questions.jsonl"
    if not path.is_file():
        raise BadInputError(f"No questions.jsonl in {data}; pass --data PATH/TO/multihop-rag")
    questions = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            q = json.loads(line)
            if not metrics.in_split(q["id"], split):
                continue
            if q["type"] == "null" and not include_null:
                continue
            questions.append(q)
    if limit:
        questions = stratified(questions, limit)
    return questions


def stratified(questions: list[dict], limit: int) -> list[dict]:
    """Up to `limit` questions, spread evenly over the question types (order kept)."""
    by_type: dict[str, list[dict]] = defaultdict(list)
    for q in questions:
        by_type[q["type"]].append(q)
    share = max(1, limit // max(1, len(by_type)))
    chosen = {id(q) for group in by_type.values() for q in group[:share]}
    picked = [q for q in questions if id(q) in chosen]
    return picked[:limit]


def eval_index_dir(settings: Settings, args) -> Path:
    return Path(args.index) if getattr(args, "index", None) else (
        default_cache_dir() / "eval" / "multihop-rag-index")


def run_retrieval(args, settings: Settings) -> dict:
    from tqdm import tqdm

    from newsdesk.app.runtime import Runtime

    data = Path(args.data)
    questions = load_questions(data, args.split, args.limit)
    settings = settings.replace(index_dir=eval_index_dir(settings, args))
    runtime = Runtime(settings, load_generator=False)
    started = time.perf_counter()
    summary = runtime.index(data / "articles")
    index_seconds = time.perf_counter() - started
    retriever = runtime.reload().retriever
    k = 10
    per_type: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    latencies = []
    for q in tqdm(questions, desc="questions", file=sys.stderr):
        t0 = time.perf_counter()
        passages = retriever.search(q["question"], k)
        latencies.append(time.perf_counter() - t0)
        rel = metrics.relevance([p.text for p in passages], [e["text"] for e in q["evidence"]])
        scores = {
            "hits@1": metrics.hits_at(rel, 1), "hits@4": metrics.hits_at(rel, 4),
            "hits@10": metrics.hits_at(rel, 10), "mrr@10": metrics.mrr_at(rel, 10),
            "map@10": metrics.map_at(rel, 10),
            "article_recall@10": metrics.article_recall(
                [p.path for p in passages], [e["article"] for e in q["evidence"]]),
        }
        for name, value in scores.items():
            per_type["all"][name].append(value)
            per_type[q["type"]][name].append(value)
    table = {t: {m: sum(v) / len(v) for m, v in ms.items()} | {"n": len(ms["hits@1"])}
             for t, ms in per_type.items()}
    return {
        "split": args.split, "questions": len(questions), "metrics": table,
        "latency_ms": {"p50": 1000 * metrics.percentile(latencies, 50),
                       "p95": 1000 * metrics.percentile(latencies, 95)},
        "index": {"articles": summary.articles, "chunks": summary.chunks,
                  "seconds": round(index_seconds, 2), "up_to_date": summary.up_to_date},
        "seconds": round(time.perf_counter() - started, 2),
    }


def print_retrieval(report: dict) -> None:
    names = ["hits@1", "hits@4", "hits@10", "mrr@10", "map@10", "article_recall@10"]
    print(f"\nMultiHop-RAG retrieval, {report['split']} split, {report['questions']} questions "
          f"(index: {report['index']['articles']} articles, {report['index']['chunks']} chunks)")
    print(f"{'type':<12}{'n':>6}" + "".join(f"{n:>19}" for n in names))
    order = ["all"] + sorted(t for t in report["metrics"] if t != "all")
    for t in order:
        row = report["metrics"][t]
        print(f"{t:<12}{row['n']:>6}" + "".join(f"{row[n]:>19.4f}" for n in names))
    lat = report["latency_ms"]
    print(f"\nquery latency: p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms; "
          f"total {report['seconds']:.1f} s")


_YES = ("yes", "true", "consistent", "agree", "agrees", "same", "similar", "correct")
_NO = ("no", "false", "inconsistent", "disagree", "disagrees", "different", "not", "incorrect",
       "neither", "none")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def polarity(answer: str) -> str | None:
    """'yes'/'no' read from the answer's first words (None when it takes no side)."""
    for word in words(answer)[:4]:
        if word in _YES:
            return "yes"
        if word in _NO:
            return "no"
    return None


def lenient_correct(answer: str, gold: str) -> bool:
    """The benchmark repository's rule: lower-cased word sets intersect."""
    return bool(set(words(answer)) & set(words(gold)))


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def strict_entity(answer: str, gold: str) -> bool:
    gold_norm = " ".join(words(gold))
    return bool(gold_norm) and gold_norm in " ".join(words(first_sentence(answer)))


def balanced_accuracy(pairs: list[tuple[str, str | None]]) -> float:
    """Mean of accuracy on gold-yes and on gold-no questions (always-yes scores 0.5)."""
    by_gold: dict[str, list[bool]] = defaultdict(list)
    for gold, predicted in pairs:
        by_gold[gold].append(predicted == gold)
    rates = [sum(v) / len(v) for v in by_gold.values() if v]
    return sum(rates) / len(rates) if rates else 0.0


def score_answers(rows: list[dict]) -> dict:
    """Per-type and macro scores for answered questions: rows of {type, gold, answer,
    abstained, cited_relevant: [bool], sentences_supported: [bool]}."""
    out: dict = {}
    by_type: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    for kind, items in by_type.items():
        entry = {"n": len(items), "lenient": sum(
            (r["abstained"] if kind == "null" else lenient_correct(r["answer"], r["gold"]))
            for r in items) / len(items)}
        if kind == "inference":
            entry["strict"] = sum(strict_entity(r["answer"], r["gold"]) for r in items) / len(items)
        elif kind in ("comparison", "temporal"):
            # Balanced accuracy over the yes/no golds; the others name an entity or a side
            # ("Agreement", "Win") and are scored like inference answers.
            pairs = [(polarity(r["gold"]), None if r["abstained"] else polarity(r["answer"]))
                     for r in items if polarity(r["gold"])]
            entry["balanced"] = balanced_accuracy(pairs)
            entry["yes_no_questions"] = len(pairs)
            others = [r for r in items if not polarity(r["gold"])]
            if others:
                entry["other_strict"] = sum(strict_entity(r["answer"], r["gold"])
                                            for r in others) / len(others)
        out[kind] = entry
    parts = [out.get("inference", {}).get("strict"), out.get("comparison", {}).get("balanced"),
             out.get("temporal", {}).get("balanced")]
    present = [p for p in parts if p is not None]
    out["macro"] = sum(present) / len(present) if present else 0.0
    answerable = [r for r in rows if r["type"] != "null"]
    nulls = [r for r in rows if r["type"] == "null"]
    out["null_abstention"] = sum(r["abstained"] for r in nulls) / len(nulls) if nulls else None
    out["false_abstention"] = (sum(r["abstained"] for r in answerable) / len(answerable)
                               if answerable else None)
    cited = [c for r in answerable for c in r["cited_relevant"]]
    out["citation_precision"] = sum(cited) / len(cited) if cited else None
    # Precision could be bought by citing nothing; say how many answers cite at all.
    answered = [r for r in answerable if not r["abstained"]]
    out["answers_cited"] = (sum(bool(r["cited_relevant"]) for r in answered) / len(answered)
                            if answered else None)
    sentences = [s for r in rows for s in r["sentences_supported"]]
    out["sentences_verified"] = sum(sentences) / len(sentences) if sentences else None
    return out


def majority_baseline(questions: list[dict]) -> dict:
    """Always 'yes' for yes/no types, always the most common entity for inference."""
    from collections import Counter

    common = Counter(q["answer"] for q in questions if q["type"] == "inference").most_common(1)
    entity = common[0][0] if common else ""
    rows = [{"type": q["type"], "gold": q["answer"],
             "answer": entity if q["type"] == "inference" else "Yes.",
             "abstained": False, "cited_relevant": [], "sentences_supported": []}
            for q in questions]
    return score_answers(rows)


def run_answers(args, settings: Settings) -> dict:
    from tqdm import tqdm

    from newsdesk.answer.assistant import Answered
    from newsdesk.answer.citations import render_answer
    from newsdesk.app.runtime import Runtime

    data = Path(args.data)
    questions = load_questions(data, args.split, args.limit, include_null=True)
    settings = settings.replace(index_dir=eval_index_dir(settings, args))
    runtime = Runtime(settings)
    runtime.index(data / "articles")
    assistant = runtime.assistant
    rows, started = [], time.perf_counter()
    for q in tqdm(questions, desc="questions", file=sys.stderr):
        result = next(e.result for e in assistant.answer(q["question"]) if isinstance(e, Answered))
        golds = [e["text"] for e in q["evidence"]]
        cited = [s for s in result.sources if s.cited]
        own = [s for s in result.sentences if not s.evidence]  # scored without the quotes
        rows.append({
            "id": q["id"], "type": q["type"], "question": q["question"], "gold": q["answer"],
            "answer": render_answer(own) if own else result.answer,
            "evidence": [s.text for s in result.sentences if s.evidence],
            "abstained": result.abstained, "extractive": result.extractive,
            "cited_relevant": [any(metrics.relevance([s.passage.text], golds)) for s in cited],
            "sentences_supported": [s.supported for s in own],
            "yes_no_margin": result.yes_no_margin,
            "seconds": result.timings.get("total", 0.0),
            "first_token": result.timings.get("first_token")})
    scores = score_answers(rows)
    return {"split": args.split, "questions": len(questions), "model": runtime.status()["model"],
            "scores": scores, "majority_baseline": majority_baseline(questions),
            "seconds_per_question": round((time.perf_counter() - started) / max(1, len(rows)), 2),
            "rows": rows}


def print_answers(report: dict) -> None:
    s, b = report["scores"], report["majority_baseline"]
    print(f"\nMultiHop-RAG answers, {report['split']} split, {report['questions']} questions, "
          f"model {report['model']}, {report['seconds_per_question']} s per question")
    print(f"{'type':<12}{'n':>5}{'lenient':>10}{'strict/balanced':>17}{'baseline':>10}")
    for kind in ("inference", "comparison", "temporal", "null"):
        if kind not in s:
            continue
        row = s[kind]
        main_score = row.get("strict", row.get("balanced"))
        base = b.get(kind, {}).get("strict", b.get(kind, {}).get("balanced"))
        fmt = lambda v: f"{v:.3f}" if isinstance(v, float) else "-"  # noqa: E731
        print(f"{kind:<12}{row['n']:>5}{row['lenient']:>10.3f}{fmt(main_score):>17}{fmt(base):>10}")
    for kind in ("comparison", "temporal"):
        if kind in s and "other_strict" in s[kind]:
            row = s[kind]
            print(f"{kind}: balanced accuracy over its {row['yes_no_questions']} yes/no golds; the "
                  f"other {row['n'] - row['yes_no_questions']} (an entity or a side) strict "
                  f"{row['other_strict']:.3f}")
    fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    print(f"\nmacro {s['macro']:.3f} (majority baseline {b['macro']:.3f}); null abstention "
          f"{fmt(s['null_abstention'])}, false abstention {fmt(s['false_abstention'])}; citation "
          f"precision {fmt(s['citation_precision'])} (answers citing a passage: "
          f"{fmt(s.get('answers_cited'))}); sentences verified {fmt(s['sentences_verified'])}")


def main(args, settings: Settings) -> int:
    args.data = args.data or DEFAULT_DATA
    if args.what == "retrieval":
        report = run_retrieval(args, settings)
        print_retrieval(report)
    else:
        report = run_answers(args, settings)
        print_answers(report)
    metrics.write_report(report, args.json_out)
    return 0
