"""Bilingual names of the assessment's indicators and items, for reports and pages."""

from __future__ import annotations

from typing import Any, NamedTuple

# An indicator's unit is a rate, said with its "per" as the documents define the indicator
# (每百名学生拥有…, 生均…): "人/百名学生", "平方米/生", "元/生". Areas are 平方米 in Chinese
# text everywhere (never ㎡), m² in English.
PER100_TEACHERS = ("人/百名学生", "teachers per 100 pupils")
AREA_PER_PUPIL = ("平方米/生", "m² per pupil")
YUAN_PER_PUPIL = ("元/生", "yuan per pupil")
TEACHERS_PER_PUPIL = ("人/生", "teachers per pupil")

# key -> (zh, en, unit_zh, unit_en); the unit is the indicator's rate unit (see above).
INDICATOR_LABELS: dict[str, tuple[str, str, str, str]] = {
    "r1_qualified_teachers_per100": (
        "每百名学生拥有高于规定学历教师数",
        "Teachers above required qualification per 100 pupils", *PER100_TEACHERS,
    ),
    "r2_key_teachers_per100": (
        "每百名学生拥有县级以上骨干教师数",
        "County-level or higher key teachers per 100 pupils", *PER100_TEACHERS,
    ),
    "r3_pe_art_teachers_per100": (
        "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
        "PE, music and art teachers per 100 pupils", *PER100_TEACHERS,
    ),
    "r4_teaching_area_per_student": (
        "生均教学及辅助用房面积",
        "Teaching and auxiliary room area per pupil", *AREA_PER_PUPIL,
    ),
    "r5_sports_area_per_student": ("生均体育运动场馆面积", "Sports venue area per pupil", *AREA_PER_PUPIL),
    "r6_equipment_value_per_student": ("生均教学仪器设备值", "Teaching equipment value per pupil", *YUAN_PER_PUPIL),
    "r7_multimedia_rooms_per100": (
        "每百名学生拥有网络多媒体教室数",
        "Networked multimedia classrooms per 100 pupils", "间/百名学生", "rooms per 100 pupils",
    ),
    "b1_teaching_area_per_student": (
        "生均教学及辅助用房面积",
        "Teaching and auxiliary room area per pupil", *AREA_PER_PUPIL,
    ),
    "b2_sports_area_per_student": ("生均体育运动场馆面积", "Sports venue area per pupil", *AREA_PER_PUPIL),
    "b3_equipment_value_per_student": ("生均教学仪器设备值", "Teaching equipment value per pupil", *YUAN_PER_PUPIL),
    "b4_computers_per100": ("每百名学生拥有计算机台数", "Computers per 100 pupils", "台/百名学生",
                            "computers per 100 pupils"),
    "b5_books_per_student": ("生均图书册数", "Library books per pupil", "册/生", "volumes per pupil"),
    "b6_teacher_student_ratio": ("师生比", "Full-time teachers per pupil", *TEACHERS_PER_PUPIL),
    "b7_qualified_teachers_per_student": (
        "生均高于规定学历教师数",
        "Teachers above required qualification per pupil", *TEACHERS_PER_PUPIL,
    ),
    "b8_mid_title_teachers_per_student": (
        "生均中级及以上专业技术职务教师数",
        "Teachers with intermediate or higher title per pupil", *TEACHERS_PER_PUPIL,
    ),
}



class CountUnit(NamedTuple):
    """The plain unit of what an indicator counts (its numerator), for a gap in real things:
    "缺 2 名体育教师", "缺网络多媒体教室 1 间", "差 3.1 平方米". ``key`` is the unit key of
    ``youjun.core.findings.UNITS`` ("teachers", "m2", "yuan", "rooms"; "" for the rest)."""

    zh: str
    en: str
    key: str


_TEACHERS = CountUnit("人", "teachers", "teachers")
_AREA = CountUnit("平方米", "m²", "m2")
_YUAN = CountUnit("元", "yuan", "yuan")
# indicator key -> the unit of its numerator (the rate's unit without its "per")
INDICATOR_COUNT_UNITS: dict[str, CountUnit] = {
    "r1_qualified_teachers_per100": _TEACHERS, "r2_key_teachers_per100": _TEACHERS,
    "r3_pe_art_teachers_per100": _TEACHERS, "r4_teaching_area_per_student": _AREA,
    "r5_sports_area_per_student": _AREA, "r6_equipment_value_per_student": _YUAN,
    "r7_multimedia_rooms_per100": CountUnit("间", "rooms", "rooms"),
    "b1_teaching_area_per_student": _AREA, "b2_sports_area_per_student": _AREA,
    "b3_equipment_value_per_student": _YUAN, "b4_computers_per100": CountUnit("台", "computers", ""),
    "b5_books_per_student": CountUnit("册", "volumes", ""), "b6_teacher_student_ratio": _TEACHERS,
    "b7_qualified_teachers_per_student": _TEACHERS, "b8_mid_title_teachers_per_student": _TEACHERS,
}
NO_COUNT_UNIT = CountUnit("", "", "")


def indicator_unit(key: str, lang: str = "zh") -> str:
    """The rate unit of indicator ``key`` ("人/百名学生", "m² per pupil"); "" when unknown."""
    label = INDICATOR_LABELS.get(key)
    if label is None:
        return ""
    return label[2] if lang == "zh" else label[3]


def english_unit(unit_en: str, text: str) -> str:
    """The English unit after a number as written: "1 teacher per 100 pupils" but "1.00
    teachers", "2 teachers" (only a bare 1 takes the singular)."""
    head, sep, rest = unit_en.partition(" ")
    if text.strip() == "1" and head.endswith("s"):  # "m²", "yuan" have no plural
        return head[:-1] + sep + rest
    return unit_en


def count_unit(key: str) -> CountUnit:
    """The plain unit of what indicator ``key`` counts ("人", "平方米", "元", "间"), for gaps."""
    return INDICATOR_COUNT_UNITS.get(key, NO_COUNT_UNIT)


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
    "veto_school_choice": ("无违规择校", "No school choice against the rules"),
    "veto_key_schools": ("无重点学校或重点班", "No key schools or key classes"),
    "veto_staffing": ("无“有编不补”或长期聘用编外教师", "No unfilled posts or long-term off-book hiring"),
    "veto_safety": ("教育系统无重大安全责任事故和严重违纪违规事件",
                    "No major safety accident or serious breach of discipline in the education system"),
    "veto_falsified": ("无弄虚作假", "No falsified data"),
}


# -- domain codes in words ---------------------------------------------------------------------
# One source for every page, report and workbook: a code the engine or the platform stores
# (a subject, a location, a solver state, an audit action) is shown through ``code_label``.
# The data's own choices come from the schema, so a new choice there is labelled here too.

def _choices(choices: tuple[Any, ...]) -> dict[str, tuple[str, str]]:
    return {c.code: (c.zh, c.en) for c in choices}


