"""The only importer of gradio: the web chat. Loads no model at import; `build_app` takes a
ready Runtime. Article text and model output are untrusted: always escaped, never raw HTML."""

from __future__ import annotations

import html
import logging
import re
import shutil
import threading
from pathlib import Path

import gradio as gr

from newsdesk.answer.result import Answered, Retrieved, Source, Token
from newsdesk.settings import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.search.filters import SearchFilters
from newsdesk.app.runtime import Runtime
from newsdesk.app.time_view import CSS as TIME_CSS, checked_as_of, timeline_events

log = logging.getLogger("newsdesk.ui")

CSS = """
.nd-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; margin: 0 0 10px 0;}
.nd-card.nd-cited {border-color: #2f81f7; box-shadow: 0 0 0 1px #2f81f7;}
.nd-card h4 {margin: 0 0 4px 0; font-size: 15px;}
.nd-meta {color: #57606a; font-size: 12px; margin-bottom: 6px;}
.nd-passage {font-size: 13px; line-height: 1.45; white-space: pre-wrap;}
.nd-passage mark {background: #fff3a3; padding: 0 1px;}
.nd-warn {color: #9a6700; font-size: 13px;}
.nd-flash {background: #fff8c5;}
.nd-error {border: 1px solid #cf222e; border-radius: 8px; padding: 8px 12px; color: #cf222e;}
.nd-num {display: inline-block; min-width: 1.6em; margin-right: 0.3em; font-weight: bold; color: #2f81f7;}
"""
# Clicking a [n] marker in an answer brings source card n into view (and flashes it).
JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href*="#source-"]');
    if (!link) return;
    const id = link.getAttribute('href').split('#').pop();
    const card = document.getElementById(id);
    if (!card) return;
    event.preventDefault();
    event.stopPropagation();
    card.scrollIntoView({behavior: 'smooth', block: 'center'});
    card.classList.add('nd-flash');
    setTimeout(() => card.classList.remove('nd-flash'), 1500);
  }, true);
}
"""
EXAMPLES = [
    "What did Seoul provide to Ukraine?",
    "How did Putin react to South Korea's plans?",
    "How many containers did North Korea ship to Russia?",
]


def _escape(text: str) -> str:
    return html.escape(text or "", quote=True)


def passage_html(source: Source, article_text: str | None = None) -> str:
    """Passage text with its supporting sentences wrapped in <mark>; everything else escaped."""
    p = source.passage
    spans = sorted((max(h.start, p.start), min(h.end, p.end)) for h in source.highlights
                   if h.end > p.start and h.start < p.end)
    out, cursor = [], p.start
    for start, end in spans:
        if start < cursor:
            continue
        out.append(_escape(p.text[cursor - p.start:start - p.start]))
        out.append("<mark>" + _escape(p.text[start - p.start:end - p.start]) + "</mark>")
        cursor = end
    out.append(_escape(p.text[cursor - p.start:]))
    return "".join(out)


def sources_html(sources: list[Source], article_text=None, abstained: bool = False,
                 pending: bool = False) -> str:
    if not sources:
        return "<div class='nd-meta'>Sources for the answer appear here.</div>"
    heading = ("Related passages (the articles do not answer this)" if abstained else
               "Sources found, answer in progress..." if pending else "Sources")
    cards = [f"<div class='nd-meta'><b>{heading}</b></div>"]
    for s in sources:
        p = s.passage
        meta = " · ".join(_escape(x) for x in (p.outlet, p.published) if x)
        link = ""
        if p.url and re.match(r"^https?://", p.url):
            link = f" · <a href='{_escape(p.url)}' target='_blank' rel='noopener noreferrer'>link</a>"
        whole = ""
        if article_text is not None:
            whole = ("<details><summary>Read the whole article</summary><div class='nd-passage'>"
                     f"{_escape(article_text(p.article_row))}</div></details>")
        cited = " nd-cited" if s.cited else ""
        cards.append(
            f"<div class='nd-card{cited}' id='source-{s.n}'><h4><span class='nd-num'>[{s.n}]</span>"
            f"{_escape(p.title)}</h4><div class='nd-meta'>{meta}{link} · {_escape(p.path)}</div>"
            f"<div class='nd-passage'>{passage_html(s)}</div>{whole}</div>")
    return "\n".join(cards)


def _markdown_safe(text: str) -> str:
    """Model output shown as text: escape HTML and markdown link/image syntax."""
    text = html.escape(text or "", quote=False)
    return re.sub(r"([\[\]()!`*_#|>])", r"\\\1", text)


def answer_markdown(result) -> str:
    if result.abstained or not result.sentences:
        body = _markdown_safe(result.answer)
        stopped = [n for n in result.notices if n.startswith("Stopped")]
        return (body + "".join(f"\n\n*({_markdown_safe(n)})*" for n in stopped)).strip()
    parts, quotes = [], []
    for sentence in result.sentences:
        text = _markdown_safe(sentence.text)
        marks = " ".join(f"[[{n}]](#source-{n})" for n in sentence.citations)
        flag = "" if sentence.supported else " ⚠️ *unverified*"
        (quotes if sentence.evidence else parts).append(f"{text} {marks}{flag}".strip())
    body = " ".join(parts) or _markdown_safe(result.answer)
    if quotes:  # the sentences stating the question's claims, quoted from the passages
        body += "\n\n**Evidence**\n" + "\n".join(f"- {q}" for q in quotes)
    if result.extractive:
        body += "\n\n*(quoted from the best matching passage: the model's own answer could not be verified)*"
    for notice in result.notices:
        if notice.startswith("Stopped"):
            body += f"\n\n*({_markdown_safe(notice)})*"
    return body


def status_markdown(runtime: Runtime) -> str:
    s = runtime.status()
    return (f"**Folder:** `{s['folder'] or '-'}`  \n**Articles:** {s['articles']} · "
            f"**Chunks:** {s['chunks']} · **Index type:** {s['index_type'] or '-'}  \n"
            f"**Embedder:** {s['embedder']}  \n**Model:** {s['model']}  \n"
            f"**Last built:** {s['built'] or '-'}  \n**Index folder:** `{s['index_dir']}`")


def examples_for(runtime: Runtime) -> list[str]:
    """Curated questions for the bundled sample; otherwise questions about recent titles."""
    folder = runtime.status()["folder"]
    if folder and Path(folder).resolve() == runtime.settings.corpus_dir.resolve():
        return EXAMPLES
    try:
        articles = runtime.retriever().data.articles
    except NewsdeskError:
        return []
    recent = sorted(articles, key=lambda a: a.get("published", ""), reverse=True)[:3]
    return [f"What happened in \"{a['title'][:80]}\"?" for a in recent if a.get("title")]


def _chat_tab(runtime: Runtime) -> dict:
    with gr.Tab("Chat"):
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Conversation", height=460, elem_id="nd-chat",
                                     sanitize_html=True, buttons=["copy"])
                with gr.Row():
                    question = gr.Textbox(placeholder="Ask about your articles and press Enter",
                                          show_label=False, scale=5, elem_id="nd-question",
                                          max_lines=4)
                    send = gr.Button("Send", variant="primary", scale=1, elem_id="nd-send")
                    stop = gr.Button("Stop", variant="stop", scale=1, elem_id="nd-stop")
                examples = examples_for(runtime)
                if examples:
                    gr.Examples(examples, inputs=question, label="Examples")
                query_info = gr.Markdown("", elem_id="nd-query")
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html([]), elem_id="nd-sources")
    return dict(chatbot=chatbot, question=question, send=send, stop=stop,
                query_info=query_info, sources=sources)


def _library_tab(runtime: Runtime) -> dict:
    with gr.Tab("Library"):
        status = gr.Markdown(status_markdown(runtime), elem_id="nd-status")
        folder = gr.Textbox(label="Rebuild the index from this folder",
                            value=str(runtime.status()["folder"] or ""), elem_id="nd-folder")
        rebuild = gr.Button("Rebuild index", elem_id="nd-rebuild")
        uploads = gr.File(label="Add article files (.txt .md .html .json .jsonl)",
                          file_count="multiple", elem_id="nd-upload")
        library_log = gr.Markdown("", elem_id="nd-library-log")
    return dict(status=status, folder=folder, rebuild=rebuild, uploads=uploads,
                library_log=library_log)


def _settings_tab(runtime: Runtime, outlets: list[str]) -> dict:
    with gr.Tab("Settings"):
        top_k = gr.Slider(1, 10, value=runtime.settings.top_k, step=1,
                          label="Passages given to the model")
        outlet = gr.Dropdown(choices=outlets, multiselect=True, label="Only these outlets")
        date_from = gr.Textbox(label="Published on or after (YYYY-MM-DD)")
        date_to = gr.Textbox(label="Published on or before (YYYY-MM-DD)")
        as_of = gr.Textbox(label="Answer as of (YYYY-MM-DD): 'latest' and 'this week' are read "
                           "against it, later articles are left out (empty: today)",
                           value=runtime.settings.answer.as_of, elem_id="nd-as-of")
        gr.Markdown(f"**Model:** {_escape(runtime.status()['model'])}  \n"
                    f"**Embedder:** {_escape(runtime.status()['embedder'])}  \n"
                    "Answers use only your articles; nothing leaves this machine.")
    return dict(top_k=top_k, outlet=outlet, date_from=date_from, date_to=date_to, as_of=as_of)


def _timeline_tab(runtime: Runtime, ui: dict) -> None:
    """A story's articles in date order (answer/timeline.py), with the chat's filters and
    its as-of date."""
    with gr.Tab("Timeline"):
        with gr.Row():
            topic = gr.Textbox(placeholder="A story, e.g. the strike at the port", scale=5,
                               show_label=False, elem_id="nd-timeline-topic")
            show = gr.Button("Show timeline", variant="primary", scale=1,
                             elem_id="nd-timeline-go")
        view = gr.HTML("", elem_id="nd-timeline")

    def build(text, outlets_chosen, since, until, as_of):
        return timeline_events(runtime, text, outlets_chosen, since, until, as_of)

    inputs = [topic, ui["outlet"], ui["date_from"], ui["date_to"], ui["as_of"]]
    topic.submit(build, inputs, [view], concurrency_limit=1, concurrency_id="timeline")
    show.click(build, inputs, [view], concurrency_limit=1, concurrency_id="timeline")


def _wire_chat(runtime: Runtime, ui: dict, cancel_state) -> None:
    def respond(message, history, k, outlets_chosen, since, until, as_of,
                request: gr.Request = None):
        yield from respond_events(runtime, message, history, k, outlets_chosen, since, until,
                                  as_of)

    def stop_answer(cancel):
        if cancel is not None:
            cancel.set()
        return cancel

    inputs = [ui["question"], ui["chatbot"], ui["top_k"], ui["outlet"], ui["date_from"],
              ui["date_to"], ui["as_of"]]
    outputs = [ui["chatbot"], ui["sources"], ui["query_info"], cancel_state, ui["question"]]
    ui["question"].submit(respond, inputs, outputs, concurrency_limit=1,
                          concurrency_id="answer", api_name="ask")
    ui["send"].click(respond, inputs, outputs, concurrency_limit=1, concurrency_id="answer",
                     api_visibility="private")
    ui["stop"].click(stop_answer, [cancel_state], [cancel_state], queue=False)


def _wire_library(runtime: Runtime, ui: dict) -> None:
    def do_rebuild(path, progress=gr.Progress()):
        path = (path or "").strip()
        if not path:
            yield "Type the path of a folder of articles first.", gr.update()
            return
        yield from _run_index(runtime, Path(path).expanduser(), progress)

    def do_upload(files, progress=gr.Progress()):
        if not files:
            yield "", gr.update()
            return
        target = Path(runtime.status()["folder"] or runtime.settings.corpus_dir)
        if runtime.settings.corpus_dir.resolve() == target.resolve() or not _writable(target):
            target = runtime.settings.index_dir.parent / "uploads"
            _seed_uploads(runtime, target)
        target.mkdir(parents=True, exist_ok=True)
        names = []
        for f in files:
            src = Path(getattr(f, "name", f))
            name = re.sub(r"[^\w.\- ]", "_", src.name)[:120] or "upload.txt"
            shutil.copyfile(src, target / name)
            names.append(name)
        yield f"Added {', '.join(names)} to `{target}`; indexing...", gr.update()
        yield from _run_index(runtime, target, progress)

    outputs = [ui["library_log"], ui["status"]]
    ui["rebuild"].click(do_rebuild, [ui["folder"]], outputs, concurrency_limit=1,
                        concurrency_id="index")
    ui["uploads"].upload(do_upload, [ui["uploads"]], outputs, concurrency_limit=1,
                         concurrency_id="index")


def build_app(runtime: Runtime) -> gr.Blocks:
    try:
        outlets = runtime.retriever().outlet_names
    except NewsdeskError as exc:
        runtime.last_error = runtime.last_error or str(exc)
        outlets = []
    with gr.Blocks(title="newsdesk") as app:
        cancel_state = gr.State(None)
        gr.Markdown("## newsdesk: ask your news archive\nEvery answer cites the passages it "
                    "comes from; the supporting sentence is highlighted.")
        gr.HTML(f"<div class='nd-error' id='nd-error'>⚠️ {_escape(runtime.last_error)}</div>"
                if runtime.last_error else "", elem_id="nd-error-box")
        ui = {**_chat_tab(runtime), **_library_tab(runtime), **_settings_tab(runtime, outlets)}
        _timeline_tab(runtime, ui)
        _wire_chat(runtime, ui, cancel_state)
        _wire_library(runtime, ui)
    app.queue(default_concurrency_limit=1)
    return app


def respond_events(runtime: Runtime, message: str, history: list, k: int,
                   outlets_chosen=(), since: str = "", until: str = "", as_of: str = ""):
    """The chat's answer to one message, as successive (chat, sources, searched-for note,
    cancel event, question box) updates: the sources as soon as they are found, the answer
    as it is written, then the verified answer with its citations and highlights."""
    history = list(history or [])
    cancel = threading.Event()
    if not (message or "").strip():
        yield history, sources_html([]), "", cancel, gr.update()
        return
    turns = [{"role": t["role"], "content": _plain(t["content"])} for t in history]
    history.append({"role": "user", "content": _markdown_safe(message)})
    history.append({"role": "assistant", "content": "…"})
    yield history, sources_html([]), "", cancel, ""
    filters = SearchFilters(outlets=tuple(outlets_chosen or ()), date_from=since or "",
                            date_to=until or "")
    streamed, found = "", []
    try:
        assistant = runtime.assistant
        for event in assistant.answer(message, turns, filters=filters, top_k=int(k),
                                      cancel=cancel, as_of=checked_as_of(as_of)):
            if isinstance(event, Retrieved):
                found = event.sources
                info = (f"Searched for: *{_markdown_safe(event.query)}*"
                        if event.query != message.strip() else "")
                yield history, sources_html(found, pending=True), info, cancel, ""
            elif isinstance(event, Token):
                streamed += event.text
                history[-1] = {"role": "assistant", "content": _markdown_safe(streamed)}
                yield history, gr.update(), gr.update(), cancel, ""
            elif isinstance(event, Answered):
                result = event.result
                history[-1] = {"role": "assistant", "content": answer_markdown(result)}
                yield (history, sources_html(result.sources, assistant.retriever.article_text,
                                             abstained=result.abstained),
                       gr.update(), cancel, "")
    except NewsdeskError as exc:
        history[-1] = {"role": "assistant", "content": f"⚠️ {_markdown_safe(str(exc))}"}
        yield history, sources_html(found), gr.update(), cancel, ""


def _writable(folder: Path) -> bool:
    return folder.is_dir() and shutil.os.access(folder, shutil.os.W_OK)


def _seed_uploads(runtime: Runtime, target: Path) -> None:
    """Uploads go to a folder of the user's own, which starts as a copy of the current corpus
    (so that indexing it keeps what was already there)."""
    if target.exists():
        return
    source = Path(runtime.status()["folder"] or runtime.settings.corpus_dir)
    target.mkdir(parents=True, exist_ok=True)
    if source.is_dir() and source.resolve() != target.resolve():
        for item in source.iterdir():
            if item.is_file():
                shutil.copyfile(item, target / item.name)


def _run_index(runtime: Runtime, folder: Path, progress):
    def report(stage, done, total):
        progress((done, max(total, 1)), desc=stage)

    try:
        summary = runtime.index(folder, progress=report, wait_for_lock=False)
    except (NewsdeskError, OSError) as exc:
        yield f"⚠️ Rebuild failed: {_markdown_safe(str(exc))}. The chat keeps using the previous index.", gr.update()
        return
    runtime.last_error = None
    skipped = "".join(f"\n- `{_markdown_safe(s.path)}`: {_markdown_safe(s.reason)}"
                      for s in summary.skipped[:50])
    yield (f"Indexed {summary.articles} articles ({summary.chunks} chunks) from `{folder}` in "
           f"{summary.seconds:.1f} s." + (f"\n\nSkipped {len(summary.skipped)} files:{skipped}"
                                          if summary.skipped else ""),
           status_markdown(runtime))


def message_text(content) -> str:
    """Text of a chat message: Gradio 6 keeps content as a list of typed parts."""
    if isinstance(content, list):
        return " ".join(message_text(part) for part in content)
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    return "" if content is None else str(content)


def _plain(content) -> str:
    """Chat markdown back to plain text with [n] markers, for the conversation history."""
    text = html.unescape(message_text(content))
    text = re.sub(r"\[\[(\d+)\]\]\(#source-\d+\)", r"[\1]", text)
    return re.sub(r"\\(.)", r"\1", text)


def serve(settings: Settings, rebuild_folder: Path | None = None, block: bool = True,
          runtime: Runtime | None = None):
    """Build the index on first start (or sync `rebuild_folder`), then serve the chat."""
    runtime = runtime or Runtime(settings)
    try:
        if rebuild_folder is not None:
            summary = runtime.index(rebuild_folder)
            print(f"Index synced with {rebuild_folder}: {summary.articles} articles, "
                  f"{summary.chunks} chunks, {len(summary.skipped)} files skipped")
        else:
            summary = runtime.ensure_index()
            if summary is not None:
                print(f"Built the index from {settings.corpus_dir}: {summary.articles} articles, "
                      f"{summary.chunks} chunks in {summary.seconds:.1f} s")
        runtime.assistant  # load the model now, not on the first question
    except (NewsdeskError, OSError) as exc:
        # Serve anyway: the page says what is wrong and what to do, the Library tab can rebuild.
        runtime.last_error = str(exc)
        print(f"WARNING: {exc}", flush=True)
    app = build_app(runtime)
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"WARNING: serving on {settings.host}: anyone who can reach this machine can use "
              "the chat and read your articles. Use --auth user:password.")
    auth = None
    if settings.auth:
        user, _, password = settings.auth.partition(":")
        auth = (user, password)
    app.launch(server_name=settings.host, server_port=settings.port, auth=auth, css=CSS + TIME_CSS,
               js=JS,
               prevent_thread_lock=not block, show_error=False, quiet=False,
               footer_links=[])
    return app, runtime
