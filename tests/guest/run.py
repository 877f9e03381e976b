#!/usr/bin/env python3
"""Guest programs, end to end. Prints TAP.

Every ELF built from tests/guest/ARCH/NAME.c (BUILD/tests/guest/ARCH/
NAME.elf) runs on hemu's board for ARCH with its console on stdio; what it
prints must equal NAME.out and its exit status (through the board's test
finisher) NAME.status if that file exists, else 0. Where QEMU is
installed, the same ELF runs on QEMU's board and must print the same.

Usage: tests/guest/run.py [--build DIR]
SPDX-License-Identifier: MIT
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

BOARDS = {
    # arch: (hemu command, QEMU command), {elf} replaced
    'riscv': (['-M', 'riscv-virt,bios=none,kernel={elf}', '-nographic'],
              ['qemu-system-riscv64', '-M', 'virt', '-bios', 'none',
               '-kernel', '{elf}', '-nographic']),
}


def run(cmd, elf):
    cmd = [c.replace('{elf}', elf) for c in cmd]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=120)
    return p.returncode, p.stdout.decode(errors='replace').replace('\r\n', '\n'), \
        p.stderr.decode(errors='replace')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(HERE, '..', '..', 'build'))
    args = ap.parse_args()
    hemu = os.path.join(os.path.abspath(args.build), 'hemu')
    n = failed = 0
    for arch, (hemu_args, qemu_cmd) in BOARDS.items():
        elfs = sorted(glob.glob(os.path.join(args.build, 'tests', 'guest', arch, '*.elf')))
        if not elfs:
            print('# %s: no guest programs built (cross compiler missing?)' % arch)
        for elf in elfs:
            name = os.path.splitext(os.path.basename(elf))[0]
            with open(os.path.join(HERE, arch, name + '.out')) as f:
                want = f.read()
            sf = os.path.join(HERE, arch, name + '.status')
            want_status = int(open(sf).read()) if os.path.exists(sf) else 0
            checks = [('hemu', [hemu] + hemu_args)]
            if shutil.which(qemu_cmd[0]):
                checks.append(('qemu', qemu_cmd))
            for who, cmd in checks:
                n += 1
                fails = []
                try:
                    status, out, err = run(cmd, elf)
                    if out != want:
                        fails.append('output differs:\n--- want\n%s--- got\n%s%s'
                                     % (want, out, err))
                    if status != want_status:
                        fails.append('exit status %d, want %d; stderr: %s'
                                     % (status, want_status, err))
                except subprocess.TimeoutExpired:
                    fails.append('timed out')
                if fails:
                    failed += 1
                    print('not ok %d - %s/%s on %s' % (n, arch, name, who))
                    for f in fails:
                        for line in f.splitlines():
                            print('# ' + line)
                else:
                    print('ok %d - %s/%s on %s' % (n, arch, name, who))
                sys.stdout.flush()
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
