"""Class breaks for maps and legends (via :mod:`mapclassify`).

One classifier for the whole product: the dashboard, the exports and the command
line use :func:`classify`, and :func:`check_k` is the one rule for class counts.
"""

from __future__ import annotations

import enum
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from potentials.errors import ClassificationError

__all__ = ["K_MAX", "K_MIN", "ClassMethod", "Classes", "check_k", "classify", "std_multiples"]

#: Fewest and most classes a map may have (the palettes have at most 9 colours).
K_MIN = 2
K_MAX = 9


class ClassMethod(enum.Enum):
    """Classification methods (all computed by :mod:`mapclassify`)."""

    QUANTILES = "quantiles"
    FISHER_JENKS = "fisher_jenks"
    EQUAL_INTERVAL = "equal_interval"
    STD_MEAN = "std_mean"


#: Why a classification has fewer classes than requested.
SHORTFALLS = ("few_values", "ties", "outside_data")


@dataclass(frozen=True)
class Classes:
    """Classes of a set of values.

    Attributes
    ----------
    method
        The classification method.
    breaks
        Upper bound of each class (the last one is the maximum).
    bins
        Class index (0-based) of each input value; -1 for missing values.
    counts
        Number of values per class.
    lower
        Lower bound of the first class (the minimum).
    labels
        Legend labels, e.g. ``"0.12 – 0.50"``.
    requested
        The number of classes asked for.
    shortfall
        Why there are fewer classes than requested (one of :data:`SHORTFALLS`):
        ``few_values`` (fewer distinct values than classes), ``ties`` (tied values
        left quantile classes empty) or ``outside_data`` (standard-deviation classes
        beyond the data); None if there are as many as requested.
    """

    method: ClassMethod
    breaks: NDArray[np.float64]
    bins: NDArray[np.int64]
    counts: NDArray[np.int64]
    lower: float
    labels: tuple[str, ...]
    requested: int = 0
    shortfall: str | None = None

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.breaks)

    @property
    def edges(self) -> NDArray[np.float64]:
        """``k + 1`` class edges: the lower bound followed by the breaks."""
        return np.concatenate([[self.lower], self.breaks])


def _method(method: ClassMethod | str) -> ClassMethod:
    try:
        return ClassMethod(method.value if isinstance(method, ClassMethod) else method)
    except ValueError:
        allowed = ", ".join(m.value for m in ClassMethod)
        raise ClassificationError(
            f"unknown classification method {method!r}; choose one of {allowed}"
        ) from None


def check_k(method: ClassMethod | str, k: object) -> int:
    """Return ``k`` as a class count valid for ``method``, or raise saying why.

    Every method accepts :data:`K_MIN` to :data:`K_MAX` classes (``std_mean`` places
    its breaks at the multiples of :func:`std_multiples`).

    Raises
    ------
    ClassificationError
        If ``method`` is unknown or ``k`` is not an integer in the range.
    """
    m = _method(method)
    if isinstance(k, bool) or not isinstance(k, int | np.integer):
        raise ClassificationError(f"the number of classes must be an integer, got {k!r}")
    if not K_MIN <= int(k) <= K_MAX:
        raise ClassificationError(
            f"{m.value} needs between {K_MIN} and {K_MAX} classes, got {int(k)}"
        )
    return int(k)


def std_multiples(k: int) -> list[float]:
    """Break positions, in standard deviations around the mean, for ``k`` classes.

    Odd ``k`` centres a class on the mean (``k = 5``: −2, −1, 1, 2); even ``k`` puts
    a break at the mean (``k = 4``: −1, 0, 1).
    """
    m = (k - 1) // 2
    middle = [0.0] if k % 2 == 0 else []
    return [float(-i) for i in range(m, 0, -1)] + middle + [float(i) for i in range(1, m + 1)]


