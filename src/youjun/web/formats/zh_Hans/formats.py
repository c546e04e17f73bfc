"""Simplified Chinese: 2025年9月1日; digits grouped by thousands with a comma, as the
statistical yearbooks print them (Django's default groups by four with no separator)."""

DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
