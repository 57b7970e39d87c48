"""Claims as JSON Lines: one contract object (``khronika.contract``) a line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from khronika.contract import claim_to_dict
from khronika.model import Claim


def write_jsonl(claims: Iterable[Claim], out: TextIO) -> int:
    """Write ``claims`` one a line; the number written."""
    n = 0
    for claim in claims:
        out.write(json.dumps(claim_to_dict(claim), ensure_ascii=False) + "\n")
        n += 1
    return n