def classify(
    values: ArrayLike,
    *,
    method: ClassMethod | str = ClassMethod.QUANTILES,
    k: int = 5,
    decimals: int = 2,
) -> Classes:
    """Classify values into ``k`` classes.

    Parameters
    ----------
    values
        Values to classify; NaN values get bin -1 and are not counted.
    method
        :class:`ClassMethod` (or its value). ``STD_MEAN`` uses
        :class:`mapclassify.StdMean` with the multiples of :func:`std_multiples`.
    k
        Number of classes (:func:`check_k`). There are fewer when the data have fewer
        distinct values, when ties leave quantile classes empty, or when
        standard-deviation classes lie beyond the data (empty classes outside the
        data are dropped); :attr:`Classes.shortfall` says which.
    decimals
        Decimals of the legend labels.

    Returns
    -------
    Classes

    Raises
    ------
    ClassificationError
        If there are no finite values, or ``method`` or ``k`` are invalid.
    """
    method = _method(method)
    k = check_k(method, k)
    y = np.asarray(values, dtype=np.float64).ravel()
    ok = np.isfinite(y)
    if not ok.any():
        raise ClassificationError("cannot classify: no finite values")
    finite = y[ok]
    distinct = np.unique(finite).size
    k_eff = int(min(k, distinct))
    import mapclassify  # deferred: it compiles numba kernels on import (about 2 s)

    with warnings.catch_warnings():
        # ties are reported through Classes.shortfall instead
        warnings.filterwarnings("ignore", message="Not enough unique values")
        warnings.filterwarnings("ignore", message="Numba not installed")
        if k_eff < 2:
            breaks = np.array([finite.max()])
        elif method is ClassMethod.QUANTILES:
            breaks = np.asarray(mapclassify.Quantiles(finite, k=k_eff).bins, dtype=np.float64)
        elif method is ClassMethod.FISHER_JENKS:
            breaks = np.asarray(mapclassify.FisherJenks(finite, k=k_eff).bins, dtype=np.float64)
        elif method is ClassMethod.EQUAL_INTERVAL:
            breaks = np.asarray(mapclassify.EqualInterval(finite, k=k_eff).bins, dtype=np.float64)
        else:
            classifier = mapclassify.StdMean(finite, multiples=std_multiples(k_eff))
            breaks = np.asarray(classifier.bins, dtype=np.float64)
    breaks = np.unique(breaks)
    counts = _counts(finite, breaks)
    shortfall: str | None = "few_values" if distinct < k else None
    if method in (ClassMethod.QUANTILES, ClassMethod.STD_MEAN) and (counts == 0).any():
        # an empty quantile class comes from ties; an empty standard-deviation class
        # lies beyond the data: neither belongs in a legend
        breaks = breaks[counts > 0]
        shortfall = shortfall or ("ties" if method is ClassMethod.QUANTILES else "outside_data")
    if method is ClassMethod.STD_MEAN:
        breaks[-1] = finite.max()  # the top class ends at the data, not at mean + m·sd
    if len(breaks) < k and shortfall is None:
        shortfall = "ties"
    bins = np.full(y.shape, -1, dtype=np.int64)
    bins[ok] = np.minimum(np.searchsorted(breaks, finite, side="left"), len(breaks) - 1)
    counts = np.bincount(bins[ok], minlength=len(breaks)).astype(np.int64)
    lower = float(finite.min())
    edges = np.concatenate([[lower], breaks])
    labels = tuple(
        f"{edges[i]:.{decimals}f} – {edges[i + 1]:.{decimals}f}" for i in range(len(breaks))
    )
    return Classes(
        method=method,
        breaks=breaks,
        bins=bins,
        counts=counts,
        lower=lower,
        labels=labels,
        requested=k,
        shortfall=shortfall,
    )


def _counts(values: NDArray[np.float64], breaks: NDArray[np.float64]) -> NDArray[np.int64]:
    """Values per class for upper-inclusive ``breaks`` (as :mod:`mapclassify` bins them)."""
    index = np.minimum(np.searchsorted(breaks, values, side="left"), len(breaks) - 1)
    return np.bincount(index, minlength=len(breaks)).astype(np.int64)
