"""Helpers to inspect Dash component trees without a browser."""

from __future__ import annotations

from typing import Any

from loadclient import find_callback, request_body


def component_ids(tree: Any) -> list[Any]:
    """Every ``id`` in a Dash component tree (depth first)."""
    out: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "_prop_names"):
            return
        node_id = getattr(node, "id", None)
        if node_id is not None:
            out.append(node_id)
        for prop in ("children",):
            walk(getattr(node, prop, None))
        # dcc.Tab content and other component-valued props
        for name in getattr(node, "_prop_names", []):
            if name == "children":
                continue
            value = getattr(node, name, None)
            if hasattr(value, "_prop_names") or (
                isinstance(value, list) and value and hasattr(value[0], "_prop_names")
            ):
                walk(value)

    walk(tree)
    return out


def find(tree: Any, component_id: Any) -> Any:
    """The component with ``component_id`` in ``tree`` (``None`` if absent)."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        if found:
            return
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "_prop_names"):
            return
        if getattr(node, "id", None) == component_id:
            found.append(node)
            return
        for name in node._prop_names:
            value = getattr(node, name, None)
            if hasattr(value, "_prop_names") or isinstance(value, list | tuple):
                walk(value)

    walk(tree)
    return found[0] if found else None


def texts(tree: Any) -> list[str]:
    """All string children and string labels in a component tree."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            out.append(node)
            return
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "_prop_names"):
            return
        for name in node._prop_names:
            value = getattr(node, name, None)
            if name in ("label", "placeholder", "title") and isinstance(value, str):
                out.append(value)
            elif name == "options" and isinstance(value, list):
                out.extend(str(o.get("label")) for o in value if isinstance(o, dict))
            elif hasattr(value, "_prop_names") or isinstance(value, list | tuple):
                walk(value)
            elif name == "children" and isinstance(value, str):
                out.append(value)

    walk(tree)
    return out


def callback_request(client: Any, output_prop: str, values: dict[str, Any]) -> dict[str, Any]:
    """A ``/_dash-update-component`` body for the callback writing ``output_prop``.

    ``values`` maps ``"id.property"`` to the value the browser would send (the first
    key is the changed one); the callback is looked up in ``/_dash-dependencies`` so the
    body matches what the renderer posts.
    """
    deps = client.get("/_dash-dependencies").get_json()
    return request_body(find_callback(deps, output_prop), values, [next(iter(values))])
