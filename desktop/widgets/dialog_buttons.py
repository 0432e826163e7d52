"""The one way a dialog gets its OK and Cancel buttons.

Named in the UI language by us, not by Qt: Qt's own names ("OK", "Save") follow its
translator only when one is loaded, and the name of the OK button often says what it does
(保存, 登录, 登记转让). Enter presses OK (the box's default) and Esc presses Cancel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from desktop.i18n import tr

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def ok_cancel(
    owner: QWidget,
    *,
    ok: str | None = None,
    on_ok: Callable[[], object] | None = None,
    on_cancel: Callable[[], object] | None = None,
) -> QDialogButtonBox:
    """OK (named ``ok``, 确定 when not given) and Cancel (取消) for ``owner``: OK runs ``on_ok``,
    Cancel ``on_cancel``; for a dialog they default to its ``accept`` and ``reject``.
    ``box.button(OK)`` is the OK button (to enable or disable it)."""
    if isinstance(owner, QDialog):
        on_ok = on_ok or owner.accept
        on_cancel = on_cancel or owner.reject
    if on_ok is None or on_cancel is None:
        raise TypeError("a widget that is not a dialog names on_ok and on_cancel")
    box = QDialogButtonBox(OK | CANCEL, owner)
    box.button(OK).setText(ok if ok is not None else tr("确定"))
    box.button(CANCEL).setText(tr("取消"))
    box.accepted.connect(on_ok)
    box.rejected.connect(on_cancel)
    return box
