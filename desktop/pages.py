"""The navigation: every page class in order. A module not present is left out."""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.page import Page

PAGE_CLASSES = (
    ("desktop.overview.page", "OverviewPage"),
    ("desktop.quotas.page", "QuotaPage"),
    ("desktop.land.page", "PlotPage"),
    ("desktop.land.map_page", "MapPage"),
    ("desktop.efficiency.page", "EfficiencyPage"),
    ("desktop.renewal.page", "RenewalPage"),
    ("desktop.buildings.page", "BuildingPage"),
    ("desktop.incubation.page", "CarrierPage"),
    ("desktop.enterprises.page", "EnterprisePage"),
    ("desktop.admin.policy_page", "PolicyPage"),
    ("desktop.admin.audit_page", "AuditPage"),
    ("desktop.admin.users_page", "UsersPage"),
)


def page_classes() -> list[type[Page]]:
    classes: list[type[Page]] = []
    for module, name in PAGE_CLASSES:
        try:
            if importlib.util.find_spec(module) is None:
                continue
        except ModuleNotFoundError:  # the area's package (desktop.<area>) does not exist yet
            continue
        classes.append(getattr(importlib.import_module(module), name))
    return classes
