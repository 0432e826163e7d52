"""A minimal streaming .xlsx writer for exports: one sheet, inline strings, no formulas.

Written for speed and for safety: openpyxl's write-only mode spent ~2× xlsxwriter's
time at 100,000 rows, and this writer can only produce values — there is no code path
that emits an ``<f>`` element, every string is an inline string (``t="inlineStr"``),
text starting with ``= + - @`` tab CR LF gets the ``quotePrefix`` style, ``_xHHHH_``
sequences are escaped as Excel expects, and characters XML 1.0 cannot carry are
dropped. The header row is bold and frozen; column widths are set; dates get a date
format (yyyy-mm-dd). The result opens in Excel, WPS, LibreOffice, openpyxl, calamine.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

_EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_X_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

# style indexes in styles.xml below
S_HEADER, S_TEXT_PREFIX, S_DATE, S_DATETIME = 1, 2, 3, 4
S_2DP, S_4DP, S_PERCENT = 5, 6, 7  # number formats: #,##0.00 / #,##0.0000 / 0.0%

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" \
ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" \
Target="docProps/app.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<bookViews><workbookView/></bookViews><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="5"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>\
<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="166" formatCode="#,##0.00"/>\
<numFmt numFmtId="167" formatCode="#,##0.0000"/><numFmt numFmtId="168" formatCode="0.0%"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>LandSpace</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>"""
APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>LandSpace</Application></Properties>"""


def column_letters(n: int) -> list[str]:
    out = []
    for i in range(n):
        letters, k = "", i + 1
        while k:
            k, rem = divmod(k - 1, 26)
            letters = chr(65 + rem) + letters
        out.append(letters)
    return out


def text_xml(text: str) -> str:
    """Text as XML character data: illegal characters dropped, ``_xHHHH_`` protected, escaped."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if "_x" in text:
        text = _X_ESCAPE.sub(r"_x005F_\1", text)
    if "\r" in text:
        text = text.replace("\r", "_x000D_")
    return escape(text)


def _number(value: int | Decimal | float) -> str:
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return repr(value)


def cell_xml(ref: str, value: Any) -> str:
    cls = value.__class__
    if cls is str:
        style = f' s="{S_TEXT_PREFIX}"' if value.startswith(TRIGGERS) else ""
        space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text_xml(value)}</t></is></c>'
    if cls is bool:
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if cls is int or cls is Decimal or cls is float:
        return f'<c r="{ref}"><v>{_number(value)}</v></c>'
    if cls is dt.datetime:
        serial = (value.replace(tzinfo=None) - _EPOCH) / dt.timedelta(days=1)
        return f'<c r="{ref}" s="{S_DATETIME}"><v>{serial!r}</v></c>'
    if cls is dt.date:
        return f'<c r="{ref}" s="{S_DATE}"><v>{(value - _EPOCH.date()).days}</v></c>'
    return cell_xml(ref, str(value))


def styled_number(style: int) -> Any:
    """``cell_xml`` for a column whose numbers carry the number format ``style`` (S_2DP …)."""

    def cell(ref: str, value: Any) -> str:
        cls = value.__class__
        if cls is int or cls is Decimal or cls is float:
            return f'<c r="{ref}" s="{style}"><v>{_number(value)}</v></c>'
        return cell_xml(ref, value)

    return cell


def write_sheet_xlsx(
    path: Path,
    sheet_name: str,
    headers: Sequence[str],
    widths: Sequence[int],
    rows: Iterable[Sequence[Any]],
    *,
    on_row: Any = None,
    number_styles: Sequence[int | None] | None = None,
) -> int:
    """Write one sheet: bold frozen header, then ``rows`` (None = empty cell). Returns data rows.
    ``number_styles`` gives a column's numbers a format (S_2DP, S_4DP, S_PERCENT)."""
    letters = column_letters(len(headers))
    writers = [cell_xml if not s else styled_number(s) for s in (number_styles or [None] * len(headers))]
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1)
    )
    head = "".join(
        f'<c r="{c}1" s="{S_HEADER}" t="inlineStr"><is><t>{text_xml(h)}</t></is></c>'
        for c, h in zip(letters, headers, strict=True)
    )
    count = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as raw:
            buf: list[str] = [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
                ' state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData><row r="1">{head}</row>'
            ]
            for n, row in enumerate(rows, start=2):
                cells = [
                    w(f"{c}{n}", v) for c, v, w in zip(letters, row, writers, strict=False) if v is not None
                ]
                buf.append(f'<row r="{n}">{"".join(cells)}</row>')
                count += 1
                if count % 2000 == 0:
                    raw.write("".join(buf).encode("utf-8"))
                    buf.clear()
                    if on_row is not None:
                        on_row(count)
            buf.append(
                '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3"'
                ' footer="0.3"/></worksheet>'
            )
            raw.write("".join(buf).encode("utf-8"))
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK.format(name=escape(sheet_name[:31], {'"': "&quot;"})))
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", STYLES)
        zf.writestr("docProps/core.xml", CORE.format(now=now))
        zf.writestr("docProps/app.xml", APP)
    return count
