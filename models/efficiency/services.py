"""Commands on efficiency records, the yearly evaluation, the what-if and rule versions.

Every command takes a ``Session`` first and keyword-only arguments, never commits, and
returns ``Changes``. ``what_if`` writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import chain, compress, count, islice, repeat
from operator import is_not
from typing import Any, cast

from sqlalchemy import BigInteger, CursorResult, Table, delete, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from models.allocation import bulk_allocation
from models.changes import Changes
from models.db.records import apply_changes, check_version, get_record, get_versioned, require_editable
from models.efficiency import rules as R
from models.efficiency.engine import Evaluation, RecordInput, evaluate
from models.efficiency.entities import EfficiencyRecord, EfficiencyResult
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.land.entities import Plot
from models.overlap import alongside, shareable
from models.policy.entities import PolicyRule
from models.progress import Progress

STATUSES = ("normal", "exempt", "protected", "leasing")
RECORD_FIELDS = (
    "above_scale",
    "land_area_m2",
    "tax",
    "value_added",
    "output",
    "main_revenue",
    "energy_tce",
    "emissions_t",
    "electricity_mwh",
    "rd_spending",
    "employees",
    "status",
    "protection_from",
    "protection_to",
    "rented_out_plants",
    "major_incident",
    "note",
)
NON_NEGATIVE = (
    "land_area_m2",
    "output",
    "main_revenue",
    "energy_tce",
    "emissions_t",
    "electricity_mwh",
    "rd_spending",
    "employees",
)


def _check_values(year: int, values: dict[str, Any]) -> None:
    if not 1990 <= year <= 2100:
        raise DomainError("efficiency.bad_year", year=year)
    for name in NON_NEGATIVE:
        v = values.get(name)
        if v is not None and v < 0:
            raise DomainError("efficiency.negative_value", field=name, value=v, year=year)
    status = values.get("status", "normal")
    if status not in STATUSES:
        raise DomainError("efficiency.bad_status", value=status, known="/".join(STATUSES))
    lo, hi = values.get("protection_from"), values.get("protection_to")
    if lo is not None and hi is not None and hi < lo:
        raise DomainError("efficiency.protection_dates", protection_from=lo, protection_to=hi)


def upsert_record(
    session: Session, *, enterprise_id: int, year: int, version: int | None = None, **values: Any
) -> Changes:
    """Create the enterprise-year, or update the given fields of the existing one.
    ``version`` (when given) must match the stored one. Both counts zero: nothing differed."""
    require_editable(values, RECORD_FIELDS)
    get_record(session, Enterprise, enterprise_id)
    rec = session.scalar(
        select(EfficiencyRecord).where(
            EfficiencyRecord.enterprise_id == enterprise_id, EfficiencyRecord.year == year
        )
    )
    merged = {name: getattr(rec, name) for name in RECORD_FIELDS} if rec is not None else {}
    merged.update(values)
    _check_values(year, merged)
    if rec is None:
        rec = EfficiencyRecord(enterprise_id=enterprise_id, year=year, **values)
        session.add(rec)
        session.flush()
        return Changes.of("efficiency", created=1, ids=(rec.id,))
    check_version(rec, version, entity="efficiency_records", key=f"{enterprise_id}/{year}")
    if not apply_changes(rec, values):
        return Changes.of("efficiency")
    session.flush()
    return Changes.of("efficiency", updated=1, ids=(rec.id,))


def delete_record(session: Session, *, record_id: int, version: int | None = None) -> Changes:
    rec = get_versioned(session, EfficiencyRecord, record_id, version)
    session.delete(rec)
    session.flush()
    return Changes.of("efficiency", deleted=1, ids=(record_id,))


# ---- evaluation -------------------------------------------------------------------------------

_RAW_COLUMNS = (  # exact decimals read as their stored scaled integers (see ScaledDecimal)
    EfficiencyRecord.land_area_m2,
    EfficiencyRecord.tax,
    EfficiencyRecord.value_added,
    EfficiencyRecord.energy_tce,
    EfficiencyRecord.emissions_t,
    EfficiencyRecord.electricity_mwh,
    EfficiencyRecord.rd_spending,
    EfficiencyRecord.main_revenue,
)


def load_inputs(session: Session, year: int) -> list[RecordInput]:
    """The year's records as engine inputs, in one query (ordered by enterprise id).

    The exact-decimal columns are read as the scaled integers they are stored as and turned
    into ``Decimal`` here with one ``scaleb`` each (the same value ScaledDecimal returns,
    without its per-cell overhead): reading is half the evaluation's cost.
    """
    r = EfficiencyRecord
    scales = [-c.type.scale for c in _RAW_COLUMNS]
    # 达产复核 of the land the enterprise holds (the latest review of its plots) ends protection
    reviewed = (
        select(Plot.holder_id.label("eid"), func.max(Plot.production_reviewed_on).label("on"))
        .where(Plot.holder_id.is_not(None))
        .group_by(Plot.holder_id)
        .subquery()
    )
    stmt = (
        select(
            r.enterprise_id,
            r.above_scale,
            *(type_coerce(c, BigInteger) for c in _RAW_COLUMNS),
            r.employees,
            r.status,
            r.protection_from,
            r.protection_to,
            r.rented_out_plants,
            r.major_incident,
            Enterprise.industry_chain,
            reviewed.c.on,
        )
        .join(Enterprise, Enterprise.id == r.enterprise_id)
        .outerjoin(reviewed, reviewed.c.eid == r.enterprise_id)
        .where(r.year == year)
        .order_by(r.enterprise_id)
    )
    with bulk_allocation():  # 20,000 tuples and 180,000 decimals: no cycle among them
        return _inputs(session.execute(stmt), scales)


def _inputs(rows: Iterable[Any], scales: list[int]) -> list[RecordInput]:
    out = []
    make = RecordInput._make
    dec = Decimal
    for row in rows:
        eid, above, *raw, employees, status, pfrom, pto, rented, incident, industry, reviewed_on = row
        vals = [None if v is None else dec(v).scaleb(s) for v, s in zip(raw, scales, strict=True)]
        out.append(
            make(
                (
                    eid,
                    bool(above),
                    *vals,
                    employees,
                    status,
                    pfrom,
                    pto,
                    rented or 0,
                    bool(incident),
                    industry or "",
                    reviewed_on,
                )
            )
        )
    return out


_BREAKDOWN = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per result


def breakdown_json(ev: Evaluation, rule: R.LoadedRuleSet) -> str:
    return _BREAKDOWN(
        {
            "group": ev.group,
            "industry": ev.industry,
            "rule_id": rule.ref.id,
            "document_no": rule.ref.document_no,
            "clause": rule.ref.clause,
            "is_example": rule.ref.is_example,
            "example_source": rule.ref.example_source,
            "deducted": str(ev.deducted),
            "vetoed": ev.vetoed,
            "items": [it.to_json() for it in ev.items],
        }
    )


_TF = {True: "true", False: "false"}


def breakdowns_json(results: list[Evaluation], rule: R.LoadedRuleSet) -> list[str]:
    """``breakdown_json`` of every result, the same text, made group by group and column by
    column (``_breakdowns``). Storing a year's results was dominated by encoding their
    explanations one dict at a time."""
    heads, rests, _ = _breakdowns(results, rule)
    return [(h + r).decode("utf-8") for h, r in zip(heads, rests, strict=True)]


def _breakdowns(
    results: list[Evaluation], rule: R.LoadedRuleSet
) -> tuple[list[bytes], list[bytes], list[str]]:
    """Each result's ``breakdown_json`` as UTF-8 in two parts — its group's head (the rule's
    reference, its example source in Chinese among it: one bytes object shared by the
    group's results) and the result's own rest (ASCII) — and the SHA-256 (hex) of the whole.

    The head is encoded and hashed once per group, each digest continues a copy of it with
    the rest. The rests of a group are made in one string (``_group_rests``) and encoded at
    once; the results are stored by concatenating the parts in SQL, so no result's text is
    ever made as a Python ``str`` (whose UTF-8 the driver would make again)."""
    ref = rule.ref
    enc = _BREAKDOWN
    tail = (
        ', "rule_id": '
        + enc(ref.id)
        + ', "document_no": '
        + enc(ref.document_no)
        + ', "clause": '
        + enc(ref.clause)
        + ', "is_example": '
        + enc(ref.is_example)
        + ', "example_source": '
        + enc(ref.example_source)
        + ', "deducted": '
    )
    # the results of one evaluated group: the same group, industry and columns
    by_group: dict[tuple[str, str, int], list[int]] = {}
    for i, ev in enumerate(results):
        key = (ev.group, ev.industry, id(ev.columns))  # the results hold the columns: their ids stay
        members = by_group.get(key)
        if members is None:
            members = by_group[key] = []
        members.append(i)
    n = len(results)
    heads: list[bytes] = [b""] * n
    rests: list[bytes] = [b""] * n
    digests: list[str] = [""] * n
    for (group, industry, _), idx in by_group.items():
        head = ('{"group": ' + enc(group) + ', "industry": ' + enc(industry) + tail).encode("utf-8")
        group_rests = _group_rests([results[i] for i in idx])
        copy = hashlib.sha256(head).copy
        group_digests: list[str] = []
        digest = group_digests.append
        for rest in group_rests:
            h = copy()
            h.update(rest)
            digest(h.hexdigest())
        for i, rest, hexdigest in zip(idx, group_rests, group_digests, strict=True):
            heads[i] = head
            rests[i] = rest
            digests[i] = hexdigest
    return heads, rests, digests


def _group_rests(members: list[Evaluation]) -> list[bytes]:
    """The rest of each breakdown of one group's ``members`` (after ``"deducted": ``), as
    UTF-8: every piece of every member's text — the constant parts of each indicator's item
    encoded once (``_column_pieces``) — joined into one string and split at a separator
    (NUL, which JSON text never holds raw)."""
    columns = members[0].columns
    pieces = [_column_pieces(c) for c in columns]
    positions = [ev.position for ev in members]
    if columns and positions != list(range(len(columns[0].values))):  # not the whole group, in order
        pieces = [
            (
                a,
                [v[p] for p in positions],
                b,
                [r[p] for p in positions],
                [t[p] for p in positions],
                [f[p] for p in positions],
            )
            for a, v, b, r, t, f in pieces
        ]
    parts: list[Iterable[str]] = [
        repeat('"'),
        [str(ev.deducted) for ev in members],
        repeat('", "vetoed": '),
        [_TF[bool(ev.vetoed)] for ev in members],
    ]
    sep = ', "items": ['
    for a, values, b, raws, points, flags in pieces:
        parts += [
            repeat(sep + a),
            values,
            repeat(b),
            raws,
            repeat('", "points": "'),
            points,
            repeat('", '),
            flags,
        ]
        sep = "}, "
    parts.append(repeat(("}" if columns else sep) + "]}\x00"))
    rows = zip(*parts, strict=False)  # as many as the members
    rests: list[bytes] = []
    for _ in range(0, len(members), _CHUNK):
        text = "".join(chain.from_iterable(islice(rows, _CHUNK)))
        rests += text.encode("utf-8").split(b"\x00")
        rests.pop()  # after the last separator
    return rests


# Members whose rests are made in one string: a group's whole text at once (13 MB for 11,000
# results) was made in fresh memory each time, and its page faults cost more than the joins.
_CHUNK = 1000


_QUOTED = '"%s"'.__mod__
# (capped, floored, missing, imputed) → the four flags' text, as ``ItemScore.to_json`` encodes them
_FLAGS = {
    (c, f, m, i): f'"capped": {_TF[c]}, "floored": {_TF[f]}, "missing": {_TF[m]}, "imputed": {_TF[i]}'
    for c in (False, True)
    for f in (False, True)
    for m in (False, True)
    for i in (False, True)
}
_NO_FLAGS = _FLAGS[(False, False, False, False)]
_ZERO = Decimal(0)


def _column_pieces(c: Any) -> tuple[str, list[str], str, list[str], list[str], list[str]]:
    """One indicator's ``ItemScore.to_json`` text for every enterprise of its group, in pieces:
    the constant text before the value and the one after it (key, benchmark, weight, cap: one
    encoding for the column), then each member's value, raw points, points and flags. Most
    items are plain — a value, points that are the raw points, no flag — and are made by
    ``map``; the others (capped, floored, missing) are corrected one by one."""
    key, benchmark, mode, weight, cap = (
        _BREAKDOWN(x)
        for x in (c.key, None if c.benchmark is None else str(c.benchmark), c.mode, str(c.weight), str(c.cap))
    )
    before = '{"key": ' + key + ', "value": '
    after = (
        f', "benchmark": {benchmark}, "benchmark_mode": {mode}, "weight": {weight}, "cap": {cap}, '
        '"raw_points": "'
    )
    values, raws, points, missing, limit = c.values, c.raws, c.points, c.missing, c.cap
    if any(missing):  # a value or null
        value_texts = list(map(_QUOTED, values))
    else:  # every value a number: its quotes go with the constant text
        before, after = before + '"', '"' + after
        value_texts = list(map(str, values))
    raw_texts = list(map(str, raws))
    point_texts = raw_texts.copy()
    flags = [_NO_FLAGS] * len(raws)
    # The engine's points are the raw points themselves unless capped or floored: only those
    # items (and the missing ones) can have a flag.
    for i in compress(count(), map(is_not, points, raws)):
        r = raws[i]
        point_texts[i] = str(points[i])
        flags[i] = _FLAGS[(r > limit, r < _ZERO, False, False)]
    imputed = bool(c.imputed)
    for i in compress(count(), missing):  # a missing value is None
        r = raws[i]
        value_texts[i] = "null"
        flags[i] = _FLAGS[(r > limit, r < _ZERO, True, imputed)]
    return before, value_texts, after, raw_texts, point_texts, flags


# What the evaluation's audit entry holds of each stored result: its key, outcome and the
# SHA-256 of its stored breakdown (the result row holds the breakdown in full; the log does not
# copy it).
AUDITED_RESULT_COLUMNS = ("id", "enterprise_id", "klass", "rank", "score", "breakdown_sha256")


def evaluate_year(
    session: Session, *, year: int, progress: Progress | None = None, now: dt.datetime | None = None
) -> Changes:
    """Evaluate every record of ``year`` under the rule set for that data year (adopted by the
    evaluation in Y+1, see ``rules.rule_set_for``) and replace
    that year's stored results (score, rank, class and the JSON breakdown).

    The results go in by one Core ``executemany`` (no ORM unit of work). The audit gets one
    entry for the evaluation (action ``evaluate``) listing every stored result by its key,
    class, rank, score and the SHA-256 of its stored breakdown (``AUDITED_RESULT_COLUMNS``),
    not the breakdown again; the replaced results are the one ``bulk_delete`` entry before it.
    At ten times the district a year's re-evaluation added ~31 MB of log when an entry per
    result copied its breakdown, and 20,000 entries (~155 ms of its ~740) with an entry per
    result holding only the digest; the one entry is ~2 MB."""
    with bulk_allocation():  # acyclic rows, results and texts (models/allocation.py)
        return _evaluate_year(session, year=year, progress=progress or Progress(), now=now)


def _evaluate_year(session: Session, *, year: int, progress: Progress, now: dt.datetime | None) -> Changes:
    rule = R.rule_set_for(session, year)
    progress.set(0, 3, stage="read")
    inputs = load_inputs(session, year)
    if not inputs:
        raise DomainError("efficiency.no_records", year=year)
    progress.set(1, stage="evaluate")
    stamp = now or dt.datetime.now()

    def replaced() -> int:
        # The year's stored results removed, audited as one statement: one long step of SQLite,
        # on a worker thread while this one scores the year and encodes the breakdowns (which
        # touch no database: the session is the worker's alone meanwhile).
        deleted = session.execute(delete(EfficiencyResult).where(EfficiencyResult.year == year))
        return int(cast(CursorResult[Any], deleted).rowcount)

    def scored() -> tuple[list[Evaluation], tuple[list[bytes], list[bytes], list[str]]]:
        results = evaluate(inputs, rule.rules, year)
        return results, _breakdowns(results, rule)

    if shareable(session.connection()):
        removed, (results, (heads, rests, digests)) = alongside(replaced, scored)
    else:
        removed, (results, (heads, rests, digests)) = replaced(), scored()
    progress.set(2, stage="write")
    _insert_results(
        session, year, rule.ref.id, results, breakdowns=(heads, rests), digests=digests, stamp=stamp
    )
    progress.set(3)
    return Changes.of("efficiency", created=len(results), deleted=removed)


def _insert_results(
    session: Session,
    year: int,
    rule_id: int | None,
    results: list[Evaluation],
    *,
    breakdowns: tuple[list[bytes], list[bytes]],
    digests: list[str],
    stamp: dt.datetime,
) -> None:
    """Insert the year's results on the session's connection (Core: the ORM's per-row audit
    hook does not run) and audit them here, in one entry (``_results_entry``). ``breakdowns``
    are each result's UTF-8 text in two parts (``_breakdowns``)."""
    from models.accounts.audit import record_encoded
    from models.accounts.permissions import require

    # Rows written by Core pass no flush: the role matrix is asked here, as the flush hook would.
    require(session, table=EfficiencyResult.__tablename__, operation="insert")
    table: Table = EfficiencyResult.__table__  # type: ignore[assignment]
    conn = session.connection()
    n = len(results)
    # the results' fields as columns (Evaluation's order: enterprise, group, score, rank, class …)
    eids, groups, raw_scores, ranks, klasses, *_, industries = (
        map(list, zip(*results, strict=True)) if results else [[] for _ in Evaluation._fields]
    )
    # each score rounded once, for the row (ScaledDecimal's binding: the rounded value as an
    # integer of its 10**-scale units) and for the audit (its text)
    scale = EfficiencyResult.score.type.scale
    quantum = Decimal(1).scaleb(-scale)
    scores = [None if v is None else v.quantize(quantum, ROUND_HALF_EVEN) for v in raw_scores]
    columns = (
        "id",
        "enterprise_id",
        "year",
        "rule_id",
        "group",
        "industry",
        "score",
        "rank",
        "klass",
        "breakdown",
        "evaluated_at",
    )
    if conn.dialect.name == "sqlite":
        # Inside the write transaction (BEGIN IMMEDIATE) no one else inserts: the ids are given
        # here, and the rows go in by one DBAPI executemany, bound as the column types bind them.
        first = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
        ids = list(range(first, first + n))

        def bound(name: str, values: list[Any]) -> list[Any]:
            # the dialect's own type (SQLite's DATETIME writes its text here; the generic
            # DateTime has no processor and left each row to sqlite3's deprecated adapter)
            process = table.c[name].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
            return values if process is None else [None if v is None else process(v) for v in values]

        data = [
            ids,
            eids,
            [year] * n,
            [rule_id] * n,
            groups,
            industries,
            [None if v is None else int(v.scaleb(scale)) for v in scores],
            ranks,
            klasses,
            *breakdowns,
            bound("evaluated_at", [stamp])[:1] * n,
        ]
        names = ", ".join(f'"{c}"' for c in columns)
        # the breakdown's two UTF-8 parts joined by SQLite: `||` makes TEXT of them, byte for byte
        params = ", ".join("? || ?" if c == "breakdown" else "?" for c in columns)
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({names}) VALUES ({params})", list(zip(*data, strict=True))
        )
    else:
        conn.execute(
            insert(table),
            [
                {
                    "enterprise_id": e,
                    "year": year,
                    "rule_id": rule_id,
                    "group": ev.group,
                    "industry": ev.industry,
                    "score": v,
                    "rank": ev.rank,
                    "klass": ev.klass,
                    "breakdown": b.decode("utf-8"),
                    "evaluated_at": stamp,
                }
                for e, ev, v, b in zip(eids, results, scores, map(bytes.__add__, *breakdowns), strict=True)
            ],
        )
        by_enterprise = dict(
            conn.execute(select(table.c.enterprise_id, table.c.id).where(table.c.year == year)).all()
        )
        ids = [by_enterprise[e] for e in eids]
    record_encoded(
        session,
        action="evaluate",
        entity=EfficiencyResult.__tablename__,
        record_id=None,
        changes=_results_entry(
            year=year,
            rule_id=rule_id,
            ids=ids,
            eids=eids,
            klasses=klasses,
            ranks=ranks,
            scores=scores,
            digests=digests,
        ),
    )


