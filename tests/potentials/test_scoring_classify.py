"""Class breaks via mapclassify and colour-blind-safe palettes."""

from __future__ import annotations

import mapclassify
import numpy as np
import pytest

from potentials import ClassificationError, ClassMethod, Palette, classify, palette
from potentials.classify import check_k, std_multiples


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
        (ClassMethod.STD_MEAN, lambda y: mapclassify.StdMean(y, multiples=[-1, 1])),
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


@pytest.mark.parametrize("k", [0, 1, 10, 12, 2.5, "5", True])
@pytest.mark.parametrize("method", list(ClassMethod))
def test_class_counts_outside_two_to_nine_are_rejected_before_any_work(method, k):
    with pytest.raises(ClassificationError, match=r"classes"):
        check_k(method, k)
    with pytest.raises(ClassificationError):
        classify([1.0, 2.0, 3.0], method=method, k=k)


def test_unknown_method_is_named():
    with pytest.raises(ClassificationError, match="unknown classification method 'jenks'"):
        check_k("jenks", 5)


@pytest.mark.parametrize("k", range(2, 10))
def test_std_mean_honours_k_on_wide_data(k):
    y = np.random.default_rng(3).laplace(size=4000)  # tails beyond mean ± 4 sd
    c = classify(y, method=ClassMethod.STD_MEAN, k=k)
    assert c.k == k and c.shortfall is None
    assert c.counts.min() > 0
    sd, mean = y.std(ddof=1), y.mean()  # mapclassify: sample standard deviation
    inner = [b for b in c.breaks[:-1]]
    np.testing.assert_allclose(inner, [mean + m * sd for m in std_multiples(k)])
    assert c.breaks[-1] == y.max() and c.lower == y.min()


def test_std_mean_drops_empty_classes_beyond_the_data_and_says_so():
    # one low outlier-free, skewed sample: mean - 2 sd lies below the minimum
    y = np.array([1.99, 2.0, 2.1, 2.2, 2.3, 2.5, 3.0, 4.0, 6.0, 9.0, 12.0])
    c = classify(y, method="std_mean", k=5)
    assert c.k < 5 and c.shortfall == "outside_data"
    assert c.counts.min() > 0 and c.counts.sum() == y.size
    assert c.lower == 1.99 and c.edges[1] >= 1.99
    assert c.breaks[-1] == 12.0


def test_ties_give_fewer_quantile_classes_and_say_so():
    y = np.array([1.0] * 7 + [2.0, 3.0, 4.0] + [5.0] * 8)
    c = classify(y, method="quantiles", k=5)
    assert c.k < 5 and c.requested == 5 and c.shortfall == "ties"
    assert c.counts.min() > 0 and c.counts.sum() == y.size
    few = classify([1.0, 1.0, 2.0], method="fisher_jenks", k=4)
    assert few.k == 2 and few.shortfall == "few_values"


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
