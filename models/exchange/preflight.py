"""Pre-flight checks on an incoming file, before any parser touches it (docs/reliability.md B).

openpyxl — even read-only — and the XML parsers below it trust the file: a 2.6 MB
workbook with a 1 GiB shared-string table took openpyxl 5 minutes and 4 GB; a cell at
XFD1048576 makes read-only iteration fill in 17 billion empty cells. So every file is
checked here first, with bounded memory and without building any XML tree:

* what it is: empty, an OLE file (an old ``.xls`` renamed, or an encrypted workbook,
  which Excel stores as OLE), not a zip at all, a zip that is not a workbook;
* the zip's parts: how many, each part's and the total uncompressed size, the
  compression ratio — from the directory first, then again while streaming each
  part (directory sizes can lie), stopping as soon as a limit is passed;
* every XML part: no ``<!DOCTYPE``/``<!ENTITY`` (entity expansion attacks);
* worksheets: ``<dimension>``, merged ranges and every cell/row reference within the
  row and column caps (a regex over the raw bytes, so a cell at XFD1048576 costs
  nothing), the number of ``<row>`` elements, whether formulas are present;
* text: no run of characters between tags longer than Excel's 32,767-character cell.

``preflight(path)`` returns a ``FileFacts`` or raises ``PreflightError`` (a
``DomainError``: one code and fields, one clear line for the user).
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from models.errors import DomainError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_CELL_TEXT = 32_767
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_rows: int = 200_000  # data rows (the reader counts them below the header)
    # rows a sheet may hold beyond its data rows: title rows, the header, a unit row, totals, notes
    other_rows: int = 100
    max_cols: int = 200  # cell references are checked textually against GR (200); ranges numerically
    max_part_bytes: int = 256 << 20
    max_total_bytes: int = 512 << 20
    max_ratio: int = 200  # uncompressed / compressed, for parts over ``ratio_floor`` bytes
    ratio_floor: int = 1 << 20
    max_parts: int = 2_000
    max_csv_bytes: int = 128 << 20
    max_ole_bytes: int = 64 << 20  # an .xls is parsed whole in memory: its size bounds the work
    max_ole_streams: int = 1_000


DEFAULT_LIMITS = Limits()


def sheet_rows(limits: Limits) -> int:
    """The most rows a sheet may have at all: the data rows plus ``other_rows``. Checked before
    parsing (it bounds the work); the data rows themselves are counted by the reader."""
    return limits.max_rows + limits.other_rows


class PreflightError(DomainError):
    """The file is refused before parsing; ``code`` says why (``exchange.*``)."""


@dataclass
class FileFacts:
    """What pre-flight learnt: the format, and which worksheet parts hold formulas."""

    format: str  # "xlsx" | "xls" | "ods" | "csv"
    formula_parts: set[str] = field(default_factory=set)
    uncompressed_bytes: int = 0


def preflight(path: Path, limits: Limits = DEFAULT_LIMITS) -> FileFacts:
    path = Path(path)
    if not path.is_file():
        raise PreflightError("exchange.file_missing", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise PreflightError("exchange.empty_file", path=path.name)
    with path.open("rb") as f:
        head = f.read(8)
        if head.startswith(OLE_MAGIC):
            if path.suffix.lower() == ".xls":
                return _check_ole(f, path, size, limits)
            raise _ole_refusal(f, path)
    if path.suffix.lower() in (".csv", ".txt"):
        return _check_text_file(path, size, head, limits)
    if not head.startswith(ZIP_MAGIC):
        raise PreflightError("exchange.not_a_workbook", path=path.name)
    try:
        with zipfile.ZipFile(path) as zf:
            if path.suffix.lower() == ".ods" or "content.xml" in zf.namelist():
                return _check_ods(zf, path, limits)
            return _check_zip(zf, path, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        raise PreflightError("exchange.not_a_workbook", path=path.name) from None


def _ole_refusal(f: IO[bytes], path: Path) -> PreflightError:
    """An OLE compound file: Excel's encrypted workbooks carry an ``EncryptedPackage`` stream."""
    f.seek(0)
    marker = "EncryptedPackage".encode("utf-16-le")
    tail = b""
    for _ in range(16):  # the directory is near the start of small files; 16 MiB at most
        block = f.read(_CHUNK)
        if not block:
            break
        if marker in tail + block:
            return PreflightError("exchange.encrypted", path=path.name)
        tail = block[-len(marker) :]
    return PreflightError("exchange.old_xls", path=path.name)


