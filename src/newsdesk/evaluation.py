"""`newsdesk eval retrieval|answers` on MultiHop-RAG (read from ../shared at run time)."""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from . import metrics
from .config import Settings, default_cache_dir
from .errors import BadInputError


def load_questions(data: Path, split: str, limit: int | None = None,
                   include_null: bool = False) -> list[dict]:
    path = data / "questions.jsonl"
    if not path.is_file():
        raise BadInputError(f"No questions.jsonl in {data}; pass --data PATH/TO/multihop-rag")
    questions = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            q = json.loads(line)
            number = int(q["id"].rsplit("-", 1)[1])
            if split == "dev" and number % 2 or split == "test" and not number % 2:
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

    from .runtime import Runtime

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


def main(args, settings: Settings) -> int:
    if args.what == "retrieval":
        report = run_retrieval(args, settings)
        print_retrieval(report)
    else:
        raise BadInputError("`newsdesk eval answers` is not built yet (see issue 4).")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1))
        print(f"figures written to {args.json_out}")
    return 0
