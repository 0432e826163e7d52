"""Messages of the targets area: the 2030 targets behind their path, statistics import."""

MESSAGES: dict[str, tuple[str, str]] = {
    "targets.behind": (
        "{title}（{scope}）落后于进度：{latest_year} 年实际 {latest_value} 亿元，按路径应为 {path_value} 亿元"
        "（差 {gap} 亿元）；已实现年均增长 {achieved_pct}%，{year} 年达到 {value} {unit} 仍需年均增长 "
        "{required_pct}%。依据 {document_no} {clause}。",
        "{title} ({scope}) is behind its path: {latest_value} 亿元 in {latest_year} against {path_value} on the "
        "path (gap {gap}); {achieved_pct}% a year so far, {required_pct}% a year still needed to reach "
        "{value} {unit} by {year}. Source: {document_no} {clause}.",
    ),
    "targets.behind_growth": (
        "{title}（{scope}）落后于进度：已实现年均增长 {achieved_pct}%，低于目标 {value}%；{latest_year} 年实际 "
        "{latest_value} 亿元，按路径应为 {path_value} 亿元（差 {gap} 亿元）；到 {year} 年回到路径仍需年均增长 "
        "{required_pct}%。依据 {document_no} {clause}。",
        "{title} ({scope}) is behind: {achieved_pct}% a year so far against {value}%; {latest_value} 亿元 in "
        "{latest_year} against {path_value} on the path (gap {gap}); {required_pct}% a year still needed to "
        "be back on the path by {year}. Source: {document_no} {clause}.",
    ),
    "targets.behind_cluster": (
        "{title}（{scope}）落后于进度：现有 {clusters_now} 个达到 {threshold} 亿元的产业链，目标 {value} 个；"
        "跟踪的{chain} {latest_year} 年 {latest_value} 亿元，按路径应为 {path_value} 亿元（差 {gap} 亿元），"
        "到 {year} 年仍需年均增长 {required_pct}%。依据 {document_no} {clause}。",
        "{title} ({scope}) is behind: {clusters_now} chain(s) at {threshold} 亿元 or more against {value}; "
        "{chain} had {latest_value} 亿元 in {latest_year} against {path_value} on the path (gap {gap}) and "
        "needs {required_pct}% a year until {year}. Source: {document_no} {clause}.",
    ),
    "targets.behind_cluster_chains": (
        "{title}（{scope}）落后于进度：现有 {clusters_now} 个达到 {threshold} 亿元的产业链，目标 {value} 个，"
        "且没有其他产业链的产值数据。依据 {document_no} {clause}。",
        "{title} ({scope}) is behind: {clusters_now} chain(s) at {threshold} 亿元 or more against {value}, and no "
        "other chain has figures. Source: {document_no} {clause}.",
    ),
    "targets.scope_unknown": (
        "目标范围“{scope}”无效（全区、平台或产业链）。",
        "Target scope “{scope}” is invalid (district, platform or chain).",
    ),
    "targets.measure_unknown": ("目标口径“{measure}”无效。", "Target measure “{measure}” is invalid."),
    "targets.platform_required": (
        "目标 {key} 的范围是平台，请选择平台。",
        "Target {key} is for a platform: choose one.",
    ),
    "targets.threshold_required": (
        "目标 {key} 按产业集群计，需填写每个集群的规模门槛。",
        "Target {key} counts clusters: enter the size each cluster must reach.",
    ),
    "targets.base_year_after_target": (
        "基期 {base_year} 年应早于目标年 {year} 年。",
        "The base year {base_year} must come before the target year {year}.",
    ),
    "targets.year_out_of_range": ("年度 {year} 不在有效范围内。", "Year {year} is out of range."),
    "targets.unit_unknown": ("单位“{value}”无效，可用：{units}。", "Unit “{value}” is not one of: {units}."),
    "targets.duplicate_statistic": (
        "{year} 年的“{indicator}”在第 {first_row} 行已出现过（同一平台和产业链）。",
        "{indicator} for {year} already appears in row {first_row} (same scope).",
    ),
}
