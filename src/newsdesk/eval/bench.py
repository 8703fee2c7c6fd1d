"""`newsdesk bench`: every stage's speed on this machine, beside the limit it could reach.

Indexing vs raw SentenceTransformer.encode (fp32 and bf16), re-sync, retrieval latency, time
to first token and tokens/s vs llama.cpp's own counters, and the server's peak memory."""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from newsdesk.eval import metrics
from newsdesk.settings import SAMPLE_FOLDER, Settings

QUESTIONS = ["What did Seoul provide to Ukraine?", "How did Putin react to South Korea's plans?",
             "How many containers did North Korea ship to Russia?",
             "Why is Ukraine rationing power?", "What is Japan sending to Ukraine?"]


EVERYDAY = Path("eval/everyday.jsonl")


def _everyday_questions(n: int, corpus: str) -> list[str]:
    """Everyday questions (dev half) over the folder being benchmarked, for the answer
    timings: `corpus` is "sample" for the bundled folder, "multihop" for MultiHop-RAG's."""
    if not EVERYDAY.is_file():
        return []
    rows = [json.loads(line) for line in EVERYDAY.read_text(encoding="utf-8").splitlines() if line]
    rows = [r["question"] for r in rows if r["corpus"] == corpus and not r.get("history")
            and metrics.in_split(r["id"], "dev")]
    return random.Random(0).sample(rows, min(n, len(rows)))


def _questions(data: Path | None, n: int) -> list[str]:
    if data is not None and (data.parent / "questions.jsonl").is_file():
        rows = [json.loads(line) for line in open(data.parent / "questions.jsonl", encoding="utf-8")]
        rows = [r["question"] for r in rows if metrics.in_split(r["id"], "dev")]
        return random.Random(0).sample(rows, min(n, len(rows)))
    return (QUESTIONS * (n // len(QUESTIONS) + 1))[:n]


def _encode_rate(embedder, texts: list[str]) -> float:
    embedder.encode(texts[:16])  # warm-up
    started = time.perf_counter()
    for offset in range(0, len(texts), 256):
        embedder.encode(texts[offset:offset + 256])
    return len(texts) / (time.perf_counter() - started)


def _server_peak_rss(index_dir: Path) -> float:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--index", str(index_dir),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(600):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        from gradio_client import Client

        client = Client(url, verbose=False)
        for q in QUESTIONS[:2]:
            client.predict(q, [], 5, [], api_name="/ask")
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _index_stage(settings: Settings, folder: Path, index_dir: Path, embedder) -> dict:
    from newsdesk.ingest.sync import build_index

    started = time.perf_counter()
    summary = build_index(folder, index_dir, embedder, settings.chunk_tokens,
                          settings.chunk_overlap_sentences)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 1), "articles": summary.articles, "chunks": summary.chunks,
            "chunks_per_s": round(summary.chunks / seconds, 1), "precision": embedder.precision}


def _raw_encode_stage(settings: Settings, retriever, sample: int, index_seconds: float) -> dict:
    """Plain SentenceTransformer.encode on the same chunks: the limit indexing could reach."""
    from newsdesk.ingest.sync import embedding_text
    from newsdesk.models.embedder import SentenceTransformerEmbedder

    texts = [embedding_text(retriever.data.articles[c.article], c.text)
             for c in retriever.data.chunks]
    picked = random.Random(0).sample(texts, min(sample, len(texts))) if sample else texts
    fp32_rate = _encode_rate(SentenceTransformerEmbedder(precision="fp32",
                                                         threads=settings.threads), picked)
    bf16_rate = _encode_rate(SentenceTransformerEmbedder(precision="bf16",
                                                         threads=settings.threads), picked)
    fp32_all_s = len(texts) / fp32_rate
    return {"sample_chunks": len(picked), "fp32_chunks_per_s": round(fp32_rate, 1),
            "bf16_chunks_per_s": round(bf16_rate, 1),
            "fp32_seconds_for_all_chunks": round(fp32_all_s, 1),
            "index_time_over_fp32_encode": round(index_seconds / fp32_all_s, 3)}


def _retrieval_stage(retriever, questions: list[str]) -> dict:
    latencies = []
    for q in questions:
        t = time.perf_counter()
        retriever.search(q, 10)
        latencies.append(time.perf_counter() - t)
    return {"queries": len(questions), "p50": round(1000 * metrics.percentile(latencies, 50), 1),
            "p95": round(1000 * metrics.percentile(latencies, 95), 1)}


