/* Unit tests for the QMP session protocol (fake dispatcher, in-memory
 * transport) and QMP monitors on socket and stdio chardev objects (the
 * default GMainContext).
 * Expected bytes are what qemu-system-riscv64 7.2 sends.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "monitor/qmp.h"
#include "chardev/chardev.h"
#include "monitor/monitor.h"
#include "system/types.h"

#define GREETING "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 1," \
    " \"major\": 0}, \"package\": \"hemu-test\"}, \"capabilities\": []}}\r\n"

typedef struct Fixture {
    QmpServer *srv;
    int wakeups, overflows;
    QmpSession *last;       /* session of the last dispatch */
} Fixture;

/* The fake dispatcher: a few commands with QEMU-like behaviour. */
static json_t *fake_dispatch(void *opaque, QmpSession *s, const char *name,
                             json_t *args, Error **errp)
{
    Fixture *f = opaque;

    f->last = s;
    if (!strcmp(name, "qmp_capabilities")) {
        const char *key;
        json_t *v;

        json_object_foreach(args, key, v) {
            if (strcmp(key, "enable")) {
                error_setg(errp, "Parameter '%s' is unexpected", key);
                return NULL;
            }
        }
        return qmp_session_accept_capabilities(s, json_object_get(args,
                                               "enable"), errp)
            ? json_object() : NULL;
    }
    if (!strcmp(name, "query-status")) {
        return json_pack("{s:b,s:b,s:s}", "running", 1, "singlestep", 0,
                         "status", "running");
    }
    if (!strcmp(name, "echo")) {
        return json_incref(args);
    }
    if (!strcmp(name, "nothing")) {
        return NULL;
    }
    if (!strcmp(name, "stop")) {
        qmp_server_emit_event_at(f->srv, "STOP", NULL, 1700000000123456);
        return NULL;
    }
    if (!strcmp(name, "suspend")) {
        qmp_session_suspend(s);
        return NULL;
    }
    if (!strcmp(name, "close")) {
        qmp_session_free(s);
        return NULL;
    }
    error_set(errp, ERROR_CLASS_COMMAND_NOT_FOUND,
              "The command %s has not been found", name);
    return NULL;
}

static void op_wakeup(void *io)
{
    ((Fixture *)io)->wakeups++;
}

static void op_overflow(void *io)
{
    ((Fixture *)io)->overflows++;
}

static const QmpSessionOps mem_ops = {
    .wakeup = op_wakeup,
    .overflow = op_overflow,
};

static void fixture_init(Fixture *f, size_t out_high, size_t out_max)
{
    QmpServerConfig cfg = {
        .dispatch = fake_dispatch, .opaque = f,
        .major = 0, .minor = 1, .micro = 0, .package = "hemu-test",
        .out_high = out_high, .out_max = out_max,
    };

    memset(f, 0, sizeof(*f));
    f->srv = qmp_server_new(&cfg);
}

/* Take all pending output of s as a string. */
static char *take(QmpSession *s)
{
    size_t len;
    const char *p = qmp_session_output(s, &len);
    char *r = g_strndup(p, len);

    qmp_session_consume(s, len);
    return r;
}

static void feed_str(QmpSession *s, const char *str)
{
    qmp_session_feed(s, str, strlen(str));
}

/* Send `in`, expect exactly `out`. */
static void check(QmpSession *s, const char *in, const char *out)
{
    char *got;

    feed_str(s, in);
    got = take(s);
    g_assert_cmpstr(got, ==, out);
    g_free(got);
}

static QmpSession *new_negotiated(Fixture *f)
{
    QmpSession *s = qmp_session_new(f->srv, &mem_ops, f, 0);

    g_free(take(s));
    check(s, "{\"execute\":\"qmp_capabilities\"}", "{\"return\": {}}\r\n");
    return s;
}

static void test_greeting(void)
{
    Fixture f;
    QmpSession *s;
    char *g;

    fixture_init(&f, 0, 0);
    s = qmp_session_new(f.srv, &mem_ops, &f, 0);
    g = take(s);
    g_assert_cmpstr(g, ==, GREETING);
    g_free(g);
    qmp_session_free(s);
    qmp_server_free(f.srv);
}

