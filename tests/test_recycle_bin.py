"""The recycle bin on a real demo file: what goes with a deleted record, exact restores, purges
that keep every foreign key, and deleted rows gone from every list, count and output. Every test
runs on the file and on a PostgreSQL copy of it."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from twdesk.db.dbfile import open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    AuditEntry,
    CommitteeLink,
    ContactBookEntry,
    ContactLogEntry,
    DutyAssignment,
    GrassrootsDay,
    GroupMembership,
    OpinionItem,
    OpinionStep,
    Person,
    SatisfactionBallot,
    SpecialGroup,
    Station,
    StationMembership,
    Visit,
)
from twdesk.services import duty, ledger, links, people, stations, visits
from twdesk.services import recycle_bin as rb
from twdesk.services.people_search import PeopleIndex
from twdesk.services.visit_export import export_rows

TODAY = date(2026, 11, 24)
YEAR = 2026


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bin") / "template.sqlite"
    create_demo_database(path, stations=4, delegates=30, years=1, seed=5, today=TODAY)
    return path


@pytest.fixture(scope="module")
def server_template(template: Path, pg_cluster) -> Iterator[str]:
    """The demo copied once into a server database, the template of each test's copy."""
    from tests.pgserver import copy_rows
    from twdesk.db.engine import make_engine

    url = pg_cluster.new_database(migrated=False)
    engine = make_engine(template, readonly=True)
    try:
        copy_rows(engine, url)
    finally:
        engine.dispose()
    yield url
    pg_cluster.drop_url(url)


@pytest.fixture
def db(template: Path, tmp_path: Path, engine_name: str, request: pytest.FixtureRequest):
    if engine_name == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database(template=request.getfixturevalue("server_template"))
        database = open_database(url)
        yield database
        database.close()
        cluster.drop_url(url)
        return
    path = tmp_path / "office.sqlite"
    shutil.copy(template, path)
    database = open_database(path)
    yield database
    database.close()


def _fk_problems(db) -> list[tuple]:
    """Rows whose foreign key points nowhere (a server refuses them at commit already)."""
    if db.path is None:
        return []
    con = sqlite3.connect(db.path)
    try:
        return con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()


def _visit_with_items(s, at_least: int = 2) -> str:
    counted = (
        select(OpinionItem.visit_id)
        .where(OpinionItem.deleted_at.is_(None))
        .group_by(OpinionItem.visit_id)
        .having(func.count() >= at_least)
    )
    return s.scalar(select(Visit.id).where(Visit.id.in_(counted)).order_by(Visit.id).limit(1))


def _live(s, model, *where) -> int:
    return s.scalar(
        select(func.count()).select_from(model).where(model.deleted_at.is_(None), *where)
    )


def test_a_visit_goes_with_its_items_and_comes_back_without_the_one_deleted_before(db):
    with db.session() as s:
        visit_id = _visit_with_items(s)
        item_ids = list(
            s.scalars(
                select(OpinionItem.id).where(OpinionItem.visit_id == visit_id).order_by("number")
            )
        )
        preview = rb.describe_delete(s, "visit", visit_id)
    assert f"同时删除：{len(item_ids)} 条意见建议" in preview.text
    first, kept = item_ids[0], item_ids[1:]
    with db.transaction() as s:  # one item deleted on its own first, in the same second
        rb.delete_item(s, first)
        rb.delete_visit(s, visit_id)
    with db.session() as s:
        stamps = {i: s.get(OpinionItem, i).deleted_at for i in item_ids}
        visit_stamp = s.get(Visit, visit_id).deleted_at
        assert stamps[first] != visit_stamp and all(stamps[i] == visit_stamp for i in kept)
        entries = {(e.table, e.row_id): e for e in rb.list_bin(s)}
        assert entries[("visit", visit_id)].with_count == len(kept)
        assert ("opinion_item", first) in entries  # listed on its own
        assert all(("opinion_item", i) not in entries for i in kept)  # carried by the visit
        with pytest.raises(rb.BinError, match="来访登记"):
            rb.restore_record(s, "opinion_item", first)  # its visit is in the bin
    with db.transaction() as s:
        assert rb.restore_record(s, "visit", visit_id) == len(kept) + 1
    with db.session() as s:
        assert s.get(Visit, visit_id).deleted_at is None
        assert [s.get(OpinionItem, i).deleted_at is None for i in item_ids] == [
            False,
            *[True] * len(kept),
        ]
        actions = [
            a
            for (a,) in s.execute(
                select(AuditEntry.action).where(AuditEntry.row_id.in_([visit_id, *item_ids]))
            )
        ]
    assert actions.count("移入回收站") == len(item_ids) + 1
    assert actions.count("恢复") == len(kept) + 1


