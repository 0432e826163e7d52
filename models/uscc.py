"""统一社会信用代码 (GB 32100-2015): 18 characters, the last one a mod-31 check character."""

from __future__ import annotations

from enum import StrEnum

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I O S V Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_FULLWIDTH = (
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x41 + i) for i in range(26)}
)


class UsccFault(StrEnum):
    LENGTH = "uscc.bad_length"
    ALPHABET = "uscc.bad_character"
    CHECKSUM = "uscc.bad_checksum"


def normalize(code: str) -> str:
    """Upper-case, half-width, without spaces (what clerks paste varies)."""
    return "".join(_FULLWIDTH.get(c, c) for c in code if not c.isspace()).upper()


def check_char(first17: str) -> str:
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def fault(code: str) -> UsccFault | None:
    """What is wrong with an already normalised code, or None when it is valid."""
    if len(code) != 18:
        return UsccFault.LENGTH
    if any(c not in _VALUE for c in code):
        return UsccFault.ALPHABET
    if check_char(code[:17]) != code[17]:
        return UsccFault.CHECKSUM
    return None
