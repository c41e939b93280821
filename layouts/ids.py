"""Component ids of the dashboard, defined once and imported by layouts and callbacks.

Pattern-matching ids are built by the helper functions at the bottom.
"""

from __future__ import annotations

# Shell (always present)
URL = "url"
LANG = "lang-switch"
BODY = "body"
URL_WRITER = "url-writer"
URL_SINK = "url-sink"

# Stores of small user state (inside the body)
WEIGHTS = "weights-store"
#: Weights just set by the sliders; copied to :data:`WEIGHTS` once the map is painted.
SLIDER_WEIGHTS = "slider-weights"
CLASSES = "classes-store"
STATE = "state-store"

# Navigation
VIEW = "view-tabs"

# Map controls and map
MEASURE = "measure-select"
CLASS_METHOD = "class-method"
CLASS_K = "class-k"
PALETTE = "palette"
MAP = "map-graph"
MAP_WRAP = "map-wrap"
BANNER = "atlas-banner"
NOTICE = "page-notice"
MAP_MESSAGE = "map-message"
LEGEND = "map-legend"

# Weights panel
PRESET_EQUAL_DOMAINS = "preset-equal-domains"
PRESET_EQUAL_INDICATORS = "preset-equal-indicators"
PRESET_PCA = "preset-pca"
RESET = "weights-reset"
WEIGHTS_NOTE = "weights-note"

# Profile
DISTRICT = "district-search"
PROFILE = "profile-panel"

# Compare
COMPARE_SELECT = "compare-select"
COMPARE_MODE = "compare-mode"
COMPARE_CHART = "compare-chart"
COMPARE_TABLE = "compare-table"
COMPARE_RANKS = "compare-ranks"

# Rural vs urban
TYPE_BY = "type-by"
TYPE_MEASURE = "type-measure"
TYPE_BOX = "type-box"
TYPE_MEANS = "type-means"
TYPE_FILTER = "type-filter"
TYPE_MAP = "type-map"

# Uncertainty
UNC_RANKS = "uncertainty-ranks"
UNC_SENSITIVITY = "uncertainty-sensitivity"
UNC_HELP = "uncertainty-help"
UNC_NOTE = "uncertainty-note"
UNC_STORE = "uncertainty-store"

# Export
EXPORT_GPKG = "export-gpkg"
EXPORT_CSV = "export-csv"
EXPORT_CSV_EXCEL = "export-csv-excel"
DOWNLOAD = "download"

# Own indicators (uploads); the two stores live in the shell (session memory only)
USER = "user-store"
UPLOAD_PENDING = "upload-pending-store"
UPLOAD = "upload-input"
UPLOAD_STATUS = "upload-status"
UPLOAD_FORM = "upload-form"
UPLOAD_APPLY = "upload-apply"
UPLOAD_REMOVE = "upload-remove"
UPLOAD_ACTIVE = "upload-active"
WEIGHTS_PANEL = "weights-panel"
UPLOAD_DOMAIN = "upload-domain"
UPLOAD_DIRECTION = "upload-direction"
UPLOAD_WEIGHT = "upload-weight"

DOMAIN_WEIGHT = "domain-weight"
INDICATOR_WEIGHT = "indicator-weight"
DIRECTION = "indicator-direction"
#: The button that shows or hides a domain's indicator sliders, and their container.
INDICATOR_TOGGLE = "indicator-toggle"
INDICATOR_PANEL = "indicator-panel"
#: Indicator weights of the last preset (also those whose sliders are not shown).
PRESET_INDICATORS = "preset-indicators"


def domain_weight(code: str) -> dict[str, str]:
    """Pattern-matching id of the slider of one domain."""
    return {"type": DOMAIN_WEIGHT, "code": code}


def indicator_weight(code: str) -> dict[str, str]:
    """Pattern-matching id of the slider of one indicator."""
    return {"type": INDICATOR_WEIGHT, "code": code}


def indicator_toggle(domain: str) -> dict[str, str]:
    """Pattern-matching id of the button showing one domain's indicator sliders."""
    return {"type": INDICATOR_TOGGLE, "code": domain}


def indicator_panel(domain: str) -> dict[str, str]:
    """Pattern-matching id of the container of one domain's indicator sliders."""
    return {"type": INDICATOR_PANEL, "code": domain}


def direction(code: str) -> dict[str, str]:
    """Pattern-matching id of the favourable-direction choice of one indicator."""
    return {"type": DIRECTION, "code": code}


def upload_field(kind: str, column: int) -> dict[str, object]:
    """Pattern-matching id of one field of the form of an uploaded column (by position)."""
    return {"type": kind, "col": column}


# Ranking, search, print links, similar districts (issue 12)
RANK_GRID = "ranking-grid"
RANK_STATE = "ranking-filter-state"
RANK_TYPE = "ranking-filter-type"
RANK_RURAL = "ranking-filter-rural"
RANK_COUNT = "ranking-count"
PRINT_LINKS = "print-links"
PROFILE_LINKS = "profile-links"
SIMILAR = "similar-panel"
SIMILAR_SAME_TYPE = "similar-same-type"
UNC_GROUPS = "uncertainty-groups"
SIDEBAR_TOGGLE = "sidebar-toggle"
