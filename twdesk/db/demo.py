"""Deterministic, realistic demo data for every table, fast enough for 10,000 people.

The same seed gives the same content (names, dates, texts, states); primary keys are still
unique per file, so two demo files never collide when merged. Rows are built as plain dicts
and written with Core bulk inserts: ORM objects would be ten times slower at this scale.
"""

from __future__ import annotations

import json
import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from twdesk.core.default_scheme import DEFAULT_SCHEME
from twdesk.core.evaluation_rules import scheme_to_dict
from twdesk.core.holidays import WorkCalendar, library_holidays
from twdesk.core.idcard import make_id_number
from twdesk.core.pinyin import name_keys
from twdesk.core.station_assessment import DEFAULT_CHECKLIST, Measure
from twdesk.core.vocab import (
    DEFAULT_ACTIVITY_TYPES,
    DEFAULT_GROUP_KINDS,
    DEFAULT_SECTORS,
    DEFAULT_VISIT_CATEGORIES,
    DEFAULT_YOUTH_FIELDS,
    AgeGroup,
    Attendance,
    Channel,
    Grade,
    OpinionStatus,
    PersonStatus,
    Satisfaction,
    StationKind,
    VisitorIdentity,
)
from twdesk.db.base import Base
from twdesk.db.models import EvalIndicator, EvalScheme

Progress = Callable[[int, str], None]

COUNTY = "青川县"
REGION = "510822"  # the ID-number region code used for demo people
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单区仇"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏浩宇轩梓涵欣怡子豪博文雨晨思远佳琪俊杰"
RARE_NAMES = ("曾䶮", "王㛃", "李龑", "陈赟", "张堃", "刘喆", "区犇", "单淼")
TOWNS = (
    "乔庄镇",
    "青溪镇",
    "房石镇",
    "关庄镇",
    "凉水镇",
    "竹园镇",
    "木鱼镇",
    "沙州镇",
    "姚渡镇",
    "三锅镇",
    "瓦砾乡",
    "白家乡",
    "马鹿乡",
    "曲河乡",
    "桥楼乡",
    "红光乡",
    "大院回族乡",
    "孔溪乡",
    "观音店乡",
    "茶坝乡",
    "城关街道",
    "河西街道",
    "东城街道",
    "南山街道",
)
SECTOR_STATIONS = ("非公企业行业分站", "教育系统行业分站", "卫生健康行业分站", "新兴领域行业分站")
UNITS = (
    "县人民医院",
    "县第一中学",
    "县农业农村局",
    "县供电公司",
    "乔庄镇人民政府",
    "青溪镇中心小学",
    "县交通运输局",
    "县融媒体中心",
    "县市场监管局",
    "青川农商银行",
    "县妇幼保健院",
    "竹园镇农业服务中心",
    "县茶叶合作社",
    "县电商产业园",
    "县消防救援大队",
    "县文化馆",
    "县税务局",
    "县公安局",
    "青川宾馆",
    "县实验小学",
)
POSITIONS = (
    "职员",
    "教师",
    "医生",
    "护士",
    "村党支部书记",
    "村团支部书记",
    "技术员",
    "个体经营者",
    "社区工作者",
    "团委书记",
)
POLITICAL = ("共青团员",) * 5 + ("中共党员",) * 3 + ("中共预备党员", "群众")
ETHNICITIES = ("汉族",) * 12 + ("回族", "藏族", "羌族")
EDUCATION = ("大学本科",) * 4 + ("大学专科",) * 3 + ("硕士研究生", "高中", "中专")
TERMS = ("第十六届",)
VISIT_CONTENT: dict[str, tuple[str, ...]] = {
    "就业创业": (
        "想了解返乡创业贷款政策",
        "咨询县里今年的青年就业见习岗位",
        "希望推荐电商创业培训",
        "开网店缺少启动资金",
    ),
    "技能培训": (
        "希望开办电工证培训班",
        "想学习直播带货技能",
        "咨询茶叶加工技术培训",
        "希望组织驾驶技能培训",
    ),
    "心理健康": (
        "孩子备考压力大，想找心理老师聊聊",
        "工作压力大，睡眠不好",
        "希望学校增加心理辅导课",
    ),
    "婚恋交友": ("希望团委组织青年联谊活动", "单身青年交友渠道少", "建议举办集体婚礼"),
    "法律维权": ("工资被拖欠三个月", "租房押金不退，咨询怎么维权", "网购被骗，想了解报案流程"),
    "助学帮困": (
        "家庭困难，孩子上大学学费不够",
        "咨询助学贷款办理流程",
        "希望为留守儿童提供课后辅导",
    ),
    "志愿服务": ("想报名参加志愿服务队", "建议组织河道清洁志愿活动", "希望为敬老院开展志愿服务"),
    "社区治理": ("村里路灯坏了很久没人修", "建议在广场增设健身器材", "小区停车难，希望规划车位"),
    "其他": ("咨询团组织关系转接", "想了解入团流程", "建议开放图书室晚间时间"),
}
DEPARTMENTS = (
    "县人社局",
    "县教育局",
    "县民政局",
    "县司法局",
    "县卫健局",
    "县住建局",
    "县交通运输局",
    "县农业农村局",
    "乡镇人民政府",
    "县团委",
)
RESULTS = (
    "已协调相关部门解决",
    "已答复政策并提供办理指引",
    "已纳入明年工作计划",
    "已安排专人跟进并办结",
)
FEEDBACK_METHODS = ("电话回访", "当面告知", "微信告知", "书面答复")
ACTIVITY_TITLES: dict[str, tuple[str, ...]] = {
    "会议": ("联络站季度工作会议", "团代表履职座谈会", "团县委全委会"),
    "学习培训": ("团代表履职能力培训", "青年理论学习小组学习", "团的二十大精神专题学习"),
    "坐班接待": ("驻站坐班接待青年",),
    "联系青年": ("走访联系返乡青年", "联系青年企业家座谈", "入户走访困难青年"),
    "联系团支部": ("到村团支部指导组织生活会", "联系学校团支部开展主题团日"),
    "领办项目": ("青微项目推进会", "领办项目现场服务"),
    "志愿服务": ("河道清洁志愿服务", "敬老院关爱志愿服务", "文明交通劝导"),
    "宣讲": ("青年宣讲进村社", "理论宣讲进校园"),
    "调研": ("青年就业情况调研", "农村青年创业调研"),
    "专项小组活动": ("专项小组月度活动", "关心关爱留守儿童活动"),
    "开放日": ("联络站开放日",),
    "其他": ("青年联谊活动", "主题团日活动"),
}
# 联系青年 entries are made per delegate (_youth_contacts) so that the 1+100 targets look real
OTHER_ACTIVITY_TYPES = tuple(t for t in DEFAULT_ACTIVITY_TYPES if t != "联系青年")
PROJECT_NAMES = (
    "青苗助学",
    "电商助农直播间",
    "留守儿童四点半课堂",
    "青年创业沙龙",
    "清河护河行动",
    "银龄关爱",
    "青春普法",
)


