"""Famous-teacher studios: host, members, plans, outputs and yearly reviews."""

from __future__ import annotations
