#!/usr/bin/env python3
"""Guest MIPS: hemu and QEMU on the same CPU-bound RISC-V programs.

Each ELF of BUILD/bench/guest (crc32, matmul, mix; sources in bench/guest/)
runs on hemu (`hemu -M riscv-virt,bios=none,kernel=ELF -nographic`) and on
QEMU (`qemu-system-riscv64 -M virt -bios none -kernel ELF -nographic`), the
commands of tests/guest/run.py, best of --runs wall times each. Start-up is
the best wall time of the empty program (tests/guest/riscv/hello.elf) on the
same emulator, subtracted from each run. The instruction count is what the
program prints (minstret around its work) on hemu: QEMU 7.2 without -icount
returns host cycles from minstret, so only hemu's figure is a count (the
same ELF retires the same instructions on both; `--check-icount` confirms it
against QEMU with -icount shift=0). Both must print the same checksum.
The CPU time (user + system of the process) is printed too: on a loaded
machine wall time includes waiting for a core.

Usage: bench/guest.py [--build DIR] [--runs N] [--check-icount]
SPDX-License-Identifier: MIT
"""
import argparse
import glob
import os
import re
import resource
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def commands(hemu, elf):
    return {
        'hemu': [hemu, '-M', 'riscv-virt,bios=none,kernel=' + elf, '-nographic'],
        'qemu': ['qemu-system-riscv64', '-M', 'virt', '-bios', 'none',
                 '-kernel', elf, '-nographic'],
    }


def run(cmd):
    """(wall s, cpu s, stdout) of one run."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=600)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = p.stdout.decode(errors='replace').replace('\r\n', '\n')
    if p.returncode != 0:
        raise RuntimeError('%s: exit status %d\n%s%s' % (
            ' '.join(cmd), p.returncode, out, p.stderr.decode(errors='replace')))
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu, out


def best(cmd, runs):
    """Best wall and best CPU time of runs, and the last output."""
    walls, cpus, out = [], [], ''
    for _ in range(runs):
        w, c, out = run(cmd)
        walls.append(w)
        cpus.append(c)
    return min(walls), min(cpus), out


def field(out, name):
    m = re.search(r'^%s: (\S+)$' % name, out, re.M)
    if not m:
        raise RuntimeError('no "%s:" line in the output:\n%s' % (name, out))
    return m.group(1)


def geomean(xs):
    g = 1.0
    for x in xs:
        g *= x
    return g ** (1 / len(xs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--check-icount', action='store_true',
                    help='also run QEMU with -icount shift=0 and compare counts')
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    hemu = os.path.join(build, 'hemu')
    elfs = sorted(glob.glob(os.path.join(build, 'bench', 'guest', '*.elf')))
    empty = os.path.join(build, 'tests', 'guest', 'riscv', 'hello.elf')
    if not elfs or not os.path.exists(empty):
        print('bench/guest: no guest programs built (riscv64-unknown-elf-gcc '
              'and picolibc missing?)')
        return 0
    have_qemu = shutil.which('qemu-system-riscv64') is not None
    who = ['hemu'] + (['qemu'] if have_qemu else [])

    startup = {}
    for w in who:
        wall, cpu, _ = best(commands(hemu, empty)[w], max(args.runs, 5))
        startup[w] = (wall, cpu)
    print('start-up (%s): %s' % (os.path.relpath(empty, build), ', '.join(
        '%s %.1f ms' % (w, startup[w][0] * 1e3) for w in who)))
    print()
    print('| program | instructions | hemu s | QEMU s | hemu MIPS | QEMU MIPS '
          '| hemu/QEMU | hemu MIPS (CPU) | QEMU MIPS (CPU) | hemu/QEMU (CPU) |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    ratios, cratios = [], []
    for elf in elfs:
        name = os.path.splitext(os.path.basename(elf))[0]
        res = {}
        for w in who:
            wall, cpu, out = best(commands(hemu, elf)[w], args.runs)
            res[w] = (max(wall - startup[w][0], 1e-6),
                      max(cpu - startup[w][1], 1e-6), out)
        n = int(field(res['hemu'][2], 'instructions'))
        sums = {field(res[w][2], 'checksum') for w in who}
        if len(sums) != 1:
            raise RuntimeError('%s: checksums differ: %s' % (name, sums))
        if args.check_icount and have_qemu:
            cmd = commands(hemu, elf)['qemu'] + ['-icount', 'shift=0']
            q = int(field(run(cmd)[2], 'instructions'))
            if q != n:
                raise RuntimeError('%s: hemu counts %d instructions, QEMU '
                                   '-icount %d' % (name, n, q))
        mips = {w: n / res[w][0] / 1e6 for w in who}
        cmips = {w: n / res[w][1] / 1e6 for w in who}
        row = [name, format(n, ','), '%.2f' % res['hemu'][0]]
        if have_qemu:
            ratios.append(mips['hemu'] / mips['qemu'])
            cratios.append(cmips['hemu'] / cmips['qemu'])
            row += ['%.2f' % res['qemu'][0], '%.0f' % mips['hemu'],
                    '%.0f' % mips['qemu'], '%.2f×' % ratios[-1],
                    '%.0f' % cmips['hemu'], '%.0f' % cmips['qemu'],
                    '%.2f×' % cratios[-1]]
        else:
            row += ['-', '%.0f' % mips['hemu'], '-', '-',
                    '%.0f' % cmips['hemu'], '-', '-']
        print('| ' + ' | '.join(row) + ' |')
        sys.stdout.flush()
    if ratios:
        print()
        print('hemu/QEMU, geometric mean: %.2f× (wall), %.2f× (CPU)'
              % (geomean(ratios), geomean(cratios)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
