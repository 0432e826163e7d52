"""``landspace export KIND out.pdf``: any exportable kind's records as a printed table (the
same columns and units as its workbook export; the options in force written out), laid
out by ``desktop.printing`` with a ``QGuiApplication`` offscreen for the command line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr
from desktop.printing.document import PrintDocument, Table
from desktop.printing.render import write_pdf
from desktop.printing.report import cell_text
from models.exchange.spec import ExportContext, Kind
from models.exchange.writer import export_columns, export_value, header_text

if TYPE_CHECKING:
    from models.database import Database


def kind_document(
    db: Database, kind: Kind, *, options: Mapping[str, Any] | None = None, author: str = ""
) -> PrintDocument:
    if kind.dump is None:
        from models.errors import DomainError

        raise DomainError("exchange.kind_not_exportable", kind=kind.name)
    columns = export_columns(kind)
    ctx = ExportContext(options=dict(options or {}), user_id=db.user_id)
    with db.read() as session:
        rows = [
            [cell_text(_value(export_value(c, record.get(c.key)))) for c in columns]
            for record in kind.dump(session, ctx)
        ]
    right = [
        any(_numeric(r[i]) for r in rows) and all(_numeric(r[i]) or not r[i] for r in rows)
        for i in range(len(columns))
    ]
    lines = [tr("{title}（{kind}）：共 {n} 行", title=kind.title, kind=kind.name, n=len(rows))]
    if options:
        lines.append(tr("条件：{text}", text="；".join(f"{k}={v}" for k, v in options.items())))
    return PrintDocument(
        title=kind.title,
        lines=lines,
        author=author,
        blocks=[Table([header_text(c) for c in columns], rows, right)],
    )


def _value(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _numeric(text: str) -> bool:
    try:
        Decimal(text.replace(",", ""))
    except ArithmeticError:
        return False
    return bool(text)


def write_kind_pdf_headless(
    db: Database, kind: Kind, path: Path | str, *, options: Mapping[str, Any] | None = None, author: str = ""
) -> int:
    """Rows written; a ``QGuiApplication`` (offscreen unless a platform is set) lives while it is laid out."""
    import os

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(["landspace"])
    doc = kind_document(db, kind, options=options, author=author)
    write_pdf(doc, Path(path))
    table = doc.blocks[0]
    assert isinstance(table, Table)
    return len(table.rows)
