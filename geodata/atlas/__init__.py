"""The district atlas: model, build, storage and summary."""

from geodata.atlas.build import build_atlas, build_embedded_atlas, default_raw_dir
from geodata.atlas.info import atlas_info, format_info
from geodata.atlas.model import Atlas
from geodata.atlas.store import (
    embedded_atlas_path,
    full_atlas_path,
    load_atlas,
    read_atlas,
    resolve_atlas_path,
    write_atlas,
)

__all__ = [
    "Atlas",
    "atlas_info",
    "build_atlas",
    "build_embedded_atlas",
    "default_raw_dir",
    "embedded_atlas_path",
    "format_info",
    "full_atlas_path",
    "load_atlas",
    "read_atlas",
    "resolve_atlas_path",
    "write_atlas",
]
