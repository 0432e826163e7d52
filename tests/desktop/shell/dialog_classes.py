"""Every ``QDialog`` subclass in ``desktop/``, found by reading the source (a dialog class imported
only inside a function is found too, which importing the window and its pages would miss), and the
few the walks do not show, each with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

import desktop

QT_DIALOGS = frozenset(
    {
        "QDialog",
        "QWizard",
        "QProgressDialog",
        "QFileDialog",
        "QMessageBox",
        "QInputDialog",
        "QPrintDialog",
        "QPrintPreviewDialog",
        "QPageSetupDialog",
        "QColorDialog",
        "QFontDialog",
        "QErrorMessage",
    }
)

# dialog classes no walk shows, and why: only bases never shown themselves may be listed here
EXEMPT: dict[str, str] = {
    "desktop.admin.users_page._PasswordDialog": "base of UserDialog, PasswordDialog, OwnPasswordDialog",
    "desktop.buildings.forms._Dialog": "base of BuildingDialog, UnitDialog, GenerateUnitsDialog",
    "desktop.incubation.dialogs._Dialog": "base of SpaceDialog, TenancyDialog, EndDialog",
    "desktop.quotas.dialogs.LedgerDialog": "base of the ledger's eight dialogs (grant … disposal)",
}


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def dialog_classes() -> set[str]:
    """``module.Class`` of every class in ``desktop/`` deriving (through our own classes too) from
    a Qt dialog class."""
    root = Path(desktop.__file__).parent
    bases: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        module = ".".join(("desktop", *path.relative_to(root).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[f"{module}.{node.name}"] = [_base_name(b) for b in node.bases]
    found: set[str] = set()
    while True:
        names = QT_DIALOGS | {q.rsplit(".", 1)[1] for q in found}
        more = {q for q, b in bases.items() if q not in found and names.intersection(b)}
        if not more:
            return found
        found |= more
