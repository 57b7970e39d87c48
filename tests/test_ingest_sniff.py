"""The sniffer's byte counts (done in C with ``bytes.translate``) against the plain
per-character definitions they replace, on generated heads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khronika.ingest.sniff import _head_text, _looks_utf16

TEXT_CONTROLS = "\t\n\r\f\v\x1b\x00"


def reference_is_binary(head: bytes) -> bool:
    text = head.decode("latin-1")
    control = sum(1 for ch in text if (ch < " " and ch not in TEXT_CONTROLS) or ch == "\x7f")
    return control / len(text) > 0.02 or text.count("\x00") / len(text) > 0.3


def reference_utf16(head: bytes) -> str | None:
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] in (0, 4))
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] in (0, 4))
    if odd > 0.7 * pairs and even < 0.1 * pairs:
        return "utf-16-le"
    if even > 0.7 * pairs and odd < 0.1 * pairs:
        return "utf-16-be"
    return None


# Heads that sit near the thresholds: mostly text with a sprinkling of controls and NULs,
# and UTF-16-like runs, as well as arbitrary bytes.
near_text = st.lists(
    st.sampled_from([b"a", b"\xd0", b"\x00", b"\x04", b"\x01", b"\x7f", b"\n", b" ", b"\x1b"]),
    min_size=1,
    max_size=400,
).map(b"".join)
heads = st.one_of(st.binary(min_size=1, max_size=600), near_text)


@settings(max_examples=400, deadline=None)
@given(heads)
def test_binary_decision_matches_the_per_character_count(head: bytes) -> None:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return  # byte-order marks decide before counting
    if reference_utf16(head) is not None:
        return  # UTF-16 heads are decoded as such, not counted
    assert (_head_text(head) is None) == reference_is_binary(head)


@settings(max_examples=400, deadline=None)
@given(heads)
def test_utf16_guess_matches_the_per_pair_count(head: bytes) -> None:
    assert _looks_utf16(head) == reference_utf16(head)


def test_utf16_without_bom_in_both_orders() -> None:
    text = "Задержаны 300 мигрантов в Москве. " * 4
    assert _looks_utf16(text.encode("utf-16-le")) == "utf-16-le"
    assert _looks_utf16(text.encode("utf-16-be")) == "utf-16-be"
    assert _looks_utf16(text.encode("utf-8")) is None
