#!/usr/bin/env python3
"""Machine descriptions, end to end. Prints TAP.

1. Every good description (good/NAME.yaml|json) builds the tree written in
   good/NAME.tree: each object with its type and the properties that differ
   from their defaults, the memory maps and the wires.
2. Every bad description (bad/NAME.yaml|json) fails with the error its first
   line gives ("# error: ..." or "// error: ..."), both from -machine-file
   (exit status 1) and over QMP, where nothing of the machine is left.
3. Every shipped machine (machines/) and every good description exports as
   JSON and as YAML to a file that loads into the same tree and exports
   identically (round trip).
4. Every shipped machine's --print-commands plan, replayed over QMP from
   no-machine, gives the same tree as -M NAME.
5. query-machines lists the shipped machines with their parameters.
6. $HEMU_MACHINE_PATH adds user folders to the machine search path.
7. Every description in docs/machine-description.md (a ```yaml block with a
   'machine:' line) loads and builds.

Usage: tests/machines/run.py [--build DIR] [--update]
  --update rewrites the good/*.tree files from what hemu builds (review them).
SPDX-License-Identifier: MIT
"""
import argparse
import glob
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, 'tests', 'qmp'))
_spec = importlib.util.spec_from_file_location(
    'startup_run', os.path.join(TOP, 'tests', 'startup', 'run.py'))
_startup = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_startup)
Client = _startup.Client

SUFFIXES = ('.yaml', '.yml', '.json')


def descriptions(folder):
    return sorted(f for f in glob.glob(os.path.join(folder, '*'))
                  if f.endswith(SUFFIXES))


def shipped():
    return [os.path.splitext(os.path.basename(f))[0]
            for f in descriptions(os.path.join(TOP, 'machines'))]


def tree(c):
    """The machine as text: objects, maps, wires (see the docstring)."""
    lines = []

    def walk(path):
        props = c.cmd('qom-list', path=path)
        typ = c.cmd('qom-get', path=path, property='type')
        vals = []
        children = []
        for p in props:
            if p['type'].startswith('child<'):
                children.append(path + '/' + p['name'])
                continue
            if p['name'] in ('type', 'realized'):
                continue
            v = c.cmd('qom-get', path=path, property=p['name'])
            if 'default-value' in p and p['default-value'] == v:
                continue
            if v in ('', None, []) and 'default-value' not in p:
                continue
            vals.append('%s=%s' % (p['name'], json.dumps(v)))
        lines.append(' '.join([path, typ] + vals))
        for ch in children:
            walk(ch)
            for w in c.cmd('query-connections', path=ch):
                if w['from'].startswith(ch + ':'):
                    lines.append('wire %s -> %s (%s)' % (w['from'], w['to'], w['kind']))

    walk('/machine')
    for a in c.cmd('query-memory-map'):
        if not a['path'].startswith('/machine/'):
            continue
        for r in a['ranges']:
            lines.append('map %s 0x%x-0x%x %s %s:%s+0x%x' % (
                a['path'], r['base'], r['last'], r['kind'], r['owner'],
                r['region'], r['offset']))
    return '\n'.join(lines) + '\n'


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, name, fails):
        self.n += 1
        if fails:
            self.failed += 1
            print('not ok %d - %s' % (self.n, name))
            for f in fails:
                for line in str(f).splitlines():
                    print('# ' + line)
        else:
            print('ok %d - %s' % (self.n, name))
        sys.stdout.flush()


def start(hemu, args):
    return Client([hemu, '-nodefaults', '-display', 'none', '-S'] + args +
                  ['-qmp', 'stdio'])


def built(hemu, args):
    c = start(hemu, args)
    try:
        return tree(c)
    finally:
        c.close()


def export(hemu, args, fmt):
    c = start(hemu, args)
    try:
        return c.cmd('machine-export', format=fmt)['data'], tree(c)
    finally:
        c.close()


def expected_error(path):
    with open(path) as f:
        first = f.readline().strip()
    for lead in ('# error: ', '// error: '):
        if first.startswith(lead):
            return first[len(lead):]
    return None


