"""Telegram exports of any shape: a bad message is a rejection naming the file and message,
the good messages of the same export are kept, and nothing raises.

A message whose text is a number, a list of lists, pieces without "text", an export nested
thousands deep: each raised KeyError, TypeError or RecursionError and stopped the run.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from khronika.errors import BadRecord, InputError
from khronika.ingest.telegram import read_telegram_json
from khronika.model import RawDocument

GOOD = {"id": 1, "type": "message", "date": "2024-03-05T10:00:00",
        "text": "Police detained twenty migrants in Kazan."}
SOURCE = "export/result.json"


def _read(export: object) -> list[RawDocument | InputError]:
    return list(read_telegram_json(SOURCE, json.dumps(export).encode()))


def _export(*messages: object) -> dict[str, Any]:
    return {"name": "Channel", "id": 7, "messages": [GOOD, *messages]}


def test_bad_pieces_are_rejections_and_the_good_message_is_kept() -> None:
    bad = [
        {"id": 2, "text": [{"type": "bold"}, {"type": "link", "text": ["nested"]}]},
        {"id": 3, "text": 42},
        {"id": 4, "text": [[["deep"]]]},
        {"id": 5, "text_entities": ["x", 5]},
        {"id": 6, "text": {"text": "a dict"}},
    ]
    out = _read(_export(*bad))
    docs = [o for o in out if isinstance(o, RawDocument)]
    errors = [o for o in out if isinstance(o, InputError)]
    assert [d.record for d in docs] == ["1"]
    assert sorted(e.record or "" for e in errors) == ["2", "3", "4", "5", "6"]
    assert all(isinstance(e, BadRecord) and e.path == SOURCE for e in errors)


def test_a_message_without_text_is_skipped() -> None:
    out = _read(_export({"id": 2, "type": "message", "photo": "a.jpg"}))
    assert [o.record for o in out if isinstance(o, RawDocument)] == ["1"]
    assert not [o for o in out if isinstance(o, InputError)]


def test_messages_of_the_wrong_type_are_one_rejection() -> None:
    out = _read({"name": "Channel", "messages": 5})
    assert len(out) == 1 and isinstance(out[0], BadRecord)


def test_an_export_nested_too_deep_is_one_rejection() -> None:
    data = b'{"messages": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    out = list(read_telegram_json(SOURCE, data))
    assert len(out) == 1 and isinstance(out[0], InputError) and out[0].path == SOURCE


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "type", "id", "date", "messages", "text_entities", "name",
                         "forwarded_from", "chats", "list"]), inner, max_size=5),
    max_leaves=25,
)
_message = st.fixed_dictionaries(
    {}, optional={k: _json for k in ("id", "type", "date", "text", "text_entities",
                                     "forwarded_from")})


@given(st.lists(_message | _json, max_size=6), _json)
def test_any_message_shapes_keep_the_good_message(messages: list[object], name: object) -> None:
    out = _read({"name": name, "id": 7, "messages": [GOOD, *messages]})
    assert any(isinstance(o, RawDocument) and o.body == GOOD["text"] for o in out)
    for item in out:
        assert isinstance(item, RawDocument | InputError)
        if isinstance(item, InputError):
            assert item.path == SOURCE
        else:
            assert isinstance(item.body, str)


@given(_json)
def test_any_json_never_raises(export: object) -> None:
    for item in _read(export):
        assert isinstance(item, RawDocument | InputError)
