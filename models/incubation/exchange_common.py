"""Shared parts of the incubation workbook kinds: vocabulary labels (the file format, in
Chinese), the carrier column, the per-row loader with the user's carrier scope, export scoping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.errors import DomainError
from models.exchange.keys import ids_by_key
from models.exchange.spec import Column, ExportContext, ImportContext, LoadOutcome, SourceRow
from models.incubation import cells
from models.incubation.access import carrier_allowed, visible_carrier_ids
from models.incubation.entities import Carrier
from models.units import AreaUnit

KIND_LABELS = {
    "孵化器": "incubator",
    "众创空间": "maker_space",
    "加速器": "accelerator",
    "产业园": "park",
    "楼宇": "building",
}
LEVEL_LABELS = {"国家级": "national", "省级": "provincial", "市级": "municipal", "区级": "district"}
SPACE_KIND_LABELS = {"办公": "office", "实验室": "lab", "厂房": "workshop", "工位": "workstation"}
STATUS_LABELS = {"在孵": "incubating", "毕业": "graduated", "退出": "left"}
_SYNONYM_LABELS = {
    "众创": "maker_space",
    "产业园区": "park",
    "楼宇经济": "building",
    "办公室": "office",
    "车间": "workshop",
    "工位区": "workstation",
    "已毕业": "graduated",
    "迁出": "left",
    "已退出": "left",
    "在孵企业": "incubating",
}


def label_of(labels: dict[str, str]) -> dict[str, str]:
    return {code: label for label, code in labels.items()}


def chooser(labels: dict[str, str]) -> Any:
    """Labels, their synonyms and the stored codes themselves, all mapped to the code."""
    accepted = (
        labels
        | {k: v for k, v in _SYNONYM_LABELS.items() if v in labels.values()}
        | {code: code for code in labels.values()}
    )
    return cells.choice_parser(accepted)


CARRIER_COL = Column(
    "carrier",
    "载体名称",
    ("孵化载体", "载体", "孵化器名称", "载体名"),
    cells.parse_text,
    required=True,
    example="青山湖科技城创新中心",
    width=24,
    fill_down=True,
)
AREA = dict(parse=cells.parse_area, quantity="area", unit=AreaUnit.M2)


# --- scope and per-row loading ---------------------------------------------------------------


class RowLoader:
    """Shared by the four loaders: the user's scope, carriers by name, counting outcomes."""

    def __init__(self, session: Session, ctx: ImportContext) -> None:
        self.session = session
        self.ctx = ctx
        uid = ctx.user_id if ctx.user_id is not None else session.info.get("user_id")
        self.scope = visible_carrier_ids(session, user_id=uid)
        self.created = self.updated = self.unchanged = 0
        self.changes = Changes.of("incubation")

    def carrier(self, row: SourceRow, key: str = "carrier") -> int | None:
        name = row.get(key)
        if not name:
            self.ctx.problem(row, key, "value.required")
            return None
        found = ids_by_key(self.session, Carrier.id, (Carrier.name, Carrier.code), name)
        cid = found[0] if len(found) == 1 else None
        if cid is not None and not carrier_allowed(self.scope, cid):
            self.ctx.problem(row, key, "incubation.carrier_out_of_scope", carrier=name, operation="import")
            return None
        if cid is None:
            if self.scope is not None:  # a manager cannot name a carrier they do not manage
                self.ctx.problem(
                    row, key, "incubation.carrier_out_of_scope", carrier=name, operation="import"
                )
            else:
                self.ctx.problem(row, key, "incubation.unknown_carrier", carrier=name)
        return cid

    def apply(self, row: SourceRow, column: str | None, op: Callable[[], Changes]) -> None:
        """Run one row's service call in a savepoint; a refusal becomes a row problem."""
        try:
            with self.session.begin_nested():
                ch = op()
        except DomainError as exc:
            for p in exc.problems:
                self.ctx.problem(row, column, p.code, **p.fields)
            return
        self.changes = self.changes | ch
        if ch.created:
            self.created += 1
        elif ch.updated:
            self.updated += 1
        else:
            self.unchanged += 1

    def outcome(self) -> LoadOutcome:
        return LoadOutcome(self.created, self.updated, self.unchanged, self.changes)


def export_scope(session: Session, ctx: ExportContext) -> set[int] | None:
    uid = ctx.user_id if ctx.user_id is not None else session.info.get("user_id")
    return visible_carrier_ids(session, user_id=uid)


def carrier_filter(session: Session, ctx: ExportContext) -> set[int] | None:
    """The carriers to export: the user's scope, narrowed by the ``carrier`` option."""
    scope = export_scope(session, ctx)
    wanted = ctx.options.get("carrier")
    if wanted:
        cid = session.scalar(select(Carrier.id).where((Carrier.name == wanted) | (Carrier.code == wanted)))
        if cid is None:
            raise DomainError("incubation.unknown_carrier", carrier=wanted)
        if not carrier_allowed(scope, cid):
            raise DomainError("incubation.carrier_out_of_scope", carrier=wanted, operation="export")
        return {cid}
    return scope


def where_carrier(stmt: Any, ids: set[int] | None, column: Any) -> Any:
    return stmt if ids is None else stmt.where(column.in_(ids))
