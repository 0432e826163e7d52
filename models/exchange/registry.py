"""All exchangeable kinds: each area's ``kinds`` in ``models.areas.AREAS`` (its ``exchange.py``)."""

from __future__ import annotations

from models import areas
from models.exchange.spec import Kind


def all_kinds() -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for area in areas.AREAS:
        for kind in area.kinds:
            if kind.name in kinds:
                raise ValueError(f"duplicate kind {kind.name}")
            kinds[kind.name] = kind
    return kinds


def get_kind(name: str) -> Kind:
    kinds = all_kinds()
    if name not in kinds:
        raise KeyError(name)
    return kinds[name]