SOLVER_STATUS: dict[str, tuple[str, str]] = {
    "optimal": ("已求得最优解", "optimal"),
    "time_limit": ("达到时限，取当前最好解", "time limit reached, best solution so far"),
    "infeasible": ("无可行解", "no feasible solution"),
    "interrupted": ("已中断", "interrupted"),
    "unbounded": ("目标无界", "unbounded"),
    "not_run": ("未求解", "not solved"),
    "greedy": ("贪心法（未用求解器）", "greedy method (no solver)"),
}

RUN_STATUS: dict[str, tuple[str, str]] = {
    "queued": ("排队中", "queued"), "running": ("进行中", "running"), "done": ("已完成", "done"),
    "failed": ("失败", "failed"), "discarded": ("已作废", "discarded"),
    "pass": ("达标", "pass"), "fail": ("未达标", "fail"), "met": ("达标", "met"), "not_met": ("未达标", "not met"),
    "evidence_missing": ("缺少数据", "data missing"), "not_applicable": ("不适用", "not applicable"),
    "changed": ("有变化", "changed"), "removed": ("撤并", "removed"), "added": ("新增", "added"),
    "invalid": ("未通过校验", "not accepted"), "valid": ("已通过校验，未保存", "clean, not yet stored"),
    "confirmed": ("已保存", "stored"), "draft": ("有问题的草稿", "draft with problems"),
    "submitted": ("已提交", "submitted"), "approved": ("已通过", "approved"), "returned": ("已退回", "returned"),
    "applied": ("已并入区县数据", "taken into the district data"),
}

AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    # log-ins and accounts
    "login": ("登录", "logged in"),
    "logout": ("退出登录", "logged out"),
    "login_failed": ("登录失败", "failed log-in"),
    "login_throttled": ("登录过于频繁被延缓", "log-in slowed down"),
    "login_ip_blocked": ("来源地址被暂时阻止登录", "log-in blocked for the address"),
    "lockout": ("账户被锁定", "account locked"),
    "unlock": ("解除锁定", "account unlocked"),
    "password_change": ("修改密码", "changed the password"),
    "password_reset": ("重置密码", "reset a password"),
    "create": ("新建", "created"),
    "create_user": ("新建用户", "created a user"),
    "update": ("修改", "changed"),
    "set_role": ("设置角色", "set a role"),
    # pupils, classes, teachers and guardians
    "workforce_teachers_import": ("导入教师名册", "imported teachers"),
    "workforce_rotation": ("登记教师交流轮岗", "recorded a teacher rotation"),
    "party_integrity_campaign": ("创建清廉学校活动方案", "created a clean-school campaign"),
    "party_integrity_stage_dates": ("调整活动方案环节日期", "changed the dates of a campaign stage"),
    "party_integrity_activity": ("登记清廉学校活动", "recorded a clean-school activity"),
    "party_integrity_activity_file": ("上传清廉学校活动佐证材料", "uploaded a clean-school activity's evidence"),
    "party_integrity_publicity": ("登记师德师风宣传", "recorded an issue of teacher-ethics publicity"),
    "party_integrity_grant": ("授予师德案件办理权限", "granted the handling of teacher-ethics cases"),
    "party_integrity_revoke": ("撤销师德案件办理权限", "revoked the handling of teacher-ethics cases"),
    "party_integrity_case_open": ("登记师德问题线索", "recorded a teacher-ethics case"),
    "party_integrity_case_step": ("登记师德案件办理环节", "recorded a step of a teacher-ethics case"),
    "party_integrity_case_read": ("查阅师德案件", "opened a teacher-ethics case"),
    "party_file": ("上传党建佐证材料", "uploaded a party-work evidence file"),
    "party_org_create": ("新增党组织", "added a party organisation"),
    "party_org_update": ("调整党组织", "changed a party organisation"),
    "party_appoint": ("登记党组织或学校任职", "recorded a party or school post"),
    "party_end_holding": ("结束任职（职务空缺）", "ended a post's holding (vacant)"),
    "party_duties": ("保存书记、校长职责清单", "saved a duty list of the secretary and the principal"),
    "party_meeting": ("记录学校会议及决定", "recorded a school meeting and its decisions"),
    "party_meeting_edit": ("更正学校会议记录", "corrected a school meeting and its decisions"),
    "party_meeting_delete": ("删除学校会议记录", "deleted a school meeting and its decisions"),
    "party_community": ("记录“七联七化”事项", "recorded a group community item"),
    "party_brands_create": ("创建党建品牌申报", "drafted a party-building brand"),
    "party_brands_edit": ("修改党建品牌申报", "edited a party-building brand application"),
    "party_brands_evidence": ("上传党建品牌佐证材料", "uploaded a brand's supporting file"),
    "party_brands_submit": ("提交党建品牌申报", "submitted a party-building brand"),
    "party_brands_review": ("开始审核党建品牌", "started reviewing a party-building brand"),
    "party_brands_approve": ("命名党建品牌", "approved a party-building brand"),
    "party_brands_return": ("退回党建品牌申报", "returned a party-building brand application"),
    "party_brands_reject": ("不予命名党建品牌", "rejected a party-building brand"),
    "party_brands_accept_apply": ("申请品牌特色学校验收", "applied for brand-school acceptance"),
    "party_brands_accept_score": ("评定品牌特色学校验收", "scored a brand-school acceptance"),
    "party_brands_withdraw": ("撤销品牌特色学校称号", "withdrew a brand-school title"),
    "vocational_centre_add": ("新增职教中心", "added a vocational centre"),
    "vocational_major_add": ("新增职教专业", "added a vocational major"),
    "vocational_major_edit": ("修改专业的停招年份或现代学徒制", "changed a major's end or apprenticeship"),
    "vocational_pilot_add": ("新增1+X证书试点", "added a 1+X certificate pilot"),
    "vocational_pilot_result": ("登记1+X证书年度考核结果", "recorded a 1+X certificate year's results"),
    "vocational_partner_add": ("新增合作企业", "added an enterprise partner"),
    "vocational_placements": ("登记合作企业年度接收学生数", "recorded a partner's placements"),
    "vocational_teacher_add": ("新增职教中心教师", "added a vocational centre teacher"),
    "vocational_recognise": ("登记双师型教师认定", "recorded a double-qualified recognition"),
    "vocational_competition_add": ("新增技能大赛", "added a skills competition"),
    "vocational_result_add": ("登记技能大赛获奖", "recorded a competition result"),
    "vocational_training_add": ("登记社会培训", "recorded social training"),
    "vocational_destinations": ("登记毕业生去向", "recorded graduates' destinations"),
    "courses_group_create": ("新建课程群", "created a course group"),
    "courses_group_update": ("修改课程群", "changed a course group"),
    "courses_group_adopt": ("采用课程群模板", "adopted course-group templates"),
    "courses_course_create": ("登记校本课程", "recorded a school-based course"),
    "courses_course_update": ("修改校本课程", "changed a school-based course"),
    "courses_file_add": ("上传课程资源文件", "uploaded a course resource file"),
    "courses_demo_seed": ("载入校本课程演示数据", "loaded the school-based courses demo"),
    "overview_work_add": ("登记校舍建设项目", "recorded a school building work"),
    "overview_works_import": ("导入校舍建设台账", "imported school building works"),
    "workforce_appraisal_track": ("修改区分性评价轨道", "changed an evaluation track"),
    "workforce_appraisal_round": ("开始一轮区分性评价", "opened an evaluation round"),
    "workforce_appraisal_close": ("结束一轮区分性评价", "closed an evaluation round"),
    "workforce_appraisal_teacher": ("将教师加入评价", "added a teacher to an evaluation round"),
    "workforce_appraisal_rater": ("指定或移除评价者", "added or removed a rater"),
    "workforce_appraisal_rating": ("提交评价表", "submitted an evaluation form"),
    "workforce_appraisal_survey": ("录入问卷结果", "entered a survey result"),
    "workforce_appraisal_feedback": ("填写成长反馈与改进计划", "wrote growth feedback and a plan"),
    "workforce_appraisal_decision": ("记录改进期满处理决定", "recorded a follow-up decision"),
    "workforce_demo_seed": ("载入教师队伍演示数据", "loaded the teacher workforce demo"),
    "workforce_growth_ladder": ("设置教师成长阶梯", "set the teacher growth ladder"),
    "workforce_growth_panel": ("指定晋级评审组", "named the promotion panel"),
    "workforce_growth_apply": ("提交成长阶段晋级申请", "applied for a growth stage"),
    "workforce_growth_decide": ("提交晋级评审意见", "gave a promotion review decision"),
    "workforce_growth_promote": ("教师晋升成长阶段", "promoted a teacher one growth stage"),
    "workforce_growth_record": ("登记教师成长阶段", "recorded a teacher's growth stage"),
    "groups_create": ("新建教育集团", "created an education group"),
    "groups_adopt_register": ("按学校名册建立集团成员关系", "took group memberships from the register"),
    "groups_move": ("调整学校所属教育集团", "moved a school between education groups"),
    "groups_quality_mark": ("认定优质学校", "marked a quality school"),
    "groups_quality_withdraw": ("撤销优质学校认定", "withdrew a quality-school mark"),
    "groups_course": ("登记集团共享课程", "recorded a shared course"),
    "groups_research": ("登记集团教研活动", "recorded a group research activity"),
    "groups_area": ("设立教研片区", "set up a joint-research area"),
    "groups_session": ("登记片区教研活动", "recorded an area research session"),
    "workforce_training_course": ("登记培训项目", "recorded a training course"),
    "workforce_training_session": ("登记培训场次", "recorded a training session"),
    "workforce_training_attend": ("登记教师参训学时", "recorded a teacher's training hours"),
    "workforce_training_import": ("导入培训签到表", "imported a training attendance sheet"),
    "workforce_training_settings": ("设置培训台账用于G9", "set the training ledger for G9"),
    "workforce_studios_create": ("设立名师工作室", "set up a famous-teacher studio"),
    "workforce_studios_update": ("修改名师工作室", "changed a famous-teacher studio"),
    "workforce_studios_member_add": ("添加工作室成员", "added a studio member"),
    "workforce_studios_member_leave": ("登记工作室成员退出", "recorded a studio member leaving"),
    "workforce_studios_plan": ("保存工作室年度计划", "saved a studio's yearly plan"),
    "workforce_studios_output": ("登记工作室成果", "recorded a studio output"),
    "workforce_studios_review": ("工作室年度考核", "reviewed a studio's year"),
    "workforce_teacher_add": ("新增教师档案", "added a teacher's record"),
    "workforce_teacher_edit": ("修改教师档案", "changed a teacher's record"),
    "workforce_qualification_add": ("登记教师学历", "recorded a teacher's qualification"),
    "workforce_title_add": ("登记教师职称", "recorded a teacher's title"),
    "workforce_key_award_add": ("登记骨干教师任期", "recorded a key-teacher term"),
    "workforce_key_award_end": ("结束骨干教师任期", "ended a key-teacher term"),
    "workforce_honour_add": ("登记荣誉或赛课获奖", "recorded an honour or contest result"),
    "workforce_evidence_add": ("上传教师佐证材料", "uploaded a teacher's evidence file"),
    "pupils_roster_import": ("导入学生名册", "imported a pupil roster"),
    "pupils_teacher_assign": ("关联任课教师", "linked a teacher to a class"),
    "pupils_teacher_account": ("新建教师账号", "created a teacher's account"),
    "pupils_teacher_remove": ("解除任课关联", "unlinked a teacher from a class"),
    "pupils_guardian_add": ("关联家长", "linked a guardian"),
    "pupils_guardian_accounts": ("生成家长账号", "made parents' accounts"),
    "pupils_pupil_accounts": ("生成学生账号", "made pupils' accounts"),
    "pupils_password_reissue": ("补发初始密码", "re-issued a password"),
    "pupils_transfer": ("学生转学", "transferred a pupil"),
    "pupils_left": ("学生离校", "marked a pupil as left"),
    "pupils_class_reissue": ("全班重发初始密码", "re-issued a class's passwords"),
    # comprehensive quality evaluation (综合素质评价)
    "quality_record_add": ("添加写实记录", "added a quality record"),
    "quality_fitness_record": ("导入体质健康记录", "added a fitness record"),
    "quality_habits_record": ("导入习惯养成小结", "added a good-habits summary"),
    "quality_feed_refresh": ("更新导入的记录", "refreshed an imported record"),
    "quality_select": ("选定代表性记录", "selected representative records"),
    "quality_publish": ("开启综合素质公示", "opened a publication"),
    "quality_objection": ("提出公示异议", "raised an objection"),
    "quality_objection_answer": ("答复公示异议", "answered an objection"),
    "quality_confirm": ("班主任确认学期记录", "confirmed a term record"),
    "quality_sign": ("学生或家长签字归档", "signed a term record"),
    "quality_grades": ("评定综合素质等级", "proposed grades"),
    "quality_addendum": ("归档记录补充说明", "added an addendum"),
    "quality_settings": ("修改综合素质评价设置", "changed quality settings"),
    "quality_demo": ("载入综合素质演示数据", "loaded the quality demo"),
    "grant_role": ("授予角色", "granted a role"),
    "revoke": ("撤销", "revoked"),
    "disable_user": ("停用账户", "disabled an account"),
    "enable_user": ("启用账户", "enabled an account"),
    # data
    "upload": ("上传数据文件", "uploaded a data file"),
    "upload_refused": ("拒收数据文件", "refused a data file"),
    "confirm": ("确认导入", "confirmed an import"),
    "discard": ("作废", "discarded"),
    "store_snapshot": ("保存数据版本", "stored a data version"),
    "submit": ("提交填报", "submitted a school's data"),
    "approve_submission": ("通过填报", "approved a submission"),
    "return_submission": ("退回填报", "returned a submission"),
    "apply_submission": ("采用填报", "applied a submission"),
    "merge_submissions": ("合并填报", "merged submissions"),
    "discard_draft": ("放弃草稿", "discarded a draft"),
    "save_draft": ("保存有问题的草稿", "saved a draft with problems"),
    "move_school": ("调入学校", "moved a school in"),
    "move_school_out": ("调出学校", "moved a school out"),
    # assessments and plans
    "start_run": ("开始评估", "started an assessment"),
    "finish_run": ("完成评估", "finished an assessment"),
    "discard_run": ("作废评估", "discarded an assessment"),
    "start_plan": ("开始制定规划", "started a plan"),
    "finish_plan": ("完成规划", "finished a plan"),
    "discard_plan": ("作废规划", "discarded a plan"),
    "reap_task": ("回收中断的任务", "recovered an interrupted task"),
    "set_rectification": ("设置整改责任与期限", "set a rectification owner and deadline"),
    # the consultation platform (渝事好商量)
    "consultation_register": ("注册群众账户", "registered a resident account"),
    "consultation_raise": ("提出议题", "raised a concern"),
    "consultation_photos": ("上传议题照片", "added photos to a concern"),
    "consultation_support": ("附议", "supported a concern"),
    "consultation_report": ("举报议题", "reported a concern"),
    "consultation_hide": ("议题因举报被隐藏待审", "a concern hidden pending review"),
    "consultation_select": ("选题", "selected a concern"),
    "consultation_decline": ("不予选题", "declined a concern"),
    "consultation_merge": ("合并重复议题", "merged a duplicate"),
    "consultation_investigate": ("调研", "investigated"),
    "consultation_consult": ("协商", "consulted"),
    "consultation_assign": ("交办", "assigned to a department"),
    "consultation_progress": ("报告办理进度", "reported progress"),
    "consultation_answer": ("答复", "answered"),
    "consultation_rate": ("评价答复", "rated an answer"),
    "consultation_close": ("办结", "closed"),
    "consultation_reopen": ("退回重办", "reopened"),
    "consultation_reveal_phone": ("查看提出人电话", "revealed a raiser's phone"),
    "consultation_milestone_add": ("添加办理节点", "added a milestone"),
    "consultation_milestone_done": ("完成办理节点", "completed a milestone"),
    "consultation_evidence": ("上传佐证材料", "added evidence"),
    "consultation_bulk": ("批量更新办理进度", "updated progress in bulk"),
    "consultation_meeting_create": ("登记协商活动", "recorded a consultation"),
    "consultation_meeting_update": ("修改协商活动", "changed a consultation"),
    "consultation_meeting_minutes": ("记录协商纪要", "wrote minutes"),
    "consultation_attendee_add": ("添加参加人员", "added an attendee"),
    "consultation_attendee_remove": ("移除参加人员", "removed an attendee"),
    "consultation_meeting_opinion": ("形成协商意见", "agreed an opinion"),
    "consultation_moderate_keep": ("审核后保留", "kept after review"),
    "consultation_moderate_hide": ("审核后隐藏", "hidden after review"),
    "consultation_moderate_block": ("暂停群众账户", "blocked a resident"),
    "consultation_template_add": ("新增答复模板", "added an answer template"),
    "consultation_template_edit": ("修改答复模板", "changed an answer template"),
    "consultation_template_delete": ("删除答复模板", "deleted an answer template"),
    "consultation_notices_read": ("通知标为已读", "marked notices read"),
    "consultation_add_participant": ("添加政协人员", "added a committee role"),
    "consultation_role_add": ("添加政协人员", "added a committee role"),
    "consultation_role_edit": ("修改政协人员", "changed a committee role"),
    "consultation_role_remove": ("移除政协人员", "removed a committee role"),
    "consultation_roster_import": ("导入委员名册", "imported a member roster"),
    "consultation_body_create": ("新建政协机构", "created a committee"),
    "consultation_body_settings": ("修改政协机构设置", "changed a committee's settings"),
    "consultation_body_workflow": ("修改办理流程", "changed the workflow"),
    "consultation_department_add": ("新增承办部门", "added a department"),
    "consultation_department_edit": ("修改承办部门", "changed a department"),
    "consultation_department_active": ("启用或停用承办部门", "enabled or disabled a department"),
    "consultation_studio_add": ("新增委员工作室", "added a studio"),
    "consultation_studio_edit": ("修改委员工作室", "changed a studio"),
    "consultation_studio_active": ("启用或停用委员工作室", "enabled or disabled a studio"),
    "consultation_overdue": ("标记逾期", "marked items overdue"),
    "consultation_digest": ("发送每日提醒", "sent the daily digest"),
    "consultation_demo": ("载入协商演示数据", "loaded the consultation demo"),
    "consultation_demo_present": ("载入近期演示议题", "loaded the demo's recent concerns"),
    "consultation_meeting": ("登记协商活动", "recorded a consultation"),
    "consultation_joint": ("设置联合办理", "set joint handling"),
    "survey_create": ("新建社会认可度调查", "created a recognition survey"),
    "survey_question_add": ("添加调查题目", "added a question"),
    "survey_question_edit": ("修改调查题目", "changed a question"),
    "survey_question_move": ("调整题目顺序", "moved a question"),
    "survey_question_remove": ("删除调查题目", "removed a question"),
    "survey_question_defaults": ("载入默认题目", "loaded the default questions"),
    "survey_open": ("开始收集问卷", "opened collection"),
    "survey_close": ("停止收集问卷", "closed collection"),
    "survey_invitations": ("发放邀请码", "issued invitation codes"),
    "survey_paper": ("录入纸质问卷", "entered a paper return"),
    "survey_paper_return": ("录入纸质问卷", "entered a paper return"),
    "survey_response": ("收到问卷答复", "received a response"),
    "survey_finalise": ("调查定稿", "finalised a survey"),
    # good habits (习惯培养)
    "habits_define": ("新增习惯", "defined a habit"),
    "habits_edit": ("修改习惯设置", "changed a habit"),
    "habits_load_examples": ("载入示例习惯", "loaded the example habits"),
    "habits_checkin": ("习惯打卡", "checked in a habit"),
    "habits_class_checkin": ("为全班习惯打卡", "checked in habits for a class"),
    "habits_review": ("审核习惯打卡", "reviewed a habit check-in"),
    "habits_praise": ("添加习惯表扬", "added a praise note"),
    "habits_term_comment": ("填写习惯学期评语", "wrote a habits term comment"),
    "habits_demo": ("载入习惯演示数据", "loaded the habits demo"),
    "habits_checkin_note": ("为习惯打卡补充备注", "added a note to a habit check-in"),
    "habits_review_all": ("全部确认习惯打卡", "confirmed all shown habit check-ins"),
    "habits_withdraw": ("撤回习惯打卡", "withdrew a habit check-in"),
    "habits_undo": ("撤销全班习惯打卡", "undid a class habit check-in"),
    # the physical-fitness standard
    "fitness_upload": ("上传体质健康数据待确认", "uploaded fitness results for confirmation"),
    "fitness_import": ("导入体质健康数据", "imported fitness results"),
    # school evaluation by the 2021 guide
    "schooleval_tree_seed": ("建立本学年评价指标树", "made the year's indicator tree"),
    "schooleval_tree_edit": ("修改评价指标树", "changed the indicator tree"),
    "schooleval_start": ("开始学校自评", "began a self-evaluation"),
    "schooleval_self_save": ("保存学校自评", "saved a self-evaluation"),
    "schooleval_submit": ("提交学校自评", "submitted a self-evaluation"),
    "schooleval_review_save": ("保存复核意见", "saved a review"),
    "schooleval_return": ("退回学校自评", "returned a self-evaluation"),
    "schooleval_finalise": ("确定评价结果", "finalised an evaluation"),
    "schooleval_evidence_add": ("上传自评佐证材料", "added evidence"),
    "schooleval_evidence_del": ("删除自评佐证材料", "deleted evidence"),
    "schooleval_withdraw": ("学校撤回自评提交", "withdrew a submitted self-evaluation"),
    "schooleval_reopen": ("重新打开已确定的评价结果", "reopened a final result"),
}
# Codes an earlier version recorded for an action now recorded under another code: rows already
# stored keep them; the history finds and names them as that action.
AUDIT_ACTION_ALIASES: dict[str, str] = {"rectification_assign": "set_rectification"}
# Actions that are sign-ins and account security, shown apart from changes to data.
SIGN_IN_ACTIONS = frozenset({"login", "logout", "login_failed", "login_throttled", "login_ip_blocked",
                             "lockout", "unlock", "password_change"})

