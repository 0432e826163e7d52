"""Small value helpers of the land importers (cells themselves are parsed by
``models.exchange.parsers``)."""

from __future__ import annotations

import unicodedata
from typing import Any


def truthy(value: Any) -> bool:
    """An option confirmed by the clerk: True, 1, yes, 是, on …"""
    if isinstance(value, bool):
        return value
    return unicodedata.normalize("NFKC", str(value)).strip().lower() in ("1", "yes", "y", "true", "是", "on")
