"""合并其他文件: bring another office's file (a station's, the county's) into the open one.

Rows carry UUID keys, `updated_at`, the office they were made in and, with a recycle bin,
`deleted_at`; a record deleted outright leaves a 删除 line in the audit log. A merge compares the
two files record by record (by id; a record made independently in both, such as the same
holiday or list entry, by its natural key):

- new to the target → inserted (parents before children, so every reference holds);
- changed in one file only since they last met → that change; deletions travel;
- changed in both → a conflict: the later change wins, the other version is kept in
  `merge_conflict` for review (`conflicts`, `choose_other`); a record deleted in one file and
  changed in the other stays alive, the deletion kept as the other version;
- opinion item numbers (per year) stay unique: an incoming clash is renumbered and recorded.

`row_version` (optimistic locking) counts a record's saves in one database and never decides
anything here: a difference in it alone is no change and no conflict. An inserted record
keeps the count it has in the other file; a record the merge changes counts one more save
here (the other file's count is not taken), so an editor that loaded it before the merge is
refused instead of saving over the merged change. A conflict kept for review only re-dates the
kept version (`updated_at`) and leaves its count alone: its content did not change.

"Last met" is the later of the target's record of meeting the source's office and the source's
record of meeting the target's office (`sync_peer`); two files that never met take the newest
change they share. The whole merge is one transaction on the target (Cancel or any failure
leaves it as it was); the source is only read, an older one through a migrated temporary copy.
Rows move with bulk Core statements, never one ORM object per row.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from twdesk.core import merge_rules as rules
from twdesk.core.errors import Cancelled, UserError
from twdesk.db.base import VERSION_COLUMN, Base, new_id, now
from twdesk.db.dbfile import (
    Database,
    ReadOnlyError,
    copy_consistent,
    open_database,
    read_header,
)
from twdesk.db.migrate import SCHEMA_VERSION
from twdesk.db.models import AuditEntry, MergeConflict, OpinionItem, Setting, SyncPeer
from twdesk.db.portable import stamp_text
from twdesk.services.visits import ITEM_NUMBER_COUNTER

Progress = Callable[[int, int], None]

SEP = "|"  # between the time and the id of a row's version string
ROWS = ","  # between versions (neither times nor ids hold one)
CHUNK = 500  # ids per IN (…) and rows per executemany: well under every backend's limits
# Columns whose difference alone is no change: `row_version` counts the saves of a record in
# each database (optimistic locking), so two files' counts differ without either content.
_SILENT = frozenset(
    {"id", "created_at", "updated_at", "origin_office_id", "deleted_by", VERSION_COLUMN}
)
_HARD_DELETE = "删除"  # the audit log's action for a row deleted outright
RENUMBERED_NOTE = "自动重新编号"


class MergeError(UserError):
    """A file that cannot be merged into the open one (nothing was changed)."""

    title = "无法合并"


@dataclass(frozen=True)
class ConflictInfo:
    """One field of a record in conflict, as a merge reports it."""

    table: str
    row_id: str
    field: str
    kept: str
    other: str
    kind: str
    kept_time: datetime | None
    other_time: datetime | None
    record: str = ""  # what names the record (a person's name, an item's number …)

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "id": self.row_id,
            "field": self.field,
            "kept": self.kept,
            "other": self.other,
        }


@dataclass(frozen=True)
class MergeReport:
    """What a merge did (or, dry run, would do): counts per table and the conflicts."""

    source: str
    source_office: str
    dry_run: bool
    inserted: dict[str, int]
    updated: dict[str, int]
    deleted: dict[str, int]
    conflicts: dict[str, int]
    unchanged: dict[str, int]
    skipped: dict[str, int]
    conflict_list: tuple[ConflictInfo, ...]
    renumbered: tuple[tuple[str, str], ...]  # (number in the other file, number given here)
    since: datetime | None

    def total(self, kind: str) -> int:
        return sum(getattr(self, kind).values())

    @property
    def changes(self) -> int:
        """Records written (conflicts included): 0 when the target stays as it was."""
        return sum(self.total(k) for k in ("inserted", "updated", "deleted", "conflicts"))

    def tables(self) -> list[str]:
        """Tables with anything to say, in the order records travel."""
        seen = set()
        for kind in ("inserted", "updated", "deleted", "conflicts", "unchanged", "skipped"):
            seen.update(getattr(self, kind))
        return [t.name for t in _merged_tables() if t.name in seen]

    def as_json(self) -> dict[str, Any]:
        return {
            "inserted": dict(self.inserted),
            "updated": dict(self.updated),
            "deleted": dict(self.deleted),
            "conflicts": dict(self.conflicts),
            "unchanged": dict(self.unchanged),
            "skipped": dict(self.skipped),
            "renumbered": [{"other": a, "kept": b} for a, b in self.renumbered],
            "conflict_list": [c.as_json() for c in self.conflict_list],
        }


@dataclass(frozen=True)
class ConflictRow:
    """A conflict kept in the file, for the review list."""

    id: str
    merged_at: datetime
    kind: str
    table: str
    table_label: str
    row_id: str
    record: str
    field: str
    kept: str
    other: str
    kept_time: datetime | None
    other_time: datetime | None
    kept_office: str
    other_office: str
    resolved: bool
    resolution: str


# --- the plan ------------------------------------------------------------------------------------


@dataclass
class _TablePlan:
    table: Table
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    # kept in a conflict: (id, new updated_at), so the kept version travels back as a change
    bumps: list[tuple[str, datetime]] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)  # deleted outright in the source
    inserted_ids: set[str] = field(default_factory=set)


@dataclass
class _Plan:
    tables: dict[str, _TablePlan]
    counts: dict[str, dict[str, int]]
    conflicts: list[dict[str, Any]]
    renumbered: list[tuple[str, str]]
    since: datetime | None
    high_water: datetime | None
    merged_at: datetime

    def count(self, kind: str, table: str, n: int = 1) -> None:
        if n:
            self.counts[kind][table] = self.counts[kind].get(table, 0) + n

    @property
    def writes(self) -> int:
        return sum(
            len(p.inserts) + len(p.updates) + len(p.bumps) + len(p.deletes)
            for p in self.tables.values()
        ) + len(self.conflicts)


def _after(plan: _Plan, *stamps: datetime | None) -> datetime:
    """The time a merge dates a version it decided: the merge's, and later than both versions
    (times have whole seconds), so the decision wins when the files meet again."""
    later = [s + timedelta(seconds=1) for s in stamps if s is not None]
    return max([plan.merged_at, *later])


def _merged_tables() -> list[Table]:
    """Every table that travels, parents before children."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if t.name not in rules.LOCAL_TABLES and "id" in t.c and "updated_at" in t.c
    ]


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_WHEN: dict[Any, datetime] = {}


