"""The pipeline: read → clean → sentences → events → counts → dates → places → attribution and
certainty → actors and targets → store.

Heavy resources (natasha, the gazetteer, the compiled codebook) live on one ``Resources``
object built once per process and passed in; stages are functions over ``khronika.model``
types. ``COMPONENTS`` names the stages each claim passed through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from khronika.clean import clean_document
from khronika.codebook import Codebook, compile_codebook, parse_codebook, read_codebook
from khronika.errors import ConfigError, DocumentFailed, InputError
from khronika.extract import attribution, claims, events
from khronika.extract.sentence_model import encoder_named, load_model
from khronika.geocode import Geocoder, load_gazetteer
from khronika.geocode.outlets import OutletHomes
from khronika.ingest import read_inputs
from khronika.model import Claim, Document, RawDocument, Rejection, Sentence
from khronika.nlp import NLP, build_nlp
from khronika.settings import ExtractSettings
from khronika.store import Store

# The stages that make a claim, by component id, in the order they run: each claim names them
# (with the model's version when one judged it), so a figure can be traced to the code.
COMPONENTS: tuple[str, ...] = (
    events.COMPONENT,
    "khronika.counts.v1",
    "khronika.dates.v1",
    "khronika.geocode.v1",
    attribution.COMPONENT,
    claims.COMPONENT,
)


@dataclass
class Resources:
    nlp: NLP
    codebook: Codebook
    geocoder: Geocoder
    model: claims.SentenceModel | None = None  # judges the rules' candidate sentences


def build_resources(settings: ExtractSettings | None = None) -> Resources:
    """The resources ``settings`` describe (the bundled codebook, gazetteer and model when
    None)."""
    settings = settings or ExtractSettings()
    judge = sentence_model(settings.model, settings.encoder)
    nlp = build_nlp()
    raw = (
        parse_codebook(settings.codebook_toml, settings.codebook_name)
        if settings.codebook_toml is not None
        else read_codebook()
    )
    codebook = compile_codebook(raw, nlp.lemmatize)
    gazetteer = load_gazetteer(settings.gazetteer)
    homes = OutletHomes(gazetteer, settings.outlets, settings.outlets_name)
    return Resources(nlp, codebook, Geocoder(gazetteer, nlp, homes), judge)


def sentence_model(model: str | None, encoder: str | None = None) -> claims.SentenceModel | None:
    """A model file, ``"none"`` for the rules alone, or None for the bundled model;
    ``encoder``: ``"e5"`` to let the model read sentence embeddings too."""
    if model == "none":
        if encoder is not None:
            raise ConfigError("--encoder needs a sentence model (not --model none)")
        return None
    return load_model(Path(model) if model else None).with_encoder(encoder_named(encoder))


def process_document(doc: Document, *, resources: Resources) -> list[Claim]:
    """Claims of one cleaned document."""
    return process_documents([doc], resources=resources)[0]


def process_documents(docs: Sequence[Document], *, resources: Resources) -> list[list[Claim]]:
    """Claims of each cleaned document."""
    out: list[list[Claim]] = []
    for doc, analysed in zip(docs, analyse_documents(docs, resources=resources), strict=True):
        if analysed is None:
            out.append([])
            continue
        sentences, title = analysed
        out.append(
            claims.extract_claims(
                doc,
                sentences,
                codebook=resources.codebook,
                geocoder=resources.geocoder,
                title=title,
                components=COMPONENTS,
                model=resources.model,
            )
        )
    return out


Analysis = tuple[list[Sentence], list[Sentence] | None]  # sentences, title words


def analyse_documents(
    docs: Sequence[Document], *, resources: Resources
) -> list[Analysis | None]:
    """Sentences and title words of each cleaned document, or None for a Russian text no
    rule could fire on. Russian texts go through the taggers together, which costs about
    half of tagging them one by one (``RussianNLP.analyze_many``)."""
    nlp = resources.nlp
    segmented = {k: nlp.russian.segment(d.text) for k, d in enumerate(docs) if d.language == "ru"}
    ru = [
        k
        for k, seg in segmented.items()
        # no trigger word under any parse: skip natasha's taggers, most of a document's cost
        if resources.codebook.could_trigger(nlp.russian.possible_lemmas(seg), "ru")
    ]
    analysed = dict(zip(ru, nlp.russian.analyze_many([segmented[k] for k in ru]), strict=True))
    out: list[Analysis | None] = []
    for k, doc in enumerate(docs):
        if doc.language == "ru" and k not in analysed:
            out.append(None)
            continue
        sentences = analysed[k] if k in analysed else nlp.analyze(doc.text, doc.language)
        title = nlp.analyze_words(doc.title, doc.language) if doc.title else None
        out.append((sentences, title))
    return out


@dataclass(frozen=True)
class Outcome:
    """What became of one input record."""

    source: str
    document: Document | None = None
    claims: tuple[Claim, ...] = ()
    rejection: Rejection | None = None
    stored: bool = False
    already_stored: bool = False  # skipped: a document with this id is in the store


def rejection_from(error: InputError, stage: str | None = None) -> Rejection:
    return Rejection(
        source=error.path,
        stage=stage or error.stage,
        code=error.code,
        message=error.message,
        record=error.record,
    )


# Documents analysed together: enough sentences for the taggers' length-sorted batches to
# carry little padding (gains flatten out past ~32 news items), few enough that a run's
# output trails its input by a moment and a chunk of long texts stays small in memory.
CHUNK_DOCUMENTS = 32
CHUNK_CHARS = 400_000


def process_inputs(
    paths: Sequence[Path],
    *,
    resources: Resources,
    published: date | None = None,
    is_stored: Callable[[str], bool] | None = None,
    follow_links: bool = False,
) -> Iterator[Outcome]:
    """Read, clean and extract every input; bad inputs come out as rejections, in order."""
    for chunk in process_chunks(
        paths, resources=resources, published=published, is_stored=is_stored,
        follow_links=follow_links,
    ):
        yield from chunk


def process_chunks(
    paths: Sequence[Path],
    *,
    resources: Resources,
    published: date | None = None,
    is_stored: Callable[[str], bool] | None = None,
    follow_links: bool = False,
) -> Iterator[list[Outcome]]:
    """``process_inputs`` a chunk of outcomes at a time (the documents analysed together)."""
    chunk: list[RawDocument | InputError] = []
    size = 0
    for item in read_inputs(paths, follow_links=follow_links):
        chunk.append(item)
        size += len(item.body) if isinstance(item, RawDocument) else 0
        if len(chunk) >= CHUNK_DOCUMENTS or size >= CHUNK_CHARS:
            yield process_raws(chunk, resources=resources, published=published, is_stored=is_stored)
            chunk, size = [], 0
    if chunk:
        yield process_raws(chunk, resources=resources, published=published, is_stored=is_stored)


def process_raw(
    raw: RawDocument,
    *,
    resources: Resources,
    published: date | None = None,
    is_stored: Callable[[str], bool] | None = None,
) -> Outcome:
    return process_raws([raw], resources=resources, published=published, is_stored=is_stored)[0]


def process_raws(
    items: Sequence[RawDocument | InputError],
    *,
    resources: Resources,
    published: date | None = None,
    is_stored: Callable[[str], bool] | None = None,
) -> list[Outcome]:
    """An outcome for each item, in order: reader errors and documents that fail to clean
    become rejections, documents already in the store are skipped, the rest are analysed
    together."""
    outcomes: list[Outcome | None] = []
    todo: list[tuple[int, RawDocument, Document]] = []
    for item in items:
        if isinstance(item, InputError):
            outcomes.append(Outcome(item.path, rejection=rejection_from(item)))
            continue
        try:
            doc = clean_document(item)
        except InputError as exc:
            outcomes.append(Outcome(item.source, rejection=rejection_from(exc, "clean")))
            continue
        except Exception as exc:  # one document's failure must not stop the run
            error = DocumentFailed.of(exc, path=item.source, record=item.record, stage="clean")
            outcomes.append(Outcome(item.source, rejection=rejection_from(error)))
            continue
        if published is not None and doc.published is None:
            doc = replace(doc, published=published)
        if is_stored is not None and is_stored(doc.id):
            # re-runs cost a read
            outcomes.append(Outcome(item.source, document=doc, already_stored=True))
            continue
        todo.append((len(outcomes), item, doc))
        outcomes.append(None)
    try:
        found = process_documents([doc for _, _, doc in todo], resources=resources)
    except Exception:  # some document failed a stage: find it below, keep the others
        found = None
    for n, (at, raw, doc) in enumerate(todo):
        outcomes[at] = (
            Outcome(raw.source, document=doc, claims=tuple(found[n]))
            if found is not None
            else _process_alone(raw, doc, resources)
        )
    return [outcome for outcome in outcomes if outcome is not None]


def _process_alone(raw: RawDocument, doc: Document, resources: Resources) -> Outcome:
    try:
        found = process_document(doc, resources=resources)
    except RecursionError:
        error = InputError(
            "document too deeply nested to analyse",
            path=raw.source,
            record=raw.record,
            stage="extract",
        )
        return Outcome(raw.source, rejection=rejection_from(error))
    except Exception as exc:  # analysis, extraction or geocoding: reject this one document
        failed = DocumentFailed.of(exc, path=raw.source, record=raw.record, stage="extract")
        return Outcome(raw.source, rejection=rejection_from(failed))
    return Outcome(raw.source, document=doc, claims=tuple(found))


@dataclass(frozen=True)
class RunSummary:
    documents: int
    skipped: int
    claims: int
    rejections: tuple[Rejection, ...]


@dataclass
class Writer:
    """Stores outcomes and keeps the run's tally; the serial run and the Dask runner's single
    writer share it, so both store the same things the same way."""

    store: Store
    on_outcome: Callable[[Outcome], None] | None = None
    documents: int = 0
    skipped: int = 0
    claims: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    _failed: set[int] = field(default_factory=set)  # outcomes whose store rows failed

    def write(self, outcomes: Sequence[Outcome]) -> None:
        """One transaction for the documents among ``outcomes`` (each stored whole or not at
        all); rejections are kept apart, so a bad input never holds back good ones."""
        for outcome in outcomes:
            if outcome.rejection is not None:
                self.store.save_rejection(outcome.rejection)
                self.rejections.append(outcome.rejection)
        fresh = [
            o for o in outcomes
            if o.rejection is None and o.document is not None and not o.already_stored
        ]
        saved = self._save(fresh)
        stored = {id(o) for o, new in zip(fresh, saved, strict=True) if new}
        for outcome in outcomes:
            if id(outcome) in stored:
                self.documents += 1
                self.claims += len(outcome.claims)
                outcome = replace(outcome, stored=True)
            elif id(outcome) in self._failed:
                self._failed.discard(id(outcome))
            elif outcome.rejection is None and outcome.document is not None:
                self.skipped += 1
            if self.on_outcome is not None:
                self.on_outcome(outcome)

    def _save(self, fresh: list[Outcome]) -> list[bool]:
        """``save_documents`` for the chunk; when it fails, each document alone, so one whose
        rows cannot be built or written becomes a rejection and the others are stored."""
        items = [(o.document, o.claims) for o in fresh if o.document is not None]
        try:
            return self.store.save_documents(items)
        except Exception:  # find the document at fault below
            pass
        saved: list[bool] = []
        for outcome, item in zip(fresh, items, strict=True):
            try:
                saved.extend(self.store.save_documents([item]))
            except Exception as exc:
                record = outcome.document.record if outcome.document is not None else None
                error = DocumentFailed.of(exc, path=outcome.source, record=record, stage="store")
                rejection = rejection_from(error)
                self.store.save_rejection(rejection)
                self.rejections.append(rejection)
                saved.append(False)
                self._failed.add(id(outcome))
        return saved

    def summary(self) -> RunSummary:
        return RunSummary(self.documents, self.skipped, self.claims, tuple(self.rejections))


def run(
    paths: Sequence[Path],
    *,
    store: Store,
    resources: Resources,
    published: date | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    follow_links: bool = False,
) -> RunSummary:
    """ingest → extract → store, a transaction per chunk of documents analysed together;
    never stops on a bad input. ``follow_links``: read symbolic links that lead out of an
    input folder."""
    writer = Writer(store, on_outcome)
    for chunk in process_chunks(
        paths, resources=resources, published=published, is_stored=store.has_document,
        follow_links=follow_links,
    ):
        writer.write(chunk)
    return writer.summary()
