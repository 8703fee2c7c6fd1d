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
from newsdesk.app import filter_chips, sharing
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


def _also_ran_html(copies: list[dict]) -> str:
    """'Also ran in: Outlet (date), ...' for a story several outlets published."""
    if not copies:
        return ""
    names = ", ".join(_escape(" ".join(x for x in (c["outlet"] or c["path"],
                                                    f"({c['published']})" if c["published"] else "")
                                       if x)) for c in copies)
    return f"<div class='nd-meta nd-also'>Also ran in: {names}</div>"


def sources_html(sources: list[Source], article_text=None, abstained: bool = False,
                 pending: bool = False) -> str:
    if not sources:
        return "<div class='nd-meta'>Sources for the answer appear here.</div>"
    heading = ("Related passages (the articles do not answer this)" if abstained else
               "Sources found, answer in progress..." if pending else "Sources")
    cards = [f"<div class='nd-meta'><b>{heading}</b></div>"]
    for s in sources:
        p = s.passage
        page = f"p. {p.page}" if p.page else ""
        meta = " · ".join(_escape(x) for x in (p.outlet, p.published, page) if x)
        link = ""
        if sharing.is_web_link(p.url):
            link = f" · <a href='{_escape(p.url)}' target='_blank' rel='noopener noreferrer'>link</a>"
        elif p.url:  # javascript:, data:, ... : shown, never followed
            link = f" · <span class='nd-url'>{_escape(p.url[:200])}</span>"
        whole = ""
        if article_text is not None:
            whole = ("<details><summary>Read the whole article</summary><div class='nd-passage'>"
                     f"{_escape(article_text(p.article_row))}</div></details>")
        cited = " nd-cited" if s.cited else ""
        also = _also_ran_html(p.also_in)
        cards.append(
            f"<div class='nd-card{cited}' id='source-{s.n}'><h4><span class='nd-num'>[{s.n}]</span>"
            f"{_escape(p.title)}</h4><div class='nd-meta'>{meta}{link} · {_escape(p.path)}</div>{also}"
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
            panel = _conversations_column()
            with gr.Column(scale=3):
                collection = _collection_picker(runtime)
                chatbot = gr.Chatbot(label="Conversation", height=460, elem_id="nd-chat",
                                     sanitize_html=True, buttons=["copy"])
                with gr.Row():
                    question = gr.Textbox(placeholder="Ask about your articles and press Enter",
                                          show_label=False, scale=5, elem_id="nd-question",
                                          max_lines=4)
                    send = gr.Button("Send", variant="primary", scale=1, elem_id="nd-send")
                    stop = gr.Button("Stop", variant="stop", scale=1, elem_id="nd-stop")
                chips = _filter_chips(runtime)
                examples = examples_for(runtime)
                if examples:
                    gr.Examples(examples, inputs=question, label="Examples")
                query_info = gr.Markdown("", elem_id="nd-query")
                _watch_status(runtime)
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html([]), elem_id="nd-sources")
    return dict(chatbot=chatbot, question=question, send=send, stop=stop,
                query_info=query_info, sources=sources, collection=collection,
                filter_chips=chips, **panel)


def _library_tab(runtime: Runtime) -> dict:
    with gr.Tab("Library"):
        status = gr.Markdown(status_markdown(runtime), elem_id="nd-status")
        shown = sharing.folder_box_shown(runtime.settings.host, runtime.settings.library_root)
        folder = gr.Textbox(label="Rebuild the index from this folder",
                            value=str(runtime.status()["folder"] or ""), elem_id="nd-folder",
                            visible=shown)
        rebuild = gr.Button("Rebuild index", elem_id="nd-rebuild", visible=shown)
        uploads = gr.File(label="Add article files (.txt .md .html .json .jsonl .pdf .docx)",
                          file_count="multiple", elem_id="nd-upload")
        library_log = gr.Markdown("", elem_id="nd-library-log")
    return dict(status=status, folder=folder, rebuild=rebuild, uploads=uploads,
                library_log=library_log)


