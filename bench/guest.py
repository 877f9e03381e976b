#!/usr/bin/env python3
"""Guest MIPS: hemu and QEMU on the same CPU-bound programs, for RISC-V and
for Cortex-M.

The sources (crc32, matmul, mix) are shared, in bench/guest/; each
architecture adds its glue (bench/guest/ARCH/bench.h: the instruction
count) and is built as its guest tests are (BUILD/bench/guest/ARCH/*.elf).
Each ELF runs on hemu and on QEMU 7.2 with the commands of
tests/guest/run.py:

  riscv  hemu -M riscv-virt,bios=none,kernel=ELF -nographic
         qemu-system-riscv64 -M virt -bios none -kernel ELF -nographic
  arm    hemu -M mps2-an385,kernel=ELF,semihosting=on -nographic
         qemu-system-arm -M mps2-an385 -nographic -semihosting -kernel ELF

best of --runs wall times each. Start-up is the best wall time of the
architecture's hello program (tests/guest/ARCH/hello.elf) on the same
emulator, subtracted from each run. Both emulators must print the same
checksum. The instruction count is what the program prints on hemu:
RISC-V reads minstret around its work; a Cortex-M3 has no instruction
counter, so the Cortex-M glue counts SysTick cycles of the 25 MHz CPU
clock, which on hemu is virtual time advancing one cycle per retired
instruction, i.e. the instructions retired. (QEMU 7.2 without -icount gives
host time for both, so only hemu's figure is a count.) `--check-icount`
confirms the counts against QEMU with -icount shift=0 (1 ns per
instruction): its minstret is the count, its SysTick (25 MHz) the count
/ 40. Figures are per architecture, a hemu/QEMU ratio per program and
their geometric mean. The CPU time (user + system of the process) is
printed too: on a loaded machine wall time includes waiting for a core.

Usage: bench/guest.py [--build DIR] [--runs N] [--check-icount] [--arch A]
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


# arch: hemu's arguments, QEMU's command ({elf} replaced), and how many
# instructions one unit of the printed count is under QEMU -icount shift=0
ARCHS = {
    'riscv': (['-M', 'riscv-virt,bios=none,kernel={elf}', '-nographic'],
              ['qemu-system-riscv64', '-M', 'virt', '-bios', 'none',
               '-kernel', '{elf}', '-nographic'], 1),
    'arm': (['-M', 'mps2-an385,kernel={elf},semihosting=on', '-nographic'],
            ['qemu-system-arm', '-M', 'mps2-an385', '-nographic',
             '-semihosting', '-kernel', '{elf}'], 40),
}


def commands(hemu, arch, elf):
    hemu_args, qemu_cmd, _ = ARCHS[arch]
    return {w: [c.replace('{elf}', elf) for c in cmd]
            for w, cmd in (('hemu', [hemu] + hemu_args), ('qemu', qemu_cmd))}


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


def bench_arch(build, hemu, arch, args):
    """Print the table of arch; return False if nothing is built for it."""
    elfs = sorted(glob.glob(os.path.join(build, 'bench', 'guest', arch, '*.elf')))
    empty = os.path.join(build, 'tests', 'guest', arch, 'hello.elf')
    if not elfs or not os.path.exists(empty):
        print('bench/guest: no %s guest programs built (cross compiler and '
              'picolibc missing?)' % arch)
        return False
    qemu = ARCHS[arch][1][0]
    have_qemu = shutil.which(qemu) is not None
    who = ['hemu'] + (['qemu'] if have_qemu else [])

    print('## %s' % arch)
    print()
    startup = {}
    for w in who:
        wall, cpu, _ = best(commands(hemu, arch, empty)[w], max(args.runs, 5))
        startup[w] = (wall, cpu)
    print('start-up (%s): %s' % (os.path.relpath(empty, build), ', '.join(
        '%s %.1f ms' % (w, startup[w][0] * 1e3) for w in who)))
    print()
    print('| program | instructions | hemu s | QEMU s | hemu MIPS | QEMU MIPS '
          '| hemu/QEMU | hemu MIPS (CPU) | QEMU MIPS (CPU) | hemu/QEMU (CPU) |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    ratios, cratios, checked = [], [], []
    for elf in elfs:
        name = os.path.splitext(os.path.basename(elf))[0]
        res = {}
        for w in who:
            wall, cpu, out = best(commands(hemu, arch, elf)[w], args.runs)
            res[w] = (max(wall - startup[w][0], 1e-6),
                      max(cpu - startup[w][1], 1e-6), out)
        n = int(field(res['hemu'][2], 'instructions'))
        sums = {field(res[w][2], 'checksum') for w in who}
        if len(sums) != 1:
            raise RuntimeError('%s/%s: checksums differ: %s' % (arch, name, sums))
        if args.check_icount and have_qemu:
            scale = ARCHS[arch][2]
            cmd = commands(hemu, arch, elf)['qemu'] + ['-icount', 'shift=0']
            q = int(field(run(cmd)[2], 'instructions')) * scale
            # a count in units of `scale` instructions is read twice
            if abs(q - n) > 2 * (scale - 1) + n // 1000000:
                raise RuntimeError('%s/%s: hemu counts %d instructions, QEMU '
                                   '-icount %d' % (arch, name, n, q))
            checked.append('%s %d' % (name, q))
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
        print('%s hemu/QEMU, geometric mean: %.2f× (wall), %.2f× (CPU)'
              % (arch, geomean(ratios), geomean(cratios)))
    if checked:
        print('QEMU -icount shift=0 counts (agree): ' + ', '.join(checked))
    print()
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--check-icount', action='store_true',
                    help='also run QEMU with -icount shift=0 and compare counts')
    ap.add_argument('--arch', action='append', choices=sorted(ARCHS),
                    help='only this architecture (repeatable; default all)')
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    hemu = os.path.join(build, 'hemu')
    for arch in args.arch or ARCHS:
        bench_arch(build, hemu, arch, args)
    return 0


if __name__ == '__main__':
    sys.exit(main())