# The fields the audit records before/after, in words (the rest fall back to the schema's fields).
AUDIT_FIELDS: dict[str, tuple[str, str]] = {
    "plan": ("规划编号", "plan"), "run": ("评估编号", "assessment"), "kind": ("类型", "kind"),
    "snapshot": ("数据版本", "data version"), "school_year": ("学年", "school year"),
    "ruleset": ("规则集", "rule set"), "data_hash": ("数据指纹", "data hash"), "options": ("选项", "options"),
    "status": ("状态", "status"), "stage": ("阶段", "stage"), "error": ("错误", "error"),
    "username": ("用户名", "user name"), "full_name": ("姓名", "full name"), "role": ("角色", "role"),
    "is_active": ("启用", "active"), "district": ("区县", "district"), "school": ("学校", "school"),
    "province": ("省份", "province"), "district_id": ("区县", "district"), "school_id": ("学校", "school"),
    "province_id": ("省份", "province"), "user": ("用户", "user"), "name": ("名称", "name"),
    "code": ("代码", "code"), "filename": ("文件名", "file name"), "file": ("文件", "file"),
    "rows": ("行数", "rows"), "tables": ("数据表", "tables"), "source": ("来源", "source"),
    "note": ("备注", "note"), "ip": ("来源地址", "address"), "reason": ("原因", "reason"),
    "comment": ("意见", "comment"), "fields": ("字段", "fields"), "changes": ("修改", "changes"),
    "count": ("数量", "count"), "seconds": ("用时（秒）", "seconds"), "problems": ("问题数", "problems"),
    "submission": ("填报", "submission"), "submissions": ("填报", "submissions"), "token": ("令牌", "token"),
    "failures": ("失败次数", "failures"), "version": ("版本", "version"), "title": ("标题", "title"),
    "owner": ("责任科室", "responsible office"), "deadline": ("期限", "deadline"),
    "census_date": ("统计时点", "census date"), "id": ("编号", "id"),
    "schools_register": ("学校名录", "school register"), "created": ("新增", "created"),
    "updated": ("更新", "updated"), "violations": ("复核差异", "differences on recomputation"),
    "must_change_password": ("须修改密码", "must change the password"),
    "figures": ("填报数据", "figures"), "errors": ("错误数", "errors"), "warnings": ("提醒数", "warnings"),
    "by_code": ("按问题代码", "by code"), "passes": ("达标", "passes"), "discarded": ("已作废", "discarded"),
    "verdict": ("结论", "verdict"), "reasons": ("未达标原因数", "failing reasons"),
    # the consultation platform
    "number": ("编号", "number"), "category": ("类别", "category"), "channel": ("提出方式", "channel"),
    "state": ("状态", "state"), "satisfaction": ("满意度", "satisfaction"), "fixed": ("是否解决", "fixed"),
    "department": ("承办部门", "department"), "due_on": ("答复期限", "answer by"),
    "progress": ("进度", "progress"), "answered": ("已答复", "answered"), "into": ("合并到", "merged into"),
    "body": ("政协", "committee"), "town": ("镇街", "town"), "phone_given": ("留有电话", "phone given"),
    "reports": ("举报次数", "reports"), "venue": ("协商平台", "venue"), "held_on": ("日期", "date"),
    "attendees": ("参加人数", "attendees"), "joint_bodies": ("联合办理的政协", "joint committees"),
    "seed": ("随机种子", "random seed"), "photos": ("照片数", "photos"), "bytes": ("字节数", "bytes"),
    "year": ("年份", "year"), "today": ("日期", "date"), "items": ("议题数", "items"),
    "percent": ("进度", "progress"), "sector": ("界别", "sector"), "studio": ("委员工作室", "studio"),
    "neighbourhood": ("联系镇街", "neighbourhood"), "phone": ("留有电话", "phone given"),
    "digest": ("接收每日提醒", "daily digest"), "theme": ("主题", "theme"), "email": ("电子邮箱", "e-mail"),
    # pupils, classes, teachers and guardians
    "classes_created": ("新增班级", "classes created"), "class": ("班级", "class"), "teacher": ("教师", "teacher"),
    "pupil_id": ("学生编号", "pupil"), "guardian": ("家长", "guardian"), "relation": ("关系", "relation"),
    "usernames": ("用户名", "user names"), "active": ("在校", "at the school"),
    "head_teacher": ("班主任", "head teacher"), "own_account": ("学生本人账号", "pupil's own account"),
    "graduated": ("毕业", "graduated"), "transferred_out": ("转出", "transferred out"),
    "left_other": ("其他原因离校", "left for another reason"), "tokens_revoked": ("撤销的令牌数", "tokens revoked"),
    # comprehensive quality evaluation
    "publication_id": ("公示编号", "publication"), "record_id": ("记录编号", "record"),
    "opens_on": ("公示开始", "publication opens"), "closes_on": ("公示结束", "publication closes"),
    "school_days": ("上学日数", "school days"), "files": ("佐证文件数", "evidence files"),
    "records": ("记录", "records"), "locked": ("已归档", "archived"), "objections": ("异议", "objections"),
    "upheld": ("异议成立", "upheld"), "letter_grades": ("五个方面的等级", "grades of the five dimensions"),
    "selection_cap_per_dimension": ("每个方面的代表性记录数", "representative records per dimension"),
    "publication_days": ("公示上学日数", "publication school days"),
    "grades_every_term": ("每学期评定等级", "grades every term"),
    "quota_a_pct": ("A 等比例上限（%）", "grade A quota (%)"),
    "description": ("说明", "description"), "corrected": ("已依异议更正", "corrected after the objection"),
    # good habits
    "habit": ("习惯", "habit"), "day": ("日期", "day"), "by_role": ("打卡人", "ticked by"),
    "review": ("审核", "review"), "term": ("学期", "term"), "text": ("内容", "text"),
    "starts_on": ("启用日期", "active from"), "ends_on": ("停用日期", "active until"),
    "target": ("完成标准", "what counts as done"), "dimension": ("维度", "dimension"), "slot": ("时段", "time of day"),
    "grades": ("年级", "grades"), "frequency": ("频次", "frequency"), "weekdays": ("每周打卡日", "days of the week"),
    "checkers": ("打卡人", "who ticks it"), "pupil": ("学生", "pupil"), "days": ("日期", "days"),
    # school evaluation (2021 guide)
    "judgements": ("考查要点", "considerations"), "self_level": ("学校自评等级", "school's judgement"),
    "self_note": ("自评说明", "school's note"), "review_level": ("教育局复核等级", "bureau's judgement"),
    "review_comment": ("复核意见", "bureau's comment"), "op": ("操作", "change"), "node": ("内容", "item"),
    "weight": ("权重（%）", "weight (%)"), "zh": ("名称", "name"), "en": ("英文名称", "English name"),
    "evaluators": ("评价主体", "evaluators"), "methods": ("评价方法", "methods"),
    "evidence": ("佐证材料", "evidence"), "evidence_en": ("佐证材料（英文）", "evidence (English)"),
    "retired": ("已停用", "retired"), "confidence": ("核对情况", "checked"), "size": ("字节数", "bytes"),
    "tree": ("指标树版本", "tree version"), "finalised_at": ("确定结果时间", "finalised at"),
    # fitness imports
    "new": ("新学生", "new pupils"), "known": ("已有学生", "known pupils"), "scored": ("已评分", "scored"),
    "exempt": ("免测", "exempt"), "incomplete": ("缺项", "incomplete"), "refused": ("不予评分", "not scored"),
    "retests": ("补测", "retests"), "junior": ("初中（未评分）", "junior (not scored)"),
    "replaced": ("更新原有成绩", "earlier results replaced"), "dropped": ("不在文件中", "not in the file"),
    "removed": ("删除的原有成绩", "earlier results removed"), "mode": ("导入方式", "how imported"),
    "sha256": ("文件指纹", "file fingerprint"), "pupils": ("学生数", "pupils"),
    # the vocational centre
    "voc_started": ("首次招生年份", "first year of enrolment"), "voc_stopped": ("停招年份", "last year"),
    "voc_apprenticeship": ("现代学徒制合作企业", "apprenticeship partner"),
    "voc_apprenticeship_from": ("现代学徒制起始年份", "apprenticeship since"),
    "voc_certificate": ("1+X证书", "1+X certificate"), "voc_level": ("等级", "level"),
    "voc_awarding": ("培训评价组织", "awarding organisation"), "voc_from": ("起始年份", "from year"),
    "voc_to": ("结束年份", "to year"), "voc_candidates": ("报考人数", "candidates"),
    "voc_passes": ("通过人数", "passed"),
    "voc_sector": ("行业", "sector"), "voc_agreed": ("协议签订日期", "agreement signed"),
    "voc_ends": ("协议到期日期", "agreement ends"), "voc_majors": ("合作专业", "majors served"),
    "voc_placed": ("接收学生数", "pupils placed"), "voc_subject": ("任教学科或专业", "subject or major"),
    "voc_full_time": ("专任教师", "full-time"), "voc_joined": ("到校日期", "joined"),
    "voc_recognised": ("认定日期", "recognised on"), "voc_basis": ("认定依据", "basis"),
    "voc_entrants": ("参赛人数", "entrants"), "voc_person": ("获奖人", "prize-winner"), "voc_prize": ("奖次", "prize"),
    "voc_programme": ("培训项目", "programme"), "voc_trainees": ("培训人次", "trainees"),
    "voc_further": ("升学", "further study"), "voc_employed": ("就业", "employed"),
    "voc_matched": ("对口就业", "employed in their field"), "voc_other": ("其他", "other"),
    # clean schools and teacher ethics (recorded under these names by history's action fields)
    "pi_kind": ("活动类型", "activity type"), "pi_layer": ("层级", "layer"),
    "pi_participants": ("参与人数", "participants"), "pi_who": ("参与人员", "who took part"),
    "pi_pupils": ("学生人数", "pupils"), "pi_teachers": ("教师人数", "teachers"), "pi_parents": ("家长人数", "parents"),
    "pi_stage": ("活动方案环节", "campaign stage"), "pi_key_point": ("重点", "key point"),
    "pi_files": ("佐证文件", "evidence files"), "pi_start": ("开始日期", "start"), "pi_end": ("结束日期", "end"),
    "pi_stages": ("环节", "stages"), "pi_key_points": ("重点", "key points"), "pi_activity": ("活动编号", "activity"),
    "pi_link": ("链接", "link"), "pi_handler": ("办理人", "handler"), "pi_revoked_at": ("撤销时间", "revoked at"),
    "pi_case": ("案件编号", "case"), "pi_received_on": ("收到日期", "received on"),
    "pi_published_on": ("发布日期", "published on"), "pi_step": ("办理环节", "step"),
    "pi_source": ("线索来源", "source"), "pi_channel": ("发布渠道", "channel"), "pi_number": ("期号", "issue"),
    # education groups
    "edu_group": ("教育集团", "education group"), "group_lead": ("龙头校", "lead school"),
    "member_from": ("成员关系开始日期", "member from"), "member_schools": ("学校", "schools"),
    "quality_basis": ("认定依据", "basis"), "quality_marked_on": ("认定日期", "marked on"),
    "quality_withdrawn_on": ("撤销日期", "withdrawn on"), "offering_school": ("开课学校", "offering school"),
    "receiving_schools": ("受援学校", "receiving schools"), "course_hours": ("学时", "hours"),
    # school-based courses
    "aim": ("目标", "aim"), "course_groups": ("课程群", "course groups"), "course_group": ("课程群", "course group"),
    "course_theme": ("主题", "theme"), "course_tags": ("标签", "tags"), "course_grades": ("年级", "grades"),
    "course_years": ("开设学年", "offered from"), "course_until": ("停开学年", "offered until"),
    "course_kind": ("课程类型", "course kind"),
    "research_topic": ("教研主题", "research topic"), "host_school": ("承办学校", "host school"),
    "research_area": ("教研片区", "joint-research area"), "participant_count": ("参与教师数", "participants"),
    # the training ledger (workforce_training)
    "training_level": ("培训级别", "training level"), "hour_type": ("学时类型", "hour type"),
    "funded": ("教育局经费", "funded by the bureau"), "cost_yuan": ("费用（元）", "cost (yuan)"),
    "hours": ("学时", "hours"), "passed": ("合格", "passed"), "use_for_g9": ("用于督导评估G9", "used for G9"),
    "budget_year": ("预算年度", "budget year"), "first_day": ("开始日期", "start"), "last_day": ("结束日期", "end"),
    "staff_id": ("教师编号", "staff number"),
    # differentiated evaluation and growth stages (workforce_appraisal, workforce_growth)
    "rater_kind": ("评价主体", "rater"), "criteria": ("评价指标数", "criteria"), "rater": ("评价人", "rater"),
    "respondents": ("答卷人数", "respondents"), "score": ("得分", "score"), "round": ("评价轮次", "round"),
    "track": ("评价类别", "track"), "mentor": ("指导教师", "mentor"), "decision": ("结论", "decision"),
    "review_on": ("复核日期", "review on"), "on": ("日期", "date"),
    "panel": ("评审组", "review panel"), "ladder": ("成长阶梯", "growth ladder"),
    "to_stage": ("申请晋升至", "applying for"), "growth_stage": ("成长阶段", "growth stage"),
    "agree": ("同意", "agrees"), "result": ("结果", "result"), "application": ("申请编号", "application"),
    "since": ("起始日期", "since"),
    # school party work (party)
    "party_org": ("党组织", "party organisation"), "party_parent": ("上级党组织", "parent organisation"),
    "party_kind": ("组织类型", "kind of organisation"), "party_founded": ("成立日期", "founded on"),
    "party_dissolved": ("撤销日期", "dissolved on"), "party_members": ("党员人数", "party members"),
    "party_post": ("职务", "post"), "party_person": ("姓名", "name"), "party_year": ("年度", "year"),
    "party_as_of": ("执行日期", "in force from"), "party_secretary_duties": ("书记职责", "secretary's duties"),
    "party_principal_duties": ("校长职责", "principal's duties"), "party_meeting": ("会议类型", "kind of meeting"),
    "party_title": ("会议名称", "title"), "party_decisions": ("议定事项", "decisions"),
    "party_decision": ("事项", "decision"), "party_major": ("“三重一大”类别", "“three majors, one large” kind"),
    "party_prior_study": ("党组织前置研究", "studied by the party organisation first"),
    "party_end": ("任职结束日期", "held until"),
    "party_minutes": ("会议纪要", "minutes"), "party_item": ("“七联七化”事项", "community item"),
    "party_done": ("已完成", "done"), "party_file": ("文件名", "file name"),
}


