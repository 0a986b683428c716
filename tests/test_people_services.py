"""People, stations, groups and links services on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from twdesk.core.idcard import make_id_number
from twdesk.db.models import (
    CommitteeLink,
    GroupMembership,
    Person,
    StationMembership,
    StatusChange,
)
from twdesk.services import links, people, stations
from twdesk.services.people import PersonError

ID_A = make_id_number("511825", date(1995, 3, 7), 1, "男")
ID_B = make_id_number("511825", date(1998, 11, 20), 2, "女")


def make_station(s, name: str, kind: str = "乡镇街道联络站", parent: str | None = None) -> str:
    return stations.save_station(s, {"name": name, "kind": kind, "parent_id": parent}).id


def test_save_person_derives_birth_and_gender_and_keys(office_db) -> None:
    with office_db.transaction() as s:
        sid = make_station(s, "乔庄镇联络站")
        p = people.save_person(
            s,
            {
                "name": "曾 小 明",
                "id_number": ID_A.lower(),
                "phone": "138 1234 5678",
                "is_delegate": True,
                "level": "县",
            },
            station_id=sid,
        )
        pid = p.id
    with office_db.session() as s:
        d = people.load_person(s, pid)
    assert d.values["name"] == "曾小明"
    assert d.values["birth_date"] == date(1995, 3, 7)
    assert d.values["gender"] == "男"
    assert d.values["phone"] == "13812345678"
    assert d.station_id == sid
    assert [h[1] for h in d.history] == ["在任"]
    with office_db.session() as s:
        person = s.get(Person, pid)
        assert person.name_initials == "zxm" and person.name_pinyin.startswith("zeng")


def test_check_person_names_every_bad_field_at_once() -> None:
    bad_id = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    with pytest.raises(PersonError) as info:
        people.check_person(
            {"name": "", "id_number": bad_id, "phone": "12345", "gender": "男", "is_delegate": True}
        )
    assert set(info.value.problems) == {"name", "id_number", "phone"}
    assert "校验" in info.value.problems["id_number"] or "末位" in info.value.problems["id_number"]
    with pytest.raises(PersonError) as info:
        people.check_person(
            {
                "name": "张三",
                "id_number": ID_B,
                "gender": "男",
                "birth_date": date(1998, 1, 1),
                "is_delegate": True,
            }
        )
    assert "女" in info.value.problems["gender"]
    assert "1998-11-20" in info.value.problems["birth_date"]
    with pytest.raises(PersonError) as info:
        people.check_person({"name": "张三"})
    assert "身份" in info.value.problems["is_delegate"]
    # a landline with area code is fine
    assert (
        people.check_person({"name": "张三", "phone": "0839 7202201", "is_cadre": True})["phone"]
        == "0839-7202201"
    )


def test_duplicate_id_number_is_refused_and_nothing_written(office_db) -> None:
    with office_db.transaction() as s:
        people.save_person(s, {"name": "张三", "id_number": ID_A, "is_delegate": True})
    with pytest.raises(PersonError) as info, office_db.transaction() as s:
        people.save_person(s, {"name": "张叁", "id_number": ID_A, "is_delegate": True})
    assert "张三" in str(info.value)
    with office_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1


def test_station_move_and_groups_keep_history(office_db) -> None:
    with office_db.transaction() as s:
        a = make_station(s, "乔庄镇联络站")
        b = make_station(s, "青溪镇联络站")
        g1 = stations.save_group(s, a, "志愿服务小组").id
        g2 = stations.save_group(s, a, "创新创业小组").id
        pid = people.save_person(
            s, {"name": "李四", "is_delegate": True}, station_id=a, group_ids=[g1, g2]
        ).id
    with office_db.transaction() as s:
        people.save_person(
            s, {"name": "李四", "is_delegate": True}, pid, station_id=b, group_ids=[g2]
        )
    with office_db.session() as s:
        memberships = s.scalars(
            select(StationMembership).where(StationMembership.person_id == pid)
        ).all()
        assert {(m.station_id, m.end_date is None) for m in memberships} == {
            (a, False),
            (b, True),
        }
        groups = s.scalars(select(GroupMembership).where(GroupMembership.person_id == pid)).all()
        assert {(m.group_id, m.end_date is None) for m in groups} == {(g1, False), (g2, True)}
        tree = {n.name: n.delegates for n in stations.station_tree(s)}
        assert tree == {"乔庄镇联络站": 0, "青溪镇联络站": 1}
        assert [g.members for g in stations.station_groups(s, a)] == [1, 0]


def test_status_changes_are_appended_with_reason_and_order(office_db) -> None:
    with office_db.transaction() as s:
        pid = people.save_person(s, {"name": "王五", "is_delegate": True}, on=date(2025, 1, 1)).id
    with pytest.raises(PersonError) as info, office_db.transaction() as s:
        people.change_status(s, pid, "免职", date(2026, 3, 1), "")
    assert "原因" in str(info.value)
    with office_db.transaction() as s:
        people.change_status(s, pid, "辞职", date(2026, 3, 1), "工作调动")
    with pytest.raises(PersonError), office_db.transaction() as s:
        people.change_status(s, pid, "在任", date(2026, 2, 1), "重新当选")
    with office_db.transaction() as s:
        people.change_status(s, pid, "在任", date(2026, 6, 1), "补选")
    with office_db.session() as s:
        d = people.load_person(s, pid)
        assert d.status == "在任"
        assert [(h[1], h[2]) for h in d.history] == [
            ("在任", "新增登记"),
            ("辞职", "工作调动"),
            ("在任", "补选"),
        ]
        assert s.scalar(select(func.count()).select_from(StatusChange)) == 3


def test_photo_stored_replaced_and_removed(office_db) -> None:
    with office_db.transaction() as s:
        pid = people.save_person(s, {"name": "赵六", "is_delegate": True}).id
        people.set_photo(s, pid, b"\xff\xd8first")
    with office_db.transaction() as s:
        people.set_photo(s, pid, b"\xff\xd8second")
    with office_db.session() as s:
        assert people.load_person(s, pid).photo == b"\xff\xd8second"
    with pytest.raises(PersonError), office_db.transaction() as s:
        people.set_photo(s, pid, b"x" * (people.MAX_PHOTO_BYTES + 1))
    with office_db.transaction() as s:
        people.set_photo(s, pid, None)
    with office_db.session() as s:
        assert people.load_person(s, pid).photo is None


def test_links_editable_from_both_sides(office_db) -> None:
    with office_db.transaction() as s:
        c = people.save_person(s, {"name": "委员甲", "is_committee": True}).id
        d1 = people.save_person(s, {"name": "代表一", "is_delegate": True}).id
        d2 = people.save_person(s, {"name": "代表二", "is_delegate": True}).id
        links.set_links(s, links.LinkKind.COMMITTEE, c, [d1, d2], on=date(2026, 1, 1))
    with office_db.transaction() as s:
        # from the delegate's side: d2 is no longer contacted by c
        links.set_links(s, links.LinkKind.COMMITTEE, d2, [], side="right", on=date(2026, 5, 1))
    with office_db.session() as s:
        assert links.linked_ids(s, links.LinkKind.COMMITTEE, c) == [d1]
        assert links.linked_ids(s, links.LinkKind.COMMITTEE, d1, side="right") == [c]
        ended = s.scalars(select(CommitteeLink).where(CommitteeLink.end_date.is_not(None))).all()
        assert [(e.delegate_id, e.end_date) for e in ended] == [(d2, date(2026, 5, 1))]
    with office_db.transaction() as s:
        branch = links.add_branch(s, "乔庄镇中学团支部").id
        assert links.add_branch(s, "乔庄镇中学团支部").id == branch  # same name, same branch
        links.set_links(s, links.LinkKind.BRANCH, d1, [branch])
        links.set_links(s, links.LinkKind.MENTOR, c, [d1])
    with office_db.session() as s:
        assert links.linked_ids(s, links.LinkKind.BRANCH, branch, side="right") == [d1]
        assert links.linked_ids(s, links.LinkKind.MENTOR, d1, side="right") == [c]
    with pytest.raises(links.LinkError), office_db.transaction() as s:
        links.set_links(s, links.LinkKind.COMMITTEE, c, [c])
    with pytest.raises(links.LinkError), office_db.transaction() as s:
        links.set_links(s, links.LinkKind.BRANCH, d1, ["no-such-branch"])


def test_station_tree_edit_retire_and_groups(office_db) -> None:
    with office_db.transaction() as s:
        county = make_station(s, "青川县联络站", "县级联络站")
        town = make_station(s, "乔庄镇联络站", parent=county)
        make_station(s, "教育行业分站", "行业分站", parent=county)
    with pytest.raises(stations.StationError) as info, office_db.transaction() as s:
        make_station(s, "乔庄镇联络站")
    assert "已经有" in str(info.value)
    with pytest.raises(stations.StationError), office_db.transaction() as s:
        stations.retire_station(s, county)  # still has children
    with office_db.transaction() as s:
        stations.save_station(
            s,
            {
                "name": "乔庄镇联络站",
                "kind": "乡镇街道联络站",
                "leader_name": "张站长",
                "hours": "每周三 9:00-12:00",
            },
            town,
        )
        stations.retire_station(s, town, date(2026, 6, 30))
    with office_db.session() as s:
        names = [n.name for n in stations.station_tree(s)]
        assert names == ["青川县联络站", "教育行业分站"]
        assert stations.load_station(s, town)["leader_name"] == "张站长"
        all_names = [n.name for n in stations.station_tree(s, include_retired=True)]
        assert "乔庄镇联络站" in all_names
    with office_db.transaction() as s:
        g = stations.save_group(s, county, "志愿服务小组")
        with pytest.raises(stations.StationError):
            stations.save_group(s, county, "志愿服务小组")
        stations.remove_group(s, g.id)
    with office_db.session() as s:
        assert stations.station_groups(s, county) == []
