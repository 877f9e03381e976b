#!/usr/bin/env python3
"""Start-up as commands, end to end. Prints TAP.

1. The same machine built three ways -- all on the command line, all over
   QMP from no-machine (-preconfig), and from a -readconfig file -- gives
   identical object trees (a recursive dump over QMP: every object, every
   property value).
2. A client that connects while a long command line is still being run
   sees only the final state.
3. Bad options fail with the option, its position and a non-zero status.

Usage: tests/startup/run.py [--build DIR]
SPDX-License-Identifier: MIT
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, 'tests', 'qmp'))
import run as qmprun  # noqa: E402  (its Server speaks QMP over stdio)


class Client:
    """A QMP client on a Server (stdio) from the transcript runner."""

    def __init__(self, argv):
        self.srv = qmprun.Server(argv)
        greeting = self.srv.read_msg(10)
        assert 'QMP' in greeting, greeting
        assert self.cmd('qmp_capabilities') == {}

    def cmd(self, _name, **args):
        msg = {'execute': _name}
        if args:
            msg['arguments'] = args
        self.srv.send(json.dumps(msg).encode() + b'\n')
        while True:
            r = self.srv.read_msg(10)
            if r is None:
                raise RuntimeError('no reply to %s' % _name)
            if 'event' in r:
                continue
            if 'error' in r:
                raise RuntimeError('%s: %s' % (_name, r['error']['desc']))
            return r['return']

    def dump(self, path='/'):
        """{path: {property: value}} of the subtree at path."""
        out = {}
        props = {}
        for p in self.cmd('qom-list', path=path):
            if p['type'].startswith('child<'):
                child = path.rstrip('/') + '/' + p['name']
                out.update(self.dump(child))
            props[p['name']] = self.cmd('qom-get', path=path,
                                        property=p['name'])
        out[path] = props
        return out

    def close(self):
        try:
            self.cmd('quit')
        finally:
            report = qmprun.sanitizer_reports(self.srv.close())
        if report:
            raise RuntimeError('\n'.join(report))


COMMANDS = [
    ('machine-set', {'type': 'none'}),
    ('object-add', {'qom-type': 'address-space', 'id': 'sysmem'}),
    ('device_add', {'driver': 'ram', 'id': 'sram', 'size': '64K'}),
    ('device_add', {'driver': 'rom', 'id': 'boot', 'size': '4K',
                    'realized': False}),
    ('object-add', {'qom-type': 'container', 'id': 'soc',
                    'parent': '/machine'}),
    ('device_add', {'driver': 'ram', 'parent': '/machine/soc',
                    'size': '1M'}),
]

CLI = ['-M', 'none',
       '-object', 'address-space,id=sysmem',
       '-device', 'ram,id=sram,size=64K',
       '-device', 'rom,id=boot,size=4K,realized=off',
       '-object', 'container,id=soc,parent=/machine',
       '-device', 'ram,parent=/machine/soc,size=1M']


def base(binary):
    return [binary, '-nodefaults', '-display', 'none']


def three_ways(binary, tmp):
    c = Client(base(binary) + CLI + ['-qmp', 'stdio'])
    by_cli = c.dump()
    c.close()

    c = Client(base(binary) + ['-preconfig', '-qmp', 'stdio'])
    for name, args in COMMANDS:
        c.cmd(name, **args)
    c.cmd('x-exit-preconfig')
    by_qmp = c.dump()
    c.close()

    path = os.path.join(tmp, 'board.yaml')
    with open(path, 'w') as f:
        for name, args in COMMANDS:
            f.write('- execute: %s\n  arguments: %s\n' % (name, json.dumps(args)))
    c = Client(base(binary) + ['-readconfig', path, '-qmp', 'stdio'])
    by_file = c.dump()
    c.close()

    fails = []
    if len(by_cli) < 8:
        fails.append('tree too small: %s' % sorted(by_cli))
    for name, tree in (('qmp', by_qmp), ('readconfig', by_file)):
        if tree != by_cli:
            fails.append('%s tree differs from the CLI tree:' % name)
            for p in sorted(set(tree) | set(by_cli)):
                if tree.get(p) != by_cli.get(p):
                    fails.append('  %s: cli %s, %s %s' % (p, by_cli.get(p),
                                                          name, tree.get(p)))
    return fails


def connect_during_cli(binary, tmp):
    sock = os.path.join(tmp, 'qmp.sock')
    n = 5000
    argv = base(binary) + ['-qmp', 'unix:%s,server=on,wait=off' % sock,
                           '-M', 'none']
    for i in range(n):
        argv += ['-object', 'container,id=c%d' % i]
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    s = socket.socket(socket.AF_UNIX)
    deadline = time.time() + 10
    while True:
        try:
            s.connect(sock)
            break
        except OSError:
            if time.time() > deadline or p.poll() is not None:
                p.kill()
                return ['could not connect while the command line ran']
            time.sleep(0.0005)
    f = s.makefile('rwb', buffering=0)

    def ask(msg):
        f.write(json.dumps(msg).encode() + b'\n')
        while True:
            r = json.loads(f.readline())
            if 'event' not in r:
                return r

    fails = []
    greeting = json.loads(f.readline())
    if 'QMP' not in greeting:
        fails.append('no greeting: %r' % greeting)
    ask({'execute': 'qmp_capabilities'})
    st = ask({'execute': 'query-status'})['return']['status']
    objs = [x for x in ask({'execute': 'qom-list',
                            'arguments': {'path': '/objects'}})['return']
            if x['type'].startswith('child<')]
    if st != 'running' or len(objs) != n:
        fails.append('saw status %s and %d of %d objects' % (st, len(objs), n))
    ask({'execute': 'quit'})
    s.close()
    p.wait(10)
    return fails


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sock_connect(family, addr, deadline):
    while True:
        s = socket.socket(family)
        try:
            s.connect(addr)
            return s
        except OSError:
            s.close()
            if time.time() > deadline:
                raise
            time.sleep(0.01)


class SockClient:
    def __init__(self, s):
        self.s = s
        self.f = s.makefile('rwb', buffering=0)
        self.greeting = json.loads(self.f.readline())

    def ask(self, msg):
        self.f.write(json.dumps(msg).encode() + b'\n')
        while True:
            r = json.loads(self.f.readline())
            if 'event' not in r:
                return r


def transports(binary, tmp):
    """-qmp unix and -chardev socket (tcp) + -mon at once; a client that
    goes away mid-message; a new client on the same monitor; query-chardev
    lists both monitors' chardevs."""
    sock = os.path.join(tmp, 'u.sock')
    port = free_port()
    argv = base(binary) + ['-M', 'none',
                           '-qmp', 'unix:%s,server=on,wait=off' % sock,
                           '-chardev', 'socket,id=mon1,host=127.0.0.1,port=%d,'
                           'server=on,wait=off' % port,
                           '-mon', 'chardev=mon1,mode=control']
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    fails = []
    try:
        dl = time.time() + 10
        u = SockClient(sock_connect(socket.AF_UNIX, sock, dl))
        t = SockClient(sock_connect(socket.AF_INET, ('127.0.0.1', port), dl))
        for c in (u, t):
            if 'QMP' not in c.greeting:
                fails.append('no greeting: %r' % c.greeting)
            c.ask({'execute': 'qmp_capabilities'})
        # one monitor changes the machine, the other sees it and the event
        r = t.ask({'execute': 'stop'})
        if r != {'return': {}}:
            fails.append('stop over tcp: %r' % r)
        st = u.ask({'execute': 'query-status'})['return']['status']
        if st != 'paused':
            fails.append('unix monitor sees %s after stop over tcp' % st)
        # the tcp client leaves in the middle of a message
        t.f.write(b'{"execute": "qom-li')
        t.f.close()
        t.s.close()
        # a new client gets a fresh greeting and negotiation
        t2 = SockClient(sock_connect(socket.AF_INET, ('127.0.0.1', port), dl))
        r = t2.ask({'execute': 'query-status'})
        if r.get('error', {}).get('class') != 'CommandNotFound':
            fails.append('new client skipped negotiation: %r' % r)
        t2.ask({'execute': 'qmp_capabilities'})
        r = t2.ask({'execute': 'qom-get', 'arguments':
                    {'path': '/machine', 'property': 'type'}})
        if r != {'return': 'none-machine'}:
            fails.append('qom-get on the new client: %r' % r)
        # the monitors' chardevs are objects, listed with their frontend
        r = u.ask({'execute': 'query-chardev'})
        want = [{'label': 'compat_monitor0', 'frontend-open': True,
                 'filename': 'unix:%s,server=on' % sock},
                {'label': 'mon1', 'frontend-open': True,
                 'filename': 'tcp:127.0.0.1:%d,server=on' % port}]
        if r != {'return': want}:
            fails.append('query-chardev: %r' % r)
        u.ask({'execute': 'quit'})
        p.wait(10)
    except Exception as e:
        fails.append('%s: %s' % (type(e).__name__, e))
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return fails


