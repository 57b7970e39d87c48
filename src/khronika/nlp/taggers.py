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

from typing import Any

import numpy as np
import numpy.typing as npt

# Rows kept per tagger: 3 × 256 float32 = 3 KB a word, so 32 k words are ~100 MB. News
# vocabulary is Zipfian; the table is emptied when full, which costs a refill, not a result.
TABLE_ROWS = 32_768

Array = npt.NDArray[Any]


class Tagger:
    """One slovnet ``Tag`` model (morphology or NER) run with the first-layer table."""

    def __init__(self, model: Any, *, table_rows: int = TABLE_ROWS) -> None:
        self.model = model
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
