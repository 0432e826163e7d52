"""The window's side of scheduled backups: apply the database's policy (the file beside it
that ``landspace backup --when/--keep-*`` writes, ``models.backup_policy``) at start and at exit.

``run_scheduled_backup(db, at_exit=…)`` never raises: a failed scheduled backup is logged
and the application goes on (the database itself is untouched by a failed copy).
"""

from __future__ import annotations

import logging

from models.backup_policy import PolicyOutcome, apply_policy, load_policy
from models.database import Database
from models.errors import DomainError

log = logging.getLogger(__name__)


def run_scheduled_backup(db: Database, *, at_exit: bool) -> PolicyOutcome | None:
    if db.path is None or db.read_only_reason is not None:
        return None
    try:
        outcome = apply_policy(db, load_policy(db.path), at_exit=at_exit)
    except (OSError, DomainError):
        log.exception("scheduled backup of %s failed", db.path)
        return None
    if outcome.made is not None or outcome.removed:
        log.info("scheduled backup: made %s, removed %d", outcome.made, len(outcome.removed))
    return outcome