# how a fitness import treated the year's earlier results (fitness.services.MODES)
FITNESS_IMPORT_MODES: dict[str, tuple[str, str]] = {
    "update": ("只更新本文件中的学生", "only the pupils of the file updated"),
    "replace": ("替换本学年全部成绩", "the whole year's results replaced"),
}


def _code_tables() -> dict[str, dict[str, tuple[str, str]]]:
    from youjun.core import schema

    return {
        "subject": _choices(schema.SUBJECTS), "location": _choices(schema.LOCATION),
        "school_type": _choices(schema.SCHOOL_TYPES), "ownership": _choices(schema.OWNERSHIP),
        "section": _choices(schema.SECTIONS), "level": _choices(schema.SECTIONS),
        "qualification": _choices(schema.QUALIFICATIONS), "title": _choices(schema.TITLES),
        "key_teacher_tier": _choices(schema.KEY_TEACHER_TIERS), "room_type": _choices(schema.ROOM_TYPES),
        "district_kind": _choices(schema.DISTRICT_KINDS),
        "solver_status": SOLVER_STATUS, "status": RUN_STATUS, "audit_action": AUDIT_ACTIONS,
        "audit_field": AUDIT_FIELDS, **_consultation_tables(), **_schooleval_tables(),
        "fitness_import_mode": FITNESS_IMPORT_MODES,
        **_training_tables(), **_workforce_tables(), **_integrity_tables(),
    }


