"""Every hostile or broken file is refused by pre-flight, before any parser sees it.

Timings (all well under the 2 s promise) are measured in tests/benchmarks/bench_exchange.py;
here we assert the refusal code and that neither the reader nor calamine/openpyxl ran.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from models.database import Database
from models.enterprises.exchange import ENTERPRISES
from models.exchange import importer, reader
from models.exchange.importer import run_import
from models.exchange.preflight import Limits, PreflightError, preflight
from tests.models.exchange.hostile import HOSTILE, _base_parts, sheet, small_workbook


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_preflight_refuses(tmp_path: Path, name: str) -> None:
    build, code = HOSTILE[name]
    path = build(tmp_path / f"{name}.xlsx")
    with pytest.raises(PreflightError) as e:
        preflight(path)
    assert e.value.code == code


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_import_refuses_before_parsing(
    db: Database, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("a parser was reached")

    monkeypatch.setattr(importer, "read_rows", never)
    monkeypatch.setattr(reader, "load_grids", never)
    build, code = HOSTILE[name]
    report = run_import(db, ENTERPRISES, build(tmp_path / f"{name}.xlsx"))
    assert [p.code for p in report.errors] == [code]
    assert report.file_refused and not report.committed and report.rows_read == 0


def test_ordinary_workbooks_pass(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "ok.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(2000):
        ws.append([f"名称{i}", i, "说明" * 20])
    ws["C5"] = "字" * 32_767  # exactly Excel's limit is fine
    ws.merge_cells("A2001:D2001")
    wb.save(path)
    facts = preflight(path)
    assert facts.format == "xlsx" and not facts.formula_parts


def test_limits_are_configurable_and_counted_while_inflating(tmp_path: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(1, 1001))
    path = small_workbook(tmp_path / "a.xlsx", _base_parts(sheet(rows)))
    preflight(path)
    with pytest.raises(PreflightError) as e:
        preflight(path, Limits(max_rows=999, other_rows=0))
    assert e.value.code == "exchange.too_many_rows"
    with pytest.raises(PreflightError) as e:
        preflight(path, Limits(max_part_bytes=10_000))
    assert e.value.code == "exchange.too_large_uncompressed"


def test_formula_parts_are_noted(tmp_path: Path) -> None:
    body = b'<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'
    facts = preflight(small_workbook(tmp_path / "f.xlsx", _base_parts(sheet(body))))
    assert facts.formula_parts == {"xl/worksheets/sheet1.xml"}


def test_csv_checks(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\x00c")
    with pytest.raises(PreflightError) as e:
        preflight(path)
    assert e.value.code == "exchange.not_text"
    zipped = small_workbook(tmp_path / "b.csv", _base_parts(sheet(b"")))
    with pytest.raises(PreflightError) as e:
        preflight(zipped)
    assert e.value.code == "exchange.wrong_extension"


@pytest.mark.parametrize("pad", [0, 1, 16_383, 16_384, 16_385, (1 << 20) - 20_000, (1 << 20) - 5])
@pytest.mark.parametrize(("length", "refused"), [(32_767, False), (32_768, True)])
def test_over_long_text_is_found_wherever_it_lies(
    tmp_path: Path, pad: int, length: int, refused: bool
) -> None:
    """The block pre-filter of the text-run check misses no run: a cell of 32,768 ASCII
    characters (the fewest bytes an over-long run can have) is refused at any offset,
    across the 1 MiB read boundary too; one of 32,767 passes."""
    rng = random.Random(pad)
    text = bytes(
        rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(max(pad, 1) + length)
    )  # incompressible
    short = b"<r/>".join(text[i : i + 1000] for i in range(0, max(pad, 1), 1000))  # short runs only
    filler = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + short + b"</t></is></c></row>"
    body = filler + b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + text[-length:] + b"</t></is></c></row>"
    path = small_workbook(tmp_path / "t.xlsx", _base_parts(sheet(body)))
    if refused:
        with pytest.raises(PreflightError) as e:
            preflight(path)
        assert e.value.code == "exchange.text_too_long"
    else:
        preflight(path)
