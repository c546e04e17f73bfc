"""Registers the final social-recognition survey of a district and year as the source of the
assessment's ``social_recognition`` rate (see ``platform.district_figures``)."""

from __future__ import annotations