_ENDOFCHAIN = 0xFFFFFFFE


def _check_ole(f: IO[bytes], path: Path, size: int, limits: Limits) -> FileFacts:  # noqa: C901  one branch per OLE container check
    """An Excel 97–2003 workbook (OLE compound file): size, a sane header, and the
    directory's streams counted by following its sector chain (bounded: a loop or a sector
    outside the file is refused); an ``EncryptedPackage`` stream means encrypted."""
    import struct

    if size > limits.max_ole_bytes:
        raise PreflightError("exchange.file_too_large", size=size, limit=limits.max_ole_bytes)
    f.seek(0)
    header = f.read(512)
    if len(header) < 512:
        raise PreflightError("exchange.not_a_workbook", path=path.name)
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        raise PreflightError("exchange.not_a_workbook", path=path.name)
    sector = 1 << shift
    n_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
    difat = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < _ENDOFCHAIN][:n_fat]
    n_sectors = (size - sector) // sector + 1

    def read_sector(n: int) -> bytes:
        if n >= n_sectors:
            raise PreflightError("exchange.not_a_workbook", path=path.name)
        f.seek(sector + n * sector)
        return f.read(sector)

    fat: list[int] = []
    for s in difat:
        block = read_sector(s)
        fat.extend(struct.unpack_from(f"<{len(block) // 4}I", block))
    streams, seen, current = 0, set(), first_dir
    while current < _ENDOFCHAIN:
        if current in seen or current >= len(fat):
            raise PreflightError("exchange.not_a_workbook", path=path.name)
        seen.add(current)
        block = read_sector(current)
        for off in range(0, len(block) - 127, 128):
            if block[off + 66] in (1, 2, 5):  # storage, stream, root
                streams += 1
                name_len = struct.unpack_from("<H", block, off + 64)[0]
                if (
                    block[off : off + min(name_len, 64)].decode("utf-16-le", "replace").rstrip("\x00")
                    == "EncryptedPackage"
                ):
                    raise PreflightError("exchange.encrypted", path=path.name)
        if streams > limits.max_ole_streams:
            raise PreflightError("exchange.too_many_parts", parts=streams, limit=limits.max_ole_streams)
        current = fat[current]
    return FileFacts(format="xls")


