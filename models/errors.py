"""Structured errors: a code and fields, never a sentence.

The desktop (and the CLI, which lives beside it) turns ``code`` + ``fields`` into
Chinese or English text through ``desktop.messages``. Codes are dotted,
``area.problem`` (``quota.exceeds_remainder``); fields are plain values
(str, int, Decimal, date) so a message can show the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning), with what a message needs to explain it."""

    code: str
    fields: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"  # "error" | "warning" | "info"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class DomainError(Exception):
    """A refused operation. ``problems`` holds one or more ``Problem`` values."""

    def __init__(self, code: str, /, **fields: Any) -> None:
        super().__init__(code, fields)
        self.problems: tuple[Problem, ...] = (Problem(code, dict(fields)),)

    @classmethod
    def from_problems(cls, problems: list[Problem] | tuple[Problem, ...]) -> DomainError:
        if not problems:
            raise ValueError("DomainError needs at least one problem")
        err = cls(problems[0].code, **problems[0].fields)
        err.problems = tuple(problems)
        return err

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def fields(self) -> dict[str, Any]:
        return self.problems[0].fields


class NotFoundError(DomainError):
    """The record asked for does not exist (code ``record.not_found``)."""


class ConflictError(DomainError):
    """Someone else changed the record first (code ``record.changed_by_other``)."""


class PermissionDeniedError(DomainError):
    """The current user's role or scope does not allow the operation."""

    @property
    def role(self) -> str:
        """The user's role (``""``: an unknown or inactive user)."""
        return str(self.fields.get("role", ""))

    @property
    def operation(self) -> str:
        """What was refused: read, insert, update, delete (or a named action such as override)."""
        return str(self.fields.get("operation", ""))

    @property
    def table(self) -> str:
        """The table (record kind) the refused operation was on."""
        return str(self.fields.get("table", ""))