def _integrity_tables() -> dict[str, dict[str, tuple[str, str]]]:
    """Clean-school activity types, layers, participants and ethics-case steps and sources in words."""
    import datetime as _dt

    from youjun.core import party_integrity

    tables: dict[str, dict[str, tuple[str, str]]] = {"integrity_who": dict(party_integrity.PARTICIPANT_KINDS)}
    try:
        today = _dt.date.today()
        tables["integrity_kind"] = party_integrity.words("activity-types", "types", today)
        tables["integrity_layer"] = party_integrity.words("layers", "layers", today)
        tables["integrity_step"] = party_integrity.words("case-handling", "steps", today)
        tables["integrity_source"] = party_integrity.words("case-handling", "sources", today)
    except Exception:  # no rules directory here: codes stay as they are
        pass
    return tables


def _workforce_tables() -> dict[str, dict[str, tuple[str, str]]]:
    """Appraisal rater kinds and the default ladder's growth stages in words (a district's own
    stage codes outside the default ladder stay as they are)."""
    from youjun.core import workforce_appraisal, workforce_growth

    tables: dict[str, dict[str, tuple[str, str]]] = {"appraisal_rater_kind": dict(workforce_appraisal.RATER_KINDS)}
    try:
        ladder = workforce_growth.default_ladder()
    except Exception:  # no rules directory here: codes stay as they are
        return tables
    tables["growth_stage"] = {st.code: (st.zh, st.en) for st in ladder.stages}
    return tables