def _settings_tab(runtime: Runtime) -> dict:
    with gr.Tab("Settings"):
        top_k = gr.Slider(1, 10, value=runtime.settings.top_k, step=1,
                          label="Passages given to the model")
        as_of = gr.Textbox(label="Answer as of (YYYY-MM-DD): 'latest' and 'this week' are read "
                           "against it, later articles are left out (empty: today)",
                           value=runtime.settings.answer.as_of, elem_id="nd-as-of")
        gr.Markdown(f"**Model:** {_escape(runtime.status()['model'])}  \n"
                    f"**Embedder:** {_escape(runtime.status()['embedder'])}  \n"
                    "Answers use only your articles; nothing leaves this machine.")
    return dict(top_k=top_k, as_of=as_of)


def _retriever_of(answering):
    """The retriever of a Runtime (without loading the model) or of all collections; None
    when there is no index yet."""
    try:
        if isinstance(answering, Runtime):
            return answering.retriever()
        return answering.assistant.retriever
    except NewsdeskError:
        return None


def _outlet_names(answering) -> list[str]:
    retriever = _retriever_of(answering)
    return retriever.outlet_names if retriever is not None else []


def _filter_chips(runtime: Runtime):
    """The search filters as removable chips under the question box: pick an outlet, type
    "since 2023-10-01", or let the question set them ("... The Verge ... since October")."""
    return gr.Dropdown(choices=filter_chips.outlet_choices(_outlet_names(runtime)), value=[],
                       multiselect=True, allow_custom_value=True, interactive=True,
                       label="Filters: pick an outlet, or type “since 2023-10-01”",
                       elem_id="nd-filters")


def reference_date(answering) -> str:
    """The day "since October" is counted back from: the as-of setting when there is one,
    else the newest article's date."""
    settings = getattr(answering, "settings", None)
    as_of = (getattr(settings, "as_of", None)
             or getattr(getattr(settings, "answer", None), "as_of", None))
    retriever = _retriever_of(answering)
    return str(as_of or (retriever.newest if retriever is not None else "") or "")


def chips_for(answering, chips, question: str = "",
              as_of: str = "") -> tuple[list[str], list[str]]:
    """(canonical chips, problems): the chips shown plus those the question sets ("since
    October" counted back from `as_of`, else `reference_date`)."""
    reference, retriever = as_of or reference_date(answering), _retriever_of(answering)
    named = []
    if question and retriever is not None:
        named = filter_chips.named_chips(question, retriever.outlets, reference)
    return filter_chips.tidy([*(chips or []), *named], _outlet_names(answering), reference)


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

    def build(text, chips, as_of):
        chosen, _ = chips_for(runtime, chips)
        filters = filter_chips.to_filters(chosen)
        return timeline_events(runtime, text, filters.outlets, filters.date_from,
                               filters.date_to, as_of)

    inputs = [topic, ui["filter_chips"], ui["as_of"]]
    topic.submit(build, inputs, [view], concurrency_limit=1, concurrency_id="timeline")
    show.click(build, inputs, [view], concurrency_limit=1, concurrency_id="timeline")


def _conversations_column() -> dict:
    """Saved conversations beside the chat: newest first, reopen, rename, delete, export."""
    with gr.Column(scale=1, min_width=220):
        conversation = gr.State(None)  # id of the conversation shown, None = a new one
        new = gr.Button("New conversation", elem_id="nd-new-conversation", size="sm")
        listed = gr.Radio(choices=[], label="Conversations", elem_id="nd-conversations")
        title = gr.Textbox(label="Title", max_lines=1, elem_id="nd-conversation-title")
        with gr.Row():
            rename = gr.Button("Rename", elem_id="nd-rename", size="sm")
            delete = gr.Button("Delete", variant="stop", elem_id="nd-delete", size="sm")
        with gr.Row():
            export_md = gr.DownloadButton("Markdown", elem_id="nd-export-md", size="sm",
                                          interactive=False)
            export_json = gr.DownloadButton("JSON", elem_id="nd-export-json", size="sm",
                                            interactive=False)
        note = gr.Markdown("", elem_id="nd-conversation-note")
    return dict(conversation=conversation, new_conversation=new, conversation_list=listed,
                conversation_title=title, rename=rename, delete=delete, export_md=export_md,
                export_json=export_json, conversation_note=note)


