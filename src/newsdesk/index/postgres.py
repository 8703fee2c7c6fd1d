"""The only importer of psycopg: the index in PostgreSQL with pgvector, shared by every
`newsdesk` process pointed at the same database.

Tables (created by the first sync):

    newsdesk_state     one row: generation (bumped by every sync) and the manifest
    newsdesk_articles  one row per article: content hash, position, the article as JSON
    newsdesk_chunks    one row per chunk: offsets, text, keyword text (+ tsvector, GIN),
                       embedding vector(dim) with an HNSW index (inner product on unit vectors)

A sync writes everything in ONE transaction and bumps the generation at its end: a reader
sees the old or the new state, never a mix, and a writer killed at any moment leaves the old
state (the server rolls the transaction back when the connection drops). Writers take a
session advisory lock, which the server also releases when the holder dies. Unchanged
articles (same content hash) keep their rows; only new ones are inserted.

Keyword search: `keyword=bm25` (default) keeps a bm25s index of the chunk rows in each
reader's memory, rebuilt on reload; `keyword=fts` in the address ranks with PostgreSQL
full-text search (ts_rank_cd over the GIN index) instead. docs/performance.md has both
measured; bm25 is the default because full-text search ranked worse.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import psycopg
from pgvector.psycopg import register_vector
from psycopg.types.json import Jsonb

from newsdesk.errors import IndexBusyError, IndexCorruptError, IndexMissingError, NewsdeskError
from newsdesk.index.keyword import KeywordIndex
from newsdesk.index.state import SCHEMA_VERSION, IndexData, StoredChunk

log = logging.getLogger("newsdesk")

LOCK_KEY = 7_384_221_606  # pg_advisory_lock key of newsdesk writers
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 16, 64, 100
KEYWORD_MODES = ("bm25", "fts")


def split_address(url: str) -> tuple[str, str, str]:
    """(connection address, keyword mode, the address without its password, for people)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    mode = next((v for k, v in query if k == "keyword"), "bm25")
    if mode not in KEYWORD_MODES:
        from newsdesk.errors import BadInputError

        raise BadInputError(f"keyword={mode!r} in the store address: use bm25 or fts")
    rest = urlencode([(k, v) for k, v in query if k != "keyword"], safe="/")
    conninfo = urlunsplit(parts._replace(query=rest))
    netloc = parts.netloc.rsplit("@", 1)
    shown = netloc[-1] if len(netloc) == 1 else netloc[0].split(":", 1)[0] + "@" + netloc[-1]
    return conninfo, mode, urlunsplit(parts._replace(netloc=shown, query=rest))


def _schema(dim: int) -> list[str]:
    return [
        "CREATE TABLE newsdesk_articles (id bigserial PRIMARY KEY, "
        "content_hash text NOT NULL UNIQUE, position integer NOT NULL, data jsonb NOT NULL)",
        "CREATE TABLE newsdesk_chunks (id bigserial PRIMARY KEY, article_id bigint NOT NULL "
        "REFERENCES newsdesk_articles ON DELETE CASCADE, ordinal integer NOT NULL, "
        "start_char integer NOT NULL, end_char integer NOT NULL, text text NOT NULL, "
        "keyword_text text NOT NULL, "
        "tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', keyword_text)) STORED, "
        f"embedding vector({int(dim)}) NOT NULL)",
    ]


INDEXES = [
    "CREATE INDEX newsdesk_chunks_article ON newsdesk_chunks (article_id)",
    "CREATE INDEX newsdesk_chunks_tsv ON newsdesk_chunks USING gin (tsv)",
    f"CREATE INDEX newsdesk_chunks_embedding ON newsdesk_chunks USING hnsw "
    f"(embedding vector_ip_ops) WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})",
]
STATE_TABLE = ("CREATE TABLE IF NOT EXISTS newsdesk_state (id integer PRIMARY KEY CHECK (id = 1), "
               "generation bigint NOT NULL, manifest jsonb NOT NULL)")
