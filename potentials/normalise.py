"""Normalisers: put indicators measured in different units on one scale.

Each normaliser follows scikit-learn's estimator rules: ``__init__`` only stores
keyword arguments, :meth:`fit` learns per-column state into attributes ending in
``_``, :meth:`transform` applies it (so a normaliser fitted on one year can be
applied to another). Inputs are 2-D arrays ``(districts, indicators)``; NaN marks
a missing value, is ignored when fitting and stays NaN when transforming.

Direction is not handled here: the pipeline multiplies raw values by the
indicator's direction (+1/-1) *before* normalising, so that higher normalised
values always mean more favourable conditions.
"""

from __future__ import annotations

import contextlib
import enum
import warnings
from collections.abc import Iterator
from typing import Any, Self

import numpy as np
from numpy.typing import ArrayLike, NDArray

from potentials.errors import SpecificationError

__all__ = [
    "DistanceToReference",
    "MinMax",
    "Normalisation",
    "Normaliser",
    "PercentileRank",
    "ZScore",
    "make_normaliser",
]

Array = NDArray[np.float64]


class Normalisation(enum.Enum):
    """Normalisation methods.

    ZSCORE
        ``(x - mean) / std`` over districts (population standard deviation, as
        :class:`sklearn.preprocessing.StandardScaler`).
    MINMAX
        Linear rescaling of the district range to 0–100.
    PERCENTILE
        Percentile rank 0–100: ``100 * (average rank - 1) / (n - 1)``.
    DISTANCE
        Distance to the German value in standard deviations,
        ``(x - reference) / std``; see :class:`DistanceToReference`.
    """

    ZSCORE = "zscore"
    MINMAX = "minmax"
    PERCENTILE = "percentile"
    DISTANCE = "distance"

    @property
    def label_en(self) -> str:
        """English label for legends and menus."""
        return _LABELS[self][1]

    @property
    def label_de(self) -> str:
        """German label for legends and menus."""
        return _LABELS[self][0]


_LABELS = {
    Normalisation.ZSCORE: ("z-Wert", "z-score"),
    Normalisation.MINMAX: ("Min–Max (0–100)", "min–max (0–100)"),
    Normalisation.PERCENTILE: ("Perzentilrang (0–100)", "percentile rank (0–100)"),
    Normalisation.DISTANCE: ("Abstand zum Bundeswert", "distance to the German value"),
}