# A result of the evaluation's audit entry: AUDITED_RESULT_COLUMNS' values as a JSON array (a
# class is one of A B C D or empty and a digest is hex, so neither needs escaping)
_RESULT_ROW = '[%d,%d,"%s",%s,%s,"%s"]'


def _results_entry(
    *,
    year: int,
    rule_id: int | None,
    ids: list[int],
    eids: list[int],
    klasses: list[str],
    ranks: list[int | None],
    scores: list[Decimal | None],
    digests: list[str],
) -> str:
    """The ``changes`` of an evaluation's audit entry — ``{"columns": AUDITED_RESULT_COLUMNS,
    "count": n, "rows": [[…], …], "rule_id": …, "year": …}`` — in canonical JSON (sorted keys,
    no spaces: what ``canonical`` gives), made by one template per result."""
    from models.accounts.audit import canonical

    rank_texts = ["null" if r is None else int.__repr__(r) for r in ranks]
    score_texts = ["null" if v is None else f'"{v:f}"' for v in scores]
    rows = ",".join(
        map(_RESULT_ROW.__mod__, zip(ids, eids, klasses, rank_texts, score_texts, digests, strict=True))
    )
    columns = canonical(list(AUDITED_RESULT_COLUMNS))
    rule = "null" if rule_id is None else int.__repr__(rule_id)
    return f'{{"columns":{columns},"count":{len(ids)},"rows":[{rows}],"rule_id":{rule},"year":{year}}}'