static void test_negotiation(void)
{
    Fixture f;
    QmpSession *s;

    fixture_init(&f, 0, 0);
    s = qmp_session_new(f.srv, &mem_ops, &f, 0);
    g_free(take(s));
    g_assert_false(qmp_session_in_command_mode(s));
    check(s, "{\"execute\":\"query-status\",\"id\":\"a\"}",
          "{\"id\": \"a\", \"error\": {\"class\": \"CommandNotFound\", \"desc\": "
          "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}}\r\n");
    check(s, "{\"execute\":\"nope\",\"arguments\":{\"x\":1}}",
          "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
          "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}}\r\n");
    /* request errors come before the negotiation rule */
    check(s, "[]", "{\"error\": {\"class\": \"GenericError\", \"desc\": "
          "\"QMP input must be a JSON object\"}}\r\n");
    check(s, "{\"exec-oob\":\"qmp_capabilities\"}",
          "{\"error\": {\"class\": \"GenericError\", \"desc\": "
          "\"QMP input member 'exec-oob' is unexpected\"}}\r\n");
    /* argument errors of qmp_capabilities itself */
    check(s, "{\"execute\":\"qmp_capabilities\",\"arguments\":{\"foo\":1},\"id\":2}",
          "{\"id\": 2, \"error\": {\"class\": \"GenericError\", \"desc\": "
          "\"Parameter 'foo' is unexpected\"}}\r\n");
    check(s, "{\"execute\":\"qmp_capabilities\",\"arguments\":{\"enable\":[\"oob\"]}}",
          "{\"error\": {\"class\": \"GenericError\", \"desc\": "
          "\"Capability 'oob' not available\"}}\r\n");
    /* no event before negotiation */
    qmp_server_emit_event_at(f.srv, "STOP", NULL, 0);
    check(s, "", "");
    check(s, "{\"execute\":\"qmp_capabilities\",\"arguments\":{\"enable\":[]},"
          "\"id\":{\"x\":[1]}}", "{\"return\": {}, \"id\": {\"x\": [1]}}\r\n");
    g_assert_true(qmp_session_in_command_mode(s));
    check(s, "{\"execute\":\"qmp_capabilities\"}",
          "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
          "\"Capabilities negotiation is already complete, command ignored\"}}\r\n");
    /* validation of its arguments still comes first, as in QEMU */
    check(s, "{\"execute\":\"qmp_capabilities\",\"arguments\":{\"foo\":1},\"id\":2}",
          "{\"id\": 2, \"error\": {\"class\": \"GenericError\", \"desc\": "
          "\"Parameter 'foo' is unexpected\"}}\r\n");
    check(s, "{\"execute\":\"query-status\"}",
          "{\"return\": {\"status\": \"running\", \"singlestep\": false, "
          "\"running\": true}}\r\n");
    qmp_session_free(s);
    qmp_server_free(f.srv);
}

