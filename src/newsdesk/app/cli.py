"""`newsdesk index | ask | search | serve | eval` - the command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from newsdesk.errors import BadInputError, NewsdeskError
from newsdesk.search.filters import SearchFilters
from newsdesk.settings import OPTIONS, Settings, load_settings


def _settings(args: argparse.Namespace) -> Settings:
    """Settings from the flags this command has (each declared once, in settings.OPTIONS),
    pointing at the chosen collection's index."""
    from newsdesk.index.collections import settings_for

    return settings_for(load_settings(**{o.name: getattr(args, o.name, None) for o in OPTIONS}))


def _assistant(runtime, load_generator: bool):
    """The runtime's assistant, or one over every collection for `--collection all`."""
    from newsdesk.index.collections import is_all

    if is_all(runtime.settings.collection):
        from newsdesk.app.collections import Collections

        return Collections(runtime).all_assistant()
    return runtime.assistant if load_generator else runtime.reload()


def _filters(args: argparse.Namespace) -> SearchFilters:
    return SearchFilters(outlets=tuple(args.outlet or ()), date_from=args.since or "",
                         date_to=args.until or "")


def make_runtime(settings: Settings, load_generator: bool):
    """The seam where the CLI gets its runtime; tests pass one built on fakes to `main`."""
    from newsdesk.app.runtime import Runtime

    return Runtime(settings, load_generator=load_generator)


_runtime = make_runtime


class _Bar:
    """A tqdm progress bar per indexing stage, on stderr."""

    def __init__(self):
        from tqdm import tqdm

        self._tqdm = tqdm
        self._bars: dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = self._tqdm(total=total, desc=f"{stage:>9}", unit=" items",
                                                 file=sys.stderr, leave=True)
        bar.total = total
        bar.n = done
        bar.refresh()

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()


