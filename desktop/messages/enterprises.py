"""Messages of the enterprise register (企业库) and its USCC checks."""

MESSAGES: dict[str, tuple[str, str]] = {
    "uscc.bad_length": (
        "统一社会信用代码应为 18 位，“{value}”为 {length__raw} 位",
        "A USCC has 18 characters; {value} has {length__raw}",
    ),
    "uscc.bad_character": (
        "统一社会信用代码含有不允许的字符 {chars}（不用 I、O、S、V、Z）：{value}",
        "The USCC contains characters not allowed ({chars}; I O S V Z are never used): {value}",
    ),
    "uscc.bad_checksum": (
        "统一社会信用代码校验位不符：{value}（按 GB 32100-2015 末位应为 {expected}）",
        "USCC check character wrong: {value} (GB 32100-2015 expects {expected} last)",
    ),
    "enterprise.name_required": ("企业名称不能为空", "The enterprise name is required"),
    "enterprise.unknown_platform": (
        "平台不存在（编号 {platform_id}）",
        "Unknown platform (id {platform_id})",
    ),
    "enterprise.unknown_platform_name": (
        "没有名为“{value}”的平台（可写平台全称、简称或代码，如 青山湖科技城、科技城、QSH）",
        "No platform called {value} (write its name, short name or code, e.g. QSH)",
    ),
    "enterprise.unknown_industry_chain": (
        "产业链“{value}”不在清单中（{known}）",
        "Industry chain {value} is not on the list ({known})",
    ),
    "enterprise.duplicate_uscc": (
        "统一社会信用代码 {uscc} 已被其他企业使用",
        "USCC {uscc} is already used by another enterprise",
    ),
    "enterprise.duplicate_in_file": (
        "统一社会信用代码 {uscc} 在文件中重复（首次出现在第 {first_row__raw} 行）",
        "USCC {uscc} appears twice in the file (first on row {first_row__raw})",
    ),
}

MESSAGES.update(
    {
        "enterprises.overview.count": ("企业库企业数", "Enterprises in the register"),
        "enterprises.overview.manufacturing": ("其中制造业企业", "of which manufacturing"),
        "enterprises.overview.platform_count": ("{platform} 企业数", "Enterprises in {platform}"),
    }
)