def _open_conversations(runtime: Runtime):
    """The saved-conversations store, or None (the chat works unsaved) when it cannot open."""
    import sqlite3

    from newsdesk.history.store import open_store

    try:
        return open_store(runtime.settings)
    except (sqlite3.Error, OSError) as exc:
        log.warning("Conversations will not be saved: %s", exc)
        return None


def _conversation_choices(conversations, selected=None):
    rows = conversations.list() if conversations is not None else []
    return gr.update(choices=[(f"{c.title} ({c.turn_count})", str(c.id)) for c in rows],
                     value=None if selected is None else str(selected))


_EXPORT_DIRS: list[Path] = []  # one temporary folder per process, made on first export


def _export_files(conversations, conversation_id):
    """Both exports written to a temporary folder, for the download buttons."""
    import tempfile

    from newsdesk.history import export

    if conversation_id is None:
        return gr.update(value=None, interactive=False), gr.update(value=None, interactive=False)
    saved = conversations.get(conversation_id)
    if not _EXPORT_DIRS:
        _EXPORT_DIRS.append(Path(tempfile.mkdtemp(prefix="newsdesk-export-")))
    folder = _EXPORT_DIRS[0]
    files = []
    for fmt in export.FORMATS:
        path = folder / f"conversation-{saved.id}.{fmt}"
        path.write_text(export.export(saved, fmt), encoding="utf-8")
        files.append(gr.update(value=str(path), interactive=True))
    return tuple(files)


def _save_turn(conversations, conversation_id, question, result, chips=()):
    """(note, conversation id, list, Markdown export, JSON export) after saving one turn
    (with the filter chips it was answered under)."""
    import sqlite3

    try:
        conversation_id = conversations.add_turn(conversation_id, question, result.to_dict(),
                                                 filters=list(chips))
    except (sqlite3.Error, OSError) as exc:
        log.warning("Could not save the conversation: %s", exc)
        return (f"⚠️ This answer was not saved: {_markdown_safe(str(exc))}", conversation_id,
                gr.update(), gr.update(), gr.update())
    return (gr.update(), conversation_id, _conversation_choices(conversations, conversation_id),
            *_export_files(conversations, conversation_id))


def reopened_chat(conversation) -> tuple[list, str]:
    """A saved conversation redrawn: its messages, and the sources of its last answer."""
    from newsdesk.history.restore import result_from_dict

    chat, sources = [], sources_html([])
    for turn in conversation.turns:
        result = result_from_dict(turn["result"])
        chat.append({"role": "user", "content": _markdown_safe(turn["question"])})
        chat.append({"role": "assistant", "content": answer_markdown(result)})
        sources = sources_html(result.sources, abstained=result.abstained)
    return chat, sources


