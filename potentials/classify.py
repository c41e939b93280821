"""Class breaks for maps and legends (via :mod:`mapclassify`)."""

from __future__ import annotations

import enum
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from potentials.errors import ClassificationError

__all__ = ["ClassMethod", "Classes", "classify"]


class ClassMethod(enum.Enum):
    """Classification methods (all computed by :mod:`mapclassify`)."""

    QUANTILES = "quantiles"
    FISHER_JENKS = "fisher_jenks"
    EQUAL_INTERVAL = "equal_interval"
    STD_MEAN = "std_mean"


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
    """

    method: ClassMethod
    breaks: NDArray[np.float64]
    bins: NDArray[np.int64]
    counts: NDArray[np.int64]
    lower: float
    labels: tuple[str, ...]

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.breaks)

    @property
    def edges(self) -> NDArray[np.float64]:
        """``k + 1`` class edges: the lower bound followed by the breaks."""
        return np.concatenate([[self.lower], self.breaks])


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
        :class:`mapclassify.StdMean` with multiples ``(-2, -1, 1, 2)`` of the standard
        deviation around the mean, which gives at most 5 classes whatever ``k``.
    k
        Number of classes (ignored by ``STD_MEAN``).
    decimals
        Decimals of the legend labels.

    Returns
    -------
    Classes

    Raises
    ------
    ValueError
        If there are no finite values or ``k < 1``.
    """
    method = ClassMethod(method.value if isinstance(method, ClassMethod) else method)
    y = np.asarray(values, dtype=np.float64).ravel()
    ok = np.isfinite(y)
    if not ok.any():
        raise ClassificationError("cannot classify: no finite values (every value is missing)")
    if k < 1:
        raise ClassificationError(f"the class count k must be at least 1, got {k}")
    finite = y[ok]
    k_eff = int(min(k, np.unique(finite).size))
    import mapclassify  # deferred: it compiles numba kernels on import (about 2 s)

    if method is ClassMethod.QUANTILES:
        classifier = mapclassify.Quantiles(finite, k=k_eff)
    elif method is ClassMethod.FISHER_JENKS:
        with warnings.catch_warnings():
            # without numba mapclassify says so; the pure-Python path is fine for 400 values
            warnings.filterwarnings("ignore", message="Numba not installed")
            classifier = mapclassify.FisherJenks(finite, k=k_eff)
    elif method is ClassMethod.EQUAL_INTERVAL:
        classifier = mapclassify.EqualInterval(finite, k=k_eff)
    else:
        classifier = mapclassify.StdMean(finite, multiples=[-2, -1, 1, 2])
    breaks = np.asarray(classifier.bins, dtype=np.float64)
    bins = np.full(y.shape, -1, dtype=np.int64)
    bins[ok] = np.asarray(classifier.yb, dtype=np.int64)
    counts = np.bincount(bins[ok], minlength=len(breaks)).astype(np.int64)
    lower = float(finite.min())
    edges = np.concatenate([[lower], breaks])
    labels = tuple(
        f"{edges[i]:.{decimals}f} – {edges[i + 1]:.{decimals}f}" for i in range(len(breaks))
    )
    return Classes(
        method=method, breaks=breaks, bins=bins, counts=counts, lower=lower, labels=labels
    )