/* Every request error, with id echo where QEMU echoes it. */
static void test_request_errors(void)
{
    static const char *const io[][2] = {
        { "[]", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input must be a JSON object\"}}\r\n" },
        { "1 ", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input must be a JSON object\"}}\r\n" },
        { "{}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input lacks member 'execute'\"}}\r\n" },
        { "{\"id\":7}", "{\"id\": 7, \"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input lacks member 'execute'\"}}\r\n" },
        { "{\"execute\":1}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input member 'execute' must be a string\"}}\r\n" },
        { "{\"arguments\":{}, \"execute\":1}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input member 'execute' must be a string\"}}\r\n" },
        { "{\"execute\":\"echo\",\"arguments\":[]}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input member 'arguments' must be an object\"}}\r\n" },
        { "{\"execute\":\"echo\",\"foo\":1}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input member 'foo' is unexpected\"}}\r\n" },
        { "{\"id\":1, \"foo\":1, \"execute\":\"x\"}", "{\"id\": 1, \"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input member 'foo' is unexpected\"}}\r\n" },
        { "{\"exec-oob\":\"echo\",\"id\":1}", "{\"id\": 1, \"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input member 'exec-oob' is unexpected\"}}\r\n" },
        { "{\"execute\":\"x\",\"exec-oob\":\"y\"}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input member 'exec-oob' is unexpected\"}}\r\n" },
        { "{\"execute\":\"nope\",\"id\":[1,{\"a\":null}]}", "{\"id\": [1, {\"a\": null}], \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command nope has not been found\"}}\r\n" },
        { "{\"id\":null,\"execute\":\"x\"}", "{\"id\": null, \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command x has not been found\"}}\r\n" },
        { "{\"execute\":\"x\",\"id\":\"\\u0000\\u00e9\\ud83d\\ude00\"}", "{\"id\": \"\\u0000\\u00E9\\uD83D\\uDE00\", \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command x has not been found\"}}\r\n" },
        /* parse errors never carry an id */
        { "{\"execute\":\"x\",\"id\":1,}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, expecting value\"}}\r\n" },
        { "{\"execute\":\"x\x01\"}", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, stray '\\\"x\\u0001'\"}}\r\n"
          "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, expecting value\"}}\r\n" },
        { "\xff", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, stray '\\uFFFD'\"}}\r\n" },
        /* successes */
        { "{\"execute\":\"nothing\",\"id\":\"n\"}", "{\"return\": {}, \"id\": \"n\"}\r\n" },
        { "{'execute':'echo','arguments':{'b':1,'a':'x'},'id':0}", "{\"return\": {\"a\": \"x\", \"b\": 1}, \"id\": 0}\r\n" },
        { "{\"execute\":\"echo\"}{\"execute\":\"echo\"}", "{\"return\": {}}\r\n{\"return\": {}}\r\n" },
        { "{\"execute\":\"stop\"}", "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 123456}, \"event\": \"STOP\"}\r\n{\"return\": {}}\r\n" },
    };
    Fixture f;
    QmpSession *s;

    fixture_init(&f, 0, 0);
    s = new_negotiated(&f);
    for (size_t i = 0; i < G_N_ELEMENTS(io); i++) {
        check(s, io[i][0], io[i][1]);
    }
    qmp_session_free(s);
    qmp_server_free(f.srv);
}

/* The same conversation fed one byte at a time gives the same bytes. */
static void test_bytewise(void)
{
    static const char in[] =
        "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"echo\",\"arguments\":"
        "{\"k\":[1,2.5,\"\\u20ac\"]},\"id\":\"x\"}\n{]\n{\"execute\":\"nope\"}";
    Fixture f;
    QmpSession *a, *b;
    char *ta, *tb;

    fixture_init(&f, 0, 0);
    a = qmp_session_new(f.srv, &mem_ops, &f, 0);
    b = qmp_session_new(f.srv, &mem_ops, &f, 0);
    qmp_session_feed(a, in, sizeof(in) - 1);
    for (size_t i = 0; i < sizeof(in) - 1; i++) {
        qmp_session_feed(b, in + i, 1);
    }
    ta = take(a);
    tb = take(b);
    g_assert_cmpstr(ta, ==, tb);
    g_assert_nonnull(strstr(ta, "{\"return\": {\"k\": [1, 2.5, \"\\u20AC\"]}, \"id\": \"x\"}\r\n"));
    g_free(ta);
    g_free(tb);
    qmp_session_free(a);
    qmp_session_free(b);
    qmp_server_free(f.srv);
}

static void test_events(void)
{
    Fixture f;
    QmpSession *a, *b, *neg;
    char *t;

    fixture_init(&f, 0, 0);
    a = new_negotiated(&f);
    b = new_negotiated(&f);
    neg = qmp_session_new(f.srv, &mem_ops, &f, 0);
    g_free(take(neg));
    qmp_server_emit_event_at(f.srv, "DEVICE_DELETED",
                             json_pack("{s:s,s:s}", "device", "d0", "path",
                                       "/machine/peripheral/d0"),
                             1795313393618443);
    t = take(a);
    g_assert_cmpstr(t, ==, "{\"timestamp\": {\"seconds\": 1795313393, "
                    "\"microseconds\": 618443}, \"event\": \"DEVICE_DELETED\", "
                    "\"data\": {\"device\": \"d0\", "
                    "\"path\": \"/machine/peripheral/d0\"}}\r\n");
    g_free(t);
    t = take(b);
    g_assert_cmpstr(t, !=, "");
    g_free(t);
    t = take(neg);
    g_assert_cmpstr(t, ==, "");     /* still negotiating */
    g_free(t);
    /* wall clock stamp */
    qmp_server_emit_event(f.srv, "RESUME", NULL);
    t = take(a);
    g_assert_true(g_str_has_prefix(t, "{\"timestamp\": {\"seconds\": "));
    g_assert_true(g_str_has_suffix(t, "}, \"event\": \"RESUME\"}\r\n"));
    g_free(t);
    qmp_session_free(a);
    qmp_session_free(b);
    qmp_session_free(neg);
    qmp_server_free(f.srv);
}