CHUNK_COLUMNS = "article_id, ordinal, start_char, end_char, text, keyword_text, embedding"
CHUNK_TYPES = ["bigint", "integer", "integer", "integer", "text", "text", "vector"]


class PostgresStore:
    """A newsdesk index in one PostgreSQL database (see the module docstring)."""

    def __init__(self, url: str):
        self._conninfo, self.keyword_mode, self.location = split_address(url)
        self._reader: psycopg.Connection | None = None
        self._reader_lock = threading.Lock()
        self._ef_search: int | None = None  # hnsw.ef_search of the reader connection
        self._writer: psycopg.Connection | None = None

    def _connect(self, vectors: bool = True) -> psycopg.Connection:
        try:
            conn = psycopg.connect(self._conninfo, autocommit=True)
        except psycopg.OperationalError as exc:
            raise IndexMissingError(
                f"Cannot connect to PostgreSQL at {self.location}: {exc}".strip()) from None
        if vectors:
            try:
                register_vector(conn)
            except psycopg.ProgrammingError:
                conn.close()
                raise IndexMissingError(
                    f"No index in {self.location} (pgvector is not set up there yet). Build "
                    f"one: newsdesk index FOLDER --store {self.location}") from None
        return conn

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection]:
        """The process's reader connection, one user at a time; a broken one is dropped so
        that the next use reconnects."""
        with self._reader_lock:
            if self._reader is None or self._reader.closed:
                self._reader, self._ef_search = self._connect(), None
            try:
                yield self._reader
            except psycopg.OperationalError as exc:
                self._reader.close()
                raise NewsdeskError(f"The index database {self.location} did not answer "
                                    f"({str(exc).strip()}); try again.") from exc

    # -- the writer side -------------------------------------------------------------------

    @contextmanager
    def writer_lock(self, wait: bool = True, on_wait: Callable[[], None] | None = None):
        """A session advisory lock on a connection kept for the sync's own transaction."""
        conn = self._connect(vectors=False)
        try:
            if not conn.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()[0]:
                if not wait:
                    raise IndexBusyError(f"Another newsdesk process is updating the index in "
                                         f"{self.location}; try again when it has finished.")
                if on_wait:
                    on_wait()
                conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
            self._writer = conn
            yield
        finally:
            self._writer = None
            conn.close()  # also releases the advisory lock

    def cleanup(self) -> None:
        """Nothing to do: a killed writer's transaction is rolled back by the server."""

    def publish(self, manifest: dict, vectors: np.ndarray, chunks: Sequence[StoredChunk],
                articles: Sequence[dict], keyword_texts: Sequence[str],
                replace: bool) -> None:
        conn = self._writer or self._connect(vectors=False)
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        register_vector(conn)
        manifest = dict(manifest, schema_version=SCHEMA_VERSION, index_type="pgvector-hnsw",
                        hnsw={"m": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION,
                              "ef_search": HNSW_EF_SEARCH})
        with conn.transaction():
            conn.execute(STATE_TABLE)
            fresh = replace or not _tables_exist(conn)
            if fresh:
                conn.execute("DROP TABLE IF EXISTS newsdesk_chunks, newsdesk_articles")
                for statement in _schema(vectors.shape[1]):
                    conn.execute(statement)
            new_articles = _sync_articles(conn, articles)
            _copy_chunks(conn, new_articles, vectors, chunks, keyword_texts)
            if fresh:
                conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
                for statement in INDEXES:
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO newsdesk_state VALUES (1, 1, %s) ON CONFLICT (id) DO UPDATE "
                "SET generation = newsdesk_state.generation + 1, manifest = excluded.manifest",
                (Jsonb(manifest),))
        if conn is not self._writer:
            conn.close()

    # -- the reader side -------------------------------------------------------------------

    def exists(self) -> bool:
        return self.read_manifest() is not None

    def read_manifest(self) -> dict | None:
        try:
            row = self._state_row()
        except NewsdeskError:
            return None
        return row[1] if row else None

    def _state_row(self):
        try:
            with self._reading() as conn:
                return conn.execute(
                    "SELECT generation, manifest FROM newsdesk_state WHERE id = 1").fetchone()
        except psycopg.errors.UndefinedTable:
            return None

    def generation(self) -> str | None:
        try:
            row = self._state_row()
        except (NewsdeskError, psycopg.Error):
            return None
        return str(row[0]) if row else None

    def load(self, verify: bool = True) -> IndexData:
        """The current state, read in one snapshot (REPEATABLE READ)."""
        missing = IndexMissingError(f"No index in {self.location}. Build one: "
                                    f"newsdesk index FOLDER --store {self.location}")
        conn = self._connect()
        try:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with conn.transaction():
                try:
                    state = conn.execute("SELECT generation, manifest FROM newsdesk_state "
                                         "WHERE id = 1").fetchone()
                except psycopg.errors.UndefinedTable:
                    raise missing from None
                if state is None:
                    raise missing
                articles, rows = _read_tables(conn)
        finally:
            conn.close()
        chunks = [StoredChunk(id=i, article=r[1], ordinal=r[2], start=r[3], end=r[4], text=r[5])
                  for i, r in enumerate(rows)]
        manifest = dict(state[1], generation=state[0])
        dim = int(manifest.get("embedder", {}).get("dimension") or 0)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        matrix = (np.stack([_as_array(r[7]) for r in rows]) if rows
                  else np.zeros((0, dim), dtype=np.float32))
        return IndexData(folder=self.location, manifest=manifest,
                         vectors=PgVectorIndex(self, ids, matrix), chunks=chunks,
                         articles=articles, keyword_texts=[r[6] for r in rows])

    def keyword(self, data: IndexData):
        bm25 = KeywordIndex.build(data.keyword_texts or [])
        if self.keyword_mode == "fts":
            return FullTextSearch(self, data.vectors, bm25)
        return bm25

    def nearest(self, query: np.ndarray, k: int):
        """(chunk ids, inner products) of the k nearest chunks: HNSW, one round trip."""
        params = {"q": np.asarray(query, dtype=np.float32).reshape(-1), "k": int(k)}
        with self._reading() as conn:
            ef = max(HNSW_EF_SEARCH, int(k))
            if self._ef_search != ef:
                conn.execute(f"SET hnsw.ef_search = {ef}")
                self._ef_search = ef
            rows = conn.execute("SELECT id, -(embedding <#> %(q)s) FROM newsdesk_chunks "
                                "ORDER BY embedding <#> %(q)s LIMIT %(k)s", params).fetchall()
        return [r[0] for r in rows], [float(r[1]) for r in rows]

    def text_search(self, query: str, limit: int):
        """(chunk ids, ts_rank_cd) of chunks matching any of the query's words."""
        words = [w for w in _plain_words(query)]
        if not words:
            return [], []
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id, ts_rank_cd(tsv, q) AS rank FROM newsdesk_chunks, "
                "to_tsquery('english', %s) AS q WHERE tsv @@ q ORDER BY rank DESC LIMIT %s",
                (" | ".join(words), int(limit))).fetchall()
        return [r[0] for r in rows], [float(r[1]) for r in rows]