def cmd_index(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if settings.collection is not None:
        from newsdesk.index.collections import check_name

        check_name(settings.collection)  # one collection at a time, never "all"
    runtime = _runtime(settings, load_generator=False)
    bar = _Bar()
    summary = runtime.index(Path(args.path), full=args.full, progress=bar,
                            wait_for_lock=not args.no_wait)
    bar.close()
    if args.json:
        print(json.dumps(summary.to_dict(), indent=1))
        return 0
    state = "up to date" if summary.up_to_date else "built"
    print(f"Index {state} in {summary.seconds:.1f} s: {summary.articles} articles, "
          f"{summary.chunks} chunks from {summary.files} files "
          f"({summary.new_files} new or changed, {summary.reused_files} unchanged, "
          f"{summary.removed_files} removed, {summary.duplicates} duplicates, "
          f"{summary.embedded_chunks} chunks embedded) -> {summary.index_dir}")
    if summary.skipped:
        print(f"Skipped {len(summary.skipped)} files:")
        for item in summary.skipped:
            print(f"  {item.path}: {item.reason}")
    return 0


def _print_sources(sources, only_cited: bool = False) -> None:
    for s in sources:
        if only_cited and not s.cited:
            continue
        p = s.passage
        meta = p.label().replace(", ", " | ")
        mark = "*" if s.cited else " "
        print(f"\n{mark}[{s.n}] {p.title}" + (f" ({meta})" if meta else ""))
        print(f"     {p.path}" + (f", p. {p.page}" if p.page else "") + (f"  {p.url}" if p.url else ""))
        if p.also_in:
            print("     also ran in: " + _copies_line(p.also_in))
        print("     " + p.text.replace("\n", " ")[:600])


def _copies_line(copies: list[dict]) -> str:
    return ", ".join(f"{c['outlet'] or c['path']} ({c['published']})" if c["published"]
                     else c["outlet"] or c["path"] for c in copies)


DRAFT_LABEL = "Draft, before its citations are checked: "


def _answer_one(assistant, question: str, history, filters, stream_to_stdout: bool):
    """The answer's result; streamed to stdout as it is written when asked. The quoted
    evidence streams as it is (it is checked already); the model's words are labelled a
    draft, since checking may drop a sentence or move a citation to the passage that
    supports it, and the checked answer is printed after."""
    from newsdesk.answer.assistant import Answered, Token

    result, streamed, drafting = None, False, False
    for event in assistant.answer(question, history, filters=filters):
        if isinstance(event, Token) and stream_to_stdout:
            if not event.evidence and not drafting:
                drafting = True
                print(("\n" if streamed else "") + DRAFT_LABEL, end="")
            print(event.text, end="", flush=True)
            streamed = True
        elif isinstance(event, Answered):
            result = event.result
    return result


def _read_batch(path: str) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    raise NewsdeskError(f"{path} line {number} is not valid JSON") from None
                if not isinstance(item, dict) or "question" not in item and "query" not in item:
                    raise NewsdeskError(f"{path} line {number} needs an 'id' and a 'question'")
                items.append(item)
    return items


def _read_history(path: str) -> list[dict]:
    try:
        history = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInputError(f"Cannot read --history {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise BadInputError(f"--history {path} is not valid JSON ({exc.msg}, line {exc.lineno})"
                            ) from None
    if not isinstance(history, list) or not all(
            isinstance(t, dict) and isinstance(t.get("content"), str) for t in history):
        raise BadInputError("--history must be a JSON list of {\"role\": ..., \"content\": ...} "
                            "objects")
    return history


def cmd_ask(args: argparse.Namespace) -> int:
    settings = _settings(args)
    assistant = _assistant(_runtime(settings, load_generator=True), load_generator=True)
    filters = _filters(args)
    if args.batch:
        for item in _read_batch(args.batch):
            result = _answer_one(assistant, item.get("question") or item.get("query"), [],
                                 filters, False)
            print(json.dumps(dict(id=item.get("id"), **result.to_dict()), ensure_ascii=False),
                  flush=True)
        return 0
    history = _read_history(args.history) if args.history else []
    if args.json:
        result = _answer_one(assistant, args.question, history, filters, False)
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return 0
    result = _answer_one(assistant, args.question, history, filters, True)
    print("\n")
    if result.query != result.question:
        print(f"(searched for: {result.query})")
    print("Answer: " + result.answer)
    for sentence in result.sentences:
        if not sentence.supported:
            print(f"  ! unverified: {sentence.text}")
    for notice in result.notices:
        print(f"  note: {notice}")
    print("\nSources" + (" (related, none answers the question)" if result.abstained else "") + ":")
    _print_sources(result.sources)
    t = result.timings
    print(f"\n(retrieval {t.get('retrieval', 0):.2f} s, first token "
          f"{t.get('first_token', 0):.2f} s, total {t.get('total', 0):.2f} s)")
    return 0


def _search_results(assistant, query: str, k: int, filters) -> list[dict]:
    return [p.search_result() for p in assistant.search(query, k, filters)]


def cmd_search(args: argparse.Namespace) -> int:
    settings = _settings(args)
    assistant = _assistant(_runtime(settings, load_generator=False), load_generator=False)
    filters = _filters(args)
    k = args.top_k or 10
    if args.batch:
        for item in _read_batch(args.batch):
            results = _search_results(assistant, item.get("question") or item.get("query"), k,
                                      filters)
            print(json.dumps({"id": item.get("id"), "results": results}, ensure_ascii=False),
                  flush=True)
        return 0
    results = _search_results(assistant, args.query, k, filters)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for rank, r in enumerate(results, start=1):
        meta = " | ".join(x for x in (r["outlet"], r["published"]) if x)
        print(f"{rank:>2}. {r['score']:.4f}  {r['title']} ({meta})  {r['path']}")
        if r["also_in"]:
            print("     also ran in: " + _copies_line(r["also_in"]))
        print("     " + r["text"].replace("\n", " ")[:300])
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    if not (args.topic or "").strip():
        raise BadInputError('Name a story, for example: newsdesk timeline "UAW strike"')
    assistant = _runtime(_settings(args), load_generator=False).reload()
    entries = assistant.timeline(args.topic, _filters(args))
    if args.json:
        print(json.dumps({"topic": args.topic, "entries": [e.to_dict(n) for n, e in
                                                            enumerate(entries, start=1)]},
                         ensure_ascii=False, indent=1))
        return 0
    if not entries:
        print("No articles on this story were found.")
    for n, e in enumerate(entries, start=1):
        entry = e.to_dict(n)
        print(f"{n:>2}. {entry['published'][:10] or 'undated'}  {entry['outlet']}: "
              f"“{entry['sentence']}”\n    {entry['title']}  {entry['path']}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from newsdesk.app.web import serve

    settings = _settings(args)
    watched = args.corpus_dir or settings.watch  # watching a folder syncs with it first
    serve(settings, rebuild_folder=settings.corpus_dir if watched else None, watch=settings.watch)
    return 0


def cmd_collections(args: argparse.Namespace) -> int:
    from newsdesk.index.collections import list_collections, root_of

    settings = _settings(args)
    found = list_collections(root_of(settings))
    if args.json:
        print(json.dumps([dict(c.__dict__, index_dir=str(c.index_dir)) for c in found], indent=1))
        return 0
    if not found:
        print(f"No collections in {root_of(settings)}: newsdesk index FOLDER [--collection NAME]")
    for c in found:
        print(f"{c.name:<20} {c.articles:>6} articles {c.chunks:>7} chunks  {c.built[:19]}  "
              f"{c.folder}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from newsdesk.history import commands

    return commands.main(args, _settings(args))


def cmd_api(args: argparse.Namespace) -> int:
    from newsdesk.app.server import serve

    settings = _settings(args)
    serve(settings, rebuild_folder=settings.corpus_dir if args.corpus_dir else None, chat=False)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from newsdesk.eval import commands

    return commands.main(args, _settings(args))


def cmd_bench(args: argparse.Namespace) -> int:
    from newsdesk.eval import bench

    return bench.main(args, _settings(args))


def cmd_pg_local(args: argparse.Namespace) -> int:
    from newsdesk.app import pg_local

    data_dir = Path(args.data_dir) if args.data_dir else pg_local.default_data_dir()
    if args.stop:
        pg_local.stop(data_dir)
        print(f"Stopped the PostgreSQL server in {data_dir}")
        return 0
    url = pg_local.start(data_dir)
    print(f"PostgreSQL with pgvector is running (files in {data_dir}).\nUse it with:\n"
          f"  newsdesk index FOLDER --store '{url}'\n  newsdesk serve --store '{url}'\n"
          f"Stop it with: newsdesk pg-local --stop")
    return 0


def _pg_local_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="where the database files live "
                   "(default ~/.cache/newsdesk/postgres)")
    p.add_argument("--stop", action="store_true", help="stop the server instead")


def _add_options(p: argparse.ArgumentParser, *groups: str) -> None:
    """The settings flags of these groups ("common" always), with their variables in --help."""
    for option in OPTIONS:
        if option.group == "common" or option.group in groups:
            if option.type is bool:  # a switch: on when given, else from the variable
                kind = {"action": "store_const", "const": True}
            else:
                kind = {"type": option.type, "action": "append" if option.repeat else "store"}
            p.add_argument(*option.flags, dest=option.name, help=f"{option.help} [{option.env}]",
                           **kind)


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--outlet", "--source", dest="outlet", action="append",
                   help="only this outlet (repeatable)")
    p.add_argument("--since", help="only articles published on or after YYYY-MM-DD")
    p.add_argument("--until", help="only articles published on or before YYYY-MM-DD")


def _index_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="folder of .txt/.md/.html/.json/.jsonl articles")
    p.add_argument("--full", action="store_true", help="rebuild everything, reuse nothing")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--no-wait", action="store_true",
                   help="fail at once if another run is updating the same index")


