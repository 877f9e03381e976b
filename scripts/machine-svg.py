#!/usr/bin/env python3
"""Draw machines as SVG: for each description FILE, start hemu with its
machine (-M NAME, NAME the file's base name, so it must be in the machine
search path), ask for machine-export in dot over QMP and run graphviz's
dot on the drawing, into OUTDIR/NAME.svg.

Usage: machine-svg.py --hemu HEMU -o OUTDIR FILE...   (make docs)
SPDX-License-Identifier: MIT
"""
import argparse
import json
import os
import subprocess
import sys

COMMANDS = [
    {'execute': 'qmp_capabilities'},
    {'execute': 'machine-export', 'arguments': {'format': 'dot'}},
    {'execute': 'quit'},
]


def export_dot(hemu, name):
    """The dot text of machine name, or raise RuntimeError."""
    session = ''.join(json.dumps(c) + '\n' for c in COMMANDS)
    p = subprocess.run([hemu, '-M', name, '-S', '-nodefaults', '-display', 'none',
                        '-qmp', 'stdio'], input=session, capture_output=True,
                       text=True, timeout=60)
    replies = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    # the greeting, then one reply per command, events in between
    answers = [r for r in replies if 'return' in r or 'error' in r]
    if p.returncode != 0 or len(answers) < 2:
        raise RuntimeError('hemu -M %s exited with %d: %s' %
                           (name, p.returncode, p.stderr.strip()))
    export = answers[1]
    if 'error' in export:
        raise RuntimeError('machine-export: %s' % export['error']['desc'])
    return export['return']['data']


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--hemu', required=True)
    ap.add_argument('-o', '--outdir', required=True)
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    status = 0
    for f in args.files:
        name = os.path.splitext(os.path.basename(f))[0]
        out = os.path.join(args.outdir, name + '.svg')
        try:
            dot = export_dot(args.hemu, name)
            subprocess.run(['dot', '-Tsvg', '-o', out], input=dot, text=True,
                           check=True)
        except (RuntimeError, ValueError, OSError, subprocess.SubprocessError) as e:
            print('machine-svg: %s: %s' % (f, e), file=sys.stderr)
            status = 1
            continue
        print('machine-svg: %s' % out)
    return status


if __name__ == '__main__':
    sys.exit(main())
