"""How a rule's basis is written: its document and clause, or 示例（无文件依据） with where
the example comes from. Every page, dialog, CLI line and export uses this one wording."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.i18n import tr


def basis_text(
    document_no: str, clause: str = "", *, is_example: bool = False, example_source: str = ""
) -> str:
    """ "临政函〔2023〕74号 六(十)", or "示例（无文件依据，来源：惠州 …）" for an example value."""
    cited = f"{document_no} {clause}".strip()
    if is_example:
        marker = tr("示例（无文件依据）")
        source = example_source or cited
        return tr("{marker}，来源：{source}", marker=marker, source=source) if source else marker
    return cited or tr("（未注明依据）")


def basis_of(fields: Mapping[str, Any]) -> str:
    """The basis of a citation dict (``RuleRef.citation()``) or of anything with those keys."""
    return basis_text(
        str(fields.get("document_no") or ""),
        str(fields.get("clause") or ""),
        is_example=fields.get("is_example") in (True, "true", "True"),
        example_source=str(fields.get("example_source") or ""),
    )


def shown_basis(text: str) -> str:
    """A basis the models wrote in Chinese (``models.policy.documents.basis_text``), in the UI
    language: the example marker is translated, the cited document stays as written."""
    from models.policy.documents import EXAMPLE_MARK

    if not text.startswith(EXAMPLE_MARK):
        return text
    source = text[len(EXAMPLE_MARK) :].removeprefix("，来源：")
    return basis_text("", is_example=True, example_source=source)
