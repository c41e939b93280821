"""Rurality after Küpper (2016), recomputed with the atlas' data.

Küpper, P. (2016): *Abgrenzung und Typisierung ländlicher Räume*. Thünen Working Paper 68.
The method, followed here step by step (deviations are recorded in :attr:`Typology.notes`):

1. **Kreisregionen** (:mod:`potentials.typology.kreisregionen`): kreisfreie Städte below
   100,000 inhabitants merged with the Landkreis around them.
2. **Ländlichkeit**: first principal component over the Kreisregionen of five variables
   (:data:`RURALITY_VARIABLES`), standardised to mean 0 / SD 1, higher = more rural.
3. **Sozioökonomische Lage**: first principal component of the nine published variables
   (:data:`SOCIOECONOMIC_VARIABLES`; those not in the atlas are dropped and named),
   higher = better.
4. **Types** (:func:`potentials.typology.types.rural_types`): rural where Ländlichkeit
   > −0.2; sehr/eher ländlich and gute/weniger gute Lage among the rural Kreisregionen.

Each Kreisregion's values go to all its member districts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from potentials.typology.index import ComponentIndex, first_component
from potentials.typology.kreisregionen import (
    METRIC_CRS,
    MIN_CITY_POPULATION,
    describe_pairs,
    kreisregion_pairs,
    kreisregionen,
)
from potentials.typology.potential import population_potential
from potentials.typology.types import RuralThresholds, rural_types

__all__ = [
    "RURALITY_VARIABLES",
    "SOCIOECONOMIC_VARIABLES",
    "Source",
    "Typology",
    "Variable",
    "kuepper_typology",
]

LOG = "log"
NONE = "none"


@dataclass(frozen=True)
class Source:
    """One way to obtain a variable from the atlas.

    Attributes
    ----------
    codes
        Atlas indicator codes it needs (all must be present).
    weight
        How district values combine into a Kreisregion: ``"population"`` or ``"area"``
        weighted mean.
    proxy
        Whether this source stands in for the published variable.
    note
        What it is (written to the metadata).
    """

    codes: tuple[str, ...]
    weight: str
    note: str
    proxy: bool = False


@dataclass(frozen=True)
class Variable:
    """A variable of one of Küpper's indices.

    Attributes
    ----------
    name
        Short name (metadata key).
    published
        The variable as Küpper (2016) defines it.
    sign
        +1 if higher values mean more rural (rurality) or a better position
        (socio-economic index), -1 otherwise.
    transform
        ``"log"`` or ``"none"``, applied to the Kreisregion value before standardising.
    reason
        Why that transform.
    sources
        Ways to get it from the atlas, in order of preference.
    """

    name: str
    published: str
    sign: int
    transform: str
    reason: str
    sources: tuple[Source, ...] = ()


_SHARE = "a bounded share (%) with no long tail: used as is"
_RATE = "a rate or amount per head within a narrow range: used as is, as published"

#: The five variables of the Ländlichkeit index.
RURALITY_VARIABLES: tuple[Variable, ...] = (
    Variable(
        "settlement_density",
        "inhabitants per km² of settlement and traffic area",
        -1,
        LOG,
        "spans more than a factor of ten and is right-skewed; the log makes a doubling count "
        "the same in cities and in the countryside, so a few cities do not dominate the PCA",
        (
            Source(
                ("fl_suv",),
                "special",
                "population / (area_km2 × fl_suv / 100), summed over the Kreisregion",
            ),
            Source(
                (),
                "special",
                "population / area_km2 (proxy: the atlas has no settlement and traffic area)",
                proxy=True,
            ),
        ),
    ),
    Variable(
        "farm_forest_share",
        "share of agricultural and forest land in the total area",
        +1,
        NONE,
        _SHARE,
        (Source(("fl_landw", "fl_wald"), "area", "fl_landw + fl_wald, area-weighted"),),
    ),
    Variable(
        "detached_houses",
        "share of one- and two-family houses among residential buildings",
        +1,
        NONE,
        _SHARE,
        tuple(
            Source(
                (code,),
                "population",
                "INKAR 'Ein- und Zweifamilienhäuser' (residential buildings with 1-2 dwellings, "
                "% of residential buildings), population-weighted (no building counts)",
            )
            for code in ("share_efh_buildings", "inkar_ein_und_zweifamilienhaeuser")
        ),
    ),
    Variable(
        "population_potential",
        "population within 50 km, weighted down linearly with straight-line distance",
        -1,
        LOG,
        "right-skewed (from a few hundred thousand to several million) and multiplicative; "
        "the log keeps the metropolitan cores from dominating the PCA",
        (
            Source(
                (),
                "special",
                "district populations spread uniformly over their area on a 2-km grid "
                "(EPSG:3035), weights 1 - d/50 km, population-weighted mean over the "
                "Kreisregion's cells; no population outside Germany",
                proxy=True,
            ),
        ),
    ),
    Variable(
        "centre_access",
        "accessibility of large centres (Küpper: road-distance-weighted population of the "
        "five nearest Oberzentren)",
        +1,
        LOG,
        "travel times and distances are right-skewed (islands, remote valleys) and their "
        "effect diminishes: 5 → 10 minutes matter more than 35 → 40",
        (
            Source(
                ("p_ozmz_miv",),
                "area",
                "car travel time to the nearest Ober- or Mittelzentrum (Deutschlandatlas, mean "
                "over municipal associations), area-weighted (proxy: Küpper weights the "
                "population of the five nearest Oberzentren by road distance; this is the "
                "nearest centre of either level)",
                proxy=True,
            ),
            Source(
                ("access_ld_station_km",),
                "area",
                "mean straight-line distance to the nearest long-distance (IC/ICE) rail "
                "station, area-weighted (proxy: long-distance stations stand for the large "
                "centres; the data hold no travel time to Oberzentren)",
                proxy=True,
            ),
        ),
    ),
)

#: The nine variables of the socio-economic index.
SOCIOECONOMIC_VARIABLES: tuple[Variable, ...] = (
    Variable(
        "unemployment",
        "unemployment rate",
        -1,
        NONE,
        _RATE,
        (Source(("alq",), "population", "alq (Deutschlandatlas), population-weighted"),),
    ),
    Variable(
        "wages",
        "wages",
        +1,
        NONE,
        _RATE,
        (
            *(
                Source(
                    (code,),
                    "population",
                    "INKAR median monthly wage of full-time employees at the place of work",
                )
                for code in ("median_wage_ft", "inkar_medianeinkommen")
            ),
            Source(
                ("compensation_per_employee",),
                "population",
                "compensation per employee (VGR der Länder; includes employers' social "
                "contributions)",
                proxy=True,
            ),
        ),
    ),
    Variable(
        "income",
        "income",
        +1,
        NONE,
        _RATE,
        (
            Source(
                ("hh_veink",),
                "population",
                "disposable household income per inhabitant (Deutschlandatlas)",
            ),
            Source(
                ("income_pc",),
                "population",
                "disposable household income per inhabitant (Regionalstatistik 82411)",
            ),
        ),
    ),
    Variable(
        "tax_capacity",
        "municipal tax capacity",
        +1,
        NONE,
        _RATE,
        (
            Source(
                ("st_einnkr",),
                "population",
                "st_einnkr (Deutschlandatlas municipal tax capacity, aggregated to "
                "districts as the atlas does), population-weighted",
            ),
        ),
    ),
    Variable(
        "young_migration",
        "net migration of young people",
        +1,
        NONE,
        _RATE,
        (
            Source(
                ("net_migration",),
                "population",
                "net migration of all ages per 10,000 inhabitants (proxy: no age-specific "
                "migration in the data)",
                proxy=True,
            ),
        ),
    ),
    Variable(
        "housing_vacancy",
        "housing vacancy",
        -1,
        NONE,
        _RATE,
        (Source(("wohn_leer",), "population", "wohn_leer (Deutschlandatlas)"),),
    ),
    Variable("life_expectancy_men", "life expectancy of men", +1, NONE, _RATE),
    Variable("life_expectancy_women", "life expectancy of women", +1, NONE, _RATE),
    Variable(
        "school_dropouts",
        "school leavers without qualification",
        -1,
        NONE,
        _RATE,
        (
            Source(("schule_oabschl",), "population", "schule_oabschl (Deutschlandatlas)"),
            Source(
                ("school_no_qualification",),
                "population",
                "school leavers without Hauptschulabschluss (Regionalstatistik AI-N-06)",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Typology:
    """Küpper's typology for one atlas.

    Attributes
    ----------
    districts
        Per district (index ``ags``): ``kreisregion``, ``rurality``, ``socioeconomic``,
        ``rural_type``.
    regions
        Per Kreisregion (index: code): ``population``, ``area_km2``, ``members``, the
        untransformed variables, ``rurality``, ``socioeconomic``, ``rural_type``.
    rurality
        The Ländlichkeit component (loadings, explained variance).
    socioeconomic
        The socio-economic component (None with fewer than two variables).
    notes
        ``{key: text}`` describing data, transforms, loadings and deviations.
    """

    districts: pd.DataFrame
    regions: pd.DataFrame
    rurality: ComponentIndex
    socioeconomic: ComponentIndex | None
    notes: dict[str, str] = field(default_factory=dict)


def _weighted_mean(values: pd.Series, weights: pd.Series, groups: pd.Series) -> pd.Series:
    name = str(values.name)
    ok = values.notna() & weights.notna()
    num = (values.where(ok, 0.0) * weights.where(ok, 0.0)).groupby(groups).sum()
    den = weights.where(ok, 0.0).groupby(groups).sum()
    return (num / den.where(den > 0)).rename(name)


def _available(var: Variable, columns: set[str]) -> Source | None:
    for source in var.sources:
        if set(source.codes) <= columns:
            return source
    return None


def _region_values(
    var: Variable,
    source: Source,
    wide: pd.DataFrame,
    base: pd.DataFrame,
    potential: pd.Series | None,
) -> pd.Series:
    groups = base["kreisregion"]
    population, area = base["population"], base["area_km2"]
    if var.name == "settlement_density":
        if source.codes:
            settled = area * wide["fl_suv"] / 100.0
        else:
            settled = area
        return population.groupby(groups).sum() / settled.groupby(groups).sum()
    if var.name == "population_potential":
        assert potential is not None
        return potential
    values = wide[list(source.codes)].sum(axis=1, min_count=len(source.codes))
    weights = area if source.weight == "area" else population
    return _weighted_mean(values.rename(var.name), weights, groups)


def _index_table(
    variables: tuple[Variable, ...],
    wide: pd.DataFrame,
    base: pd.DataFrame,
    potential: pd.Series | None,
    prefix: str,
) -> tuple[pd.DataFrame, dict[str, int], dict[str, str], set[str]]:
    columns: dict[str, pd.Series] = {}
    used: set[str] = set()
    signs: dict[str, int] = {}
    notes: dict[str, str] = {}
    present = set(wide.columns)
    for var in variables:
        source = _available(var, present)
        if source is None:
            wanted = " or ".join(",".join(s.codes) for s in var.sources) or "none"
            notes[f"{prefix}.{var.name}"] = (
                f"dropped: {var.published} is not in this atlas (looked for: {wanted})"
            )
            continue
        columns[var.name] = _region_values(var, source, wide, base, potential)
        used.update(source.codes)
        signs[var.name] = var.sign
        transform = "log" if var.transform == LOG else "as is"
        notes[f"{prefix}.{var.name}"] = (
            f"{var.published}: {source.note}"
            + (f" [atlas: {', '.join(source.codes)}]" if source.codes else "")
            + f"; transform: {transform} ({var.reason})"
            + ("; PROXY" if source.proxy else "")
        )
    table = pd.DataFrame(columns)
    return table, signs, notes, used


def _transformed(table: pd.DataFrame, variables: tuple[Variable, ...]) -> pd.DataFrame:
    out = table.copy()
    for var in variables:
        if var.name in out and var.transform == LOG:
            col = out[var.name].astype(float)
            out[var.name] = np.log(col.where(col > 0))
    return out


def _describe(index: ComponentIndex) -> dict[str, str]:
    notes = {"explained_variance": f"{index.explained_variance:.3f}"}
    for name, value in index.loadings.items():
        notes[f"loading.{name}"] = f"{value:+.3f}"
    imputed = index.imputed[index.imputed > 0]
    if not imputed.empty:
        notes["imputed"] = ", ".join(f"{k}: {v} by the median" for k, v in imputed.items())
    return notes


def kuepper_typology(
    districts: gpd.GeoDataFrame,
    wide: pd.DataFrame,
    *,
    thresholds: RuralThresholds | None = None,
    min_city_population: float = MIN_CITY_POPULATION,
    population_year: object = None,
    years: Mapping[str, object] | None = None,
) -> Typology:
    """Compute Kreisregionen, both indices and the five types.

    Parameters
    ----------
    districts
        Districts indexed by ``ags`` with ``name``, ``kind``, ``population``, ``area_km2``
        and a geometry with a CRS.
    wide
        District × indicator table of the atlas (same index).
    thresholds
        Where the types are cut (see :class:`RuralThresholds`).
    min_city_population
        Kreisfreie Städte below this population are merged into Kreisregionen.
    population_year
        Reference year of the population column (written to the notes).
    years
        Reference year of each atlas indicator (``{code: year}``, from the catalogue):
        the range of the years used is written to ``notes["data_years"]``.

    Returns
    -------
    Typology
    """
    thresholds = thresholds or RuralThresholds()
    wide = wide.reindex(districts.index)
    if districts.crs is not None:  # project once for boundaries and the potential
        districts = districts.to_crs(METRIC_CRS)
    pairs = kreisregion_pairs(districts, min_city_population=min_city_population)
    code = kreisregionen(districts, pairs=pairs)
    base = pd.DataFrame(
        {
            "kreisregion": code,
            "population": pd.to_numeric(districts["population"], errors="coerce"),
            "area_km2": pd.to_numeric(districts["area_km2"], errors="coerce"),
        },
        index=districts.index,
    )
    groups = base.groupby("kreisregion")
    regions = pd.DataFrame(
        {
            "population": groups["population"].sum(),
            "area_km2": groups["area_km2"].sum(),
            "members": base.index.to_series()
            .groupby(base["kreisregion"])
            .agg(lambda keys: " ".join(sorted(keys))),
        }
    )
    potential = population_potential(districts, units=code)

    r_table, r_signs, r_notes, r_used = _index_table(
        RURALITY_VARIABLES, wide, base, potential, "rurality"
    )
    rurality = first_component(_transformed(r_table, RURALITY_VARIABLES), r_signs)
    s_table, s_signs, s_notes, s_used = _index_table(
        SOCIOECONOMIC_VARIABLES, wide, base, None, "socioeconomic"
    )
    socio = (
        first_component(_transformed(s_table, SOCIOECONOMIC_VARIABLES), s_signs)
        if s_table.shape[1] >= 2
        else None
    )
    regions = regions.join(r_table).join(s_table)
    regions["rurality"] = rurality.score
    regions["socioeconomic"] = socio.score if socio is not None else np.nan
    regions["rural_type"] = rural_types(
        regions["rurality"], regions["socioeconomic"], thresholds=thresholds
    )
    per_district = regions.loc[code.to_numpy(), ["rurality", "socioeconomic", "rural_type"]]
    per_district.index = districts.index
    out = pd.concat([code, per_district], axis=1)

    year = f" (population {population_year})" if population_year is not None else ""
    names = districts["name"] if "name" in districts else None
    notes: dict[str, str] = {
        "method": "Küpper (2016), Thünen Working Paper 68, recomputed with the atlas' data",
        "kreisregion": (
            f"{len(regions)} Kreisregionen: kreisfreie Städte below {min_city_population:,.0f} "
            f"inhabitants{year} join the Landkreis with the longest common boundary"
        ),
        "kreisregion.pairs": "; ".join(describe_pairs(pairs, names)),
        "rurality": "first principal component over Kreisregionen (scikit-learn PCA of "
        "standardised variables), standardised to mean 0 / SD 1, higher = more rural",
        **r_notes,
        **{f"rurality.{k}": v for k, v in _describe(rurality).items()},
        "socioeconomic": "first principal component over Kreisregionen of the available "
        "published variables, standardised to mean 0 / SD 1, higher = better position",
        **s_notes,
        "rural_type": thresholds.describe(),
        "deviations": (
            "data years differ from Küpper's 2011-2015; population potential from district "
            "populations spread uniformly (no 1-km grid, no population abroad); accessibility "
            "of large centres by travel time to the nearest Ober-/Mittelzentrum (or distance to "
            "long-distance rail stations); variables not in the "
            "atlas dropped (see socioeconomic.*); Kreisregion variables aggregated with "
            "population or area weights"
        ),
    }
    if socio is not None:
        notes.update({f"socioeconomic.{k}": v for k, v in _describe(socio).items()})
    data_years = _year_range(r_used | s_used, years or {}, population_year)
    if data_years:
        notes["data_years"] = data_years
    counts = regions["rural_type"].value_counts()
    notes["rural_type.kreisregionen"] = ", ".join(f"{k}: {v}" for k, v in counts.items())
    return Typology(
        districts=out, regions=regions, rurality=rurality, socioeconomic=socio, notes=notes
    )


def _year_range(codes: set[str], years: Mapping[str, object], population_year: object) -> str:
    """``"2017–2024"``: the range of reference years of the data used."""
    found = [population_year, *(years.get(c) for c in codes)]
    numbers = sorted({int(y) for y in pd.to_numeric(pd.Series(found), errors="coerce").dropna()})
    if not numbers:
        return ""
    return str(numbers[0]) if numbers[0] == numbers[-1] else f"{numbers[0]}–{numbers[-1]}"


def type_shares(regions: pd.DataFrame) -> Mapping[str, float]:
    """Share of population and area in rural Kreisregionen (for the notes and the view)."""
    rural = regions["rural_type"].notna() & (regions["rural_type"] != "nicht ländlich")
    return {
        "population": float(regions.loc[rural, "population"].sum() / regions["population"].sum()),
        "area": float(regions.loc[rural, "area_km2"].sum() / regions["area_km2"].sum()),
    }
