"""ARIA attributes for Dash components, which take them only as ``**kwargs``."""

from __future__ import annotations

from typing import Any


def aria(**attributes: str) -> dict[str, Any]:
    """Return ``aria-*`` keyword arguments: ``aria(label="Karte")`` → ``{"aria-label": …}``.

    Parameters
    ----------
    **attributes
        Attribute names without the ``aria-`` prefix (``labelledby``, ``live``, …).
    """
    return {f"aria-{name}": value for name, value in attributes.items()}
