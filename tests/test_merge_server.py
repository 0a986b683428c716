"""USB exchange with a county on a PostgreSQL server: a township's SQLite file merges into it
exactly as into the county's file — the same report, the same records, nothing the second time."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.merge_files import build_base, diverge
from twdesk.db.base import now
from twdesk.db.dbfile import Database, open_database
from twdesk.services import merge
from twdesk.services.merge import _merged_tables

pytestmark = pytest.mark.postgresql


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("merge-base") / "base.sqlite"
    build_base(path)
    return path


@contextlib.contextmanager
def opened(location: str | Path) -> Iterator[Database]:
    db = open_database(location)
    try:
        yield db
    finally:
        db.close()


def server_copy(path: Path, cluster) -> str:
    from tests.pgserver import copy_rows
    from twdesk.db.engine import make_engine

    url = cluster.new_database(migrated=False)
    engine = make_engine(path, readonly=True)
    try:
        copy_rows(engine, url)
    finally:
        engine.dispose()
    return url


def records(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table that travels, as Python values, sorted."""
    with db.engine.connect() as conn:
        return {
            t.name: sorted((tuple(r) for r in conn.execute(select(t))), key=repr)
            for t in _merged_tables()
        }


def stamped(found: dict[str, list[tuple]], started: datetime) -> dict[str, list[tuple]]:
    """The records with each time the merge itself wrote (now, a second apart between the two
    merges compared) replaced by one word."""
    return {
        name: sorted(
            (
                tuple("合并时" if isinstance(v, datetime) and v >= started else v for v in row)
                for row in rows
            ),
            key=repr,
        )
        for name, rows in found.items()
    }


def summary(report: merge.MergeReport) -> tuple:
    conflicts = sorted(
        (c.table, c.row_id, c.field, c.kind, c.kept, c.other) for c in report.conflict_list
    )
    return (
        report.inserted,
        report.updated,
        report.deleted,
        report.conflicts,
        report.unchanged,
        report.skipped,
        conflicts,
        report.renumbered,
    )


def test_a_township_file_merges_into_a_county_on_the_server(
    base: Path, tmp_path: Path, pg_cluster
) -> None:
    files = diverge(base, tmp_path)
    started = now()
    url = server_copy(files.county, pg_cluster)
    try:
        with opened(url) as county:
            planned = merge.plan_merge(county, files.station)
            assert planned.inserted["person"] == 1 and planned.conflicts == {"person": 2}
            on_server = merge.apply_merge(county, files.station)
            server_records = records(county)
        with opened(files.county) as county:
            on_file = merge.apply_merge(county, files.station)
            file_records = records(county)
        assert summary(on_server) == summary(on_file)
        assert summary(planned)[:7] == summary(on_file)[:7]
        assert stamped(server_records, started) == stamped(file_records, started)
        with opened(url) as county:
            again = merge.apply_merge(county, files.station)
            assert again.changes == 0 and again.conflict_list == ()
            assert records(county) == server_records
    finally:
        pg_cluster.drop_url(url)