def bad_options(binary, tmp):
    fails = []
    cases = [
        (['-M', 'none', '-device', 'ram,size=1Q'],
         "hemu: -device ram,size=1Q (argument 3): Parameter 'size' expects a size value"),
        (['-device', 'ram'],
         "hemu: -device ram (argument 1): The command device_add is not available in state 'no-machine'"),
        (['-M', 'none', '-frobnicate'],
         "hemu: -frobnicate (argument 3): unknown option"),
        (['-M', 'none', '-device'],
         "hemu: -device (argument 3) needs an argument"),
        (['-readconfig', os.path.join(tmp, 'missing.yaml')],
         "hemu: -readconfig %s (argument 1): " % os.path.join(tmp, 'missing.yaml')),
    ]
    for argv, want in cases:
        p = subprocess.run([binary] + argv, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=10)
        if p.returncode == 0 or not p.stderr.startswith(want):
            fails.append('%s: status %d, stderr %r' % (' '.join(argv),
                                                      p.returncode, p.stderr))
    return fails


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    args = ap.parse_args()
    binary = os.path.join(os.path.abspath(args.build), 'hemu')
    tests = [('three ways to build one machine give one tree', three_ways),
             ('a client connecting during the command line sees the final state',
              connect_during_cli),
             ('two monitors, a client leaving mid-message, a new client',
              transports),
             ('bad options name the option and its position', bad_options)]
    print('1..%d' % len(tests))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, fn) in enumerate(tests, 1):
            try:
                fails = fn(binary, tmp)
            except Exception as e:  # a crash of the test is a failure
                fails = ['%s: %s' % (type(e).__name__, e)]
            print('%s %d - %s' % ('not ok' if fails else 'ok', i, name))
            for l in fails:
                print('# ' + l)
            failed += bool(fails)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
