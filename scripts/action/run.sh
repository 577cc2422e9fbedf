#!/usr/bin/env bash
# action.yml step: runs `vigil check` with text output (GitHub shows it in
# the log; setup-go's problem matcher turns each finding into one
# annotation) and SARIF for code scanning. On a pull request with
# VIGIL_ONLY_NEW=true, only findings on lines the pull request adds.
# Writes findings=N and sarif-file=PATH to $GITHUB_OUTPUT; exits as vigil does.
set -euo pipefail
vigil=${VIGIL:?VIGIL is not set: the path the install step wrote}
sarif=${RUNNER_TEMP:-/tmp}/vigil.sarif
args=(check --format text --format "sarif=$sarif")
if [ "${VIGIL_ONLY_NEW:-true}" = true ] && [ -n "${VIGIL_BASE_REF:-}" ]; then
  git fetch --quiet --no-tags origin "$VIGIL_BASE_REF" 2>/dev/null || true
  args+=(--new-from-merge-base "origin/$VIGIL_BASE_REF")
fi
# Word splitting is wanted here: the inputs are lists of arguments.
# shellcheck disable=SC2206
extra=(${VIGIL_ARGS:-})
# shellcheck disable=SC2206
patterns=(${VIGIL_PATTERNS:-./...})
set +e
"$vigil" "${args[@]}" "${extra[@]}" "${patterns[@]}" | tee "${RUNNER_TEMP:-/tmp}/vigil.txt"
status=${PIPESTATUS[0]}
set -e
findings=$(grep -c '^[^[:space:]].*(vigil-[a-z]*)$' "${RUNNER_TEMP:-/tmp}/vigil.txt" || true)
{
  echo "findings=$findings"
  [ -s "$sarif" ] && echo "sarif-file=$sarif"
} >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
exit "$status"