def _plain_words(text: str) -> list[str]:
    import re

    return re.findall(r"[A-Za-z0-9]+", text)[:64]


def _tables_exist(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT to_regclass('newsdesk_chunks') IS NOT NULL "
                       "AND to_regclass('newsdesk_articles') IS NOT NULL").fetchone()
    return bool(row[0])


def _read_tables(conn: psycopg.Connection):
    articles = [r[0] for r in conn.execute(
        "SELECT data FROM newsdesk_articles ORDER BY position").fetchall()]
    rows = conn.execute(
        "SELECT c.id, a.position, c.ordinal, c.start_char, c.end_char, c.text, c.keyword_text, "
        "c.embedding FROM newsdesk_chunks c JOIN newsdesk_articles a ON a.id = c.article_id "
        "ORDER BY a.position, c.ordinal").fetchall()
    if any(r[1] >= len(articles) for r in rows):
        raise IndexCorruptError("The articles table in PostgreSQL does not match its chunks. "
                                "Rebuild it: newsdesk index FOLDER --full")
    return articles, rows


def _sync_articles(conn: psycopg.Connection, articles: Sequence[dict]) -> dict[int, int]:
    """Delete articles gone from the new state, update the kept ones' rows and insert the
    new ones. Returns {position: article id} of the NEW articles (whose chunks to insert)."""
    hashes = [a["content_hash"] for a in articles]
    conn.execute("DELETE FROM newsdesk_articles WHERE NOT (content_hash = ANY(%s))", (hashes,))
    existing = dict(conn.execute("SELECT content_hash, id FROM newsdesk_articles").fetchall())
    kept = [(p, Jsonb(a), existing[a["content_hash"]]) for p, a in enumerate(articles)
            if a["content_hash"] in existing]
    with conn.cursor() as cur:
        cur.executemany("UPDATE newsdesk_articles SET position = %s, data = %s WHERE id = %s",
                        kept)
    new = {}
    for position, article in enumerate(articles):
        if article["content_hash"] not in existing:
            new[position] = conn.execute(
                "INSERT INTO newsdesk_articles (content_hash, position, data) "
                "VALUES (%s, %s, %s) RETURNING id",
                (article["content_hash"], position, Jsonb(article))).fetchone()[0]
    return new


