"""Which district a scenario's district index stands for: code, name, kind, province.

Identities depend on the scenario and index only (never on the seed), so a district's
partition directory and name are the same for every seed. Chongqing's 38 county-level
units carry their real division codes; the other provinces' county codes are synthetic
(real province prefix, invented city and county digits) with invented names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

CHONGQING = ("500000", "重庆市", 106.55, 29.56)

# (code, name) of Chongqing's county-level units; 5001xx are districts, 5002xx counties.
CHONGQING_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("500101", "万州区"), ("500102", "涪陵区"), ("500103", "渝中区"), ("500104", "大渡口区"),
    ("500105", "江北区"), ("500106", "沙坪坝区"), ("500107", "九龙坡区"), ("500108", "南岸区"),
    ("500109", "北碚区"), ("500110", "綦江区"), ("500111", "大足区"), ("500112", "渝北区"),
    ("500113", "巴南区"), ("500114", "黔江区"), ("500115", "长寿区"), ("500116", "江津区"),
    ("500117", "合川区"), ("500118", "永川区"), ("500119", "南川区"), ("500120", "璧山区"),
    ("500151", "铜梁区"), ("500152", "潼南区"), ("500153", "荣昌区"), ("500154", "开州区"),
    ("500155", "梁平区"), ("500156", "武隆区"), ("500229", "城口县"), ("500230", "丰都县"),
    ("500231", "垫江县"), ("500233", "忠县"), ("500235", "云阳县"), ("500236", "奉节县"),
    ("500237", "巫山县"), ("500238", "巫溪县"), ("500240", "石柱土家族自治县"),
    ("500241", "秀山土家族苗族自治县"), ("500242", "酉阳土家族苗族自治县"),
    ("500243", "彭水苗族土家族自治县"),
)
YONGCHUAN_INDEX = 17
YONGCHUAN_LONLAT = (105.93, 29.36)
YONGCHUAN_POPULATION = 1_150_000

# (province code, name, county-level units, centre longitude, latitude); the units add up
# to the national 2,843.
PROVINCES: tuple[tuple[str, str, int, float, float], ...] = (
    ("110000", "北京市", 16, 116.40, 39.90), ("120000", "天津市", 16, 117.20, 39.12),
    ("130000", "河北省", 167, 114.51, 38.04), ("140000", "山西省", 117, 112.55, 37.87),
    ("150000", "内蒙古自治区", 103, 111.75, 40.84), ("210000", "辽宁省", 100, 123.43, 41.80),
    ("220000", "吉林省", 60, 125.32, 43.90), ("230000", "黑龙江省", 121, 126.53, 45.80),
    ("310000", "上海市", 16, 121.47, 31.23), ("320000", "江苏省", 95, 118.76, 32.06),
    ("330000", "浙江省", 90, 120.15, 30.28), ("340000", "安徽省", 104, 117.23, 31.82),
    ("350000", "福建省", 84, 119.30, 26.08), ("360000", "江西省", 100, 115.86, 28.68),
    ("370000", "山东省", 136, 117.00, 36.65), ("410000", "河南省", 157, 113.63, 34.75),
    ("420000", "湖北省", 103, 114.31, 30.59), ("430000", "湖南省", 122, 112.94, 28.23),
    ("440000", "广东省", 122, 113.26, 23.13), ("450000", "广西壮族自治区", 111, 108.37, 22.82),
    ("460000", "海南省", 25, 110.35, 20.02), ("500000", "重庆市", 38, 106.55, 29.56),
    ("510000", "四川省", 183, 104.07, 30.67), ("520000", "贵州省", 88, 106.63, 26.65),
    ("530000", "云南省", 129, 102.71, 25.04), ("540000", "西藏自治区", 74, 91.13, 29.65),
    ("610000", "陕西省", 107, 108.94, 34.34), ("620000", "甘肃省", 86, 103.83, 36.06),
    ("630000", "青海省", 44, 101.78, 36.62), ("640000", "宁夏回族自治区", 22, 106.23, 38.49),
    ("650000", "新疆维吾尔自治区", 107, 87.62, 43.79),
)
MUNICIPALITIES = ("110000", "120000", "310000", "500000")
COUNTIES_PER_SYNTHETIC_CITY = 15

_NAME_FIRST = "安宝昌长崇大德定东丰福阜高广海和河华怀黄会建江金靖康乐临龙隆罗茂宁平普清庆仁荣瑞"
_NAME_SECOND = "安昌城川德定丰峰阜和河华化江康乐陵宁平坪山水泰田溪阳源州"


@dataclass(frozen=True)
class DistrictIdentity:
    code: str
    name: str
    kind: str  # a schema.DISTRICT_KINDS code
    province_code: str
    province_name: str
    longitude: float
    latitude: float


def _province_starts() -> np.ndarray:
    return np.cumsum([0] + [p[2] for p in PROVINCES])


@lru_cache(maxsize=4096)
def district_identity(scenario_key: str, index: int) -> DistrictIdentity:
    """The district that index ``index`` of scenario S, M or L stands for."""
    if scenario_key == "S":
        if index != 0:
            raise ValueError("scenario S has one district (index 0)")
        return _chongqing(YONGCHUAN_INDEX)
    if scenario_key == "M":
        if not 0 <= index < len(CHONGQING_DISTRICTS):
            raise ValueError(f"scenario M has {len(CHONGQING_DISTRICTS)} districts")
        return _chongqing(index)
    starts = _province_starts()
    if not 0 <= index < starts[-1]:
        raise ValueError(f"scenario L has {starts[-1]} districts")
    p = int(np.searchsorted(starts, index, side="right")) - 1
    local = index - int(starts[p])
    code, pname, _count, lon, lat = PROVINCES[p]
    if code == CHONGQING[0]:
        return _chongqing(local)
    return _synthetic(index, local, code, pname, lon, lat)


def _chongqing(local: int) -> DistrictIdentity:
    code, name = CHONGQING_DISTRICTS[local]
    kind = "city_district" if code[2:4] == "01" else "county"
    if code == CHONGQING_DISTRICTS[YONGCHUAN_INDEX][0]:
        lon, lat = YONGCHUAN_LONLAT
    else:
        rng = np.random.default_rng([int(code), 7])
        lon, lat = CHONGQING[2] + rng.uniform(-1.2, 1.8), CHONGQING[3] + rng.uniform(-1.0, 1.8)
    return DistrictIdentity(code, name, kind, CHONGQING[0], CHONGQING[1], round(lon, 4),
                            round(lat, 4))


def _synthetic(index: int, local: int, province_code: str, province_name: str,
               lon: float, lat: float) -> DistrictIdentity:
    city, county = divmod(local, COUNTIES_PER_SYNTHETIC_CITY)
    code = f"{province_code[:2]}{city + 1:02d}{county + 1:02d}"
    if province_code in MUNICIPALITIES or county < 4:
        kind, suffix = "city_district", "区"
    elif county < 6:
        kind, suffix = "county_city", "市"
    else:
        kind, suffix = "county", "县"
    rng = np.random.default_rng([index, 7])
    name = (_NAME_FIRST[rng.integers(len(_NAME_FIRST))]
            + _NAME_SECOND[rng.integers(len(_NAME_SECOND))] + suffix)
    return DistrictIdentity(code, name, kind, province_code, province_name,
                            round(lon + rng.uniform(-2.0, 2.0), 4),
                            round(lat + rng.uniform(-1.5, 1.5), 4))