def _wire_conversations(conversations, ui: dict, app) -> None:
    from newsdesk.errors import NewsdeskError as Problem

    shown = [ui["chatbot"], ui["sources"], ui["conversation"], ui["conversation_list"],
             ui["conversation_title"], ui["export_md"], ui["export_json"],
             ui["filter_chips"], ui["conversation_note"]]

    def show(conversation_id, note=""):
        """A new conversation starts with no filter chips; a reopened one gets its own back."""
        if conversation_id is None:
            return ([], sources_html([]), None, _conversation_choices(conversations), "",
                    *_export_files(conversations, None), [], note)
        saved = conversations.get(conversation_id)
        chat, sources = reopened_chat(saved)
        return (chat, sources, saved.id, _conversation_choices(conversations, saved.id),
                saved.title, *_export_files(conversations, saved.id), saved.filters, note)

    def guarded(action):
        def run(*args):
            if conversations is None:
                return (*[gr.update()] * (len(shown) - 1), "⚠️ Conversations cannot be saved here.")
            try:
                return action(*args)
            except Problem as exc:
                return (*[gr.update()] * (len(shown) - 1), f"⚠️ {_markdown_safe(str(exc))}")
        return run

    def rename(conversation_id, title):
        if conversation_id is None:
            raise Problem("Ask a question first: a conversation is saved with its first answer")
        conversations.rename(conversation_id, title)
        # the chat and its filter chips stay as they are
        return (gr.update(), gr.update(), *show(conversation_id)[2:-2], gr.update(), "")

    def delete(conversation_id):
        if conversation_id is None:
            raise Problem("No saved conversation is open")
        conversations.delete(conversation_id)
        return show(None, "Conversation deleted.")

    app.load(guarded(lambda: show(None)), None, shown, queue=False)
    ui["new_conversation"].click(guarded(lambda: show(None)), None, shown, queue=False)
    ui["conversation_list"].input(guarded(lambda cid: show(int(cid) if cid else None)),
                                  [ui["conversation_list"]], shown, queue=False)
    for trigger in (ui["rename"].click, ui["conversation_title"].submit):
        trigger(guarded(rename), [ui["conversation"], ui["conversation_title"]], shown,
                queue=False)
    ui["delete"].click(guarded(delete), [ui["conversation"]], shown, queue=False)


def _watch_status(runtime: Runtime) -> None:
    """The watched folder's sync status ("Indexing 3 new articles ..."), refreshed each second."""
    watcher = runtime.watcher
    if watcher is None:
        return
    line = gr.Markdown(watcher.status, elem_id="nd-watch-status")
    gr.Timer(1.0).tick(lambda: watcher.status, None, line, queue=False, show_progress="hidden")


def _collection_choices(runtime: Runtime) -> dict:
    """The collections to pick from (read again on each page load: new ones appear)."""
    from newsdesk.index.collections import ALL, is_all, list_collections, root_of

    names = [c.name for c in list_collections(root_of(runtime.settings))]
    current = runtime.settings.collection or "default"
    if not is_all(current) and current not in names:
        names.append(current)  # not built yet
    return dict(choices=[(name, name) for name in names] + [("All collections", ALL)],
                value=ALL if is_all(current) else current,
                visible=len(names) > 1 or is_all(current))


def _collection_picker(runtime: Runtime):
    """Which collection the chat answers from; "All collections" fuses them all."""
    return gr.Dropdown(label="Collection", elem_id="nd-collection",
                       **_collection_choices(runtime))


