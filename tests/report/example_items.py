"""The G and Q items, recognition, vetoes, options and rule provenance of the example district.

Hand-written in the shape the engine hands to the report; all figures are invented.
"""

from __future__ import annotations

from typing import Any

DOC = "县域义务教育优质均衡发展督导评估办法"
NUMBER = "教督〔2017〕6号"
EFFECTIVE = "2017-05-23"


def _evidence(by: str, on: str, ref: str) -> dict[str, str]:
    return {"status": "met", "attested_by": by, "attested_on": on, "attachment_ref": ref}


def _item(key: str, zh: str, en: str, status: str, figures: dict[str, Any], limit_zh: str,
          limit_en: str, failing: list[dict[str, Any]] | None = None,
          evidence: dict[str, str] | None = None) -> dict[str, Any]:
    return {"key": key, "title_zh": zh, "title_en": en, "status": status, "figures": figures,
            "limit_zh": limit_zh, "limit_en": limit_en, "failing": failing or [],
            "evidence": evidence}


BUREAU = "永川区教育委员会"

G_ITEMS = [
    _item("g1", "县域内义务教育学校规划布局合理", "School layout planning is sound", "pass", {},
          "有规划并经认定", "a plan, attested",
          evidence=_evidence(BUREAU, "2025-09-12", "附件G1-学校布局规划（2021—2035）.pdf")),
    _item("g2", "城乡学校建设、编制、经费、装备标准统一", "One city–countryside standard", "pass",
          {}, "经认定", "attested",
          evidence=_evidence(BUREAU, "2025-09-12", "附件G2-城乡统一标准文件.pdf")),
    _item("g3", "每12个班级配备音乐、美术专用教室1间以上", "Music and art rooms per 12 classes",
          "fail", {"schools": 24, "schools_failing": 2}, "每12班≥1间；音乐≥96平方米，美术≥90平方米",
          "≥1 per 12 classes; music ≥ 96 m², art ≥ 90 m²",
          [{"code": "5001180101", "name": "永川区萱花小学",
            "detail_zh": "48个班，音乐教室3间（需4间）",
            "detail_en": "48 classes, 3 music rooms (4 needed)"},
           {"code": "5001180203", "name": "永川区汇龙中学",
            "detail_zh": "美术教室面积 72 平方米（需≥90平方米）",
            "detail_en": "art room 72 m² (≥ 90 m² needed)"}]),
    _item("g4", "学校规模不超过2000人，九年一贯制学校不超过2500人", "School size", "fail",
          {"largest_school": 2380, "schools_over": 2}, "≤2000人（九年一贯制≤2500人）",
          "≤ 2000 pupils (nine-year ≤ 2500)",
          [{"code": "5001180101", "name": "永川区萱花小学", "detail_zh": "2150人",
            "detail_en": "2,150 pupils"},
           {"code": "5001180201", "name": "永川区北山中学", "detail_zh": "2380人",
            "detail_en": "2,380 pupils"}]),
    _item("g5", "小学、初中所有班级学生数分别不超过45人、50人", "Class size", "fail",
          {"classes": 612, "classes_failing": 3, "largest": {"primary": 47, "junior": 53}},
          "小学≤45人，初中≤50人", "primary ≤ 45, junior ≤ 50",
          # The engine's own entry shape: one per class, the school by its code.
          [{"class": "八年级3班", "level": "junior", "limit": 50, "school": "5001180201",
            "students": 53},
           {"class": "九年级1班", "level": "junior", "limit": 50, "school": "5001180201",
            "students": 52},
           {"class": "五年级2班", "level": "primary", "limit": 45, "school": "5001180104",
            "students": 47}]),
    _item("g6", "不足100名学生的村小学和教学点按100名学生核定公用经费",
          "Small village schools funded as 100 pupils", "pass",
          {"schools_under_100": 3, "funded_as_100": 3}, "全部按100人核定",
          "all funded as 100"),
    _item("g7", "特殊教育学校生均公用经费不低于6000元", "Special-education funds per pupil",
          "pass", {"per_pupil_yuan": 6800.0}, "≥6000元", "≥ 6000 yuan"),
    _item("g8", "教师平均工资收入水平不低于当地公务员平均工资收入水平", "Teacher pay", "pass",
          {"teacher_pay_yuan": 128400.0, "civil_servant_pay_yuan": 126900.0, "ratio": 1.0118},
          "≥公务员平均工资，绩效工资核定到位", "≥ civil-servant average, performance pay approved",
          evidence=_evidence("永川区人力资源和社会保障局", "2025-10-08", "附件G8-工资对比表.xlsx")),
    _item("g9", "教师5年360学时培训完成率达到100%", "360 training hours in 5 years", "fail",
          {"teachers": 4215, "completed": 4203, "rate_percent": 99.72}, "100%", "100%",
          [{"teacher": f"T{5001180107000 + i}", "school": "5001180107" if i < 5 else "5001180209",
            "hours_5y": 300 + 4 * i} for i in range(12)]),
    _item("g10", "县级教育行政部门在核定的教职工编制总额内统筹分配各校教职工编制",
          "Posts allocated within approved totals", "evidence_missing", {},
          "经认定", "attested"),
    _item("g11", "教师交流轮岗比例不低于符合条件教师的10%，骨干教师不低于交流人数的20%",
          "Teacher rotation", "pass",
          {"eligible": 1820, "rotated": 214, "rate_percent": 11.76, "key_share_percent": 24.3},
          "≥10%；骨干≥20%", "≥ 10 %; key teachers ≥ 20 %"),
    _item("g12", "专任教师持有教师资格证上岗率达到100%", "Teacher certificates", "pass",
          {"teachers": 4215, "certified": 4215, "rate_percent": 100.0}, "100%", "100%"),
    _item("g13", "城区和镇区公办小学、初中就近划片入学比例分别达到100%、95%以上",
          "Enrolment by nearest zone", "pass",
          {"primary_percent": 100.0, "junior_percent": 97.2}, "小学100%，初中≥95%",
          "primary 100 %, junior ≥ 95 %"),
    _item("g14", "优质高中招生名额分配比例不低于50%，并向农村初中倾斜",
          "Quality senior-high places allocated", "pass",
          {"allocated_percent": 55.0, "rural_tilt": True}, "≥50%并向农村倾斜",
          "≥ 50 %, tilted to rural schools"),
    _item("g15", "留守儿童关爱体系健全，随迁子女在公办学校和政府购买学位学校就读比例不低于85%",
          "Left-behind and migrant children", "pass", {"migrant_public_percent": 91.4},
          "≥85%，关爱体系经认定", "≥ 85 %, care system attested",
          evidence=_evidence(BUREAU, "2025-09-30", "附件G15-留守儿童关爱体系.pdf")),
]