def check_good(tap, hemu, update):
    os.chdir(HERE)
    for f in descriptions('good'):
        rel = os.path.relpath(f, HERE)
        want_file = os.path.splitext(f)[0] + '.tree'
        fails = []
        try:
            got = built(hemu, ['-machine-file', rel])
            if update:
                with open(want_file, 'w') as w:
                    w.write(got)
            with open(want_file) as w:
                want = w.read()
            if got != want:
                fails.append('tree differs from %s:\n--- want\n%s--- got\n%s'
                             % (os.path.basename(want_file), want, got))
        except Exception as e:  # noqa: BLE001 (report, go on)
            fails.append(e)
        tap.check('good: %s builds %s' % (rel, os.path.basename(want_file)), fails)


def check_bad(tap, hemu):
    os.chdir(HERE)
    files = descriptions('bad')
    c = Client([hemu, '-nodefaults', '-display', 'none', '-preconfig',
                '-qmp', 'stdio'])
    for f in files:
        rel = os.path.relpath(f, HERE)
        want = expected_error(f)
        fails = []
        if want is None:
            fails.append('first line must be "# error: MESSAGE"')
        # over QMP: the error, and nothing left
        try:
            c.cmd('machine-set', file=rel)
            fails.append('machine-set succeeded')
        except RuntimeError as e:
            got = str(e)[len('machine-set: '):]
            if got != want:
                fails.append('QMP error:\n  want: %s\n  got:  %s' % (want, got))
        st = c.cmd('query-status')['status']
        names = [p['name'] for p in c.cmd('qom-list', path='/')]
        if st != 'no-machine' or 'machine' in names:
            fails.append('left behind: status %s, / has %s' % (st, names))
        # on the command line: exit status 1, the same message
        p = subprocess.run([hemu, '-nodefaults', '-machine-file', rel],
                           capture_output=True, text=True, timeout=30)
        if p.returncode != 1 or want is None or \
                not p.stderr.strip().endswith(': ' + want):
            fails.append('CLI: status %d, stderr %r' % (p.returncode, p.stderr))
        tap.check('bad: %s' % rel, fails)
    c.close()


def check_round_trip(tap, hemu, tmp):
    os.chdir(HERE)
    cases = [(['-M', m], 'machines/' + m) for m in shipped()]
    cases += [(['-machine-file', os.path.relpath(f, HERE)], os.path.relpath(f, HERE))
              for f in descriptions('good')]
    for args, name in cases:
        for fmt, suffix in (('json', '.json'), ('yaml', '.yaml')):
            fails = []
            try:
                text, orig = export(hemu, args, fmt)
                path = os.path.join(tmp, 'export' + suffix)
                with open(path, 'w') as w:
                    w.write(text)
                text2, again = export(hemu, ['-machine-file', path], fmt)
                if again != orig:
                    fails.append('tree differs:\n--- original\n%s--- loaded '
                                 'export\n%s' % (orig, again))
                if text2 != text:
                    fails.append('exports differ:\n--- first\n%s--- second\n%s'
                                 % (text, text2))
            except Exception as e:  # noqa: BLE001
                fails.append(e)
            tap.check('round trip (%s): %s' % (fmt, name), fails)


def check_replay(tap, hemu):
    for m in shipped():
        fails = []
        try:
            p = subprocess.run([hemu, '--print-commands', '-M', m],
                               capture_output=True, text=True, timeout=30)
            cmds = [json.loads(line) for line in p.stdout.splitlines()]
            if p.returncode != 0 or not cmds:
                fails.append('--print-commands: %d %s' % (p.returncode, p.stderr))
            c = Client([hemu, '-nodefaults', '-display', 'none', '-S',
                        '-preconfig', '-qmp', 'stdio'])
            for cmd in cmds:
                c.cmd(cmd['execute'], **cmd.get('arguments', {}))
            c.cmd('x-exit-preconfig')
            replayed = tree(c)
            c.close()
            direct = built(hemu, ['-M', m])
            if replayed != direct:
                fails.append('replayed plan differs:\n--- -M %s\n%s--- replayed\n%s'
                             % (m, direct, replayed))
        except Exception as e:  # noqa: BLE001
            fails.append(e)
        tap.check('replay of --print-commands: %s' % m, fails)