static void test_suspend(void)
{
    Fixture f;
    QmpSession *s;
    char *t;

    fixture_init(&f, 0, 0);
    /* a command-line monitor starts suspended: greeting, no replies */
    s = qmp_session_new(f.srv, &mem_ops, &f, 1);
    t = take(s);
    g_assert_cmpstr(t, ==, GREETING);
    g_free(t);
    g_assert_false(qmp_session_wants_input(s));
    check(s, "{\"execute\":\"qmp_capabilities\"}{\"execute\":\"echo\",\"id\":1}",
          "");
    qmp_session_resume(s);
    g_assert_cmpint(f.wakeups, ==, 1);
    check(s, "", "{\"return\": {}}\r\n{\"return\": {}, \"id\": 1}\r\n");
    g_assert_true(qmp_session_wants_input(s));

    /* a handler suspends: the rest of the same buffer waits */
    check(s, "{\"execute\":\"suspend\",\"id\":1}{\"execute\":\"echo\",\"id\":2}",
          "{\"return\": {}, \"id\": 1}\r\n");
    /* events still flow while suspended */
    qmp_server_emit_event_at(f.srv, "X", NULL, 0);
    check(s, "{\"execute\":\"echo\",\"id\":3}",
          "{\"timestamp\": {\"seconds\": 0, \"microseconds\": 0}, \"event\": \"X\"}\r\n");
    qmp_session_resume(s);
    check(s, "", "{\"return\": {}, \"id\": 2}\r\n{\"return\": {}, \"id\": 3}\r\n");

    /* one byte completing two values while suspended after the first */
    check(s, "{\"execute\":\"suspend\"}", "{\"return\": {}}\r\n");
    check(s, "1]", "");
    qmp_session_resume(s);
    check(s, "", "{\"error\": {\"class\": \"GenericError\", \"desc\": "
          "\"QMP input must be a JSON object\"}}\r\n{\"error\": {\"class\": "
          "\"GenericError\", \"desc\": \"JSON parse error, expecting value\"}}\r\n");
    qmp_session_free(s);
    qmp_server_free(f.srv);
}

static void test_free_in_handler(void)
{
    Fixture f;
    QmpSession *s;

    fixture_init(&f, 0, 0);
    s = new_negotiated(&f);
    g_assert_false(qmp_session_feed(s, "{\"execute\":\"close\"}{\"execute\":\"echo\"}", 39));
    qmp_server_free(f.srv);     /* no session left */
}

static void test_output_flow(void)
{
    Fixture f;
    QmpSession *s;
    char *t;
    int n = 0;
    const char *p;

    fixture_init(&f, 64, 4096);
    s = new_negotiated(&f);
    /* above 64 bytes of unsent output, requests wait */
    f.wakeups = 0;
    feed_str(s, "{\"execute\":\"query-status\"}{\"execute\":\"query-status\"}"
             "{\"execute\":\"query-status\"}");
    g_assert_false(qmp_session_wants_input(s));
    t = take(s);    /* draining wakes the transport up */
    for (p = t; (p = strstr(p, "\r\n")); p++) {
        n++;
    }
    g_assert_cmpint(n, ==, 1);
    g_assert_cmpint(f.wakeups, ==, 1);
    g_free(t);
    check(s, "", "{\"return\": {\"status\": \"running\", \"singlestep\": false, "
          "\"running\": true}}\r\n");
    g_free(take(s));
    feed_str(s, "");
    g_free(take(s));
    g_assert_true(qmp_session_wants_input(s));

    /* events beyond out_max drop the client */
    for (int i = 0; i < 200 && !f.overflows; i++) {
        qmp_server_emit_event_at(f.srv, "TICK", NULL, 0);
    }
    g_assert_cmpint(f.overflows, ==, 1);
    g_assert_false(qmp_session_feed(s, "{}", 2));
    qmp_session_free(s);
    qmp_server_free(f.srv);
}

