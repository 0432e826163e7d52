"""The ministry's coordinate exchange text format (部颁格式, 勘测定界界址点坐标), both ways.

    [属性描述]
    坐标系=2000国家大地坐标系
    几度分带=3
    投影类型=高斯克吕格
    计量单位=米
    带号=40
    精度=0.0001
    [地块坐标]
    5,1.2000,LA-001,一号地块,面,,工业用地,0601,@     ← 界址点数,面积(公顷),编号,名称,面,图幅号,用途,地类编码,@
    J1,1,3347844.0000,40480751.0000                  ← 点号,圈号,X(北),Y(东, 带号在前)

Files come as GBK (Windows "ANSI") or UTF-8; both are read, GBK is written. The
reader yields ``SourceRow``s of the ``boundary-points`` kind (one per point, the
line number as the row) so the same loader validates them; the header's
``带号`` tells the loader the zone prefix is declared, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from models.exchange.spec import ImportContext, SourceRow
from models.land.coords import ZONE, ZONE_OFFSET
from models.land.geometry import SurveyPoint
from models.units import M2_PER_HA

SHEET = "[地块坐标]"


@dataclass
class TxtParcel:
    code: str
    name: str = ""
    land_use_name: str = ""
    land_use_code: str = ""
    area_ha: Decimal | None = None
    sheet_no: str = ""
    points: list[SurveyPoint] = field(default_factory=list)
    declared_points: int | None = None  # 界址点数 in the header line
    line: int = 0


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace")


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None


def parse(text: str) -> tuple[dict[str, str], list[TxtParcel], list[tuple[int, str]]]:
    """(attributes, parcels, unreadable lines as (line number, text))."""
    attrs: dict[str, str] = {}
    parcels: list[TxtParcel] = []
    bad: list[tuple[int, str]] = []
    section = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().replace("，", ",")
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line
            continue
        if section == "[属性描述]" or (section != SHEET and "=" in line):
            key, _, value = line.partition("=")
            attrs[key.strip()] = value.strip()
            continue
        if section != SHEET:
            continue
        parts = [p.strip() for p in line.split(",")]
        if parts[-1] == "@":
            if not _dec(parts[0]) and parts[0]:  # the template's own header line
                continue
            declared = _dec(parts[0])
            parcels.append(
                TxtParcel(
                    declared_points=int(declared) if declared is not None else None,
                    line=number,
                    code=parts[2] if len(parts) > 2 else "",
                    name=parts[3] if len(parts) > 3 else "",
                    area_ha=_dec(parts[1]) if len(parts) > 1 else None,
                    sheet_no=parts[5] if len(parts) > 5 else "",
                    land_use_name=parts[6] if len(parts) > 6 else "",
                    land_use_code=parts[7] if len(parts) > 7 else "",
                )
            )
            continue
        x, y = (_dec(parts[2]), _dec(parts[3])) if len(parts) >= 4 else (None, None)
        ring = _dec(parts[1]) if len(parts) >= 2 else None
        if not parcels or x is None or y is None or ring is None:
            bad.append((number, raw))
            continue
        parcels[-1].points.append(SurveyPoint(parts[0], x, y, int(ring), number))
    return attrs, parcels, bad


def read_txt(path: Path, ctx: ImportContext) -> list[SourceRow]:
    """Rows for the ``boundary-points`` loader; unreadable lines become row problems."""
    attrs, parcels, bad = parse(decode(path.read_bytes()))
    zone_declared = attrs.get("带号", "").strip() == str(ZONE)
    rows: list[SourceRow] = []
    for number, raw in bad:
        row = SourceRow(SHEET, number, {}, raw={"line": raw})
        ctx.problem(row, None, "land.txt_line_unreadable", line=number, text=raw.strip()[:80])
    for parcel in parcels:
        if parcel.declared_points is not None and parcel.declared_points != len(parcel.points):
            header = SourceRow(SHEET, parcel.line, {}, raw={})
            ctx.problem(
                header,
                None,
                "land.txt_point_count",
                severity="warning",
                code=parcel.code,
                declared=parcel.declared_points,
                found=len(parcel.points),
            )
        area_m2 = None if parcel.area_ha is None else parcel.area_ha * Decimal(M2_PER_HA.numerator)
        for p in parcel.points:
            values: dict[str, object] = {
                "plot_code": parcel.code,
                "plot_name": parcel.name,
                "ring": p.ring,
                "point": p.name,
                "x": p.x,
                "y": p.y,
                "zone_declared": zone_declared,
            }
            if parcel.land_use_code or parcel.land_use_name:
                values["land_use"] = parcel.land_use_code or parcel.land_use_name
            if area_m2 is not None:
                values["cert_area_m2"] = area_m2
            headers = {"plot_code": "地块编号", "ring": "圈号", "point": "点号", "x": "X坐标", "y": "Y坐标"}
            rows.append(SourceRow(SHEET, p.row or 0, values, raw=dict(values), headers=headers))
    return rows


def _ring_lines(points: Sequence[SurveyPoint], zone_prefix: bool) -> Iterable[str]:
    by_ring: dict[int, list[SurveyPoint]] = {}
    for p in points:
        by_ring.setdefault(p.ring, []).append(p)
    for ring, pts in sorted(by_ring.items()):
        if (pts[0].x, pts[0].y) != (pts[-1].x, pts[-1].y):
            pts = [*pts, pts[0]]  # the format closes every ring by repeating its first point
        for p in pts:
            y = p.y + ZONE_OFFSET if zone_prefix else p.y
            yield f"{p.name},{ring},{p.x:.4f},{y:.4f}"


def render(parcels: Sequence[TxtParcel], *, unit: str = "", date: str = "", zone_prefix: bool = True) -> str:
    lines = [
        "[属性描述]",
        "格式版本号=1.01版本",
        f"数据产生单位={unit}",
        f"数据产生日期={date}",
        "坐标系=2000国家大地坐标系",
        "几度分带=3",
        "投影类型=高斯克吕格",
        "计量单位=米",
        f"带号={ZONE if zone_prefix else ''}",
        "精度=0.0001",
        "转换参数=,,,,,,",
        SHEET,
    ]
    for parcel in parcels:
        body = list(_ring_lines(parcel.points, zone_prefix))
        area = "" if parcel.area_ha is None else f"{parcel.area_ha:.4f}"
        lines.append(
            f"{len(body)},{area},{parcel.code},{parcel.name},面,{parcel.sheet_no},"
            f"{parcel.land_use_name},{parcel.land_use_code},@"
        )
        lines.extend(body)
    return "\r\n".join(lines) + "\r\n"


def write(
    path: Path, parcels: Sequence[TxtParcel], *, unit: str = "", date: str = "", zone_prefix: bool = True
) -> int:
    path.write_bytes(render(parcels, unit=unit, date=date, zone_prefix=zone_prefix).encode("gb18030"))
    return len(parcels)
