#!/usr/bin/env bash
# The code generation benchmark: installs ESS into a private local repository under target/,
# generates a project of 100 manifests over 10 WSDLs, and times cold, no-op and one-mapping-changed
# ess:generate runs against plain wsimport on the same 10 WSDLs. Prints medians of BENCH_RUNS runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repo="$here/target/repo"
runs="${BENCH_RUNS:-3}"
maven=(mvn -B -q -s "$here/settings.xml" -Dmaven.repo.local="$repo")

echo "Installing ESS into $repo ..."
"${maven[@]}" -f "$root/pom.xml" install -DskipTests -pl maven-plugin -am
"${maven[@]}" -f "$here/pom.xml" compile exec:exec -Dbench.runs="$runs"
