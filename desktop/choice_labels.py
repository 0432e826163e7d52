"""The editable choice lists (industry chains, quota sources, land uses, plot statuses …) in the
UI language: a value is stored as the bureau writes it (Chinese), and shown in English through
its ``choice_items.label_en`` (政策参数 → 选项列表). Pages that show list values call
``refresh(session)`` in their background load, so a label edited there shows on the next load."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.i18n import language, tr_in

if TYPE_CHECKING:  # not at run time: the start-up snapshot of the overview shows before SQLAlchemy is in
    from sqlalchemy.orm import Session

_labels: dict[tuple[str, str], str] = {}
_AREAS = ("land", "quotas", "enterprises", "policy")


def refresh(session: Session) -> None:
    """Read the English labels (a small table; called on the worker, replaced in one step)."""
    from models.policy.queries import choice_labels

    global _labels
    _labels = choice_labels(session)


def use_labels(read: dict[tuple[str, str], str]) -> None:
    """Show the labels ``read`` with the overview (live, or its start-up snapshot)."""
    global _labels
    _labels = dict(read)


def choice_text(category: str, value: str | None) -> str:
    """A list value as shown: the value in Chinese, its English label (else the value) in English."""
    if not value:
        return ""
    if language() == "en":  # before any page has read the labels: the catalogues' wording
        return _labels.get((category, value)) or tr_in(_AREAS, value)
    return value


def land_use_text(code: str | None) -> str:
    """A land-use code with its name: ``0601 工业用地`` / ``0601 Industrial``; ``其他`` alone."""
    if not code:
        return ""
    from models.land.seed import LAND_USE_NAMES

    name = choice_text("land_use", code) if language() == "en" else LAND_USE_NAMES.get(code, "")
    if not name or name == code:
        return code
    return name if not code.isascii() else f"{code} {name}"
