"""Enrolment-weighted inequality measures shown beside the official CV (numpy).

Every measure treats the *pupil* as the unit of observation: school i contributes Pᵢ pupils
who each have the school's value xᵢ (resource per pupil). With wᵢ = Pᵢ/ΣP the pupil share,
X̄ = Σ wᵢxᵢ the weighted mean and sᵢ = wᵢxᵢ/X̄ the school's share of the resource.

Computed here rather than with PySAL's ``inequality`` package: its ``Theil``/``TheilD`` and
``Gini`` weight every observation equally (and replace zeros with a tiny number), whereas
the assessment weights schools by enrolment; the weighted forms are a few lines of numpy.
Values must be ≥ 0 and weights > 0 (a school without pupils is a data error upstream).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def _arrays(values: Sequence[float] | FloatArray,
            weights: Sequence[float] | FloatArray) -> tuple[FloatArray, FloatArray]:
    x = np.asarray(values, dtype=np.float64)
    p = np.asarray(weights, dtype=np.float64)
    if x.shape != p.shape or x.ndim != 1 or x.size == 0:
        raise ValueError("values and weights must be equal-length, non-empty 1-d sequences")
    if not np.all(p > 0):
        raise ValueError("every school needs pupils > 0 (a school without pupils is a data error)")
    if not np.all(x >= 0):
        raise ValueError("indicator values cannot be negative")
    return x, p / p.sum()


def weighted_mean(values: Sequence[float] | FloatArray,
                  weights: Sequence[float] | FloatArray) -> float:
    x, w = _arrays(values, weights)
    return float(np.dot(w, x))


def weighted_cv(values: Sequence[float] | FloatArray,
                weights: Sequence[float] | FloatArray) -> float:
    """The official CV, S/X̄ with S = sqrt(Σ wᵢ(xᵢ − X̄)²); 0 when every value is 0.

    Source: 教督〔2017〕6号; same definition as ``youjun.core.measures.weighted_cv``.
    """
    x, w = _arrays(values, weights)
    mean = float(np.dot(w, x))
    if mean == 0:
        return 0.0
    return float(np.sqrt(np.dot(w, (x - mean) ** 2)) / mean)


def gini(values: Sequence[float] | FloatArray, weights: Sequence[float] | FloatArray) -> float:
    """Enrolment-weighted Gini coefficient, 0 (equal) … 1.

    G = Σᵢ Σⱼ wᵢwⱼ|xᵢ − xⱼ| / (2X̄), computed from the Lorenz curve of schools sorted by xᵢ:
    G = 1 − Σᵢ wᵢ(Lᵢ + Lᵢ₋₁) with Lᵢ the cumulative resource share (exact for grouped data).
    Source: Lerman & Yitzhaki (1989), "Improving the accuracy of estimates of Gini
    coefficients", Journal of Econometrics 42(1): 43–47; Cowell, *Measuring Inequality*,
    3rd ed. (OUP 2011), §2.2.
    """
    x, w = _arrays(values, weights)
    mean = float(np.dot(w, x))
    if mean == 0:
        return 0.0
    order = np.argsort(x, kind="stable")
    w_sorted = w[order]
    lorenz = np.cumsum(w_sorted * x[order]) / mean
    previous = np.concatenate(([0.0], lorenz[:-1]))
    return float(max(0.0, 1.0 - np.dot(w_sorted, lorenz + previous)))


def _theil_terms(x: FloatArray, w: FloatArray) -> FloatArray:
    # wᵢ·(xᵢ/X̄)·ln(xᵢ/X̄), with 0·ln 0 = 0 (a school without the resource adds nothing).
    ratio = x / float(np.dot(w, x))
    safe = np.where(ratio > 0, ratio, 1.0)
    return np.asarray(w * ratio * np.log(safe), dtype=np.float64)


def theil_t(values: Sequence[float] | FloatArray, weights: Sequence[float] | FloatArray) -> float:
    """Enrolment-weighted Theil T (GE(1)): T = Σ wᵢ (xᵢ/X̄) ln(xᵢ/X̄) = Σ sᵢ ln(sᵢ/wᵢ).

    0 when all schools are equal; at most ln(1/min wᵢ). 0 when every value is 0.
    Source: Theil, *Economics and Information Theory* (North-Holland 1967); Conceição &
    Ferreira (2000), "The Young Person's Guide to the Theil Index", UTIP Working Paper 14.
    """
    x, w = _arrays(values, weights)
    if float(np.dot(w, x)) == 0:
        return 0.0
    return float(_theil_terms(x, w).sum())


@dataclass(frozen=True)
class TheilDecomposition:
    total: float
    between: float  # inequality between the groups' means
    within: float  # resource-share-weighted inequality inside the groups

    @property
    def between_share(self) -> float:
        return self.between / self.total if self.total > 0 else 0.0


def theil_decomposition(values: Sequence[float] | FloatArray,
                        weights: Sequence[float] | FloatArray,
                        groups: Sequence[object]) -> TheilDecomposition:
    """Theil T split exactly into between- and within-group parts (total = between + within).

    With group g's pupil share W_g = Σ_{i∈g} wᵢ, resource share S_g = Σ_{i∈g} sᵢ and T_g the
    Theil T of the schools of g (weighted inside g)::

        between = Σ_g S_g ln(S_g / W_g)       within = Σ_g S_g T_g

    Source: Shorrocks (1980), "The class of additively decomposable inequality measures",
    Econometrica 48(3): 613–625; Conceição & Ferreira (2000), UTIP WP 14, §3.
    Missing group labels (e.g. schools in no education group) form one group of their own.
    """
    return theil_decomposition_coded(values, weights, label_codes(groups))


def label_codes(groups: Sequence[object]) -> npt.NDArray[np.intp]:
    """Each group label as a number, numbered in the sorted order of the labels' text.

    A missing label (None, NaN) is the label "". The numbers of any subset keep the labels'
    order, so a subset can be decomposed with ``theil_decomposition_coded``.
    """
    labels = ["" if g is None or (isinstance(g, float) and np.isnan(g)) else str(g)
              for g in groups]
    if not labels:
        return np.zeros(0, dtype=np.intp)
    return np.asarray(np.unique(np.asarray(labels, dtype=object), return_inverse=True)[1],
                      dtype=np.intp).reshape(-1)


def theil_decomposition_coded(values: Sequence[float] | FloatArray,
                              weights: Sequence[float] | FloatArray,
                              codes: npt.NDArray[np.intp]) -> TheilDecomposition:
    """``theil_decomposition`` with the groups given by ``label_codes`` numbers."""
    x, w = _arrays(values, weights)
    if len(codes) != x.size:
        raise ValueError("groups must have one label per school")
    mean = float(np.dot(w, x))
    if mean == 0:
        return TheilDecomposition(0.0, 0.0, 0.0)
    s = w * x / mean
    present, inverse = np.unique(codes, return_inverse=True)
    between = within = 0.0
    for g in range(len(present)):
        member = inverse == g
        w_g, s_g = float(w[member].sum()), float(s[member].sum())
        if s_g == 0:
            continue  # a group without the resource: its terms are 0·ln 0 = 0
        between += s_g * np.log(s_g / w_g)
        within += s_g * float(_theil_terms(x[member], w[member] / w_g).sum())
    total = float(_theil_terms(x, w).sum())
    return TheilDecomposition(total, float(between), float(within))


def weighted_median(values: Sequence[float] | FloatArray,
                    weights: Sequence[float] | FloatArray) -> float:
    """The value of the median pupil: the smallest xᵢ whose cumulative pupil share ≥ ½."""
    x, w = _arrays(values, weights)
    order = np.argsort(x, kind="stable")
    cumulative = np.cumsum(w[order])
    position = int(np.searchsorted(cumulative, 0.5 - 1e-12))
    return float(x[order][min(position, x.size - 1)])


def mcloone(values: Sequence[float] | FloatArray, weights: Sequence[float] | FloatArray) -> float:
    """Enrolment-weighted McLoone index, 0 … 1 (1 = no pupil below the median is short).

    McLoone = Σ_{xᵢ<M} Pᵢxᵢ / (M · Σ_{xᵢ<M} Pᵢ), M the weighted (pupil) median: what the
    pupils below the median have, relative to what they would have at the median. 1 when no
    school is below M (or M = 0).
    Source: McLoone (1977), University of Maryland; Berne & Stiefel, *The Measurement of
    Equity in School Finance* (Johns Hopkins 1984); Odden & Picus, *School Finance: A Policy
    Perspective*, ch. 3.
    """
    x, w = _arrays(values, weights)
    median = weighted_median(x, w)
    below = x < median
    if median <= 0 or not below.any():
        return 1.0
    return float(np.dot(w[below], x[below]) / (median * w[below].sum()))


def range_ratio(values: Sequence[float] | FloatArray) -> float:
    """Max/min of the school values (unweighted by nature); inf when a school has none.

    Source: Berne & Stiefel (1984), *The Measurement of Equity in School Finance*, ch. 2.
    """
    x = np.asarray(values, dtype=np.float64)
    if x.size == 0:
        raise ValueError("no schools")
    low, high = float(x.min()), float(x.max())
    if low == 0:
        return 1.0 if high == 0 else float("inf")
    return high / low
