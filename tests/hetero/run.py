#!/usr/bin/env python3
"""The heterogeneous machine, end to end. Prints TAP.

machines/hetero-demo.yaml runs its firmware (firmware/hetero-demo/, built
into BUILD/firmware): the Cortex-M3 boots, releases the RISC-V cluster
from reset, both sides exchange work through the mailbox and the shared
SRAM, and the M3 powers the machine off. Checked here:
- `make run`'s command (both UARTs on one terminal through a mux) prints
  hetero-demo.out and exits 0; a second run prints the same bytes;
- with one file per UART, each cluster's lines are on its own UART;
- a missing firmware image is an error naming it and the places searched.

Usage: tests/hetero/run.py [--build DIR]
SPDX-License-Identifier: MIT
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MUX = ['-chardev', 'stdio,id=con,mux=on', '-serial', 'chardev:con',
       '-serial', 'chardev:con', '-display', 'none']


def run(cmd):
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=120)
    return p.returncode, p.stdout.decode(errors='replace'), \
        p.stderr.decode(errors='replace')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(HERE, '..', '..', 'build'))
    args = ap.parse_args()
    hemu = os.path.join(os.path.abspath(args.build), 'hemu')
    fw = os.path.join(args.build, 'firmware')
    if not all(os.path.exists(os.path.join(fw, 'hetero-demo-%s.elf' % s))
               for s in ('m3', 'rv')):
        print('1..0 # SKIP hetero-demo firmware not built (cross compilers missing?)')
        return 0
    with open(os.path.join(HERE, 'hetero-demo.out')) as f:
        want = f.read()
    results = []

    outs = []
    for i in range(2):
        status, out, err = run([hemu] + MUX + ['-M', 'hetero-demo'])
        outs.append(out)
        fails = []
        if out != want:
            fails.append('output differs:\n--- want\n%s--- got\n%s%s' % (want, out, err))
        if status != 0:
            fails.append('exit status %d; stderr: %s' % (status, err))
        results.append(('make run: both clusters on one terminal, powers off '
                        'with status 0 (run %d)' % (i + 1), fails))
    results.append(('two runs print the same bytes',
                    [] if outs[0] == outs[1] else ['the runs differ']))

    with tempfile.TemporaryDirectory() as tmp:
        m3, rv = os.path.join(tmp, 'm3.txt'), os.path.join(tmp, 'rv.txt')
        status, out, err = run([hemu, '-serial', 'file:' + m3, '-serial',
                                'file:' + rv, '-display', 'none', '-M', 'hetero-demo'])
        fails = [] if status == 0 else ['exit status %d; stderr: %s' % (status, err)]
        for path, tag in ((m3, '[m3]'), (rv, '[rv]')):
            got = open(path).read() if os.path.exists(path) else ''
            lines = ''.join(l for l in want.splitlines(True) if l.startswith(tag))
            if got != lines:
                fails.append('%s UART:\n--- want\n%s--- got\n%s' % (tag, lines, got))
        results.append(('each cluster prints on its own UART', fails))

    status, out, err = run([hemu, '-display', 'none', '-M',
                            'hetero-demo,rv-firmware=no-such-image.elf'])
    fails = []
    if status != 1 or "/machine/rv/firmware: cannot find firmware " \
            "'no-such-image.elf' in the working directory or in" not in err:
        fails.append('status %d, stderr %r' % (status, err))
    results.append(('a missing firmware image is named in the error', fails))

    failed = 0
    for n, (name, fails) in enumerate(results, 1):
        failed += bool(fails)
        print('%s %d - %s' % ('not ok' if fails else 'ok', n, name))
        for f in fails:
            for line in f.splitlines():
                print('# ' + line)
    print('1..%d' % len(results))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
