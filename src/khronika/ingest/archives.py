"""Zip and tar archives of pages: each member read as if it were a file on disk.

Sizes written in an archive's headers can lie, so what counts is what actually inflates: the
whole archive may inflate to at most ``limits.inflated``, and a member past that becomes
:class:`TooLarge` (a decompression bomb stops there, having used that much reading and
64 KiB of memory at a time). A WACZ (a zip holding WARC files) is read through its WARCs.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

from khronika.errors import InputError, TooLarge, TruncatedInput
from khronika.ingest.streams import Capped, LimitExceeded, Limits, buffered
from khronika.model import RawDocument

Item = RawDocument | InputError
Reader = Callable[..., Iterator[Item]]  # dispatch.read_stream, passed in to avoid an import cycle


def read_zip(
    source: str, stream: BinaryIO, *, limits: Limits, depth: int, read: Reader
) -> Iterator[Item]:
    # zipfile needs to seek to the central directory at the end: spool to memory, capped.
    max_bytes = limits.inflated
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield TooLarge(f"zip archive over the limit of {max_bytes:,} bytes", path=source)
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        yield TruncatedInput(f"zip archive is cut short or corrupt: {exc}", path=source)
        return
    with archive:
        members = sorted(
            (info for info in archive.infolist() if not info.is_dir()), key=lambda i: i.filename
        )
        names = {info.filename for info in members}
        if "datapackage.json" in names and any(n.startswith("archive/") for n in names):
            members = [info for info in members if info.filename.startswith("archive/")]
        budget = max_bytes
        for info in members:
            member = f"{source}!{info.filename}"
            try:
                with archive.open(info) as raw:
                    capped = Capped(raw, budget)  # type: ignore[arg-type]
                    yield from read(
                        member,
                        info.filename,
                        buffered(capped),
                        limits=limits,
                        depth=depth + 1,
                    )
                    budget = capped.remaining
                    if capped.exceeded:  # the reader reported it; the rest would fail too
                        return
            except LimitExceeded:
                yield TooLarge(f"archive inflates past {max_bytes:,} bytes", path=member)
                return
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                yield TruncatedInput(f"member cannot be inflated: {exc}", path=member)
            except NotImplementedError as exc:  # encryption, unknown compression
                yield InputError(f"member cannot be read: {exc}", path=member)


def read_tar(
    source: str, stream: BinaryIO, *, limits: Limits, depth: int, read: Reader
) -> Iterator[Item]:
    """A tar stream (already decompressed and capped by the caller when it was .tar.gz)."""
    max_bytes = limits.inflated
    budget = max_bytes
    try:
        archive = tarfile.open(fileobj=stream, mode="r|")
    except tarfile.TarError as exc:
        yield TruncatedInput(f"tar archive is cut short or corrupt: {exc}", path=source)
        return
    member_name = source
    try:
        for info in archive:
            if not info.isfile():
                continue
            member_name = f"{source}!{info.name}"
            extracted = archive.extractfile(info)
            if extracted is None:
                continue
            capped = Capped(extracted, budget)  # type: ignore[arg-type]
            yield from read(
                member_name, info.name, buffered(capped), limits=limits, depth=depth + 1
            )
            budget = capped.remaining
            if capped.exceeded:
                return
    except LimitExceeded:
        yield TooLarge(f"archive inflates past {max_bytes:,} bytes", path=member_name)
    except (tarfile.TarError, EOFError) as exc:
        yield TruncatedInput(f"tar archive is cut short or corrupt: {exc}", path=member_name)
    finally:
        archive.close()
