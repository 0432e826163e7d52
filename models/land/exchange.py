"""Exchange kinds of the land area: ``plots``, ``boundary-points``, ``plot-indicators``.

Headers and vocabulary are the file format (Chinese, with the synonyms offices use).
``plots`` carries the polygon as WKT in the stored frame (EPSG:4549, easting
northing, as WKT requires) and also reads/writes GeoJSON and Shapefiles;
``boundary-points`` is the surveyors' 界址点坐标表 (X = northing first) and reads
and writes the ministry TXT (部颁格式). Frame trouble (swapped X/Y, zone prefix)
is refused with the evidence unless the clerk confirms the correction with the
options ``swap_xy`` / ``strip_zone``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from models.exchange.parsers import parse_area, parse_date, parse_decimal, parse_int, parse_text
from models.exchange.spec import Column, ExportContext, ImportContext, Kind, KindOption, SourceRow
from models.land.exchange_plots import (
    dump_plots,
    indicator_rows,
    load_indicators,
    load_plots,
    plot_features,
)
from models.land.exchange_points import dump_points, load_points, read_points_txt, write_points_txt
from models.land.seed import INDICATORS, LOW_EFF_KINDS, STATUSES, SUPPLY_METHODS
from models.units import AreaUnit

FRAME_OPTIONS = (KindOption("swap_xy", "flag"), KindOption("strip_zone", "flag"))

# Shapefile (DBF) field names are at most 10 bytes: the pinyin initials land systems use.
DBF_NAMES = {
    "code": "DKBH",
    "name": "DKMC",
    "platform": "PTMC",
    "land_use": "YDXZ",
    "cert_area_m2": "ZZMJ",
    "geom_area_m2": "JSMJ",
    "geom_area_mu": "JSMS",
    "holder_uscc": "QLRDM",
    "holder": "QLR",
    "land_source": "TDLY",
    "supply_date": "GDRQ",
    "supply_method": "GDFS",
    "low_eff_kind": "DXLX",
    "status": "ZT",
    "note": "BZ",
}

PLOT_COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        "地块编号",
        ("宗地编号", "宗地号", "地块代码", "编号", "DKBH"),
        parse_text,
        required=True,
        example="QSH-2024-001",
        width=16,
    ),
    Column(
        "name", "地块名称", ("宗地名称", "名称", "DKMC"), parse_text, example="青山湖科技城A-01地块", width=22
    ),
    Column("platform", "所属平台", ("平台", "园区", "所属园区"), parse_text, example="青山湖科技城"),
    Column(
        "land_use",
        "用地性质",
        ("土地用途", "地类编码", "用途", "地块用途", "DLBM", "DKYT"),
        parse_text,
        example="M1",
    ),
    Column(
        "cert_area_m2",
        "证载面积",
        ("土地证面积", "出让面积", "证书面积", "宗地面积"),
        parse_area,
        quantity="area",
        unit=AreaUnit.M2,
        example="33333.3333",
    ),
    Column("geom_area_m2", "计算面积", ("图形面积",), parse_area, quantity="area", unit=AreaUnit.M2),
    Column("geom_area_mu", "计算亩数", (), parse_decimal),
    Column(
        "holder_uscc",
        "权利人统一社会信用代码",
        ("统一社会信用代码", "信用代码"),
        parse_text,
        width=22,
        example="91330100799655058B",
    ),
    Column("holder", "权利人", ("用地单位", "企业名称", "使用权人", "土地使用权人"), parse_text, width=22),
    Column(
        "land_source", "土地来源", ("来源", "新增/存量"), parse_text, choices=("新增", "存量"), example="新增"
    ),
    Column("supply_date", "供地日期", ("供应日期", "出让日期", "供地时间"), parse_date, example="2024-03-15"),
    Column(
        "supply_method",
        "供地方式",
        ("供应方式", "出让方式"),
        parse_text,
        choices=SUPPLY_METHODS,
        example="出让",
    ),
    Column("low_eff_kind", "低效用地类型", ("低效类型", "低效用地"), parse_text, choices=LOW_EFF_KINDS),
    Column("status", "状态", ("地块状态",), parse_text, choices=STATUSES, example="已供"),
    # the land contract's agreed dates and investment, and progress: idle land is derived from them
    Column(
        "agreed_start_on",
        "约定动工日期",
        ("合同约定动工日期", "约定开工日期"),
        parse_date,
        example="2024-09-01",
    ),
    Column("agreed_completion_on", "约定竣工日期", ("合同约定竣工日期",), parse_date),
    Column("agreed_operation_on", "约定投产日期", ("合同约定投产日期",), parse_date),
    Column("agreed_full_production_on", "约定达产日期", ("合同约定达产日期",), parse_date),
    Column(
        "committed_investment",
        "承诺投资额（万元）",
        ("承诺投资额", "约定投资额", "承诺总投资"),
        parse_decimal,
        example="20000",
    ),
    Column("started_on", "实际动工日期", ("动工日期", "开工日期"), parse_date),
    Column("invested", "已投资额（万元）", ("已投资额", "累计投资额", "完成投资"), parse_decimal),
    Column(
        "developed_share", "已开发比例（0–1）", ("已开发比例", "开发比例", "已开发面积比例"), parse_decimal
    ),
    Column("halted_since", "停工起始日期", ("停工日期", "中止开发日期"), parse_date),
    Column("production_reviewed_on", "达产复核日期", ("达产复核", "达产验收日期"), parse_date),
    Column(
        "wkt",
        "WKT",
        ("几何", "geometry", "坐标WKT", "图形"),
        parse_text,
        width=40,
        example="POLYGON ((480700 3347800, 480900 3347800, 480900 3347900, 480700 3347900, 480700 3347800))",
    ),
    Column("note", "备注", ("说明",), parse_text),
)

POINT_COLUMNS: tuple[Column, ...] = (
    Column(
        "plot_code",
        "地块编号",
        ("宗地编号", "宗地号", "地块号", "DKBH"),
        parse_text,
        required=True,
        fill_down=True,
        example="QSH-2024-001",
        width=16,
    ),
    Column("plot_name", "地块名称", ("宗地名称",), parse_text, fill_down=True, width=20),
    Column("ring", "圈号", ("地块圈号", "环号"), parse_int, example=1, width=6),
    Column("point", "点号", ("界址点号", "界址点", "点名"), parse_text, example="J1", width=8),
    Column(
        "x", "X坐标", ("X", "纵坐标", "北坐标", "X(北)"), parse_decimal, required=True, example="3347900.000"
    ),
    Column(
        "y", "Y坐标", ("Y", "横坐标", "东坐标", "Y(东)"), parse_decimal, required=True, example="480700.000"
    ),
    Column("edge", "边长", ("距离",), parse_decimal, width=10),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("plot_code", "地块编号", ("宗地编号",), parse_text, required=True, fill_down=True, width=16),
    Column(
        "indicator",
        "指标",
        ("控制指标", "指标名称"),
        parse_text,
        required=True,
        choices=tuple(name for _, name, _, _ in INDICATORS),
        example="固定资产投资强度",
        width=18,
    ),
    Column("promised", "承诺值", ("出让约定值", "约定值", "标准值"), parse_decimal, example="300"),
    Column("promised_max", "约定上限", ("承诺上限", "上限值"), parse_decimal),  # two-sided: 容积率, 建筑系数
    Column("actual", "实际值", ("达产值", "验收值"), parse_decimal, example="320"),
    Column("unit", "单位", (), parse_text, export=True),
    Column("met", "是否达标", (), parse_text),
)


def _with_dbf_names(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    from dataclasses import replace

    return tuple(
        replace(c, synonyms=(*c.synonyms, DBF_NAMES[c.key]))
        if c.key in DBF_NAMES and DBF_NAMES[c.key] not in c.synonyms
        else c
        for c in columns
    )


def _read_plots_geojson(path: Path, ctx: ImportContext) -> list[SourceRow]:
    from models.land.geojson_io import read_geojson

    return read_geojson(path, ctx, _with_dbf_names(PLOT_COLUMNS))  # DKBH, PTMC, QLR … as in shapefiles


def _read_plots_shp(path: Path, ctx: ImportContext) -> list[SourceRow]:
    from models.land.shapefile_io import read_shapefile

    return read_shapefile(path, ctx, _with_dbf_names(PLOT_COLUMNS))


def _headers(
    records: Iterable[tuple[Mapping[str, Any], Any]], by_key: Mapping[str, str] | None = None
) -> list[tuple[dict[str, Any], Any]]:
    by_key = by_key or {c.key: c.header for c in PLOT_COLUMNS}
    return [
        ({by_key[k]: v for k, v in props.items() if k in by_key and k != "wkt"}, g) for props, g in records
    ]


def _write_plots_geojson(session: Any, path: Path, ctx: ExportContext) -> int:
    from models.land.geojson_io import write_geojson

    crs = str(ctx.options.get("crs") or "EPSG:4549")
    return write_geojson(path, _headers(plot_features(session)), crs=crs)


def _write_plots_shp(session: Any, path: Path, ctx: ExportContext) -> int:
    from models.land.shapefile_io import write_shapefile

    fields = [DBF_NAMES[c.key] for c in PLOT_COLUMNS if c.key in DBF_NAMES]
    return write_shapefile(path, _headers(plot_features(session), DBF_NAMES), fields)


KINDS: tuple[Kind, ...] = (
    Kind(
        "plots",
        "地块",
        "land",
        PLOT_COLUMNS,
        load=load_plots,
        dump=dump_plots,
        options=(*FRAME_OPTIONS, KindOption("crs"), KindOption("towgs84")),
        readers={".geojson": _read_plots_geojson, ".json": _read_plots_geojson, ".shp": _read_plots_shp},
        writers={".geojson": _write_plots_geojson, ".shp": _write_plots_shp},
    ),
    Kind(
        "boundary-points",
        "界址点坐标表",
        "land",
        POINT_COLUMNS,
        load=load_points,
        dump=dump_points,
        options=FRAME_OPTIONS,
        readers={".txt": read_points_txt},
        writers={".txt": write_points_txt},
    ),
    Kind(
        "plot-indicators", "标准地指标", "land", INDICATOR_COLUMNS, load=load_indicators, dump=indicator_rows
    ),
)
