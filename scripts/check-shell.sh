#!/usr/bin/env bash
# check-shell: the shell's include graph points one way.
#  1. No cycles between shell modules (a module is x.c + x.h; x -> y when x.c or x.h includes y.h).
#  2. A feature handler (feat_*.c) includes no other feature's file, and nothing includes a feat_ file.
#  3. The domain core (src/core) includes nothing from src/shell.
# Prints every violation and exits 1 if there is one.
set -u
cd "$(dirname "$0")/.."
python3 - <<'PY'
import os, re, sys
shell = 'src/shell'
mods = {}
for f in sorted(os.listdir(shell)):
    m = re.match(r'(.+)\.(c|h)$', f)
    if not m: continue
    name = m.group(1)
    incs = re.findall(r'^\s*#\s*include\s*"([^"]+)\.h"', open(os.path.join(shell, f)).read(), re.M)
    mods.setdefault(name, set()).update(i for i in incs if os.path.exists(os.path.join(shell, i + '.h')) and i != name)
bad = []
for name, deps in mods.items():
    for d in deps:
        if d.startswith('feat_'):
            bad.append(f'{name} includes {d}.h: features register through registry.c, nobody includes them')
# cycles (depth-first search with colours)
colour, stack = {}, []
def visit(n):
    colour[n] = 1; stack.append(n)
    for d in sorted(mods.get(n, ())):
        if colour.get(d) == 1:
            bad.append('include cycle: ' + ' -> '.join(stack[stack.index(d):] + [d]))
        elif not colour.get(d):
            visit(d)
    stack.pop(); colour[n] = 2
for n in sorted(mods):
    if not colour.get(n): visit(n)
core_bad = []
for f in sorted(os.listdir('src/core')):
    for i in re.findall(r'^\s*#\s*include\s*"([^"]+)"', open(os.path.join('src/core', f)).read(), re.M):
        if os.path.exists(os.path.join(shell, i)) and not os.path.exists(os.path.join('src/core', i)):
            core_bad.append(f'src/core/{f} includes shell header {i}')
bad += core_bad
for b in bad: print('check-shell: ' + b)
if bad: sys.exit(1)
print(f'check-shell: {len(mods)} shell modules, no include cycles, features independent')
PY