class _Ids:
    """Random UUIDs from a stream seeded per file: unique across files, cheap to make."""

    def __init__(self, seed: str) -> None:
        self._rng = random.Random(seed)

    def __call__(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


def build_demo(
    conn: Connection,
    office_id: str,
    *,
    stations: int = 12,
    delegates: int = 150,
    years: int = 2,
    seed: int = 1,
    visits: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill a new, seeded database (default lists and scheme present) through `conn`.

    The caller owns the transaction. Returns the number of rows written per table.
    """
    return _DemoBuilder(conn, office_id, seed, today or date.today(), progress).build(
        stations=max(1, stations),
        delegates=max(1, delegates),
        years=max(1, years),
        visits=visits if visits is not None else delegates * 3 * years,
    )


class _DemoBuilder:
    def __init__(
        self, conn: Connection, office_id: str, seed: int, today: date, progress: Progress | None
    ) -> None:
        self.conn = conn
        self.rng = random.Random(seed)
        self.new_id = _Ids(f"{seed}:{office_id}")
        self.today = today
        self.progress = progress or (lambda _pct, _msg: None)
        stamp = datetime.combine(today, time(9, 0))
        self.common = {"origin_office_id": office_id, "created_at": stamp, "updated_at": stamp}
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.engagement: dict[str, str] = {}  # active delegate id → "met" / "near" / "far"
        self.branches: dict[str, list[str]] = defaultdict(list)  # station id → its branches

    # --- helpers -----------------------------------------------------------------------

    def add(self, table: str, **values: Any) -> str:
        values.setdefault("id", self.new_id())
        self.rows[table].append({**self.common, **values})
        return values["id"]

    def flush(self) -> dict[str, int]:
        counts = {}
        if self.conn.dialect.name == "sqlite":
            # Index pages of random UUID keys are touched all over: keep them in memory (~1 GB).
            self.conn.exec_driver_sql("PRAGMA cache_size = -1000000")
        tables: dict[str, Table] = dict(Base.metadata.tables)
        ordered = [t.name for t in Base.metadata.sorted_tables if t.name in self.rows]
        total = sum(len(self.rows[name]) for name in ordered) or 1
        done = 0
        for name in ordered:
            rows = self.rows.pop(name)
            self._insert(tables[name], rows)
            counts[name] = len(rows)
            done += len(rows)
            self.progress(50 + int(50 * done / total), f"写入 {name}")
        return counts

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Bulk insert through the driver's executemany, values converted by the column types.

        Core's insert() does the same conversions per row with more overhead (about 2× slower
        here); drivers with another parameter style simply take the Core path.
        """
        dialect = self.conn.dialect
        marker = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
        if marker is None:
            for start in range(0, len(rows), 5000):
                self.conn.execute(insert(table), rows[start : start + 5000])
            return
        columns = list(rows[0])
        processors = [
            table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns
        ]
        sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
            table.name, ", ".join(f'"{c}"' for c in columns), ", ".join([marker] * len(columns))
        )
        converters = [(i, proc) for i, proc in enumerate(processors) if proc is not None]
        for start in range(0, len(rows), 20000):
            batch = []
            for row in rows[start : start + 20000]:
                values = [row[c] for c in columns]
                for i, proc in converters:
                    if values[i] is not None:
                        values[i] = proc(values[i])
                batch.append(tuple(values))
            self.conn.exec_driver_sql(sql, batch)

    def name(self) -> str:
        rng = self.rng
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        return rng.choice(SURNAMES) + given

    def phone(self) -> str:
        return self.rng.choice(("138", "139", "135", "151", "158", "187", "189", "199", "177")) + (
            f"{self.rng.randrange(10**8):08d}"
        )

    # --- the build -----------------------------------------------------------------------

    def build(self, *, stations: int, delegates: int, years: int, visits: int) -> dict[str, int]:
        year_list = list(range(self.today.year - years + 1, self.today.year + 1))
        self.progress(0, "生成节假日")
        calendar = self._holidays(year_list)
        self.progress(5, "生成联络站")
        station_ids, groups = self._stations(stations)
        self.progress(10, "生成人员")
        members = self._people(delegates, station_ids, groups, year_list)
        self.progress(20, "生成坐班排班")
        duty = self._duty(station_ids, members, year_list, calendar)
        self.progress(30, "生成来访登记")
        self._visits(visits, duty, calendar)
        self.progress(40, "生成履职记录")
        self._activities(station_ids, members, groups, year_list)
        self.progress(45, "生成履职考核")
        self._evaluations(station_ids, members, year_list)
        self.progress(48, "生成联系青年名册")
        self._contact_books(members)
        self._station_assessment(station_ids)
        counts = self.flush()
        self.progress(100, "完成")
        return counts

    def _station_assessment(self, station_ids: list[tuple[str, str]]) -> None:
        """This year's checklist with the inspection item scored at every station, and a
        rectification ledger: some problems put right, some being followed, one overdue."""
        year, today, rng = self.today.year, self.today, self.rng
        inspection = ""
        for spec in DEFAULT_CHECKLIST:
            item_id = self.add(
                "station_check_item",
                year=year,
                seq=spec.seq,
                name=spec.name,
                points=float(spec.points),
                measure=str(spec.measure),
                param=float(spec.param),
                notes="",
            )
            if spec.measure == Measure.INSPECTION:
                inspection, points = item_id, float(spec.points)
        for sid, _name in station_ids:
            if inspection:
                score = rng.choice((points, points - 1, points - 2, points - 3))
                note = "阵地规范，标识齐全" if score == points else "标识不全，资料柜未分类"
                self.add(
                    "station_check_score",
                    item_id=inspection,
                    station_id=sid,
                    score=score,
                    note=note,
                )
        problems = (
            ("五公开上墙", "五公开栏未更新本年度工作计划", "站长"),
            ("来访登记规范", "来访登记缺少来访青年联系方式", "值班团代表"),
            ("按时开放坐班", "3 月有两个坐班日未开放", "站长"),
            ("意见建议按时办理", "2 条意见建议超过办理期限未反馈", "联络员"),
            ("阵地建设（现场检查）", "站点门牌和指引标识缺失", "乡镇团委书记"),
        )
        for k, (sid, _name) in enumerate(station_ids[1::2]):  # every other township station
            item, text, who = problems[k % len(problems)]
            found = today - timedelta(days=20 + 9 * k)
            state = k % 3  # 0 put right, 1 being followed, 2 overdue
            deadline = found + timedelta(days=60 if state == 1 else 10 if state == 2 else 30)
            self.add(
                "rectification",
                station_id=sid,
                item=item,
                description=text,
                found_on=found,
                deadline=deadline,
                responsible=who,
                follow_up=f"{found + timedelta(days=3):%Y-%m-%d} 已电话督办" if state else "",
                closed_on=found + timedelta(days=12) if state == 0 else None,
                closing_note="已整改到位，现场复核通过" if state == 0 else "",
                deleted_at=None,
                deleted_by=None,
            )

    def _holidays(self, year_list: list[int]) -> WorkCalendar:
        entries = []
        for year in year_list:
            known = library_holidays(year)
            if known is None:
                continue
            self.add("holiday_year", year=year, source="chinesecalendar", confirmed_by="演示数据")
            for e in known:
                self.add(
                    "holiday", day=e.day, kind=str(e.kind), name=e.name, source="chinesecalendar"
                )
                entries.append((e.day, str(e.kind)))
        return WorkCalendar(entries)

    def _stations(self, count: int) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
        rng = self.rng
        county_id = self.add(
            "station",
            name=f"{COUNTY}团代表联络站",
            kind=str(StationKind.COUNTY),
            parent_id=None,
            address=f"{COUNTY}乔庄镇青年路8号团县委一楼",
            hours="每周三 9:00-12:00",
            sort_order=0,
            leader_name="李晓东",
            leader_phone="0839-7202201",
            contact_phone="0839-7202201",
            duties="收集青年意见建议；组织团代表驻站接待；跟踪督办交办事项；开展履职培训。",
            rules="团代表每月驻站坐班不少于1次；接待情况当日登记；意见建议7个工作日内交办。",
            pledges="有问必答、有难必帮、有诉必应。",
            yearly_plan="一月一主题、一季一总结；全年开展集中接待12次、专题调研4次。",
            notes="",
        )
        result = [(county_id, f"{COUNTY}团代表联络站")]
        n_sector = min(len(SECTOR_STATIONS), max(0, (count - 1) // 5))
        names = [
            (t + "团代表联络站", StationKind.TOWNSHIP)
            for t in TOWNS[: max(0, count - 1 - n_sector)]
        ]
        names += [(s, StationKind.SECTOR) for s in SECTOR_STATIONS[:n_sector]]
        extra = count - 1 - len(names)
        names += [
            (f"第{i + 1}片区团代表联络站", StationKind.TOWNSHIP) for i in range(max(0, extra))
        ]
        for i, (name, kind) in enumerate(names, 1):
            leader = self.name()
            sid = self.add(
                "station",
                name=name,
                kind=str(kind),
                parent_id=county_id,
                address=f"{name.removesuffix('团代表联络站')}党群服务中心二楼",
                hours=rng.choice(
                    ("每周三 9:00-12:00", "每月15日 9:00-17:00", "每周五 14:30-17:30")
                ),
                sort_order=i,
                leader_name=leader,
                leader_phone=self.phone(),
                contact_phone=self.phone(),
                duties="倾听青年呼声，收集意见建议，帮助青年解决急难愁盼问题。",
                rules="驻站坐班制度、来访登记制度、交办督办制度、履职档案制度。",
                pledges="件件有回音、事事有着落。",
                yearly_plan="季度开展一次主题接待日，年底形成履职报告。",
                notes="",
            )
            result.append((sid, name))
        groups: dict[str, list[str]] = {}
        for sid, name in result:
            kinds = rng.sample(DEFAULT_GROUP_KINDS, rng.randint(2, 4))
            groups[sid] = [
                self.add(
                    "special_group",
                    station_id=sid,
                    name=f"{kind}小组",
                    kind=kind,
                    leader_id=None,
                    description=f"{name}{kind}专项小组",
                )
                for kind in kinds
            ]
        return result, groups

    def _person(
        self, name: str, *, since: date, reason: str, birth_from: int, birth_to: int, **flags: Any
    ) -> tuple[str, dict[str, Any]]:
        """A person with the status history row their current status starts from."""
        rng = self.rng
        gender = rng.choice(("男", "女"))
        born = date(rng.randint(birth_from, birth_to), rng.randint(1, 12), rng.randint(1, 28))
        pinyin, initials = name_keys(name)
        values = {
            "name": name,
            "name_pinyin": pinyin,
            "name_initials": initials,
            "gender": gender,
            "birth_date": born,
            "ethnicity": rng.choice(ETHNICITIES),
            "political_status": rng.choice(POLITICAL),
            "education": rng.choice(EDUCATION),
            "id_number": make_id_number(REGION, born, rng.randrange(100), gender),
            "phone": self.phone(),
            "wechat": f"wx_{initials}{rng.randrange(1000, 9999)}",
            "unit": rng.choice(UNITS),
            "position": rng.choice(POSITIONS),
            "address": "",
            "is_delegate": True,
            "is_committee": False,
            "is_past_delegate": False,
            "is_cadre": False,
            "level": "",
            "sector": rng.choice(DEFAULT_SECTORS),
            "term": TERMS[0],
            "status": str(PersonStatus.ACTIVE),
            "notes": "",
            "deleted_at": None,
            "deleted_by": None,
            **flags,
        }
        pid = self.add("person", **values)
        row = self.rows["person"][-1]
        self.add(
            "status_change",
            person_id=pid,
            status=values["status"],
            changed_on=since,
            reason=reason,
            recorded_by="演示数据",
        )
        return pid, row

    def _people(
        self,
        count: int,
        stations: list[tuple[str, str]],
        groups: dict[str, list[str]],
        year_list: list[int],
    ) -> dict[str, list[tuple[str, str]]]:
        """People of every role; returns the active delegates per station as (person id, level)."""
        rng = self.rng
        term_start = date(year_list[0], 1, 1) - timedelta(days=rng.randint(200, 500))
        members: dict[str, list[tuple[str, str]]] = {sid: [] for sid, _ in stations}
        for i in range(count):
            sid, _ = stations[i % len(stations)] if i < len(stations) * 3 else rng.choice(stations)
            level = rng.choice(("县", "乡镇", "乡镇", "乡镇", "市")) if i % len(stations) else "县"
            name = RARE_NAMES[i] if i < len(RARE_NAMES) else self.name()
            pid, values = self._person(
                name,
                since=term_start,
                reason="当选团代表",
                birth_from=1988,
                birth_to=2004,
                level=level,
                is_cadre=rng.random() < 0.05,
            )
            ended = rng.random()
            if ended < 0.05:
                status, reason = rng.choice(
                    (
                        ("免职", "工作调动离开本县"),
                        ("辞职", "本人申请辞去团代表职务"),
                        ("届满", "年龄超过团员年龄"),
                    )
                )
                changed = self.today - timedelta(days=rng.randint(20, 300))
                self.add(
                    "status_change",
                    person_id=pid,
                    status=status,
                    changed_on=changed,
                    reason=reason,
                    recorded_by="演示数据",
                )
                values["status"] = status  # the person row's status is the latest change
            else:
                members[sid].append((pid, level))
            self.add(
                "station_membership",
                station_id=sid,
                person_id=pid,
                role="进站代表",
                start_date=term_start,
                end_date=None,
            )
            if groups[sid] and rng.random() < 0.6:
                self.add(
                    "group_membership",
                    group_id=rng.choice(groups[sid]),
                    person_id=pid,
                    role="成员",
                    start_date=term_start,
                    end_date=None,
                )
        # roles beyond delegates
        all_delegates = [pid for lst in members.values() for pid, _ in lst]
        for _ in range(max(2, count // 20)):
            pid, _v = self._person(
                self.name(),
                since=term_start,
                reason="当选委员",
                birth_from=1985,
                birth_to=1998,
                is_delegate=False,
                is_committee=True,
                is_cadre=True,
                level="县",
                position="团县委委员",
            )
            for delegate in rng.sample(all_delegates, min(len(all_delegates), rng.randint(3, 8))):
                self.add(
                    "committee_link",
                    committee_id=pid,
                    delegate_id=delegate,
                    start_date=term_start,
                    end_date=None,
                )
        for _ in range(max(2, count // 12)):
            pid, _v = self._person(
                self.name(),
                since=term_start,
                reason="上届任期届满",
                birth_from=1978,
                birth_to=1990,
                is_delegate=False,
                is_past_delegate=True,
                term="第十五届",
                status="届满",
            )
            for mentee in rng.sample(all_delegates, min(len(all_delegates), rng.randint(1, 4))):
                self.add(
                    "mentorship",
                    mentor_id=pid,
                    mentee_id=mentee,
                    start_date=term_start,
                    end_date=None,
                )
        # how hard each delegate works at 1+100: most reach it, a few lag, a few hardly start
        for pid in all_delegates:
            r = rng.random()
            self.engagement[pid] = "far" if r < 0.07 else ("near" if r < 0.17 else "met")
        # youth branches and who contacts them
        for sid, name in stations:
            for k in range(rng.randint(2, 5)):
                self.branches[sid].append(
                    self.add(
                        "youth_branch",
                        name=f"{name.removesuffix('团代表联络站')}{rng.choice(('中心村', '中学', '卫生院', '企业', '社区'))}团支部{k + 1}",
                        unit="",
                        station_id=sid,
                        secretary=self.name(),
                        phone=self.phone(),
                        member_count=rng.randint(8, 60),
                        deleted_at=None,
                        deleted_by=None,
                    )
                )
        no_branch = {"met": 0.03, "near": 0.1, "far": 0.5}
        for sid, people in members.items():
            for pid, _level in people:
                if rng.random() < no_branch[self.engagement[pid]]:
                    continue
                own = self.branches[sid]
                for branch in rng.sample(own, min(len(own), rng.choice((1, 1, 1, 2)))):
                    self.add(
                        "branch_contact",
                        delegate_id=pid,
                        branch_id=branch,
                        start_date=term_start,
                        end_date=None,
                        notes="",
                    )
        for pid in rng.sample(all_delegates, max(1, len(all_delegates) // 15)):
            level = rng.choice(("县", "县", "市", "省"))
            self.add(
                "commendation",
                person_id=pid,
                level=level,
                title=f"{level}级优秀共青团员" if level != "省" else "省级青年岗位能手",
                awarded_on=date(rng.choice(year_list), rng.randint(3, 6), 4),
                issuer=f"共青团{ {'县': COUNTY, '市': '广元市', '省': '四川省'}[level] }委员会",
            )
        return members

    def _duty(
        self,
        stations: list[tuple[str, str]],
        members: dict[str, list[tuple[str, str]]],
        year_list: list[int],
        calendar: WorkCalendar,
    ) -> list[tuple[str, date, str | None]]:
        """Duty days as (station id, day, duty delegate id)."""
        rng = self.rng
        days_out: list[tuple[str, date, str | None]] = []
        for idx, (sid, _) in enumerate(stations):
            weekly = idx % 3 != 2
            rule_id = self.add(
                "duty_rule",
                station_id=sid,
                kind="weekly" if weekly else "monthly_day",
                weekday=2 if weekly else None,
                month_day=None if weekly else 15,
                nth=None,
                start_time=time(9, 0),
                end_time=time(12, 0),
                per_day=1,
                mix_levels=False,
                on_holiday="next",
                valid_from=date(year_list[0], 1, 1),
                valid_to=None,
            )
            people = [pid for pid, _ in members[sid]]
            turn = 0
            last_assignment: str | None = None
            for year in year_list:
                planned = []
                if weekly:
                    d = date(year, 1, 1)
                    d += timedelta(days=(2 - d.weekday()) % 7)
                    while d.year == year:
                        planned.append(d)
                        d += timedelta(days=7)
                else:
                    planned = [date(year, m, 15) for m in range(1, 13)]
                seen = set()
                for p in planned:
                    day = calendar.next_workday(p)
                    if day in seen or day.year != year:
                        continue
                    seen.add(day)
                    day_id = self.add(
                        "duty_day",
                        station_id=sid,
                        day=day,
                        rule_id=rule_id,
                        start_time=time(9, 0),
                        end_time=time(12, 0),
                        moved_from=p if day != p else None,
                        cancelled=False,
                        notes="",
                    )
                    if not people:
                        days_out.append((sid, day, None))
                        continue
                    person = people[turn % len(people)]
                    turn += 1
                    attendance, substitute, note = str(Attendance.UNRECORDED), None, ""
                    if day <= self.today:
                        r = rng.random()
                        if r < 0.78:
                            attendance = str(Attendance.PRESENT)
                        elif r < 0.84:
                            attendance, note = str(Attendance.ABSENT), "未到岗，未请假"
                        elif r < 0.90:
                            attendance, note = (
                                str(Attendance.LEAVE),
                                rng.choice(("出差", "生病", "单位有紧急任务")),
                            )
                        elif r < 0.95 and len(people) > 1:
                            attendance = str(Attendance.SUBSTITUTED)
                            substitute = people[(turn + 1) % len(people)]
                            note = "临时有事，由其他代表替班"
                    assignment = self.add(
                        "duty_assignment",
                        duty_day_id=day_id,
                        person_id=person,
                        attendance=attendance,
                        substitute_id=substitute,
                        attendance_note=note,
                        recorded_at=datetime.combine(day, time(12, 5))
                        if attendance != Attendance.UNRECORDED
                        else None,
                        recorded_by="站务管理员" if attendance != Attendance.UNRECORDED else "",
                    )
                    if substitute:
                        self.add(
                            "duty_swap",
                            kind="替班",
                            assignment_id=assignment,
                            other_assignment_id=None,
                            from_person_id=person,
                            to_person_id=substitute,
                            reason=note,
                            done_at=datetime.combine(day - timedelta(days=1), time(16, 0)),
                            done_by="站务管理员",
                        )
                    elif last_assignment and rng.random() < 0.02:
                        other = people[(turn + 2) % len(people)]
                        self.add(
                            "duty_swap",
                            kind="换班",
                            assignment_id=assignment,
                            other_assignment_id=last_assignment,
                            from_person_id=person,
                            to_person_id=other,
                            reason="两位代表协商换班",
                            done_at=datetime.combine(day - timedelta(days=3), time(10, 0)),
                            done_by="站务管理员",
                        )
                    last_assignment = assignment
                    days_out.append((sid, day, substitute or person))
        return days_out

    def _visits(
        self, count: int, duty: list[tuple[str, date, str | None]], calendar: WorkCalendar
    ) -> None:
        rng = self.rng
        past_days = [d for d in duty if d[1] <= self.today] or duty
        numbers: dict[int, int] = defaultdict(int)
        flow = list(OpinionStatus)
        age_groups = [a.value for a in list(AgeGroup)[1:3] * 3 + list(AgeGroup)]
        identities = [i.value for i in VisitorIdentity]
        channels = [c.value for c in [Channel.VISIT] * 6 + list(Channel)]
        satisfactions = [
            s.value
            for s in [Satisfaction.SATISFIED] * 7
            + [Satisfaction.BASICALLY] * 2
            + [Satisfaction.UNSATISFIED]
        ]
        places = [
            t.removesuffix("镇").removesuffix("乡") + k
            for t in TOWNS
            for k in ("村", "社区", "中学")
        ]
        minutes = (0, 10, 20, 30, 40, 50)
        visit_times = [time(h, m) for h in (9, 10, 11) for m in minutes]
        workday_after = {}

        def add_workdays(day: date, n: int) -> date:
            key = (day, n)
            if key not in workday_after:
                workday_after[key] = calendar.add_workdays(day, n)
            return workday_after[key]

        for _ in range(count):
            sid, day, receiver = rng.choice(past_days)
            category = rng.choice(DEFAULT_VISIT_CATEGORIES)
            anonymous = rng.random() < 0.08
            vid = self.add(
                "visit",
                station_id=sid,
                duty_day_id=None,
                received_by_id=receiver,
                visit_date=day,
                visit_time=rng.choice(visit_times),
                visitor_name="" if anonymous else self.name(),
                anonymous=anonymous,
                gender=rng.choice(("男", "女")),
                age_group=rng.choice(age_groups),
                identity=rng.choice(identities),
                phone="" if anonymous or rng.random() < 0.3 else self.phone(),
                unit_or_village=rng.choice(places),
                channel=rng.choice(channels),
                category=category,
                content=rng.choice(VISIT_CONTENT[category]),
                people_count=1 if rng.random() < 0.92 else rng.randint(2, 6),
                recorded_by="坐班代表",
                deleted_at=None,
                deleted_by=None,
            )
            if rng.random() >= 0.6:
                continue
            for _k in range(rng.choice((1, 1, 1, 2, 3))):
                numbers[day.year] += 1
                age = (self.today - day).days
                # older items are further along the workflow
                if age <= 14:
                    reach = rng.randint(0, 2)
                elif rng.random() < 0.03:
                    reach = 0  # never acted upon: a backlog the office should see
                else:
                    reach = min(4, int(rng.random() * 5 + min(age, 120) / 40))
                status = flow[reach]
                steps = []  # 已登记 is the item's own creation; steps are the moves after it
                assigned = deadline = handled = fed_back = None
                department = responsible = result = method = satisfaction = ""
                if reach >= 1:
                    # nothing in the record may be dated after "today"
                    assigned = min(self.today, add_workdays(day, rng.randint(0, 2)))
                    deadline = add_workdays(assigned, 7)
                    department = rng.choice(DEPARTMENTS)
                    responsible = self.name()
                    steps.append((OpinionStatus.ASSIGNED, assigned, f"交办{department}"))
                if (
                    reach in (1, 2)
                    and deadline is not None
                    and deadline < self.today
                    and rng.random() < 0.75
                ):
                    reach, status = 3, flow[3]  # most get handled in the end; the rest are overdue
                if reach >= 2 and assigned:
                    steps.append(
                        (
                            OpinionStatus.IN_PROGRESS,
                            min(self.today, add_workdays(assigned, 1)),
                            "部门已接收，正在办理",
                        )
                    )
                if reach >= 3 and assigned:
                    handled = min(self.today, add_workdays(assigned, rng.randint(2, 9)))
                    result = rng.choice(RESULTS)
                    steps.append((OpinionStatus.HANDLED, handled, result))
                if reach >= 4 and handled:
                    fed_back = min(self.today, handled + timedelta(days=rng.randint(0, 3)))
                    method = rng.choice(FEEDBACK_METHODS)
                    satisfaction = rng.choice(satisfactions)
                    steps.append((OpinionStatus.FED_BACK, fed_back, method))
                step_times = [datetime.combine(on, time(15, 0)) for _s, on, _n in steps]
                item = self.add(
                    "opinion_item",
                    visit_id=vid,
                    number=f"{day.year}-{numbers[day.year]:05d}",
                    category=category,
                    content=rng.choice(VISIT_CONTENT[category]),
                    status=str(status),
                    department=department,
                    responsible=responsible,
                    assigned_on=assigned,
                    deadline=deadline,
                    handled_on=handled,
                    result=result,
                    fed_back_on=fed_back,
                    feedback_method=method,
                    satisfaction=satisfaction,
                    adopted=reach >= 3 and rng.random() < 0.1,
                    deleted_at=None,
                    deleted_by=None,
                )
                previous = str(OpinionStatus.REGISTERED)
                for (to_status, on, note), done_at in zip(steps, step_times, strict=True):
                    self.add(
                        "opinion_step",
                        item_id=item,
                        from_status=previous,
                        to_status=str(to_status),
                        done_on=on,
                        done_at=done_at,
                        done_by="站务管理员",
                        note=note,
                    )
                    previous = str(to_status)

    def _activities(
        self,
        stations: list[tuple[str, str]],
        members: dict[str, list[tuple[str, str]]],
        groups: dict[str, list[str]],
        year_list: list[int],
    ) -> None:
        rng = self.rng
        for sid, name in stations:
            people = [pid for pid, _ in members[sid]]
            if not people:
                continue
            projects = []
            for year in year_list:
                for _ in range(rng.randint(1, 2)):
                    leader = rng.choice(people)
                    pid = self.add(
                        "project",
                        name=f"{year}年{rng.choice(PROJECT_NAMES)}项目（{name.removesuffix('团代表联络站')}）",
                        station_id=sid,
                        leader_id=leader,
                        start_date=date(year, rng.randint(2, 5), 1),
                        end_date=date(year, 12, 31),
                        youth_served=rng.randint(30, 400),
                        description="由团代表领办的青年服务项目",
                        deleted_at=None,
                        deleted_by=None,
                    )
                    projects.append((year, pid))
                    picked = rng.sample(people, min(len(people), rng.randint(1, 4)))
                    team = dict.fromkeys([leader, *picked])  # a set would order by UUID hash
                    for person in team:
                        self.add(
                            "project_member",
                            project_id=pid,
                            person_id=person,
                            role="领办" if person == leader else "参与",
                        )
                self._youth_contacts(sid, people, year)
                self._station_events(sid, people, year)
                n = max(4, len(people) * 2)
                for _ in range(n):
                    day = date(year, rng.randint(1, 12), rng.randint(1, 28))
                    if day > self.today:
                        continue
                    kind = rng.choice(OTHER_ACTIVITY_TYPES)
                    self_reported = rng.random() < 0.4
                    confirmation = "已确认"
                    note = ""
                    if self_reported:
                        r = rng.random()
                        confirmation = "待确认" if r < 0.2 else ("已退回" if r < 0.27 else "已确认")
                        note = "请补充活动照片和参与人数" if confirmation == "已退回" else ""
                    size = (
                        rng.randint(2, 6)  # done together: volunteering, talks, groups
                        if kind in ("志愿服务", "宣讲", "专项小组活动", "开放日")
                        else rng.choice((1, 1, 2, 3, 5))
                    )
                    participants = rng.sample(people, min(len(people), size))
                    project = (
                        next((p for y, p in projects if y == year), None)
                        if kind == "领办项目"
                        else None
                    )
                    aid = self.add(
                        "activity",
                        station_id=sid,
                        activity_type=kind,
                        activity_date=day,
                        title=rng.choice(ACTIVITY_TITLES[kind]),
                        place=rng.choice(("联络站", "村委会", "学校", "企业", "社区广场")),
                        youth_count=rng.randint(5, 80)
                        if kind in ("联系青年", "志愿服务", "宣讲", "开放日")
                        else rng.randint(0, 20),
                        project_id=project,
                        group_id=rng.choice(groups[sid])
                        if kind == "专项小组活动" and groups[sid]
                        else None,
                        branch_id=rng.choice(self.branches[sid])
                        if kind == "联系团支部" and self.branches[sid]
                        else None,
                        notes="",
                        source="分账本" if self_reported else "总账本",
                        recorded_by_id=participants[0] if self_reported else None,
                        confirmation=confirmation,
                        confirmation_note=note,
                        confirmed_at=datetime.combine(day + timedelta(days=3), time(10, 0))
                        if confirmation != "待确认"
                        else None,
                        deleted_at=None,
                        deleted_by=None,
                    )
                    for person in participants:
                        self.add(
                            "activity_participant", activity_id=aid, person_id=person, absent=False
                        )

    def _station_events(self, sid: str, people: list[str], year: int) -> None:
        """The station's own calendar — a meeting each quarter and a year-end one, two trainings
        at the station and two in the county — and what the keenest delegates add on their own
        (volunteering, talks): what the 参加会议, 学习培训, 志愿服务 and 宣讲 indicators count.
        Each delegate has a steady keenness, so a year's evaluation spreads from 优秀 down."""
        rng = self.rng
        keen = {person: rng.random() for person in people}
        events = [("会议", m) for m in (3, 6, 9, 11, 12)] + [("学习培训", m) for m in (4, 5, 9, 10)]
        for kind, month in events:
            day = date(year, month, rng.randint(5, 25))
            if day <= self.today:
                came = [p for p in people if rng.random() < 0.45 + 0.55 * keen[p]]
                # a few of those missing a meeting had not asked for leave (无故缺席)
                away = [
                    p for p in people if p not in came and kind == "会议" and rng.random() < 0.2
                ]
                self._event(sid, kind, day, came, away)
        for person in people:
            for kind in ("志愿服务",) * round(6 * keen[person] ** 2) + ("宣讲",) * round(
                2 * keen[person]
            ):
                day = date(year, rng.randint(1, 12), rng.randint(1, 28))
                if day <= self.today:
                    others = rng.sample(people, min(len(people), rng.randint(0, 2)))
                    self._event(sid, kind, day, list(dict.fromkeys([person, *others])))

    def _event(
        self, sid: str, kind: str, day: date, participants: list[str], absent: Sequence[str] = ()
    ) -> None:
        """One activity the station recorded (总账本), already confirmed."""
        if not participants:
            return
        aid = self.add(
            "activity",
            station_id=sid,
            activity_type=kind,
            activity_date=day,
            title=self.rng.choice(ACTIVITY_TITLES[kind]),
            place="联络站" if kind in ("会议", "学习培训") else "社区广场",
            youth_count=self.rng.randint(10, 60) if kind in ("志愿服务", "宣讲") else 0,
            project_id=None,
            group_id=None,
            branch_id=None,
            notes="",
            source="总账本",
            recorded_by_id=None,
            confirmation="已确认",
            confirmation_note="",
            confirmed_at=datetime.combine(day + timedelta(days=1), time(10, 0)),
            deleted_at=None,
            deleted_by=None,
        )
        for person in participants:
            self.add("activity_participant", activity_id=aid, person_id=person, absent=False)
        for person in absent:
            self.add("activity_participant", activity_id=aid, person_id=person, absent=True)

    def _youth_contacts(self, sid: str, people: list[str], year: int) -> None:
        """联系青年 entries for each delegate: a year's worth of 人次 around their 1+100 target
        (most past it, some just short, a few far behind). In the current year the year's work
        falls between 1 January and today, so the targets page looks like a working office
        whatever the date."""
        rng = self.rng
        first = date(year, 1, 1)
        span = (min(self.today, date(year, 12, 31)) - first).days + 1
        if span <= 0:
            return
        share = {"met": (1.0, 1.8), "near": (0.7, 0.97), "far": (0.05, 0.45)}
        titles = ACTIVITY_TITLES["联系青年"]
        places = ("村委会", "社区", "学校", "企业", "青年之家", "田间地头")
        for person in people:
            low, high = share[self.engagement[person]]
            total = round(100 * rng.uniform(low, high))
            visits = rng.choice((2, 2, 3, 3))
            weights = [rng.uniform(0.5, 1.5) for _ in range(visits)]
            counts = [max(1, round(total * w / sum(weights))) for w in weights]
            for youth in counts:
                day = first + timedelta(days=rng.randrange(span))
                self_reported = rng.random() < 0.3
                pending = self_reported and (self.today - day).days < 20 and rng.random() < 0.5
                aid = self.add(
                    "activity",
                    station_id=sid,
                    activity_type="联系青年",
                    activity_date=day,
                    title=rng.choice(titles),
                    place=rng.choice(places),
                    youth_count=youth,
                    project_id=None,
                    group_id=None,
                    branch_id=None,
                    notes="",
                    source="分账本" if self_reported else "总账本",
                    recorded_by_id=person if self_reported else None,
                    confirmation="待确认" if pending else "已确认",
                    confirmation_note="",
                    confirmed_at=None
                    if pending
                    else datetime.combine(min(self.today, day + timedelta(days=2)), time(10, 0)),
                    deleted_at=None,
                    deleted_by=None,
                )
                self.add("activity_participant", activity_id=aid, person_id=person, absent=False)

    def _evaluations(
        self,
        stations: list[tuple[str, str]],
        members: dict[str, list[tuple[str, str]]],
        year_list: list[int],
    ) -> None:
        rng = self.rng
        scheme_id = self.conn.execute(select(EvalScheme.id).limit(1)).scalar_one()
        indicators = self.conn.execute(
            select(EvalIndicator.id, EvalIndicator.points)
            .where(EvalIndicator.scheme_id == scheme_id)
            .order_by(EvalIndicator.seq)
        ).all()
        snapshot = json.dumps(scheme_to_dict(DEFAULT_SCHEME), ensure_ascii=False, sort_keys=True)
        # finished years only, locked as the offices left them; the year in progress is opened
        # by the evaluation service from the demo's own records (services/demo_evaluation.py)
        for year in (y for y in year_list if y < self.today.year):
            for sid, _ in stations:
                scored = []
                for pid, _level in members[sid]:
                    ability = rng.gauss(0.82, 0.1)
                    eid = self.new_id()
                    totals = {"self": 0.0, "station": 0.0, "review": 0.0}
                    suggestions = []
                    for seq, (ind_id, points) in enumerate(indicators, 1):
                        suggested = (
                            round(max(0.0, min(points, points * rng.gauss(ability, 0.12))) * 2) / 2
                        )
                        self_score = min(points, suggested + rng.choice((0, 0, 0.5, 1)))
                        station_score = suggested
                        review_score = suggested
                        totals["self"] += self_score
                        totals["station"] += suggested
                        suggestions.append([seq, str(suggested), "演示数据", False])
                        self.add(
                            "evaluation_score",
                            evaluation_id=eid,
                            indicator_id=ind_id,
                            suggested=suggested,
                            self_score=self_score,
                            self_reason="",
                            station_score=station_score,
                            station_reason="",
                            review_score=review_score,
                            review_reason="",
                        )
                    scored.append(
                        (eid, pid, totals["self"], totals["station"], json.dumps(suggestions))
                    )
                ranked = sorted(scored, key=lambda s: -s[3])
                cap = max(1, len(ranked) // 5)
                excellent = 0
                for eid, pid, self_total, station_total, suggested_json in ranked:
                    final = station_total
                    if final >= 90 and excellent < cap:
                        grade, excellent = str(Grade.EXCELLENT), excellent + 1
                    elif final >= 75:
                        grade = str(Grade.COMPETENT)
                    elif final >= 60:
                        grade = str(Grade.BASIC)
                    else:
                        grade = str(Grade.INCOMPETENT)
                    self.add(
                        "evaluation",
                        id=eid,
                        person_id=pid,
                        year=year,
                        scheme_id=scheme_id,
                        station_id=sid,
                        self_total=self_total,
                        station_total=station_total,
                        review_total=final,
                        bonus=0.0,
                        vetoed=False,
                        final_score=final,
                        grade=grade,
                        consequence="提醒谈话" if grade == Grade.INCOMPETENT else "",
                        stage="复核",
                        suggestions=suggested_json,
                        locked=True,
                        locked_at=datetime(year + 1, 1, 20, 10, 0),
                        locked_by="街镇团委",
                        scheme_snapshot=snapshot,
                        notes="",
                    )

    # --- 联系青年 -------------------------------------------------------------------------

    def _contact_books(self, members: dict[str, list[tuple[str, str]]]) -> None:
        """Contact books for the cadres and some delegates (capped, so a 10,000-delegate demo
        stays quick): young people across fields, a few shared between books, a few contacted
        often; cadres' weekly grassroots days, the quarterly open days and a ballot round."""
        rng = self.rng
        today = self.today
        year = today.year
        first = date(year, 1, 1)
        span = (today - first).days + 1
        cadres = [
            r["id"]
            for r in self.rows["person"]
            if r["is_cadre"] and r["status"] == str(PersonStatus.ACTIVE)
        ][:30]
        delegates = [pid for people in members.values() for pid, _level in people]
        chosen = delegates[:: max(1, len(delegates) // 40)][:40]
        ways = ("走访", "走访", "电话", "微信", "微信", "QQ", "活动", "来访")
        topics = (
            "就业岗位信息",
            "创业贷款政策",
            "技能培训报名",
            "心理疏导",
            "婚恋交友活动",
            "助学金申请",
            "志愿服务招募",
            "返乡创业经验",
        )
        helps = ("", "", "推荐岗位", "联系培训机构", "协调贴息贷款", "转交乡镇团委")
        villages = tuple(f"{t}{v}" for t in TOWNS[:8] for v in ("村", "社区", "中学", "电商园"))
        pool: list[tuple[str, str]] = []  # (young person id, field) that others may share
        for contactor in cadres + chosen:
            is_cadre = contactor in cadres
            size = rng.randint(70, 130) if is_cadre else rng.randint(20, 110)
            mine: set[str] = set()
            for k in range(size):
                if pool and rng.random() < 0.06 and (picked := rng.choice(pool))[0] not in mine:
                    yid = picked[0]
                else:
                    name = self.name()
                    pinyin, initials = name_keys(name)
                    field_name = rng.choice(DEFAULT_YOUTH_FIELDS)
                    yid = self.add(
                        "young_person",
                        name=name,
                        name_pinyin=pinyin,
                        name_initials=initials,
                        gender=rng.choice(("男", "女")),
                        birth_year=rng.randint(1991, 2008),
                        age_group="",
                        field=field_name,
                        organisation=rng.choice(villages),
                        phone=self.phone() if rng.random() < 0.8 else "",
                        wechat=f"wx{rng.randrange(10**6, 10**7)}" if rng.random() < 0.5 else "",
                        notes="",
                        deleted_at=None,
                        deleted_by=None,
                    )
                    pool.append((yid, field_name))
                mine.add(yid)
                met = first + timedelta(days=rng.randrange(span))
                if rng.random() < 0.15:  # in the book since last year
                    met = date(year - 1, rng.randint(1, 12), rng.randint(1, 28))
                way = rng.choice(ways)
                entry = self.add(
                    "contact_book_entry",
                    contactor_id=contactor,
                    young_person_id=yid,
                    first_contact_date=met,
                    first_contact_way=way,
                    deleted_at=None,
                    deleted_by=None,
                )
                times = 8 if k == 3 else rng.choice((1, 1, 2, 2, 3))
                days = sorted(
                    [met]
                    + [
                        max(met, first)
                        + timedelta(days=rng.randrange(max(1, (today - max(met, first)).days + 1)))
                        for _ in range(times - 1)
                    ]
                )
                for n, day in enumerate(days):
                    self.add(
                        "contact_log_entry",
                        book_entry_id=entry,
                        contactor_id=contactor,
                        young_person_id=yid,
                        contact_date=day,
                        way=way if n == 0 else rng.choice(ways),
                        discussed=rng.choice(topics),
                        help_given=rng.choice(helps),
                        follow_up="",
                        deleted_at=None,
                        deleted_by=None,
                    )
        places = ("村委会", "社区青年之家", "中学", "电商产业园", "田间地头", "返乡创业园")
        for cadre in cadres:
            keen = rng.uniform(0.55, 1.0)
            monday = first - timedelta(days=first.weekday())
            while monday <= today:
                day = monday + timedelta(days=rng.randrange(5))
                if first <= day <= today and rng.random() < keen:
                    self.add(
                        "grassroots_day",
                        cadre_id=cadre,
                        day=day,
                        place=rng.choice(villages) + rng.choice(places),
                        what=rng.choice(topics) + "座谈",
                        deleted_at=None,
                        deleted_by=None,
                    )
                monday += timedelta(days=7)
        themes = ("青年就业创业", "青春心向党", "乡村振兴青年说", "网络文明")
        for q in range(1, (today.month - 1) // 3 + 2):
            day = date(year, 3 * q - 1, rng.randint(10, 25))
            if day > today:
                continue
            self.add(
                "open_day",
                day=day,
                theme=f"{themes[q - 1]}专题开放日",
                youth_count=rng.randint(35, 45) if q == 2 else rng.randint(55, 120),
                fields="、".join(rng.sample(DEFAULT_YOUTH_FIELDS, 3)),
                host_id=rng.choice(cadres) if cadres else None,
                deleted_at=None,
                deleted_by=None,
            )
        held = date(year, 6, 30) if today >= date(year, 6, 30) else date(year - 1, 12, 20)
        round_id = self.add(
            "satisfaction_round",
            name=f"{held.year}年{'上半年' if held.month == 6 else '全年'}联系青年满意度测评",
            held_on=held,
            covers_contactors=True,
            covers_delegates=True,
            deleted_at=None,
            deleted_by=None,
        )
        for person in cadres + chosen:
            for result, weight in (
                ("满意", rng.randint(8, 20)),
                ("基本满意", rng.randint(0, 5)),
                ("不满意", rng.randint(0, 2)),
            ):
                for _ in range(weight):
                    self.add(
                        "satisfaction_ballot",
                        round_id=round_id,
                        person_id=person,
                        result=result,
                        deleted_at=None,
                        deleted_by=None,
                    )
