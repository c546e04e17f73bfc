"""Errors of the fitness core: catalogued problems (codes E1020–E1039)."""

from __future__ import annotations

from typing import Any

from youjun.core.errors import Location, Problem, YoujunError, problem


class FitnessError(YoujunError):
    """Work on the fitness standard cannot go on; carries catalogued problems."""

    @classmethod
    def of(cls, code: str, value: Any = "", location: Location | None = None, **context: Any) -> FitnessError:
        return cls([problem(code, location or Location(), value, **context)])


def fitness_problem(code: str, value: Any = "", location: Location | None = None, **context: Any) -> Problem:
    return problem(code, location or Location(), value, **context)
