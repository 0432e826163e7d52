"""Headings of the annual report's sheets, and the sheet names, chart titles and notes that
carry figures (``models/*/report.py`` return these codes). Fixed labels are in
``resources/i18n/en/report.json`` (``desktop.report_text``)."""

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
    "report.sheet.quota_balances": ("{year}指标余额", "{year} quota balances"),
    "report.sheet.quota_sources": ("{year}指标来源", "{year} quota sources"),
    "report.chart.quota_use": ("{year} 年各平台指标使用情况", "Quota use by platform, {year}"),
    "report.chart.quota_sources": ("{year} 年各来源指标下达", "Quotas granted by source, {year}"),
    "report.note.quota_totals": (
        "全年下达 {granted} 亩，已分配 {allocated} 亩，未分配 {unallocated} 亩。",
        "Granted in the year: {granted} mu; allocated: {allocated} mu; unallocated: {unallocated} mu.",
    ),
    "report.note.efficiency_basis": (
        "依据：{basis}，自 {since} 起施行",
        "Basis: {basis}, in force from {since}",
    ),
    "report.note.efficiency_years_range": (
        "适用数据年度：{first}—{last} 年",
        "Applies to the data of {first} to {last}",
    ),
    "report.note.efficiency_years_from": ("适用数据年度：{first} 年起", "Applies to the data of {first} on"),
    "report.note.efficiency_years_all": ("适用数据年度：全部年度", "Applies to the data of every year"),
    "report.note.efficiency_by_industry": (
        "按行业（产业链）分组评价：{groups}",
        "Graded within each industry chain: {groups}",
    ),
    "report.note.buildings_basis": (
        "依据 {document} 三(三)；未出台区实施意见前的比例为示例参数。",
        "Basis: {document} III(3); until the district's implementing opinions are issued, the ratios"
        " are example parameters.",
    ),
    "report.note.incubation_basis": (
        "依据：{bases}（条款号未核实的只引用文件本身）；数值取自入驻台账。",
        "Basis: {bases} (where a clause number is unverified, only the document is cited); figures"
        " from the tenancy ledger.",
    ),
    "report.note.targets_basis": ("依据：{documents}。", "Basis: {documents}."),
}
