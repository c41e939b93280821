#!/bin/sh
# Build assets/plotly-atlas.min.js: plotly.js with only the trace types the dashboard
# draws (choropleth, scattergeo for Länder borders and the selected outline, bar, box;
# scatter is in the core), about a third of the full
# bundle. dcc.Graph uses window.Plotly when a page already has it, so Dash then does
# not fetch its own plotly.min.js. Rebuild after a plotly upgrade (the version must be
# the one the plotly Python package ships: tests/app/test_plotly_bundle.py checks it).
# Needs node and npm (npm registry only); run from the repository root:
#   sh scripts/build_plotly_bundle.sh
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(cd "$root" && sh scripts/uv run python -c "import plotly.offline as o; print(o.get_plotlyjs_version())")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm install --no-audit --no-fund --silent "plotly.js@$version" esbuild@0.25 >/dev/null
cat > entry.js <<'JS'
var Plotly = require("plotly.js/lib/core");
Plotly.register([
    require("plotly.js/lib/choropleth"),
    require("plotly.js/lib/bar"),
    require("plotly.js/lib/box"),
    require("plotly.js/lib/scattergeo"),
]);
window.Plotly = Plotly;
JS
npx esbuild entry.js --bundle --minify --format=iife --target=es2018 \
    --define:global=window --legal-comments=eof --outfile=bundle.js --log-level=warning
{
    echo "/* plotly.js v$version (MIT licence, Copyright 2012-2026 Plotly, Inc.), partial bundle:"
    echo "   core (scatter), choropleth, scattergeo, bar, box. Built by scripts/build_plotly_bundle.sh. */"
    cat bundle.js
} > "$root/assets/plotly-atlas.min.js"
echo "wrote assets/plotly-atlas.min.js (plotly.js $version)"
