"""The navigation: every page class, in the order the window lists them.

Plain imports of each page's module, so a missing page or a typo fails in every test
that builds the window and in the frozen build (PyInstaller follows these imports);
nothing is left out silently. They are imported when the list is asked for, not when
this module is: the window shows its frame before the pages' modules load (cold start).
Adding a page: one line here (see ARCHITECTURE.md, "Adding an area").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.page import Page


def page_classes() -> list[type[Page]]:
    from desktop.admin.audit_page import AuditPage
    from desktop.admin.policy_page import PolicyPage
    from desktop.admin.users_page import UsersPage
    from desktop.buildings.page import BuildingPage
    from desktop.efficiency.page import EfficiencyPage
    from desktop.enterprises.page import EnterprisePage
    from desktop.incubation.page import CarrierPage
    from desktop.land.map_page import MapPage
    from desktop.land.page import PlotPage
    from desktop.overview.page import OverviewPage
    from desktop.quotas.page import QuotaPage
    from desktop.renewal.page import RenewalPage

    return [
        OverviewPage,
        QuotaPage,
        PlotPage,
        MapPage,
        EfficiencyPage,
        RenewalPage,
        BuildingPage,
        CarrierPage,
        EnterprisePage,
        PolicyPage,
        AuditPage,
        UsersPage,
    ]