def _wire_chat(runtime: Runtime, ui: dict, cancel_state, conversations=None) -> None:
    from newsdesk.app.collections import Collections

    collections = Collections(runtime)

    def respond(message, history, k, chips, conversation, collection, as_of="",
                request: gr.Request = None):
        try:
            answering = collections.for_answers(collection or None)
        except NewsdeskError as exc:
            note = f"⚠️ {_markdown_safe(str(exc))}"
            yield (history, gr.update(), note, None, gr.update(), gr.update(), conversation,
                   *[gr.update()] * 3)
            return
        saved = {"outputs": (conversation, gr.update(), gr.update(), gr.update()), "note": None,
                 "chips": []}

        def save(result):  # before the final answer is shown: no update comes after it
            if conversations is not None:
                note, *outputs = _save_turn(conversations, conversation, message, result,
                                            saved["chips"])
                saved.update(outputs=tuple(outputs), note=note)

        for update in respond_events(answering, message, history, k, chips, as_of,
                                     on_answer=save):
            if isinstance(update[5], list):
                saved["chips"] = update[5]
            if saved["note"] is not None:
                update = (*update[:2], saved["note"], *update[3:])
            yield (*update, *saved["outputs"])

    def tidy_chips(chips, collection):
        """Typed chips read into their canonical form; an unreadable one is said why."""
        try:
            answering = collections.for_answers(collection or None)
        except NewsdeskError:
            return gr.update(), gr.update()
        tidied, problems = chips_for(answering, chips)
        note = "  \n".join(f"⚠️ {_markdown_safe(p)}" for p in problems)
        # unchanged chips and no problem: no update, so that this change ends here and the
        # answer's "Searched for" note stays
        return (gr.update() if tidied == list(chips or []) else tidied,
                note if problems else gr.update())

    def stop_answer(cancel):
        if cancel is not None:
            cancel.set()
        return cancel

    inputs = [ui["question"], ui["chatbot"], ui["top_k"], ui["filter_chips"],
              ui["conversation"], ui["collection"], ui["as_of"]]
    outputs = [ui["chatbot"], ui["sources"], ui["query_info"], cancel_state, ui["question"],
               ui["filter_chips"], ui["conversation"], ui["conversation_list"],
               ui["export_md"], ui["export_json"]]
    ui["app"].load(lambda: gr.update(**_collection_choices(runtime)), None, ui["collection"],
                   queue=False)
    # change, not input: a chip typed and entered fires only change in Gradio 6
    ui["filter_chips"].change(tidy_chips, [ui["filter_chips"], ui["collection"]],
                             [ui["filter_chips"], ui["query_info"]], queue=False,
                             api_visibility="private")
    ui["collection"].change(
        lambda name: gr.update(choices=filter_chips.outlet_choices(
            _outlet_names(_answering_or_none(collections, name)))),
        [ui["collection"]], [ui["filter_chips"]], queue=False, api_visibility="private")
    ui["question"].submit(respond, inputs, outputs, concurrency_limit=1,
                          concurrency_id="answer", api_name="ask")
    ui["send"].click(respond, inputs, outputs, concurrency_limit=1, concurrency_id="answer",
                     api_visibility="private")
    ui["stop"].click(stop_answer, [cancel_state], [cancel_state], queue=False)


def _answering_or_none(collections, name):
    try:
        return collections.for_answers(name or None)
    except NewsdeskError:
        return None


def _wire_library(runtime: Runtime, ui: dict) -> None:
    def do_rebuild(path, progress=gr.Progress()):
        try:
            folder = sharing.allowed_folder(path, runtime.settings.host,
                                            runtime.settings.library_root)
        except NewsdeskError as exc:
            yield f"⚠️ {_markdown_safe(str(exc))}", gr.update()
            return
        yield from _run_index(runtime, folder, progress)

    def do_upload(files, progress=gr.Progress()):
        if not files:
            yield "", gr.update()
            return
        target = Path(runtime.status()["folder"] or runtime.settings.corpus_dir)
        if runtime.settings.corpus_dir.resolve() == target.resolve() or not _writable(target):
            target = runtime.settings.index_dir.parent / "uploads"
            _seed_uploads(runtime, target)
        report = sharing.save_uploads([Path(getattr(f, "name", f)) for f in files], target,
                                      runtime.settings.max_upload_mb)
        message = _markdown_safe(report.message(target))
        if not report.added:
            yield f"⚠️ {message}", gr.update()
            return
        yield f"{message} Indexing...", gr.update()
        for log, status in _run_index(runtime, target, progress):
            yield (f"{log}\n\n⚠️ {message}" if report.rejected else log), status

    outputs = [ui["library_log"], ui["status"]]
    ui["rebuild"].click(do_rebuild, [ui["folder"]], outputs, concurrency_limit=1,
                        concurrency_id="index")
    ui["uploads"].upload(do_upload, [ui["uploads"]], outputs, concurrency_limit=1,
                         concurrency_id="index")


def build_app(runtime: Runtime) -> gr.Blocks:
    try:
        runtime.retriever()
    except NewsdeskError as exc:
        runtime.last_error = runtime.last_error or str(exc)
    with gr.Blocks(title="newsdesk") as app:
        cancel_state = gr.State(None)
        gr.Markdown("## newsdesk: ask your news archive\nEvery answer cites the passages it "
                    "comes from; the supporting sentence is highlighted.")
        gr.HTML(f"<div class='nd-error' id='nd-error'>⚠️ {_escape(runtime.last_error)}</div>"
                if runtime.last_error else "", elem_id="nd-error-box")
        ui = {**_chat_tab(runtime), **_library_tab(runtime), **_settings_tab(runtime)}
        conversations = _open_conversations(runtime)
        ui["app"] = app
        _timeline_tab(runtime, ui)
        _wire_chat(runtime, ui, cancel_state, conversations)
        _wire_library(runtime, ui)
        _wire_conversations(conversations, ui, app)
    app.queue(default_concurrency_limit=1)
    return app


