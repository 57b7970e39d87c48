"""Hostile input through the real ``khronika run`` command, in a subprocess.

The corpus is written by the tests: truncated and bomb-sized compressed files, 200 MB files,
binary files named ``.html``, markup nested 100,000 deep, pages full of scripts, NUL bytes,
broken JSON Lines, a document given twice, Russian and English reports. It is run into a
store that already holds the bundled sample's claims. The command must name every bad file
on stderr (one line each), exit 1 without a traceback, leave the store consistent with the
earlier claims untouched, stay under 2 GiB, and store no script text.

A second test kills a run with SIGKILL part-way and runs it again: the store must end up with
exactly the claims an uninterrupted run produces.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from khronika.store import open_store

GIB = 2**30
MIB = 2**20
_TIMEOUT = 900  # seconds; a hung run fails the test instead of hanging the suite

RU_REPORT = (
    "Сотрудники полиции и миграционной службы провели рейд на овощной базе в Подольске. "
    "По словам очевидцев, задержаны около сорока иностранных рабочих, их доставили в отдел "
    "полиции. Часть задержанных, получивших гражданство, отвезли в военкомат."
)
EN_REPORT = (
    "Police and migration officers raided a construction site in Kazan on Tuesday. "
    "Witnesses said about thirty foreign workers were detained and taken to a police station, "
    "and several naturalised citizens among them were handed draft summonses."
)
RU_WARC = (
    "В Екатеринбурге полиция устроила облаву в общежитии, где жили рабочие из Средней Азии. "
    "По данным местного издания, задержаны не менее пятнадцати человек."
)
EN_WARC = (
    "In Novosibirsk, officers checked documents at a market and detained twelve migrants, "
    "a regional news site reported, citing the city police."
)
DE_REPORT = (
    "Die Polizei hat am Dienstag auf einer Baustelle in Berlin mehrere Arbeiter kontrolliert "
    "und ihre Papiere geprüft, berichtete eine örtliche Zeitung."
)
# Markers that exist only inside scripts, styles and event handlers: none may be stored.
SCRIPT_MARKERS = ("kh_script_marker", "kh-style-marker", "kh_handler_marker", "<script", "<style")


def _page(title: str, text: str, *, hostile: bool = False) -> str:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.split(". ") if sentence)
    extra = ""
    if hostile:
        extra = (
            '<script>var kh_script_marker = "</p>"; document.write("<p>kh_script_marker</p>");'
            "</script>"
            "<style>.kh-style-marker { color: red } p:after { content: 'kh-style-marker' }</style>"
            '<img src="x.png" onerror="kh_handler_marker(document.cookie)">'
            "<noscript><script>kh_script_marker()</script></noscript>"
            "<template><script>kh_script_marker()</script></template>"
        )
    onclick = ' onclick="kh_handler_marker()"' if hostile else ""
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f"<script>kh_script_marker()</script></head><body{onclick}>{extra}"
        f"<article><h1{onclick}>{title}</h1>{paragraphs}"
        f"{'<script>kh_script_marker()</script>' if hostile else ''}"
        f"<p>Escaped on the page: &lt;script&gt;steal()&lt;/script&gt; end.</p></article>"
        f"</body></html>"
    )


def _warc_record(writer: WARCWriter, uri: str, body: bytes | Iterator[bytes], length: int) -> None:
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(length))],
        protocol="HTTP/1.1",
    )
    payload: io.RawIOBase | io.BytesIO
    payload = io.BytesIO(body) if isinstance(body, bytes) else _IterStream(body)
    record = writer.create_warc_record(
        uri, "response", payload=payload, http_headers=headers, length=length
    )
    writer.write_record(record)


class _IterStream(io.RawIOBase):
    """Chunks as a readable stream, so a 200 MB record is written without holding it."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._rest:
            self._rest = next(self._chunks, b"")
            if not self._rest:
                return 0
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