def check_listed(tap, hemu):
    c = start(hemu, [])
    listed = {m['name']: m for m in c.cmd('query-machines')}
    c.close()
    fails = []
    for m in shipped():
        if m not in listed:
            fails.append('%s not listed' % m)
        elif 'params' not in listed[m] or 'description' not in listed[m]:
            fails.append('%s listed without doc or params: %s' % (m, listed[m]))
    tap.check('query-machines lists the shipped machines', fails)


def check_doc_examples(tap, hemu, tmp):
    import re
    import shutil
    doc = os.path.join(TOP, 'docs', 'machine-description.md')
    with open(doc) as f:
        text = f.read()
    shutil.copytree(os.path.join(TOP, 'machines', 'lib'), os.path.join(tmp, 'lib'),
                    dirs_exist_ok=True)
    for m in re.finditer(r'```yaml\n(.*?)```', text, re.S):
        body = m.group(1)
        name = re.search(r'^machine: *(\S+)', body, re.M)
        if not name:
            continue
        line = text.count('\n', 0, m.start()) + 1
        path = os.path.join(tmp, name.group(1) + '.yaml')
        with open(path, 'w') as f:
            f.write(body)
        fails = []
        try:
            t = built(hemu, ['-machine-file', path])
            if t.count('\n') < 3:
                fails.append('built almost nothing:\n' + t)
        except Exception as e:  # noqa: BLE001
            fails.append(e)
        tap.check('docs/machine-description.md:%d (%s) loads' % (line, name.group(1)),
                  fails)


def check_search_path(tap, hemu, tmp):
    user = os.path.join(tmp, 'user-machines')
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, 'user-board.yaml'), 'w') as f:
        f.write('machine: user-board\ndoc: a board of the user\n'
                'objects:\n  r: { type: ram, props: { size: 4K } }\n')
    with open(os.path.join(user, 'misnamed.yaml'), 'w') as f:
        f.write('machine: other-name\ndoc: a file named after another machine\n')
    fails = []
    old = os.environ.get('HEMU_MACHINE_PATH')
    os.environ['HEMU_MACHINE_PATH'] = '/nonexistent:' + user
    try:
        t = built(hemu, ['-M', 'user-board'])
        if '/machine/r ram size=4096' not in t:
            fails.append('user-board not built:\n' + t)
        c = start(hemu, [])
        names = [m['name'] for m in c.cmd('query-machines')]
        c.close()
        if 'user-board' not in names or 'other-name' in names or 'misnamed' in names:
            fails.append('query-machines: %s' % names)
        p = subprocess.run([hemu, '-M', 'misnamed'], capture_output=True,
                           text=True, timeout=30)
        want = "misnamed.yaml describes machine 'other-name', not 'misnamed'"
        if p.returncode != 1 or want not in p.stderr:
            fails.append('misnamed: %d %r' % (p.returncode, p.stderr))
    except Exception as e:  # noqa: BLE001
        fails.append(e)
    finally:
        if old is None:
            del os.environ['HEMU_MACHINE_PATH']
        else:
            os.environ['HEMU_MACHINE_PATH'] = old
    tap.check('HEMU_MACHINE_PATH: user machines are found and listed', fails)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    ap.add_argument('--update', action='store_true')
    args = ap.parse_args()
    hemu = os.path.join(os.path.abspath(args.build), 'hemu')
    tap = Tap()
    with tempfile.TemporaryDirectory() as tmp:
        check_good(tap, hemu, args.update)
        check_bad(tap, hemu)
        check_round_trip(tap, hemu, tmp)
        check_replay(tap, hemu)
        check_listed(tap, hemu)
        check_search_path(tap, hemu, tmp)
        check_doc_examples(tap, hemu, tmp)
    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
