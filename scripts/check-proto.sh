#!/usr/bin/env bash
# check-proto.sh: the API gate. From the repository root it checks that
#   1. third_party/proto matches the descriptors pinned in go.mod (protodeps),
#   2. proto/ is buf-lint clean (STANDARD) and buf-formatted,
#   3. gen/ and server/web/openapi (the OpenAPI document) are what buf
#      generate writes now (no stale or stray files),
#   4. the API has no breaking change against the previous commit, when
#      there is one and it touched proto/ (skipped in shallow clones).
# Needs only go: buf and the plugins are built by `go tool` on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

buf() { go tool -modfile=tools/go.mod buf "$@"; }
step() { printf '+ %s\n' "$*" >&2; }

step go run ./internal/protodeps -out third_party/proto
go run ./internal/protodeps -out third_party/proto

step buf lint
buf lint

step buf format -d --exit-code proto
buf format -d --exit-code proto

step buf generate
buf generate

generated=(gen third_party server/web/openapi)
step git diff --exit-code -- "${generated[@]}"
if ! git diff --exit-code -- "${generated[@]}"; then
	echo "check-proto: generated code is stale: run 'go run ./internal/protodeps -out third_party/proto && go tool -modfile=tools/go.mod buf generate' and commit the result" >&2
	exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- "${generated[@]}")
if [ -n "$untracked" ]; then
	echo "check-proto: untracked generated files (commit them):" >&2
	echo "$untracked" >&2
	exit 1
fi

if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
	echo "check-proto: shallow clone, skipping buf breaking" >&2
elif ! git rev-parse -q --verify HEAD~1 >/dev/null; then
	echo "check-proto: no previous commit, skipping buf breaking" >&2
elif ! git ls-tree -d HEAD~1 -- proto | grep -q .; then
	echo "check-proto: HEAD~1 has no proto/, skipping buf breaking" >&2
else
	step "buf breaking --against .git#ref=HEAD~1"
	buf breaking --against '.git#ref=HEAD~1'
fi
echo "check-proto: ok" >&2
