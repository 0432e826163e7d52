"""Headings of the annual report's sheets (``models/*/report.py`` return these codes)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "report.contents": (
        "临安区用地与空间管理 {year} 年度报表",
        "Lin'an land and space management: {year} annual report",
    ),
    "report.enterprises.by_platform_chain": (
        "{year} 年企业库企业分布（按平台、产业链）",
        "Enterprises in {year} by platform and industry chain",
    ),
    "report.quotas.balances": (
        "{year} 年新增建设用地计划指标分平台余额（截至 {as_of}）",
        "New construction-land quota balances by platform, {year} (as of {as_of})",
    ),
    "report.quotas.sources": (
        "{year} 年指标下达与分配（按来源）",
        "Quotas granted and allocated in {year}, by source",
    ),
    "report.land.plots": (
        "{year}年 地块面积（按平台、来源）",
        "Plot areas in {year} by platform and land source",
    ),
    "report.land.low_efficiency": (
        "{year}年 低效工业用地（按类型）",
        "Low-efficiency industrial land in {year}, by kind",
    ),
    "report.efficiency.classes": (
        "{year}年度亩均效益评价分类（按平台）",
        "Per-mu efficiency classes in {year}, by platform",
    ),
    "report.efficiency.class_d": (
        "{year}年度亩均效益D类企业名单",
        "Class D enterprises of the {year} per-mu evaluation",
    ),
    "report.renewal.projects": (
        "腾笼换鸟项目进展（截至{year}年）",
        "Vacate-and-replace projects (as of {year})",
    ),
    "report.renewal.freed": (
        "腾笼换鸟逐年腾出用地与能耗",
        "Land and energy freed by vacate-and-replace, per year",
    ),
    "report.targets.status": (
        "2030 年目标进度（截至 {year} 年）",
        "Progress towards the 2030 targets (as of {year})",
    ),
    "report.targets.paths": (
        "2030 年目标：实际值与路径（截至 {year} 年）",
        "2030 targets: actual values and paths (as of {year})",
    ),
    "report.buildings.ratios": (
        "{year}年末工业楼宇分割转让比例",
        "Share of industrial buildings sold in units, end of {year}",
    ),
    "report.buildings.transfers": (
        "{year}年工业楼宇分割转让记录",
        "Industrial building unit sales in {year}",
    ),
    "report.incubation.usage": ("{year}年孵化载体使用情况", "Use of incubator carriers in {year}"),
    "report.incubation.monthly": (
        "{year}年各平台孵化载体月度使用率（%）",
        "Monthly use of incubator carriers by platform, {year} (%)",
    ),
    "report.incubation.vacancy": (
        "{on} 孵化载体空置面积（按平台）",
        "Vacant carrier space on {on}, by platform",
    ),
    "report.incubation.national": (
        "{on} 孵化器对照科技企业孵化器认定条件",
        "Incubators against the incubator recognition criteria on {on}",
    ),
}
