#!/usr/bin/env python3
"""The heterogeneous machine, end to end. Prints TAP.

machines/hetero-demo.yaml runs its firmware (firmware/hetero-demo/, built
into BUILD/firmware): the Cortex-M3 boots, releases the RISC-V cluster
from reset, both sides exchange work through the mailbox and the shared
SRAM, and the M3 powers the machine off. Checked here:
- `make run`'s command (both UARTs on one terminal through a mux) prints
  hetero-demo.out and exits 0; a second run prints the same bytes;
- with one file per UART, each cluster's lines are on its own UART;
- a missing firmware image is an error naming it and the places searched;
- target-specific QMP commands (query-riscv-cpu-state,
  query-arm-cpu-state) are listed by query-commands and query-qmp-schema,
  and run, exactly where their target applies: with no machine yet (the
  binary has both targets), on a machine with a CPU of that target, not
  on a machine without one (CommandNotFound).

Usage: tests/hetero/run.py [--build DIR]
SPDX-License-Identifier: MIT
"""
import argparse
import json
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


def qmp_session(hemu, args, cmds):
    """The replies to cmds (execute names with arguments) of one QMP session
    of hemu ARGS -qmp stdio."""
    lines = [{'execute': 'qmp_capabilities'}] + \
        [{'execute': c, 'arguments': a} for c, a in cmds] + [{'execute': 'quit'}]
    p = subprocess.run([hemu] + args + ['-nodefaults', '-display', 'none',
                                        '-qmp', 'stdio'],
                       input=''.join(json.dumps(l) + '\n' for l in lines),
                       capture_output=True, text=True, timeout=60)
    replies = [json.loads(l) for l in p.stdout.splitlines()]
    replies = [r for r in replies if 'return' in r or 'error' in r]
    return replies[1:1 + len(cmds)]


TARGET_COMMANDS = {'riscv': 'query-riscv-cpu-state', 'arm': 'query-arm-cpu-state'}


def visibility(hemu, args, present):
    """Fails of the target commands' visibility under hemu ARGS, where the
    targets in present apply."""
    cmds = [('query-commands', {}), ('query-qmp-schema', {})] + \
        [(c, {}) for c in TARGET_COMMANDS.values()]
    r = qmp_session(hemu, args, cmds)
    if len(r) != len(cmds):
        return ['session ended early: %r' % r]
    listed = {c['name'] for c in r[0]['return']}
    schema = {e['name'] for e in r[1]['return'] if e['meta-type'] == 'command'}
    fails = []
    for i, (target, cmd) in enumerate(TARGET_COMMANDS.items()):
        want = target in present
        if (cmd in listed) != want or (cmd in schema) != want:
            fails.append('%s: in query-commands %s, in query-qmp-schema %s, '
                         'want %s' % (cmd, cmd in listed, cmd in schema, want))
        reply = r[2 + i]
        ok = ('return' in reply) if want else \
            reply.get('error', {}).get('class') == 'CommandNotFound'
        if not ok:
            fails.append('%s: %r' % (cmd, reply))
    return fails


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

    for args_, present, what in (
            (['-preconfig'], ('riscv', 'arm'), 'no machine yet: both targets'),
            (['-M', 'none'], (), '-M none (no CPU): neither'),
            (['-S', '-M', 'riscv-virt'], ('riscv',), 'riscv-virt: the RISC-V one'),
            (['-S', '-M', 'mps2-an385'], ('arm',), 'mps2-an385: the Arm one'),
            (['-S', '-M', 'hetero-demo'], ('riscv', 'arm'), 'hetero-demo: both')):
        results.append(('target commands shown where they apply: ' + what,
                        visibility(hemu, args_, present)))

    # before the M3 runs, the RISC-V cluster is held in reset at its vector
    r = qmp_session(hemu, ['-S', '-M', 'hetero-demo'],
                    [('query-riscv-cpu-state', {}),
                     ('query-arm-cpu-state', {'cpu-index': 0}),
                     ('query-arm-cpu-state', {'cpu-index': 1})])
    fails = []
    harts = r[0].get('return', []) if r else []
    if [(h['hartid'], h['pc'], h['in-reset'], h['priv']) for h in harts] != \
            [(0, '0x80000000', True, 'machine'), (1, '0x80000000', True, 'machine')]:
        fails.append('harts: %r' % harts)
    m3 = r[1].get('return', [{}])[0] if len(r) > 1 else {}
    if m3.get('in-reset') is not False or m3.get('msp') != '0x20010000' or \
            m3.get('handler') is not False:
        fails.append('m3: %r' % m3)
    if len(r) < 3 or r[2].get('error', {}).get('desc') != \
            'CPU 1 (/machine/rv/hart[0]) is not an Arm CPU':
        fails.append('cpu-index of a hart: %r' % (r[2:],))
    results.append(('before it runs, the RISC-V cluster is held in reset', fails))

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
