"""Platforms (园区), dated policy rules (政策参数), editable choice lists and targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import Base, Code, Name, Note, PolygonWkb, Quantity, Versioned


class Platform(Versioned, Base):
    """A development platform. ``priority`` 1 is served first (the Science City)."""

    __tablename__ = "platforms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name] = mapped_column(unique=True)
    short_name: Mapped[str] = mapped_column(String(50), default="")
    priority: Mapped[int] = mapped_column(default=99)
    is_main: Mapped[bool] = mapped_column(default=True)
    boundary: Mapped[PolygonWkb | None]
    note: Mapped[Note]


class PolicyRule(Versioned, Base):
    """An effective-dated rule value with its source.

    ``key`` names the rule (``quota.priority_order``, ``building.max_transfer_ratio``…);
    ``value`` is JSON (numbers as strings to keep them exact). A rule applies to
    all platforms (``platform_id`` NULL), one platform, or one building (an override
    that records its approving document). ``is_example`` marks seeded defaults
    awaiting the district's own figures.
    """

    __tablename__ = "policy_rules"
    __table_args__ = (Index("ix_policy_rules_key_from", "key", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200), default="")
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id", ondelete="RESTRICT"))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id", ondelete="CASCADE"))
    value: Mapped[Any] = mapped_column(JSON)
    effective_from: Mapped[dt.date]
    effective_to: Mapped[dt.date | None]
    document_no: Mapped[str] = mapped_column(String(120), default="")
    clause: Mapped[str] = mapped_column(String(120), default="")
    is_example: Mapped[bool] = mapped_column(default=False)
    # Where an example value comes from when no document of the district contains it
    # ("惠州 操作指引", "黄岩 黄政发〔2018〕12号"): shown as 示例（无文件依据）.
    example_source: Mapped[str] = mapped_column(String(200), default="", server_default="")
    note: Mapped[Note]


class PolicyDocument(Versioned, Base):
    """A policy document the product relies on (文号, title, issuer, dates, status).

    ``status`` is ``in_force``, ``superseded`` (by ``superseded_by`` on ``superseded_on``)
    or ``unverified`` (known by reference, its text not checked). ``clauses`` is a JSON
    list of ``{"clause": "六(十)", "summary": "…", "figures": bool}``: the clauses rules
    may cite; a clause with ``figures`` false may be cited for a power, not for a number.
    Dates nobody has verified stay NULL.
    """

    __tablename__ = "policy_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_no: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[dt.date | None]
    in_force_from: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(20), default="in_force")
    superseded_by: Mapped[str] = mapped_column(String(120), default="")
    superseded_on: Mapped[dt.date | None]
    clauses: Mapped[Any] = mapped_column(JSON, default=list)
    note: Mapped[Note]


class ChoiceItem(Versioned, Base):
    """An entry of an editable list: ``category`` (industry_chain, quota_source,
    land_use, supply_method …) and its ``value`` as written in workbooks."""

    __tablename__ = "choice_items"
    __table_args__ = (UniqueConstraint("category", "value", name="uq_choice_items_category_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(100))
    label_en: Mapped[str] = mapped_column(String(100), default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Target(Versioned, Base):
    """A policy target as dated data with its source (seed 二: 规上工业总产值 ≥ 1800 亿元 by 2030 …).

    ``scope``: ``district`` (全区), ``platform`` (``platform_id``: the Science City …) or
    ``chain`` (``chain`` within ``platform_id`` or the district). ``measure`` says how the
    actuals of ``indicator`` are compared (models/targets/queries.py): ``level`` (reach
    ``value`` by ``year``), ``growth`` (average yearly growth ≥ ``value`` % from
    ``base_year``), ``clusters`` (at least ``value`` industry chains at ``threshold`` or more).
    """

    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200), default="")
    scope: Mapped[str] = mapped_column(String(20), default="platform")
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id"))
    chain: Mapped[str] = mapped_column(String(50), default="")
    indicator: Mapped[str] = mapped_column(String(80), default="")
    measure: Mapped[str] = mapped_column(String(20), default="level")
    year: Mapped[int]
    value: Mapped[Quantity]
    unit: Mapped[str] = mapped_column(String(20), default="")
    threshold: Mapped[Quantity | None]
    base_year: Mapped[int | None]
    document_no: Mapped[str] = mapped_column(String(120), default="")
    clause: Mapped[str] = mapped_column(String(120), default="")
    is_example: Mapped[bool] = mapped_column(default=False)
    note: Mapped[Note]