static void test_no_dispatcher(void)
{
    QmpServerConfig cfg = { .major = 7, .minor = 2, .micro = 0 };
    QmpServer *srv = qmp_server_new(&cfg);
    QmpSession *s = qmp_session_new(srv, NULL, NULL, 0);
    char *g = take(s);

    g_assert_cmpstr(g, ==, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, "
                    "\"minor\": 2, \"major\": 7}, \"package\": \"\"}, "
                    "\"capabilities\": []}}\r\n");
    g_free(g);
    check(s, "{\"execute\":\"qmp_capabilities\"}", "{\"return\": {}}\r\n");
    check(s, "{\"execute\":\"x\"}", "{\"error\": {\"class\": \"CommandNotFound\", "
          "\"desc\": \"The command x has not been found\"}}\r\n");
    qmp_session_free(s);
    qmp_server_free(srv);
}

/* ---- transports ---- */

typedef struct Net {
    Fixture f;
    GMainContext *ctx;      /* the default context: chardevs run there */
    Object *root;           /* holds the chardev objects */
    int closed;
} Net;

static void on_closed(void *opaque, QmpMonitor *mon)
{
    Net *n = opaque;

    n->closed++;
}

static void net_init(Net *n, size_t out_max)
{
    Error *err = NULL;

    memset(n, 0, sizeof(*n));
    fixture_init(&n->f, 0, out_max);
    n->ctx = NULL;
    g_assert_true(hemu_types_init(&err));
    n->root = object_new_root();
}

static void net_fini(Net *n)
{
    while (g_main_context_iteration(n->ctx, FALSE)) {
        continue;
    }
    object_destroy(n->root);
    qmp_server_free(n->f.srv);
}

/* A realized chardev of type `type` with properties `props` (JSON). */
static Chardev *new_chardev(Net *n, const char *type, const char *props)
{
    static unsigned seq;    /* names only */
    g_autofree char *name = g_strdup_printf("c%u", seq++);
    Error *err = NULL;
    Object *obj = object_new_child(n->root, type, name, &err);
    json_t *p = json_loads(props, 0, NULL);
    const char *key;
    json_t *v;

    g_assert_nonnull(obj);
    json_object_foreach(p, key, v) {
        g_assert_true(object_prop_set(obj, key, v, false, &err));
    }
    json_decref(p);
    if (!object_realize(obj, &err)) {
        g_error("%s", err->msg);
    }
    return (Chardev *)obj;
}

/* A monitor (not suspended) on a new socket chardev; props as JSON. */
static QmpMonitor *open_mon(Net *n, const char *props)
{
    Error *err = NULL;
    QmpMonitor *mon = qmp_monitor_new(n->f.srv,
                                      new_chardev(n, "chardev-socket", props),
                                      0, &err);

    g_assert_nonnull(mon);
    qmp_monitor_set_closed_handler(mon, on_closed, n);
    return mon;
}

static const char *mon_address(QmpMonitor *mon)
{
    return chardev_socket_address(qmp_monitor_chardev(mon));
}

/* Free a monitor and its chardev (a UNIX socket file is removed). */
static void close_mon(QmpMonitor *mon)
{
    Chardev *c = qmp_monitor_chardev(mon);

    qmp_monitor_free(mon);
    object_destroy(&c->obj);
}

