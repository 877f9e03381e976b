#!/usr/bin/env python3
"""Run the examples of the documentation against hemu, so docs and
behaviour cannot drift. Prints TAP.

- Every runnable example of the QMP schema (qapi-doc --examples), each on a
  fresh hemu -M none session, through the QMP transcript runner.
- Every ```qmp block of docs/*.md: a transcript in the runner's format
  (-> / <- lines, #! args: header), replayed the same way.

Usage: tests/docs/run.py [--build DIR]
SPDX-License-Identifier: MIT
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, 'tests', 'qmp'))
import run as qmprun  # noqa: E402  (the QMP transcript runner)


def schema_examples(build):
    out = subprocess.run([os.path.join(build, 'src', 'qapi', 'qapi-doc'),
                          '--examples'], stdout=subprocess.PIPE, check=True,
                         text=True).stdout
    for n, line in enumerate(out.splitlines()):
        ex = json.loads(line)
        if ex['not-run']:
            continue
        text = ''
        for direction, msg in ex['lines']:
            if isinstance(msg, dict) and 'event' in msg and 'timestamp' in msg:
                msg = dict(msg, timestamp='<object>')  # the time varies
            text += '%s %s\n' % (direction, json.dumps(msg))
        # the qmp_capabilities example negotiates itself
        if ex['name'] == 'qmp_capabilities':
            text = '#! raw\n' + text
        yield 'schema example %d of %s' % (n + 1, ex['name']), text


def markdown_examples():
    for path in sorted(glob.glob(os.path.join(TOP, 'docs', '*.md'))):
        if os.path.basename(path) == 'qmp-reference.md':
            continue  # generated from the schema: covered above
        text = open(path).read()
        for k, m in enumerate(re.finditer(r'```qmp\n(.*?)```', text, re.S)):
            line = text.count('\n', 0, m.start()) + 1
            yield '%s:%d (example %d)' % (os.path.relpath(path, TOP), line,
                                          k + 1), m.group(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    binary = os.path.join(build, 'hemu')
    cases = list(schema_examples(build)) + list(markdown_examples())
    print('1..%d' % len(cases))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, text) in enumerate(cases, 1):
            path = os.path.join(tmp, 'example.qmp')
            with open(path, 'w') as f:
                f.write(text)
            fails = qmprun.run_one(qmprun.Transcript(path), binary)
            if fails:
                failed += 1
                print('not ok %d - %s' % (i, name))
                for l in text.splitlines() + fails:
                    print('# ' + l)
            else:
                print('ok %d - %s' % (i, name))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
