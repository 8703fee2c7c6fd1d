"""Synthetic scale benchmark: flat (exact) vs HNSW search over N unit vectors, in FAISS and,
with --pgvector, in PostgreSQL + pgvector (HNSW, m=16, ef_construction=64).

    python benchmarks/scale.py --n 1000000 [--queries 200] [--json out.json]
    python benchmarks/scale.py --n 100000 --pgvector local          # a temporary pgserver
    python benchmarks/scale.py --n 1000000 --pgvector postgresql://user@host/db

Vectors are 384-d (the embedder's size). Real passage embeddings have a low intrinsic
dimension and cluster by topic, so the vectors are drawn around 2,000 topic centres in a
48-d latent space, projected to 384-d, plus a little isotropic noise; queries are fresh
points from the same topics. (Pure Gaussian noise in 384-d has no near neighbours at all
and says nothing about a real corpus.)
Reports build time, index memory, query p50/p95 and HNSW recall@10 against exact search."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np


def synthetic(n: int, dim: int, topics: int, seed: int, latent: int = 48, block: int = 100_000):
    structure = np.random.default_rng(12345)  # same topics and projection for data and queries
    centres = structure.standard_normal((topics, latent), dtype=np.float32)
    projection = structure.standard_normal((latent, dim), dtype=np.float32) / np.sqrt(latent)
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, block):
        size = min(block, n - start)
        pick = rng.integers(0, topics, size)
        z = centres[pick] + 0.6 * rng.standard_normal((size, latent), dtype=np.float32)
        x = z @ projection + 0.1 * rng.standard_normal((size, dim), dtype=np.float32)
        out[start:start + size] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_queries(index, queries: np.ndarray, k: int = 10):
    times, ids = [], []
    for q in queries:
        t = time.perf_counter()
        _, found = index.search(q.reshape(1, -1), k)
        times.append(time.perf_counter() - t)
        ids.append(found[0])
    return np.array(times) * 1000, np.array(ids)


def recall_at_10(found, truth) -> float:
    return float(np.mean([len(set(f) & set(t_)) / 10 for f, t_ in zip(found, truth)]))


def pgvector_rows(url: str, data: np.ndarray, qs: np.ndarray, truth: np.ndarray,
                  ef_searches: list[int], memory: str = "2GB", m: int = 16,
                  ef_construction: int = 64) -> dict:
    """Load the vectors into a PostgreSQL table (binary COPY), build HNSW, time queries."""
    from newsdesk.index.postgres import ScaleTable

    table = ScaleTable(url)
    t = time.perf_counter()
    table.load(data, lambda done: print(f"  pgvector copied {done:,} ({time.perf_counter() - t:.0f} s)",
                                        file=sys.stderr))
    copy_s = time.perf_counter() - t
    t = time.perf_counter()
    table.build_hnsw(m, ef_construction, memory)
    report = {"copy_s": round(copy_s, 2), "build_s": round(time.perf_counter() - t, 2), "M": m,
              "ef_construction": ef_construction, "by_ef_search": []}
    report["table_mb"], report["index_mb"] = (round(v, 1) for v in table.size_mb())
    print("pgvector", report, file=sys.stderr)
    for ef in ef_searches:
        table.set_ef_search(ef)
        times, found = [], []
        for q in qs:
            started = time.perf_counter()
            found.append(table.search(q, 10))
            times.append((time.perf_counter() - started) * 1000)
        row = {"ef_search": ef, "p50_ms": round(float(np.percentile(times, 50)), 2),
               "p95_ms": round(float(np.percentile(times, 95)), 2),
               "recall@10": round(recall_at_10(found, truth), 4)}
        report["by_ef_search"].append(row)
        print("pgvector", row, file=sys.stderr)
    table.drop()
    return report


def with_pgvector(target: str, run):
    """Run `run(url)` on the given database, or on a temporary pgserver for 'local'."""
    if target != "local":
        return run(target)
    import tempfile

    from newsdesk.app import pg_local

    import shutil

    folder = __import__("pathlib").Path(tempfile.mkdtemp(prefix="newsdesk-scale-"))
    try:
        return run(pg_local.start(folder / "pg"))
    finally:
        pg_local.stop(folder / "pg")
        shutil.rmtree(folder, ignore_errors=True)


def faiss_hnsw_rows(data: np.ndarray, qs: np.ndarray, truth: np.ndarray,
                    ef_searches: list[int]) -> dict:
    """Build FAISS HNSW (M 32, efConstruction 80) and time queries at each efSearch."""
    import faiss

    before_hnsw = rss_mb()
    t = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(data.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 80
    for start in range(0, len(data), 100_000):
        hnsw.add(data[start:start + 100_000])
        print(f"  hnsw added {min(start + 100_000, len(data)):,} ({time.perf_counter() - t:.0f} s)",
              file=sys.stderr)
    build = time.perf_counter() - t
    links_mb = len(data) * 32 * 2 * 4 / 2**20  # level-0 neighbour lists, approximately
    hnsw_report = {"build_s": round(build, 2), "M": 32, "ef_construction": 80,
                   "memory_mb": round(len(data) * data.shape[1] * 4 / 2**20 + links_mb, 1),
                   "rss_growth_mb": round(rss_mb() - before_hnsw, 1), "by_ef_search": []}
    for ef in ef_searches:
        hnsw.hnsw.efSearch = ef
        ms, found = timed_queries(hnsw, qs)
        recall = recall_at_10(found, truth)
        row = {"ef_search": ef, "p50_ms": round(float(np.percentile(ms, 50)), 2),
               "p95_ms": round(float(np.percentile(ms, 95)), 2), "recall@10": round(float(recall), 4)}
        hnsw_report["by_ef_search"].append(row)
        print("hnsw", row, file=sys.stderr)
    return hnsw_report


def main() -> int:
    import faiss

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ef-search", type=int, nargs="+", default=[64, 128, 256])
    parser.add_argument("--pgvector", metavar="URL|local",
                        help="also measure pgvector in this database ('local': a temporary pgserver)")
    parser.add_argument("--pg-ef-search", type=int, nargs="+", default=[40, 100, 200])
    parser.add_argument("--pg-build-memory", default="2GB",
                        help="maintenance_work_mem for the HNSW build (the graph should fit)")
    parser.add_argument("--no-faiss-hnsw", action="store_true",
                        help="skip the FAISS HNSW build (pgvector against exact search only)")
    parser.add_argument("--json")
    args = parser.parse_args()
    base_rss = rss_mb()
    data = synthetic(args.n, args.dim, 2000, seed=0)
    qs = synthetic(args.queries, args.dim, 2000, seed=1)
    data_mb = rss_mb() - base_rss
    print(f"{args.n:,} vectors x {args.dim} ({data_mb:.0f} MB of float32), {faiss.omp_get_max_threads()} threads",
          file=sys.stderr)

    report = {"n": args.n, "dim": args.dim, "queries": args.queries}
    t = time.perf_counter()
    flat = faiss.IndexFlatIP(args.dim)
    flat.add(data)
    before = rss_mb()
    report["flat"] = {"build_s": round(time.perf_counter() - t, 2),
                      "memory_mb": round(args.n * args.dim * 4 / 2**20, 1)}
    flat_ms, truth = timed_queries(flat, qs)
    report["flat"].update(p50_ms=round(float(np.percentile(flat_ms, 50)), 2),
                          p95_ms=round(float(np.percentile(flat_ms, 95)), 2))
    print("flat", report["flat"], file=sys.stderr)

    if not args.no_faiss_hnsw:
        report["hnsw"] = faiss_hnsw_rows(data, qs, truth, args.ef_search)
    del flat  # free the exact index before PostgreSQL builds its own
    if args.pgvector:
        report["pgvector"] = with_pgvector(args.pgvector, lambda url: pgvector_rows(
            url, data, qs, truth, args.pg_ef_search, args.pg_build_memory))
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    print("\n| index | build s | memory MB | p50 ms | p95 ms | recall@10 |")
    print("|---|---|---|---|---|---|")
    f = report["flat"]
    print(f"| flat (exact) | {f['build_s']} | {f['memory_mb']} | {f['p50_ms']} | {f['p95_ms']} | 1.0 |")
    h = report.get("hnsw", {})
    for row in h.get("by_ef_search", []):
        print(f"| HNSW M=32 efSearch={row['ef_search']} | {h['build_s']} | {h['memory_mb']} | "
              f"{row['p50_ms']} | {row['p95_ms']} | {row['recall@10']} |")
    p = report.get("pgvector")
    for row in (p or {}).get("by_ef_search", []):
        print(f"| pgvector HNSW m={p['M']} ef_search={row['ef_search']} | {p['build_s']} "
              f"(+{p['copy_s']} COPY) | {p['table_mb']} + {p['index_mb']} on disk | "
              f"{row['p50_ms']} | {row['p95_ms']} | {row['recall@10']} |")
    print(f"peak RSS {report['peak_rss_mb']} MB (this process; PostgreSQL's memory not included)")
    if args.json:
        open(args.json, "w").write(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
