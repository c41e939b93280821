"""Districts with a similar profile: nearest neighbours in normalised indicator space.

Peers are found with scikit-learn's :class:`~sklearn.neighbors.NearestNeighbors`
(Euclidean distance) on the normalised indicator values, which share one scale and
point in the favourable direction. A missing value is set to the indicator's median
so that a gap neither attracts nor repels.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sklearn.neighbors import NearestNeighbors

from potentials.errors import PotentialsError

__all__ = ["Neighbour", "similar_districts"]


@dataclass(frozen=True)
class Neighbour:
    """A district similar to the one asked about.

    Attributes
    ----------
    ags
        The similar district.
    distance
        Euclidean distance in normalised indicator space.
    shared
        Indicators on which the two are closest (smallest absolute difference first).
    differs
        Indicators on which they differ most, with the neighbour's value minus the
        district's (largest absolute difference first).
    """

    ags: str
    distance: float
    shared: tuple[str, ...]
    differs: tuple[tuple[str, float], ...]


def similar_districts(
    normalised: pd.DataFrame,
    ags: str,
    *,
    k: int = 5,
    groups: pd.Series | None = None,
    explain: int = 3,
) -> list[Neighbour]:
    """Return the ``k`` districts nearest to ``ags`` in normalised indicator space.

    Parameters
    ----------
    normalised
        Normalised indicator values, district (AGS index) × indicator.
    ags
        The district to find peers for.
    k
        Number of peers.
    groups
        Optional group label per district (e.g. the settlement type): peers are then
        taken from the district's own group only.
    explain
        How many indicators to name as shared and as different.

    Returns
    -------
    list of Neighbour
        Nearest first; fewer than ``k`` if the group is smaller.

    Raises
    ------
    PotentialsError
        If ``ags`` is not a row of ``normalised``.
    """
    if ags not in normalised.index:
        raise PotentialsError(f"district {ags!r} is not in the normalised values")
    values = normalised.astype(float)
    values = values.fillna(values.median()).fillna(0.0)
    candidates = values
    if groups is not None:
        group = groups.get(ags)
        candidates = values[groups.reindex(values.index) == group]
    candidates = candidates.drop(index=ags)
    n = min(int(k), len(candidates))
    if n <= 0:
        return []
    model = NearestNeighbors(n_neighbors=n).fit(candidates.to_numpy())
    target = values.loc[[ags]].to_numpy()
    distances, positions = model.kneighbors(target)
    out: list[Neighbour] = []
    for distance, position in zip(distances[0], positions[0], strict=True):
        other = candidates.index[position]
        diff = candidates.iloc[position] - values.loc[ags]
        order = diff.abs().sort_values(kind="stable")
        shared = tuple(str(c) for c in order.index[:explain])
        largest = order.index[::-1][:explain]
        differs = tuple((str(c), round(float(diff[c]), 3)) for c in largest)
        out.append(Neighbour(str(other), round(float(distance), 4), shared, differs))
    return out
