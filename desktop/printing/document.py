"""What is printed, independent of the paper: a ``PrintDocument`` is a title, the lines
that say what is shown (the filter in force, the year, the plot…), who printed it and
when, and a list of blocks laid out top to bottom:

- ``Paragraph``: wrapped text;
- ``Table``: a header row and rows of texts (the header is repeated on every page a
  table runs onto; columns are fitted to the paper width, cells wrap);
- ``Drawing``: a picture painted by a callback into a rectangle (a chart, the map);
- ``Signatures``: signature and date lines (审核表);
- ``PageBreak``.

``desktop.printing.render`` lays a document out on any Qt paged device (QPdfWriter,
QPrinter); nothing here imports Qt widgets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

PaperSize = Literal["A4", "A3"]
Orientation = Literal["auto", "portrait", "landscape"]


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    size: float = 10.0  # points
    color: str = "#000000"


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    align_right: Sequence[bool] = ()
    caption: str = ""
    total_row: bool = False  # the last row is a total: printed bold
    stretch: bool = False  # a form's table: always the full width of the paper


@dataclass(frozen=True)
class Drawing:
    """``paint(painter, rect)`` draws into ``rect`` (device units). ``height_mm`` None: the rest
    of the page. ``aspect`` (width / height) given: the rectangle keeps it."""

    paint: Callable[[Any, Any], None]
    height_mm: float | None = None
    aspect: float | None = None
    min_width_mm: float = 0.0  # wider than the portrait paper: landscape is chosen


@dataclass(frozen=True)
class Signatures:
    labels: Sequence[str]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Table | Drawing | Signatures | PageBreak


@dataclass
class PrintDocument:
    title: str
    lines: list[str] = field(default_factory=list)  # what is shown: filter, year, scope…
    author: str = ""
    printed_on: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    blocks: list[Block] = field(default_factory=list)
    paper: PaperSize = "A4"
    orientation: Orientation = "auto"

    def add(self, *blocks: Block) -> PrintDocument:
        self.blocks.extend(blocks)
        return self
