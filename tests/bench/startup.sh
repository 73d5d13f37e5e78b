#!/usr/bin/env bash
# Start-up benchmark: how long the desktop app takes to show its main window
# on the demo project, against the smallest Qt Widgets app on the same
# display (the floor), in the same command. Reports; never fails on time.
#
#   tests/bench/startup.sh BUILD_DIR [RUNS]
#
# Uses the X display in $DISPLAY, else xvfb-run when installed, else Qt's
# offscreen platform. Each run prints "main window painted N ms after main()"
# (the hidden --startup-probe option); the median of RUNS runs is reported.
set -euo pipefail
build=${1:?usage: startup.sh BUILD_DIR [RUNS]}
runs=${2:-7}
sluice=$build/app/sluice
baseline=$build/tests/bench/qt_window_baseline
sluicectl=$build/app/sluicectl
for exe in "$sluice" "$baseline" "$sluicectl"; do
  [ -x "$exe" ] || { echo "startup.sh: $exe is not built" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$sluicectl" init "$work/demo.sluice" --demo >/dev/null
# A fresh settings directory: no recent projects, the default language.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/runtime
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

run() { # prints the probe's milliseconds
  local out
  if [ -n "${DISPLAY:-}" ]; then
    out=$("$@" 2>/dev/null)
  elif command -v xvfb-run >/dev/null; then
    out=$(xvfb-run -a -s "-screen 0 1280x860x24" "$@" 2>/dev/null)
  else
    out=$(QT_QPA_PLATFORM=offscreen "$@" 2>/dev/null)
  fi
  sed -n 's/^startup-probe: main window painted \([0-9.]*\) ms after main()$/\1/p' <<<"$out"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/app" ; : >"$work/floor"
for ((i = 0; i < runs; i++)); do
  # Alternate, so both see the same machine load.
  run "$baseline" >>"$work/floor"
  run "$sluice" --startup-probe "$work/demo.sluice" --select sync:user_360_to_file >>"$work/app"
done
n_app=$(wc -l <"$work/app"); n_floor=$(wc -l <"$work/floor")
if [ "$n_app" -ne "$runs" ] || [ "$n_floor" -ne "$runs" ]; then
  echo "startup.sh: expected $runs probe lines from each program, got $n_app (sluice) and $n_floor (baseline)" >&2
  exit 1
fi
app=$(median <"$work/app"); floor=$(median <"$work/floor")
platform=${DISPLAY:+X display $DISPLAY}
[ -z "$platform" ] && { command -v xvfb-run >/dev/null && platform=xvfb || platform=offscreen; }
printf 'start-up to a painted main window (%s, median of %d runs)\n' "$platform" "$runs"
printf '  sluice on the demo project, sync mapping open: %8.1f ms\n' "$app"
printf '  smallest Qt Widgets window (floor):            %8.1f ms\n' "$floor"
awk -v a="$app" -v f="$floor" 'BEGIN { printf "  ratio: %.2fx the floor; target: under 1000 ms\n", a / f }'
