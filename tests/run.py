#!/usr/bin/env python3
"""Run every hemu test and print one closing line 'N passed, N failed'.

Suites: unit (GTest programs in BUILD/tests/unit, run with --tap), qmp
(transcripts in tests/qmp, replayed by tests/qmp/run.py), docs (the
examples of the schema and of docs/*.md, replayed), startup (the command
line and start-up, end to end), machines (descriptions), guest (guest
programs and firmware, against QEMU where installed), hetero (the
heterogeneous hetero-demo machine) and qemu-compat. Usage:
  tests/run.py [--build DIR] [--suite NAME]... [-v]
SPDX-License-Identifier: MIT
"""
import argparse
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_tap(text):
    """Return (passed, failed, failed_names) from TAP output; skipped
    tests count as neither."""
    passed = failed = 0
    names = []
    for line in text.splitlines():
        if line.startswith('ok ') and '# SKIP' in line.upper():
            continue
        if line.startswith('ok '):
            passed += 1
        elif line.startswith('not ok '):
            if '# TODO' in line:
                continue
            failed += 1
            names.append(line[7:])
        elif line.startswith('Bail out!'):
            failed += 1
            names.append(line)
    return passed, failed, names


def run_tap(cmd, name, verbose, timeout=600):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=timeout, errors='replace')
        out, rc = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b'').decode(errors='replace') if isinstance(e.stdout, bytes) else (e.stdout or ''), -1
        out += '\nBail out! timeout\n'
    passed, failed, names = parse_tap(out)
    if rc != 0 and failed == 0:
        failed = 1
        names.append('%s exited with status %d' % (name, rc))
    status = 'ok' if failed == 0 else 'FAIL'
    print('%-6s %-40s %d passed, %d failed' % (status, name, passed, failed))
    if failed or verbose:
        for n in names:
            print('       not ok: ' + n)
        if failed:
            tail = out.strip().splitlines()[-40:]
            print('\n'.join('       | ' + l for l in tail))
    sys.stdout.flush()
    return passed, failed


def suite_unit(build, verbose):
    d = os.path.join(build, 'tests', 'unit')
    tot = [0, 0]
    if not os.path.isdir(d):
        return tot
    for f in sorted(os.listdir(d)):
        path = os.path.join(d, f)
        if f.startswith('test-') and os.access(path, os.X_OK) and os.path.isfile(path):
            p, fl = run_tap([path, '--tap'], 'unit/' + f, verbose)
            tot[0] += p
            tot[1] += fl
    return tot


def suite_script(script):
    """A suite implemented by a script printing TAP; run with --build."""
    def run(build, verbose):
        path = os.path.join(TOP, script)
        if not os.path.exists(path):
            return [0, 0]
        p, f = run_tap([sys.executable, path, '--build', build], script, verbose)
        return [p, f]
    return run


def suite_qemu_compat(build, verbose):
    """The transcripts that do not say '#! skip: qemu', against QEMU 7.2:
    the runner is a plain QMP client, and QEMU answers them alike."""
    import shutil
    if not shutil.which('qemu-system-riscv64'):
        print('skip   qemu-compat (qemu-system-riscv64 not installed)')
        return [0, 0]
    path = os.path.join(TOP, 'tests', 'qmp', 'run.py')
    return list(run_tap([sys.executable, path, '--qemu'], 'qemu-compat', verbose))


SUITES = {
    'unit': suite_unit,
    'qmp': suite_script('tests/qmp/run.py'),
    'docs': suite_script('tests/docs/run.py'),
    'startup': suite_script('tests/startup/run.py'),
    'machines': suite_script('tests/machines/run.py'),
    'guest': suite_script('tests/guest/run.py'),
    'hetero': suite_script('tests/hetero/run.py'),
    'qemu-compat': suite_qemu_compat,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    ap.add_argument('--suite', action='append')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    passed = failed = 0
    for name in args.suite or SUITES:
        p, f = SUITES[name](build, args.verbose)
        passed += p
        failed += f
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or passed == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
