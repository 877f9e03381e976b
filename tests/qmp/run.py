#!/usr/bin/env python3
"""Replay QMP transcripts (tests/qmp/*.qmp) against hemu or QEMU; print TAP.

A plain QMP client (python3 stdlib only): starts
  BUILD/hemu -M none -nodefaults -display none -qmp stdio [ARGS]
(or qemu-system-riscv64 with --qemu), reads the greeting, sends the '->'
lines, compares what comes back with the '<-' lines structurally.  The
transcript format and the wildcards are described in tests/qmp/README.md.

Usage: tests/qmp/run.py [--build DIR] [--qemu] [-v] [FILE.qmp ...]
SPDX-License-Identifier: MIT
"""
import argparse
import codecs
import glob
import json
import os
import select
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
TIMEOUT = 5.0
WILDCARDS = {
    '<any>': lambda v: True,
    '<int>': lambda v: isinstance(v, int) and not isinstance(v, bool),
    '<number>': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    '<str>': lambda v: isinstance(v, str),
    '<bool>': lambda v: isinstance(v, bool),
    '<list>': lambda v: isinstance(v, list),
    '<object>': lambda v: isinstance(v, dict),
}


class Transcript:
    """Parsed .qmp file: header options and a list of steps."""

    def __init__(self, path):
        self.path = path
        self.args = None        # extra command-line arguments
        self.skip = {}          # 'hemu'/'qemu' -> reason
        self.raw = False        # no automatic negotiation
        self.steps = []         # ('send', bytes) | ('expect', obj, lineno)
        self.parse()

    def parse(self):
        cur = None              # [kind, text, lineno] being continued
        with open(self.path, encoding='utf-8') as f:
            lines = f.read().split('\n')
        for n, line in enumerate(lines, 1):
            if line.startswith('#!'):
                self.header(line[2:].strip(), n)
                continue
            if cur and line[:1] in (' ', '\t') and line.strip():
                cur[1] += '\n' + line
                continue
            if cur:
                self.finish(cur)
                cur = None
            s = line.strip()
            if not s or s.startswith('#'):
                continue
            for tag, kind in (('->', 'send'), ('<-', 'expect'), ('=>', 'raw')):
                if s.startswith(tag):
                    cur = [kind, s[len(tag):].strip(), n]
                    break
            else:
                raise ValueError('%s:%d: expected ->, <-, => or #' % (self.path, n))
        if cur:
            self.finish(cur)
        sends = [s for s in self.steps if s[0] == 'send']
        if any(b'qmp_capabilities' in s[1] for s in sends):
            self.raw = True

    def header(self, h, n):
        key, _, val = h.partition(':')
        key, val = key.strip(), val.strip()
        if key == 'args':
            self.args = val.split()
        elif key == 'skip':
            who, _, why = val.partition(' ')
            self.skip[who] = why or 'skipped'
        elif key == 'raw':
            self.raw = True
        else:
            raise ValueError('%s:%d: unknown header %r' % (self.path, n, key))

    def finish(self, cur):
        kind, text, n = cur
        if kind == 'send':
            self.steps.append(('send', text.encode('utf-8') + b'\n'))
        elif kind == 'raw':
            # Python bytes-literal escapes: => \xff{"execute": "x"}\n
            data = codecs.escape_decode(text.encode('utf-8'))[0]
            self.steps.append(('send', data))
        else:
            try:
                obj = json.loads(text)
            except ValueError as e:
                raise ValueError('%s:%d: bad JSON in <-: %s' % (self.path, n, e))
            self.steps.append(('expect', obj, n))


def match(exp, got):
    """Structural equality with wildcards (see README)."""
    if isinstance(exp, str) and exp in WILDCARDS:
        return WILDCARDS[exp](got)
    if isinstance(exp, dict):
        return (isinstance(got, dict) and set(exp) == set(got)
                and all(match(exp[k], got[k]) for k in exp))
    if isinstance(exp, list):
        return (isinstance(got, list) and len(exp) == len(got)
                and all(match(e, g) for e, g in zip(exp, got)))
    if isinstance(exp, bool) or isinstance(got, bool):
        return type(exp) is type(got) and exp == got
    if isinstance(exp, (int, float)) and isinstance(got, (int, float)):
        return exp == got
    return type(exp) is type(got) and exp == got


def is_event(msg):
    return isinstance(msg, dict) and 'event' in msg


