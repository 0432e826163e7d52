"""Dialogs of the renewal page: a project's details, and moving it to another stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.choice_labels import choice_text
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.editors import AreaEdit, ChoiceCombo, DateEdit, DecimalEdit, MoneyEdit, TextEdit
from desktop.widgets.field_errors import FieldErrors, write_in_dialog
from models.changes import Changes
from models.errors import Problem
from models.renewal.queries import ProjectRow
from models.renewal.services import LOW_EFF_KINDS, ORDER, SUPPLY_METHODS, stage_index


def stage_label(stage: str) -> str:
    return {
        "identified": tr("摸排认定"),
        "negotiated": tr("谈判协议"),
        "vacated": tr("腾退收储"),
        "resupplied": tr("再供应"),
        "building": tr("建设"),
        "producing": tr("投产"),
        "checked": tr("达产复核"),
        "stopped": tr("终止"),
    }.get(stage, stage)


def treatment_label(value: str) -> str:
    return {"upgrade": tr("提升"), "vacate": tr("腾退"), "phase_out": tr("淘汰")}.get(value, value)


class ProjectDialog(QDialog):
    """Create (``row`` None) or edit a project. ``values()`` gives service fields plus
    ``plot_codes`` and, when creating, ``code`` and ``identified_on``."""

    def __init__(
        self,
        row: ProjectRow | None,
        platforms: list[tuple[int, str]],
        enterprises: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(tr("新建腾笼换鸟项目") if row is None else tr("编辑项目 {code}", code=row.code))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.code = TextEdit(max_length=64)
        self.name = TextEdit(max_length=200)
        self.platform = ChoiceCombo(platforms, allow_blank=True)
        self.old = ChoiceCombo(enterprises, allow_blank=True)
        self.new = ChoiceCombo(enterprises, allow_blank=True)
        for combo in (self.old, self.new):
            combo.setMinimumContentsLength(28)
        self.new_project = TextEdit(max_length=200)
        self.kind = ChoiceCombo(
            [(k, choice_text("low_eff_kind", k)) for k in LOW_EFF_KINDS], allow_blank=True
        )
        self.treatment = ChoiceCombo(
            [(t, treatment_label(t)) for t in ("upgrade", "vacate", "phase_out")], allow_blank=True
        )
        self.compensation = MoneyEdit()
        self.area = AreaEdit()
        self.plots = TextEdit()
        self.plots.setPlaceholderText(tr("地块编号，多个用顿号分隔"))
        self.ratio_before = DecimalEdit(places=2)
        self.ratio_after = DecimalEdit(places=2)
        self.floor_added = AreaEdit()
        self.investment = MoneyEdit()
        self.energy = DecimalEdit(places=2)
        self.firms_out = DecimalEdit(places=0)
        self.firms_in = DecimalEdit(places=0)
        self.note = TextEdit()
        self.identified_on = DateEdit(allow_blank=False)
        rows: list[tuple[str, QWidget]] = [
            (tr("项目编号"), self.code),
            (tr("项目名称"), self.name),
            (tr("所属平台"), self.platform),
            (tr("原企业"), self.old),
            (tr("低效类型"), self.kind),
            (tr("处置方式"), self.treatment),
            (tr("补偿金额（万元）"), self.compensation),
            (tr("面积"), self.area),
            (tr("地块"), self.plots),
            (tr("新企业"), self.new),
            (tr("新项目"), self.new_project),
            (tr("改造前容积率"), self.ratio_before),
            (tr("改造后容积率"), self.ratio_after),
            (tr("新增建筑面积"), self.floor_added),
            (tr("投资额（万元）"), self.investment),
            (tr("腾出能耗（吨标煤）"), self.energy),
            (tr("迁出企业数"), self.firms_out),
            (tr("引进企业数"), self.firms_in),
            (tr("备注"), self.note),
        ]
        if row is None:
            rows.insert(2, (tr("摸排认定日期"), self.identified_on))
        for label, widget in rows:
            form.addRow(label, widget)
        layout.addWidget(QLabel(tr("改造前后亩均税收、亩均增加值由亩均效益数据自动计算。")))
        layout.addWidget(ok_cancel(self))
        if row is not None:
            self._fill(row)

    def _fill(self, r: ProjectRow) -> None:
        self.code.set_value(r.code)
        self.code.setEnabled(False)
        self.name.set_value(r.name)
        self.platform.set_value(r.platform_id)
        self.old.set_value(r.old_enterprise_id)
        self.new.set_value(r.new_enterprise_id)
        self.new_project.set_value(r.new_project)
        self.kind.set_value(r.low_eff_kind or None)
        self.treatment.set_value(r.treatment or None)
        self.compensation.set_value(r.compensation)
        self.area.set_value(r.area_m2)
        self.plots.set_value("、".join(r.plot_codes))
        self.ratio_before.set_value(r.plot_ratio_before)
        self.ratio_after.set_value(r.plot_ratio_after)
        self.floor_added.set_value(r.floor_area_added_m2)
        self.investment.set_value(r.investment)
        self.energy.set_value(r.energy_freed_tce)
        self.firms_out.set_value(r.firms_out)
        self.firms_in.set_value(r.firms_in)
        self.note.set_value(r.note)

    def values(self) -> dict[str, Any]:
        """The entered values; ValueError names the label of a field that is not a number."""
        numbers: dict[str, Any] = {}
        for key, edit, label in (
            ("compensation", self.compensation, "补偿金额"),
            ("plot_ratio_before", self.ratio_before, "改造前容积率"),
            ("plot_ratio_after", self.ratio_after, "改造后容积率"),
            ("investment", self.investment, "投资额"),
            ("energy_freed_tce", self.energy, "腾出能耗"),
            ("firms_out", self.firms_out, "迁出企业数"),
            ("firms_in", self.firms_in, "引进企业数"),
        ):
            try:
                numbers[key] = edit.value()
            except ValueError:
                raise ValueError(tr(label)) from None
        for key in ("firms_out", "firms_in"):
            numbers[key] = int(numbers[key] or 0)
        try:
            area, floor = self.area.value(), self.floor_added.value()
        except ValueError:
            raise ValueError(tr("面积")) from None
        plots = [
            p for p in self.plots.value().replace(",", "、").replace("，", "、").split("、") if p.strip()
        ]
        values = dict(
            name=self.name.value(),
            platform_id=self.platform.value(),
            old_enterprise_id=self.old.value(),
            new_enterprise_id=self.new.value(),
            new_project=self.new_project.value(),
            low_eff_kind=self.kind.value() or "",
            treatment=self.treatment.value() or "",
            area_m2=area,
            floor_area_added_m2=floor,
            note=self.note.value(),
            **numbers,
        )
        values["plot_codes"] = [p.strip() for p in plots]
        if self.row is None:
            values["code"] = self.code.value()
            values["identified_on"] = self.identified_on.value()
        return values

    def accept(self) -> None:
        try:
            self.values()
        except ValueError as exc:
            QMessageBox.warning(self, tr("无法保存"), tr("“{field}”不是数字", field=str(exc)))
            return
        if not self.name.value() or (self.row is None and not self.code.value()):
            QMessageBox.warning(self, tr("无法保存"), tr("请填写项目编号和项目名称"))
            return
        super().accept()


class StageDialog(QDialog):
    """Move a project to a stage on a date; a reason when going back, stopping or resuming;
    the supply method (and the quota-ledger use for new construction land) for 再供应."""

    def __init__(
        self,
        row: ProjectRow,
        parent: QWidget | None = None,
        *,
        ctx: AppContext | None = None,
        operation: Callable[[Session, dict[str, Any]], Changes] | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.ctx = ctx
        self.operation = operation
        self.changes: Changes | None = None
        self.setWindowTitle(tr("推进阶段：{code} {name}", code=row.code, name=row.name))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                tr(
                    "当前阶段：{stage}（{date}）",
                    stage=stage_label(row.stage),
                    date=row.stage_date.isoformat() if row.stage_date else "",
                )
            )
        )
        form = QFormLayout()
        layout.addLayout(form)
        stages = [s.value for s in ORDER] + ["stopped"]
        self.stage = ChoiceCombo([(s, stage_label(s)) for s in stages if s != row.stage])
        nxt = stage_index(row.stage) + 1 if row.stage != "stopped" else 0
        if 0 <= nxt < len(ORDER):
            self.stage.set_value(ORDER[nxt].value)
        self.date = DateEdit(allow_blank=False)
        self.date.set_value(max(dt.date.today(), row.stage_date or dt.date.today()))
        self.reason = QPlainTextEdit()
        self.reason.setMaximumHeight(70)
        self.supply = ChoiceCombo(
            [(m, choice_text("supply_method", m)) for m in SUPPLY_METHODS], allow_blank=True
        )
        self.supply.set_value(row.supply_method or None)
        self.quota_use = DecimalEdit(places=0)
        if row.quota_use_id is not None:
            self.quota_use.set_value(row.quota_use_id)
        form.addRow(tr("进入阶段"), self.stage)
        form.addRow(tr("日期"), self.date)
        form.addRow(tr("原因（退回、终止时必填）"), self.reason)
        form.addRow(tr("供地方式（再供应）"), self.supply)
        form.addRow(tr("用地指标使用编号（新增建设用地）"), self.quota_use)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.errors = FieldErrors(form, self.stage)
        layout.addWidget(ok_cancel(self))
        self.stage.currentIndexChanged.connect(lambda _i: self._update())
        self._update()

    def going_back(self) -> bool:
        target = self.stage.value()
        return (
            target == "stopped"
            or self.row.stage == "stopped"
            or stage_index(target) < stage_index(self.row.stage)
        )

    def _update(self) -> None:
        resupply = self.stage.value() == "resupplied"
        self.supply.setEnabled(resupply)
        self.quota_use.setEnabled(resupply)
        self.hint.setText(tr("退回前一阶段、终止或恢复须填写原因。") if self.going_back() else "")

    def _field_for(self, problem: Problem) -> QWidget | None:
        code = problem.code
        if code == "renewal.reason_required":
            return self.reason
        if code == "renewal.date_before_last":
            return self.date
        if code in ("renewal.supply_method_required", "renewal.bad_supply_method", "renewal.plot_required"):
            return self.supply
        if code in ("renewal.unknown_quota_use", "renewal.quota_use_required"):
            return self.quota_use
        return self.stage

    def accept(self) -> None:
        """Stay open with what was typed, and say what is wrong beside the field."""
        self.errors.clear()
        if not self.date.is_valid():
            self.errors.set(self.date, self.date.problem())
            return
        if self.going_back() and not self.reason.toPlainText().strip():
            self.errors.set(self.reason, tr("退回前一阶段、终止或恢复须填写原因。"))
            return
        if self.ctx is not None and self.operation is not None:
            operation, values = self.operation, self.values()
            self.changes = write_in_dialog(
                self.ctx, lambda s: operation(s, values), self.errors, self._field_for
            )
            if self.changes is None:
                return
        super().accept()

    def values(self) -> dict[str, Any]:
        quota = self.quota_use.value() if self.quota_use.is_valid() else None
        resupply = self.stage.value() == "resupplied"
        return {
            "stage": self.stage.value(),
            "on_date": self.date.value(),
            "reason": self.reason.toPlainText().strip(),
            "supply_method": self.supply.value() if resupply else None,
            "quota_use_id": int(quota) if resupply and quota is not None else None,
        }
