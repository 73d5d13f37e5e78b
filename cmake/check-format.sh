#!/usr/bin/env bash
# check-format.sh SOURCE_DIR [--fix]
#
# Every C++ file of the project (engine/, ui/, app/, tests/) is formatted as
# .clang-format says, with Debian 12's clang-format (14). Lists each file it
# would change, with the first lines of the difference, and exits 1; --fix
# formats them in place instead. ctest runs it as format_check.
set -euo pipefail
source_dir=$(cd "${1:?usage: check-format.sh SOURCE_DIR [--fix]}" && pwd)
fix=${2:-}
formatter=$(command -v clang-format-14 || command -v clang-format || true)
[[ -n $formatter ]] || { echo "FAIL: clang-format is not installed (./dev.sh installs the Debian package clang-format)" >&2; exit 1; }
cd "$source_dir"
mapfile -t files < <(git ls-files -co --exclude-standard -- 'engine/*.h' 'engine/*.cpp' 'ui/*.h' 'ui/*.cpp' \
                       'app/*.h' 'app/*.cpp' 'tests/*.h' 'tests/*.cpp' | sort)
if [[ $fix == --fix ]]; then
  "$formatter" -i --style=file "${files[@]}"
  echo "formatted ${#files[@]} files"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! out=$("$formatter" --style=file "$f" | diff -u "$f" - ); then
    echo "$f: not formatted as .clang-format says (cmake/check-format.sh . --fix formats it):"
    echo "$out" | sed -n '3,12p'
    bad=$((bad + 1))
  fi
done
if (( bad )); then
  echo "$bad of ${#files[@]} files need formatting" >&2
  exit 1
fi
echo "format: all ${#files[@]} C++ files are formatted"
