"""The enterprise register (企业库), keyed by 统一社会信用代码."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import Base, Name, Note, Uscc, Versioned


class Enterprise(Versioned, Base):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    uscc: Mapped[Uscc] = mapped_column(unique=True)  # stored upper-case, checksum per GB 32100-2015
    name: Mapped[Name] = mapped_column(index=True)
    platform_id: Mapped[int | None] = mapped_column(
        ForeignKey("platforms.id", ondelete="RESTRICT"), index=True
    )
    industry_chain: Mapped[str] = mapped_column(String(50), default="")
    is_manufacturing: Mapped[bool] = mapped_column(default=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[Note]
