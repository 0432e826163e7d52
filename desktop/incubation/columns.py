"""Labels of the incubation codes and the table columns of the carriers page."""

from __future__ import annotations

from desktop.i18n import tr
from desktop.item_models.formats import format_date, format_money, format_percent
from desktop.item_models.row_table import TableColumn
from desktop.item_models.row_table import area_column as _area_column
from models.units import AreaUnit


def kind_labels() -> dict[str, str]:
    return {
        "incubator": tr("孵化器"),
        "maker_space": tr("众创空间"),
        "accelerator": tr("加速器"),
        "park": tr("产业园"),
        "building": tr("楼宇"),
    }


def level_labels() -> dict[str, str]:
    return {
        "national": tr("国家级"),
        "provincial": tr("省级"),
        "municipal": tr("市级"),
        "district": tr("区级"),
        "": "",
    }


def space_kind_labels() -> dict[str, str]:
    return {"office": tr("办公"), "lab": tr("实验室"), "workshop": tr("厂房"), "workstation": tr("工位")}


def status_labels() -> dict[str, str]:
    return {"incubating": tr("在孵"), "graduated": tr("毕业"), "left": tr("退出")}


def space_status_labels() -> dict[str, str]:
    return {"occupied": tr("已租"), "soon": tr("即将空出"), "vacant": tr("空置")}


def clock_labels() -> dict[str, str]:
    return {"over": tr("超期"), "near": tr("临近上限"), "ok": tr("正常"), "": ""}


def qualification_labels() -> dict[str, str]:
    return {"met": tr("✓ 符合"), "failed": tr("✗ 不符合"), "": tr("—")}


def criterion_labels() -> dict[str, str]:
    return {
        "area": tr("孵化场地面积"),
        "use_ratio": tr("在孵企业使用场地占比"),
        "tenants": tr("在孵企业数"),
        "density": tr("每千平方米在孵企业"),
        "graduates": tr("累计毕业企业"),
        "clock": tr("超过孵化期限的企业"),
        "industry_share": tr("同一产业领域在孵企业占比"),
        "entry_age": tr("入孵时成立超过时限的企业"),
    }


def area_column(title: str, value: object, *, width: int = 130) -> TableColumn:
    """Building space is counted in ㎡ (not the land unit the user picked for plots)."""
    return _area_column(title, value, unit=AreaUnit.M2, width=width)  # type: ignore[arg-type]


def _count(v: object) -> str:
    return "" if v is None else f"{v}"


def carrier_columns() -> list[TableColumn]:
    kinds, levels, quals = kind_labels(), level_labels(), qualification_labels()
    return [
        TableColumn(tr("载体名称"), lambda r: r.name, width=190),
        TableColumn(tr("类型"), lambda r: r.kind, lambda v: kinds.get(v, v), width=80),
        TableColumn(tr("级别"), lambda r: r.level, lambda v: levels.get(v, v), width=65),
        TableColumn(tr("所属平台"), lambda r: r.platform_name, width=110),
        area_column(tr("可使用面积"), lambda r: r.usable_area_m2),
        area_column(tr("已使用"), lambda r: r.occupied_m2),
        TableColumn(tr("使用率"), lambda r: r.occupancy_rate, format_percent, align_right=True, width=80),
        area_column(tr("空置"), lambda r: r.vacant_m2),
        TableColumn(tr("在孵企业"), lambda r: r.tenants, _count, align_right=True, width=90),
        TableColumn(tr("累计毕业"), lambda r: r.graduates, _count, align_right=True, width=90),
        TableColumn(tr("国家级孵化器条件"), lambda r: r.qualification, lambda v: quals.get(v, v), width=150),
        TableColumn(tr("运营主体"), lambda r: r.operator, width=200),
    ]


