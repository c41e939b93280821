"""Settings: the one module that reads the product's ``POTENTIALS_*`` environment variables.

``geodata``, ``potentials``, ``layouts``, ``app.py`` and the command line all ask
this module; nothing else reads ``os.environ`` for a setting.

=========================  ======================================================
``POTENTIALS_ATLAS``       atlas GeoPackage to open instead of the shipped one
``POTENTIALS_RAW_DIR``     folder of official raw files for ``potentials atlas build``
``POTENTIALS_MC_DRAWS``    Monte-Carlo draws of the dashboard's start-up analysis
``POTENTIALS_DEBUG``       ``1`` turns on Dash's debug mode
=========================  ======================================================

Which atlas is opened is always an explicit choice: the ``--atlas`` option or
``atlas=`` argument, else ``POTENTIALS_ATLAS``, else the file recorded by
``potentials atlas use FILE`` (in the user config folder), else the shipped atlas.
A user-built atlas lying in the user data folder is never picked up on its own.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = [
    "ATLAS_ENV",
    "DEBUG_ENV",
    "MC_DRAWS_ENV",
    "RAW_DIR_ENV",
    "atlas_choice_file",
    "atlas_override",
    "chosen_atlas",
    "debug",
    "mc_draws",
    "raw_dir",
    "server_address",
    "user_atlas_path",
]

ATLAS_ENV = "POTENTIALS_ATLAS"
RAW_DIR_ENV = "POTENTIALS_RAW_DIR"
MC_DRAWS_ENV = "POTENTIALS_MC_DRAWS"
DEBUG_ENV = "POTENTIALS_DEBUG"

APP_NAME = "potentials"


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def raw_dir() -> Path:
    """``$POTENTIALS_RAW_DIR``, else ``../shared/raw`` next to the repository."""
    configured = _env(RAW_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "shared" / "raw"


def atlas_override() -> Path | None:
    """Return the atlas named by ``$POTENTIALS_ATLAS``, if set."""
    configured = _env(ATLAS_ENV)
    return Path(configured) if configured else None


def user_atlas_path() -> Path:
    """Default target of ``potentials atlas build --user`` (the user data folder)."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "atlas.gpkg"


def atlas_choice_file() -> Path:
    """File in which ``potentials atlas use`` records the chosen atlas."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "atlas-choice.txt"


def chosen_atlas() -> Path | None:
    """Return the atlas recorded by ``potentials atlas use``, if any."""
    path = atlas_choice_file()
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8").strip()
    return Path(text) if text else None


def mc_draws(default: int) -> int:
    """``$POTENTIALS_MC_DRAWS`` as a positive integer, else ``default``.

    Raises
    ------
    ValueError
        If the variable is set but not a positive integer.
    """
    configured = _env(MC_DRAWS_ENV)
    if configured is None:
        return default
    try:
        draws = int(configured)
    except ValueError:
        draws = 0
    if draws <= 0:
        raise ValueError(f"{MC_DRAWS_ENV} must be a positive integer, got {configured!r}")
    return draws


def debug() -> bool:
    """Whether ``$POTENTIALS_DEBUG`` is ``1``."""
    return _env(DEBUG_ENV) == "1"


def server_address() -> tuple[str, int]:
    """``$HOST`` and ``$PORT`` of the development server, else ``127.0.0.1:8050``.

    Raises
    ------
    ValueError
        If ``$PORT`` is set but not a port number.
    """
    host = _env("HOST") or "127.0.0.1"
    configured = _env("PORT")
    port = int(configured) if configured and configured.isdigit() else 8050
    if configured and not (configured.isdigit() and 0 < port < 65536):
        raise ValueError(f"PORT must be a port number (1-65535), got {configured!r}")
    return host, port
