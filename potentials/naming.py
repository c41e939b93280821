"""Unique, readable district names.

Fourteen Bavarian names belong to both a kreisfreie Stadt and the Landkreis around
it (Bamberg, Augsburg, Würzburg …). Wherever a name must identify one district – a
list, a legend, an export, a command-line summary – the duplicates carry their kind:
"Bamberg (kreisfreie Stadt)" and "Bamberg (Landkreis)". A bare name that is the
stem of another district's name is qualified too: the Landkreis "München" becomes
"München (Landkreis)" beside "München, Landeshauptstadt". Other names stay as they
are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

__all__ = ["KIND_LABELS", "kind_label", "unique_names"]

Language = Literal["de", "en"]

#: Qualifier per district kind (as in the atlas ``kind`` column), by language.
KIND_LABELS: dict[str, dict[Language, str]] = {
    "Kreisfreie Stadt": {"de": "kreisfreie Stadt", "en": "independent city"},
    "Stadtkreis": {"de": "Stadtkreis", "en": "independent city"},
    "Landkreis": {"de": "Landkreis", "en": "rural district"},
    "Kreis": {"de": "Kreis", "en": "rural district"},
    "Regionalverband": {"de": "Regionalverband", "en": "regional association"},
}


def kind_label(kind: str, lang: Language = "de") -> str:
    """Return the qualifier of a district kind, e.g. ``"kreisfreie Stadt"``.

    Parameters
    ----------
    kind
        The atlas ``kind`` value (``"Kreisfreie Stadt"``, ``"Landkreis"`` …).
    lang
        ``"de"`` or ``"en"``.

    Returns
    -------
    str
        The qualifier; an unknown kind is returned unchanged.
    """
    return KIND_LABELS.get(kind, {}).get(lang, kind)


def unique_names(
    names: Iterable[str],
    kinds: Iterable[str],
    ags: Sequence[str] | None = None,
    *,
    lang: Language = "de",
) -> list[str]:
    """Make district names unique and unambiguous by adding the kind where needed.

    A name gets its kind when it occurs more than once, or when it is bare (no
    ``", …"`` suffix) and equals the stem of another name (``"München"`` beside
    ``"München, Landeshauptstadt"``).

    Parameters
    ----------
    names
        District names, e.g. the atlas ``name`` column.
    kinds
        District kinds in the same order (``"Kreisfreie Stadt"``, ``"Landkreis"`` …).
    ags
        District keys in the same order; used as a last resort when a name and kind
        pair still occurs twice (``"Musterstadt (Landkreis, 09999)"``).
    lang
        Language of the qualifier: ``"de"`` or ``"en"``.

    Returns
    -------
    list of str
        One name per district, unique whenever ``ags`` is given.

    Examples
    --------
    >>> unique_names(["Bamberg", "Bamberg", "Kiel"], ["Kreisfreie Stadt", "Landkreis",
    ...     "Kreisfreie Stadt"])
    ['Bamberg (kreisfreie Stadt)', 'Bamberg (Landkreis)', 'Kiel']
    >>> unique_names(["München, Landeshauptstadt", "München"], ["Kreisfreie Stadt",
    ...     "Landkreis"])
    ['München, Landeshauptstadt', 'München (Landkreis)']
    """
    names = [str(n) for n in names]
    kinds = [str(k) for k in kinds]
    if len(kinds) != len(names) or (ags is not None and len(ags) != len(names)):
        raise ValueError("names, kinds and ags must have the same length")
    name_count = Counter(names)
    stem_count = Counter(name.split(",")[0].strip() for name in names)
    pair_count = Counter(zip(names, kinds, strict=True))
    out = []
    for i, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        if name_count[name] == 1 and ("," in name or stem_count[name] == 1):
            out.append(name)
            continue
        qualifier = kind_label(kind, lang)
        if pair_count[(name, kind)] > 1 and ags is not None:
            qualifier = f"{qualifier}, {ags[i]}"
        out.append(f"{name} ({qualifier})")
    return out
