"""Reading, writing and locating atlas GeoPackages.

An atlas file is one GeoPackage with four layers: ``districts`` (polygons) and the
attribute tables ``indicators``, ``catalogue`` and ``build``. Writing goes to a
temporary file in the target folder that is renamed at the end, so a reader never
sees a half-written atlas.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
import pyogrio

from geodata import settings
from geodata.atlas.model import (
    BUILD_COLUMNS,
    CATALOGUE_COLUMNS,
    DISTRICT_COLUMNS,
    INDICATOR_COLUMNS,
    Atlas,
    AtlasKind,
)
from geodata.atomic import atomic_file
from geodata.errors import MissingHeaderError, ReaderError

__all__ = [
    "ATLAS_ENV",
    "embedded_atlas_path",
    "full_atlas_path",
    "load_atlas",
    "read_atlas",
    "resolve_atlas_path",
    "write_atlas",
]

#: Environment variable naming an atlas file that takes precedence over the defaults.
ATLAS_ENV = settings.ATLAS_ENV

LAYERS = ("districts", "indicators", "catalogue", "build")
_COLUMNS = {
    "districts": DISTRICT_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "catalogue": CATALOGUE_COLUMNS,
    "build": BUILD_COLUMNS,
}


def embedded_atlas_path() -> Path:
    """Path of the atlas shipped inside the package (``geodata/data/atlas.gpkg``)."""
    return Path(str(resources.files("geodata").joinpath("data", "atlas.gpkg")))


def full_atlas_path() -> Path:
    """Where ``potentials atlas build --user`` puts a user-built atlas (user data folder)."""
    return settings.user_atlas_path()


def resolve_atlas_path(
    path: str | os.PathLike[str] | None = None,
    *,
    kind: Literal["auto", "embedded", "full"] = "auto",
) -> Path:
    """Choose the atlas file to open; a user-built atlas is only ever chosen explicitly.

    Parameters
    ----------
    path
        Explicit file; wins over everything else.
    kind
        ``"auto"``: the file named by ``$POTENTIALS_ATLAS``, else the one recorded by
        ``potentials atlas use``, else the shipped atlas. ``"embedded"`` asks for the
        shipped atlas, ``"full"`` for the user-built one in the user data folder.

    Returns
    -------
    pathlib.Path
        The file to read.

    Raises
    ------
    FileNotFoundError
        If the chosen file does not exist (the message says how to build it).
    """
    if path is not None:
        chosen = Path(path)
    elif kind == "embedded":
        chosen = embedded_atlas_path()
    elif kind == "full":
        chosen = full_atlas_path()
    else:
        chosen = settings.atlas_override() or settings.chosen_atlas() or embedded_atlas_path()
    if not chosen.exists():
        hint = (
            " – build it with `potentials atlas build --user`"
            if chosen == full_atlas_path()
            else " – build it with `potentials atlas build --out FILE`, or go back to the "
            "shipped atlas with `potentials atlas use --shipped`"
        )
        raise FileNotFoundError(f"atlas file {chosen} does not exist{hint}")
    return chosen


def load_atlas(
    path: str | os.PathLike[str] | None = None,
    *,
    kind: Literal["auto", "embedded", "full"] = "auto",
) -> Atlas:
    """Open the atlas the product should use (see :func:`resolve_atlas_path`).

    Parameters
    ----------
    path
        Explicit atlas file.
    kind
        ``"auto"``, ``"embedded"`` or ``"full"``.

    Returns
    -------
    Atlas
        The atlas read from the chosen file.
    """
    return read_atlas(resolve_atlas_path(path, kind=kind))


def read_atlas(path: str | os.PathLike[str]) -> Atlas:
    """Read an atlas GeoPackage.

    Parameters
    ----------
    path
        File written by :func:`write_atlas`.

    Returns
    -------
    Atlas
        Districts sorted by key; indicators sorted by key and code.

    Raises
    ------
    MissingHeaderError
        If a layer or a column is absent.
    ReaderError
        If the file is not a readable GeoPackage.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    try:
        present = {str(name) for name, _ in pyogrio.list_layers(path)}
    except pyogrio.errors.DataSourceError as error:
        raise ReaderError(path, f"not a readable GeoPackage ({error})") from None
    for layer in LAYERS:
        if layer not in present:
            raise MissingHeaderError(path, f"atlas layer {layer!r} is absent")
    frames: dict[str, pd.DataFrame] = {}
    for layer in LAYERS:
        frame = pyogrio.read_dataframe(path, layer=layer)
        missing = [c for c in _COLUMNS[layer] if c not in frame.columns]
        if missing:
            raise MissingHeaderError(path, f"layer {layer!r} lacks column(s) {', '.join(missing)}")
        frames[layer] = frame[list(_COLUMNS[layer])]
    districts = gpd.GeoDataFrame(frames["districts"], geometry="geometry")
    districts = districts.sort_values("ags", ignore_index=True)
    indicators = frames["indicators"].astype({"year": "int64", "value": "float64"})
    indicators = indicators.sort_values(["ags", "indicator"], ignore_index=True)
    catalogue = frames["catalogue"].astype({"year": "int64", "proxy_rho": "float64"})
    catalogue["is_proxy"] = catalogue["is_proxy"].astype(bool)
    proxy_for = catalogue["proxy_for"].astype(object)
    catalogue["proxy_for"] = proxy_for.where(proxy_for.notna() & (proxy_for != ""), None)
    for column in ("caveats_de", "caveats_en", "known_gaps"):
        catalogue[column] = catalogue[column].fillna("").astype(str)
    build = frames["build"].astype(str)
    record = dict(zip(build["item"], build["value"], strict=True))
    kind: AtlasKind = "full" if record.get("kind") == "full" else "embedded"
    return Atlas(
        districts=districts,
        indicators=indicators,
        catalogue=catalogue,
        build=build,
        kind=kind,
        path=str(path),
    )


def write_atlas(atlas: Atlas, path: str | os.PathLike[str]) -> Path:
    """Write an atlas GeoPackage atomically (temporary file in the same folder, then rename).

    Parameters
    ----------
    atlas
        The atlas to store.
    path
        Target file; its folder is created if needed; an existing file is replaced.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    with atomic_file(path) as temporary:  # stale temporaries of killed builds go too
        districts = atlas.districts[list(DISTRICT_COLUMNS)]
        pyogrio.write_dataframe(
            districts, temporary, layer="districts", driver="GPKG", promote_to_multi=True
        )
        tables = {
            "indicators": atlas.indicators[list(INDICATOR_COLUMNS)],
            "catalogue": atlas.catalogue[list(CATALOGUE_COLUMNS)],
            "build": atlas.build[list(BUILD_COLUMNS)].astype(str),
        }
        for layer, table in tables.items():
            pyogrio.write_dataframe(
                pd.DataFrame(table).reset_index(drop=True), temporary, layer=layer, driver="GPKG"
            )
    return path
