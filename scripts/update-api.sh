#!/usr/bin/env bash
# After changing the HTTP API: refresh web/openapi.json from the server and regenerate the dashboard's types.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd server && ../mvnw -B -q test -Dtest=OpenApiSnapshotIntegrationTests -Dwhatsdex.openapi.update=true -Dsurefire.failIfNoSpecifiedTests=false)
(cd web && npm run generate:api)
echo "Updated web/openapi.json and web/src/api/schema.d.ts"
