"""`newsdesk history [list | show ID | export ID --format md|json]`."""

from __future__ import annotations

import argparse

from newsdesk.errors import BadInputError
from newsdesk.history import export
from newsdesk.history.store import open_store, stored_at


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=["list", "show", "export"], default="list")
    p.add_argument("id", nargs="?", help="conversation id (show, export)")
    p.add_argument("--format", choices=export.FORMATS, default="md", help="export format")


def _show(conversation) -> None:
    print(f"#{conversation.id} {conversation.title}  (updated {conversation.updated[:19]})")
    for number, turn in enumerate(conversation.turns, start=1):
        result = turn["result"]
        print(f"\n{number}. Q: {turn['question']}\n   A: {result.get('answer', '')}")
        for source in result.get("sources", []):
            if source.get("cited"):
                meta = ", ".join(x for x in (source.get("outlet"), source.get("published")) if x)
                print(f"   [{source.get('n')}] {source.get('title')} ({meta}) {source.get('url') or ''}")


def main(args: argparse.Namespace, settings) -> int:
    path = stored_at(settings)
    if not path.exists():  # reading the history never creates it
        if args.action == "list":
            print(f"No saved conversations in {path}")
            return 0
        raise BadInputError(f"No saved conversations in {path}")
    store = open_store(settings)
    try:
        if args.action == "list":
            conversations = store.list()
            if not conversations:
                print(f"No saved conversations in {store.path}")
            for c in conversations:
                print(f"{c.id:>5}  {c.updated[:19]}  {c.turn_count:>3} turns  {c.title}")
            return 0
        if args.id is None:
            raise BadInputError(f"history {args.action} needs a conversation id "
                                "(newsdesk history lists them)")
        conversation = store.get(args.id)
        if args.action == "show":
            _show(conversation)
        else:
            print(export.export(conversation, args.format), end="")
        return 0
    finally:
        store.close()
