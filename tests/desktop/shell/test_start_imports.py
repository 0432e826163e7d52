"""What the window's first page imports: the overview needs only its queries, not the whole
area list (every area's seed, demonstration and exchange modules) nor the Excel engine."""

from __future__ import annotations

from tests.child import python_output

HEAVY = ("models.areas", "models.exchange.registry", "openpyxl", "alembic", "shapely", "numpy")


def _imported_by(statement: str) -> list[str]:
    code = f"import sys; {statement}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    return [m for m in python_output(code).strip().split(",") if m]


def test_the_overview_page_imports_no_area_list_exchange_or_charts() -> None:
    assert _imported_by("import desktop.overview.page") == []


def test_importing_every_page_at_start_imports_no_area_list_exchange_or_charts() -> None:
    statement = "from desktop.startup import import_pages; import_pages(); import desktop.permissions_ui"
    assert _imported_by(statement) == []
