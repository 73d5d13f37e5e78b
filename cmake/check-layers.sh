#!/usr/bin/env bash
# check-layers.sh SOURCE_DIR RULES_FILE [ROOT]
#
# ROOT is engine (the default) or ui: the folders of ui/ are layers too
# (ui/CMakeLists.txt writes build/ui-layers.txt), checked the same way.
#
# Every #include "folder/..." in engine/ must name a folder its layer may use
# (RULES_FILE, written by sluice_write_layer_rules: "dir: allowed dirs"), and
# nothing in engine/ may include Qt. Prints each wrong include as
# FILE:LINE: ... and exits 1 when there is any. ctest runs it as engine_layers.
set -euo pipefail
source_dir=${1:?usage: check-layers.sh SOURCE_DIR RULES_FILE [ROOT]}
rules=${2:?usage: check-layers.sh SOURCE_DIR RULES_FILE [ROOT]}
root=${3:-engine}
exec python3 - "$source_dir" "$rules" "$root" <<'PY'
import os, re, sys
source_dir, rules_file, root = sys.argv[1], sys.argv[2], sys.argv[3]
allowed = {}
for line in open(rules_file):
    if ':' in line:
        own, rest = line.split(':', 1)
        allowed[own.strip()] = rest.split()
dirs = sorted(allowed, key=len, reverse=True)  # longest first: destinations/contract before destinations

def layer_of(path):
    for d in dirs:
        if path == d or path.startswith(d + '/'):
            return d
    return None

engine = os.path.join(source_dir, root)
include = re.compile(r'^\s*#\s*include\s+([<"])([^">]+)[">]')
problems = 0
for folder, _, files in os.walk(engine):
    for f in sorted(files):
        if not f.endswith(('.h', '.cpp')):
            continue
        path = os.path.relpath(os.path.join(folder, f), engine)
        own = layer_of(os.path.dirname(path))
        for n, text in enumerate(open(os.path.join(folder, f), encoding='utf-8'), 1):
            m = include.match(text)
            if not m:
                continue
            kind, name = m.groups()
            if root == 'engine' and kind == '<' and re.match(r'Q[A-Za-z]*(/|$)', name):
                print(f'engine/{path}:{n}: includes Qt ({name}): the engine is plain C++')
                problems += 1
                continue
            if kind != '"' or '/' not in name:
                continue
            target = layer_of(os.path.dirname(name))
            if target is None or own is None or target in allowed[own]:
                continue
            print(f'{root}/{path}:{n}: includes {name}: layer {own}/ may use only '
                  + ', '.join(d + '/' for d in allowed[own]))
            problems += 1
if problems:
    print(f'{problems} wrong-way include(s); see ARCHITECTURE.md for the layers', file=sys.stderr)
    sys.exit(1)
print(f'{root} layers: every include goes the right way ({len(allowed)} layers)')
PY
