"""What each tab of the main window is for (shown while the tab is still a shell)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from twdesk.ui.tabs.placeholder import TabPlan


def tr(text: str) -> str:
    return QCoreApplication.translate("TabPlans", text)


def tab_plans() -> list[TabPlan]:
    return [
        TabPlan(
            tr("联络站与代表"),
            tr(
                "县级联络站、乡镇（街道）联络站和行业分站，进站团代表、委员、往届团代表，专项小组与五公开。"
            ),
            (
                tr("联络站树：新增、编辑、撤销；每个站的代表、专项小组和五公开信息"),
                tr("代表信息编辑：身份证号校验、照片、状态变更历史"),
                tr("按姓名、拼音首字母、手机号、身份证尾号即时查找"),
                tr("从 Excel 导入名册（全部校验通过才写入）和导出名册"),
            ),
        ),
        TabPlan(
            tr("坐班日历"),
            tr("驻站坐班（接待日）规则、法定节假日与调休、全年轮值表和到岗情况。"),
            (
                tr("每周固定一天或每月固定一天的坐班规则，节假日自动顺延"),
                tr("公平的全年轮值，换班、替班记录"),
                tr("到岗 / 缺席 / 请假 / 替班登记，未登记的日子醒目提示"),
                tr("打印张贴的坐班公示表（A4 / A3）"),
            ),
        ),
        TabPlan(
            tr("来访登记"),
            tr("坐班日接待青年的登记，意见建议的交办、办结和反馈。"),
            (
                tr("适合键盘快速录入的来访登记表"),
                tr("意见建议交办 → 办理中 → 办结 → 反馈，超期自动提醒"),
                tr("打印交办单；按时间、联络站统计并导出"),
            ),
        ),
        TabPlan(
            tr("履职记录"),
            tr("团代表的履职手册（分账本）和联络站的活动登记簿（总账本）。"),
            (
                tr("会议、培训、联系青年、领办项目、志愿服务等活动记录"),
                tr("代表自报、联络站确认或退回"),
                tr("“1+100” 联系青年和团支部的进度"),
            ),
        ),
        TabPlan(
            tr("履职考核"),
            tr("年度十项指标考核：自评、组织评价、复核，等次及其后续处理。"),
            (
                tr("根据履职记录自动给出建议分，可逐项调整并说明理由"),
                tr("优秀比例不超过 20%，并列时提示决定"),
                tr("一人一册一档案：批量打印代表履职档案 PDF"),
            ),
        ),
    ]
