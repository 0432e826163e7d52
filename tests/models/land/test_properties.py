"""Invariants of the coordinate importers (hypothesis)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.exchange.spec import ImportContext
from models.land import coords
from models.land import geometry as geo
from models.land import ministry_txt as txt
from models.land.paste import rows_from_pasted

coord_x = st.decimals(min_value=3_312_000, max_value=3_366_000, places=3, allow_nan=False)
coord_y = st.decimals(min_value=388_000, max_value=488_000, places=3, allow_nan=False)
sides = st.decimals(min_value=1, max_value=900, places=3, allow_nan=False)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(x=coord_x, y=coord_y, w=sides, h=sides, closed=st.booleans(), prefix=st.booleans())
@example(x=Decimal("3347844"), y=Decimal("480751"), w=Decimal(100), h=Decimal(100), closed=True, prefix=True)
def test_txt_round_trip_keeps_points_and_area(
    tmp_path: Path, x: Decimal, y: Decimal, w: Decimal, h: Decimal, closed: bool, prefix: bool
) -> None:
    pts = [
        geo.SurveyPoint("J1", x + h, y),
        geo.SurveyPoint("J2", x + h, y + w),
        geo.SurveyPoint("J3", x, y + w),
        geo.SurveyPoint("J4", x, y),
    ]
    if closed:
        pts.append(pts[0])
    path = tmp_path / "t.txt"
    txt.write(path, [txt.TxtParcel("P", points=pts)], zone_prefix=prefix)
    rows = txt.read_txt(path, ImportContext())
    read = [(r.get("x"), r.get("y")) for r in rows]
    correct = [coords.correct(a, b, swap_xy=False, strip_zone=prefix) for a, b in read]
    assert correct[:4] == [(p.x, p.y) for p in pts[:4]]
    again = geo.polygon_from_points(
        [geo.SurveyPoint(r.get("point"), a, b) for r, (a, b) in zip(rows, correct, strict=True)]
    )
    assert geo.area_m2(again) == (w * h).quantize(Decimal("0.0001"))


@settings(max_examples=80, deadline=None)
@given(x=coord_x, y=coord_y)
def test_every_reading_of_a_lin_an_point_is_classified_and_corrected_back(x: Decimal, y: Decimal) -> None:
    for (a, b), frame in (
        ((x, y), coords.Frame.PLAIN),
        ((x, y + coords.ZONE_OFFSET), coords.Frame.PREFIXED),
        ((y, x), coords.Frame.SWAPPED),
        ((y + coords.ZONE_OFFSET, x), coords.Frame.SWAPPED_PREFIXED),
    ):
        assert coords.classify(a, b) is frame
        swap = frame in (coords.Frame.SWAPPED, coords.Frame.SWAPPED_PREFIXED)
        strip = frame in (coords.Frame.PREFIXED, coords.Frame.SWAPPED_PREFIXED)
        assert coords.correct(a, b, swap_xy=swap, strip_zone=strip) == (x, y)


@settings(max_examples=50, deadline=None)
@given(
    pts=st.lists(st.tuples(st.sampled_from(["J1", "J2", "K3"]), coord_x, coord_y), min_size=1, max_size=8),
    sep=st.sampled_from(["\t", ",", "  "]),
)
def test_pasted_rows_keep_every_point(pts: list[tuple[str, Decimal, Decimal]], sep: str) -> None:
    text = "点号\tX\tY\n" + "\n".join(sep.join([n, str(a), str(b)]) for n, a, b in pts)
    rows = rows_from_pasted(text, "P")
    assert [(r.get("point"), r.get("x"), r.get("y")) for r in rows] == pts