static int connect_to(const char *address)
{
    int fd;

    if (g_str_has_prefix(address, "unix:")) {
        struct sockaddr_un sun = { .sun_family = AF_UNIX };

        g_strlcpy(sun.sun_path, address + 5, sizeof(sun.sun_path));
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        g_assert_cmpint(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), ==, 0);
    } else {
        g_autofree char *hp = g_strdup(address + 4);
        char *colon = strrchr(hp, ':');
        struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res;

        *colon = 0;
        g_assert_cmpint(getaddrinfo(hp, colon + 1, &hints, &res), ==, 0);
        fd = socket(res->ai_family, SOCK_STREAM, 0);
        g_assert_cmpint(connect(fd, res->ai_addr, res->ai_addrlen), ==, 0);
        freeaddrinfo(res);
    }
    return fd;
}

/* Run the loop until `fd` delivered a full line (CRLF); "" on timeout. */
static char *read_line(Net *n, int fd, GString *buf)
{
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    char tmp[4096];

    for (;;) {
        char *eol = strstr(buf->str, "\r\n");
        ssize_t r;

        if (eol) {
            char *line = g_strndup(buf->str, eol + 2 - buf->str);
            g_string_erase(buf, 0, eol + 2 - buf->str);
            return line;
        }
        if (g_get_monotonic_time() > end) {
            return g_strdup("");
        }
        g_main_context_iteration(n->ctx, FALSE);
        r = recv(fd, tmp, sizeof(tmp), MSG_DONTWAIT);
        if (r > 0) {
            g_string_append_len(buf, tmp, r);
        } else if (r == 0) {
            return g_strdup("EOF");
        } else {
            g_usleep(200);
        }
    }
}

static void expect_line(Net *n, int fd, GString *buf, const char *want)
{
    char *line = read_line(n, fd, buf);

    g_assert_cmpstr(line, ==, want);
    g_free(line);
}

/* Nothing arrives within a short while. */
static void expect_silence(Net *n, int fd)
{
    char c;

    for (int i = 0; i < 50; i++) {
        g_main_context_iteration(n->ctx, FALSE);
        g_usleep(1000);
    }
    g_assert_cmpint(recv(fd, &c, 1, MSG_DONTWAIT), ==, -1);
}

static void sendstr(int fd, const char *s)
{
    g_assert_cmpint(send(fd, s, strlen(s), 0), ==, (ssize_t)strlen(s));
}

