"""The district data contract: the tables and fields a district supplies for one school year.

Pure data, no I/O. Ingest, templates, the sample generator, analytics and the docs all read
their table and field definitions from here, so there is exactly one place where a column's
name, type, unit, allowed values and purpose are written down.

Conventions
- ``key`` is the stable English identifier (also accepted as a header); ``zh`` is the
  Chinese header the template writes; ``en`` is the English label.
- Coded fields store the English code; the Chinese label, the English code and the English
  label are all accepted on input.
- ``used_by`` names the assessment items (keys of ``balance-assessment.md``) that need the
  field, so a missing optional field can be traced to what it disables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = "2026.11.1"
"""Bumped whenever a table or field changes; written into templates as a hidden marker."""


class FieldType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    CODE = "code"  # one of a fixed list of choices


@dataclass(frozen=True)
class Choice:
    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()


# A choice that quotes (无“有编不补”或…) is typed with whatever quotation marks come to hand, and
# the guide nests its quotation in single quotes (“无‘有编不补’或…”, walk 41): each is the choice.
_QUOTES = (("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("「", "」"), ("", ""))


def _quote_variants(spelling: str) -> list[str]:
    """``spelling`` and the same with its quotation marks written each other way (or left out)."""
    if not any(q in spelling for pair in _QUOTES[:-1] for q in pair):
        return [spelling]
    bare = spelling
    for left, right in _QUOTES[:-1]:
        bare = bare.replace(left, "\0").replace(right, "\1")
    return [spelling, *(bare.replace("\0", left).replace("\1", right) for left, right in _QUOTES)]


@dataclass(frozen=True)
class Field:
    key: str
    zh: str
    en: str
    type: FieldType
    required: bool = True
    unit_zh: str = ""
    unit_en: str = ""
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    pattern_hint_zh: str = ""
    pattern_hint_en: str = ""
    choices: tuple[Choice, ...] = ()
    references: tuple[str, str] | None = None  # (table, field)
    blank_means_zero: bool = False
    used_by: tuple[str, ...] = ()
    note_zh: str = ""
    note_en: str = ""

    def choice_lookup(self) -> dict[str, str]:
        """Map every accepted spelling (case-folded) of each choice to its code."""
        out: dict[str, str] = {}
        for c in self.choices:
            for spelling in (c.code, c.zh, c.en, *c.aliases):
                for variant in _quote_variants(spelling.strip()):
                    out.setdefault(variant.casefold(), c.code)
        return out

    def label(self, code: str, lang: str = "zh") -> str:
        for c in self.choices:
            if c.code == code:
                return c.zh if lang == "zh" else c.en
        return code


@dataclass(frozen=True)
class Table:
    key: str
    zh: str
    en: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    required: bool = True
    note_zh: str = ""
    note_en: str = ""
    by_key: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", {f.key: f for f in self.fields})

    def field(self, key: str) -> Field:
        return self.by_key[key]


# --- reusable pieces -------------------------------------------------------------------------

BOOL_CHOICES = (
    Choice("true", "是", "yes", ("y", "true", "1", "t", "对", "√")),
    Choice("false", "否", "no", ("n", "false", "0", "f", "不是", "×")),
)

SCHOOL_CODE_PATTERN = r"^\d{10}$"
DISTRICT_CODE_PATTERN = r"^\d{6}$"
SCHOOL_YEAR_PATTERN = r"^(\d{4})-(\d{4})$"

GRADES: tuple[int, ...] = tuple(range(1, 13))
PRIMARY_GRADES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
JUNIOR_GRADES: tuple[int, ...] = (7, 8, 9)
SENIOR_GRADES: tuple[int, ...] = (10, 11, 12)
GRADE_ZH = {
    1: "一年级", 2: "二年级", 3: "三年级", 4: "四年级", 5: "五年级", 6: "六年级",
    7: "七年级", 8: "八年级", 9: "九年级", 10: "高一", 11: "高二", 12: "高三",
}


def grade_column(grade: int) -> str:
    return f"students_g{grade}"


def _school_code(key: str, zh: str, en: str, *, required: bool = True,
                 references: tuple[str, str] | None = ("schools", "school_code"),
                 used_by: tuple[str, ...] = (), note_zh: str = "", note_en: str = "") -> Field:
    return Field(
        key, zh, en, FieldType.STRING, required=required, pattern=SCHOOL_CODE_PATTERN,
        pattern_hint_zh="10位数字的学校标识码", pattern_hint_en="the 10-digit school identifier",
        references=references, used_by=used_by, note_zh=note_zh, note_en=note_en,
    )


def _district_code(*, references: tuple[str, str] | None = ("districts", "district_code")) -> Field:
    return Field(
        "district_code", "区县代码", "District code", FieldType.STRING,
        pattern=DISTRICT_CODE_PATTERN, pattern_hint_zh="6位数字的行政区划代码",
        pattern_hint_en="the 6-digit administrative division code", references=references,
    )


def _yuan(key: str, zh: str, en: str, *, required: bool = True, used_by: tuple[str, ...] = (),
          note_zh: str = "", note_en: str = "") -> Field:
    return Field(key, zh, en, FieldType.NUMBER, required=required, unit_zh="元", unit_en="yuan",
                 minimum=0, maximum=1e11, used_by=used_by, note_zh=note_zh, note_en=note_en)


def _area(key: str, zh: str, en: str, *, used_by: tuple[str, ...] = (),
          maximum: float = 2_000_000) -> Field:
    return Field(key, zh, en, FieldType.NUMBER, unit_zh="平方米", unit_en="m²", minimum=0,
                 maximum=maximum, used_by=used_by)


def _flag(key: str, zh: str, en: str, *, used_by: tuple[str, ...] = (), required: bool = True,
          note_zh: str = "", note_en: str = "") -> Field:
    return Field(key, zh, en, FieldType.BOOLEAN, required=required, choices=BOOL_CHOICES,
                 used_by=used_by, note_zh=note_zh, note_en=note_en)


# --- coded values ----------------------------------------------------------------------------

SCHOOL_TYPES = (
    Choice("primary", "小学", "Primary school"),
    Choice("junior", "初级中学", "Junior secondary school", ("初中",)),
    Choice("nine_year", "九年一贯制学校", "Nine-year school", ("九年一贯制",)),
    Choice("twelve_year", "十二年一贯制学校", "Twelve-year school", ("十二年一贯制",)),
    Choice("complete_middle", "完全中学", "Complete middle school"),
    Choice("teaching_point", "教学点", "Teaching point", ("小学教学点",)),
    Choice("special", "特殊教育学校", "Special-education school", ("特教学校", "特殊教育")),
)

# Grades a school of each type may enrol; the sections it must have pupils in.
TYPE_GRADES: dict[str, tuple[int, ...]] = {
    "primary": PRIMARY_GRADES,
    "teaching_point": PRIMARY_GRADES,
    "junior": JUNIOR_GRADES,
    "nine_year": PRIMARY_GRADES + JUNIOR_GRADES,
    "twelve_year": GRADES,
    "complete_middle": JUNIOR_GRADES + SENIOR_GRADES,
    "special": PRIMARY_GRADES + JUNIOR_GRADES + SENIOR_GRADES,
}
TYPE_SECTIONS: dict[str, tuple[str, ...]] = {
    "primary": ("primary",),
    "teaching_point": ("primary",),
    "junior": ("junior",),
    "nine_year": ("primary", "junior"),
    "twelve_year": ("primary", "junior", "senior"),
    "complete_middle": ("junior", "senior"),
    "special": ("special",),
}
SECTION_GRADES: dict[str, tuple[int, ...]] = {
    "primary": PRIMARY_GRADES, "junior": JUNIOR_GRADES, "senior": SENIOR_GRADES,
}
COMBINED_TYPES = ("nine_year", "twelve_year", "complete_middle")

OWNERSHIP = (
    Choice("public", "公办", "Public"),
    Choice("private", "民办", "Private"),
)
LOCATION = (
    Choice("urban", "城区", "Urban"),
    Choice("town", "镇区", "Town"),
    Choice("rural", "乡村", "Rural", ("农村",)),
)
DISTRICT_KINDS = (
    Choice("county", "县", "County", ("自治县",)),
    Choice("county_city", "县级市", "County-level city"),
    Choice("city_district", "市辖区", "City district", ("区",)),
    Choice("designated", "功能区", "Designated zone", ("经开区", "新区")),
)
SECTIONS = (
    Choice("primary", "小学", "Primary"),
    Choice("junior", "初中", "Junior secondary", ("初级中学",)),
    Choice("senior", "高中", "Senior secondary"),
    Choice("special", "特殊教育", "Special education", ("特教",)),
)
SUBJECTS = (
    Choice("chinese", "语文", "Chinese"),
    Choice("math", "数学", "Mathematics", ("maths",)),
    Choice("foreign_language", "外语", "Foreign language", ("英语", "english")),
    Choice("morality_law", "道德与法治", "Morality and law", ("思想政治", "政治")),
    Choice("science", "科学", "Science"),
    Choice("physics", "物理", "Physics"),
    Choice("chemistry", "化学", "Chemistry"),
    Choice("biology", "生物", "Biology", ("生物学",)),
    Choice("history", "历史", "History"),
    Choice("geography", "地理", "Geography"),
    Choice("pe", "体育与健康", "PE and health", ("体育", "PE")),
    Choice("music", "音乐", "Music"),
    Choice("art", "美术", "Fine art"),
    Choice("it", "信息科技", "Information technology", ("信息技术",)),
    Choice("labour", "劳动", "Labour education"),
    Choice("comprehensive", "综合实践活动", "Integrated practice", ("综合实践",)),
    Choice("mental_health", "心理健康", "Mental health"),
    Choice("special_ed", "特殊教育", "Special education"),
    Choice("other", "其他", "Other"),
)
PE_ART_SUBJECTS = ("pe", "music", "art")
QUALIFICATIONS = (
    Choice("high_school_or_below", "高中及以下", "Senior secondary or below", ("高中",)),
    Choice("secondary_vocational", "中专/中师", "Secondary vocational", ("中专", "中师")),
    Choice("associate", "专科", "Associate degree", ("大专",)),
    Choice("bachelor", "本科", "Bachelor's degree", ("大学本科",)),
    Choice("master", "硕士研究生", "Master's degree", ("硕士", "研究生")),
    Choice("doctor", "博士研究生", "Doctorate", ("博士",)),
)
QUALIFICATION_RANK = {c.code: i for i, c in enumerate(QUALIFICATIONS)}
TITLES = (
    Choice("none", "未定职级", "No title", ("无", "未评")),
    Choice("third", "三级教师", "Third-grade teacher", ("三级",)),
    Choice("second", "二级教师", "Second-grade teacher", ("二级", "初级")),
    Choice("first", "一级教师", "First-grade teacher", ("一级", "中级")),
    Choice("senior", "高级教师", "Senior teacher", ("高级", "副高级")),
    Choice("professor", "正高级教师", "Professor-grade teacher", ("正高级",)),
)
TITLE_RANK = {c.code: i for i, c in enumerate(TITLES)}
KEY_TEACHER_TIERS = (
    Choice("none", "无", "None", ("否",)),
    Choice("key", "骨干教师", "Key teacher", ("骨干",)),
    Choice("leader", "学科带头人", "Subject leader"),
    Choice("famous", "名师", "Famous teacher", ("名教师",)),
    Choice("special_grade", "特级教师", "Special-grade teacher", ("特级",)),
)
AWARD_LEVELS = (
    Choice("school", "校级", "School"),
    Choice("county", "县级", "County", ("区级", "区县级", "县区级")),
    Choice("city", "市级", "City", ("地市级",)),
    Choice("province", "省级", "Province", ("省部级",)),
    Choice("national", "国家级", "National"),
)
AWARD_LEVEL_RANK = {c.code: i for i, c in enumerate(AWARD_LEVELS)}
ROOM_TYPES = (
    Choice("music", "音乐教室", "Music room", ("音乐",)),
    Choice("art", "美术教室", "Art room", ("美术",)),
)
RATE_KEYS = (
    Choice("g13_nearest_zone_primary", "小学就近划片入学比例", "Primary nearest-zone enrolment"),
    Choice("g13_nearest_zone_junior", "初中就近划片入学比例", "Junior nearest-zone enrolment"),
    Choice("g14_quota_allocation", "优质高中招生名额分配比例", "Quality senior-high places allocated"),
    Choice("g15_migrant_public", "随迁子女在公办学校和政府购买学位就读比例",
           "Migrant children in public or bought places"),
    Choice("q1_junior_retention", "初中三年巩固率", "Three-year junior retention"),
    Choice("q2_disabled_enrolment", "残疾儿童少年入学率", "Disabled children's enrolment"),
    Choice("q9_monitoring_level", "国家质量监测达到水平", "National monitoring level reached"),
    Choice("q9_monitoring_diff_rate", "国家质量监测校际差异率", "National monitoring inter-school difference"),
    Choice("social_recognition", "社会认可度", "Social recognition"),
)
# Rates in percent; the others have their own scale (see rate_unit).
RATE_SCALES: dict[str, tuple[str, float, float]] = {
    "q9_monitoring_level": ("level", 1, 4),
    "q9_monitoring_diff_rate": ("ratio", 0, 1),
}
EVIDENCE_ITEMS = (
    Choice("g1", "学校规划布局合理", "School layout planning is sound"),
    Choice("g2", "城乡统一标准", "One city–countryside standard"),
    Choice("g8_performance_pay", "绩效工资核定到位", "Performance pay fully approved"),
    Choice("g10", "教职工编制统筹配置", "Posts allocated by the bureau within approved totals"),
    Choice("g15_care_system", "留守儿童关爱体系健全", "Left-behind children care system"),
    Choice("q3", "学校章程与管理信息化", "School charter; digitised management"),
    Choice("q5", "信息技术应用", "ICT used well"),
    Choice("q6", "德育与校园文化", "Moral education and campus culture"),
    Choice("q7", "课程开齐开足与教学秩序", "Full curriculum and orderly teaching"),
    Choice("q8", "无过重课业负担", "No excessive homework burden"),
    # The six vetoes in 教督〔2017〕6号's words; the labels before 2026-12-04 stay aliases, so
    # workbooks filled in with them still read.
    Choice("veto_exam_admission", "无以考试方式招生", "No admission by examination", ("无考试招生",)),
    Choice("veto_school_choice", "无违规择校", "No school choice against the rules"),
    Choice("veto_key_schools", "无重点学校或重点班", "No key schools or key classes", ("无重点校重点班",)),
    Choice("veto_staffing", "无“有编不补”或长期聘用编外教师", "No unfilled posts or long-term off-book hiring",
           ("无有编不补、长期聘用编外教师",)),
    Choice("veto_safety", "教育系统无重大安全责任事故和严重违纪违规事件",
           "No major safety accident or serious breach of discipline in the education system",
           ("无重大安全责任事故", "无重大安全责任事故和严重违纪违规事件")),
    Choice("veto_falsified", "无弄虚作假", "No falsified data"),
    Choice("pre_basic_balance", "通过基本均衡认定满三年", "Basic balance passed at least 3 years ago"),
)
EVIDENCE_STATUS = (
    Choice("met", "达标", "Met", ("符合", "是")),
    Choice("not_met", "未达标", "Not met", ("不符合", "否")),
)

R_KEYS = (
    "r1_qualified_teachers_per100", "r2_key_teachers_per100", "r3_pe_art_teachers_per100",
    "r4_teaching_area_per_student", "r5_sports_area_per_student",
    "r6_equipment_value_per_student", "r7_multimedia_rooms_per100",
)
B_KEYS = (
    "b1_teaching_area_per_student", "b2_sports_area_per_student",
    "b3_equipment_value_per_student", "b4_computers_per100", "b5_books_per_student",
    "b6_teacher_student_ratio", "b7_qualified_teachers_per_student",
    "b8_mid_title_teachers_per_student",
)
ALL_STUDENT_INDICATORS = R_KEYS + B_KEYS

# --- the tables ------------------------------------------------------------------------------

DISTRICTS = Table(
    "districts", "区县", "Districts",
    (
        _district_code(references=None),
        Field("district_name", "区县名称", "District name", FieldType.STRING),
        Field("district_kind", "区县类别", "Kind of county-level unit", FieldType.CODE,
              required=False, choices=DISTRICT_KINDS),
        Field("province_code", "省级区划代码", "Province code", FieldType.STRING,
              pattern=DISTRICT_CODE_PATTERN, pattern_hint_zh="6位数字的省级行政区划代码，如 500000",
              pattern_hint_en="the 6-digit province code, e.g. 500000"),
        Field("province_name", "省份名称", "Province name", FieldType.STRING),
        Field("school_year", "学年", "School year", FieldType.STRING, pattern=SCHOOL_YEAR_PATTERN,
              pattern_hint_zh="如 2025-2026，后一年为前一年加一",
              pattern_hint_en="e.g. 2025-2026, the second year one after the first"),
        Field("statistical_date", "统计时点", "Statistical date", FieldType.DATE, required=False,
              note_zh="学年初统计时点，如 2025-09-01", note_en="start-of-year census date"),
        Field("resident_population", "常住人口", "Resident population", FieldType.INTEGER,
              required=False, unit_zh="人", unit_en="persons", minimum=0, maximum=50_000_000,
              used_by=("social_recognition",),
              note_zh="用于社会认可度调查抽样", note_en="for the recognition survey's sample size"),
    ),
    primary_key=("district_code",),
    note_zh="每个区县一行", note_en="one row per county-level unit",
)

_grade_fields = tuple(
    Field(grade_column(g), f"{GRADE_ZH[g]}学生数", f"Pupils in grade {g}", FieldType.INTEGER,
          required=False, blank_means_zero=True, unit_zh="人", unit_en="pupils", minimum=0,
          maximum=5000, used_by=(*ALL_STUDENT_INDICATORS, "g4"),
          note_zh="有学籍学生数；空白视为0", note_en="registered pupils; blank means 0")
    for g in GRADES
)

SCHOOLS = Table(
    "schools", "学校", "Schools",
    (
        _school_code("school_code", "学校标识码", "School code", references=None),
        Field("school_name", "学校名称", "School name", FieldType.STRING),
        _district_code(),
        Field("town", "所在乡镇（街道）", "Town or subdistrict", FieldType.STRING),
        Field("school_type", "学校类型", "School type", FieldType.CODE, choices=SCHOOL_TYPES),
        Field("ownership", "办学性质", "Ownership", FieldType.CODE, choices=OWNERSHIP),
        Field("location", "城乡分类", "Urban/town/rural", FieldType.CODE, choices=LOCATION,
              used_by=("g6", "g13")),
        _flag("boarding", "是否寄宿制学校", "Boarding school", used_by=("g13",)),
        _flag("county_run", "是否县（区）属", "Run by the county",
              note_zh="否：省、市属或高校附属", note_en="no: provincial, municipal or university-run"),
        _school_code("central_school_code", "所属中心校标识码", "Central school code",
                     required=False, note_zh="教学点必填", note_en="required for teaching points"),
        Field("education_group", "所属教育集团", "Education group", FieldType.STRING, required=False),
        Field("post_quota", "核定编制数", "Approved posts", FieldType.INTEGER, required=False,
              unit_zh="个", unit_en="posts", minimum=0, maximum=2000, used_by=("g10",)),
        Field("longitude", "经度", "Longitude", FieldType.NUMBER, required=False, minimum=73,
              maximum=136),
        Field("latitude", "纬度", "Latitude", FieldType.NUMBER, required=False, minimum=3,
              maximum=54),
        *_grade_fields,
    ),
    primary_key=("school_code",),
    note_zh="每所学校（含教学点、特殊教育学校）一行", note_en="one row per school, teaching point included",
)

CLASSES = Table(
    "classes", "班级", "Classes",
    (
        _school_code("school_code", "学校标识码", "School code", used_by=("g5",)),
        Field("grade", "年级", "Grade", FieldType.INTEGER, minimum=1, maximum=12,
              note_zh="1–9 为义务教育年级，10–12 为高中", note_en="1–9 compulsory, 10–12 senior"),
        Field("class_name", "班级名称", "Class name", FieldType.STRING),
        Field("students", "班额（学生数）", "Pupils in class", FieldType.INTEGER, unit_zh="人",
              unit_en="pupils", minimum=1, maximum=150, used_by=("g5",)),
    ),
    primary_key=("school_code", "grade", "class_name"),
    note_zh="每个教学班一行，填实际班额", note_en="one row per class with its real size",
)

TEACHERS = Table(
    "teachers", "专任教师", "Teachers",
    (
        Field("teacher_id", "教师编号（脱敏）", "Teacher ID (masked)", FieldType.STRING,
              pattern=r"^[^\s]{1,32}$", pattern_hint_zh="1–32位、不含空格的脱敏编号，不得填写身份证号",
              pattern_hint_en="a masked ID of 1–32 characters without spaces, never an ID number"),
        _school_code("school_code", "学校标识码", "School code"),
        Field("section", "任教学段", "Section taught", FieldType.CODE, choices=SECTIONS,
              used_by=("r1_qualified_teachers_per100", "b6_teacher_student_ratio")),
        Field("subject", "任教学科", "Subject", FieldType.CODE, choices=SUBJECTS,
              used_by=("r3_pe_art_teachers_per100",)),
        Field("qualification", "最高学历", "Highest qualification", FieldType.CODE,
              choices=QUALIFICATIONS,
              used_by=("r1_qualified_teachers_per100", "b7_qualified_teachers_per_student")),
        Field("title", "专业技术职务", "Professional title", FieldType.CODE, choices=TITLES,
              used_by=("b8_mid_title_teachers_per_student",)),
        Field("key_teacher_tier", "骨干教师类别", "Key-teacher tier", FieldType.CODE,
              required=False, choices=KEY_TEACHER_TIERS, used_by=("r2_key_teachers_per100", "g11"),
              note_zh="空白视为无", note_en="blank means none"),
        Field("key_teacher_level", "骨干教师认定级别", "Key-teacher awarding level", FieldType.CODE,
              required=False, choices=AWARD_LEVELS, used_by=("r2_key_teachers_per100",),
              note_zh="有骨干类别时必填", note_en="required when a tier is given"),
        _flag("pe_art_specialist", "是否专职体育/音乐/美术教师", "Full-time PE/music/art teacher",
              used_by=("r3_pe_art_teachers_per100",)),
        _flag("has_certificate", "是否持有教师资格证", "Holds a teacher's certificate",
              used_by=("g12",)),
        Field("years_at_school", "在本校连续任教年限", "Years at current school", FieldType.INTEGER,
              unit_zh="年", unit_en="years", minimum=0, maximum=50, used_by=("g11",)),
        _flag("rotated_this_year", "本学年是否交流轮岗", "Rotated this school year", used_by=("g11",)),
        _school_code("rotated_from_school_code", "交流前学校标识码", "Rotated from (school code)",
                     required=False, references=None, used_by=("g11",),
                     note_zh="交流轮岗教师必填", note_en="required for rotated teachers"),
        Field("training_hours_year", "本年度培训学时", "Training hours this year", FieldType.NUMBER,
              required=False, unit_zh="学时", unit_en="hours", minimum=0, maximum=1000),
        Field("training_hours_5y", "近五年累计培训学时", "Training hours, last 5 years",
              FieldType.NUMBER, unit_zh="学时", unit_en="hours", minimum=0, maximum=5000,
              used_by=("g9",)),
    ),
    primary_key=("teacher_id",),
    note_zh="每位专任教师一行；编号须脱敏", note_en="one row per full-time teacher; IDs masked",
)

FACILITIES = Table(
    "facilities", "校舍设施", "Facilities",
    (
        _school_code("school_code", "学校标识码", "School code"),
        _area("building_area_m2", "校舍建筑面积", "Total building area"),
        _area("teaching_aux_area_m2", "教学及辅助用房面积", "Teaching and auxiliary room area",
              used_by=("r4_teaching_area_per_student", "b1_teaching_area_per_student")),
        _area("gym_area_m2", "室内体育馆面积", "Indoor gym area",
              used_by=("r5_sports_area_per_student", "b2_sports_area_per_student")),
        _area("outdoor_sports_area_m2", "室外体育运动场地面积", "Outdoor sports area",
              used_by=("r5_sports_area_per_student", "b2_sports_area_per_student")),
        Field("equipment_value_10k_yuan", "教学仪器设备资产值", "Teaching equipment value",
              FieldType.NUMBER, unit_zh="万元", unit_en="10,000 yuan", minimum=0, maximum=1e6,
              used_by=("r6_equipment_value_per_student", "b3_equipment_value_per_student"),
              note_zh="按统计报表口径填万元", note_en="in 10,000 yuan, as in the statistics report"),
        Field("multimedia_classrooms", "网络多媒体教室数", "Networked multimedia classrooms",
              FieldType.INTEGER, unit_zh="间", unit_en="rooms", minimum=0, maximum=1000,
              used_by=("r7_multimedia_rooms_per100",)),
        Field("computers", "教学用计算机数", "Computers for teaching", FieldType.INTEGER,
              unit_zh="台", unit_en="computers", minimum=0, maximum=20000,
              used_by=("b4_computers_per100",)),
        Field("books", "图书册数", "Library books", FieldType.INTEGER, unit_zh="册",
              unit_en="volumes", minimum=0, maximum=10_000_000, used_by=("b5_books_per_student",)),
    ),
    primary_key=("school_code",),
    note_zh="每所学校一行；九年一贯制等学校填全校合计",
    note_en="one row per school; combined schools give whole-school totals",
)

ROOMS = Table(
    "rooms", "音乐美术教室", "Music and art rooms",
    (
        _school_code("school_code", "学校标识码", "School code", used_by=("g3",)),
        Field("room_type", "教室类型", "Room type", FieldType.CODE, choices=ROOM_TYPES,
              used_by=("g3",)),
        Field("room_no", "教室编号", "Room number", FieldType.STRING),
        Field("area_m2", "使用面积", "Area", FieldType.NUMBER, unit_zh="平方米", unit_en="m²",
              minimum=1, maximum=2000, used_by=("g3",)),
    ),
    primary_key=("school_code", "room_type", "room_no"),
    note_zh="每间音乐、美术专用教室一行", note_en="one row per music or art room",
)

SCHOOL_FINANCE = Table(
    "school_finance", "学校经费", "School finance",
    (
        _school_code("school_code", "学校标识码", "School code"),
        _yuan("public_funds_budget_yuan", "年度公用经费预算", "Public-funds budget",
              used_by=("q4",)),
        _yuan("public_funds_allocated_yuan", "公用经费实际拨付", "Public funds allocated",
              required=False, used_by=("g6",)),
        _yuan("teacher_training_spend_yuan", "教师培训经费支出", "Teacher-training spend",
              used_by=("q4",)),
    ),
    primary_key=("school_code",),
    required=False,
    note_zh="每所学校一行", note_en="one row per school",
)

DISTRICT_FINANCE = Table(
    "district_finance", "区县经费", "District finance",
    (
        _district_code(),
        _yuan("special_ed_public_funds_yuan", "特殊教育公用经费", "Special-education public funds",
              required=False, used_by=("g7",)),
        Field("special_ed_students", "特殊教育学生数", "Special-education pupils",
              FieldType.INTEGER, required=False, unit_zh="人", unit_en="pupils", minimum=0,
              maximum=200_000, used_by=("g7",),
              note_zh="含随班就读、送教上门", note_en="including those in ordinary schools and taught at home"),
        _yuan("avg_teacher_pay_yuan", "教师年平均工资收入", "Average teacher pay (year)",
              required=False, used_by=("g8",)),
        _yuan("civil_servant_avg_pay_yuan", "当地公务员年平均工资收入",
              "Average local civil-servant pay (year)", required=False, used_by=("g8",)),
        _yuan("funding_base_primary_yuan", "小学生均公用经费基准定额",
              "Per-pupil public-funds base, primary", required=False, used_by=("g6",)),
        _yuan("funding_base_junior_yuan", "初中生均公用经费基准定额",
              "Per-pupil public-funds base, junior", required=False, used_by=("g6",)),
    ),
    primary_key=("district_code",),
    required=False,
    note_zh="每个区县一行", note_en="one row per district",
)

DISTRICT_RATES = Table(
    "district_rates", "区县比率", "District rates",
    (
        _district_code(),
        Field("rate_key", "指标", "Rate", FieldType.CODE, choices=RATE_KEYS),
        Field("numerator", "分子", "Numerator", FieldType.NUMBER, required=False, minimum=0,
              maximum=1e9),
        Field("denominator", "分母", "Denominator", FieldType.NUMBER, required=False, minimum=0,
              maximum=1e9),
        Field("value", "数值", "Value", FieldType.NUMBER, required=False, minimum=0, maximum=100,
              note_zh="比率填百分数（如 96.5）；监测水平填1–4；差异率填小数",
              note_en="rates in percent (e.g. 96.5); monitoring level 1–4; difference rate as a decimal"),
        Field("source", "数据来源", "Source", FieldType.STRING),
        Field("as_of", "数据时点", "As of", FieldType.DATE, required=False),
    ),
    primary_key=("district_code", "rate_key"),
    required=False,
    note_zh="来自其他系统的区县级比率，每项一行", note_en="district-level rates from other systems, one row each",
)

EVIDENCE = Table(
    "evidence", "佐证材料", "Evidence",
    (
        _district_code(),
        Field("item_key", "评估项目", "Item", FieldType.CODE, choices=EVIDENCE_ITEMS),
        _school_code("school_code", "学校标识码", "School code", required=False,
                     note_zh="逐校认定的项目填写", note_en="for items attested per school"),
        Field("status", "认定结论", "Finding", FieldType.CODE, choices=EVIDENCE_STATUS),
        Field("attested_by", "认定单位（人）", "Attested by", FieldType.STRING),
        Field("attested_on", "认定日期", "Attested on", FieldType.DATE),
        Field("attachment_ref", "附件编号", "Attachment reference", FieldType.STRING,
              required=False),
        Field("note", "说明", "Note", FieldType.STRING, required=False),
    ),
    primary_key=("district_code", "item_key", "school_code"),
    required=False,
    note_zh="需佐证材料认定的项目，每项（或每校每项）一行",
    note_en="items judged on evidence, one row per item (or per school and item)",
)

TABLES: tuple[Table, ...] = (
    DISTRICTS, SCHOOLS, CLASSES, TEACHERS, FACILITIES, ROOMS,
    SCHOOL_FINANCE, DISTRICT_FINANCE, DISTRICT_RATES, EVIDENCE,
)
TABLES_BY_KEY: dict[str, Table] = {t.key: t for t in TABLES}


def table_for_name(name: str) -> Table | None:
    """Find a table by its key, Chinese or English name (file stems and sheet names)."""
    wanted = name.strip().casefold()
    for t in TABLES:
        if wanted in (t.key.casefold(), t.zh.casefold(), t.en.casefold()):
            return t
    return None


def indicator_fields(indicator: str) -> list[tuple[str, str]]:
    """(table, field) pairs that an assessment item needs."""
    return [(t.key, f.key) for t in TABLES for f in t.fields if indicator in f.used_by]
