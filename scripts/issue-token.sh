#!/usr/bin/env bash
# Signs a local test token; see scripts/IssueToken.java for the options. Example:
#   export MSC_TOKEN=$(scripts/issue-token.sh --scope "system/*.cruds" --sub loader)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
exec java scripts/IssueToken.java "$@"
