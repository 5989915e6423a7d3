#!/usr/bin/env bash
# Prints the rule IDs of the working rule catalogue (RULES.md; CONTRA-* entries
# excluded), one a line, sorted. The maintainers run it when RULES.md changes:
#   ./scripts/rule-catalogue-ids.sh ../shared/spec/RULES.md | diff - tests/fixtures/rule-catalogue-ids.txt
# and copy the output over tests/fixtures/rule-catalogue-ids.txt; the accounting
# test (tests/integration/accounting.rs) then says which new IDs the rules data
# neither applies nor lists under `not_applied`.
set -euo pipefail
file="${1:?usage: $0 path/to/RULES.md}"
[ -r "$file" ] || { echo "$0: cannot read $file" >&2; exit 3; }
grep -oE '^\| \*\*[A-Za-z0-9-]+\*\*' "$file" | sed -E 's/^\| \*\*//; s/\*\*$//' | grep -v '^CONTRA-' | LC_ALL=C sort -u
