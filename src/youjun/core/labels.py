"""Bilingual names of the assessment's indicators and items, for reports and pages."""

from __future__ import annotations

# key -> (zh, en, unit_zh, unit_en)
INDICATOR_LABELS: dict[str, tuple[str, str, str, str]] = {
    "r1_qualified_teachers_per100": (
        "每百名学生拥有高于规定学历教师数",
        "Teachers above required qualification per 100 pupils", "人", "teachers",
    ),
    "r2_key_teachers_per100": (
        "每百名学生拥有县级以上骨干教师数",
        "County-level or higher key teachers per 100 pupils", "人", "teachers",
    ),
    "r3_pe_art_teachers_per100": (
        "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
        "PE, music and art teachers per 100 pupils", "人", "teachers",
    ),
    "r4_teaching_area_per_student": (
        "生均教学及辅助用房面积",
        "Teaching and auxiliary room area per pupil", "平方米", "m²",
    ),
    "r5_sports_area_per_student": ("生均体育运动场馆面积", "Sports venue area per pupil", "平方米", "m²"),
    "r6_equipment_value_per_student": ("生均教学仪器设备值", "Teaching equipment value per pupil", "元", "yuan"),
    "r7_multimedia_rooms_per100": (
        "每百名学生拥有网络多媒体教室数",
        "Networked multimedia classrooms per 100 pupils", "间", "rooms",
    ),
    "b1_teaching_area_per_student": (
        "生均教学及辅助用房面积",
        "Teaching and auxiliary room area per pupil", "平方米", "m²",
    ),
    "b2_sports_area_per_student": ("生均体育运动场馆面积", "Sports venue area per pupil", "平方米", "m²"),
    "b3_equipment_value_per_student": ("生均教学仪器设备值", "Teaching equipment value per pupil", "元", "yuan"),
    "b4_computers_per100": ("每百名学生拥有计算机台数", "Computers per 100 pupils", "台", "computers"),
    "b5_books_per_student": ("生均图书册数", "Library books per pupil", "册", "volumes"),
    "b6_teacher_student_ratio": ("师生比", "Full-time teachers per pupil", "人", "teachers"),
    "b7_qualified_teachers_per_student": (
        "生均高于规定学历教师数",
        "Teachers above required qualification per pupil", "人", "teachers",
    ),
    "b8_mid_title_teachers_per_student": (
        "生均中级及以上专业技术职务教师数",
        "Teachers with intermediate or higher title per pupil", "人", "teachers",
    ),
}

# key -> (zh, en)
ITEM_LABELS: dict[str, tuple[str, str]] = {
    "g1": ("县级人民政府制定义务教育学校规划布局合理", "School layout planning is sound"),
    "g2": ("城乡统一的学校建设、编制、生均公用经费、装备配置标准", "One city–countryside standard"),
    "g3": ("按班级数配备音乐、美术专用教室且面积达标", "Music and art rooms by number of classes, of the minimum area"),
    "g4": ("学校规模不超过规定上限", "School size within the limits"),
    "g5": ("每个班级班额不超过规定上限", "Every class within the class-size limit"),
    "g6": (
        "小规模村小学和教学点按规定学生数核定公用经费",
        "Small village schools and teaching points funded at the floor",
    ),
    "g7": ("特殊教育生均公用经费达标", "Special-education public funds per pupil"),
    "g8": ("教师平均工资收入不低于当地公务员平均工资收入，绩效工资核定到位", "Teacher pay at least civil-servant pay"),
    "g9": ("教师五年培训学时完成率", "Teachers completing the five-year training hours"),
    "g10": ("县级教育行政部门统筹分配各校教职工编制和岗位数量", "Posts allocated by the bureau"),
    "g11": ("教师交流轮岗比例及其中骨干教师比例", "Teacher rotation and its share of key teachers"),
    "g12": ("专任教师持证上岗率", "Teachers holding a certificate"),
    "g13": ("城区和镇区公办学校就近划片入学比例", "Nearest-zone enrolment"),
    "g14": ("优质高中招生名额分配比例，向农村初中倾斜", "Quality senior-high places allocated to junior schools"),
    "g15": (
        "留守儿童关爱体系健全，随迁子女在公办学校和政府购买学位就读比例",
        "Left-behind care; migrant children in public or bought places",
    ),
    "q1": ("初中三年巩固率", "Three-year junior retention"),
    "q2": ("残疾儿童少年入学率", "Disabled children's enrolment"),
    "q3": ("所有学校制定章程，实现学校管理与教学信息化", "School charters; digitised management"),
    "q4": ("学校按公用经费预算的规定比例安排教师培训经费", "Teacher-training share of the public-funds budget"),
    "q5": ("教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平", "ICT used well"),
    "q6": ("所有学校德育工作、校园文化建设水平达到良好以上", "Moral education and campus culture"),
    "q7": ("课程开齐开足，教学秩序规范，综合实践活动有效开展", "Full curriculum, orderly teaching"),
    "q8": ("无过重课业负担", "No excessive homework burden"),
    "q9": (
        "国家义务教育质量监测学业水平与校际差异率",
        "National quality monitoring: level and inter-school difference",
    ),
    "social_recognition": ("社会认可度", "Social recognition"),
    "pre_basic_balance": ("通过基本均衡发展认定年限", "Years since basic balance was recognised"),
    "veto_exam_admission": ("无以考试方式招生", "No admission by examination"),
    "veto_key_schools": ("无违规设置重点学校或重点班", "No key schools or key classes"),
    "veto_staffing": ("无有编不补或长期聘用编外教师", "No unfilled posts or long-term off-book hiring"),
    "veto_safety": ("无重大安全责任事故", "No major safety accident"),
    "veto_falsified": ("无弄虚作假", "No falsified data"),
}