def _copy_chunks(conn: psycopg.Connection, new_articles: dict[int, int], vectors: np.ndarray,
                 chunks: Sequence[StoredChunk], keyword_texts: Sequence[str]) -> None:
    """COPY (binary) the chunks of the new articles with their vectors."""
    with conn.cursor() as cur:
        with cur.copy(f"COPY newsdesk_chunks ({CHUNK_COLUMNS}) FROM STDIN WITH (FORMAT BINARY)"
                      ) as copy:
            copy.set_types(CHUNK_TYPES)
            for row, chunk in enumerate(chunks):
                article_id = new_articles.get(chunk.article)
                if article_id is not None:
                    copy.write_row((article_id, chunk.ordinal, chunk.start, chunk.end,
                                    chunk.text, keyword_texts[row],
                                    np.asarray(vectors[row], dtype=np.float32)))


class PgVectorIndex:
    """The chunk vectors of one loaded state. A search over every chunk is pgvector's HNSW
    in the database (one round trip); a reader also keeps the state's vectors in memory, read
    with the snapshot, so that a search within some chunks (an outlet or dates the question
    names) and a passage's vector cost no round trip. Rows are those of the loaded chunks
    table; a chunk the snapshot does not know is left out."""

    kind = "pgvector-hnsw"

    def __init__(self, store: PostgresStore, ids: np.ndarray, vectors: np.ndarray):
        self._store = store
        self._ids = ids
        self._row_of = {int(i): row for row, i in enumerate(ids)}
        self._vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._dimension = int(vectors.shape[1])

    @property
    def size(self) -> int:
        return len(self._ids)

    @property
    def dimension(self) -> int:
        return self._dimension

    def rows_of(self, db_ids: Sequence[int]) -> list[int | None]:
        return [self._row_of.get(int(i)) for i in db_ids]

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self.size)
        if k <= 0 or (allowed is not None and len(allowed) == 0):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if allowed is not None:
            return self._exact(query, k, np.asarray(allowed, dtype=np.int64))
        found, scores = self._store.nearest(query, k)
        pairs = [(r, s) for r, s in zip(self.rows_of(found), scores) if r is not None]
        return (np.array([r for r, _ in pairs], dtype=np.int64),
                np.array([s for _, s in pairs], dtype=np.float32))

    def _exact(self, query: np.ndarray, k: int, rows: np.ndarray):
        scores = self._vectors[rows] @ np.asarray(query, dtype=np.float32).reshape(-1)
        top = np.argsort(-scores, kind="stable")[:k]
        return rows[top].astype(np.int64), scores[top].astype(np.float32)

    def reconstruct(self, row: int) -> np.ndarray:
        return self._vectors[int(row)]

    def reconstruct_all(self) -> np.ndarray:
        return self._vectors


