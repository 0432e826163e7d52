"""The audit chain's verification checkpoint: ``landspace check`` walks only what is new.

Walking the whole hash chain grows with the log (seconds at ten times the district). After
a check that found the chain whole, the newest entry's id and hash are written down as a
checkpoint; the next ``check`` confirms that entry still holds that hash and walks only the
entries after it (``verify_chain(after=…)``). ``check --full`` walks everything, as does a
check with ``--anchor`` (an anchor proves the history up to it only together with the whole
chain).

What the checkpoint is for is speed, not proof: it sits beside the SQLite file
(``<file>.audit-checkpoint``, like the clean-close marker), so whoever can rewrite the file
can rewrite it too — an edit before the checkpoint is found by ``check --full``, a rewrite
by an anchor. A checkpoint that does not match the file (a restore, a copy) is ignored and
the whole chain walked. PostgreSQL databases have no file beside them: their check always
walks the whole chain.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.entities import AuditEntry

FORMAT = "landspace-audit-checkpoint/1"


@dataclass(frozen=True)
class Checkpoint:
    entry_id: int
    hash: str
    verified_at: str  # ISO 8601

    @property
    def after(self) -> tuple[int, str]:
        return self.entry_id, self.hash


def checkpoint_file(db_path: Path | None) -> Path | None:
    """Where the checkpoint of the SQLite file ``db_path`` is kept; None for a server database."""
    return None if db_path is None else db_path.with_name(db_path.name + ".audit-checkpoint")


def read_checkpoint(path: Path | None) -> Checkpoint | None:
    """The stored checkpoint, or None (none yet, unreadable, or another format)."""
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Checkpoint(int(data["entry_id"]), str(data["hash"]), str(data["verified_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def head(session: Session) -> Checkpoint | None:
    """The newest entry as a checkpoint (to store after a clean check), None for an empty log."""
    row = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    if row is None:
        return None
    return Checkpoint(int(row.id), str(row.hash), dt.datetime.now().isoformat(timespec="seconds"))


def write_checkpoint(path: Path | None, checkpoint: Checkpoint | None) -> None:
    """Store ``checkpoint`` (written to a temporary file, then renamed: never half a file)."""
    if path is None or checkpoint is None:
        return
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(
        json.dumps({"format": FORMAT, **asdict(checkpoint)}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    tmp.replace(path)
