"""Today in local time (Asia/Shanghai): the one place the habits app asks, so tests can fix it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def now() -> dt.datetime:
    return timezone.now()
