#!/usr/bin/env bash
# Front-end libraries for the report and the web UI: installed from the npm registry at the
# exact versions of package-lock.json, then copied (with their licences) into the package at
# src/factions/web/static/vendor/, from where the report inlines them and the server serves
# them. Nothing is fetched at run time. Idempotent; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=src/factions/web/static/vendor
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-frontend: npm not found; install Node.js (Debian: apt-get install -y nodejs npm)" >&2
  exit 2
fi
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$VENDOR"
copy() { # copy SRC DEST
  install -m 0644 "node_modules/$1" "$VENDOR/$2"
}
copy cytoscape/dist/cytoscape.min.js cytoscape.min.js
copy cytoscape/LICENSE cytoscape.LICENSE
copy layout-base/layout-base.js layout-base.js
copy layout-base/LICENSE layout-base.LICENSE
copy cose-base/cose-base.js cose-base.js
copy cose-base/LICENSE cose-base.LICENSE
copy cytoscape-fcose/cytoscape-fcose.js cytoscape-fcose.js
copy cytoscape-fcose/LICENSE cytoscape-fcose.LICENSE
# Record exactly what was vendored (name@version from the installed package.json files).
node -e '
const names = ["cytoscape", "layout-base", "cose-base", "cytoscape-fcose"];
const out = {};
for (const n of names) out[n] = require("./node_modules/" + n + "/package.json").version;
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
' > "$VENDOR/versions.json"
echo "setup-frontend: vendored $(tr -d '\n ' < "$VENDOR/versions.json") into $VENDOR"
