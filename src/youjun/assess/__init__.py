"""youjun.assess — from validated tables to one assessment result per district.

    results = assess_tables(tables, ruleset="cn-2017", overlays=(), source="")
"""

from youjun.assess.engine import assess_tables, assess_with_params

__all__ = ["assess_tables", "assess_with_params"]
