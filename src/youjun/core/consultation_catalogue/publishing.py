"""Catalogue entries of the consultation area "public statistics, open data, alerts and the
daily digest" (E920–E929)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E920", E, "开放数据格式不可用", "Open-data format not offered",
              "开放数据没有“{value}”格式",
              "Open data is not offered as '{value}' (choose from: {expected})",
              "请在统计页点击下载链接，选择 CSV 或 JSON 格式。",
              "Put ?format=csv or ?format=json in the address, or use the download links on the statistics page."),
    ErrorSpec("E921", E, "开放数据集不存在", "No such open-data set",
              "没有名为“{value}”的开放数据集",
              "There is no open-data set named '{value}' (choose from: {expected})",
              "请在统计页点击下载链接，选择议题数据或协商活动数据。",
              "Leave out dataset for the items; write ?dataset=meetings for the consultations."),
    ErrorSpec("E922", E, "统计年份无效", "Year of the statistics not valid",
              "统计年份“{value}”无效：须为 {first} 到 {last} 之间的四位年份",
              "The year '{value}' is not valid: give a four-digit year from {first} to {last}",
              "请从年份列表中选择年份。",
              "Choose a year from the list, or put ?year=2026 in the address."),
    ErrorSpec("E923", E, "政协不存在", "No such CPPCC body",
              "没有代码为“{value}”的政协",
              "There is no CPPCC body with the code '{value}' (choose from: {expected})",
              "请从政协列表中选择；不选则统计全部政协。",
              "Choose a body from the list; leave it empty for every body."),
    ErrorSpec("E924", E, "提醒日期无效", "Date of the digest not valid",
              "日期“{value}”无效：须写成 YYYY-MM-DD，例如 2026-12-02",
              "The date '{value}' is not valid: write it as YYYY-MM-DD, e.g. 2026-12-02",
              "去掉 --date 则按今天（北京时间）计算；补发某天的提醒时写该天日期。",
              "Leave out --date to use today (Beijing time); give a day's date to send that day's digest."),
    ErrorSpec("E925", E, "提醒邮件未能发出", "Digest e-mail could not be sent",
              "发给“{value}”的每日提醒邮件未能发出：{detail}",
              "The daily digest to '{value}' could not be sent: {detail}",
              "请检查邮件设置（YOUJUN_EMAIL_BACKEND、YOUJUN_SMTP_HOST 等，见 docs/web.md）和网络；"
              "未发出的通知不会标记为已发送，下次运行会再发。",
              "Check the mail settings (YOUJUN_EMAIL_BACKEND, YOUJUN_SMTP_HOST…, see docs/web.md) and the "
              "network; notices not sent are not marked as sent and go out on the next run."),
)