def test_a_deleted_visit_leaves_the_register_statistics_export_dossier_and_evaluation(db):
    from twdesk.services import evaluation as ev
    from twdesk.services.dossier import dossier_data

    start, end = visits.year_range(YEAR)
    with db.session() as s:
        receiver = s.scalar(
            select(Visit.received_by_id)
            .join(OpinionItem, OpinionItem.visit_id == Visit.id)
            .where(Visit.received_by_id.is_not(None), Visit.visit_date >= start)
            .group_by(Visit.received_by_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        theirs = list(
            s.scalars(
                select(Visit.id).where(
                    Visit.received_by_id == receiver,
                    Visit.visit_date >= start,
                    Visit.visit_date <= end,
                    Visit.deleted_at.is_(None),
                )
            )
        )
    assert theirs

    def figures() -> tuple:
        with db.session() as s:
            flt = visits.VisitFilter(start=start, end=end)
            mine = visits.VisitFilter(start=start, end=end, person_id=receiver)
            listed = {r.id for r in visits.visit_page(s, flt, limit=10_000, today=TODAY)}
            items = {r.id for r in visits.item_page(s, flt, limit=10_000, today=TODAY)}
            stats = visits.visit_stats(s, start=start, end=end, today=TODAY)
            exported = len(list(export_rows(s, flt=flt, today=TODAY)))
            dossier = dossier_data(s, receiver, YEAR, today=TODAY)
            ev.open_year(s, YEAR, today=TODAY)
            six = next(i for i in ev.delegate_result(s, YEAR, receiver).indicators if i.seq == 6)
            s.rollback()
            return (
                listed,
                items,
                visits.visit_count(s, mine, today=TODAY),
                stats.visits,
                stats.items,
                exported,
                len(dossier.years[-1].visits),
                six.suggested,
            )

    before = figures()
    with db.transaction() as s:
        their_items = set(
            s.scalars(
                select(OpinionItem.id).where(
                    OpinionItem.visit_id.in_(theirs), OpinionItem.deleted_at.is_(None)
                )
            )
        )
        item_count = len(their_items)
        for visit_id in theirs:
            rb.delete_visit(s, visit_id)
    after = figures()
    assert set(theirs) <= before[0] and not set(theirs) & after[0]
    assert after[1] == before[1] - their_items
    assert after[2] == 0 and before[2] == len(theirs)
    assert after[3] == before[3] - len(theirs)
    assert after[4] == before[4] - item_count
    assert after[5] < before[5]
    assert before[6] == len(theirs) and after[6] == 0
    assert before[7] > 0 and after[7] == 0
    with db.transaction() as s:
        for visit_id in theirs:
            rb.restore_record(s, "visit", visit_id)
    assert figures() == before


def _delegate_with_links(s) -> str:
    return s.scalar(
        select(Person.id)
        .join(StationMembership, StationMembership.person_id == Person.id)
        .join(DutyAssignment, DutyAssignment.person_id == Person.id)
        .join(CommitteeLink, CommitteeLink.delegate_id == Person.id)
        .where(Person.deleted_at.is_(None), StationMembership.end_date.is_(None))
        .order_by(Person.id)
        .limit(1)
    )


def test_a_person_is_hidden_with_their_links_and_own_entries_and_restored_exactly(db):
    with db.transaction() as s:
        pid = _delegate_with_links(s)
        assert pid
        station_id = s.scalar(
            select(StationMembership.station_id).where(
                StationMembership.person_id == pid, StationMembership.end_date.is_(None)
            )
        )
        committee = s.scalar(
            select(CommitteeLink.committee_id).where(CommitteeLink.delegate_id == pid)
        )
        other = s.scalar(select(Person.id).where(Person.id.not_in([pid, committee])).limit(1))
        mates = select(ActivityParticipant.activity_id).where(ActivityParticipant.person_id != pid)
        already = s.scalar(  # the demo's own-book entries only they took part in
            select(func.count())
            .select_from(Activity)
            .where(
                Activity.recorded_by_id == pid,
                Activity.source == "分账本",
                Activity.deleted_at.is_(None),
                Activity.id.not_in(mates),
            )
        )
        own = Activity(
            station_id=station_id,
            activity_type="志愿服务",
            activity_date=date(YEAR, 5, 1),
            title="本人独自记的活动",
            source="分账本",
            recorded_by_id=pid,
        )
        shared = Activity(
            station_id=station_id,
            activity_type="志愿服务",
            activity_date=date(YEAR, 5, 2),
            title="和别人一起的活动",
            source="分账本",
            recorded_by_id=pid,
        )
        s.add_all([own, shared])
        s.flush()
        s.add_all(
            [
                ActivityParticipant(activity_id=own.id, person_id=pid),
                ActivityParticipant(activity_id=shared.id, person_id=pid),
                ActivityParticipant(activity_id=shared.id, person_id=other),
            ]
        )
        own_id, shared_id = own.id, shared.id
        earlier = Activity(
            activity_type="志愿服务",
            activity_date=date(YEAR, 4, 1),
            title="之前单独删除的",
            source="分账本",
            recorded_by_id=pid,
        )
        s.add(earlier)
        s.flush()
        earlier_id = earlier.id
        rb.delete_activity(s, earlier_id)
        contact = sum(  # 联系青年 records of the person go with them too
            s.scalar(
                select(func.count())
                .select_from(model)
                .where(getattr(model, column) == pid, model.deleted_at.is_(None))
            )
            for model, column in (
                (ContactBookEntry, "contactor_id"),
                (ContactLogEntry, "contactor_id"),
                (GrassrootsDay, "cadre_id"),
                (SatisfactionBallot, "person_id"),
            )
        )

    def seen() -> dict[str, object]:
        with db.session() as s:
            index = PeopleIndex.load(s)
            days = duty.duty_days(s, year=YEAR, today=TODAY)
            rows = ledger.activity_rows(s, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
            tree = {n.id: n.delegates for n in stations.station_tree(s)}
            return {
                "index": any(e.id == pid for e in index.entries),
                "seats": sum(seat.person_id == pid for d in days for seat in d.seats),
                "links": pid in links.linked_ids(s, links.LinkKind.COMMITTEE, committee),
                "own": any(r.id == own_id for r in rows),
                "shared": any(r.id == shared_id for r in rows),
                "names": any(r.id == shared_id and len(r.participants) == 2 for r in rows),
                "station": tree[station_id],
            }

    before = seen()
    with db.session() as s:
        text = rb.describe_delete(s, "person", pid).text
    assert f"{already + 1} 条本人记的履职记录" in text and "坐班安排" in text and "联系关系" in text
    with db.transaction() as s:
        rb.delete_person(s, pid)
    hidden = seen()
    assert before["index"] and not hidden["index"]
    assert before["seats"] > 0 and hidden["seats"] == 0
    assert before["links"] and not hidden["links"]
    assert before["own"] and not hidden["own"]
    assert hidden["shared"] and before["names"] and not hidden["names"]
    assert hidden["station"] == before["station"] - 1
    # the committee member's links are saved again meanwhile: the hidden link is not ended
    with db.transaction() as s:
        partners = links.linked_ids(s, links.LinkKind.COMMITTEE, committee)
        links.set_links(s, links.LinkKind.COMMITTEE, committee, partners)
    with db.transaction() as s:
        # the person and their own entries, not the one deleted on its own before
        assert rb.restore_record(s, "person", pid) == already + 2 + contact
    assert seen() == before
    with db.session() as s:
        assert s.get(Activity, earlier_id).deleted_at is not None  # deleted on its own before


def test_purging_a_person_removes_what_hangs_on_them_and_keeps_every_foreign_key(db):
    with db.session() as s:
        pid = _delegate_with_links(s)
        received = s.scalar(
            select(func.count()).select_from(Visit).where(Visit.received_by_id == pid)
        )
    with db.transaction() as s:
        rb.delete_person(s, pid)
    with db.transaction() as s:
        rb.purge(s, "person", pid)
    assert _fk_problems(db) == []
    with db.session() as s:
        assert s.get(Person, pid) is None
        for model, column in (
            (StationMembership, StationMembership.person_id),
            (DutyAssignment, DutyAssignment.person_id),
            (CommitteeLink, CommitteeLink.delegate_id),
            (ActivityParticipant, ActivityParticipant.person_id),
        ):
            assert s.scalar(select(func.count()).select_from(model).where(column == pid)) == 0
        # visits they received stay, without a receiver
        assert (
            s.scalar(select(func.count()).select_from(Visit).where(Visit.received_by_id == pid))
            == 0
        )
        if received:
            assert (
                s.scalar(
                    select(func.count()).select_from(Visit).where(Visit.received_by_id.is_(None))
                )
                >= received
            )
        assert (
            s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "彻底删除", AuditEntry.row_id == pid)
            )
            == 1
        )
        assert all(e.row_id != pid for e in rb.list_bin(s))


def test_purging_a_visit_takes_its_items_and_their_steps(db):
    with db.session() as s:
        visit_id = _visit_with_items(s)
        item_ids = list(s.scalars(select(OpinionItem.id).where(OpinionItem.visit_id == visit_id)))
    with db.transaction() as s:
        rb.delete_visit(s, visit_id)
        assert rb.purge(s, "visit", visit_id) == len(item_ids) + 1
    assert _fk_problems(db) == []
    with db.session() as s:
        assert s.get(Visit, visit_id) is None
        assert (
            s.scalar(
                select(func.count())
                .select_from(OpinionStep)
                .where(OpinionStep.item_id.in_(item_ids))
            )
            == 0
        )
        assert (
            s.scalar(
                select(func.count()).select_from(OpinionItem).where(OpinionItem.id.in_(item_ids))
            )
            == 0
        )
    with pytest.raises(rb.BinError), db.transaction() as s:
        rb.purge(s, "visit", visit_id)  # already gone


def test_a_live_record_cannot_be_purged(db):
    with db.session() as s:
        visit_id = s.scalar(select(Visit.id).limit(1))
    with pytest.raises(rb.BinError, match="不在回收站"), db.transaction() as s:
        rb.purge(s, "visit", visit_id)


def test_a_station_with_history_is_retired_not_deleted_and_comes_back_from_the_bin(db):
    with db.session() as s:
        leaf = s.scalar(
            select(Station.id).where(Station.parent_id.is_not(None)).order_by(Station.name).limit(1)
        )
        name = s.get(Station, leaf).name
    with pytest.raises(rb.BinError, match="撤销"), db.transaction() as s:
        rb.delete_station(s, leaf)
    with db.transaction() as s:
        stations.retire_station(s, leaf, TODAY)
    with db.session() as s:
        assert leaf not in {n.id for n in stations.station_tree(s)}
        entry = next(e for e in rb.list_bin(s) if e.row_id == leaf)
        assert entry.retired and entry.title == name and entry.label == "联络站（已撤销）"
    with pytest.raises(rb.BinError, match="撤销的联络站"), db.transaction() as s:
        rb.purge(s, "station", leaf)
    with db.transaction() as s:
        rb.restore_record(s, "station", leaf, retired=True)
    with db.session() as s:
        assert leaf in {n.id for n in stations.station_tree(s)}
        assert all(e.row_id != leaf for e in rb.list_bin(s))


def test_a_new_station_is_deleted_with_its_groups_restored_and_purged(db):
    with db.transaction() as s:
        ref = stations.save_station(s, {"name": "误建联络站", "kind": "乡镇街道联络站"})
        g1 = stations.save_group(s, ref.id, "志愿服务小组")
        g2 = stations.save_group(s, ref.id, "创新创业小组")
        stations.remove_group(s, g2.id)  # deleted on its own first
    with db.session() as s:
        assert "1 个专项小组" in rb.describe_delete(s, "station", ref.id).text
    with db.transaction() as s:
        rb.delete_station(s, ref.id)
    with db.transaction() as s:
        assert rb.restore_record(s, "station", ref.id) == 2
    with db.session() as s:
        assert [g.name for g in stations.station_groups(s, ref.id)] == ["志愿服务小组"]
    with db.transaction() as s:
        rb.delete_station(s, ref.id)
        assert rb.purge(s, "station", ref.id) == 2
    assert _fk_problems(db) == []
    with db.session() as s:
        assert s.get(SpecialGroup, g1.id) is None and s.get(SpecialGroup, g2.id) is None


def test_a_deleted_group_keeps_its_members_hidden_until_it_is_restored(db):
    with db.session() as s:
        gid, _count = s.execute(
            select(GroupMembership.group_id, func.count())
            .where(GroupMembership.end_date.is_(None))
            .group_by(GroupMembership.group_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        group = s.get(SpecialGroup, gid)
        station_id, name = group.station_id, group.name
        member = s.scalar(
            select(GroupMembership.person_id).where(
                GroupMembership.group_id == gid, GroupMembership.end_date.is_(None)
            )
        )
        members = next(g for g in stations.station_groups(s, station_id) if g.id == gid).members
        assert name in next(e for e in PeopleIndex.load(s).entries if e.id == member).groups
    with db.transaction() as s:
        stations.remove_group(s, gid)
    with db.session() as s:
        assert all(g.id != gid for g in stations.station_groups(s, station_id))
        entry = next(e for e in PeopleIndex.load(s).entries if e.id == member)
        assert name not in entry.groups
    with db.transaction() as s:  # the member is edited meanwhile, without the hidden group
        people.set_groups(s, member, [], on=TODAY)
    with db.transaction() as s:  # a new group of that name blocks the restore …
        clash = stations.save_group(s, station_id, name)
    with pytest.raises(rb.BinError, match="改名"), db.transaction() as s:
        rb.restore_record(s, "special_group", gid)
    with db.transaction() as s:  # … until it is renamed
        stations.save_group(s, station_id, name + "（新）", group_id=clash.id)
        rb.restore_record(s, "special_group", gid)
    with db.session() as s:
        row = next(g for g in stations.station_groups(s, station_id) if g.id == gid)
        assert row.members == members


def test_the_bin_lists_every_kind_with_who_and_when_and_filters(db):
    with db.transaction() as s:
        s.info["user"] = "小李"
        visit_id = _visit_with_items(s, 1)
        rb.delete_visit(s, visit_id)
        project = ledger.project_summaries(s)[0]
        rb.delete_project(s, project.id)
        activity_id = s.scalar(select(Activity.id).where(Activity.deleted_at.is_(None)).limit(1))
        rb.delete_activity(s, activity_id)
    with db.session() as s:
        entries = rb.list_bin(s)
        kinds = {e.table for e in entries}
        assert {"visit", "project", "activity"} <= kinds
        assert all(e.deleted_by == "小李" and e.deleted_at for e in entries)
        assert [e.table for e in rb.list_bin(s, table="project")] == ["project"]
        assert [e.row_id for e in rb.list_bin(s, text=project.name)] == [project.id]
        assert project.id not in {p for p, _n in ledger.project_choices(s)}
    for _model, label, _col in rb.BIN_TABLES:
        assert label in rb.LABELS.values()


def test_a_visit_received_by_a_deleted_person_stays_without_their_name(db):
    with db.session() as s:
        visit_id, pid = s.execute(
            select(Visit.id, Visit.received_by_id)
            .where(Visit.received_by_id.is_not(None))
            .order_by(Visit.visit_date.desc())
            .limit(1)
        ).one()
        name = s.get(Person, pid).name
    flt = visits.VisitFilter()

    def receiver() -> tuple[str, str]:
        with db.session() as s:
            row = next(
                r for r in visits.visit_page(s, flt, limit=100_000, today=TODAY) if r.id == visit_id
            )
            exported = {cell for r in export_rows(s, flt=flt, today=TODAY) for cell in r}
            return row.receiver, name in exported

    assert receiver() == (name, True)
    with db.transaction() as s:
        rb.delete_person(s, pid)
    assert receiver() == ("", False)
    with db.transaction() as s:
        rb.restore_record(s, "person", pid)
    assert receiver() == (name, True)


def test_a_deleted_delegate_leaves_the_evaluation_and_its_quota(db):
    from twdesk.services import evaluation as ev

    with db.transaction() as s:
        ev.open_year(s, YEAR, today=TODAY)
    with db.session() as s:
        before = {d.person_id for d in ev.results(s, YEAR)}
        pid = sorted(before)[0]
        counted = {p.station_id: p.delegates for p in ev.progress(s, YEAR)}
    with db.transaction() as s:
        rb.delete_person(s, pid)
    with db.session() as s:
        assert {d.person_id for d in ev.results(s, YEAR)} == before - {pid}
        assert sum(p.delegates for p in ev.progress(s, YEAR)) == sum(counted.values()) - 1
    with db.transaction() as s:
        rb.restore_record(s, "person", pid)
        ev.open_year(s, YEAR, today=TODAY)
    with db.session() as s:
        assert {d.person_id for d in ev.results(s, YEAR)} == before


def test_a_person_entered_again_meanwhile_blocks_the_restore(db):
    with db.session() as s:
        pid = s.scalar(select(Person.id).where(Person.id_number != "").limit(1))
        values = people.load_person(s, pid).values
    with db.transaction() as s:
        rb.delete_person(s, pid)
        again = people.save_person(s, dict(values))
    with pytest.raises(rb.BinError, match="身份证号"), db.transaction() as s:
        rb.restore_record(s, "person", pid)
    with db.transaction() as s:
        rb.delete_person(s, again.id)
        rb.restore_record(s, "person", pid)
    with db.session() as s:
        assert s.get(Person, pid).deleted_at is None
