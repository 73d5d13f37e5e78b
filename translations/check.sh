#!/usr/bin/env bash
# Checks that every user-visible string of the desktop app has a finished
# translation in each translations/sluice_<lang>.ts, without changing them:
# lupdate refreshes a copy from the current sources (ui/, app/sluice, and the
# engine's texts shown in the app, listed at build time in
# build/translations/engine_strings.cpp by sluice_engine_strings), then
# every message of the copy must be finished, non-empty, use the same
# %1/%n/%L1 markers as its source, and keep shortcuts (Ctrl+E) unchanged.
# Lists each problem; exit 1 when any.
#
#   translations/check.sh [path/to/qt6/lupdate [path/to/engine_strings.cpp]]
#
# To fix: cmake --build build --target update_translations (refreshes the .ts
# files), translate what is listed (Qt Linguist: /usr/lib/qt6/bin/linguist),
# then run this again. ctest runs it as the test translations_complete (label i18n).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
lupdate=${1:-}
if [ -z "$lupdate" ]; then
  if [ -x /usr/lib/qt6/bin/lupdate ]; then lupdate=/usr/lib/qt6/bin/lupdate; else lupdate=lupdate; fi
fi
engine_strings=${2:-$top/build/translations/engine_strings.cpp}
if [ ! -r "$engine_strings" ]; then
  echo "$engine_strings is missing: build first (cmake --build build), it lists the engine's texts" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
shopt -s nullglob
catalogues=("$here"/sluice_*.ts)
if [ ${#catalogues[@]} -eq 0 ]; then
  echo "no translations/sluice_*.ts found" >&2
  exit 1
fi
for ts in "${catalogues[@]}"; do
  name=$(basename "$ts")
  cp "$ts" "$tmp/$name"
  "$lupdate" -silent -no-obsolete -locations none -extensions cpp,h \
    "$top/ui" "$top/app/sluice" "$engine_strings" -ts "$tmp/$name" >"$tmp/lupdate.log" 2>&1 || {
    echo "$name: lupdate failed:" >&2
    cat "$tmp/lupdate.log" >&2
    exit 1
  }
  # One record per message. The first file is the committed catalogue (to tell
  # a string missing from it from one left unfinished in it), the second the
  # refreshed copy.
  if ! awk -v file="$name" '
    function between(s, from, upto,   a, b) {
      a = index(s, from); if (a == 0) return ""
      s = substr(s, a + length(from)); b = index(s, upto)
      return b == 0 ? "" : substr(s, 1, b - 1)
    }
    function text(s) {
      gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
      gsub(/&apos;/, "'"'"'", s); gsub(/&amp;/, "\\&", s); gsub(/\n/, "\\n", s)
      return s
    }
    function markers(s,   out, n, i, j, list, m) {
      n = 0
      while (match(s, /%L?[0-9]+|%n/)) {
        list[++n] = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
      }
      # sorted, so the order of the markers may differ between languages
      for (i = 2; i <= n; i++) { m = list[i]; for (j = i - 1; j >= 1 && list[j] > m; j--) list[j + 1] = list[j]; list[j + 1] = m }
      out = ""; for (i = 1; i <= n; i++) out = out " " list[i]
      return out
    }
    BEGIN { RS = "</message>" }
    {
      if (match($0, /<name>[^<]*<\/name>/)) context = substr($0, RSTART + 6, RLENGTH - 13)
      start = index($0, "<message"); if (start == 0) next
      msg = substr($0, start)
      source = between(msg, "<source>", "</source>")
      key = context "\034" source "\034" between(msg, "<comment>", "</comment>")
      if (FNR == NR) { known[key] = 1; next }
      translation = between(msg, "<translation", "</translation>")
      attributes = substr(translation, 1, index(translation, ">") - 1)
      body = substr(translation, index(translation, ">") + 1)
      problem = ""
      if (!(key in known)) problem = "missing from the catalogue (run the update_translations target)"
      else if (attributes ~ /type="unfinished"/) problem = (body == "" ? "untranslated" : "unfinished")
      else if (body == "" || body ~ /<numerusform><\/numerusform>/) problem = "empty translation"
      else if (markers(source) != markers(body)) problem = "markers differ:" markers(source) " vs" markers(body)
      else if (source ~ /^(Ctrl|Shift|Alt|Meta)\+[^ ]+$/ && body != source) problem = "a shortcut stays as it is (" body ")"
      if (problem != "") {
        printf "%s: [%s] \"%s\": %s\n", file, text(context), text(source), problem
        count++
      }
      total++
    }
    END {
      if (count > 0) { printf "%s: %d of %d messages need work\n", file, count, total; exit 1 }
      printf "%s: all %d messages translated\n", file, total
    }' "$ts" "$tmp/$name"; then
    status=1
  fi
done
exit $status