def _filler(total: int) -> Iterator[bytes]:
    """``total`` bytes of plausible markup, in 1 MiB chunks."""
    unit = b"<div><p>filler paragraph of a page that never ends</p></div>\n"
    chunk = unit * (MIB // len(unit))
    left = total
    while left > 0:
        piece = chunk[:left]
        left -= len(piece)
        yield piece


def _big_warc(path: Path, size: int) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        first = _page("Облава", RU_WARC).encode()
        _warc_record(writer, "https://example.ru/raid", first, len(first))
        _warc_record(writer, "https://example.org/endless", _filler(size), size)
        last = _page("Market checks", EN_WARC).encode()
        _warc_record(writer, "https://example.org/market", last, len(last))


def _bomb_members() -> Iterator[bytes]:
    yield b"<!doctype html><html><body>"
    yield from _filler(300 * MIB)


def _jsonl_line(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode() + b"\n"


@dataclass(frozen=True)
class Corpus:
    folder: Path
    bad: dict[str, set[str]]  # file name → K codes its rejections must carry
    bad_records: dict[str, set[tuple[str, str]]]  # file name → (record, code) rejected inside
    stored: set[str]  # sources ("path" or "path#record") whose document must be stored
    skipped: int  # inputs that repeat a stored document


def _write_corpus(folder: Path) -> Corpus:
    folder.mkdir()
    put = lambda name, data: (folder / name).write_bytes(data)  # noqa: E731

    # Good documents, some of them carrying hostile content that must not be stored.
    put("good-ru.txt", RU_REPORT.encode())
    put("repeat-of-good-ru.txt", RU_REPORT.encode())  # the same document a second time
    put("good-en.html", _page("Raid in Kazan", EN_REPORT, hostile=True).encode())
    put("nul-bytes.txt", RU_WARC.replace(" ", " \x00", 5).encode() + b"\x00\x00")

    # JSON Lines with good, broken and repeated lines.
    lines = [
        _jsonl_line({"id": "hostile-en-1", "text": EN_REPORT, "language": "en"}),
        b'{"id": "bad-utf8", "text": "\xd0\x9f\xd0 \xff\xfe"}\n',
        _jsonl_line(["a", "list", "not", "a", "record"]),
        _jsonl_line({"id": "no-text", "title": "a record without text"}),
        _jsonl_line({"id": "text-not-string", "text": 42}),
        b'{"id": "cut-short", "text": "\xd0\x9f\xd0\xbe\n',
        _jsonl_line({"id": "hostile-en-1", "text": EN_REPORT, "language": "en"}),
    ]
    put("docs.jsonl", b"".join(lines))

    # Truncated compressed files.
    packed = gzip.compress(_page("Облава", RU_REPORT).encode() * 50)
    put("cut.html.gz", packed[: len(packed) // 2])
    warc = io.BytesIO()
    writer = WARCWriter(warc, gzip=True)
    for i in range(3):
        body = _page(f"Рейд {i}", RU_WARC).encode() * 20
        _warc_record(writer, f"https://example.ru/{i}", body, len(body))
    put("cut.warc.gz", warc.getvalue()[: len(warc.getvalue()) // 2])

    # Decompression bombs: 300 MiB of markup from a few hundred KiB.
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("page.html", "w", force_zip64=True) as member:
            for chunk in _bomb_members():
                member.write(chunk)
    with gzip.open(folder / "bomb.html.gz", "wb", compresslevel=6) as bomb:
        for chunk in _bomb_members():
            bomb.write(chunk)

    # 200 MB files: one page, one web archive with a 200 MB response between good ones.
    with (folder / "huge.html").open("wb") as out:
        out.write(b"<!doctype html><html><body>")
        for chunk in _filler(200 * 10**6):
            out.write(chunk)
    _big_warc(folder / "huge.warc", 200 * 10**6)

    # Binary files named like pages, and markup built to break parsers.
    put("photo.html", b"\x89PNG\r\n\x1a\n" + os.urandom(32 * 1024))
    put("random.html", os.urandom(64 * 1024))
    put("nuls.html", b"<html>" + b"\x00" * 100_000)
    depth = 100_000
    put("deep.html", b"<div>" * depth + RU_REPORT.encode() + b"</div>" * depth)
    put("german.txt", DE_REPORT.encode())

    f = str(folder)
    return Corpus(
        folder=folder,
        bad={
            "cut.html.gz": {"K102"},
            "cut.warc.gz": {"K102"},
            "bomb.zip": {"K103"},
            "bomb.html.gz": {"K103"},
            "huge.html": {"K103"},
            "huge.warc": {"K103"},
            "photo.html": {"K104"},
            "random.html": {"K104"},
            "nuls.html": {"K104"},
            "deep.html": {"K108"},
            "german.txt": {"K107"},
            "docs.jsonl": {"K101", "K106"},
        },
        bad_records={
            "docs.jsonl": {
                ("2", "K101"),
                ("3", "K106"),
                ("4", "K106"),
                ("5", "K106"),
                ("6", "K106"),
            },
            "huge.warc": {("https://example.org/endless", "K103")},
        },
        stored={
            f"{f}/good-ru.txt",
            f"{f}/good-en.html",
            f"{f}/nul-bytes.txt",
            f"{f}/docs.jsonl#1",
            f"{f}/huge.warc#https://example.ru/raid",
            f"{f}/huge.warc#https://example.org/market",
        },
        skipped=2,
    )


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str
    peak_rss: int  # bytes, of this command alone


def khronika(*args: str, cwd: Path) -> Finished:
    """Run the installed command in a subprocess and measure its own peak memory.

    Not wait4's ru_maxrss: a child started with vfork (as subprocess does) inherits the
    parent's high-water mark at exec, so a large pytest process would be counted. VmHWM in
    /proc is the peak of the child's own address space, sampled until it exits."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    env = {**os.environ, "COLUMNS": "400", "PYTHONFAULTHANDLER": "1"}
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "khronika", *args],
            stdout=stdout,
            stderr=stderr,
            cwd=cwd,
            env=env,
        )
        watchdog = threading.Timer(_TIMEOUT, proc.kill)
        watchdog.start()
        peak = 0
        try:
            while True:
                done, status, _ = os.wait4(proc.pid, os.WNOHANG)
                if done:
                    break
                peak = max(peak, _vm_hwm(proc.pid))
                time.sleep(0.02)
        finally:
            watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Finished(
        code=proc.returncode,
        stdout=out.read_text(encoding="utf-8", errors="replace"),
        stderr=err.read_text(encoding="utf-8", errors="replace"),
        peak_rss=peak,
    )


def _vm_hwm(pid: int) -> int:
    """The process's peak resident memory so far, in bytes (0 once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _export(db: Path, cwd: Path) -> list[str]:
    done = khronika("export", "--db", str(db), cwd=cwd)
    assert done.code == 0, done.stderr
    return done.stdout.splitlines()


def _stored_sources(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT source, record FROM documents ORDER BY rowid").fetchall()
    return [source + (f"#{record}" if record else "") for source, record in rows]


def _document_ids(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM documents")]


def _rejected_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("rejected ")]


@pytest.fixture(scope="module")
def hostile_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Corpus, Path, list[str], Finished]]:
    work = tmp_path_factory.mktemp("hostile")
    corpus = _write_corpus(work / "inputs")
    db = work / "store.db"
    sample = khronika("run", "--sample", "--db", str(db), cwd=work)
    assert sample.code == 0, sample.stderr
    before = _export(db, work)
    assert before, "the sample gives claims to protect"
    done = khronika("run", str(corpus.folder), "--db", str(db), cwd=work)
    yield corpus, db, before, done
    for big in ("huge.html", "huge.warc"):  # pytest keeps the last runs' folders: free 400 MB
        (corpus.folder / big).unlink()


def test_hostile_run_names_every_bad_file_once_a_line(
    hostile_run: tuple[Corpus, Path, list[str], Finished],
) -> None:
    corpus, _, _, done = hostile_run
    assert done.code == 1
    assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr[-3000:]
    codes: dict[str, set[str]] = {}
    records: dict[str, set[tuple[str, str]]] = {}
    prefix = str(corpus.folder) + "/"
    for line in _rejected_lines(done.stderr):
        where, _, rest = line.removeprefix("rejected ").partition(": [")
        code = rest[:4]
        assert where.startswith(prefix), line
        name, _, record = where.removeprefix(prefix).partition("#")
        name = name.split("!")[0]
        codes.setdefault(name, set()).add(code)
        if record:
            records.setdefault(name, set()).add((record, code))
    assert codes == corpus.bad
    assert records == corpus.bad_records
    summary = done.stderr.strip().splitlines()[-1]
    assert f"{corpus.skipped} already stored" in summary
    # Every other stderr line is a rejection or the summary: each rejection is one line.
    other = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(other) == len(_rejected_lines(done.stderr)) + 1, done.stderr[-3000:]


def test_hostile_run_rejections_are_stored(
    hostile_run: tuple[Corpus, Path, list[str], Finished],
) -> None:
    corpus, db, _, done = hostile_run
    listed = khronika("rejections", "--db", str(db), cwd=db.parent)
    assert listed.code == 0
    named = {
        Path(line.split("\t")[0].split("#")[0].split("!")[0]).name
        for line in listed.stdout.splitlines()
    }
    assert named == set(corpus.bad)
    assert len(listed.stdout.splitlines()) == len(_rejected_lines(done.stderr))


def test_hostile_run_keeps_the_store_whole_and_earlier_claims(
    hostile_run: tuple[Corpus, Path, list[str], Finished],
) -> None:
    corpus, db, before, _ = hostile_run
    store = open_store(db)
    try:
        assert store.integrity_check() == []
        counts = store.count()
    finally:
        store.close()
    after = _export(db, db.parent)
    assert after[: len(before)] == before
    assert len(after) > len(before), "the good hostile documents add claims"
    ids = [json.loads(line)["claim_id"] for line in after]
    assert len(ids) == len(set(ids)) == counts.claims
    sources = [s for s in _stored_sources(db) if s.startswith(str(corpus.folder))]
    assert sorted(sources) == sorted(corpus.stored)
    assert counts.documents == len(_document_ids(db))


def test_hostile_run_stores_no_script_text(
    hostile_run: tuple[Corpus, Path, list[str], Finished],
) -> None:
    corpus, db, _, _ = hostile_run
    store = open_store(db)
    try:
        documents = [store.get_document(doc_id) for doc_id in _document_ids(db)]
    finally:
        store.close()
    hostile = [d for d in documents if d is not None and d.source.startswith(str(corpus.folder))]
    assert len(hostile) == len(corpus.stored)
    for doc in hostile:
        for marker in SCRIPT_MARKERS:
            assert marker not in doc.text, (doc.source, marker)
        assert "\x00" not in doc.text
    page = next(d for d in hostile if d.source.endswith("good-en.html"))
    assert "thirty foreign workers were detained" in page.text
    assert page.language == "en"
    nul = next(d for d in hostile if d.source.endswith("nul-bytes.txt"))
    assert nul.language == "ru" and "пятнадцати человек" in nul.text


def test_hostile_run_peak_memory_under_2_gib(
    hostile_run: tuple[Corpus, Path, list[str], Finished],
) -> None:
    _, _, _, done = hostile_run
    assert 0 < done.peak_rss < 2 * GIB, f"peak RSS {done.peak_rss / MIB:.0f} MiB"


# -- SIGKILL and resume ----------------------------------------------------------------------


def _resume_corpus(folder: Path) -> int:
    """~40 documents: half as a JSON Lines file, half as text files (ids from their text)."""
    folder.mkdir()
    sample = resources.files("khronika.data").joinpath("sample/docs.jsonl").read_text("utf-8")
    records = [json.loads(line) for line in sample.splitlines() if line.strip()][:40]
    half = len(records) // 2
    (folder / "a-batch.jsonl").write_bytes(b"".join(_jsonl_line(r) for r in records[:half]))
    for i, record in enumerate(records[half:]):
        (folder / f"doc-{i:02d}.txt").write_text(record["text"], encoding="utf-8")
    return len(records)


def _count_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # the store is still being created
        return 0


def test_sigkill_mid_run_then_rerun_equals_uninterrupted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    total = _resume_corpus(corpus)
    fresh, killed = tmp_path / "fresh.db", tmp_path / "killed.db"

    full = khronika("run", str(corpus), "--db", str(fresh), cwd=tmp_path)
    assert full.code == 0, full.stderr

    proc = subprocess.Popen(
        [sys.executable, "-m", "khronika", "run", str(corpus), "--db", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    deadline = time.monotonic() + _TIMEOUT
    try:
        while _count_documents(killed) < 5:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    stored_at_kill = _count_documents(killed)
    assert 5 <= stored_at_kill < total

    again = khronika("run", str(corpus), "--db", str(killed), cwd=tmp_path)
    assert again.code == 0, again.stderr
    assert f"{stored_at_kill} already stored" in again.stderr

    assert _export(killed, tmp_path) == _export(fresh, tmp_path)
    ids = _document_ids(killed)
    assert len(ids) == len(set(ids)) == total
    store = open_store(killed)
    try:
        assert store.integrity_check() == []
        assert store.count().documents == total
    finally:
        store.close()
