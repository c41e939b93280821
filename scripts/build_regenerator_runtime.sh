#!/bin/sh
# Write assets/regenerator-runtime.js: the one part of @babel/polyfill the dashboard's
# browsers need. Dash's lazily loaded components call the global regeneratorRuntime;
# everything else in @babel/polyfill (core-js 2) is native in current browsers, and
# core-js 2 replaces some natives it wrongly finds broken (String.prototype.trim),
# which costs about 0.3 s of a cold load. The app leaves Dash's polyfill out
# (layouts/app_factory.py). Needs node and npm (npm registry only); run from the
# repository root:
#   sh scripts/build_regenerator_runtime.sh
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
version=0.14.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "regenerator-runtime@$version" >/dev/null
tar xzf "regenerator-runtime-$version.tgz"
{
    echo "/* regenerator-runtime v$version (MIT licence, Copyright 2014-present, Facebook, Inc.)."
    echo "   Written by scripts/build_regenerator_runtime.sh. */"
    cat package/runtime.js
} > "$root/assets/regenerator-runtime.js"
echo "wrote assets/regenerator-runtime.js (regenerator-runtime $version)"
