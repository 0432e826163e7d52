from __future__ import annotations

from decimal import Decimal as D

from models.land import coords
from models.land.coords import Frame


def test_classify_each_reading() -> None:
    assert coords.classify(D(3347844), D(480751)) is Frame.PLAIN
    assert coords.classify(D(3347844), D(40480751)) is Frame.PREFIXED
    assert coords.classify(D(480751), D(3347844)) is Frame.SWAPPED
    assert coords.classify(D(40480751), D(3347844)) is Frame.SWAPPED_PREFIXED
    assert coords.classify(D(2500000), D(300000)) is Frame.UNKNOWN


def test_detect_reports_dominant_frame_and_counts() -> None:
    r = coords.detect([(D(480751), D(3347844)), (D(480851), D(3347844)), (D(3347844), D(480751))])
    assert r.frame is Frame.SWAPPED and r.mixed
    assert r.counts[Frame.SWAPPED] == 2


def test_problem_codes_require_confirmation() -> None:
    assert coords.frame_problem_code(Frame.PLAIN, swap_xy=False, strip_zone=False) is None
    assert (
        coords.frame_problem_code(Frame.SWAPPED, swap_xy=False, strip_zone=False) == "land.coords_swapped_xy"
    )
    assert coords.frame_problem_code(Frame.SWAPPED, swap_xy=True, strip_zone=False) is None
    assert (
        coords.frame_problem_code(Frame.PREFIXED, swap_xy=False, strip_zone=False)
        == "land.coords_zone_prefix"
    )
    assert coords.frame_problem_code(Frame.PREFIXED, swap_xy=False, strip_zone=True) is None
    assert (
        coords.frame_problem_code(Frame.SWAPPED_PREFIXED, swap_xy=False, strip_zone=False)
        == "land.coords_swapped_prefixed"
    )
    assert (
        coords.frame_problem_code(Frame.PLAIN, swap_xy=True, strip_zone=False)
        == "land.coords_swap_not_needed"
    )
    assert (
        coords.frame_problem_code(Frame.UNKNOWN, swap_xy=True, strip_zone=True) == "land.coords_outside_range"
    )


def test_correct_swaps_and_strips() -> None:
    assert coords.correct(D(40480751), D(3347844), swap_xy=True, strip_zone=True) == (D(3347844), D(480751))


def test_transform_wgs84_lands_at_qingshanhu() -> None:
    from shapely.geometry import Point

    p = coords.transform_geometry(Point(119.80, 30.25), coords.parse_crs("EPSG:4326"))
    assert abs(p.x - 480751) < 2 and abs(p.y - 3347844) < 2


def test_transform_from_zone_prefixed_frame() -> None:
    from shapely.geometry import Point

    p = coords.transform_geometry(Point(40480751, 3347844), coords.parse_crs("EPSG:4528"))
    assert abs(p.x - 480751) < 0.01 and abs(p.y - 3347844) < 0.01
