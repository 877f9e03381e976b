#!/usr/bin/env python3
"""Guest programs, end to end. Prints TAP.

Every ELF built from tests/guest/ARCH/NAME.c (BUILD/tests/guest/ARCH/
NAME.elf) runs on hemu's board for ARCH with its console on stdio; what it
prints must equal NAME.out and its exit status (through the board's test
finisher) NAME.status if that file exists, else 0. NAME.args, if it exists,
holds more arguments for both emulators (e.g. `-smp 4`). On arm, NAME.board
may name another board than mps2-an385 that hemu and QEMU both have under
that name (mps2-an386 for Cortex-M4 code). NAME.in, if it exists, is fed
to both emulators' stdin (the console's input; without it stdin is
/dev/null); all of it is there from the start, so a program that reads it
must not depend on when bytes arrive (QEMU hands them over when its main
loop runs): wait for each byte, never time out on one. Where QEMU is
installed, the same ELF runs on QEMU's board and must print the same.

Real firmware: Debian's OpenSBI (fw_dynamic, the default -bios, and
fw_jump; each with 1 and 4 harts) boots U-Boot on riscv-virt to its prompt; U-Boot commands are typed on the
console (version, bdinfo, fdt, md, crc32) and their answers checked against
the board and U-Boot's file; reading OpenSBI's memory from U-Boot takes a
load access fault (OpenSBI's PMP entry, enforced as on QEMU) and resets the
board; poweroff ends hemu with status 0.

Usage: tests/guest/run.py [--build DIR]
SPDX-License-Identifier: MIT
"""
import argparse
import glob
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

BOARDS = {
    # arch: (hemu command, QEMU command), {elf} and {board} replaced
    'riscv': (['-M', 'riscv-virt,bios=none,kernel={elf}', '-nographic'],
              ['qemu-system-riscv64', '-M', 'virt', '-bios', 'none',
               '-kernel', '{elf}', '-nographic']),
    'arm': (['-M', '{board},kernel={elf},semihosting=on', '-nographic'],
            ['qemu-system-arm', '-M', '{board}', '-nographic', '-semihosting',
             '-kernel', '{elf}']),
}
# arch: {board} when there is no NAME.board (a name hemu and QEMU share)
DEFAULT_BOARD = {'arm': 'mps2-an385'}


