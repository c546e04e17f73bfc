"""Catalogue entries of this consultation area (see the package's docstring for its range):
running a body — bodies, departments and studios (E930), people and their roles (E931–E932),
the member roster import (E933–E937), deactivating (E938) and the body's settings (E939)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E930", E, "机构信息有误", "Details are wrong",
              "“{value}”的信息有误：{detail_zh}", "'{value}' has a problem: {detail_en}",
              "请按提示改正后再保存：代码只用小写字母、数字和连字符，名称不能为空，同一政协内名称不能重复。",
              "Correct it and save again: a code uses only lower-case letters, digits and hyphens, a name "
              "cannot be empty, and names do not repeat within one body."),
    ErrorSpec("E931", E, "角色无法变更", "Role change refused",
              "“{value}”的角色无法变更：{detail_zh}", "The role of '{value}' cannot be changed: {detail_en}",
              "请核对用户名和角色；承办部门人员须选择本政协的承办部门；每个政协至少保留一名工作人员。",
              "Check the user name and the role; a department handler needs one of the body's departments; "
              "every body keeps at least one staff member."),
    ErrorSpec("E932", E, "账号无法创建", "Account cannot be created",
              "账号“{value}”无法创建：{detail_zh}", "The account '{value}' cannot be created: {detail_en}",
              "请换一个用户名（只用字母、数字和 . _ - ，如 rc-wangjh），并填写姓名；已有账号的人请直接填写其用户名。",
              "Choose another user name (letters, digits and . _ - only, e.g. rc-wangjh) and give the full name; "
              "for someone who has an account, type their user name instead."),
    ErrorSpec("E933", E, "不是委员名单模板", "Not the member roster template",
              "文件“{value}”不能导入：{detail_zh}", "The file '{value}' cannot be imported: {detail_en}",
              "请在本页下载委员名单模板，不要改动表头，每位委员一行（最多2,000行），保存为 .xlsx 后上传。",
              "Download the roster template on this page, keep the header row, one member per row (at most "
              "2,000 rows), save as .xlsx and upload it."),
    ErrorSpec("E934", E, "姓名或用户名未填写", "Name or user name missing",
              "第{row}行没有填写{detail_zh}", "Row {row} has no {detail_en}",
              "每一行都须填写“姓名”和“用户名”；用户名只用字母、数字和 . _ - ，例如 rc-wangjh。",
              "Every row needs 姓名 (the full name) and 用户名 (the user name: letters, digits and . _ - only, "
              "e.g. rc-wangjh)."),
    ErrorSpec("E935", E, "手机号码有误", "Mobile number not valid",
              "手机“{value}”不是有效的手机号码", "'{value}' is not a valid mobile number",
              "请填写11位手机号码（以1开头，如 13812345678），或留空。",
              "Give an 11-digit mobile number starting with 1 (e.g. 13812345678), or leave it empty."),
    ErrorSpec("E936", E, "用户名重复", "User name repeated",
              "用户名“{value}”{detail_zh}", "The user name '{value}' {detail_en}",
              "每位委员的用户名须不同；已有账号的委员请删除该行，再到“人员”页面按用户名为其添加委员角色。",
              "Every member needs a user name of their own; for a member who already has an account, delete "
              "the row and add the member role on the people page by their user name."),
    ErrorSpec("E937", E, "须确认新建委员工作室", "New studios need your confirmation",
              "名单中的委员工作室“{value}”尚不存在", "The studio(s) '{value}' in the roster do not exist yet",
              "如确需新建这些工作室，请在预览中勾选“同时新建这些委员工作室”后再导入；否则请改正名单中的工作室名称。",
              "To create them, tick 'also create these studios' in the preview and import again; otherwise "
              "correct the studio names in the roster."),
    ErrorSpec("E938", E, "还有未办结的议题，不能停用", "Open items: cannot deactivate",
              "“{value}”还有{count}件未办结的议题，不能停用", "'{value}' still has {count} open item(s) and "
              "cannot be deactivated",
              "请先把这些议题办结，或在工作台改为交办其他部门，再停用。",
              "Close those items first, or assign them to another department on the work list, then "
              "deactivate it."),
    ErrorSpec("E939", E, "设置有误", "Setting not valid",
              "设置“{value}”有误：{detail_zh}", "The setting '{value}' is not valid: {detail_en}",
              "请按提示改正后再保存；天数和数量须为整数，并在页面注明的范围内。",
              "Correct it and save again; days and counts are whole numbers within the range shown on the page."),
)