@dataclass(frozen=True)
class ClassChange:
    """An enterprise whose class differs under the trial rule set."""

    enterprise_id: int
    uscc: str
    name: str
    group: str
    old_class: str
    new_class: str
    old_score: Decimal | None
    new_score: Decimal | None
    old_rank: int | None
    new_rank: int | None


def what_if(session: Session, *, year: int, rule_set: R.RuleSet) -> list[ClassChange]:
    """Who changes class if ``rule_set`` replaced the rule in force for ``year``. Writes
    nothing: both evaluations run in memory on the same records."""
    R.validate(rule_set)
    current = R.rule_set_for(session, year)
    inputs = load_inputs(session, year)
    before = {e.enterprise_id: e for e in evaluate(inputs, current.rules, year)}
    after = evaluate(inputs, rule_set, year)
    names = dict(
        (i, (u, n))
        for i, u, n in session.execute(
            select(Enterprise.id, Enterprise.uscc, Enterprise.name)
            .join(EfficiencyRecord, EfficiencyRecord.enterprise_id == Enterprise.id)
            .where(EfficiencyRecord.year == year)
        )
    )
    changes = []
    for new in after:
        old = before[new.enterprise_id]
        if old.klass == new.klass:
            continue
        uscc, name = names.get(new.enterprise_id, ("", ""))
        changes.append(
            ClassChange(
                new.enterprise_id,
                uscc,
                name,
                new.group,
                old.klass,
                new.klass,
                old.score,
                new.score,
                old.rank,
                new.rank,
            )
        )
    order = {"A": 0, "B": 1, "C": 2, "D": 3, "": 4}
    changes.sort(key=lambda c: (c.group, order[c.old_class], order[c.new_class], c.name))
    return changes


