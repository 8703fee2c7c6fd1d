"""Saved conversations: a SQLite store, answers restored from their saved JSON, exports."""
