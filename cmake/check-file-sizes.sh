#!/usr/bin/env bash
# check-file-sizes.sh SOURCE_DIR [LIMIT]
#
# A file over LIMIT lines (600) mixes several jobs (issue 14): lists every
# C++ source of engine/, ui/, app/ and tests/ that is longer, and exits 1.
# ctest runs it as file_sizes.
set -euo pipefail
cd "${1:?usage: check-file-sizes.sh SOURCE_DIR [LIMIT]}"
limit=${2:-600}
over=$(git ls-files -co --exclude-standard -- 'engine/*.h' 'engine/*.cpp' 'ui/*.h' 'ui/*.cpp' 'app/*.h' \
         'app/*.cpp' 'tests/*.h' 'tests/*.cpp' | xargs wc -l | awk -v limit="$limit" '$2 != "total" && $1 > limit')
if [[ -n $over ]]; then
  echo "$over"
  echo "these files are over $limit lines: split them by responsibility" >&2
  exit 1
fi
echo "file sizes: no C++ file over $limit lines"