Q_ITEMS = [
    _item("q1", "全县初中三年巩固率达到95%以上", "Three-year junior retention", "pass",
          {"rate_percent": 98.6}, "≥95%", "≥ 95 %"),
    _item("q2", "全县残疾儿童少年入学率达到95%以上", "Enrolment of disabled children", "pass",
          {"rate_percent": 96.1}, "≥95%", "≥ 95 %"),
    _item("q3", "所有学校制定章程，实现学校管理与教学信息化", "Charters and digital management",
          "pass", {"schools": 24, "attested": 24}, "全部学校经认定", "every school attested",
          evidence=_evidence(BUREAU, "2025-10-15", "附件Q3-学校章程汇编.pdf")),
    _item("q4", "所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费",
          "Teacher training ≥ 5 % of public funds", "fail",
          {"schools": 24, "schools_failing": 1, "lowest_percent": 3.8}, "每校≥5%",
          "every school ≥ 5 %",
          [{"code": "5001180207", "name": "永川区吉安中学", "detail_zh": "培训经费占3.8%",
            "detail_en": "training 3.8 % of public funds"}]),
    _item("q5", "教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平",
          "ICT use in teaching", "pass", {}, "经认定", "attested",
          evidence=_evidence(BUREAU, "2025-10-15", "附件Q5-信息化应用评估报告.pdf")),
    _item("q6", "所有学校德育工作、校园文化建设水平达到良好以上", "Moral education and culture",
          "pass", {}, "良好以上", "good or better",
          evidence=_evidence("永川区人民政府教育督导室", "2025-10-20", "附件Q6-德育评估结果.pdf")),
    _item("q7", "课程开齐开足，教学秩序规范，综合实践活动有效开展", "Full curriculum",
          "pass", {}, "经认定", "attested",
          evidence=_evidence("永川区人民政府教育督导室", "2025-10-20", "附件Q7-课程实施督查.pdf")),
    _item("q8", "无过重课业负担", "No excessive homework", "evidence_missing", {}, "经认定",
          "attested"),
    _item("q9", "国家义务教育质量监测相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15",
          "National quality monitoring", "pass",
          {"level": "Ⅲ", "difference_rate": 0.12}, "Ⅲ级以上，差异率<0.15",
          "level III or above, difference rate < 0.15"),
]

