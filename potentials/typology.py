"""Rural/urban typology of the districts and comparison statistics by type.

Two typologies are computed from the atlas, both describing a district's
settlement structure (never its people):

* :func:`settlement_types` approximates the BBSR *siedlungsstrukturelle
  Kreistypen* from kind, population and density.
* :func:`rurality_index` approximates the Thünen rurality index (Küpper 2016) as the
  first principal component of standardised structure variables, and
  :func:`rural_types` crosses rurality with socio-economic position into the
  Thünen-style types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

__all__ = [
    "NON_RURAL",
    "RURAL_TYPES",
    "RURAL_TYPE_EN",
    "SETTLEMENT_TYPES",
    "SETTLEMENT_TYPE_EN",
    "SettlementThresholds",
    "compare_by_type",
    "population_potential",
    "rural_types",
    "rurality_index",
    "settlement_types",
]

#: Mean Earth radius (WGS84 mean radius R1), km.
EARTH_RADIUS_KM = 6371.0088

SETTLEMENT_TYPES = (
    "kreisfreie Großstadt",
    "städtischer Kreis",
    "ländlicher Kreis mit Verdichtungsansätzen",
    "dünn besiedelter ländlicher Kreis",
)
SETTLEMENT_TYPE_EN = dict(
    zip(
        SETTLEMENT_TYPES,
        (
            "large independent city",
            "urban district",
            "rural district with densification",
            "sparsely populated rural district",
        ),
        strict=True,
    )
)

NON_RURAL = "nicht ländlich"
RURAL_TYPES = (
    "sehr ländlich / gute sozioökonomische Lage",
    "sehr ländlich / weniger gute sozioökonomische Lage",
    "eher ländlich / gute sozioökonomische Lage",
    "eher ländlich / weniger gute sozioökonomische Lage",
    NON_RURAL,
)
RURAL_TYPE_EN = dict(
    zip(
        RURAL_TYPES,
        (
            "very rural / good socio-economic position",
            "very rural / less good socio-economic position",
            "rather rural / good socio-economic position",
            "rather rural / less good socio-economic position",
            "non-rural",
        ),
        strict=True,
    )
)


#: How the settlement type is approximated (recorded in the result metadata).
SETTLEMENT_TYPE_METHOD = (
    "BBSR types approximated: kreisfreie Stadt >= 100,000 inh. -> kreisfreie Großstadt, "
    "smaller kreisfreie Stadt -> städtischer Kreis; other districts by density: >= 150 inh/km² "
    "städtisch, 100-150 Verdichtungsansätze, < 100 dünn besiedelt (no town-share criterion)"
)
#: How the rural types are formed (recorded in the result metadata).
RURAL_TYPE_METHOD = (
    "rural if rurality > median of all districts; sehr/eher ländlich split at the median of the "
    "rural districts; gute/weniger gute sozioökonomische Lage split at the rural districts' median "
    "of the mean labour and prosperity domain scores"
)


@dataclass(frozen=True)
class SettlementThresholds:
    """Thresholds of the settlement-type approximation.

    Attributes
    ----------
    city_population
        Minimum population of a kreisfreie Stadt to count as Großstadt (BBSR: 100,000).
    urban_density
        Minimum density (inh/km²) of a Landkreis to count as städtisch (BBSR: 150).
    densifying_density
        Minimum density of a Landkreis with Verdichtungsansätzen (BBSR: 100).
    """

    city_population: float = 100_000
    urban_density: float = 150.0
    densifying_density: float = 100.0


def is_independent_city(kind: object) -> bool:
    """Whether an atlas ``kind`` label denotes a kreisfreie Stadt (Stadtkreis)."""
    text = str(kind).strip().lower()
    if "landkreis" in text or text in {"kreis", "district", "rural district"}:
        return False
    return "kreisfrei" in text or "stadtkreis" in text or text in {"city", "urban", "stadt"}


def settlement_types(
    districts: pd.DataFrame, *, thresholds: SettlementThresholds | None = None
) -> pd.Series:
    """Approximate BBSR settlement-structure type of each district.

    The BBSR types combine the population share living in large and medium-sized
    towns with density. The atlas holds neither town sizes nor the share, so:

    * kreisfreie Stadt with population >= 100,000 → *kreisfreie Großstadt*;
    * kreisfreie Stadt below 100,000 → *städtischer Kreis* (BBSR merges these);
    * other districts by density: >= 150 inh/km² → *städtischer Kreis*,
      100–150 → *ländlicher Kreis mit Verdichtungsansätzen*,
      < 100 → *dünn besiedelter ländlicher Kreis* (BBSR's density thresholds, without
      its town-share criterion).

    Without the town-share criterion, densely settled Landkreise without larger
    towns count as *städtisch*, so this approximation assigns more districts to
    *städtischer Kreis* than the BBSR's own classification (on the embedded atlas:
    68 / 178 / 89 / 65 districts in the four types).

    Parameters
    ----------
    districts
        Table with ``kind``, ``population`` and ``area_km2``.
    thresholds
        Thresholds to use (defaults as above).

    Returns
    -------
    pandas.Series
        German type labels (see :data:`SETTLEMENT_TYPES`), same index as ``districts``.
    """
    t = thresholds or SettlementThresholds()
    population = pd.to_numeric(districts["population"], errors="coerce").to_numpy(float)
    area = pd.to_numeric(districts["area_km2"], errors="coerce").to_numpy(float)
    with np.errstate(all="ignore"):
        density = population / area
    city = np.array([is_independent_city(k) for k in districts["kind"]], dtype=bool)
    by_density = np.where(
        density >= t.urban_density,
        SETTLEMENT_TYPES[1],
        np.where(density >= t.densifying_density, SETTLEMENT_TYPES[2], SETTLEMENT_TYPES[3]),
    )
    by_size = np.where(population >= t.city_population, SETTLEMENT_TYPES[0], SETTLEMENT_TYPES[1])
    labels = np.where(city, by_size, by_density)
    return pd.Series(labels, index=districts.index, name="settlement_type", dtype=object)


def population_potential(
    geometry: object, population: np.ndarray, *, decay_km: float = 50.0 / 3.0
) -> np.ndarray:
    """Sum the population within reach of each district centroid, with distance decay.

    ``potential_i = sum_j population_j * exp(-d_ij / decay_km)`` over all districts
    (the district itself at distance 0), with ``d_ij`` the great-circle distance
    between the districts' centroids (computed in longitude/latitude, which is
    precise to well under a kilometre at district scale). The default decay of 50/3 km gives a
    population 50 km away about 5 % of the weight of the district's own.

    Parameters
    ----------
    geometry
        District geometries in EPSG:4326 (GeoSeries or array of shapely geometries).
    population
        Population of each district.
    decay_km
        Decay length in kilometres.

    Returns
    -------
    numpy.ndarray
        Population potential per district.
    """
    geoms = np.asarray(getattr(geometry, "values", geometry), dtype=object)
    centroids = shapely.centroid(geoms)
    lon = np.radians(shapely.get_x(centroids))
    lat = np.radians(shapely.get_y(centroids))
    # great-circle distance from the chord between unit vectors (one matrix product)
    xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    chord = np.sqrt(np.clip(2.0 - 2.0 * (xyz @ xyz.T), 0.0, 4.0))
    d_km = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0))
    pop = np.nan_to_num(np.asarray(population, dtype=np.float64))
    return np.exp(-d_km / decay_km) @ pop


def rurality_index(
    districts: pd.DataFrame, indicators: pd.DataFrame, *, potential: np.ndarray | None = None
) -> tuple[pd.Series, dict[str, str]]:
    """Rurality index after Küpper (2016): first principal component, higher = more rural.

    Variables (each standardised; missing values replaced by the median):

    * settlement density, inverted: ``-log(population / area_km2)``;
    * share of farm and forest land ``fl_landw + fl_wald`` (full atlas only; the
      embedded atlas has no proxy, so the variable is dropped and reported);
    * share of one/two-family houses among residential buildings
      ``share_efh_buildings`` (INKAR); proxy: ``household_size``;
    * population potential (:func:`population_potential`), inverted (``-log``);
    * distance to the next long-distance rail station ``access_ld_station_km`` as
      proxy for the accessibility of larger centres.

    The component is signed so that it correlates positively with inverse density.

    Parameters
    ----------
    districts
        Table with ``population``, ``area_km2`` and ``geometry``.
    indicators
        District × indicator table (same index as ``districts``).
    potential
        Precomputed population potential (otherwise computed from the geometry).

    Returns
    -------
    index, variables
        The rurality index and ``{variable: what was used}`` for the metadata.
    """
    population = pd.to_numeric(districts["population"], errors="coerce").to_numpy(float)
    area = pd.to_numeric(districts["area_km2"], errors="coerce").to_numpy(float)
    with np.errstate(all="ignore"):
        columns: dict[str, np.ndarray] = {"inverse_density": -np.log(population / area)}
    used = {"inverse_density": "-log(population / area_km2)"}
    if {"fl_landw", "fl_wald"} <= set(indicators.columns):
        columns["farm_forest_share"] = (indicators["fl_landw"] + indicators["fl_wald"]).to_numpy(
            float
        )
        used["farm_forest_share"] = "fl_landw + fl_wald"
    else:
        used["farm_forest_share"] = "dropped: not in this atlas (no proxy)"
    for code, label in (
        ("share_efh_buildings", "share_efh_buildings"),
        ("household_size", "household_size (proxy)"),
    ):
        if code in indicators.columns:
            columns["detached_housing"] = indicators[code].to_numpy(float)
            used["detached_housing"] = label
            break
    else:
        used["detached_housing"] = (
            "dropped: neither share_efh_buildings nor household_size in atlas"
        )
    if potential is None and "geometry" in districts:
        potential = population_potential(districts["geometry"], population)
    if potential is not None:
        with np.errstate(all="ignore"):
            columns["inverse_population_potential"] = -np.log(potential)
        used["inverse_population_potential"] = "-log(population potential, decay 50/3 km)"
    if "access_ld_station_km" in indicators.columns:
        columns["centre_distance"] = indicators["access_ld_station_km"].to_numpy(float)
        used["centre_distance"] = "access_ld_station_km (proxy for access to larger centres)"
    X = np.column_stack(list(columns.values()))
    X = np.where(np.isfinite(X), X, np.nan)
    medians = np.nanmedian(X, axis=0)
    X = np.where(np.isnan(X), np.nan_to_num(medians)[None, :], X)
    from sklearn.decomposition import PCA  # deferred: slow to import
    from sklearn.preprocessing import StandardScaler

    Z = StandardScaler().fit_transform(X)
    score = PCA(n_components=1).fit_transform(Z)[:, 0]
    if np.corrcoef(score, Z[:, 0])[0, 1] < 0:
        score = -score
    used["explained_variance_pc1"] = (
        f"{PCA(n_components=1).fit(Z).explained_variance_ratio_[0]:.3f}"
    )
    return pd.Series(score, index=districts.index, name="rurality"), used


def rural_types(rurality: pd.Series, socioeconomic: pd.Series) -> pd.Series:
    """Thünen-style rural types from rurality and socio-economic position.

    * *rural* if rurality is above the median of all districts (otherwise
      *nicht ländlich*); among rural districts, *sehr ländlich* above their median
      rurality, *eher ländlich* otherwise (after Küpper 2016, with median thresholds);
    * *gute sozioökonomische Lage* if the socio-economic measure is at or above the
      median of the rural districts, *weniger gute* below. A rural district without a
      socio-economic value (e.g. flagged for low coverage) gets no type (None).

    Parameters
    ----------
    rurality
        Rurality index (higher = more rural).
    socioeconomic
        Socio-economic position (higher = better), same index.

    Returns
    -------
    pandas.Series
        German labels (see :data:`RURAL_TYPES`); English in :data:`RURAL_TYPE_EN`.
    """
    r = rurality.to_numpy(float)
    s = socioeconomic.reindex(rurality.index).to_numpy(float)
    rural = r > np.nanmedian(r)
    very = rural & (r > np.nanmedian(r[rural])) if rural.any() else rural
    good_cut = np.nanmedian(s[rural]) if np.isfinite(s[rural]).any() else np.nan
    good = s >= good_cut
    out = np.full(r.shape, None, dtype=object)
    out[~rural] = NON_RURAL
    out[very & good] = RURAL_TYPES[0]
    out[very & ~good] = RURAL_TYPES[1]
    out[rural & ~very & good] = RURAL_TYPES[2]
    out[rural & ~very & ~good] = RURAL_TYPES[3]
    out[rural & np.isnan(s)] = None
    return pd.Series(out, index=rurality.index, name="rural_type", dtype=object)


def compare_by_type(result: object, *, by: str = "settlement_type") -> pd.DataFrame:
    """Summary statistics of the composite and every domain score by type.

    Parameters
    ----------
    result
        A :class:`~potentials.pipeline.Result` (or a ``scores`` DataFrame).
    by
        ``"settlement_type"`` or ``"rural_type"`` (any categorical column of the scores).

    Returns
    -------
    pandas.DataFrame
        One row per type and score with columns ``<by>``, ``score``, ``n`` (districts
        with a value), ``mean``, ``median``, ``q25``, ``q75``; types in their
        canonical order.
    """
    scores = result.scores if hasattr(result, "scores") else result
    assert isinstance(scores, pd.DataFrame)
    if by not in scores.columns:
        raise KeyError(f"scores have no column {by!r}; use 'settlement_type' or 'rural_type'")
    value_columns = ["composite", *[c for c in scores.columns if c.startswith("domain_")]]
    long = scores[[by, *value_columns]].melt(id_vars=by, var_name="score").dropna(subset=[by])
    grouped = long.groupby([by, "score"], sort=False)["value"]
    table = pd.DataFrame(
        {
            "n": grouped.count(),
            "mean": grouped.mean(),
            "median": grouped.median(),
            "q25": grouped.quantile(0.25),
            "q75": grouped.quantile(0.75),
        }
    ).reset_index()
    order: Mapping[str, int] = {t: k for k, t in enumerate((*SETTLEMENT_TYPES, *RURAL_TYPES))}
    score_order = {s: k for k, s in enumerate(value_columns)}
    table["_t"] = table[by].map(order).fillna(len(order))
    table["_s"] = table["score"].map(score_order)
    return table.sort_values(["_t", "_s"]).drop(columns=["_t", "_s"]).reset_index(drop=True)
