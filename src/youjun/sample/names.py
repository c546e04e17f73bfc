"""Invented Chinese names for towns, villages, schools and education groups."""

from __future__ import annotations

import numpy as np

_TOWN_FIRST = "青朱何仙来板松吉五三双红宝金黄南临卫大茶陈永胜中新凤龙石玉白柏桂兴"
_TOWN_SECOND = "溪沱埂龙桥溉山安间石峰湖坝河岩林坪塘江口场凼滩坡岗庙寺"
_VILLAGE_FIRST = "杨柳桃李竹梨枣槐松柏荷兰菊梅枫杉桂棕茶桑"
_VILLAGE_SECOND = "园湾坝沟坪林岭垭塆冲坳岩口嘴湾田"
URBAN_STEMS = (
    "红旗", "胜利路", "人民路", "解放路", "中山路", "和平街", "北山", "南山", "东风", "光明",
    "凤凰湖", "双竹", "萱花", "兴龙湖", "汇龙", "石松", "昌州", "棠城", "玉屏", "登云",
    "文曲", "望城", "星光", "朝阳", "春晖", "育才", "新城", "滨江", "东城", "西城", "城南",
    "城北", "桂花", "金龙", "青峰", "翠屏", "锦绣", "迎宾", "明德", "卫星湖", "大南门",
    "学府", "书香", "水竹", "龙湖", "临江", "江南", "河西", "红星", "建设路", "团结",
    "友谊", "前进", "向阳", "文昌", "兴隆", "永丰", "和顺", "瑞丰", "康宁", "惠民",
)
ORDINALS = ("第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十")
PRIVATE_STYLES = ("外国语", "实验", "育才", "博雅", "英才")


def _two_char_names(rng: np.random.Generator, n: int, first: str, second: str) -> list[str]:
    """``n`` distinct two-character names (the pool repeats with a number suffix if short)."""
    pool = [a + b for a in first for b in second if a != b]
    order = rng.permutation(len(pool))
    return [pool[order[i % len(pool)]] + ("" if i < len(pool) else str(i // len(pool) + 1))
            for i in range(n)]


def town_names(rng: np.random.Generator, n_subdistricts: int, n_towns: int) -> list[str]:
    """Subdistricts (街道, urban) first, then towns (镇)."""
    stems = _two_char_names(rng, n_subdistricts + n_towns, _TOWN_FIRST, _TOWN_SECOND)
    return [s + ("街道" if i < n_subdistricts else "镇") for i, s in enumerate(stems)]


def town_stem(town: str) -> str:
    return town.removesuffix("街道").removesuffix("镇")


class SchoolNamer:
    """Gives each school of a district a distinct, plausible name."""

    def __init__(self, rng: np.random.Generator, district_name: str, province_name: str) -> None:
        self.rng = rng
        self.district = district_name
        self.province = province_name.removesuffix("市").removesuffix("省")
        self.used: set[str] = set()
        self.stems = [URBAN_STEMS[i] for i in rng.permutation(len(URBAN_STEMS))]
        self.next_stem = 0

    def _urban_stem(self) -> str:
        stem = self.stems[self.next_stem % len(self.stems)]
        self.next_stem += 1
        return stem

    def _village(self) -> str:
        return _two_char_names(self.rng, 1, _VILLAGE_FIRST, _VILLAGE_SECOND)[0]

    def _claim(self, candidates: list[str]) -> str:
        for name in candidates:
            if name not in self.used:
                self.used.add(name)
                return name
        base = candidates[-1]
        for ordinal in ORDINALS[1:]:
            name = base.replace(self.district, self.district + ordinal, 1)
            if name not in self.used:
                self.used.add(name)
                return name
        name = f"{base}{len(self.used)}"
        self.used.add(name)
        return name

    def name(self, school_type: str, location: str, town: str, private: bool,
             county_run: bool) -> str:
        d, place = self.district, town_stem(town)
        if school_type == "special":
            return self._claim([f"{d}特殊教育学校", f"{d}{self._urban_stem()}特殊教育学校"])
        if school_type == "teaching_point":
            return self._claim([f"{d}{place}{self._village()}教学点" for _ in range(3)])
        if private:
            style = PRIVATE_STYLES[self.rng.integers(len(PRIVATE_STYLES))]
            tail = {"primary": "小学", "junior": "中学"}.get(school_type, "学校")
            return self._claim([f"{d}{self._urban_stem()}{style}{tail}" for _ in range(3)])
        if not county_run:
            return self._claim([f"{self.province}{self._urban_stem()}中学" for _ in range(3)])
        tail = {"primary": "小学", "junior": "中学", "nine_year": "学校",
                "complete_middle": "中学", "twelve_year": "实验学校"}[school_type]
        if location == "urban":
            return self._claim([f"{d}{self._urban_stem()}{tail}" for _ in range(3)])
        first = f"{d}{place}中心小学" if school_type == "primary" else f"{d}{place}{tail}"
        return self._claim([first] + [f"{d}{place}{self._village()}{tail}" for _ in range(3)])


def group_name(lead_school_name: str) -> str:
    """An education group is named after its lead school, e.g. 永川区红旗小学教育集团."""
    return f"{lead_school_name}教育集团"
