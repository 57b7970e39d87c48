"""Narratives that rest on one account: a paragraph's credit covers its uncredited sentences.

A reporter who writes "According to the agency, 11 workers were detained. They were taken to
the police station and fined." or "По данным канала, силовики обходят торговые залы.
Задержанных уже около 600 человек." tells the whole paragraph on the agency's or the channel's
word; the second sentence names no source only because the first already did. A careful coder
credits it to the same source. The credit reaches forward over the sentences of its own
paragraph (a line break ends one), up to a sentence that moves to a place the story has not
been at (the next item of a round-up, "В Подольске …", "In Yakutsk, …"). A sentence with a
hedge of its own ("were reportedly taken") stands on the hedge, not on the credit before it.
A paragraph that is nothing but a quotation continues the account of the paragraph before it;
a quotation that runs over several sentences is the words of whoever its last one credits
('"They took us in a raid in September. Three weeks in the cell," said Firuz').
A sentence that only says who told what came before ("Об этом сообщает X") hands its credit
back, not on. A credit named after the facts ("…, the court's press service said") covers its
own sentence only: in round-ups and reports alike the sentence before it is the outlet's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from khronika.model import Sentence

_LINE_BREAK = re.compile(r"\n")
_OPEN_QUOTE = frozenset("«“\"„")


def paragraphs(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """The paragraph number of each sentence (a line break between two starts a new one)."""
    out: list[int] = []
    para = 0
    for k, s in enumerate(sentences):
        if k and _LINE_BREAK.search(text[sentences[k - 1].stop : s.start]):
            para += 1
        out.append(para)
    return out


def account_sources(
    text: str,
    sentences: Sequence[Sentence],
    sources: Sequence[tuple[str, ...]],
    moves_on: Sequence[bool],
    hedged: Sequence[bool],
    points_back: Sequence[bool],
) -> list[tuple[str, ...]]:
    """For each sentence, the sources of the account it rests on: its own when it names
    them, else its paragraph's (see the module note); ``()`` when the outlet speaks.

    ``moves_on[k]``: sentence ``k`` goes to a new place; ``hedged[k]``: it hedges on its own;
    ``points_back[k]``: its credit covers what came before it ("This was reported by X"), so
    the story after it is told afresh.
    """
    para = paragraphs(text, sentences)
    out = list(sources)
    last_account: tuple[str, ...] = ()  # the account the previous paragraph ended on
    account: tuple[str, ...] = ()
    for k, sentence in enumerate(sentences):
        first = k == 0 or para[k] != para[k - 1]
        if first:
            account = last_account if _quoted(sentence) else ()
        if sources[k]:
            account = () if points_back[k] else sources[k]
        elif moves_on[k]:
            account = ()
        elif account and (not hedged[k] or _quoted(sentence)):  # a quotation is the account's
            out[k] = account
        if k + 1 == len(sentences) or para[k + 1] != para[k]:
            last_account = account
    for k, sentence in enumerate(sentences):
        if not out[k] and _opens_quotation(sentence.text):
            closing = next(
                (m for m in range(k + 1, min(len(sentences), k + 1 + _QUOTE_REACH))
                 if para[m] == para[k] and _closes_quotation(sentences[m].text)), None)
            if closing is not None and sources[closing]:
                out[k] = sources[closing]
    return out


_QUOTE_REACH = 3  # sentences a quotation may run over


def _opens_quotation(text: str) -> bool:
    """Opens with a quotation mark and leaves the quotation open."""
    text = text.lstrip()
    if not text or text[0] not in _OPEN_QUOTE:
        return False
    if text[0] == '"':
        return text.count('"') % 2 == 1
    return text.count(text[0]) > text.count({"«": "»", "“": "”", "„": "“"}[text[0]])


def _closes_quotation(text: str) -> bool:
    """Closes a quotation opened before it: a closing mark before any opening one."""
    for ch in text:
        if ch in "»”":
            return True
        if ch in "«“„":
            return False
    return text.count('"') % 2 == 1


def _quoted(sentence: Sentence) -> bool:
    text = sentence.text.lstrip()
    return bool(text) and text[0] in _OPEN_QUOTE
