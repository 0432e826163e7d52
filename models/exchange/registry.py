"""All exchangeable kinds, collected from each area's ``exchange.py`` (``KINDS``)."""

from __future__ import annotations

import importlib
import importlib.util

from models.exchange.spec import Kind

AREA_MODULES = (
    "models.policy.exchange",
    "models.enterprises.exchange",
    "models.quotas.exchange",
    "models.land.exchange",
    "models.efficiency.exchange",
    "models.renewal.exchange",
    "models.buildings.exchange",
    "models.incubation.exchange",
    "models.targets.exchange",
)


def all_kinds() -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for name in AREA_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        for kind in importlib.import_module(name).KINDS:
            if kind.name in kinds:
                raise ValueError(f"duplicate kind {kind.name}")
            kinds[kind.name] = kind
    return kinds


def get_kind(name: str) -> Kind:
    kinds = all_kinds()
    if name not in kinds:
        raise KeyError(name)
    return kinds[name]