def _output_arguments(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", help=f"JSONL file of {{id, question}}; one JSON {what} per line")
    _add_filters(p)


def _ask_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", nargs="?", default="")
    p.add_argument("--history", help="JSON file: earlier turns [{role, content}, ...]")
    _output_arguments(p, "answer")


def _search_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", default="")
    _output_arguments(p, "result")


def _timeline_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("topic", nargs="?", default="", help='the story, e.g. "UAW strike"')
    p.add_argument("--json", action="store_true")
    _add_filters(p)


def _eval_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=["retrieval", "answers", "everyday", "time", "duplicates"])
    p.add_argument("--data", type=Path, help="MultiHop-RAG folder (retrieval, answers; default "
                   "../shared/eval/multihop-rag) or question file (everyday, time; default "
                   "eval/everyday.jsonl, eval/time.jsonl)")
    p.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", dest="json_out", help="write the figures to this file")
    p.add_argument("--similarity", type=float,
                   help="duplicates: one shingle-similarity cut instead of the sweep")


def _history_arguments(p: argparse.ArgumentParser) -> None:
    from newsdesk.history.commands import add_arguments

    add_arguments(p)


def _bench_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default="../shared/eval/multihop-rag/articles",
                   help="folder to index (default: the MultiHop-RAG articles; sample if absent)")
    p.add_argument("--sample", type=int, default=1000, help="chunks for the raw encode limit (0 = all)")
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--llm-questions", type=int, default=8)
    p.add_argument("--no-server", action="store_true", help="skip the server memory reading")
    p.add_argument("--json", dest="json_out", help="write the figures to this file")


COMMANDS = [  # name, help, function, its arguments, the settings groups it takes
    ("index", "build or update the index from a folder of articles", cmd_index,
     _index_arguments, ("collection",)),
    ("ask", "answer a question with cited passages", cmd_ask, _ask_arguments,
     ("model", "answer", "collection", "time")),
    ("search", "top passages for a query, without the language model", cmd_search,
     _search_arguments, ("answer", "collection", "time")),
    ("timeline", "a story's articles in date order, each with what it added", cmd_timeline,
     _timeline_arguments, ("time", "collection")),
    ("serve", "serve the web chat and the HTTP API", cmd_serve, lambda p: None,
     ("model", "serve", "history", "collection", "time")),
    ("api", "serve the HTTP API alone (OpenAI-compatible)", cmd_api, lambda p: None,
     ("model", "serve", "collection", "time")),
    ("collections", "list the collections (named indexes)", cmd_collections,
     lambda p: p.add_argument("--json", action="store_true"), ()),
    ("history", "saved conversations: list, show ID, export ID --format md|json", cmd_history,
     _history_arguments,
     ("history",)),
    ("eval", "evaluations: MultiHop-RAG retrieval and answers, everyday questions", cmd_eval,
     _eval_arguments, ("model", "answer")),
    ("bench", "speed of every stage on this machine", cmd_bench, _bench_arguments, ("model",)),
    ("pg-local", "start a local PostgreSQL with pgvector for --store (needs pgserver)",
     cmd_pg_local, _pg_local_arguments, ()),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdesk", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text, function, add_arguments, groups in COMMANDS:
        p = sub.add_parser(name, help=help_text)
        add_arguments(p)
        _add_options(p, *groups)
        p.set_defaults(func=function)
    return parser


def main(argv: list[str] | None = None, runtime_factory=None) -> int:
    global _runtime
    _runtime = runtime_factory or make_runtime
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsdesk: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
