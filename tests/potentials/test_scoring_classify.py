"""Class breaks via mapclassify and colour-blind-safe palettes."""

from __future__ import annotations

import mapclassify
import numpy as np
import pytest

from potentials import ClassMethod, Palette, classify, palette


def test_quantiles_match_mapclassify_and_nan_gets_minus_one():
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, np.nan])
    c = classify(y, method=ClassMethod.QUANTILES, k=5)
    np.testing.assert_allclose(c.breaks, mapclassify.Quantiles(y[:-1], k=5).bins)
    assert c.bins.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, -1]
    assert c.counts.tolist() == [2, 2, 2, 2, 2]
    assert c.labels[0] == "1.00 – 2.80"
    assert c.edges[0] == 1.0 and c.k == 5


@pytest.mark.parametrize(
    ("method", "reference"),
    [
        (ClassMethod.FISHER_JENKS, lambda y: mapclassify.FisherJenks(y, k=3)),
        (ClassMethod.EQUAL_INTERVAL, lambda y: mapclassify.EqualInterval(y, k=3)),
        (ClassMethod.STD_MEAN, lambda y: mapclassify.StdMean(y, multiples=[-2, -1, 1, 2])),
    ],
)
def test_other_methods_match_mapclassify(method, reference):
    y = np.array([1.0, 1.5, 2.0, 10.0, 11.0, 12.0, 30.0, 31.0, 29.0])
    c = classify(y, method=method, k=3)
    ref = reference(y)
    np.testing.assert_allclose(c.breaks, ref.bins)
    assert c.bins.tolist() == list(ref.yb)
    assert c.counts.sum() == len(y)


def test_classify_rejects_all_missing():
    with pytest.raises(ValueError, match="no finite values"):
        classify([np.nan, np.nan], k=3)


@pytest.mark.parametrize("name", list(Palette))
@pytest.mark.parametrize("k", [1, 3, 5, 9])
def test_palettes_are_hex_lists_of_length_k(name, k):
    colours = palette(name, k)
    assert len(colours) == k
    assert all(len(c) == 7 and c.startswith("#") for c in colours)
    int("".join(c[1:] for c in colours), 16)


def test_palette_endpoints_are_the_anchors():
    assert palette("viridis", 9)[0] == "#440154" and palette("viridis", 9)[-1] == "#fde725"
    assert palette("viridis", 2) == ["#440154", "#fde725"]
    assert palette(Palette.PUOR, 3)[1] == "#f7f7f7"
    assert palette("cividis", 4, reverse=True) == palette("cividis", 4)[::-1]
    with pytest.raises(ValueError, match="between 1 and 9"):
        palette("viridis", 10)