def _when(stamp: Any) -> datetime:
    """A stored time as read raw (text in SQLite) → datetime; the few distinct ones cached."""
    if isinstance(stamp, datetime):
        return stamp
    if not stamp:
        return datetime.min
    when = _WHEN.get(stamp)
    if when is None:
        if len(_WHEN) > 100_000:
            _WHEN.clear()
        when = _WHEN[stamp] = datetime.fromisoformat(str(stamp))
    return when


def _versions_sql(conn: Connection, table: Table) -> str:
    """Every row's "updated_at|id" as stored, as one aggregated string (group_concat on
    SQLite, string_agg elsewhere: 40 % faster than a row each), and the newest time. The time
    is the text SQLite stores on every engine (stamp_text), so a file and a server database
    compare row by row."""
    stamp = stamp_text(table.c.updated_at)
    query = select(func.aggregate_strings(stamp + SEP + table.c.id, ROWS), func.max(stamp))
    return str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))


def _read_versions(conn: Connection, sql: str) -> tuple[set[str], Any]:
    """Run `_versions_sql` through the driver's own cursor: a set of one string per row, so
    that comparing two files of 2 million rows each is a set difference."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        joined, newest = cursor.fetchone()
    finally:
        cursor.close()
    return (set(joined.split(ROWS)) if joined else set()), newest


def _split(version: str) -> tuple[str, str]:
    """(updated_at as stored, id) of a version string."""
    stamp, _sep, rid = version.rpartition(SEP)
    return stamp, rid


def _split_flip(version: str) -> tuple[str, str]:
    stamp, _sep, rid = version.rpartition(SEP)
    return rid, stamp


def _stamp_text(when: datetime) -> str:
    """A time as SQLite stores it through SQLAlchemy."""
    return when.isoformat(" ", "microseconds")


def _stamps_of(conn: Connection, table: Table, ids: Iterable[str]) -> dict[str, datetime]:
    out: dict[str, datetime] = {}
    for chunk in _chunks(list(ids)):
        query = select(table.c.id, table.c.updated_at).where(table.c.id.in_(chunk))
        out.update({rid: stamp for rid, stamp in conn.execute(query)})
    return out


def _rows_by_id(conn: Connection, table: Table, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    ids = list(ids)
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            out[row["id"]] = dict(row)
    return out


def _deleted_outright(conn: Connection) -> dict[tuple[str, str], datetime]:
    """(table, id) → when, for rows the audit log says were deleted outright."""
    a = AuditEntry.__table__
    rows = conn.execute(
        select(a.c.table_name, a.c.row_id, a.c.at).where(a.c.action == _HARD_DELETE)
    ).all()
    return {(t, r): at for t, r, at in rows}


def _met(conn: Connection, office_id: str) -> datetime | None:
    try:
        return conn.execute(
            select(SyncPeer.last_met).where(SyncPeer.peer_office_id == office_id)
        ).scalar()
    except Exception:  # a file without the table (cannot happen after migrating): never met
        return None


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    keys = [
        tuple(c.name for c in con.columns)
        for con in table.constraints
        if con.__class__.__name__ == "UniqueConstraint"
    ]
    keys += [(c.name,) for c in table.columns if c.unique]
    keys += [tuple(c.name for c in ix.columns) for ix in table.indexes if ix.unique]
    return keys


def _fks(table: Table) -> list[tuple[str, str]]:
    """(column, referred table) of every foreign key."""
    return [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys]


def _children(tables: list[Table]) -> dict[str, list[tuple[Table, str]]]:
    out: dict[str, list[tuple[Table, str]]] = defaultdict(list)
    for t in tables:
        for col, ref in _fks(t):
            out[ref].append((t, col))
    return out


def _content_differs(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [k for k in a if k not in _SILENT and a[k] != b.get(k)]


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a table that refers to itself (stations), each after the row it refers to."""
    own = [col for col, ref in _fks(table) if ref == table.name]
    if not own or len(rows) < 2:
        return rows
    pending = {r["id"]: r for r in rows}
    ordered: list[dict[str, Any]] = []
    while pending:
        ready = [r for r in pending.values() if not any(r[c] in pending for c in own)]
        if not ready:  # a cycle cannot be inserted in any order: let the database say so
            ready = list(pending.values())
        for r in ready:
            ordered.append(r)
            del pending[r["id"]]
    return ordered