static void test_socket_reconnect(void)
{
    Net n;
    g_autofree char *dir = g_dir_make_tmp("hemu-qmp-XXXXXX", NULL);
    g_autofree char *sock = g_strdup_printf("%s/m.sock", dir);
    g_autofree char *spec = g_strdup_printf("{\"path\": \"%s\", \"server\": true, "
                                            "\"wait\": false}", sock);
    QmpMonitor *mon;
    GString *ba = g_string_new(NULL), *bb = g_string_new(NULL);
    int a, b;

    net_init(&n, 0);
    mon = open_mon(&n, spec);
    a = connect_to(mon_address(mon));
    expect_line(&n, a, ba, GREETING);
    /* a second client waits (one at a time, as QEMU) */
    b = connect_to(mon_address(mon));
    expect_silence(&n, b);
    sendstr(a, "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"query-stat");
    expect_line(&n, a, ba, "{\"return\": {}}\r\n");
    close(a);   /* mid-message: the partial request is dropped */
    expect_line(&n, b, bb, GREETING);
    g_assert_cmpint(n.closed, ==, 1);
    /* fresh session: negotiation again, parser state fresh */
    sendstr(b, "us\"}\n");
    expect_line(&n, b, bb, "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                "\"JSON parse error, invalid keyword 'us'\"}}\r\n");
    expect_line(&n, b, bb, "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                "\"JSON parse error, stray '\\\"}\\n'\"}}\r\n");
    sendstr(b, "{\"execute\":\"query-status\"}\n");
    expect_line(&n, b, bb, "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
                "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}}\r\n");
    close(b);
    while (n.closed < 2) {
        g_main_context_iteration(n.ctx, TRUE);
    }
    close_mon(mon);
    g_assert_false(g_file_test(sock, G_FILE_TEST_EXISTS));
    g_rmdir(dir);
    g_string_free(ba, TRUE);
    g_string_free(bb, TRUE);
    net_fini(&n);
}

static void test_two_monitors(void)
{
    Net n;
    g_autofree char *dir = g_dir_make_tmp("hemu-qmp-XXXXXX", NULL);
    g_autofree char *sock = g_strdup_printf("%s/m.sock", dir);
    g_autofree char *spec = g_strdup_printf("{\"path\": \"%s\", \"server\": true, "
                                            "\"wait\": false}", sock);
    QmpMonitor *mu, *mt;
    GString *bu = g_string_new(NULL), *bt = g_string_new(NULL);
    int u, t;

    net_init(&n, 0);
    mu = open_mon(&n, spec);
    mt = open_mon(&n, "{\"port\": \"0\", \"server\": true, \"wait\": false}");
    g_assert_true(g_str_has_prefix(mon_address(mt), "tcp:127.0.0.1:"));
    u = connect_to(mon_address(mu));
    t = connect_to(mon_address(mt));
    expect_line(&n, u, bu, GREETING);
    expect_line(&n, t, bt, GREETING);
    sendstr(u, "{\"execute\":\"qmp_capabilities\"}");
    sendstr(t, "{\"execute\":\"qmp_capabilities\",\"id\":\"t\"}");
    expect_line(&n, u, bu, "{\"return\": {}}\r\n");
    expect_line(&n, t, bt, "{\"return\": {}, \"id\": \"t\"}\r\n");
    /* an event reaches both; the reply only the asker */
    sendstr(t, "{\"execute\":\"stop\"}");
    expect_line(&n, t, bt, "{\"timestamp\": {\"seconds\": 1700000000, "
                "\"microseconds\": 123456}, \"event\": \"STOP\"}\r\n");
    expect_line(&n, t, bt, "{\"return\": {}}\r\n");
    expect_line(&n, u, bu, "{\"timestamp\": {\"seconds\": 1700000000, "
                "\"microseconds\": 123456}, \"event\": \"STOP\"}\r\n");
    /* suspend one monitor: the other still answers */
    qmp_monitor_suspend(mu);
    sendstr(u, "{\"execute\":\"nothing\",\"id\":1}");
    sendstr(t, "{\"execute\":\"nothing\",\"id\":2}");
    expect_line(&n, t, bt, "{\"return\": {}, \"id\": 2}\r\n");
    expect_silence(&n, u);
    qmp_monitor_resume(mu);
    expect_line(&n, u, bu, "{\"return\": {}, \"id\": 1}\r\n");
    close(u);
    close(t);
    close_mon(mu);
    close_mon(mt);
    g_rmdir(dir);
    g_string_free(bu, TRUE);
    g_string_free(bt, TRUE);
    net_fini(&n);
}

/* A client that never reads does not block a client of another monitor;
 * past out_max it is dropped. */
static void test_slow_client(void)
{
    Net n;
    QmpMonitor *ms, *mf;
    GString *bs = g_string_new(NULL), *bf = g_string_new(NULL);
    int slow, fast, rcv = 4096;
    json_t *blob = json_pack("{s:s}", "x", "");
    char *big = g_malloc(65536);

    memset(big, 'y', 65535);
    big[65535] = 0;
    json_object_set_new(blob, "x", json_string(big));
    net_init(&n, 2 << 20);
    ms = open_mon(&n, "{\"host\": \"127.0.0.1\", \"port\": \"0\", "
                  "\"server\": true, \"wait\": false}");
    mf = open_mon(&n, "{\"host\": \"127.0.0.1\", \"port\": \"0\", "
                  "\"server\": true, \"wait\": false}");
    slow = connect_to(mon_address(ms));
    setsockopt(slow, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
    fast = connect_to(mon_address(mf));
    expect_line(&n, slow, bs, GREETING);
    expect_line(&n, fast, bf, GREETING);
    sendstr(slow, "{\"execute\":\"qmp_capabilities\"}");
    sendstr(fast, "{\"execute\":\"qmp_capabilities\"}");
    expect_line(&n, slow, bs, "{\"return\": {}}\r\n");
    expect_line(&n, fast, bf, "{\"return\": {}}\r\n");
    /* 64 KiB events; the slow client reads nothing from now on */
    for (int i = 0; i < 256 && !n.closed; i++) {
        char *line;

        qmp_server_emit_event_at(n.f.srv, "BLOB", json_incref(blob), 0);
        sendstr(fast, "{\"execute\":\"nothing\"}");
        line = read_line(&n, fast, bf);     /* the event */
        g_assert_true(g_str_has_prefix(line, "{\"timestamp\""));
        g_free(line);
        expect_line(&n, fast, bf, "{\"return\": {}}\r\n");
    }
    /* past 2 MiB of unsent output (and the kernel's buffers) the slow
     * one was dropped */
    g_assert_cmpint(n.closed, ==, 1);
    g_assert_null(qmp_monitor_session(ms));
    g_assert_nonnull(qmp_monitor_session(mf));
    json_decref(blob);
    g_free(big);
    close(slow);
    close(fast);
    close_mon(ms);
    close_mon(mf);
    g_string_free(bs, TRUE);
    g_string_free(bf, TRUE);
    net_fini(&n);
}

/* A monitor on chardev-stdio (fds 0 and 1 replaced by socket pairs for
 * the test): it starts suspended; end of input keeps the session and its
 * output (QEMU keeps running after stdin closes). */
static void test_stdio_eof(void)
{
    Net n;
    Error *err = NULL;
    QmpMonitor *mon;
    int in[2], out[2], saved_in = dup(0), saved_out = dup(1);
    GString *b = g_string_new(NULL);
    char *line;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, in), ==, 0);
    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, out), ==, 0);
    fflush(stdout);
    dup2(in[0], 0);
    dup2(out[0], 1);
    net_init(&n, 0);
    mon = qmp_monitor_new(n.f.srv, new_chardev(&n, "chardev-stdio", "{}"), 1,
                          &err);
    g_assert_nonnull(mon);
    qmp_monitor_set_closed_handler(mon, on_closed, &n);
    /* only one stdio */
    Object *again = object_new_child(n.root, "chardev-stdio", "again", &err);
    g_assert_false(object_realize(again, &err));
    g_assert_nonnull(strstr(err->msg, "cannot use stdio by multiple"));
    error_free(err);
    err = NULL;
    object_destroy(again);
    expect_line(&n, out[1], b, GREETING);
    sendstr(in[1], "{\"execute\":\"qmp_capabilities\"}");
    expect_silence(&n, out[1]);     /* started suspended */
    qmp_monitor_resume(mon);
    expect_line(&n, out[1], b, "{\"return\": {}}\r\n");
    sendstr(in[1], "{\"execute\":\"nothing\"");
    close(in[1]);
    for (int i = 0; i < 20; i++) {
        g_main_context_iteration(n.ctx, FALSE);
        g_usleep(1000);
    }
    g_assert_cmpint(n.closed, ==, 0);
    qmp_server_emit_event_at(n.f.srv, "SHUTDOWN", NULL, 0);
    line = read_line(&n, out[1], b);
    g_assert_cmpstr(line, ==, "{\"timestamp\": {\"seconds\": 0, "
                    "\"microseconds\": 0}, \"event\": \"SHUTDOWN\"}\r\n");
    g_free(line);
    close_mon(mon);
    dup2(saved_in, 0);
    dup2(saved_out, 1);
    close(saved_in);
    close(saved_out);
    close(in[0]);
    close(out[0]);
    close(out[1]);
    g_string_free(b, TRUE);
    net_fini(&n);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qmp/greeting", test_greeting);
    g_test_add_func("/qmp/negotiation", test_negotiation);
    g_test_add_func("/qmp/request-errors", test_request_errors);
    g_test_add_func("/qmp/bytewise", test_bytewise);
    g_test_add_func("/qmp/events", test_events);
    g_test_add_func("/qmp/suspend", test_suspend);
    g_test_add_func("/qmp/free-in-handler", test_free_in_handler);
    g_test_add_func("/qmp/output-flow", test_output_flow);
    g_test_add_func("/qmp/no-dispatcher", test_no_dispatcher);
    g_test_add_func("/monitor/socket-reconnect", test_socket_reconnect);
    g_test_add_func("/monitor/two-monitors", test_two_monitors);
    g_test_add_func("/monitor/slow-client", test_slow_client);
    g_test_add_func("/monitor/stdio-eof", test_stdio_eof);
    return g_test_run();
}