CONSULTATION_ROLES: dict[str, tuple[str, str]] = {
    "raiser": ("提出人", "raiser"), "staff": ("政协工作人员", "committee staff"), "member": ("委员", "member"),
    "department": ("承办部门", "department"), "system": ("平台", "platform"),
}
CONSULTATION_CHANNELS: dict[str, tuple[str, str]] = {
    "web": ("网上提出", "raised online"), "visit": ("走访时代为登记", "recorded on a visit"),
    "member": ("委员提出", "raised by a member"), "school": ("学校提出", "raised by a school"),
    "paper": ("纸质录入", "entered from paper"), "meeting": ("协商形成", "agreed at a meeting"),
}


def _training_tables() -> dict[str, dict[str, tuple[str, str]]]:
    """The training ledger's levels and hour types in words (rules/workforce/training-cycle.yaml)."""
    from youjun.core import workforce_training

    try:
        r = workforce_training.load_rules()
    except Exception:  # no rules directory here: codes stay as they are
        return {}
    return {"training_level": {n.code: (n.zh, n.en) for n in r.levels},
            "hour_type": {n.code: (n.zh, n.en) for n in r.hour_types}}


def _consultation_tables() -> dict[str, dict[str, tuple[str, str]]]:
    """The consultation platform's coded values in words: the default workflow's states and
    categories (rules/consultation), ratings, channels, roles."""
    from youjun.core import consultation

    try:
        defaults = consultation.default_settings()
    except Exception:  # no rules directory here: codes stay as they are
        defaults = {"workflow": {"states": {}}, "sla": {"categories": {}}}

    def words(table: dict[str, Any]) -> dict[str, tuple[str, str]]:
        return {k: (str(v.get("zh", k)), str(v.get("en", k))) for k, v in table.items()}
    return {
        "consultation_state": words(defaults["workflow"].get("states") or {}),
        "consultation_category": words(defaults["sla"].get("categories") or {}),
        "consultation_satisfaction": dict(consultation.SATISFACTION),
        "consultation_fixed": dict(consultation.FIXED),
        "consultation_channel": CONSULTATION_CHANNELS,
        "consultation_role": CONSULTATION_ROLES,
        "consultation_kind": {"concern": ("群众议题", "concern"), "opinion": ("协商意见", "agreed opinion")},
        "consultation_venue": dict(consultation.VENUES),
    }


