"""Errors the product raises on purpose share one root and the built-in callers expect."""

from __future__ import annotations

import pytest

from geodata.errors import ArgumentError, MissingFileError, PotentialsError
from geodata.readers.boundaries import read_vg250
from potentials.classify import classify
from potentials.errors import ClassificationError, UnknownCodeError
from potentials.framework import load_framework


def test_missing_file_names_the_file_and_where_to_get_it(tmp_path):
    missing = tmp_path / "vg250.gpkg"
    with pytest.raises(MissingFileError) as info:
        read_vg250(missing)
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, PotentialsError)
    assert str(missing) in str(info.value) and "PROVENANCE.md" in str(info.value)


def test_unknown_framework_lists_the_bundled_ones():
    with pytest.raises(MissingFileError) as info:
        load_framework("no-such-framework")
    assert "thuenen2016" in str(info.value)


def test_unknown_domain_is_a_key_error_that_names_the_domains():
    framework = load_framework("thuenen2016")
    with pytest.raises(UnknownCodeError) as info:
        framework.domain("nope")
    assert isinstance(info.value, KeyError)
    assert "labour" in str(info.value) and not str(info.value).startswith('"')


def test_classification_errors_are_value_errors():
    with pytest.raises(ClassificationError) as info:
        classify([float("nan")] * 3, k=3)
    assert isinstance(info.value, ValueError)
    assert issubclass(ArgumentError, ValueError)


@pytest.mark.parametrize(
    ("encoding", "bom", "named"),
    [("utf-16", True, "UTF-16 (little-endian, with byte-order mark)"),
     ("utf-16-le", False, "UTF-16 (little-endian, without byte-order mark)")],
)  # fmt: skip
def test_utf16_official_file_is_reported_with_its_encoding(tmp_path, encoding, bom, named):
    from geodata.errors import EncodingError
    from geodata.readers.genesis import read_genesis

    path = tmp_path / "12411-01-01-4.csv"
    path.write_bytes("GENESIS-Tabelle: 12411-01-01-4\n01001;Flensburg;90164\n".encode(encoding))
    with pytest.raises(EncodingError) as info:
        read_genesis(path)
    assert named in str(info.value) and "looks binary" not in str(info.value)