def space_columns() -> list[TableColumn]:
    kinds, states = space_kind_labels(), space_status_labels()
    return [
        TableColumn(tr("房号"), lambda r: r.code, width=70),
        TableColumn(tr("楼层"), lambda r: r.floor, _count, align_right=True, width=70),
        area_column(tr("面积"), lambda r: r.area_m2, width=90),
        TableColumn(tr("类型"), lambda r: r.kind, lambda v: kinds.get(v, v), width=70),
        TableColumn(
            tr("月租金（万元）"), lambda r: r.rent, lambda v: format_money(v, 4), align_right=True, width=100
        ),
        TableColumn(tr("状态"), lambda r: r.status, lambda v: states.get(v, v), width=80),
        TableColumn(tr("租用企业"), lambda r: r.tenant, width=220),
        TableColumn(tr("租约到期"), lambda r: r.lease_end, format_date, width=90),
        TableColumn(tr("空置起"), lambda r: r.vacant_since, format_date, width=90),
    ]


def tenancy_columns() -> list[TableColumn]:
    states, clocks = status_labels(), clock_labels()
    return [
        TableColumn(tr("企业名称"), lambda r: r.enterprise_name, width=220),
        TableColumn(tr("统一社会信用代码"), lambda r: r.uscc, width=160),
        TableColumn(tr("房号"), lambda r: r.space_codes, width=90),
        area_column(tr("面积"), lambda r: r.area_m2, width=90),
        TableColumn(tr("入驻日期"), lambda r: r.start_on, format_date, width=90),
        TableColumn(tr("到期/退出"), lambda r: r.end_on, format_date, width=90),
        TableColumn(tr("状态"), lambda r: r.status, lambda v: states.get(v, v), width=70),
        TableColumn(tr("孵化月数"), lambda r: r.clock_months, _count, align_right=True, width=90),
        TableColumn(tr("孵化期"), lambda r: r.clock_state, lambda v: clocks.get(v, v), width=80),
        TableColumn(tr("毕业日期"), lambda r: r.graduated_on, format_date, width=90),
        TableColumn(tr("毕业条件"), lambda r: r.graduation_criterion, width=200),
    ]


def usage_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("月份"), lambda r: r.month, lambda v: f"{v:%Y-%m}", width=70),
        area_column(tr("报送使用面积"), lambda r: r.occupied_area_m2),
        TableColumn(tr("报送使用率"), lambda r: r.reported_rate, format_percent, align_right=True, width=100),
        area_column(tr("台账月初"), lambda r: r.computed_start_m2),
        area_column(tr("台账日均"), lambda r: r.computed_prorated_m2),
        area_column(tr("差额"), lambda r: r.difference_m2, width=90),
        TableColumn(tr("在孵"), lambda r: r.tenants, _count, align_right=True, width=70),
        TableColumn(tr("新入驻"), lambda r: r.new_tenants, _count, align_right=True, width=80),
        TableColumn(tr("毕业"), lambda r: r.graduated, _count, align_right=True, width=70),
        TableColumn(tr("退出"), lambda r: r.left, _count, align_right=True, width=70),
        TableColumn(tr("从业人员"), lambda r: r.employees, _count, align_right=True, width=90),
    ]


def vacancy_columns() -> list[TableColumn]:
    kinds, states = space_kind_labels(), space_status_labels()
    return [
        TableColumn(tr("所属平台"), lambda r: r.platform_name, width=110),
        TableColumn(tr("载体"), lambda r: r.carrier_name, width=180),
        TableColumn(tr("房号"), lambda r: r.code, width=70),
        TableColumn(tr("楼层"), lambda r: r.floor, _count, align_right=True, width=70),
        area_column(tr("面积"), lambda r: r.area_m2, width=90),
        TableColumn(tr("类型"), lambda r: r.kind, lambda v: kinds.get(v, v), width=70),
        TableColumn(
            tr("月租金（万元）"), lambda r: r.rent, lambda v: format_money(v, 4), align_right=True, width=100
        ),
        TableColumn(tr("状态"), lambda r: r.status, lambda v: states.get(v, v), width=80),
        TableColumn(
            tr("可入驻日期"), lambda r: r.available_on, lambda v: format_date(v) or tr("现在"), width=100
        ),
        TableColumn(tr("空置天数"), lambda r: r.vacant_days, _count, align_right=True, width=90),
    ]