_TABLES: dict[str, dict[str, tuple[str, str]]] = {}


def code_label(kind: str, code: Any, lang: str = "zh") -> str:
    """The words for ``code`` of ``kind`` ("subject", "location", "solver_status", "audit_action", …)
    in ``lang``; an unknown code is returned as it is (so a test of the page can find it)."""
    if not _TABLES:
        _TABLES.update(_code_tables())
    if code is None:
        return "—"
    words = _TABLES.get(kind, {}).get(str(code))
    if words is None:
        return str(code)
    return words[0] if lang == "zh" else words[1]

# The options of a plan, as the forms name them (shown on the plan page and in the history).
PLAN_OPTIONS: dict[str, tuple[str, str]] = {
    "method": ("方法", "method"), "existing_rotations": ("本学年已交流教师", "this year's rotations"),
    "same_town": ("仅在本镇街内交流", "moves only within a town"),
    "include_private": ("包括民办学校", "private schools included"),
    "max_distance_km": ("最远交流距离（公里）", "longest move (km)"),
    "time_limit_s": ("求解时限（秒）", "solver time limit (s)"),
    "frozen_teachers": ("不参与交流的教师", "teachers who do not move"),
    "frozen_schools": ("不参与交流的学校", "schools that take part in no move"),
    "max_in_share": ("每校调入教师比例上限", "largest share of teachers moved in"),
    "max_net_loss_share": ("每校净调出教师比例上限", "largest net share of teachers moved out"),
    "budget": ("预算（元）", "budget (yuan)"),
    "building_yuan_per_m2": ("教学及辅助用房（元/平方米）", "teaching and auxiliary rooms (yuan per m²)"),
    "sports_ground_yuan_per_m2": ("室外运动场地（元/平方米）", "outdoor sports ground (yuan per m²)"),
    "multimedia_classroom_yuan": ("网络多媒体教室（元/间）", "networked multimedia classroom (yuan each)"),
    "equipment_yuan_per_yuan": ("教学仪器设备（元/元）", "teaching equipment (yuan per yuan of value)"),
    "music_room_yuan": ("音乐专用教室（元/间）", "music room (yuan each)"),
    "art_room_yuan": ("美术专用教室（元/间）", "art room (yuan each)"),
    "years": ("预测年数", "years ahead"), "entry_trend": ("一年级入学人数年变化", "yearly change of entrants"),
    "migration": ("年迁移系数", "yearly migration factor"), "births": ("各镇街出生人口", "births by town"),
    "scenario": ("情景", "scenario"), "changes": ("改动", "changes"), "name": ("名称", "name"),
    "rotation_plan": ("交流轮岗方案", "rotation plan"), "build": ("建设或配备", "build or equip"),
    "enrolment": ("调整学生数", "change pupils"), "close": ("撤并", "close and merge"),
    "move_teachers": ("调动教师", "move teachers"), "factor": ("倍数", "factor"), "grade": ("年级", "grade"),
    "grades": ("年级", "grades"), "pupils": ("学生数", "pupils"), "merge_into": ("并入", "merge into"),
    "teachers": ("教师", "teachers"), "to_school": ("调入学校", "to school"), "what": ("内容", "what"),
    "amount": ("数量", "amount"), "moves": ("交流人数", "teachers moved"),
}
PLAN_OPTION_VALUES: dict[str, tuple[str, str]] = {
    "milp": ("最优化（混合整数规划，HiGHS）", "optimal (MILP, HiGHS)"), "greedy": ("贪心法（对照）",
    "greedy (baseline)"),
    "reset": ("重新安排下一学年全部交流", "plan next year's whole rotation"),
    "count": ("补足本学年已有交流", "top up this year's"),
}
# good habits: who ticked a habit and how a teacher reviewed it, as the history reads them
PLAN_OPTION_VALUES.update({"parent": ("家长", "parent"), "pupil": ("学生", "pupil"), "teacher": ("老师", "teacher"),
                           "confirmed": ("已确认", "confirmed"), "questioned": ("存疑", "questioned")})
# the vocational centre: levels and bases as its audit stores them (voc_…)
PLAN_OPTION_VALUES.update({
    "voc_junior": ("初级", "junior"), "voc_middle": ("中级", "middle"), "voc_senior": ("高级", "senior"),
    "voc_practice": ("企业实践经历证明", "enterprise practice certificate"),
    "voc_qualification": ("职业资格或职业技能等级证书", "professional qualification or skill-level certificate"),
    "voc_title": ("非教师系列专业技术职务", "professional title of another series"),
    "voc_district": ("区级", "district level"), "voc_city": ("市级", "city level"),
    "voc_national": ("国家级", "national level")})


def _party_words() -> dict[str, tuple[str, str]]:
    """School party work's coded audit values ("party_post_principal" …) in words."""
    from youjun.core.party import audit_words

    return audit_words()


PLAN_OPTION_VALUES.update(_party_words())


def option_label(key: str, lang: str = "zh") -> str:
    words = PLAN_OPTIONS.get(key) or AUDIT_FIELDS.get(key)
    return key if words is None else words[0 if lang == "zh" else 1]


def _schooleval_tables() -> dict[str, dict[str, tuple[str, str]]]:
    """The school evaluation's coded audit values in words (rules/school-eval-2021): its states
    (added to the states the history reads, where a consultation state has not the same code),
    judgement levels, tree edits, sources, evaluators, methods and how far an item was checked."""
    from youjun.core import consultation, schooleval

    def words(table: dict[str, Any]) -> dict[str, tuple[str, str]]:
        return {k: (str(v.get("zh", k)), str(v.get("en", k))) for k, v in table.items()}
    try:
        states = words(schooleval.workflow()["states"])
        levels = {k: (v.zh, v.en) for k, v in schooleval.levels().items()}
        g = schooleval.guide()
        evaluators, methods = words(g["evaluators"]), words(g["evidence_methods"])
        cons_states = words(consultation.default_settings()["workflow"].get("states") or {})
    except Exception:  # no rules directory here: codes stay as they are
        states, levels, evaluators, methods, cons_states = {}, {}, {}, {}, {}
    return {
        "consultation_state": {**states, **cons_states},
        "schooleval_level": levels, "schooleval_evaluator": evaluators, "schooleval_method": methods,
        "schooleval_op": {"add": ("新增考查要点", "added a consideration"),
                          "edit": ("修改考查要点", "changed a consideration"),
                          "retire": ("停用考查要点", "retired a consideration"),
                          "restore": ("恢复使用考查要点", "restored a consideration"),
                          "weights": ("设置本地权重", "set local weights")},
        "schooleval_source": {"guide": ("《指南》", "the guide"),
                              "guide_edited": ("《指南》项，区县修改", "the guide's item, changed locally"),
                              "local": ("区县新增（本地规则）", "added locally (local rule)")},
        "schooleval_confidence": {"R": ("概括，待与《指南》原文核对", "summary, to be checked against the guide"),
                                  "V": ("已与《指南》核对", "checked against the guide"),
                                  "LOCAL": ("本地规则", "local rule")},
    }
