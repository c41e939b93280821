"""Coverage simplification on a tiny synthetic coverage (made-up squares, not real districts)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from geodata.topology import coverage_gaps, coverage_overlaps, simplify_coverage


def _jagged_pair() -> gpd.GeoDataFrame:
    """Two 10 km squares whose shared edge zigzags with 20 m teeth every 50 m."""
    ys = np.arange(0, 10_001, 50.0)
    xs = 10_000 + np.where(np.arange(len(ys)) % 2 == 0, 0.0, 20.0)
    edge = list(zip(xs, ys, strict=True))
    left = Polygon([(0, 0), *edge, (0, 10_000)])
    right = Polygon([*edge, (20_000, 10_000), (20_000, 0)][::-1])
    return gpd.GeoDataFrame({"ags": ["A", "B"]}, geometry=[left, right], crs="EPSG:25832")


def test_simplification_keeps_the_shared_edge_shared():
    original = _jagged_pair()
    simplified = simplify_coverage(original, tolerance_m=100, decimals=None)
    assert simplified.is_valid.all()
    before = shapely.get_num_coordinates(original.geometry.values).sum()
    after = shapely.get_num_coordinates(simplified.geometry.values).sum()
    assert after < before / 10
    union_before = shapely.union_all(original.geometry.values).area
    union_after = shapely.union_all(simplified.geometry.values).area
    assert union_after == pytest.approx(union_before, rel=1e-3)
    assert coverage_overlaps(simplified)["area_km2"].sum() < 1e-6
    assert coverage_gaps(simplified).sum() < 1e-6
    # each part keeps its area within the teeth's share
    assert simplified.area.to_numpy() == pytest.approx(original.area.to_numpy(), rel=1e-3)


def test_output_keeps_the_input_crs_and_rounds_degrees():
    gdf = _jagged_pair().to_crs(4326)
    out = simplify_coverage(gdf, tolerance_m=100, decimals=6)
    assert out.crs == gdf.crs
    coords = shapely.get_coordinates(out.geometry.values)
    assert np.allclose(coords, np.round(coords, 6), atol=1e-12)
    assert out.is_valid.all()
    assert list(out["ags"]) == ["A", "B"]


def test_overlaps_and_gaps_are_measured():
    # synthetic: B overlaps A by 1 km²; C leaves a 1 km² hole inside the ring they form
    a = box(0, 0, 2000, 3000)
    b = box(1000, 0, 4000, 1000)  # overlaps a by 1000 × 1000 m
    c = box(2000, 1000, 4000, 3000).difference(box(2000, 1000, 3000, 2000))
    gdf = gpd.GeoDataFrame({"ags": ["A", "B", "C"]}, geometry=[a, b, c], crs="EPSG:25832")
    overlaps = coverage_overlaps(gdf)
    assert overlaps.iloc[0][["left", "right"]].tolist() == ["A", "B"]
    assert overlaps.iloc[0]["area_km2"] == pytest.approx(1.0)
    assert len(overlaps) == 1
    assert coverage_gaps(gdf).tolist() == [pytest.approx(1.0)]


def test_bad_arguments():
    gdf = _jagged_pair()
    with pytest.raises(ValueError, match="tolerance"):
        simplify_coverage(gdf, tolerance_m=-1)
    with pytest.raises(ValueError, match="CRS"):
        simplify_coverage(gdf.set_crs(None, allow_override=True))
