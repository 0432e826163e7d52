"""Generators of hostile and broken files, each cheap to build (a few MB at most).

The big ones are deflate bombs built without compressing a gigabyte: one 1 MiB
chunk is compressed once with a full flush (so it refers to nothing before it) and
its bytes are repeated; the zip is written by hand so the directory can say
anything. ``HOSTILE`` maps a name to (builder, expected refusal code).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

MIB = 1 << 20
GIB = 1 << 30

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
    b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WB_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
    b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(body: bytes, dimension: bytes = b"A1") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        + NS
        + b'><dimension ref="'
        + dimension
        + b'"/><sheetData>'
        + body
        + b"</sheetData></worksheet>"
    )


def _base_parts(sheet_xml: bytes) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WB_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }


def small_workbook(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


# ---------------------------------------------------------------- a hand-made zip
def _deflate_repeated(head: bytes, unit: bytes, total: int, tail: bytes) -> tuple[bytes, int]:
    """Raw deflate of head + unit*k + tail (about ``total`` bytes) without compressing ``total`` bytes."""
    chunk = unit * max(1, MIB // len(unit))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [c.compress(head), c.flush(zlib.Z_FULL_FLUSH)]
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk_deflated = block.compress(chunk) + block.flush(zlib.Z_FULL_FLUSH)
    repeats = max(1, total // len(chunk))
    parts.append(chunk_deflated * repeats)
    end = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts.append(end.compress(tail) + end.flush(zlib.Z_FINISH))
    return b"".join(parts), len(head) + repeats * len(chunk) + len(tail)


def raw_zip(path: Path, entries: list[tuple[str, bytes, int, int, int]]) -> Path:
    """Entries: (name, data, method 0/8, crc, declared uncompressed size)."""
    out = io.BytesIO()
    central = []
    for name, data, method, crc, usize in entries:
        offset = out.tell()
        n = name.encode()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), usize, len(n), 0)
        )
        out.write(n)
        out.write(data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                usize,
                len(n),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + n
        )
    start = out.tell()
    for c in central:
        out.write(c)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), out.tell() - start, start, 0)
    )
    path.write_bytes(out.getvalue())
    return path


def _bomb_workbook(
    path: Path, member: str, head: bytes, unit: bytes, tail: bytes, total: int, declared: int | None = None
) -> Path:
    data, size = _deflate_repeated(head, unit, total, tail)
    parts = _base_parts(sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>'))
    entries = [
        (name, zlib.compress(blob)[2:-4], 8, zlib.crc32(blob), len(blob))
        for name, blob in parts.items()
        if name != member
    ]
    entries.append((member, data, 8, 0, size if declared is None else declared))
    return raw_zip(path, entries)


# ---------------------------------------------------------------- the hostile files
def billion_laughs(path: Path) -> Path:
    lol = b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
        + lol
        + b"]><worksheet "
        + NS
        + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'  # noqa: E501
    )
    return small_workbook(path, _base_parts(xml))


def quadratic_blowup(path: Path) -> Path:
    big = b"x" * 50_000
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE kaboom [<!ENTITY a "'
        + big
        + b'">]><worksheet '
        + NS
        + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        + b"&a;" * 50_000
        + b"</t></is></c></row></sheetData></worksheet>"
    )
    return small_workbook(path, _base_parts(xml))


def huge_shared_strings(path: Path) -> Path:
    head = b'<?xml version="1.0"?><sst ' + NS + b">"
    return _bomb_workbook(path, "xl/sharedStrings.xml", head, b"<si><t>a</t></si>", b"</sst>", GIB)


def huge_sheet(path: Path) -> Path:
    head = b'<?xml version="1.0"?><worksheet ' + NS + b"><sheetData>"
    return _bomb_workbook(
        path,
        "xl/worksheets/sheet1.xml",
        head,
        b"<row><c><v>1</v></c></row>",
        b"</sheetData></worksheet>",
        GIB,
    )


def lying_sheet(path: Path) -> Path:
    """A 256 MiB sheet whose directory claims 1,000 bytes."""
    head = b'<?xml version="1.0"?><worksheet ' + NS + b"><sheetData>"
    return _bomb_workbook(
        path,
        "xl/worksheets/sheet1.xml",
        head,
        b"<c><v>1</v></c>",
        b"</sheetData></worksheet>",
        256 * MIB,
        declared=1000,
    )


def far_cell(path: Path) -> Path:
    body = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    return small_workbook(path, _base_parts(sheet(body, b"A1:XFD1048576")))


def far_cell_odd_quotes(path: Path) -> Path:
    body = b"<row r='1'><c r = 'XFD1048576'><v>1</v></c></row>"
    return small_workbook(path, _base_parts(sheet(body)))


def far_merge(path: Path) -> Path:
    xml = (
        b'<?xml version="1.0"?><worksheet ' + NS + b'><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD100"/></mergeCells></worksheet>'
    )
    return small_workbook(path, _base_parts(xml))


def too_many_rows(path: Path) -> Path:
    from models.exchange.preflight import DEFAULT_LIMITS, sheet_rows

    # one row more than a sheet may hold (the data rows plus titles, header, totals, notes);
    # no r=: only counting finds it
    rows = b"".join(b"<row><c><v>%d</v></c></row>" % i for i in range(sheet_rows(DEFAULT_LIMITS) + 1))
    return small_workbook(path, _base_parts(sheet(rows)))


def huge_text_cell(path: Path) -> Path:
    body = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + "字".encode() * 40_000 + b"</t></is></c></row>"
    return small_workbook(path, _base_parts(sheet(body)))


def gib_text_cell(path: Path) -> Path:
    head = b'<?xml version="1.0"?><sst ' + NS + b"><si><t>"
    return _bomb_workbook(path, "xl/sharedStrings.xml", head, b"a" * 64, b"</t></si></sst>", GIB)


def renamed_xls(path: Path) -> Path:
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le") + bytes(4096)
    )
    return path


def encrypted(path: Path) -> Path:
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(1000)
        + "EncryptedInfo".encode("utf-16-le")
        + bytes(100)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(4096)
    )
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def text_file(path: Path) -> Path:
    path.write_text("统一社会信用代码,企业名称\n91330112MA27XYW352,甲\n", encoding="utf-8")
    return path


def random_bytes(path: Path) -> Path:
    import random

    path.write_bytes(random.Random(1).randbytes(10_000))
    return path


def docx_like(path: Path) -> Path:
    return small_workbook(path, {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w/>"})


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "billion_laughs": (billion_laughs, "exchange.xml_entities"),
    "quadratic_blowup": (quadratic_blowup, "exchange.xml_entities"),
    "huge_shared_strings": (huge_shared_strings, "exchange.too_large_uncompressed"),
    "huge_sheet": (huge_sheet, "exchange.too_large_uncompressed"),
    "lying_sheet": (lying_sheet, "exchange.not_a_workbook"),
    "far_cell": (far_cell, "exchange.too_many_columns"),
    "far_cell_odd_quotes": (far_cell_odd_quotes, "exchange.too_many_columns"),
    "far_merge": (far_merge, "exchange.too_many_columns"),
    "too_many_rows": (too_many_rows, "exchange.too_many_rows"),
    "huge_text_cell": (huge_text_cell, "exchange.text_too_long"),
    "gib_text_cell": (gib_text_cell, "exchange.too_large_uncompressed"),
    "renamed_xls": (renamed_xls, "exchange.old_xls"),
    "encrypted": (encrypted, "exchange.encrypted"),
    "empty": (empty, "exchange.empty_file"),
    "text_file": (text_file, "exchange.not_a_workbook"),
    "random_bytes": (random_bytes, "exchange.not_a_workbook"),
    "docx_like": (docx_like, "exchange.not_a_workbook"),
}
