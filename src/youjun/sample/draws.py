"""Small vectorised random draws shared by the table builders."""

from __future__ import annotations

from datetime import date

import numpy as np


def stochastic_round(rng: np.random.Generator, expected: float, noise: float = 0.04) -> int:
    """An integer near ``expected``: a little multiplicative noise, then round up with
    probability equal to the fraction (so small expectations like 1.5 give 1 or 2)."""
    value = expected * float(np.exp(noise * rng.standard_normal())) if noise else expected
    whole = int(np.floor(value))
    return whole + int(rng.random() < value - whole)


def lognormal(rng: np.random.Generator, median: np.ndarray | float, sigma: np.ndarray | float,
              size: int) -> np.ndarray:
    """Lognormal draws given the median (not the mean), which is how the shapes are stated."""
    return np.asarray(median) * np.exp(np.asarray(sigma) * rng.standard_normal(size))


def logit_normal(rng: np.random.Generator, centre: np.ndarray | float, sigma: float,
                 size: int) -> np.ndarray:
    """Probabilities scattered around ``centre`` on the logit scale (always inside 0..1)."""
    c = np.clip(np.asarray(centre, dtype=float), 1e-4, 1 - 1e-4)
    logit = np.log(c / (1 - c)) + sigma * rng.standard_normal(size)
    return 1 / (1 + np.exp(-logit))


def pick(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category index per row of a (rows × categories) probability matrix."""
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative /= cumulative[:, -1:]
    u = rng.random((probabilities.shape[0], 1))
    return (u > cumulative).sum(axis=1)


def other_index(rng: np.random.Generator, own: np.ndarray, n: int) -> np.ndarray:
    """For each entry of ``own``, a uniformly chosen index in 0..n-1 different from it."""
    j = rng.integers(0, n - 1, size=len(own))
    return j + (j >= own)


def dates_from(start: date, offsets: np.ndarray) -> list[date]:
    """``datetime.date`` objects ``offsets`` days after ``start``."""
    start_ordinal = start.toordinal()
    return [date.fromordinal(start_ordinal + int(d)) for d in offsets]
