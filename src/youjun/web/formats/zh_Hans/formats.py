"""Simplified Chinese: 2025年9月1日; digits grouped by thousands with a comma, as the
statistical yearbooks print them (Django's default groups by four with no separator)."""

DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
# An <input type="date"> takes only ISO dates: the first input format is the one Django writes
# into a form's value, so ISO comes first (Django's zh_Hans writes 2026/12/01, which a browser
# shows as an empty box and the form then refuses as missing). The others are still accepted.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M", "%Y/%m/%d"]