class FullTextSearch:
    """Keyword scores from PostgreSQL full-text search (ts_rank_cd); the sentence re-rank's
    terms and idf still come from the in-memory BM25 index of the same rows."""

    CANDIDATES = 200

    def __init__(self, store: PostgresStore, vectors: PgVectorIndex, bm25: KeywordIndex):
        self._store, self._vectors, self._bm25 = store, vectors, bm25

    @property
    def size(self) -> int:
        return self._vectors.size

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        found, ranks = self._store.text_search(query, self.CANDIDATES)
        for row, rank in zip(self._vectors.rows_of(found), ranks):
            if row is not None:
                out[row] = rank
        return out

    def terms(self, text: str) -> list[str]:
        return self._bm25.terms(text)

    def terms_of_many(self, texts):
        return self._bm25.terms_of_many(texts)

    def idf(self, terms):
        return self._bm25.idf(terms)


def _as_array(value) -> np.ndarray:
    """A vector column as float32 (pgvector hands back Vector objects or arrays)."""
    return np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value, dtype=np.float32)


class ScaleTable:
    """A bare table of numbered vectors with an HNSW index, for benchmarks/scale.py."""

    def __init__(self, url: str, name: str = "newsdesk_scale"):
        self.name = name
        self._conn = PostgresStore(url)._connect(vectors=False)
        self._conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        register_vector(self._conn)

    def load(self, vectors: np.ndarray, progress: Callable[[int], None] = lambda done: None,
             batch: int = 50_000) -> None:
        """(Re)create the table and COPY the vectors in (binary, one COPY per batch)."""
        self._conn.execute(f"DROP TABLE IF EXISTS {self.name}")
        self._conn.execute(f"CREATE TABLE {self.name} (id bigint NOT NULL, "
                           f"embedding vector({vectors.shape[1]}) NOT NULL)")
        for start in range(0, len(vectors), batch):
            with self._conn.cursor() as cur, cur.copy(
                    f"COPY {self.name} (id, embedding) FROM STDIN WITH (FORMAT BINARY)") as copy:
                copy.set_types(["bigint", "vector"])
                for i in range(start, min(start + batch, len(vectors))):
                    copy.write_row((i, vectors[i]))
            progress(min(start + batch, len(vectors)))

    def build_hnsw(self, m: int, ef_construction: int, memory: str = "2GB",
                   workers: int = 1) -> None:
        self._conn.execute(f"SET maintenance_work_mem = '{memory}'")
        self._conn.execute(f"SET max_parallel_maintenance_workers = {int(workers)}")
        self._conn.execute(f"CREATE INDEX ON {self.name} USING hnsw (embedding vector_ip_ops) "
                           f"WITH (m = {int(m)}, ef_construction = {int(ef_construction)})")

    def set_ef_search(self, ef: int) -> None:
        self._conn.execute(f"SET hnsw.ef_search = {int(ef)}")

    def search(self, query: np.ndarray, k: int) -> list[int]:
        return [r[0] for r in self._conn.execute(
            f"SELECT id FROM {self.name} ORDER BY embedding <#> %s LIMIT %s",
            (np.asarray(query, dtype=np.float32), int(k))).fetchall()]

    def size_mb(self) -> tuple[float, float]:
        """(table, indexes) on disk, in MB."""
        row = self._conn.execute("SELECT pg_table_size(%s), pg_indexes_size(%s)",
                                 (self.name, self.name)).fetchone()
        return row[0] / 2**20, row[1] / 2**20

    def drop(self) -> None:
        self._conn.execute(f"DROP TABLE IF EXISTS {self.name}")
        self._conn.close()
