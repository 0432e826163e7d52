"""The guide's window tasks and the keyboard-only test of each (tests/desktop/keyboard/test_*.py).

Every ## / ### heading of a guide page, and every task listed in its task sections
(``guide.task_items``), is a key of ``TASKS[page]``: its value is the tests that do it with the
keyboard alone, or ``NotATask`` (the heading describes the page, a rule or the command line), or
``Missing`` (a window task still without its keyboard test: said, not hidden).
``test_guide_tasks.py`` fails when the guide gains a heading or task that is not listed here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotATask:
    reason: str


@dataclass(frozen=True)
class Missing:
    reason: str


VIEW = NotATask("what the page shows (read, not done)")
RULES = NotATask("the rules and their sources")
CLI = NotATask("the command line, not the window")
SECTION = NotATask("the heading of the tasks listed under it")

Entry = tuple[str, ...] | NotATask | Missing

TASKS: dict[str, dict[str, Entry]] = {
    "quotas": {
        "页面上有什么": VIEW,
        "常用操作": SECTION,
        "登记下达": ("test_quotas::test_grant",),
        "分配": ("test_quotas::test_allocate",),
        "使用": ("test_quotas::test_use",),
        "推进环节": ("test_quotas::test_advance_stage",),
        "收回": ("test_quotas::test_return",),
        "撤销": ("test_quotas::test_cancel",),
        "按优先顺序安排": ("test_quotas::test_plan_by_priority",),
        "什么算“已用”": RULES,
        "预支": ("test_quotas::test_advance_grant", "test_quotas::test_repay_advance"),
        "增存挂钩": ("test_quotas::test_register_disposal",),
        "决策层级": ("test_quotas::test_use",),
        "指标来源列表": ("test_admin::test_add_a_choice",),
        "Excel 交换": ("test_exchange::test_quotas_round_trip",),
        "检查": CLI,
    },
    "renewal": {
        "页面内容": VIEW,
        "主要操作": SECTION,
        "新建项目": ("test_renewal::test_new_project",),
        "推进阶段": ("test_renewal::test_advance_stage",),
        "改造前后数据": ("test_renewal::test_before_and_after_figures",),
        "命令行": CLI,
        "规则与来源": RULES,
    },
    "enterprises": {
        "页面内容": VIEW,
        "常用操作": SECTION,
        "新建": ("test_enterprises::test_new",),
        "修改": ("test_enterprises::test_edit",),
        "从 Excel 粘贴一列": ("test_enterprises::test_paste_a_column",),
        "两人同时修改": NotATask("what happens when two clerks save the same record"),
        "删除": ("test_enterprises::test_delete",),
        "导入… / 导出… / 下载模板… / 导出显示的行…": (
            "test_exchange::test_import_through_the_wizard",
            "test_exchange::test_export",
            "test_exchange::test_template",
            "test_exchange::test_export_shown_rows",
        ),
        "导入文件": NotATask("the workbook's columns"),
        "命令行": CLI,
        "规则与依据": RULES,
    },
    "buildings": {
        "页面内容": VIEW,
        "登记楼宇和单元": (
            "test_buildings::test_new_building",
            "test_buildings::test_edit_building",
            "test_buildings::test_add_unit",
            "test_buildings::test_generate_units",
        ),
        "登记一笔转让": ("test_buildings::test_transfer",),
        "核验的规则": RULES,
        "Excel 交换": ("test_exchange::test_buildings_round_trip",),
    },
    "incubation": {
        "页面内容": VIEW,
        "使用率怎么算": RULES,
        "日常操作": SECTION,
        "运营方每月登记": ("test_incubation::test_monthly_report",),
        "登记入驻": ("test_incubation::test_new_tenancy",),
        "毕业 / 退出": ("test_incubation::test_graduate",),
        "载体管理员": NotATask("what a carrier manager sees (tests/desktop/incubation)"),
        "导入导出": ("test_exchange::test_incubation_round_trip",),
        "规则与依据": RULES,
    },
    "efficiency": {
        "页面内容": VIEW,
        "主要操作": SECTION,
        "导入年度数据": ("test_exchange::test_efficiency_round_trip",),
        "评价": ("test_efficiency::test_evaluate",),
        "调整规则": ("test_efficiency::test_adjust_rules",),
        "导出": ("test_exchange::test_efficiency_round_trip",),
        "命令行": CLI,
        "规则与来源": RULES,
    },
    "land": {
        "页面": ("test_land::test_plot_detail_saves_on_ctrl_s",),  # 详情: attributes changed and saved
        "常用操作": SECTION,
        "导入测绘单位提交的界址点坐标表": (
            "test_land::test_import_boundary_points",
            "test_land::test_import_ministry_txt",
        ),
        "从 Excel 粘贴坐标": ("test_land::test_paste_coordinates",),
        "其他格式": (
            "test_land::test_import_wkt_workbook",
            "test_land::test_import_geojson",
            "test_land::test_import_indicators",
        ),
        "命令行": CLI,
        "规则与取值来源": RULES,
    },
    "admin": {
        "政策参数": ("test_admin::test_new_rule_version",),
        "选项列表": ("test_admin::test_add_a_choice",),
        "平台": CLI,
        "审计日志": ("test_admin::test_verify_the_audit_chain",),
        "用户管理 (Users) — 仅管理员": ("test_admin::test_new_user", "test_admin::test_reset_password"),
        "数据库文件的安全": NotATask("how the file is kept safe; backups from the menu or the command line"),
    },
    "overview": {
        "2030 年目标": VIEW,
    },
    "printing": {
        "表格": ("test_printing::test_table",),
        "图表": ("test_printing::test_chart",),
        "地图出图": ("test_printing::test_map_sheet",),
        "表单": ("test_printing::test_form", "test_printing::test_stage_record_form"),
        "年度报表": CLI,
        "命令行": CLI,
    },
    "exchange": {
        "导入 · Import": ("test_exchange::test_import_through_the_wizard",),
        "旧格式 · .xls and .ods": RULES,
        "拒收的文件 · Refused files": RULES,
        "导出与模板 · Export and templates": ("test_exchange::test_export", "test_exchange::test_template"),
        "企业库 · The `enterprises` kind": NotATask("the workbook's columns"),
        "其他命令 · Other commands": CLI,
        "给开发者 · For the other areas": NotATask("for developers"),
    },
}