def _answer_stage(settings: Settings, retriever, questions: list[str]) -> dict | None:
    """Time to the first useful text (a quoted fact or verdict, or the model's first words),
    time to the model's first token, and generation speed against llama.cpp's counters."""
    from newsdesk.answer.assistant import Answered, Assistant
    from newsdesk.models.llama import LlamaGenerator

    generator = LlamaGenerator(settings.model_path, settings.context_size, settings.threads)
    assistant = Assistant(retriever, generator, settings.answer)
    rows, first_text = [], []
    for q in questions:
        generator.reset_perf()
        t = next(e.result for e in assistant.answer(q) if isinstance(e, Answered)).timings
        if "first_text" in t:
            first_text.append(t["first_text"])
        if "first_token" not in t:
            continue  # answered without the model (a verdict, a story, nothing close)
        perf = generator.perf()
        rows.append({"ttft": t["first_token"], "gen_s": t["last_token"] - t["first_token"],
                     "tokens": max(1, perf["generated_tokens"]),
                     "verify_s": t["total"] - t["last_token"],
                     "prompt_tokens": perf["prompt_tokens"], "prompt_ms": perf["prompt_ms"],
                     "generation_ms": perf["generation_ms"]})
    if not rows:
        return None
    total = lambda key: sum(r[key] for r in rows)  # noqa: E731
    return {
        "model": generator.name, "answers": len(rows), "questions": len(questions),
        "first_text_s_p50": round(metrics.percentile(first_text, 50), 2),
        "ttft_s_mean": round(total("ttft") / len(rows), 2),
        "ttft_s_p50": round(metrics.percentile([r["ttft"] for r in rows], 50), 2),
        "prompt_tokens_mean": round(total("prompt_tokens") / len(rows)),
        "tokens_per_s_pipeline": round((total("tokens") - len(rows)) / max(1e-9, total("gen_s")), 1),
        "tokens_per_s_llama_cpp": round(1000 * total("tokens") / max(1e-9, total("generation_ms")), 1),
        "verify_s_mean": round(total("verify_s") / len(rows), 3),
        "prompt_tokens_per_s_llama_cpp": round(1000 * total("prompt_tokens") /
                                               max(1e-9, total("prompt_ms")), 1),
    }


def run(settings: Settings, data: Path | None, sample: int, questions: int, llm_questions: int,
        with_server: bool = True) -> dict:
    from newsdesk.models.embedder import LazyEmbedder
    from newsdesk.search.retriever import Retriever

    folder = data if data is not None and data.is_dir() else SAMPLE_FOLDER
    report: dict = {"folder": str(folder)}
    index_dir = Path(tempfile.mkdtemp(prefix="newsdesk-bench-")) / "index"
    embedder = LazyEmbedder(precision=settings.embed_precision, threads=settings.threads)
    report["index"] = _index_stage(settings, folder, index_dir, embedder)
    retriever = Retriever.load(index_dir, embedder)
    report["raw_encode"] = _raw_encode_stage(settings, retriever, sample,
                                             report["index"]["seconds"])
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsdesk", "index", str(folder), "--index", str(index_dir)],
                   check=True, capture_output=True)
    report["resync_unchanged_s"] = round(time.perf_counter() - started, 2)
    report["retrieval_ms"] = _retrieval_stage(retriever, _questions(data, questions))
    corpus = "sample" if folder.resolve() == SAMPLE_FOLDER.resolve() else "multihop"
    asked = _everyday_questions(llm_questions, corpus) or (
        _questions(data, llm_questions) if data else QUESTIONS[:llm_questions])
    answers = _answer_stage(settings, retriever, asked)
    if answers:
        report["llm"] = answers
    if with_server:
        report["server_peak_rss_mb"] = round(_server_peak_rss(index_dir), 1)
    return report


def print_table(report: dict) -> None:
    i, r = report["index"], report["raw_encode"]
    rows = [
        ("folder", report["folder"]),
        ("index: wall time", f"{i['seconds']} s for {i['articles']} articles, {i['chunks']} chunks "
                             f"({i['chunks_per_s']} chunks/s, {i['precision']})"),
        ("raw encode fp32 (limit)", f"{r['fp32_chunks_per_s']} chunks/s -> {r['fp32_seconds_for_all_chunks']} s "
                                    f"for all chunks (sample of {r['sample_chunks']})"),
        ("raw encode bf16", f"{r['bf16_chunks_per_s']} chunks/s"),
        ("index time / fp32 encode time", f"{r['index_time_over_fp32_encode']}"),
        ("re-sync, nothing changed", f"{report['resync_unchanged_s']} s (whole command)"),
        ("retrieval latency", f"p50 {report['retrieval_ms']['p50']} ms, p95 {report['retrieval_ms']['p95']} ms "
                              f"over {report['retrieval_ms']['queries']} queries"),
    ]
    if "llm" in report:
        m = report["llm"]
        rows += [
            ("LLM", f"{m['model']}, {m['answers']} answers, {m['prompt_tokens_mean']} prompt tokens on average"),
            ("time to first useful text", f"p50 {m['first_text_s_p50']} s over {m['questions']} "
                                          "questions (a quoted fact or verdict, or the model)"),
            ("time to first model token", f"mean {m['ttft_s_mean']} s, p50 {m['ttft_s_p50']} s "
                                          f"({m['answers']} answers that used the model)"),
            ("generation tokens/s", f"{m['tokens_per_s_pipeline']} (newsdesk stream) vs "
                                    f"{m['tokens_per_s_llama_cpp']} (llama.cpp counters)"),
            ("prompt tokens/s (llama.cpp)", f"{m['prompt_tokens_per_s_llama_cpp']}"),
            ("citation check after the answer", f"{m['verify_s_mean']} s on average"),
        ]
    if "server_peak_rss_mb" in report:
        rows.append(("server peak RSS", f"{report['server_peak_rss_mb']} MB (index loaded, 2 answers)"))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def main(args, settings: Settings) -> int:
    data = Path(args.data) if args.data else None
    report = run(settings, data, args.sample, args.queries, args.llm_questions, not args.no_server)
    print_table(report)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1))
        print(f"figures written to {args.json_out}")
    return 0
