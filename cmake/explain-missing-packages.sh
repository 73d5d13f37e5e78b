#!/usr/bin/env bash
# explain-missing-packages.sh CMAKE_OUTPUT_FILE
# Reads what `cmake` printed when the configure step failed and names, for each
# package CMake could not find, the Debian package that provides it (from
# cmake/debian-cmake-packages.txt). Prints nothing when it recognises nothing.
# Exit status: 0 when it named at least one missing package, 1 otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
table=$here/debian-cmake-packages.txt
log=${1:?usage: explain-missing-packages.sh CMAKE_OUTPUT_FILE}

# CMake's own phrasings of "not found", one extended regex each; the first
# parenthesised group is the package's name.
patterns=(
  'Could not find a package configuration file provided by "([^"]+)"'
  'could not be found because dependency ([A-Za-z0-9_.+-]+) could not be found'
  'Could NOT find ([A-Za-z0-9_.+-]+)'
  'Failed to find required Qt component "([^"]+)"'
  "Package '([^']+)'.* not found"
  "No package '([^']+)' found"
  'Could not find a configuration file for package "([^"]+)"'
)

# CMake wraps its error text over indented lines: match on one line of text.
# Lines of "-- " are status notes about optional packages (Qt's "Could NOT
# find XKB"), not the reason the configure step failed.
text=$(grep -v '^-- ' "$log" 2>/dev/null | tr '\n' ' ' | tr -s ' ')

names=()
for pattern in "${patterns[@]}"; do
  # "Failed to find required Qt component "Charts"" names the package Qt6Charts.
  prefix=
  [[ $pattern == *"Qt component"* ]] && prefix=Qt6
  while IFS= read -r name; do
    [[ -n $name ]] && names+=("$prefix$name")
  done < <(grep -oE "$pattern" <<<"$text" | sed -E "s/$pattern/\\1/")
done
[[ ${#names[@]} -gt 0 ]] || exit 1

# A component that failed only because a dependency is missing is not itself
# missing: name the dependency, not the component.
declare -A seen=()
declare -A dependent=()
while IFS= read -r dep; do
  dependent[$dep]=1
done < <(grep -oE '([A-Za-z0-9_.+-]+) could not be found because dependency' <<<"$text" | awk '{print $1}')

packageFor() { # CMake or pkg-config name -> Debian package, or nothing
  awk -v n="$1" '!/^#/ && NF >= 2 && $1 == n { print $2; exit }' "$table"
}

found=0
for name in "${names[@]}"; do
  [[ -n ${seen[$name]:-} || -n ${dependent[$name]:-} ]] && continue
  seen[$name]=1
  package=$(packageFor "$name")
  if [[ -n $package ]]; then
    echo "CMake did not find the package '$name': it comes with the Debian package $package (apt-get install $package)."
    found=1
  else
    echo "CMake did not find the package '$name'; no Debian package is recorded for it in cmake/debian-cmake-packages.txt (apt-file search ${name}Config.cmake finds one)."
  fi
done
[[ $found -eq 1 ]]
