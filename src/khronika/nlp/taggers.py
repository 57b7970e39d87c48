"""natasha's CNN taggers (slovnet, numpy) with their first layer read from a per-word table.

A slovnet tagger embeds each word (300 navec dimensions + 30 for its shape), then runs three
convolutions of width 3 (330 → 256 → 128 → 64) and a projection. The first convolution is
two thirds of the arithmetic, and it is linear in each word's embedding: its output at a
position is the sum, over the three window offsets, of the weights times the neighbour's
vector. So each word's three products are computed once and kept (a bounded table per
tagger), and a sentence's first layer is three row lookups and two shifted additions. The
other layers run as slovnet runs them.

Results equal slovnet's up to float rounding (the sums are taken in another order), which
can only flip a tag whose two best scores tie to the last bits; tests/test_nlp_batching.py
compares the tags with natasha's own on the dev corpus. A word's row is the same whichever
batch computed it, so a document's tags do not depend on what was analysed before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

# Rows kept per tagger: 3 × 256 float32 = 3 KB a word, so 32 k words are ~100 MB. News
# vocabulary is Zipfian; the table is emptied when full, which costs a refill, not a result.
TABLE_ROWS = 32_768
# slovnet's own default; larger batches gain nothing once sentences are sorted by length
# and lose cache locality (measured: 8 ≈ 32 > 128).
BATCH = 8
# word → (word id, shape id): kept, since encoding a word is a Python call chain each time
CODES_KEPT = 200_000

Array = npt.NDArray[Any]


class Tagger:
    """One slovnet tagger (natasha's morphology or NER ``infer``) run over many word lists
    at once, with the first-layer table."""

    def __init__(self, infer: Any, *, crf: bool = False, table_rows: int = TABLE_ROWS) -> None:
        self.infer = infer
        self.crf = crf  # NER decodes with its CRF, morphology by the best score per word
        self.model = model = infer.model
        conv = model.encoder.layers[0].conv
        if conv.padding != 1 or conv.weight.array.shape[2] != 3:  # pragma: no cover
            raise ValueError("the first-layer table assumes slovnet's width-3, padding-1 convs")
        weight = conv.weight.array  # filters × in × kernel
        self.filters = weight.shape[0]
        word_dim = model.emb.word.dim
        # in × (kernel · filters): one product per window offset, offset-major
        flat = weight.transpose(1, 2, 0).reshape(weight.shape[1], -1)
        self._word_weight = np.ascontiguousarray(flat[:word_dim])
        self._shape_rows = model.emb.shape.weight.array @ flat[word_dim:]
        self._bias = conv.bias.array
        self._table = np.zeros((table_rows + 1, flat.shape[1]), dtype=np.float32)
        self._row_of: dict[int, int] = {}
        self._codes: dict[str, tuple[int, int]] = {}

    def tag(self, items: Sequence[Sequence[str]]) -> list[Sequence[int]]:
        """Tag ids for every item (a list of words), in batches of items of similar length."""
        encoder, codes = self.infer.encoder, self._codes
        out: list[Sequence[int]] = [()] * len(items)
        order = sorted((i for i in range(len(items)) if items[i]), key=lambda i: len(items[i]))
        for k in range(0, len(order), BATCH):
            batch = order[k : k + BATCH]
            encoded = []
            for i in batch:
                pairs = []
                for word in items[i]:
                    code = codes.get(word)
                    if code is None:
                        ids = encoder.item([word])
                        code = (ids[0][0], ids[1][0])
                        if len(codes) < CODES_KEPT:
                            codes[word] = code
                    pairs.append(code)
                encoded.append(([c[0] for c in pairs], [c[1] for c in pairs]))
            inputs = encoder.input(encoded)
            pred = self(inputs.word_id, inputs.shape_id, inputs.pad_mask)
            head = self.model.head
            if self.crf:
                tags = head.crf.decode(pred, ~inputs.pad_mask)
            else:
                tags = head.decode(pred)
            for j, i in enumerate(batch):
                out[i] = tags[j][: len(items[i])]
        return out

    def __call__(self, word_id: Array, shape_id: Array, pad_mask: Array) -> Array:
        """The model's output (batch × words × tags scores), as ``model(...)`` gives it."""
        model = self.model
        batch, length = word_id.shape
        products = (self._word_products(word_id) + self._shape_rows[shape_id]).reshape(
            batch, length, 3, self.filters
        )
        out = products[:, :, 1, :] + self._bias
        out[:, 1:] += products[:, :-1, 0]  # the word before, through the left weights
        out[:, :-1] += products[:, 1:, 2]  # the word after, through the right weights
        x = out.swapaxes(2, 1)  # batch × filters × words, as slovnet's layers take it
        mask = np.expand_dims(pad_mask, axis=1)
        first = model.encoder.layers[0]
        x = first.norm(first.relu(x))
        x[mask.repeat(x.shape[1], axis=1)] = 0
        for layer in model.encoder.layers[1:]:
            x = layer(x)
            x[mask.repeat(x.shape[1], axis=1)] = 0
        scores: Array = model.head(np.swapaxes(x, 2, 1))
        return scores

    def _word_products(self, word_id: Array) -> Array:
        """batch × words × (3 · filters): each word's first-layer products, from the table."""
        ids, inverse = np.unique(word_id, return_inverse=True)
        inverse = inverse.reshape(word_id.shape)
        capacity = len(self._table) - 1
        if len(ids) > capacity:  # a batch with more distinct words than the table holds
            products: Array = (self.model.emb.word(ids) @ self._word_weight)[inverse]
            return products
        row_of = self._row_of
        new = [int(i) for i in ids if int(i) not in row_of]
        if new:
            if len(row_of) + len(new) > capacity:
                row_of.clear()  # full: start again rather than grow without bound
                new = [int(i) for i in ids]
            vectors = self.model.emb.word(np.asarray(new))  # navec: zero for the padding id
            start = len(row_of) + 1  # row 0 stays zero
            self._table[start : start + len(new)] = vectors @ self._word_weight
            for k, i in enumerate(new):
                row_of[i] = start + k
        lookup = np.fromiter((row_of[int(i)] for i in ids), dtype=np.int64, count=len(ids))
        found: Array = self._table[lookup[inverse]]
        return found
