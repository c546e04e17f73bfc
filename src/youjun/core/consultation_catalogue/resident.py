"""Catalogue entries of the consultation platform's resident side (E880–E889): photos, the
raise form, registration, reports and blocked accounts."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E880", E, "照片格式不支持", "Photo format not accepted",
              "文件“{value}”不是 JPEG、PNG 或 WebP 格式的照片", "The file '{value}' is not a JPEG, PNG or WebP photo",
              "请用手机相册中的照片（JPEG、PNG 或 WebP）重新选择；截图也可以。",
              "Choose a photo from the phone's album (JPEG, PNG or WebP); a screenshot works too."),
    ErrorSpec("E881", E, "照片文件过大", "Photo too large",
              "照片“{value}”有 {size}，超过上限 {limit}", "The photo '{value}' is {size}, over the limit of {limit}",
              "请在手机上把照片调小（或截图）后重新选择。",
              "Make the photo smaller on the phone (or take a screenshot) and choose it again."),
    ErrorSpec("E882", E, "照片像素过多", "Photo has too many pixels",
              "照片“{value}”为 {pixels} 像素，超过上限（{limit} 像素）",
              "The photo '{value}' is {pixels} pixels, over the limit of {limit} pixels",
              "请在手机上把照片调小（或截图）后重新选择。",
              "Make the photo smaller on the phone (or take a screenshot) and choose it again."),
    ErrorSpec("E883", E, "照片过多", "Too many photos",
              "选择了 {value} 张照片，最多 {limit} 张", "{value} photos chosen; at most {limit}",
              "请只保留最能说明问题的几张照片。", "Keep only the photos that show the problem best."),
    ErrorSpec("E884", E, "账号暂时不能反映或举报", "Account blocked for now",
              "您的账号在 {until_zh} 之前不能反映问题或举报",
              "Your account cannot raise concerns or report until {until_en}",
              "如有疑问，请联系政协工作人员。", "If you think this is a mistake, contact the committee staff."),
    ErrorSpec("E885", E, "已经举报过", "Already reported",
              "您已经举报过议题“{value}”", "You have already reported item '{value}'",
              "每人对每个议题只能举报一次；工作人员会审核。",
              "Each person can report an item once; the committee staff will review it."),
    ErrorSpec("E886", E, "手机号码格式不对", "Not a mobile number",
              "“{value}”不是11位的手机号码", "'{value}' is not an 11-digit mainland mobile number",
              "请填写11位手机号码，例如 13812345678；不想留电话可以不填。",
              "Give an 11-digit mobile number such as 13812345678, or leave it empty."),
    ErrorSpec("E887", E, "所选学校或指标不在列表中", "School or indicator not in the list",
              "所选的“{value}”不在列表中", "'{value}' is not one of the choices",
              "请从列表中重新选择学校或指标；不确定可以不选。",
              "Choose the school or indicator from the list again; leave it empty if unsure."),
    ErrorSpec("E888", E, "请选择举报原因", "Choose a reason for the report",
              "举报议题“{value}”时没有选择原因", "The report of item '{value}' gives no reason",
              "请选择一个举报原因（例如含有个人信息、辱骂他人），再提交。",
              "Choose a reason (e.g. it contains personal data, it insults someone), then submit."),
    ErrorSpec("E889", E, "不能附议这个议题", "Cannot support this concern",
              "议题“{value}”不能附议：{detail_zh}", "Concern '{value}' cannot be supported: {detail_en}",
              "每人对别人提出、尚未办结的议题只能附议一次；自己提出的议题不用附议。",
              "You can support a concern raised by someone else, once, while it is open; your own "
              "concern needs no support."),
)