def save_rule_set(
    session: Session,
    *,
    rule_set: R.RuleSet,
    effective_from: dt.date,
    document_no: str,
    clause: str = "",
    title: str = "亩均效益评价规则",
    note: str = "",
    is_example: bool = False,
    example_source: str = "",
) -> Changes:
    """Add a new dated version of ``efficiency.rule_set`` (earlier versions stay, so past
    evaluations keep citing the rule they used). Refused without a document number or when
    a district-wide version already starts on that date.

    The version before it is closed the day before (``effective_to``), as every rule's new
    version closes the one it replaces (``models.policy.services.add_rule_version``) and as a
    re-imported rules sheet records it; a closed version still evaluates the data years it
    states (``rules.rule_set_for``)."""
    R.validate(rule_set)
    if not document_no.strip() and not (is_example and example_source.strip()):
        raise DomainError("efficiency.rule_document_required")
    clash = session.scalar(
        select(PolicyRule.id).where(
            PolicyRule.key == R.RULE_KEY,
            PolicyRule.platform_id.is_(None),
            PolicyRule.building_id.is_(None),
            PolicyRule.effective_from == effective_from,
        )
    )
    if clash is not None:
        raise DomainError("efficiency.rule_date_taken", effective_from=effective_from, rule_id=clash)
    before = session.scalar(
        select(PolicyRule)
        .where(
            PolicyRule.key == R.RULE_KEY,
            PolicyRule.platform_id.is_(None),
            PolicyRule.building_id.is_(None),
            PolicyRule.effective_from < effective_from,
        )
        .order_by(PolicyRule.effective_from.desc(), PolicyRule.id.desc())
        .limit(1)
    )
    closed = before is not None and (before.effective_to is None or before.effective_to >= effective_from)
    if before is not None and closed:
        before.effective_to = effective_from - dt.timedelta(days=1)
    row = PolicyRule(
        key=R.RULE_KEY,
        title=title,
        value=R.to_json(rule_set),
        effective_from=effective_from,
        document_no=document_no.strip(),
        clause=clause,
        is_example=is_example,
        note=note,
        example_source=example_source.strip(),
    )
    session.add(row)
    session.flush()
    return Changes.of("policy", "efficiency", created=1, updated=int(closed), ids=(row.id,))