def run(cmd, elf, board='', stdin=None):
    """(status, stdout, stderr) of cmd with {elf} and {board} replaced;
    stdin is a file name or None (/dev/null)."""
    cmd = [c.replace('{elf}', elf).replace('{board}', board) for c in cmd]
    with open(stdin or os.devnull, 'rb') as f:
        p = subprocess.run(cmd, stdin=f, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(errors='replace').replace('\r\n', '\n'), \
        p.stderr.decode(errors='replace')


OPENSBI = '/usr/lib/riscv64-linux-gnu/opensbi/generic'
UBOOT = '/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin'


class Console:
    """A hemu process with its console on stdin/stdout."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.buf = b''

    def until(self, pat, timeout=60):
        end = time.time() + timeout
        while pat.encode() not in self.buf:
            r, _, _ = select.select([self.p.stdout], [], [], max(0, end - time.time()))
            data = os.read(self.p.stdout.fileno(), 4096) if r else b''
            if not data:
                raise RuntimeError('%s waiting for %r; the end of the output:\n%s'
                                   % ('timed out' if not r else 'EOF', pat,
                                      self.buf[-800:].decode(errors='replace')))
            self.buf += data
        i = self.buf.index(pat.encode()) + len(pat)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out.decode(errors='replace').replace('\r\n', '\n')

    def command(self, line):
        self.p.stdin.write(line.encode() + b'\n')
        self.p.stdin.flush()
        return self.until('\n=> ')

    def close(self, timeout=60):
        """The exit status, or None when it had to be killed."""
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            if self.p.poll() is None:
                self.p.kill()
                self.p.wait()


def uboot_session(hemu, extra, harts):
    fails = []
    c = Console([hemu, '-M', 'riscv-virt', '-kernel', UBOOT, '-nographic'] + extra)
    try:
        boot = c.until('Hit any key')
        for want in ('OpenSBI v1.1', 'Platform Name             : riscv-virtio,qemu',
                     'Platform HART Count       : %d' % harts,
                     'Platform Console Device   : uart8250', 'U-Boot 2023.01',
                     'DRAM:  128 MiB'):
            if want not in boot:
                fails.append('boot log lacks %r' % want)
        c.p.stdin.write(b'\n')
        c.p.stdin.flush()
        c.until('\n=> ')
        if 'U-Boot 2023.01' not in c.command('version'):
            fails.append('version: no U-Boot 2023.01')
        bd = c.command('bdinfo')
        if '-> start    = 0x0000000080000000' not in bd or \
                '-> size     = 0x0000000008000000' not in bd:
            fails.append('bdinfo: DRAM bank is not 128 MiB at 0x80000000:\n' + bd)
        c.command('fdt addr $fdtcontroladdr')
        node = c.command('fdt print /soc/serial@10000000')
        if 'compatible = "ns16550a";' not in node or 'interrupts = <0x0000000a>;' not in node:
            fails.append('fdt print: the UART node is not as built:\n' + node)
        # U-Boot itself, where the firmware put it (the kernel address)
        with open(UBOOT, 'rb') as f:
            image = f.read(256)
        words = ' '.join('%08x' % int.from_bytes(image[i:i + 4], 'little')
                         for i in range(0, 16, 4))
        md = c.command('md.l 0x80200000 4')
        if '80200000: ' + words not in md:
            fails.append('md: want %s, got:\n%s' % (words, md))
        crc = c.command('crc32 0x80200000 0x100')
        want_crc = '%08x' % zlib.crc32(image)
        if '==> ' + want_crc not in crc:
            fails.append('crc32: want %s, got:\n%s' % (want_crc, crc))
        # OpenSBI protects its own memory with PMP: U-Boot (S-mode) reading
        # it takes a load access fault and resets the board, as on QEMU
        c.p.stdin.write(b'md.l 0x80000000 4\n')
        c.p.stdin.flush()
        md = c.until('Hit any key')
        if 'Unhandled exception: Load access fault' not in md or \
                'TVAL: 0000000080000000' not in md or 'OpenSBI v1.1' not in md:
            fails.append('md of OpenSBI (PMP): want a load access fault and '
                         'a reset, got:\n%s' % md)
        c.p.stdin.write(b'\n')           # stop the autoboot again
        c.p.stdin.flush()
        c.until('\n=> ')
        c.p.stdin.write(b'poweroff\n')
        c.p.stdin.flush()
        status = c.close()
        if status != 0:
            fails.append('poweroff: exit status %s' % status)
    except Exception as e:  # noqa: BLE001 (report, go on)
        fails.append(str(e))
        c.close(1)
    return fails


def deterministic(hemu):
    """The same boot twice (2 harts, to U-Boot's autoboot prompt) prints the
    same bytes: time is virtual."""
    outs = []
    for _ in range(2):
        c = Console([hemu, '-M', 'riscv-virt', '-smp', '2', '-kernel', UBOOT,
                     '-nographic'])
        try:
            outs.append(c.until('Hit any key'))
        except Exception as e:  # noqa: BLE001
            return [str(e)]
        finally:
            c.p.kill()
            c.p.wait()
    return [] if outs[0] == outs[1] else ['the two boots differ:\n%s\n---\n%s' % tuple(outs)]


def firmware_tests(hemu):
    """[(name, fails)] of the OpenSBI + U-Boot sessions."""
    if not os.path.exists(UBOOT) or not os.path.isdir(OPENSBI):
        return [('opensbi+u-boot # SKIP opensbi or u-boot-qemu not installed', [])]
    return [
        ('the same boot twice prints the same bytes', deterministic(hemu)),
    ] + [
        ('OpenSBI %s + U-Boot, %d hart%s' % (fw, harts, 's' if harts > 1 else ''),
         uboot_session(hemu, ['-smp', str(harts)] +
                       ([] if fw == 'fw_dynamic' else ['-bios', OPENSBI + '/fw_jump.elf']),
                       harts))
        for fw in ('fw_dynamic', 'fw_jump') for harts in (1, 4)
    ]


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
            af = os.path.join(HERE, arch, name + '.args')
            extra = shlex.split(open(af).read()) if os.path.exists(af) else []
            bf = os.path.join(HERE, arch, name + '.board')
            board = open(bf).read().strip() if os.path.exists(bf) else DEFAULT_BOARD.get(arch, '')
            inf = os.path.join(HERE, arch, name + '.in')
            inf = inf if os.path.exists(inf) else None
            checks = [('hemu', [hemu] + hemu_args + extra)]
            if shutil.which(qemu_cmd[0]):
                checks.append(('qemu', qemu_cmd + extra))
            for who, cmd in checks:
                n += 1
                fails = []
                try:
                    status, out, err = run(cmd, elf, board, inf)
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
    # QEMU-style: argv[0] picks the target and its default machine
    hello = os.path.join(args.build, 'tests', 'guest', 'riscv', 'hello.elf')
    if os.path.exists(hello):
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            link = os.path.join(tmp, 'hemu-system-riscv64')
            os.symlink(hemu, link)
            with open(os.path.join(HERE, 'riscv', 'hello.out')) as f:
                want = f.read()
            for name, cmd in (('argv[0] hemu-system-riscv64', [link]),
                              ('-target riscv64', [hemu, '-target', 'riscv64'])):
                n += 1
                status, out, err = run(cmd + ['-bios', 'none', '-kernel', '{elf}',
                                              '-nographic'], hello)
                ok = status == 0 and out == want
                failed += not ok
                print('%s %d - %s -bios none -kernel hello.elf' %
                      ('ok' if ok else 'not ok', n, name))
                if not ok:
                    print('# status %d, output %r, stderr %r' % (status, out, err))
    arm_hello = os.path.join(args.build, 'tests', 'guest', 'arm', 'hello.elf')
    if os.path.exists(arm_hello):
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            link = os.path.join(tmp, 'hemu-system-arm')
            os.symlink(hemu, link)
            with open(os.path.join(HERE, 'arm', 'hello.out')) as f:
                want = f.read()
            n += 1
            status, out, err = run([link, '-M', 'mps2-an385', '-nographic',
                                    '-semihosting', '-kernel', '{elf}'], arm_hello)
            ok = status == 0 and out == want
            failed += not ok
            print('%s %d - argv[0] hemu-system-arm -M mps2-an385 -semihosting '
                  '-kernel hello.elf' % ('ok' if ok else 'not ok', n))
            if not ok:
                print('# status %d, output %r, stderr %r' % (status, out, err))
    for name, fails in firmware_tests(hemu):
        n += 1
        failed += bool(fails)
        print('%s %d - riscv-virt: %s' % ('not ok' if fails else 'ok', n, name))
        for f in fails:
            for line in f.splitlines():
                print('# ' + line)
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