def respond_events(runtime: Runtime, message: str, history: list, k: int, chips=(),
                   as_of: str = "", on_answer=None):
    """The chat's answer to one message, as successive (chat, sources, searched-for note,
    cancel event, question box, filter chips) updates: the sources as soon as they are
    found, the answer as it is written, then the verified answer with its citations and
    highlights. The search is limited by the filter chips (see app/filter_chips.py) plus
    those the question sets by naming an outlet or a date limit; every update after the
    first carries the chips in force. `as_of` is the chat's pinned date (YYYY-MM-DD or
    empty). `on_answer(result)` gets the verified answer."""
    history = list(history or [])
    cancel = threading.Event()
    if not (message or "").strip():
        yield history, sources_html([]), "", cancel, gr.update(), gr.update()
        return
    turns = [{"role": t["role"], "content": _plain(t["content"])} for t in history]
    history.append({"role": "user", "content": _markdown_safe(message)})
    try:
        pinned = checked_as_of(as_of)
    except NewsdeskError as exc:
        history.append({"role": "assistant", "content": f"⚠️ {_markdown_safe(str(exc))}"})
        yield history, sources_html([]), "", cancel, "", chips
        return
    chips, problems = chips_for(runtime, chips, message, pinned)
    note = "  \n".join(f"⚠️ {_markdown_safe(p)}" for p in problems)
    history.append({"role": "assistant", "content": "…"})
    yield history, sources_html([]), note, cancel, "", chips
    for update in _answer_events(runtime, message, turns, history, k, chips, pinned, cancel,
                                 on_answer):
        if note and isinstance(update[2], str):
            update = (*update[:2], "  \n".join(x for x in (note, update[2]) if x), *update[3:])
        yield (*update, chips)


def _answer_events(runtime, message, turns, history, k, chips, as_of, cancel, on_answer):
    filters = filter_chips.to_filters(chips)
    streamed, found = "", []
    try:
        assistant = runtime.assistant
        for event in assistant.answer(message, turns, filters=filters, top_k=int(k),
                                      cancel=cancel, as_of=as_of):
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
                if on_answer is not None:
                    on_answer(result)
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


def mount_chat(app, runtime: Runtime, settings: Settings):
    """Mount the chat at / of a FastAPI app (beside the HTTP API). Returns, for the server,
    `logged_in(cookie header) -> bool` (the chat's login cookie is valid) and `end_streams()`
    (ends the pages' open heartbeat streams, so that a stopping server need not wait)."""
    auth = None
    if settings.auth:
        user, _, password = settings.auth.partition(":")
        auth = (user, password)
    gr.mount_gradio_app(app, build_app(runtime), path="/", auth=auth, css=CSS + TIME_CSS, js=JS,
                        show_error=False, footer_links=[], run_history=False)
    chat = next(route.app for route in app.routes if getattr(route, "path", None) == "")

    def logged_in(cookie_header: str) -> bool:
        from http.cookies import CookieError, SimpleCookie

        try:
            cookies = SimpleCookie(cookie_header)
        except CookieError:
            return False
        names = (f"access-token-{chat.cookie_id}", f"access-token-unsecure-{chat.cookie_id}")
        return any(name in cookies and cookies[name].value in chat.tokens for name in names)

    return logged_in, chat.stop_event.set


def serve(settings: Settings, rebuild_folder: Path | None = None, block: bool = True,
          runtime: Runtime | None = None, watch: bool = False):
    """The chat and the HTTP API on one port (see `server.serve`)."""
    from newsdesk.app.server import serve as serve_both

    return serve_both(settings, rebuild_folder, block=block, runtime=runtime, watch=watch)
