"""A seeded generator of hostile files: every file is indexed or skipped with a reason, the
run always completes, and a following run over the same folder changes nothing."""

import json
import os
import random

from fakes import FakeEmbedder
from newsdesk.index import store
from newsdesk.ingest.sync import build_index

SUFFIXES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".xyz", ""]


def hostile_bytes(rng: random.Random) -> bytes:
    kind = rng.randrange(14)
    if kind == 0:
        return b""
    if kind == 1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    if kind == 2:
        return "Title: Café\n\nNaïve text – in cp1252".encode("cp1252")
    if kind == 3:
        return b"\xff\xfe\xfd invalid utf-8 \xc3\x28 " * rng.randrange(1, 20)
    if kind == 4:
        depth = rng.choice([50, 500, 5000])
        return ("<html><body>" + "<div>" * depth + "deep text" + "</div>" * depth + "</body></html>").encode()
    if kind == 5:
        depth = rng.choice([50, 5000, 50000])
        return ("[" * depth + "]" * depth).encode()
    if kind == 6:
        return json.dumps(rng.choice([{"a": 1}, [1, 2], "text", None, {"title": "x"},
                                      {"text": ""}, {"body": 5}])).encode()
    if kind == 7:
        return b"<html><head><title>No body</title></head></html>"
    if kind == 8:
        return ("Title: " + "T" * rng.randrange(1, 3000) + "\n\n" + "word " * rng.randrange(0, 3000)).encode()
    if kind == 9:
        return "".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(rng.randrange(1, 500))).encode("utf-8", "ignore")
    if kind == 10:
        return b"\n".join(json.dumps({"title": f"t{i}", "body": "b " * i}).encode() if i % 3 else b"{bad"
                          for i in range(rng.randrange(1, 20)))
    if kind == 11:
        return ("---\ntitle: " + "x" * 50 + "\n" + "key: v\n" * rng.randrange(0, 100)).encode()
    if kind == 12:
        return "\x00\x01 control \x1b[31m chars \x7f".encode() * rng.randrange(1, 50)
    return ("A normal sentence about the markets. " * rng.randrange(1, 200)).encode()


def odd_name(rng: random.Random, i: int) -> str:
    stem = rng.choice(["plain", "spa ce", "ünïcödé", "émoji-😀", "semi;colon", "quote'\"", "-dash",
                       "new\nline", "back\\slash", "x" * 200, "tab\tname"])
    return f"{i:04d}-{stem}{rng.choice(SUFFIXES)}"


def test_five_hundred_hostile_files(tmp_path):
    rng = random.Random(1234)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(520):
        (folder / odd_name(rng, i)).write_bytes(hostile_bytes(rng))
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    big = folder / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    summary = build_index(folder, tmp_path / "idx", FakeEmbedder())
    names = {n for n in os.listdir(folder) if n != "loop"}
    indexed = {p for a in store.load(tmp_path / "idx").articles for p in a["paths"]}
    indexed_files = {p.split("#")[0] for p in indexed}
    skipped = {s.path: s.reason for s in summary.skipped}
    assert all(reason.strip() for reason in skipped.values())
    assert names == indexed_files | set(skipped), names ^ (indexed_files | set(skipped))
    assert "too large" in skipped["big.txt"]
    assert summary.articles > 50 and len(skipped) > 100
    again = build_index(folder, tmp_path / "idx", FakeEmbedder())
    assert again.up_to_date
