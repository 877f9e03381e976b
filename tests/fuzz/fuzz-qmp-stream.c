/* libFuzzer target: arbitrary bytes, cut into pieces by the input itself,
 * through the JSON splitter and the QMP session with a fake dispatcher.
 * Checks: no crash, no leak, output stays bounded and well formed.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "monitor/json-stream.h"
#include "monitor/json-writer.h"
#include "monitor/qmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct Fuzz {
    QmpServer *srv;
    int suspended;
} Fuzz;

static json_t *fuzz_dispatch(void *opaque, QmpSession *s, const char *name,
                             json_t *args, Error **errp)
{
    Fuzz *f = opaque;

    if (!strcmp(name, "qmp_capabilities")) {
        return qmp_session_accept_capabilities(s, json_object_get(args,
                                               "enable"), errp)
            ? json_object() : NULL;
    }
    if (!strcmp(name, "echo")) {
        return json_incref(args);
    }
    if (!strcmp(name, "event")) {
        qmp_server_emit_event_at(f->srv, "EV", json_incref(args), 0);
        return NULL;
    }
    if (!strcmp(name, "suspend")) {
        qmp_session_suspend(s);
        f->suspended++;
        return NULL;
    }
    error_set(errp, ERROR_CLASS_COMMAND_NOT_FOUND,
              "The command %s has not been found", name);
    return NULL;
}

static void count_sink(void *opaque, json_t *v, Error *err)
{
    int *n = opaque;

    if (!v || !json_is_object(v)) {
        __builtin_trap();   /* our own output must parse as objects */
    }
    json_decref(v);
    error_free(err);
    (*n)++;
}

static void check_output(QmpSession *s)
{
    JsonStreamLimits big = { 1u << 30, 1u << 30, 1u << 30 };
    size_t len, lines = 0;
    const char *p = qmp_session_output(s, &len);
    int n = 0;
    JsonStream *js;

    if (!len) {
        return;
    }
    if (len < 2 || p[len - 2] != '\r' || p[len - 1] != '\n') {
        __builtin_trap();
    }
    for (size_t i = 0; i < len; i++) {
        lines += p[i] == '\n';
    }
    js = json_stream_new(count_sink, &n);
    json_stream_set_limits(js, &big);
    json_stream_feed(js, p, len, false);
    json_stream_flush(js);
    json_stream_free(js);
    if ((size_t)n != lines) {
        __builtin_trap();   /* one object per line */
    }
    qmp_session_consume(s, len);
}

static void stream_sink(void *opaque, json_t *v, Error *err)
{
    GString *g = opaque;

    if (v) {
        json_writer_append(g, v);
        json_decref(v);
    }
    error_free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QmpServerConfig cfg = { .dispatch = fuzz_dispatch, .major = 7,
                            .minor = 2, .out_high = 4096, .out_max = 65536 };
    JsonStreamLimits lim = { 4096, 512, 64 };
    Fuzz f = { 0 };
    QmpSession *s;
    GString *g = g_string_new(NULL);
    JsonStream *js = json_stream_new(stream_sink, g);
    size_t off = 0;
    unsigned step = size ? data[0] % 17 + 1 : 1;

    /* the bare splitter, small limits, with a flush at the end */
    json_stream_set_limits(js, &lim);
    json_stream_feed(js, (const char *)data, size, false);
    json_stream_flush(js);
    json_stream_free(js);
    g_string_free(g, TRUE);

    /* the protocol, in pieces of `step` bytes */
    cfg.opaque = &f;
    f.srv = qmp_server_new(&cfg);
    s = qmp_session_new(f.srv, NULL, NULL, 0);
    while (off < size) {
        size_t n = MIN(step, size - off);

        if (!qmp_session_feed(s, data + off, n)) {
            break;
        }
        off += n;
        check_output(s);
        while (f.suspended) {
            f.suspended--;
            qmp_session_resume(s);
        }
    }
    qmp_session_feed(s, NULL, 0);
    check_output(s);
    qmp_session_free(s);
    qmp_server_free(f.srv);
    return 0;
}