def _check_parts(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """The zip's directory, before any part is read: how many parts, each part's declared
    size and ratio, and the declared total (shared by .xlsx and .ods)."""
    if len(infos) > limits.max_parts:
        raise PreflightError("exchange.too_many_parts", parts=len(infos), limit=limits.max_parts)
    declared = 0
    for info in infos:
        _check_declared(info, limits)
        declared += info.file_size
        if declared > limits.max_total_bytes:
            raise PreflightError(
                "exchange.too_large_uncompressed",
                part=info.filename,
                size=declared,
                limit=limits.max_total_bytes,
            )


def _check_ods(zf: zipfile.ZipFile, path: Path, limits: Limits) -> FileFacts:
    """An OpenDocument spreadsheet: the zip checks of .xlsx (parts, sizes, compression ratio)
    and every XML part streamed for entity declarations, inflation and over-long text.
    Sheet dimensions are checked when the sheet is opened (``reader.load_grids``)."""
    infos = zf.infolist()
    if "content.xml" not in {i.filename for i in infos}:
        raise PreflightError("exchange.not_a_workbook", path=path.name)
    _check_parts(infos, limits)
    facts = FileFacts(format="ods")
    for info in infos:
        if info.filename.endswith(".xml") and not info.is_dir():
            facts.uncompressed_bytes += _scan_part(zf, info, limits, facts)
    return facts


def _check_text_file(path: Path, size: int, head: bytes, limits: Limits) -> FileFacts:
    if size > limits.max_csv_bytes:
        raise PreflightError("exchange.file_too_large", size=size, limit=limits.max_csv_bytes)
    if head.startswith(ZIP_MAGIC):
        raise PreflightError("exchange.wrong_extension", path=path.name)
    with path.open("rb") as f:
        sample = f.read(_CHUNK)
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PreflightError("exchange.not_text", path=path.name)
    return FileFacts(format="csv")


def _check_zip(zf: zipfile.ZipFile, path: Path, limits: Limits) -> FileFacts:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "xl/workbook.bin" in names:
        raise PreflightError("exchange.xlsb_unsupported", path=path.name)
    if "xl/workbook.xml" not in names:
        raise PreflightError("exchange.not_a_workbook", path=path.name)
    _check_parts(infos, limits)
    facts = FileFacts(format="xlsx")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")) and not info.is_dir():
            facts.uncompressed_bytes += _scan_part(zf, info, limits, facts)
            if facts.uncompressed_bytes > limits.max_total_bytes:
                raise PreflightError(
                    "exchange.too_large_uncompressed",
                    part=info.filename,
                    size=facts.uncompressed_bytes,
                    limit=limits.max_total_bytes,
                )
    return facts


def _check_declared(info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.flag_bits & 0x1:
        raise PreflightError("exchange.encrypted", path=info.filename)
    if info.file_size > limits.max_part_bytes:
        raise PreflightError(
            "exchange.too_large_uncompressed",
            part=info.filename,
            size=info.file_size,
            limit=limits.max_part_bytes,
        )
    if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise PreflightError(
            "exchange.compression_ratio",
            part=info.filename,
            ratio=info.file_size // max(info.compress_size, 1),
            limit=limits.max_ratio,
        )


# Regexes over raw XML bytes, each starting with a literal so the regex engine skips
# ahead at C speed (a leading ``\s`` or a look-behind made the scan 10x slower).
# Column letters beyond the cap (200 = GR) are matched textually: three letters, or
# GS..GZ, or HA..ZZ; row numbers of six digits or more are checked as numbers.
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FAR_CELL = re.compile(rb'r="(?:([A-Z]{3}|G[S-Z]|[H-Z][A-Z])\d|[A-Z]{0,3}(\d{6,})")')
_REF = re.compile(rb'ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
# The same checks for unusual but legal spellings (single quotes, spaces around "="),
# run only when a chunk contains them.
_ODD_QUOTING = re.compile(rb"""\b(?:r|ref)\s*=\s*'|\b(?:r|ref)\s+=|\b(?:r|ref)=\s""")
_ODD_REF = re.compile(rb"""\b(?:r|ref)\s*=\s*["']([A-Z]{0,3})(\d*)(?::([A-Z]{1,3})(\d+))?["']""")
_UNQUOTED_EQ = re.compile(rb'=[^"]')  # some "=" not directly followed by a double quote
_PREFIX = re.compile(rb"<(\w+):worksheet\b")
_LONG_RUN = re.compile(rb">[^<]{%d,}" % (MAX_CELL_TEXT + 1))  # text between two tags
_MAX_RUN_BYTES = MAX_CELL_TEXT * 6  # no character takes more bytes than "&quot;"


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, facts: FileFacts) -> int:
    """Stream one XML part, checking as it inflates; returns its real uncompressed size.

    Each check is a C-speed scan (``bytes.count``/``in`` or a regex with a literal
    prefix); the regex engine runs on a chunk only when a cheap test says it may match.
    """
    is_sheet = info.filename.startswith("xl/worksheets/")
    texty = is_sheet or info.filename in ("xl/sharedStrings.xml", "content.xml")
    total = rows = 0
    carry = b""
    row_tag, formula_tag = b"<row", b"<f"
    with zf.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            if total == 0 and is_sheet:
                m = _PREFIX.search(chunk, 0, 4096)
                if m:  # a namespace-prefixed sheet: <x:worksheet>, <x:row>, <x:f>
                    row_tag, formula_tag = b"<" + m.group(1) + b":row", b"<" + m.group(1) + b":f"
            total += len(chunk)
            _check_inflation(info, total, limits)
            buf = carry + chunk if carry else chunk
            if b"!" in buf and _DTD.search(buf):
                raise PreflightError("exchange.xml_entities", part=info.filename)
            if is_sheet:
                rows += chunk.count(row_tag)
                _check_sheet_refs(buf, info.filename, limits, rows)
                if formula_tag in buf and _FORMULA.search(buf):
                    facts.formula_parts.add(info.filename)
            if texty:
                _check_text_runs(buf)
            cut = buf.rfind(b"<")
            carry = buf[cut:] if cut >= 0 else (buf if texty else buf[-64:])
            if texty and len(carry) > _MAX_RUN_BYTES + 64:
                raise PreflightError("exchange.text_too_long", part=info.filename, limit=MAX_CELL_TEXT)
    return total


def _check_inflation(info: zipfile.ZipInfo, total: int, limits: Limits) -> None:
    if total > limits.max_part_bytes:
        raise PreflightError(
            "exchange.too_large_uncompressed", part=info.filename, size=total, limit=limits.max_part_bytes
        )
    if total > limits.ratio_floor and total > limits.max_ratio * max(info.compress_size, 1):
        raise PreflightError(
            "exchange.compression_ratio",
            part=info.filename,
            ratio=total // max(info.compress_size, 1),
            limit=limits.max_ratio,
        )


def _check_sheet_refs(buf: bytes, part: str, limits: Limits, rows: int) -> None:
    if rows > sheet_rows(limits):
        raise PreflightError("exchange.too_many_rows", part=part, rows=rows, limit=sheet_rows(limits))
    for m in _FAR_CELL.finditer(buf):  # one pass for both: a wide column, or a row number of 6+ digits
        if m.group(1) is not None or int(m.group(2)) > sheet_rows(limits):
            if any(w.group(1) is not None for w in _FAR_CELL.finditer(buf)):  # columns are named first
                raise PreflightError("exchange.too_many_columns", part=part, limit=limits.max_cols)
            raise PreflightError(
                "exchange.too_many_rows", part=part, rows=int(m.group(2)), limit=sheet_rows(limits)
            )
    refs = list(_REF.finditer(buf))  # <dimension ref>, <mergeCell ref>, hyperlinks …
    if (b"'" in buf or _UNQUOTED_EQ.search(buf)) and _ODD_QUOTING.search(buf):
        refs += _ODD_REF.finditer(buf)
    for m in refs:
        for letters, digits in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
            if letters is None or not digits:
                continue
            if _column_number(letters) > limits.max_cols:
                raise PreflightError("exchange.too_many_columns", part=part, limit=limits.max_cols)
            if int(digits) > sheet_rows(limits):
                raise PreflightError(
                    "exchange.too_many_rows", part=part, rows=int(digits), limit=sheet_rows(limits)
                )


def _column_number(letters: bytes) -> int:
    n = 0
    for b in letters:
        n = n * 26 + (b - 64)
    return n


_RUN_BLOCK = (MAX_CELL_TEXT + 1) // 2  # a run of 2B-1 bytes or more holds a whole aligned B-byte block


def _check_text_runs(buf: bytes) -> None:
    # A run longer than a cell allows has more than MAX_CELL_TEXT bytes, so some aligned
    # block of _RUN_BLOCK bytes lies inside it, free of "<"; each block's find() stops at
    # its first "<", so the regex runs only on a chunk that may hold such a run.
    find = buf.find
    if all(find(b"<", s, s + _RUN_BLOCK) >= 0 for s in range(0, len(buf) - _RUN_BLOCK + 1, _RUN_BLOCK)):
        return
    for m in _LONG_RUN.finditer(buf):
        run = m.group(0)
        run = run[run.find(b">") + 1 :]  # the tag's own attributes are not cell text
        if len(run) > _MAX_RUN_BYTES or len(html.unescape(run.decode("utf-8", "replace"))) > MAX_CELL_TEXT:
            raise PreflightError("exchange.text_too_long", limit=MAX_CELL_TEXT)