@dataclass
class _Differences:
    """What two files hold differently in one table (id → time as stored)."""

    theirs: dict[str, str]  # rows of the other file not the same here
    ours: dict[str, str]  # rows of this file not the same there
    count: int  # rows of the other file
    late: dict[str, str]  # the same in both, dated after they met (compared again)
    shared_newest: str | None  # never met: the newest time of a row the same in both …
    sample: list[str]  # … and some of the rows with that time
    suspects: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, theirs: set[str], ours: set[str], after: str | None) -> _Differences:
        late: dict[str, str] = {}
        shared_newest, sample = None, []
        if after is not None:
            late = dict(map(_split_flip, {v for v in theirs if v > after} & ours))
        else:
            shared = theirs & ours
            if shared:
                top = max(shared)
                shared_newest = _split(top)[0]
                prefix = shared_newest + SEP
                at_top = (v for v in shared if v.startswith(prefix))
                sample = [_split(v)[1] for v in islice(at_top, CHUNK)]
        return cls(
            theirs=dict(map(_split_flip, theirs - ours)),
            ours=dict(map(_split_flip, ours - theirs)),
            count=len(theirs),
            late=late,
            shared_newest=shared_newest,
            sample=sample,
        )


class _Planner:
    def __init__(
        self,
        tconn: Connection,
        sconn: Connection,
        *,
        target_office: str,
        source_office: str,
        source_office_id: str,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.t, self.s = tconn, sconn
        self.target_office, self.source_office = target_office, source_office
        self.source_office_id = source_office_id
        self.progress, self.cancelled = progress, cancelled
        self.tables = _merged_tables()
        self.steps = 3 * len(self.tables) + 1

    def _step(self, done: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            self.progress(done, self.steps)

    def plan(self, since: datetime | None) -> _Plan:
        diffs: dict[str, _Differences] = {}
        newest: list[Any] = []
        after = _stamp_text(since) if since is not None else None
        # the other file is read on a second thread meanwhile (SQLite lets go of the GIL
        # while it scans), each file through its own connection; only the differences are
        # kept, so the memory needed is that of the largest table, not of both files
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="twdesk-merge") as pool:
            for i, t in enumerate(self.tables):
                other = pool.submit(_read_versions, self.s, _versions_sql(self.s, t))
                ours, _newest = _read_versions(self.t, _versions_sql(self.t, t))
                theirs, stamp = other.result()
                if stamp:
                    newest.append(stamp)
                diffs[t.name] = _Differences.of(theirs, ours, after)
                del theirs, ours
                self._step(i)
        high_water = max(map(_when, newest), default=None)
        if since is None:  # never met: the newest version both files hold
            since = self._estimate_fork(diffs)
        else:  # the same time after they met: changed in both within one second? compare them
            for d in diffs.values():
                d.suspects = {rid for rid, stamp in d.late.items() if _when(stamp) > since}
        merged_at = now()
        plan = _Plan(
            tables={t.name: _TablePlan(t) for t in self.tables},
            counts={
                k: {}
                for k in ("inserted", "updated", "deleted", "conflicts", "unchanged", "skipped")
            },
            conflicts=[],
            renumbered=[],
            since=since,
            high_water=high_water,
            merged_at=merged_at,
        )
        deleted_s = _deleted_outright(self.s)
        deleted_t = _deleted_outright(self.t)
        self._plan_deletions(plan, deleted_s)
        self.present: dict[str, set[str]] = defaultdict(set)  # ids known to be in the target
        id_map: dict[str, dict[str, str]] = defaultdict(dict)
        for i, t in enumerate(self.tables):
            self._plan_table(plan, t, diffs.pop(t.name), deleted_t, id_map)
            self._step(len(self.tables) + i)
        self._renumber_items(plan)
        return plan

    def _holds(self, row: dict[str, Any], fks: list[tuple[str, str]], plan: _Plan) -> bool:
        """Every reference of the row points to a record the target will hold."""
        for col, ref in fks:
            value = row[col]
            if value is None or value in plan.tables[ref].inserted_ids:
                continue
            if value not in self.present[ref] or value in plan.tables[ref].deletes:
                return False
        return True

    def _look_up_references(self, rows: list[dict[str, Any]], fks: list[tuple[str, str]]) -> None:
        """Which of the records these rows refer to the target holds (queried by id)."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for col, ref in fks:
                if row[col] is not None and row[col] not in self.present[ref]:
                    wanted[ref].add(row[col])
        tables = {t.name: t for t in self.tables}
        for ref, ids in wanted.items():
            table = tables.get(ref)
            if table is None:
                continue
            for chunk in _chunks(sorted(ids)):
                found = self.t.execute(select(table.c.id).where(table.c.id.in_(chunk)))
                self.present[ref].update(found.scalars())

    def _estimate_fork(self, diffs: dict[str, _Differences]) -> datetime | None:
        """Two files that never met: they last held the same data at the newest time of a
        version found identical in both. Versions with the same time but different content
        (changed in both within one second) are suspects, compared in full later."""
        tables = {t.name: t for t in self.tables}
        candidates = sorted(
            ((d.shared_newest, name) for name, d in diffs.items() if d.shared_newest),
            key=lambda c: _when(c[0]),
            reverse=True,
        )
        for stamp, name in candidates[:5]:
            d = diffs[name]
            mine = _rows_by_id(self.t, tables[name], d.sample)
            other = _rows_by_id(self.s, tables[name], d.sample)
            for rid in d.sample:
                if other.get(rid) == mine.get(rid):
                    return _when(stamp)
                d.suspects.add(rid)
        return _when(candidates[0][0]) if candidates else None

    # -- deletions outright in the source ---------------------------------------------------------

    def _plan_deletions(
        self,
        plan: _Plan,
        deleted_s: dict[tuple[str, str], datetime],
    ) -> None:
        asked: dict[str, list[str]] = defaultdict(list)
        for name, rid in deleted_s:
            if name in plan.tables:
                asked[name].append(rid)
        if not asked:
            return
        children = _children(self.tables)
        for t in reversed(self.tables):  # children first: a parent goes only with them
            tp = plan.tables[t.name]
            here = _stamps_of(self.t, t, asked.get(t.name, []))
            there = _stamps_of(self.s, t, here)
            stamps = {rid: stamp for rid, stamp in here.items() if rid not in there}
            for rid, stamp in stamps.items():
                if rules.changed_since(stamp, plan.since):
                    self._deletion_conflict(plan, t, rid, stamp, deleted_s[(t.name, rid)])
                else:
                    tp.deletes.append(rid)
            if not tp.deletes:
                continue
            held: set[str] = set()
            for child, col in children.get(t.name, []):
                going = set(plan.tables[child.name].deletes) if child.name in plan.tables else set()
                for chunk in _chunks(tp.deletes):
                    for cid, ref in self.t.execute(
                        select(child.c.id, child.c[col]).where(child.c[col].in_(chunk))
                    ).all():
                        if cid not in going:
                            held.add(ref)
            for rid in held:  # still referred to here: kept, and said so
                tp.deletes.remove(rid)
                self._deletion_conflict(plan, t, rid, stamps[rid], deleted_s[(t.name, rid)])
            plan.count("deleted", t.name, len(tp.deletes))

    def _deletion_conflict(
        self, plan: _Plan, t: Table, rid: str, kept_time: datetime, deleted_at: datetime
    ) -> None:
        plan.tables[t.name].bumps.append((rid, _after(plan, kept_time, deleted_at)))
        plan.count("conflicts", t.name)
        self._conflict(
            plan,
            rules.DELETED_AND_CHANGED,
            t.name,
            rid,
            rules.WHOLE_RECORD,
            rules.to_json(rules.KEPT_TEXT),
            rules.to_json(rules.DELETED_TEXT),
            kept_time,
            deleted_at,
        )

    def _conflict(
        self,
        plan: _Plan,
        kind: str,
        table: str,
        rid: str,
        field_name: str,
        kept: str | None,
        other: str | None,
        kept_time: datetime | None,
        other_time: datetime | None,
        *,
        resolved: bool = False,
        record: dict[str, Any] | None = None,
    ) -> None:
        plan.conflicts.append(
            {
                "_record": _row_title(record) if record else rid[:8],
                "kind": kind,
                "table_name": table,
                "row_id": rid,
                "field": field_name,
                "kept_value": kept,
                "other_value": other,
                "kept_time": kept_time,
                "other_time": other_time,
                "kept_office": self.target_office,
                "other_office": self.source_office,
                "other_office_id": self.source_office_id,
                "resolved": resolved,
                "resolution": RENUMBERED_NOTE if resolved else "",
            }
        )

    # -- one table ------------------------------------------------------------------------------

    def _plan_table(
        self,
        plan: _Plan,
        t: Table,
        diff: _Differences,
        deleted_t: dict[tuple[str, str], datetime],
        id_map: dict[str, dict[str, str]],
    ) -> None:
        name = t.name
        tp = plan.tables[name]
        ks, kt = diff.theirs, diff.ours
        new_ids = [rid for rid in ks if rid not in kt]
        diff_ids = [rid for rid in ks if rid in kt] + sorted(diff.suspects)
        unchanged = diff.count - len(ks) - len(diff.suspects)
        # deleted outright here: stays deleted unless the other file changed it since
        revived: set[str] = set()
        kept_new = []
        for rid in new_ids:
            when = deleted_t.get((name, rid))
            if when is None:
                kept_new.append(rid)
            elif rules.changed_since(_when(ks[rid]), plan.since):
                kept_new.append(rid)
                revived.add(rid)
            else:
                unchanged += 1
        new_ids = kept_new
        plan.count("unchanged", name, unchanged)
        if not new_ids and not diff_ids:
            return
        source_rows = _rows_by_id(self.s, t, [*new_ids, *diff_ids])
        fks = _fks(t)
        for row in source_rows.values():  # references to records matched by natural key
            for col, ref in fks:
                mapped = id_map.get(ref)
                if mapped and row[col] in mapped:
                    row[col] = mapped[row[col]]
        pairs: list[tuple[dict[str, Any], str]] = [(source_rows[rid], rid) for rid in diff_ids]
        inserts = [source_rows[rid] for rid in new_ids]
        if inserts and _unique_keys(t):
            inserts = self._match_natural_keys(t, inserts, tp, pairs, id_map)
        self._look_up_references([*inserts, *(row for row, _tid in pairs)], fks)

        def holds(row: dict[str, Any]) -> bool:
            return self._holds(row, fks, plan)

        # parents first, so that every reference holds after the merge: a row whose parent
        # is gone (deleted outright here) stays out, and is counted as skipped
        for row in _parents_first(t, inserts):
            if holds(row):
                tp.inserts.append(row)
                tp.inserted_ids.add(row["id"])
            else:
                plan.count("skipped", name)
        plan.count("inserted", name, len(tp.inserts))
        for row in tp.inserts:
            if row["id"] in revived:
                plan.count("conflicts", name)
                self._conflict(
                    plan,
                    rules.DELETED_AND_CHANGED,
                    name,
                    row["id"],
                    rules.WHOLE_RECORD,
                    rules.to_json(rules.KEPT_TEXT),
                    rules.to_json(rules.DELETED_TEXT),
                    row["updated_at"],
                    deleted_t[(name, row["id"])],
                    record=row,
                )
        target_rows = _rows_by_id(self.t, t, [tid for _row, tid in pairs])
        has_deleted = "deleted_at" in t.c
        for srow, tid in pairs:
            trow = target_rows[tid]
            srow = {**srow, "id": tid}
            differs = _content_differs(srow, trow)
            if not differs:
                if (
                    srow["updated_at"]
                    and trow["updated_at"]
                    and (srow["updated_at"] > trow["updated_at"])
                ):
                    # the same content, dated as the later file has it: written, so counted
                    tp.updates.append(srow)
                    plan.count("updated", name)
                else:
                    plan.count("unchanged", name)
                continue
            decision = rules.decide(
                source_time=srow["updated_at"],
                target_time=trow["updated_at"],
                since=plan.since,
                source_deleted=has_deleted and srow["deleted_at"] is not None,
                target_deleted=has_deleted and trow["deleted_at"] is not None,
                source_wins_tie=srow["updated_at"] == trow["updated_at"]
                and rules.tie_key(srow) > rules.tie_key(trow),
            )
            outcome = decision.outcome
            if outcome is rules.Outcome.UNCHANGED:
                plan.count("unchanged", name)
                continue
            if outcome is not rules.Outcome.KEEP_CONFLICT and not holds(srow):
                plan.count("skipped", name)  # it would point to a record no longer here
                continue
            if outcome is rules.Outcome.KEEP_CONFLICT:
                tp.bumps.append((tid, _after(plan, trow["updated_at"], srow["updated_at"])))
                kept, other = trow, srow
            else:
                tp.updates.append(srow)
                kept, other = srow, trow
            if outcome is rules.Outcome.TAKE:
                gone = has_deleted and srow["deleted_at"] is not None and trow["deleted_at"] is None
                plan.count("deleted" if gone else "updated", name)
                continue
            plan.count("conflicts", name)
            for col in differs:
                self._conflict(
                    plan,
                    decision.kind,
                    name,
                    tid,
                    col,
                    rules.to_json(kept[col]),
                    rules.to_json(other[col]),
                    kept["updated_at"],
                    other["updated_at"],
                    record=kept,
                )

    def _match_natural_keys(
        self,
        t: Table,
        inserts: list[dict[str, Any]],
        tp: _TablePlan,
        pairs: list[tuple[dict[str, Any], str]],
        id_map: dict[str, dict[str, str]],
    ) -> list[dict[str, Any]]:
        """A record made in both files independently (same holiday, same list entry, the same
        delegate's evaluation of a year) is one record: the target's id stays."""
        going = set(tp.deletes)
        remaining = inserts
        for cols in _unique_keys(t):
            index = {
                tuple(r[1:]): r[0]
                for r in self.t.execute(select(t.c.id, *[t.c[c] for c in cols])).all()
                if r[0] not in going
            }
            rest = []
            for row in remaining:
                tid = index.get(tuple(row[c] for c in cols))
                if tid is None:
                    rest.append(row)
                else:
                    id_map[t.name][row["id"]] = tid
                    pairs.append((row, tid))
            remaining = rest
        return remaining

    # -- opinion item numbers -------------------------------------------------------------------

    def _renumber_items(self, plan: _Plan) -> None:
        tp = plan.tables.get(OpinionItem.__tablename__)
        if tp is None or not (tp.inserts or tp.updates):
            return
        t = tp.table
        # the counter row intake numbering locks (services.visits): a PC numbering new items
        # meanwhile waits for the merge, and numbers it gave (even of items since purged)
        # are never given again
        given = self.t.execute(
            select(Setting.value).where(Setting.key == ITEM_NUMBER_COUNTER).with_for_update()
        ).scalar()
        incoming = {r["id"]: r for r in [*tp.inserts, *tp.updates]}
        final: dict[str, str] = {}  # id → number after the merge, for the rows that matter
        numbers = sorted({r["number"] for r in incoming.values()})
        for chunk in _chunks(numbers):
            query = select(t.c.id, t.c.number).where(t.c.number.in_(chunk))
            final.update({rid: number for rid, number in self.t.execute(query)})
        for rid, row in incoming.items():
            final[rid] = row["number"]
        holders: dict[str, list[str]] = defaultdict(list)
        for rid, number in final.items():
            holders[number].append(rid)
        taken = set(final.values())
        for year in {rules.number_year(n) for n in numbers}:
            highest = self.t.execute(
                select(func.max(t.c.number)).where(t.c.number.like(f"{year}-%"))
            ).scalar()
            if highest:
                taken.add(highest)
            last_given = _given_numbers(given).get(year)
            if last_given:
                taken.add(f"{year}-{last_given:05d}")
        for number, ids in sorted(holders.items()):
            if len(ids) < 2:
                continue
            stay = [i for i in ids if i not in incoming] or [min(ids)]
            for rid in sorted(i for i in ids if i not in stay[:1]):
                if rid not in incoming:
                    continue
                new_number = rules.next_free_number(rules.number_year(number), taken)
                taken.add(new_number)
                row = incoming[rid]
                row["number"] = new_number
                row["updated_at"] = _after(plan, row["updated_at"])
                plan.renumbered.append((number, new_number))
                self._conflict(
                    plan,
                    rules.RENUMBERED,
                    t.name,
                    rid,
                    "number",
                    rules.to_json(new_number),
                    rules.to_json(number),
                    plan.merged_at,
                    None,
                    resolved=True,
                    record=row,
                )


def _given_numbers(value: str | None) -> dict[str, int]:
    """The counter row's last number given per year ({"2026": 43})."""
    try:
        given = json.loads(value or "{}")
    except ValueError:
        return {}
    return {str(k): int(v) for k, v in given.items()} if isinstance(given, dict) else {}


# --- opening the other file ----------------------------------------------------------------------


@contextlib.contextmanager
def _opened_source(target: Database, source_path: Path) -> Iterator[Database]:
    """The other file, read-only; an older twdesk's file through a migrated temporary copy."""
    source_path = Path(source_path)
    header = read_header(source_path)  # not there, not SQLite, not twdesk: refused as always
    resolved = source_path.resolve()
    same = target.path is not None and resolved == Path(target.path).resolve()
    if target.path is not None:  # a server database is never the same as a file
        with contextlib.suppress(OSError):
            same = same or os.path.samefile(resolved, target.path)
    if same:
        raise MergeError(
            f"「{source_path.name}」就是当前打开的数据库，不能把文件合并到它自己。"
            "请选择另一个联络站（或县团委）的数据库文件。"
        )
    if header.user_version >= SCHEMA_VERSION:  # a newer one is refused by open_database
        source = open_database(resolved, read_only=True)
        try:
            yield source
        finally:
            source.close()
        return
    with tempfile.TemporaryDirectory(prefix="twdesk-merge-") as folder:
        copy = Path(folder) / resolved.name
        copy_consistent(resolved, copy)
        source = open_database(copy, backup=False)  # no copy of it may outlive the merge
        try:
            yield source
        finally:
            source.close()


def _since(tconn: Connection, sconn: Connection, target: Database, source: Database) -> Any:
    if source.office_id == target.office_id:
        return None
    met = [_met(tconn, source.office_id), _met(sconn, target.office_id)]
    met = [m for m in met if m is not None]
    return max(met) if met else None


def _office_name(db: Database) -> str:
    return db.office_name or f"办公室 {db.office_id[:8]}"


def _report(plan: _Plan, source: Database, path: Path, *, dry_run: bool) -> MergeReport:
    listed = tuple(
        ConflictInfo(
            table=c["table_name"],
            row_id=c["row_id"],
            field=c["field"],
            kept=rules.shown_value(c["field"], c["kept_value"]),
            other=rules.shown_value(c["field"], c["other_value"]),
            kind=c["kind"],
            kept_time=c["kept_time"],
            other_time=c["other_time"],
            record=c["_record"],
        )
        for c in plan.conflicts
        if not c["resolved"]
    )
    return MergeReport(
        source=str(path),
        source_office=_office_name(source),
        dry_run=dry_run,
        conflict_list=listed,
        renumbered=tuple(plan.renumbered),
        since=plan.since,
        **{k: {t: n for t, n in v.items() if n} for k, v in plan.counts.items()},
    )


def plan_merge(
    target: Database,
    source_path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MergeReport:
    """Dry run: what merging `source_path` into `target` would do; nothing is written."""
    with _opened_source(target, source_path) as source:
        with target.engine.connect() as tconn, source.engine.connect() as sconn:
            planner = _Planner(
                tconn,
                sconn,
                target_office=_office_name(target),
                source_office=_office_name(source),
                source_office_id=source.office_id,
                progress=progress,
                cancelled=cancelled,
            )
            plan = planner.plan(_since(tconn, sconn, target, source))
            tconn.rollback()
        return _report(plan, source, Path(source_path), dry_run=True)


def apply_merge(
    target: Database,
    source_path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    before_apply: Callable[[], None] | None = None,
) -> MergeReport:
    """Merge `source_path` into `target` in one transaction; Cancel (`cancelled()` → True) or
    any failure leaves the target as it was. `before_apply()` runs once the other file has been
    checked and before anything is written (a backup of the target)."""
    with _opened_source(target, source_path) as source:
        if target.read_only:  # refused before the backup hook runs
            raise ReadOnlyError(target.read_only_message())
        if before_apply is not None:
            before_apply()
        try:
            with target.transaction() as session, source.engine.connect() as sconn:
                tconn = session.connection()
                planner = _Planner(
                    tconn,
                    sconn,
                    target_office=_office_name(target),
                    source_office=_office_name(source),
                    source_office_id=source.office_id,
                    progress=progress,
                    cancelled=cancelled,
                )
                plan = planner.plan(_since(tconn, sconn, target, source))
                _write(tconn, plan, planner, target, source)
        except IntegrityError as exc:
            raise MergeError(
                f"合并「{Path(source_path).name}」时数据不一致（{exc.orig}），没有合并任何内容，"
                "当前数据库保持原样。请把两个文件交给技术人员检查。"
            ) from exc
        return _report(plan, source, Path(source_path), dry_run=False)


def _write(
    conn: Connection, plan: _Plan, planner: _Planner, target: Database, source: Database
) -> None:
    base = 2 * len(planner.tables)
    total = planner.steps

    def step(done: int) -> None:
        planner._step(done)

    for t in reversed(planner.tables):
        for chunk in _chunks(plan.tables[t.name].deletes):
            conn.execute(delete(t).where(t.c.id.in_(chunk)))
    for i, t in enumerate(planner.tables):
        tp = plan.tables[t.name]
        for chunk in _chunks(tp.inserts):
            conn.execute(insert(t), chunk)
            step(base + i)
        if tp.updates:
            cols = [c.name for c in t.columns if c.name not in ("id", VERSION_COLUMN)]
            values: dict[str, Any] = {c: bindparam(f"v_{c}") for c in cols}
            if VERSION_COLUMN in t.c:  # a save here like any other: an open editor is refused
                values[VERSION_COLUMN] = t.c[VERSION_COLUMN] + 1
            stmt = update(t).where(t.c.id == bindparam("_id")).values(values)
            rows = [{"_id": r["id"], **{f"v_{c}": r[c] for c in cols}} for r in tp.updates]
            for chunk in _chunks(rows):
                conn.execute(stmt, chunk)
                step(base + i)
        if tp.bumps:
            stmt = update(t).where(t.c.id == bindparam("_id")).values(updated_at=bindparam("at"))
            for chunk in _chunks(tp.bumps):
                conn.execute(stmt, [{"_id": rid, "at": at} for rid, at in chunk])
        step(base + i)
    if plan.conflicts:
        stamp = plan.merged_at
        rows = [
            {
                **{k: v for k, v in c.items() if not k.startswith("_")},
                "id": new_id(),
                "merged_at": stamp,
                "created_at": stamp,
                "updated_at": stamp,
                "origin_office_id": target.office_id,
                "resolved_at": stamp if c["resolved"] else None,
                "resolved_by": "",
            }
            for c in plan.conflicts
        ]
        for chunk in _chunks(rows):
            conn.execute(insert(MergeConflict.__table__), chunk)
    _remember_meeting(conn, plan, target, source)
    step(total)


def _remember_meeting(conn: Connection, plan: _Plan, target: Database, source: Database) -> None:
    """The target now holds the source's changes up to its newest one: they met then."""
    if source.office_id == target.office_id or plan.high_water is None:
        return
    peer = SyncPeer.__table__
    old = conn.execute(
        select(peer.c.last_met).where(peer.c.peer_office_id == source.office_id)
    ).scalar()
    if old is not None and old >= plan.high_water and not plan.writes:
        return  # nothing new from them: the file stays exactly as it was
    values = {
        "peer_office_name": source.office_name,
        "last_met": max(plan.high_water, old) if old else plan.high_water,
        "last_merged_at": plan.merged_at,
    }
    if old is None:
        conn.execute(insert(peer).values(peer_office_id=source.office_id, merges=1, **values))
    else:
        conn.execute(
            update(peer)
            .where(peer.c.peer_office_id == source.office_id)
            .values(merges=peer.c.merges + 1, **values)
        )


# --- reviewing conflicts -------------------------------------------------------------------------


_TITLE_COLUMNS = ("name", "title", "number", "description", "day", "content")


def _row_title(row: dict[str, Any]) -> str:
    """What names a record in a list: its name, title, number … (else the start of its id)."""
    for col in _TITLE_COLUMNS:
        if row.get(col) is not None:
            return str(row[col])[:40]
    return str(row.get("id", ""))[:8]


def _record_title(session: Session, table: Table, row_id: str) -> str:
    for col in _TITLE_COLUMNS:
        if col in table.c:
            value = session.execute(select(table.c[col]).where(table.c.id == row_id)).scalar()
            if value is not None:
                return str(value)[:40]
    return row_id[:8]


def conflicts(session: Session, *, unresolved_only: bool = True) -> list[ConflictRow]:
    """Conflicts kept by merges, newest merge first (renumbered opinion items included when
    `unresolved_only` is False)."""
    query = select(MergeConflict).order_by(
        MergeConflict.merged_at.desc(), MergeConflict.table_name, MergeConflict.row_id
    )
    if unresolved_only:
        query = query.where(MergeConflict.resolved.is_(False))
    tables = Base.metadata.tables
    titles: dict[tuple[str, str], str] = {}
    out = []
    for c in session.scalars(query):
        key = (c.table_name, c.row_id)
        if key not in titles:
            table = tables.get(c.table_name)
            titles[key] = _record_title(session, table, c.row_id) if table is not None else ""
        out.append(
            ConflictRow(
                id=c.id,
                merged_at=c.merged_at,
                kind=c.kind,
                table=c.table_name,
                table_label=rules.table_label(c.table_name),
                row_id=c.row_id,
                record=titles[key],
                field=c.field,
                kept=rules.shown_value(c.field, c.kept_value),
                other=rules.shown_value(c.field, c.other_value),
                kept_time=c.kept_time,
                other_time=c.other_time,
                kept_office=c.kept_office,
                other_office=c.other_office,
                resolved=c.resolved,
                resolution=c.resolution,
            )
        )
    return out


def _model_for(table_name: str) -> type:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table_name:
            return mapper.class_
    raise MergeError(f"找不到表 {table_name}，无法处理这条冲突。")


def _group(session: Session, conflict_id: str) -> list[MergeConflict]:
    first = session.get(MergeConflict, conflict_id)
    if first is None:
        raise MergeError("找不到这条冲突记录（可能已被处理），请刷新列表。")
    if first.resolved:
        raise MergeError("这条冲突已经处理过了。")
    return list(
        session.scalars(
            select(MergeConflict).where(
                MergeConflict.table_name == first.table_name,
                MergeConflict.row_id == first.row_id,
                MergeConflict.merged_at == first.merged_at,
                MergeConflict.resolved.is_(False),
            )
        )
    )


def _resolve(session: Session, group: list[MergeConflict], resolution: str) -> None:
    stamp = now()
    for c in group:
        c.resolved = True
        c.resolution = resolution
        c.resolved_at = stamp
        c.resolved_by = session.info.get("user", "")


def choose_other(session: Session, conflict_id: str) -> None:
    """采用另一版本: the record takes the other file's version of every field in conflict in
    that merge (a new change, dated now, so it travels on the next exchange)."""
    group = _group(session, conflict_id)
    first = group[0]
    model = _model_for(first.table_name)
    obj = session.get(model, first.row_id)
    if obj is None:
        raise MergeError("这条记录已经不在了（可能已被彻底删除），无法采用另一版本。")
    table = model.__table__  # type: ignore[attr-defined]
    for c in group:
        if c.field == rules.WHOLE_RECORD or (
            c.kind == rules.DELETED_AND_CHANGED and c.field == "deleted_at"
        ):
            _delete_record(session, obj, table)
            break
        column = table.c[c.field]
        try:
            python_type = column.type.python_type
        except NotImplementedError:
            python_type = None
        setattr(obj, c.field, rules.from_json(c.other_value, python_type))
    obj.updated_at = now()  # type: ignore[attr-defined]
    _resolve(session, group, rules.CHOSE_OTHER)
    try:
        session.flush()
    except IntegrityError as exc:
        raise MergeError(
            "另一版本无法保存：它引用的记录已不存在，或与现有记录重复。没有做任何修改。"
        ) from exc


def _delete_record(session: Session, obj: Any, table: Table) -> None:
    if "deleted_at" in table.c:
        if obj.deleted_at is None:
            obj.deleted_at = now()
            obj.deleted_by = session.info.get("user", "")
    else:
        session.delete(obj)


def keep_version(session: Session, conflict_id: str) -> None:
    """保留当前版本: the conflict is marked as seen; the record stays as it is."""
    _resolve(session, _group(session, conflict_id), rules.KEEP)


__all__ = [
    "ConflictInfo",
    "ConflictRow",
    "MergeError",
    "MergeReport",
    "apply_merge",
    "choose_other",
    "conflicts",
    "keep_version",
    "plan_merge",
]