class Server:
    """The binary under test with QMP on its stdio."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.buf = b''
        self.log = []           # lines received, for diagnostics

    def send(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def read_msg(self, timeout):
        """One JSON message (a line), or None on timeout/EOF."""
        end = time.time() + timeout
        while b'\n' not in self.buf:
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b'\n', 1)
        text = line.rstrip(b'\r').decode('utf-8', 'replace')
        self.log.append(text)
        try:
            return json.loads(text)
        except ValueError:
            return {'<unparsable>': text}

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        self.p.terminate()
        try:
            self.p.wait(2)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        err = self.p.stderr.read().decode('utf-8', 'replace')
        self.p.stderr.close()
        self.p.stdout.close()
        return err


SANITIZER_MARKERS = ('ERROR: AddressSanitizer', 'ERROR: LeakSanitizer',
                     'runtime error:')


def sanitizer_reports(stderr):
    """Failure lines for an ASan/LSan/UBSan report in the server's stderr
    (make check-asan runs every transcript under the sanitizers)."""
    if not any(m in stderr for m in SANITIZER_MARKERS):
        return []
    return ['sanitizer report from the server:'] + \
        ['  ' + l for l in stderr.strip().splitlines()[:40]]


def base_cmd(binary, extra):
    cmd = [binary]
    # -M none unless the transcript picks a machine, or starts with
    # -preconfig to build one over QMP from no-machine
    if not extra or not any(a in ('-M', '-machine', '-preconfig') for a in extra):
        cmd += ['-M', 'none']
    cmd += ['-nodefaults', '-display', 'none', '-qmp', 'stdio']
    return cmd + (extra or [])


def run_one(t, binary):
    """Returns a list of failure lines (empty: passed)."""
    srv = Server(base_cmd(binary, t.args))
    fails = []
    try:
        greeting = srv.read_msg(TIMEOUT)
        if not isinstance(greeting, dict) or 'QMP' not in greeting:
            return ['no QMP greeting (got %r)' % (greeting,)]
        steps = list(t.steps)
        # an expectation before any send is about the greeting
        if steps and steps[0][0] == 'expect' and isinstance(steps[0][1], dict) \
                and 'QMP' in steps[0][1]:
            if not match(steps[0][1], greeting):
                fails.append('line %d: greeting mismatch' % steps[0][2])
                fails.append('  expected: ' + json.dumps(steps[0][1]))
                fails.append('  got:      ' + json.dumps(greeting))
            steps = steps[1:]
        if not t.raw:
            srv.send(b'{"execute": "qmp_capabilities"}\n')
            r = srv.read_msg(TIMEOUT)
            if r != {'return': {}}:
                return fails + ['negotiation failed: %r' % (r,)]
        pending_events = []
        i = 0
        while i < len(steps) and not fails:
            if steps[i][0] == 'send':
                srv.send(steps[i][1])
                i += 1
                continue
            block = []
            while i < len(steps) and steps[i][0] == 'expect':
                block.append(steps[i])
                i += 1
            fails += check_block(srv, block, pending_events)
        if not fails:
            # nothing but events may follow
            while True:
                msg = srv.read_msg(0.2)
                if msg is None:
                    break
                if not is_event(msg):
                    fails.append('unexpected: ' + json.dumps(msg))
    finally:
        err = srv.close()
    fails += sanitizer_reports(err)
    if fails and err.strip():
        fails += ['stderr: ' + l for l in err.strip().splitlines()[-10:]]
    return fails


def check_block(srv, block, pending_events):
    """Match one run of '<-' lines against what the server sends."""
    fails = []
    want_replies = [b for b in block if not is_event(b[1])]
    want_events = [b for b in block if is_event(b[1])]
    for _, exp, n in want_replies:
        while True:
            msg = srv.read_msg(TIMEOUT)
            if msg is None:
                return ['line %d: no reply, expected %s' % (n, json.dumps(exp))]
            if is_event(msg):
                pending_events.append(msg)
                continue
            break
        if not match(exp, msg):
            fails.append('line %d:' % n)
            fails.append('  expected: ' + json.dumps(exp))
            fails.append('  got:      ' + json.dumps(msg))
    for _, exp, n in want_events:
        end = time.time() + TIMEOUT
        while True:
            hit = next((e for e in pending_events if match(exp, e)), None)
            if hit is not None:
                pending_events.remove(hit)
                break
            msg = srv.read_msg(max(0.0, end - time.time()))
            if msg is None:
                fails.append('line %d: event not seen: %s' % (n, json.dumps(exp)))
                break
            if not is_event(msg):
                fails.append('line %d: expected event %s, got %s'
                             % (n, json.dumps(exp), json.dumps(msg)))
                break
            pending_events.append(msg)
    return fails


def has_qmp(binary):
    """True when `binary -qmp stdio` sends a greeting."""
    if not os.access(binary, os.X_OK):
        return False
    srv = Server(base_cmd(binary, None))
    try:
        msg = srv.read_msg(3.0)
    finally:
        srv.close()
    return isinstance(msg, dict) and 'QMP' in msg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    ap.add_argument('--qemu', action='store_true',
                    help='run qemu-system-riscv64 instead of hemu')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('files', nargs='*')
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(HERE, '*.qmp')))
    who = 'qemu' if args.qemu else 'hemu'
    binary = 'qemu-system-riscv64' if args.qemu else \
        os.path.join(os.path.abspath(args.build), 'hemu')
    print('1..%d' % len(files))
    if args.qemu:
        usable = True
    else:
        usable = has_qmp(binary)
    failed = 0
    for n, path in enumerate(files, 1):
        name = os.path.relpath(path, TOP)
        try:
            t = Transcript(path)
        except (OSError, ValueError) as e:
            print('not ok %d - %s\n# %s' % (n, name, e))
            failed += 1
            continue
        if not usable:
            print('ok %d - %s # SKIP hemu has no -qmp yet' % (n, name))
            continue
        if who in t.skip:
            print('ok %d - %s # SKIP %s' % (n, name, t.skip[who]))
            continue
        fails = run_one(t, binary)
        if fails:
            failed += 1
            print('not ok %d - %s' % (n, name))
            for l in fails:
                print('# ' + l)
        else:
            print('ok %d - %s' % (n, name))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