RECOGNITION = {"status": "pass", "rate": 88.6, "limit": 85.0}

# The six cases of 教督〔2017〕6号 as the engine gives them (keys, core.labels' words, evidence).
_VETO_EVIDENCE = {"status": "met", "attested_by": "永川区人民政府教育督导室", "attested_on": "2025-10-20",
                  "attachment_ref": "附件V-一票否决事项认定.pdf", "note": None}
VETOES = [
    {"key": key, "title_zh": zh, "title_en": en, "applies": applies,
     "evidence": _VETO_EVIDENCE if applies is not None else None}
    for key, zh, en, applies in (
        ("veto_exam_admission", "无以考试方式招生", "No admission by examination", False),
        ("veto_school_choice", "无违规择校", "No school choice against the rules", False),
        ("veto_key_schools", "无重点学校或重点班", "No key schools or key classes", False),
        ("veto_staffing", "无“有编不补”或长期聘用编外教师", "No unfilled posts or long-term off-book hiring", False),
        ("veto_safety", "教育系统无重大安全责任事故和严重违纪违规事件",
         "No major safety accident or serious breach of discipline in the education system", False),
        ("veto_falsified", "无弄虚作假", "No falsified data", None),
    )
]

PRECONDITIONS = [
    _item("pre_basic_balance", "通过基本均衡发展认定年限", "Years since basic balance was recognised",
          "pass", {"min_years_since": 3, "years_since": 7}, "≥3年", "≥ 3 years",
          evidence=_evidence("重庆市人民政府教育督导室", "2018-12-20", "附件P1-基本均衡认定通知.pdf")),
]

OPTIONS = [
    {"name": "teaching_point_min_students", "value": 50,
     "zh": "不足50名学生的教学点不计入7项资源配置指标",
     "en": "Teaching points under 50 pupils are left out of the 7 indicators",
     "reference": "河北省实施细则（确认）；其余省份为通行做法"},
    {"name": "teaching_area_includes_gym", "value": False,
     "zh": "室内体育馆面积不计入教学及辅助用房（只计入体育运动场馆）",
     "en": "The indoor gym counts in sports area only, not in teaching rooms",
     "reference": "不确定：各省口径不一"},
    {"name": "include_non_county_run", "value": True,
     "zh": "纳入非县属学校（市属、高校附属）", "en": "Schools not run by the county included",
     "reference": "不确定：默认纳入"},
]


def _rule(key: str, value: Any, article: str, confidence: str = "C") -> dict[str, Any]:
    return {"key": key, "value": value, "document": DOC, "number": NUMBER, "article": article,
            "effective": EFFECTIVE, "confidence": confidence}


RULES = [
    _rule("thresholds.r1_qualified_teachers_per100.primary", 4.2, "第八条"),
    _rule("thresholds.r1_qualified_teachers_per100.junior", 5.3, "第八条"),
    _rule("thresholds.r4_teaching_area_per_student.primary", 4.5, "第八条"),
    _rule("thresholds.r6_equipment_value_per_student.junior", 2500, "第八条"),
    _rule("school_min_met", 6, "第八条"),
    _rule("school_floor_ratio", 0.85, "第八条", "M"),
    _rule("cv_limits.primary", 0.50, "第八条"),
    _rule("cv_limits.junior", 0.45, "第八条"),
    _rule("items.g5.max_class_primary", 45, "第九条"),
    _rule("items.g5.max_class_junior", 50, "第九条"),
    _rule("items.q1.min_percent", 95, "第十条", "M"),
    _rule("recognition.min_percent", 85, "第十一条"),
    _rule("split_weights.nine_year.junior", 1.1, "《县域义务教育均衡发展督导评估暂行办法》附件",
          "U"),
]

DATA_TABLES = {"schools": 23, "sections": 24, "teachers": 4215, "classes": 612,
               "rooms": 1894, "finance": 24, "evidence": 41}
