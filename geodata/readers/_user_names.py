"""Matching district names typed by people against the atlas names.

Names are compared after normalising case, whitespace, punctuation and umlauts
(``ü`` = ``ue``) and after removing descriptors such as ``", Stadt"``,
``", Landeshauptstadt"``, ``"Landkreis "``, ``"Kreis "`` or ``"(Stadt)"``. Those
descriptors also tell *which kind* of district is meant, which separates the city
from the Landkreis of the same name. A name also matches an atlas name that only
adds a qualifier (``"Offenbach"`` → ``"Offenbach am Main"``), so ``"Offenbach"`` is
reported as ambiguous rather than silently taken to be the Landkreis.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Hint = Literal["city", "county"]

_CITY_WORDS = (
    "kreisfreie stadt",
    "stadtkreis",
    "landeshauptstadt",
    "hansestadt",
    "universitaetsstadt",
    "wissenschaftsstadt",
    "stadt",
    "sk",
    "ks",
    "krfr st",
    "krfr stadt",
    "city",
)
_COUNTY_WORDS = (
    "landkreis",
    "kreis",
    "lk",
    "lkr",
    "kr",
    "krs",
    "land",
    "district",
    "county",
)
_NEUTRAL_PREFIXES = ("staedteregion", "regionalverband", "region")
_QUALIFIER = re.compile(r"^(.+?) (am|an der|an|in der|im|in|i|a|ad|a d|ob der|bei|b) .+$")
_AGGREGATES = frozenset(
    {"deutschland", "bundesgebiet", "insgesamt", "gesamt", "summe", "total", "germany", "dg"}
)


def fold(text: str) -> str:
    """Lower-case ASCII form: umlauts spelled out, punctuation turned into spaces."""
    lowered = text.casefold().replace("ß", "ss")
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        lowered = lowered.replace(umlaut, spelled)
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def _strip_words(text: str, words: tuple[str, ...], *, prefix: bool) -> tuple[str, bool]:
    for word in words:
        if prefix and text.startswith(word + " "):
            return text[len(word) + 1 :], True
        if not prefix and text.endswith(" " + word):
            return text[: -len(word) - 1], True
    return text, False


def split_name(name: str) -> tuple[str, Hint | None]:
    """Return the normalised base of a district name and the kind its wording implies.

    Examples
    --------
    >>> split_name("München, Landeshauptstadt")
    ('muenchen', 'city')
    >>> split_name("Landkreis Offenbach")
    ('offenbach', 'county')
    >>> split_name("Frankfurt (Oder)")
    ('frankfurt oder', None)
    """
    hint: Hint | None = None
    text = name.strip()
    descriptor = ""
    if "," in text:
        text, descriptor = text.split(",", 1)
    paren = re.search(r"\(([^)]*)\)\s*$", text)
    if paren and fold(paren.group(1)) in _CITY_WORDS + _COUNTY_WORDS:
        descriptor = f"{descriptor} {paren.group(1)}"
        text = text[: paren.start()]
    folded_descriptor = fold(descriptor)
    if folded_descriptor:
        hint = "city" if "stadt" in folded_descriptor else "county"
    base = fold(text)
    for _ in range(2):
        base, city = _strip_words(base, _CITY_WORDS, prefix=True)
        if not city:
            base, city = _strip_words(base, _CITY_WORDS, prefix=False)
        if city:
            hint = "city"
            continue
        base, county = _strip_words(base, _COUNTY_WORDS, prefix=True)
        if not county:
            base, county = _strip_words(base, _COUNTY_WORDS, prefix=False)
        if county:
            hint = "county"
            continue
        base, _ = _strip_words(base, _NEUTRAL_PREFIXES, prefix=True)
        break
    return base, hint


def kind_hint(kind: object) -> Hint | None:
    """City or county from an atlas ``kind`` value such as ``"Kreisfreie Stadt"``."""
    folded = fold(str(kind)) if isinstance(kind, str) else ""
    if "stadt" in folded:
        return "city"
    if "kreis" in folded or "region" in folded or "verband" in folded:
        return "county"
    return None


def is_aggregate(name: str) -> bool:
    """Whether ``name`` denotes Germany or a total rather than a district."""
    return fold(name) in _AGGREGATES


@dataclass(frozen=True)
class NameIndex:
    """Atlas districts looked up by normalised name."""

    by_base: dict[str, tuple[tuple[str, Hint | None], ...]]
    by_short: dict[str, tuple[tuple[str, Hint | None], ...]]
    hints: dict[str, Hint | None]

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, object]]) -> NameIndex:
        """Index ``(ags, name, kind)`` rows of the atlas districts."""
        by_base: dict[str, list[tuple[str, Hint | None]]] = defaultdict(list)
        by_short: dict[str, list[tuple[str, Hint | None]]] = defaultdict(list)
        for ags, name, kind in rows:
            base, hint = split_name(str(name))
            hint = hint or kind_hint(kind)
            by_base[base].append((ags, hint))
            shorts = set()
            qualified = _QUALIFIER.match(base)
            if qualified:
                shorts.add(qualified.group(1))
            paren = re.match(r"^([^(,]+?)\s*\(", str(name))
            if paren:
                shorts.add(fold(paren.group(1)))
            for short in shorts - {base}:
                by_short[short].append((ags, hint))
        return cls(
            {k: tuple(v) for k, v in by_base.items()},
            {k: tuple(v) for k, v in by_short.items()},
            {ags: hint for entries in by_base.values() for ags, hint in entries},
        )

    def lookup(self, name: str) -> list[str]:
        """Keys of every atlas district ``name`` may denote (empty: none, >1: ambiguous)."""
        base, hint = split_name(name)
        found = list(self.by_base.get(base, ())) + list(self.by_short.get(base, ()))
        if not found:
            # "Landkreis Rostock" is called "Rostock" in the atlas, and vice versa.
            return []
        if hint is not None:
            same_kind = [(a, h) for a, h in found if h in (hint, None)]
            if same_kind:
                found = same_kind
        return sorted(dict.fromkeys(a for a, _ in found))
