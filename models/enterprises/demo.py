"""About sixty realistic enterprises over the four platforms, for ``landspace demo``.

USCCs carry the Lin'an division code 330112 and a correct GB 32100-2015 check
character; names follow the district's usual pattern (杭州 + 地名 + 字号 + 行业 + 有限公司).
Deterministic for a given ``rng``.
"""

from __future__ import annotations

import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.enterprises.services import upsert_enterprise
from models.policy.entities import Platform
from models.uscc import ALPHABET, check_char

DIVISION = "330112"
# platform code → (place word in names, street for addresses, how many)
PLATFORMS = {
    "QSH": ("青山湖", "青山湖街道", 24),
    "GXY": ("临安", "锦北街道", 16),
    "LL": ("玲珑", "玲珑街道", 12),
    "YQ": ("於潜", "於潜镇", 8),
}
BRANDS = (
    "华研",
    "中欣",
    "恒信",
    "瑞丰",
    "博创",
    "鼎力",
    "天目",
    "锦程",
    "万向",
    "新元",
    "聚能",
    "东信",
    "科润",
    "宏达",
    "兆丰",
    "金石",
    "昊天",
    "远景",
    "立讯",
    "星辰",
    "明德",
    "安捷",
    "精工",
    "睿芯",
    "康泰",
    "海盛",
    "伟业",
    "正泰",
    "嘉隆",
    "辰光",
    "铭远",
    "卓越",
    "汇川",
    "昌盛",
    "宇航",
)
CHAINS = {
    "高端装备": ("智能装备", "精密机械", "机器人", "数控机床", "汽车零部件"),
    "集成电路": ("半导体", "微电子", "芯片封装", "电子材料"),
    "生命健康": ("生物医药", "医疗器械", "制药", "健康科技"),
    "其他": ("新材料", "纺织", "竹木制品", "包装", "信息技术"),
}
ROADS = ("大园路", "科技大道", "景观大道", "青山大道", "锦城路", "天目路", "玲珑路", "城中街", "南环路")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "秀英")


def demo_uscc(rng: random.Random) -> str:
    org = "MA2" + "".join(rng.choice(ALPHABET) for _ in range(6))
    first17 = "91" + DIVISION + org
    return first17 + check_char(first17)


def seed_demo(session: Session, rng: random.Random) -> None:
    platform_ids = {code: pid for code, pid in session.execute(select(Platform.code, Platform.id))}
    used_names: set[str] = set()
    for code, (place, street, count) in PLATFORMS.items():
        pid = platform_ids.get(code)
        for _ in range(count):
            chain = rng.choices(tuple(CHAINS), weights=(40, 20, 20, 20))[0]
            while True:
                trade = rng.choice(CHAINS[chain])
                name = f"杭州{place}{rng.choice(BRANDS)}{trade}{'科技' if rng.random() < 0.5 else ''}有限公司"
                if name not in used_names:
                    used_names.add(name)
                    break
            contact = rng.choice(SURNAMES) + rng.choice(GIVEN)
            upsert_enterprise(
                session,
                uscc=demo_uscc(rng),
                name=name,
                platform_id=pid,
                industry_chain=chain,
                is_manufacturing=chain != "其他" or rng.random() < 0.6,
                address=f"杭州市临安区{street}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
                contact=contact,
                phone=f"0571-6{rng.randint(1000000, 9999999)}",
            )
