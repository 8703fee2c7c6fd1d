"""`newsdesk eval retrieval|answers|everyday|time|duplicates`: which evaluation runs."""

from __future__ import annotations

from newsdesk.settings import Settings


def main(args, settings: Settings) -> int:
    if args.what == "duplicates":
        from newsdesk.eval import duplicates

        return duplicates.main(args, settings)
    if args.what == "time":
        from newsdesk.eval import time_questions

        return time_questions.main(args, settings)
    if args.what == "everyday":
        from newsdesk.eval import everyday

        return everyday.main(args, settings)
    from newsdesk.eval import multihop

    return multihop.main(args, settings)
