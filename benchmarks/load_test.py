"""Load: N simulated users asking questions through gradio_client (the chat) or through the
HTTP API's /v1/chat/completions (`--api`, non-streaming) for a fixed time.

    python benchmarks/load_test.py                # starts a server on the sample folder
    python benchmarks/load_test.py --url http://127.0.0.1:7860/ --users 8 --seconds 120
    python benchmarks/load_test.py --api --users 8 --seconds 120 [--api-key KEY]

Prints questions answered, errors, latency p50/p95 and the server's memory over the run
(start, peak, end). Sends traffic only to the loopback server it is given or starts."""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

QUESTIONS = [
    "What did Seoul provide to Ukraine?",
    "How did Putin react to South Korea's plans?",
    "How many containers did North Korea ship to Russia?",
    "How many K2 tanks will Poland buy?",
    "Who did the South Korean foreign ministry summon?",
    "What is Japan sending to Ukraine?",
    "Why is Ukraine rationing power?",
    "Who won the 2022 football World Cup?",
]


def rss_mb(pid: int) -> float:
    total = 0.0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def children(pid: int) -> list[int]:
    try:
        out = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(x) for x in out]


def start_server(port: int, api_key: str | None = None) -> subprocess.Popen:
    """`newsdesk serve` on the sample folder; the API's rate limit off (this measures the
    server, not the limiter)."""
    index = tempfile.mkdtemp(prefix="newsdesk-load-")
    extra = ["--api-key", api_key] if api_key else []
    proc = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--index", index,
                             "--port", str(port), "--api-rate-limit", "0", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def chat_asker(url: str):
    """One chat user: question -> answer text, through the Gradio API the page uses."""
    from gradio_client import Client

    client = Client(url, verbose=False)

    def ask(question: str) -> str:
        chat, *_ = client.predict(question, [], 5, [], api_name="/ask")
        text = json.dumps(chat[-1]["content"])
        if not text.strip() or "⚠️" in text:
            raise RuntimeError(f"bad answer: {text[:200]}")
        return text

    return ask


def api_asker(url: str, key: str | None):
    """One API client: question -> answer text, through POST /v1/chat/completions."""
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"

    def ask(question: str) -> str:
        body = json.dumps({"model": "newsdesk", "messages": [{"role": "user",
                                                             "content": question}]}).encode()
        request = urllib.request.Request(url + "v1/chat/completions", data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=600) as response:
            answer = json.loads(response.read())
        text = answer["choices"][0]["message"]["content"]
        if not text.strip() or "sources" not in answer:
            raise RuntimeError(f"bad answer: {json.dumps(answer)[:200]}")
        return text

    return ask


def run_users(make_ask, users: int, seconds: float, pid: int | None) -> dict:
    """`users` threads, each asking questions in turn with its own `make_ask()` until time
    is up; the answers' latencies, the errors and the server's memory each second."""
    memory: list[float] = []
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.time() + seconds
    done = threading.Event()

    def sample():
        while not done.is_set():
            if pid:
                memory.append(rss_mb(pid))
            time.sleep(1)

    def user(number: int):
        ask = make_ask()
        i = number
        while time.time() < stop_at:
            question = QUESTIONS[i % len(QUESTIONS)]
            i += 1
            t0 = time.perf_counter()
            try:
                ask(question)
                with lock:
                    latencies.append(time.perf_counter() - t0)
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:300])

    threading.Thread(target=sample, daemon=True).start()
    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    return {"latencies": latencies, "errors": errors, "memory": memory,
            "elapsed": time.time() - started}


def summary(run: dict, users: int, mode: str) -> dict:
    ordered, memory, elapsed = sorted(run["latencies"]), run["memory"], run["elapsed"]

    def pct(q):
        return ordered[min(len(ordered) - 1, int(q / 100 * (len(ordered) - 1) + 0.5))] if ordered else 0.0

    return {"mode": mode, "users": users, "seconds": round(elapsed, 1), "answered": len(ordered),
            "errors": len(run["errors"]), "error_samples": run["errors"][:5],
            "latency_s": {"p50": round(pct(50), 2), "p95": round(pct(95), 2)},
            "throughput_per_min": round(60 * len(ordered) / elapsed, 1),
            "memory_mb": {"start": round(memory[0], 1) if memory else None,
                          "peak": round(max(memory), 1) if memory else None,
                          "end": round(memory[-1], 1) if memory else None}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url")
    parser.add_argument("--pid", type=int, help="server process id, for memory readings")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--api", action="store_true",
                        help="call the HTTP API's /v1/chat/completions instead of the chat")
    parser.add_argument("--api-key", help="bearer key for --api (the server's --api-key)")
    args = parser.parse_args()

    server = None
    if args.url is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = start_server(port, args.api_key)
        args.url, args.pid = f"http://127.0.0.1:{port}/", server.pid
    if not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise SystemExit("load tests only target loopback servers")
    make_ask = ((lambda: api_asker(args.url, args.api_key)) if args.api else
                (lambda: chat_asker(args.url)))
    run = run_users(make_ask, args.users, args.seconds, args.pid)
    if server is not None:
        server.terminate()
        server.wait(timeout=30)
    report = summary(run, args.users, "api" if args.api else "chat")
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0 if not run["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
