#!/usr/bin/env bash
# Runs every go test -fuzz target in the module for FUZZTIME each (go test
# takes one fuzz target at a time). Used by `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME="${FUZZTIME:-20s}"
status=0
while IFS= read -r file; do
  pkg="./$(dirname "$file")"
  for fn in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)\(' "$file" | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/'); do
    echo "== $pkg $fn ($FUZZTIME)"
    go test "$pkg" -run '^$' -fuzz "^${fn}\$" -fuzztime "$FUZZTIME" || status=1
  done
done < <(grep -rlE '^func Fuzz' --include='*_test.go' . | sed 's|^\./||' | sort)
exit $status
