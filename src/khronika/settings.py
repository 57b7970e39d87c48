"""How a run's extraction is configured — the codebook, an imported gazetteer, a team's outlet
table, the sentence model — as one object instead of parallel keyword lists through the CLI,
the pipeline and the Dask workers.

The codebook and the outlet table travel as text, so remote workers need no copy of the
files; an imported gazetteer (up to gigabytes) and a model file travel as paths each worker
must see (the same machine or a shared disk).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from khronika.errors import ConfigError


@dataclass(frozen=True)
class ExtractSettings:
    codebook_toml: str | None = None  # None: the bundled codebook
    codebook_name: str = "codebook"  # the file it came from, for error messages
    gazetteer: Path | None = None  # a file made by `khronika gazetteer import`
    outlets: str | None = None  # a team's outlet homes (TSV text), read over the bundled table
    outlets_name: str = "outlets file"
    model: str | None = None  # a model file, "none" for the rules alone, None for the bundled
    encoder: str | None = None  # "e5": the model also reads sentence embeddings

    @classmethod
    def from_options(
        cls,
        *,
        codebook: Path | None = None,
        gazetteer: Path | None = None,
        outlets: Path | None = None,
        model: str | None = None,
        encoder: str | None = None,
    ) -> ExtractSettings:
        """Settings from the command line's files: texts are read now, so a missing or
        unreadable file fails before anything runs."""
        return cls(
            codebook_toml=_read(codebook, "codebook") if codebook else None,
            codebook_name=str(codebook) if codebook else "codebook",
            gazetteer=gazetteer,
            outlets=_read(outlets, "outlets file") if outlets else None,
            outlets_name=str(outlets) if outlets else "outlets file",
            model=model,
            encoder=encoder,
        )

    def portable(self) -> ExtractSettings:
        """The same settings with absolute paths, for workers that may start elsewhere."""
        gazetteer = self.gazetteer.resolve() if self.gazetteer else None
        model = self.model
        if model and model != "none":
            model = str(Path(model).resolve())
        return replace(self, gazetteer=gazetteer, model=model)

    def digest(self) -> str:
        """A short key that changes whenever any setting does (a long-lived Dask cluster
        rebuilds its workers' resources only then)."""
        parts = (
            self.codebook_toml or "<bundled>",
            str(self.gazetteer or ""),
            self.outlets or "",
            self.model or "<bundled>",
            self.encoder or "",
        )
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the {what}: {exc}") from exc
