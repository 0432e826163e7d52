"""Messages of the land area (plots, boundary points, checks, coordinate frames)."""

_RANGE_ZH = "临安范围 X {x_min}–{x_max}，Y {y_min}–{y_max}"
_RANGE_EN = "Lin'an's range X {x_min}–{x_max}, Y {y_min}–{y_max}"
_AT_ZH = "（X {x}，Y {y}，靠近 {near}）"
_AT_EN = " (X {x}, Y {y}, near {near})"

MESSAGES: dict[str, tuple[str, str]] = {
    # records
    "land.code_required": ("地块编号不能为空", "A plot code is required"),
    "land.duplicate_code": ("地块编号 {code} 已存在", "Plot code {code} already exists"),
    "land.duplicate_code_in_file": (
        "地块编号 {code} 在文件中重复出现",
        "Plot code {code} appears twice in the file",
    ),
    "land.unknown_platform": ("平台不存在（编号 {platform_id}）", "No such platform (id {platform_id})"),
    "land.unknown_platform_name": (
        "平台“{value}”不存在；可选：{known}",
        "No platform “{value}”; known: {known}",
    ),
    "land.unknown_holder": (
        "权利人企业不存在（编号 {holder_id}）",
        "No such holder enterprise (id {holder_id})",
    ),
    "land.unknown_holder_uscc": ("企业库中没有统一社会信用代码 {value}", "No enterprise with USCC {value}"),
    "land.unknown_holder_name": ("企业库中没有名为“{value}”的企业", "No enterprise named “{value}”"),
    "land.ambiguous_holder_name": (
        "企业名称“{value}”对应 {count} 家企业，请填写统一社会信用代码",
        "“{value}” matches {count} enterprises; give the USCC",
    ),
    "land.unknown_choice": (
        "“{value}”不在 {field__label} 的可选值中；可选：{known}",
        "“{value}” is not a choice of {field__label}; choices: {known}",
    ),
    "land.negative_area": ("面积不能为负：{value_m2} ㎡", "An area cannot be negative: {value_m2} ㎡"),
    "land.negative_amount": (
        "金额不能为负：{field__label} = {value}",
        "An amount cannot be negative: {field__label} = {value}",
    ),
    "land.share_out_of_range": (
        "比例须在 0 到 1 之间：{field__label} = {value}",
        "A share must lie between 0 and 1: {field__label} = {value}",
    ),
    "land.not_editable": ("这些字段不能在此修改：{names}", "These fields cannot be changed here: {names}"),
    "land.plot_in_use": (
        "地块 {code} 仍被引用（指标使用 {quota_uses} 条、楼宇 {buildings} 栋、腾笼换鸟项目 "
        "{renewal_projects} 个），不能删除",
        "Plot {code} is still referred to ({quota_uses} quota uses, {buildings} buildings, "
        "{renewal_projects} vacate-and-replace projects); it cannot be deleted",
    ),
    "land.unknown_plot": ("地块 {code} 不存在", "Plot {code} does not exist"),
    "land.unknown_indicator": (
        "未知的标准地指标“{value}”；可选：{known}",
        "Unknown standard-land indicator “{value}”; known: {known}",
    ),
    "land.indicator_required": ("指标名称不能为空", "An indicator name is required"),
    "land.bad_comparison": (
        "比较方式只能是 >=、<= 或 <>（区间），而不是 {value}",
        "The comparison must be >=, <= or <> (within bounds), not {value}",
    ),
    "land.bad_bounds": (
        "上限 {maximum} 小于下限 {minimum}",
        "The maximum {maximum} is below the minimum {minimum}",
    ),
    "land.value_required": ("必填项为空", "A value is required"),
    "land.point_without_plot": ("该点之前没有地块编号，无法归属地块", "No plot code above this point"),
    # polygons
    "land.polygon_too_few_points": (
        "地块 {code} 第 {ring} 圈只有 {points} 个不同的点，至少需要 3 个，无法闭合",
        "Plot {code}, ring {ring}: only {points} distinct points; 3 are needed to close it",
    ),
    "land.polygon_no_outer_ring": (
        "地块 {code} 缺少外圈（圈号 1），只有圈号 {rings}",
        "Plot {code} has no outer ring (ring 1), only {rings}",
    ),
    "land.polygon_self_intersection": (
        "地块 {code} 的边界自相交" + _AT_ZH + "：请检查点的顺序",
        "Plot {code}: the boundary crosses itself" + _AT_EN + "; check the point order",
    ),
    "land.polygon_hole_outside": (
        "地块 {code} 的内圈不在外圈之内" + _AT_ZH,
        "Plot {code}: a hole lies outside the outer ring" + _AT_EN,
    ),
    "land.polygon_nested_holes": (
        "地块 {code} 的内圈相互嵌套" + _AT_ZH,
        "Plot {code}: nested holes" + _AT_EN,
    ),
    "land.polygon_interior_disconnected": (
        "地块 {code} 的内圈把地块分割成了不相连的部分" + _AT_ZH,
        "Plot {code}: the holes cut the plot apart" + _AT_EN,
    ),
    "land.polygon_duplicate_rings": (
        "地块 {code} 有重复的圈" + _AT_ZH,
        "Plot {code}: duplicate rings" + _AT_EN,
    ),
    "land.polygon_invalid_at": (
        "地块 {code} 的图形无效：{reason}" + _AT_ZH,
        "Plot {code}: invalid polygon: {reason}" + _AT_EN,
    ),
    "land.polygon_invalid": ("地块 {code} 的图形无效：{reason}", "Plot {code}: invalid polygon: {reason}"),
    "land.polygon_wrong_type": (
        "地块 {code} 的图形是 {type}，应为面（Polygon）",
        "Plot {code}: the geometry is a {type}, not a polygon",
    ),
    "land.multipart_parcel": (
        "地块 {code} 的图形有 {parts__raw} 个互不相连的部分；一个地块只能是一个面（可含内圈），"
        "请拆成几个地块或合并后再导入",
        "Plot {code}: the geometry has {parts__raw} separate parts; a plot is one polygon "
        "(holes allowed) — split it into plots or merge the parts",
    ),
    "land.geometry_type_refused": (
        "第 {row__raw} 个要素的图形类型是 {type}，地块只接受面（Polygon）",
        "Feature {row__raw}: geometry type {type}; plots accept polygons only",
    ),
    "land.crs_needs_parameters": (
        "{file} 的坐标系是 {crs}（{datum}），转换到 CGCS2000 需要官方转换参数；程序不做近似转换（误差可达数十米）。"
        "请先用官方参数转换为 CGCS2000，或在导入选项 --towgs84 中给出七参数",
        "{file} is in {crs} ({datum}); converting it to CGCS2000 needs the official conversion parameters. "
        "No approximate conversion is made (tens of metres off): convert it with the official parameters "
        "first, or give the seven parameters with --towgs84",
    ),
    "land.towgs84_unreadable": (
        "七参数无法识别：{value}（应为 dx,dy,dz,rx,ry,rz,ds 七个数）",
        "The seven parameters cannot be read: {value} (expected dx,dy,dz,rx,ry,rz,ds)",
    ),
    "land.dbf_bad_encoding": (
        "{file} 的属性表文字既不是 UTF-8 也不是 GBK/GB18030，无法准确读取；请附上正确的 .cpg 文件",
        "The attribute text of {file} is neither UTF-8 nor GBK/GB18030; add the right .cpg file",
    ),
    "land.unused_properties": ("{file} 中未使用的属性：{names}", "Properties of {file} not used: {names}"),
    "land.wkt_unreadable": ("WKT 无法解析：{reason}", "The WKT cannot be read: {reason}"),
    # coordinate frames
    "land.coords_swapped_xy": (
        "Y 列数值像北坐标、X 列数值像东坐标：疑似 X/Y 互换（例：X {x}，Y {y}；{points}/{total} 个点如此）。"
        "界址点坐标表中 X 为北坐标、Y 为东坐标。确认互换后请勾选“X、Y 两列填反，交换后导入”（命令行 --swap-xy）重新导入。",
        "The Y column looks like northings and X like eastings: X/Y seem swapped (e.g. X {x}, Y {y}; "
        "{points} of {total} points). Surveyed tables put the northing in X. If so, import again with "
        "“X and Y columns swapped: swap them on import” ticked (--swap-xy).",
    ),
    "land.coords_zone_prefix": (
        "Y 坐标带有 40 带号（例：Y {y}，即 EPSG:4528；{points}/{total} 个点如此），本库按不带带号的 "
        "EPSG:4549 存储。确认后请勾选“Y 坐标含 40 带号，去掉后导入”（命令行 --strip-zone）重新导入。",
        "Y carries the zone number 40 (e.g. Y {y}, i.e. EPSG:4528; {points} of {total} points); the database "
        "stores EPSG:4549 without it. If so, import again with “Y carries the zone number 40: strip it on import” "
        "ticked (--strip-zone).",
    ),
    "land.coords_swapped_prefixed": (
        "X 列像带 40 带号的东坐标、Y 列像北坐标（例：X {x}，Y {y}）：疑似 X/Y 互换且带带号。"
        "确认后请同时勾选“X、Y 两列填反，交换后导入”和“Y 坐标含 40 带号，去掉后导入”（命令行 --swap-xy --strip-zone）重新导入。",
        "X looks like a zone-prefixed easting and Y like a northing (e.g. X {x}, Y {y}): swapped and "
        "zone-prefixed. If so, import again with both “X and Y columns swapped” and “Y carries the zone number 40” "
        "ticked (--swap-xy --strip-zone).",
    ),
    "land.coords_swap_not_needed": (
        "勾选了“X、Y 两列填反，交换后导入”，但坐标本来就是 X 北、Y 东（例：X {x}，Y {y}），请取消勾选。",
        "“X and Y columns swapped” was ticked but the coordinates already have X north, Y east (e.g. X {x}, Y {y}).",
    ),
    "land.coords_outside_range": (
        "坐标不在临安范围内（{point} X {x}，Y {y}；"
        + _RANGE_ZH
        + "）：请确认坐标系（应为 CGCS2000 3 度带 120°E）和单位（米）。",
        "The coordinates are outside Lin'an ({point} X {x}, Y {y}; " + _RANGE_EN + "): check the frame "
        "(CGCS2000 3-degree GK 120°E) and the unit (metres).",
    ),
    "land.coords_outside_crs": (
        "按文件声明的坐标系 {crs} 换算后，图形不在临安范围内（X {x}，Y {y}；"
        + _RANGE_ZH
        + "）：文件的坐标系声明可能有误",
        "Transformed from the file's frame {crs}, the shape is outside Lin'an (X {x}, Y {y}; "
        + _RANGE_EN
        + "): the file's frame may be declared wrongly",
    ),
    "land.coords_row_frame": (
        "该点与表中其他点的坐标形式不同（X {x}，Y {y}：{found}，其他点为 {expected}），请核对",
        "This point is in another form than the rest (X {x}, Y {y}: {found}, the others {expected})",
    ),
    "land.coords_zone_stripped": (
        "Y 坐标带 {zone} 带号，已去掉带号按 EPSG:4549 存储",
        "Y carried the zone {zone}; stored without it (EPSG:4549)",
    ),
    "land.coords_swapped_confirmed": (
        "已按确认交换 X/Y（{points} 个点）",
        "X/Y swapped as confirmed ({points} points)",
    ),
    "land.crs_assumed_stored": (
        "{file} 未声明坐标系；坐标在临安 EPSG:4549 范围内，按 EPSG:4549 读取",
        "{file} names no frame; its coordinates lie in Lin'an's EPSG:4549 range, read as such",
    ),
    "land.crs_missing": (
        "{file} 未声明坐标系（缺少 .prj 或 crs），坐标也不在临安范围内，无法确定坐标系",
        "{file} names no frame (.prj or crs missing) and its coordinates are not in Lin'an",
    ),
    "land.crs_unreadable": ("{file} 的坐标系无法识别：{crs}", "The frame of {file} cannot be read: {crs}"),
    "land.rejected_with_table": (
        "整表坐标形式有误，本行未导入（见第 {row} 行的说明）",
        "The table's coordinates are in the wrong form; row not imported (see row {row})",
    ),
    "land.rejected_with_parcel": (
        "地块 {code} 的界址点有误，本行未导入（见第 {row} 行的说明）",
        "Plot {code}'s points are wrong; row not imported (see row {row})",
    ),
    "land.txt_point_count": (
        "地块 {code} 的首行写明界址点数 {declared}，实际有 {found} 个点，请核对是否漏点",
        "Plot {code}: the header says {declared} points but {found} follow; check for missing points",
    ),
    "land.txt_line_unreadable": ("第 {line} 行无法识别：{text}", "Line {line} cannot be read: {text}"),
    # checks
    "land.overlap": (
        "地块 {code} 与 {other} 重叠 {overlap_m2} ㎡",
        "Plot {code} overlaps {other} by {overlap_m2} ㎡",
    ),
    "land.outside_platform": (
        "地块 {code} 有 {outside_m2} ㎡ 位于 {platform} 边界之外",
        "Plot {code}: {outside_m2} ㎡ lie outside {platform}'s boundary",
    ),
    "land.area_mismatch": (
        "地块 {code} 计算面积 {geom_area_m2} ㎡ 与证载面积 {cert_area_m2} ㎡ 相差 {diff_m2} ㎡，超过允许差 "
        "{tolerance_m2} ㎡（依据 {document_no}，“{rule_title}”，自 {effective_from} 起）",
        "Plot {code}: computed area {geom_area_m2} ㎡ differs from the certificate's {cert_area_m2} ㎡ by "
        "{diff_m2} ㎡, beyond the tolerance {tolerance_m2} ㎡ ({document_no}, “{rule_title}”, from "
        "{effective_from})",
    ),
    # overview
    "land.overview.plots": ("地块数", "Plots"),
    "land.overview.area": ("地块总面积", "Plot area"),
    "land.overview.low_eff_area": ("低效用地面积（{plots} 宗）", "Low-efficiency land ({plots} plots)"),
    "land.overview.overlaps": ("重叠地块对", "Overlapping plot pairs"),
    "land.idle_not_started": (
        "地块 {plot} 超过约定动工日期 {agreed_start_on} 满 {years__raw} 年未动工，自 {since} 起属闲置土地（依据 {document_no} {clause}）",
        "Plot {plot} has not started {years__raw} year(s) after the agreed start {agreed_start_on}: idle land since "
        "{since} (per {document_no} {clause})",
    ),
    "land.idle_halted_underdeveloped": (
        "地块 {plot} 开发不足（开发比例 {developed_share}，投资比例 {investment_share}）且自 {halted_since} 中止开发，"
        "自 {since} 起属闲置土地（依据 {document_no} {clause}）",
        "Plot {plot} is underdeveloped (developed {developed_share}, invested {investment_share}) and halted since "
        "{halted_since}: idle land since {since} (per {document_no} {clause})",
    ),
}
