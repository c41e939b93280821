"""The dashboard's one data-access layer: load the atlas once, hand out read-only views.

Callbacks never read files. At start-up :func:`get` loads the atlas (or the one given
to :func:`configure`, e.g. a test fixture), resolves the framework, prepares the
simplified map geometry and runs the engine once for the framework's default
weights (with the Monte-Carlo rank intervals every run carries). Everything held
here is immutable after start-up; user choices travel in the request, never in
this module.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

import potentials
from geodata import settings
from layouts.engine import LIVE_MC_DRAWS, Scorer, WeightSetting, default_weights
from layouts.geometry import bounds, simplified_geometry, to_geojson
from layouts.labels import year_span
from potentials import Framework, Result

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas

FRAMEWORK = "thuenen2016"
#: Monte-Carlo evaluations of every run for a weight setting (env ``POTENTIALS_MC_DRAWS``).
DEFAULT_MC_DRAWS = LIVE_MC_DRAWS


@dataclass(frozen=True)
class AppData:
    """Everything the dashboard shows, prepared once.

    Attributes
    ----------
    atlas
        The atlas (:class:`geodata.atlas.model.Atlas`).
    framework
        The scoring framework resolved against the atlas.
    scorer
        Memoising engine runner for user weights (each result with its own intervals).
    baseline
        Engine result for the framework's weights, with rank intervals.
    mc_draws
        Monte-Carlo evaluations requested per weight setting.
    geojson
        Simplified district geometry (feature ``id`` = AGS), read-only by convention.
    ags
        District AGS codes in map order.
    names
        District names by AGS.
    bounds
        Longitude/latitude bounds of Germany.
    catalogue
        Indicator catalogue indexed by code.
    years
        Year of each indicator value, AGS × indicator.
    score_years
        Year span of the framework's indicators (shown for scores).
    """

    atlas: Atlas
    framework: Framework
    scorer: Scorer
    baseline: Result
    mc_draws: int
    geojson: MappingProxyType
    ags: tuple[str, ...]
    names: pd.Series
    bounds: tuple[float, float, float, float]
    catalogue: pd.DataFrame
    years: pd.DataFrame
    score_years: str

    @property
    def default_weights(self) -> WeightSetting:
        """The framework's weights (a fresh copy)."""
        return default_weights(self.framework)

    @property
    def atlas_kind(self) -> str:
        """``embedded``, ``full`` or another kind named by the atlas."""
        return str(getattr(self.atlas, "kind", "embedded"))

    def result(self, weights: Any = None) -> Result:
        """Engine result with rank intervals for user weights (memoised).

        Raises
        ------
        potentials.WeightError
            If the weights cannot be scored.
        """
        return self.scorer.result(weights)


_lock = threading.Lock()
_configured: dict[str, Any] = {}


def configure(atlas: Any = None, *, path: str | None = None, mc_draws: int | None = None) -> None:
    """Choose the atlas before the first :func:`get` (tests, alternative atlas files).

    Parameters
    ----------
    atlas
        An :class:`~geodata.atlas.model.Atlas` already in memory.
    path
        Path of an atlas GeoPackage (used when ``atlas`` is None).
    mc_draws
        Monte-Carlo draws of the start-up analysis.
    """
    with _lock:
        _configured.clear()
        _configured.update({"atlas": atlas, "path": path, "mc_draws": mc_draws})
        _built.clear()


def _load_atlas(path: str | None) -> Atlas:
    from geodata.atlas import load_atlas

    return load_atlas(path)


def build(atlas: Atlas, *, mc_draws: int = DEFAULT_MC_DRAWS) -> AppData:
    """Prepare the dashboard data for ``atlas`` (pure; used by :func:`get`).

    Parameters
    ----------
    atlas
        The atlas to show.
    mc_draws
        Monte-Carlo evaluations of every run for a weight setting.

    Returns
    -------
    AppData
    """
    framework = potentials.load_framework(FRAMEWORK, atlas=atlas)
    scorer = Scorer(atlas, framework, mc_draws=mc_draws)
    baseline = scorer.result(None)
    districts: gpd.GeoDataFrame = atlas.districts.reset_index(drop=True)
    order = [a for a in districts["ags"] if a in baseline.scores.index]
    districts = districts.set_index("ags").loc[order]
    geometry = simplified_geometry(districts)
    geojson = to_geojson(list(order), geometry)
    catalogue = atlas.catalogue.drop_duplicates("code").set_index("code")
    years = atlas.indicators.pivot(index="ags", columns="indicator", values="year").reindex(order)
    return AppData(
        atlas=atlas,
        framework=framework,
        scorer=scorer,
        baseline=baseline,
        mc_draws=mc_draws,
        geojson=MappingProxyType(geojson),
        ags=tuple(order),
        names=districts["name"].astype(str),
        bounds=bounds(geometry),
        catalogue=catalogue,
        years=years,
        score_years=year_span(years.reindex(columns=list(framework.codes))),
    )


_built: dict[str, AppData] = {}


def get() -> AppData:
    """Return the app's data, loaded and prepared on first use (thread-safe, once)."""
    ready = _built.get("data")
    if ready is not None:
        return ready
    with _lock:
        ready = _built.get("data")
        if ready is not None:
            return ready
        atlas = _configured.get("atlas")
        # None: geodata's explicit choice ($POTENTIALS_ATLAS, `atlas use`, else shipped)
        path = _configured.get("path")
        draws = _configured.get("mc_draws")
        if draws is None:
            draws = settings.mc_draws(DEFAULT_MC_DRAWS)
        if atlas is None:
            atlas = _load_atlas(path)
        ready = build(atlas, mc_draws=draws)
        _built["data"] = ready
        return ready
