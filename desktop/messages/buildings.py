"""Messages of the buildings area: every transfer check, passed or failed, with its numbers
and the rule it applied (document, clause, start date)."""

from __future__ import annotations

_BY_ZH = "（依据 {document_no} {clause}，自 {effective_from} 起）"
_BY_EN = " (per {document_no} {clause}, in force from {effective_from})"


def _cited(zh: str, en: str) -> tuple[str, str]:
    return zh + _BY_ZH, en + _BY_EN


MESSAGES: dict[str, tuple[str, str]] = {
    # --- ratio cap -------------------------------------------------------------------------------
    "building.ratio_exceeded": _cited(
        "转让后比例 {ratio_after_pct__raw}% 超过 上限 {cap_pct__raw}%",
        "Share transferred after this sale {ratio_after_pct__raw}% exceeds the cap of {cap_pct__raw}%",
    ),
    "building.ratio_near_cap": _cited(
        "转让后比例 {ratio_after_pct__raw}%，距上限 {cap_pct__raw}% 不足 {margin_pct__raw} 个百分点",
        "Share after this sale {ratio_after_pct__raw}% is within {margin_pct__raw} points of the cap "
        "{cap_pct__raw}%",
    ),
    "building.ratio_within_cap": _cited(
        "转让后比例 {ratio_after_pct__raw}%，未超过上限 {cap_pct__raw}%",
        "Share after this sale {ratio_after_pct__raw}%, within the cap of {cap_pct__raw}%",
    ),
    "building.no_floor_area": (
        "楼宇 {building} 未登记总建筑面积，无法计算转让比例",
        "Building {building} has no total floor area; the share cannot be computed",
    ),
    "building.rule_missing": (
        "未找到规则 {rule_key_missing}（该日期无有效政策参数）",
        "No rule {rule_key_missing} in force on that date",
    ),
    # --- units -----------------------------------------------------------------------------------
    "building.no_units": ("未选择转让单元", "No units chosen"),
    "building.unit_not_in_building": (
        "单元 {unit_ids} 不属于楼宇 {building}",
        "Units {unit_ids} are not in building {building}",
    ),
    "building.unit_already_transferred": (
        "单元 {units} 已转让，应按再转让办理",
        "Units {units} are already transferred; record a resale",
    ),
    "building.resale_unit_not_transferred": (
        "单元 {units} 尚未转让，不能按再转让办理",
        "Units {units} were never transferred; this is not a resale",
    ),
    "building.resale_mixed_owners": (
        "再转让的单元 {units} 属于不同权利人，请分别办理",
        "Units {units} of this resale have different owners; record them apart",
    ),
    "building.buyer_is_owner": ("受让企业 {buyer} 即为现权利人", "The buyer {buyer} already owns the units"),
    "building.units_available": ("{count} 个单元可转让：{units}", "{count} units available: {units}"),
    "building.unit_below_minimum": _cited(
        "单元 {units} 面积小于最小分割单元 {min_m2} ㎡",
        "Units {units} are smaller than the minimum unit of {min_m2} ㎡",
    ),
    "building.unit_area_ok": _cited(
        "最小单元 {smallest_m2} ㎡，不小于 {min_m2} ㎡",
        "Smallest unit {smallest_m2} ㎡, not below {min_m2} ㎡",
    ),
    "building.not_whole_floor": _cited(
        "须整层分割转让：第 {floors} 层未全部选中", "Whole floors only: floor {floors} is not wholly chosen"
    ),
    "building.whole_floor_ok": _cited("整层转让（第 {floors} 层）", "Whole floors ({floors})"),
    "building.not_whole_building": _cited(
        "须整栋转让，尚缺单元 {missing}", "The whole building only; missing {missing}"
    ),
    "building.whole_building_ok": _cited("整栋转让", "The whole building"),
    # --- buyer -----------------------------------------------------------------------------------
    "building.buyer_manufacturing": _cited(
        "受让企业 {buyer} 为制造业企业", "Buyer {buyer} is a manufacturer"
    ),
    "building.buyer_not_manufacturing": _cited(
        "受让企业 {buyer} 不是制造业企业", "Buyer {buyer} is not a manufacturer"
    ),
    "building.buyer_in_chain": _cited(
        "受让企业属 {chain} 产业链（平台产业链：{chains}）",
        "Buyer is in the {chain} chain (platform chains: {chains})",
    ),
    "building.buyer_not_in_chain": _cited(
        "受让企业产业链 {chain} 不在平台产业链 {chains} 内",
        "Buyer's chain {chain} is not among the platform's chains {chains}",
    ),
    "building.idle_land_derived": _cited(
        "楼宇 {building} 所在地块 {plot} 自 {since} 起属闲置土地（按出让合同约定日期推算），不得分割转让",
        "Building {building}: its plot {plot} is idle land since {since} (from the "
        "contract's agreed dates); no transfer",
    ),
    "building.buyer_chain_partner": _cited(
        "受让企业 {buyer} 与转让方同属 {chain} 产业链（上下游合作）",
        "Buyer {buyer} is in the seller's {chain} industry chain",
    ),
    "building.buyer_not_eligible": _cited(
        "受让企业 {buyer} 既不是制造业企业，也不属转让方产业链（受让方 {chain}，转让方 {seller_chain}）",
        "Buyer {buyer} is neither a manufacturer nor in the seller's industry chain (buyer {chain}, "
        "seller {seller_chain})",
    ),
    "building.buyer_not_rated": _cited(
        "受让企业 {buyer} 无亩均评价结果", "Buyer {buyer} has no efficiency rating"
    ),
    "building.buyer_rating_ok": _cited(
        "受让企业 {year__raw} 年亩均评价为 {klass} 类", "Buyer rated class {klass} for {year__raw}"
    ),
    "building.buyer_rated_refused": _cited(
        "受让企业 {year__raw} 年亩均评价为 {klass} 类，不得受让",
        "Buyer rated class {klass} for {year__raw}; may not buy",
    ),
    # --- lock-up ---------------------------------------------------------------------------------
    "building.lockup_not_applicable": _cited(
        "首次转让，不涉及 {years} 年再转让限制", "First sale; the {years}-year resale lock-up does not apply"
    ),
    "building.resale_in_lockup": _cited(
        "单元 {units} 于 {acquired_on} 取得，{until} 前不得再转让（{years} 年）",
        "Units {units} acquired {acquired_on}; no resale before {until} ({years} years)",
    ),
    "building.lockup_passed": _cited(
        "取得于 {acquired_on}，已满 {years} 年（{until}）",
        "Acquired {acquired_on}; the {years} years ended {until}",
    ),
    "building.acquired_unknown": _cited(
        "单元 {units} 取得日期不详，无法核对 {years} 年限制",
        "Units {units}: acquisition date unknown; cannot check the {years}-year lock-up",
    ),
    # --- composition -----------------------------------------------------------------------------
    "building.shared_area_sold": _cited(
        "公共部分（{units}）不得单独分割转让", "Shared areas ({units}) may never be sold"
    ),
    "building.ancillary_without_production": _cited(
        "办公、宿舍、食堂、车库（{units}）须与生产用房一并转让",
        "Offices, dormitories, canteens and garages ({units}) only with production space",
    ),
    "building.composition_ok": _cited("单元用途组合符合要求", "Unit uses may be sold together"),
    # --- preconditions ---------------------------------------------------------------------------
    "building.accepted_ok": _cited("已于 {accepted_on} 竣工验收", "Completion accepted on {accepted_on}"),
    "building.not_accepted": _cited(
        "楼宇 {building} 未竣工验收", "Building {building} has no completion acceptance"
    ),
    "building.registered_ok": _cited(
        "已于 {registered_on} 办理首次登记", "First registration on {registered_on}"
    ),
    "building.not_registered": _cited(
        "楼宇 {building} 未办理不动产首次登记", "Building {building} has no first registration"
    ),
    "building.land_price_paid": _cited("土地出让金已缴清", "Land price paid"),
    "building.land_price_unpaid": _cited(
        "楼宇 {building} 土地出让金未缴清", "Building {building}: land price unpaid"
    ),
    "building.no_lien": _cited("无抵押", "No lien"),
    "building.lien_consented": _cited("有抵押，已取得抵押权人同意", "Lien, with the mortgagee's consent"),
    "building.lien_without_consent": _cited(
        "楼宇 {building} 已抵押且未取得抵押权人同意",
        "Building {building} is mortgaged without the mortgagee's consent",
    ),
    "building.no_idle_land": _cited("无闲置土地认定", "No idle-land finding"),
    "building.idle_land_found": _cited(
        "楼宇 {building} 所在土地被认定为闲置土地", "The land of building {building} was found idle"
    ),
    # --- buy-back --------------------------------------------------------------------------------
    "building.buyback_pending": _cited(
        "政府已于 {offered_on} 提出优先回购，待答复前不得转让",
        "The government offered to buy back on {offered_on}; no sale until it is answered",
    ),
    "building.buyback_accepted": _cited(
        "政府优先回购已于 {offered_on} 接受", "The buy-back of {offered_on} was accepted"
    ),
    "building.buyback_clear": _cited("无待决的政府优先回购", "No pending government buy-back"),
    "building.buyback_not_reserved": _cited("未保留政府优先回购权", "No government buy-back right reserved"),
    # --- services --------------------------------------------------------------------------------
    "building.override_incomplete": (
        "越权批准须填写理由和文号",
        "An override needs a reason and a document number",
    ),
    "building.transfer_of_record": (
        "单元 {units} 在单元表中已记为 {date} 转让给该企业：只登记这笔转让的记录，不再按现行规则核验",
        "Units {units} are already recorded as sold to this buyer on {date}: the transfer is recorded as it "
        "was, without checking it again against today's rules",
    ),
    "building.price_negative": (
        "成交价不能为负：{price} 万元",
        "The price cannot be negative: {price} (10k CNY)",
    ),
    "building.code_required": ("楼宇编号不能为空", "A building code is required"),
    "building.name_required": ("楼宇名称不能为空", "A building name is required"),
    "building.duplicate_code": ("楼宇编号 {code} 已存在", "Building code {code} already exists"),
    "building.area_not_positive": (
        "总建筑面积须大于 0（{total_m2} ㎡）",
        "Total floor area must be positive ({total_m2} ㎡)",
    ),
    "building.floors_not_positive": ("层数须大于 0（{floors}）", "Floors must be positive ({floors})"),
    "building.registered_before_accepted": (
        "首次登记日期 {registered_on} 早于竣工验收日期 {accepted_on}",
        "First registration {registered_on} precedes acceptance {accepted_on}",
    ),
    "building.has_transfers": (
        "楼宇 {code} 已有转让记录，不能删除",
        "Building {code} has transfers; not deleted",
    ),
    "building.unit_number_required": ("单元号不能为空", "A unit number is required"),
    "building.duplicate_unit": (
        "楼宇 {building} 已有单元 {number}",
        "Building {building} already has unit {number}",
    ),
    "building.floor_out_of_range": (
        "楼层 {floor} 超出楼宇层数 {floors}",
        "Floor {floor} is outside the building's {floors} floors",
    ),
    "building.unit_area_not_positive": ("单元面积须大于 0", "A unit's area must be positive"),
    "building.unknown_use": ("未知用途：{value}", "Unknown use: {value}"),
    "building.unknown_status": ("未知状态：{value}", "Unknown status: {value}"),
    "building.unit_in_transfer": (
        "单元 {number} 已有转让记录，不能删除",
        "Unit {number} has transfers; not deleted",
    ),
    "building.ratio_out_of_range": (
        "比例 {ratio_pct__raw}% 须在 0 到 100% 之间",
        "The ratio {ratio_pct__raw}% must be between 0 and 100%",
    ),
    "building.ratio_document_required": (
        "楼宇 {building} 自定比例须注明批准文号",
        "Building {building}: its own ratio needs the approving document",
    ),
    "building.per_floor_out_of_range": (
        "每层单元数须在 1 到 99 之间（{per_floor}）",
        "Units per floor must be 1 to 99 ({per_floor})",
    ),
    "building.unknown_buyback_status": ("未知回购状态：{value}", "Unknown buy-back status: {value}"),
    # --- exchange --------------------------------------------------------------------------------
    "building.unknown_enterprise": ("企业库中找不到：{value}", "Not in the enterprise register: {value}"),
    "building.ambiguous_enterprise": (
        "企业名称 {value} 对应多家企业，请填写统一社会信用代码",
        "{value} names several enterprises; give the USCC",
    ),
    "building.unknown_platform": ("未知平台：{value}", "Unknown platform: {value}"),
    "building.unknown_plot": ("找不到地块：{value}", "Plot not found: {value}"),
    "building.buyer_required": ("请填写受让企业的统一社会信用代码或名称", "Give the buyer's USCC or name"),
    "building.unknown_building": ("找不到楼宇：{value}", "Building not found: {value}"),
    "building.unknown_unit": (
        "楼宇 {building} 中找不到单元：{value}",
        "Building {building} has no unit {value}",
    ),
    "building.status_change_needs_transfer": (
        "单元 {number} 的转让状态不能在单元表中修改，请导入或录入转让记录",
        "Unit {number}: sales are recorded as transfers, not by editing the unit's status",
    ),
    # --- landspace check -------------------------------------------------------------------------
    "building.over_cap": _cited(
        "楼宇 {building} 已转让 {ratio_pct__raw}%，超过上限 {cap_pct__raw}%",
        "Building {building}: {ratio_pct__raw}% transferred, over the cap of {cap_pct__raw}%",
    ),
    "building.near_cap": _cited(
        "楼宇 {building} 已转让 {ratio_pct__raw}%，接近上限 {cap_pct__raw}%",
        "Building {building}: {ratio_pct__raw}% transferred, near the cap of {cap_pct__raw}%",
    ),
    "building.units_exceed_total": (
        "楼宇 {building} 单元面积合计 {units_m2} ㎡ 超过总建筑面积 {total_m2} ㎡",
        "Building {building}: units total {units_m2} ㎡, more than its {total_m2} ㎡",
    ),
    "building.transferred_without_owner": (
        "楼宇 {building} 单元 {unit} 已转让但缺少权利人或取得日期",
        "Building {building} unit {unit}: transferred without owner or date",
    ),
    "building.unit_above_top_floor": (
        "楼宇 {building} 有单元在第 {floor} 层，高于登记层数",
        "Building {building} has a unit on floor {floor}, above its floors",
    ),
    # --- overview --------------------------------------------------------------------------------
    "buildings.overview.count": ("工业楼宇", "Industrial buildings"),
    "buildings.overview.transferred_share": (
        "楼宇已分割转让比例",
        "Share of building floor area transferred",
    ),
    "buildings.overview.near_or_over_cap": (
        "接近或超过比例上限的楼宇（接近 {near}，超过 {over}）",
        "Buildings near or over their cap (near {near}, over {over})",
    ),
    "buildings.overview.transfers_this_year": ("{year__raw}年分割转让笔数", "Transfers in {year__raw}"),
}