def _as_2d(X: ArrayLike) -> Array:
    arr = np.asarray(X, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise SpecificationError(
            f"expected a 2-D array (districts × indicators), got {arr.ndim} dims"
        )
    return arr


class Normaliser:
    """Base class: ``fit_transform`` and a readable ``repr``."""

    def fit(self, X: ArrayLike, y: Any = None, sample_weight: ArrayLike | None = None) -> Self:
        """Learn per-column state from ``X`` (NaN ignored)."""
        raise NotImplementedError

    def transform(self, X: ArrayLike) -> Array:
        """Apply the learned state to ``X`` (NaN stays NaN)."""
        raise NotImplementedError

    def fit_transform(
        self, X: ArrayLike, y: Any = None, sample_weight: ArrayLike | None = None
    ) -> Array:
        """Fit to ``X`` and transform it.

        Parameters
        ----------
        X
            Values, shape ``(districts, indicators)``.
        y
            Ignored (scikit-learn convention).
        sample_weight
            Optional per-district weights (used by :class:`DistanceToReference`).

        Returns
        -------
        numpy.ndarray
            Normalised values, same shape as ``X``.
        """
        return self.fit(X, y, sample_weight=sample_weight).transform(X)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Return the keyword arguments the normaliser was created with."""
        return {k: v for k, v in vars(self).items() if not k.endswith("_")}

    def set_params(self, **params: Any) -> Self:
        """Set keyword arguments (scikit-learn convention); fitted state is kept."""
        for key, value in params.items():
            if key not in self.get_params():
                raise SpecificationError(f"{type(self).__name__} has no parameter {key!r}")
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"


class ZScore(Normaliser):
    """Standardise each column to mean 0 and (population) standard deviation 1.

    Attributes
    ----------
    mean_
        Column means of the fitted data.
    scale_
        Column standard deviations (``ddof=0``); 1 where a column is constant.
    """

    def fit(self, X: ArrayLike, y: Any = None, sample_weight: ArrayLike | None = None) -> Self:
        """Learn column means and standard deviations."""
        arr = _as_2d(X)
        with np.errstate(all="ignore"), _quiet():
            self.mean_ = np.nanmean(arr, axis=0)
            scale = np.nanstd(arr, axis=0)
        self.scale_ = np.where((scale > 0) & np.isfinite(scale), scale, 1.0)
        return self

    def transform(self, X: ArrayLike) -> Array:
        """Return ``(X - mean_) / scale_``."""
        return (_as_2d(X) - self.mean_) / self.scale_


class MinMax(Normaliser):
    """Rescale each column linearly so that its fitted range maps to ``feature_range``.

    Parameters
    ----------
    feature_range
        Target range, 0–100 by default.

    Attributes
    ----------
    data_min_, data_max_
        Column minima and maxima of the fitted data.
    """

    def __init__(self, *, feature_range: tuple[float, float] = (0.0, 100.0)) -> None:
        self.feature_range = feature_range

    def fit(self, X: ArrayLike, y: Any = None, sample_weight: ArrayLike | None = None) -> Self:
        """Learn column minima and maxima."""
        arr = _as_2d(X)
        with _quiet():
            self.data_min_ = np.nanmin(arr, axis=0)
            self.data_max_ = np.nanmax(arr, axis=0)
        return self

    def transform(self, X: ArrayLike) -> Array:
        """Map ``[data_min_, data_max_]`` linearly onto ``feature_range``."""
        low, high = self.feature_range
        span = self.data_max_ - self.data_min_
        # a constant column maps to the lower end, as in sklearn's MinMaxScaler
        span = np.where((span > 0) & np.isfinite(span), span, 1.0)
        return low + (_as_2d(X) - self.data_min_) / span * (high - low)


class PercentileRank(Normaliser):
    """Percentile rank 0–100 of each value among the fitted values of its column.

    The rank of a value is its average rank (ties share the mean rank, as
    ``scipy.stats.rankdata(method="average")``); the percentile is
    ``100 * (rank - 1) / (n - 1)``, so the lowest fitted value gets 0 and the
    highest 100. A new value is ranked by where it falls among the fitted values.

    Attributes
    ----------
    reference_
        List of the sorted, non-missing fitted values of each column.
    """

    def fit(self, X: ArrayLike, y: Any = None, sample_weight: ArrayLike | None = None) -> Self:
        """Store the sorted non-missing values of each column."""
        arr = _as_2d(X)
        self.reference_ = [np.sort(col[~np.isnan(col)]) for col in arr.T]
        return self

    def transform(self, X: ArrayLike) -> Array:
        """Return the percentile rank of each value among the fitted values."""
        arr = _as_2d(X)
        out = np.full(arr.shape, np.nan)
        for j, ref in enumerate(self.reference_):
            n = ref.size
            col = arr[:, j]
            ok = ~np.isnan(col)
            if n == 0:
                continue
            below = np.searchsorted(ref, col[ok], side="left")
            at_or_below = np.searchsorted(ref, col[ok], side="right")
            # average 1-based rank; a value between fitted values gets rank below + 0.5
            rank = (below + at_or_below + 1) / 2.0
            out[ok, j] = 100.0 * (rank - 1.0) / (n - 1.0) if n > 1 else 50.0
        return out


class DistanceToReference(Normaliser):
    """Distance to the German value, in standard deviations of the districts.

    ``(x - reference_) / scale_``. The German value (``reference_``) is the
    population-weighted mean of the district values when ``sample_weight``
    (population) is passed to :meth:`fit` — for rates and per-inhabitant values
    this is the national value (e.g. the national unemployment rate is the
    labour-force-weighted mean; population is used as the common weight) — and the
    median of the districts otherwise (``reference="median"`` forces the median).
    ``scale_`` is the unweighted standard deviation of the districts, so values
    read "so many district standard deviations above the German value".

    Parameters
    ----------
    reference
        ``"weighted_mean"`` (default; median if no weights are given) or ``"median"``.

    Attributes
    ----------
    reference_
        The German value of each column.
    scale_
        Column standard deviations (``ddof=0``); 1 where a column is constant.
    """

    def __init__(self, *, reference: str = "weighted_mean") -> None:
        self.reference = reference

    def fit(self, X: ArrayLike, y: Any = None, sample_weight: ArrayLike | None = None) -> Self:
        """Learn the German value and scale of each column."""
        if self.reference not in ("weighted_mean", "median"):
            raise SpecificationError(
                f"reference must be 'weighted_mean' or 'median', got {self.reference!r}"
            )
        arr = _as_2d(X)
        with np.errstate(all="ignore"), _quiet():
            if self.reference == "weighted_mean" and sample_weight is not None:
                w = np.asarray(sample_weight, dtype=np.float64)[:, None] * ~np.isnan(arr)
                self.reference_ = np.nansum(arr * w, axis=0) / w.sum(axis=0)
            else:
                self.reference_ = np.nanmedian(arr, axis=0)
            scale = np.nanstd(arr, axis=0)
        self.scale_ = np.where((scale > 0) & np.isfinite(scale), scale, 1.0)
        return self

    def transform(self, X: ArrayLike) -> Array:
        """Return ``(X - reference_) / scale_``."""
        return (_as_2d(X) - self.reference_) / self.scale_


def make_normaliser(method: Normalisation) -> Normaliser:
    """Create a fresh, unfitted normaliser for ``method``.

    Parameters
    ----------
    method
        The normalisation method.

    Returns
    -------
    Normaliser
    """
    return _FACTORIES[Normalisation(method)]()


_FACTORIES: dict[Normalisation, type[Normaliser]] = {
    Normalisation.ZSCORE: ZScore,
    Normalisation.MINMAX: MinMax,
    Normalisation.PERCENTILE: PercentileRank,
    Normalisation.DISTANCE: DistanceToReference,
}


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence numpy's all-NaN-slice RuntimeWarnings (all-missing columns stay NaN)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield
