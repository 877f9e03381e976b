/* QMP session protocol as QEMU 7.2 serves it (see qmp.h): request checks
 * of qapi/qmp-dispatch.c, negotiation rules of monitor/qmp.c, replies and
 * events printed as QEMU prints them, CRLF line ends.
 * SPDX-License-Identifier: MIT */
#include "monitor/qmp.h"
#include "monitor/json-stream.h"
#include "monitor/json-writer.h"

#include <string.h>
#include <glib.h>

struct QmpServer {
    QmpServerConfig cfg;
    GString *greeting;      /* the greeting line, CRLF included */
    GPtrArray *sessions;
    GString *event;         /* scratch for event text */
};

typedef struct Pending {
    json_t *req;
    Error *err;
} Pending;

struct QmpSession {
    QmpServer *srv;
    const QmpSessionOps *ops;
    void *io;
    JsonStream *js;
    unsigned suspend;
    bool command_mode;
    bool dead;              /* freed while busy; free when unwinding */
    bool overflowed;
    unsigned busy;          /* nesting of feed() */
    GByteArray *in;         /* input not yet fed to the parser */
    size_t in_off;
    GQueue queued;          /* requests parsed while not processing */
    GString *out;           /* output not yet written, from out_off */
    size_t out_off;
    json_t *empty_args;     /* reused {} for requests without arguments */
};

/* ---- server ---- */

QmpServer *qmp_server_new(const QmpServerConfig *cfg)
{
    QmpServer *srv = g_new0(QmpServer, 1);
    GString *g;

    srv->cfg = *cfg;
    if (!srv->cfg.out_high) {
        srv->cfg.out_high = QMP_OUT_HIGH_DEFAULT;
    }
    if (!srv->cfg.out_max) {
        srv->cfg.out_max = QMP_OUT_MAX_DEFAULT;
    }
    srv->cfg.package = NULL;    /* not kept: copied into the greeting */
    srv->sessions = g_ptr_array_new();
    srv->event = g_string_sized_new(256);

    /* member order as QEMU's QDict iterates them */
    g = g_string_new(NULL);
    g_string_append_printf(g, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": %d,"
                           " \"minor\": %d, \"major\": %d}, \"package\": ",
                           cfg->micro, cfg->minor, cfg->major);
    json_writer_append_string(g, cfg->package ? cfg->package : "",
                              cfg->package ? strlen(cfg->package) : 0);
    g_string_append(g, "}, \"capabilities\": []}}\r\n");
    srv->greeting = g;
    return srv;
}

void qmp_server_free(QmpServer *srv)
{
    if (!srv) {
        return;
    }
    g_assert(srv->sessions->len == 0);
    g_ptr_array_free(srv->sessions, TRUE);
    g_string_free(srv->greeting, TRUE);
    g_string_free(srv->event, TRUE);
    g_free(srv);
}

/* ---- output ---- */

static size_t out_pending(const QmpSession *s)
{
    return s->out->len - s->out_off;
}

static void out_kick(QmpSession *s)
{
    if (s->ops && s->ops->output) {
        s->ops->output(s->io);
    }
}

static void reply_error(QmpSession *s, const json_t *id, ErrorClass cls,
                        const char *desc)
{
    GString *o = s->out;

    g_string_append_c(o, '{');
    if (id) {
        g_string_append(o, "\"id\": ");
        json_writer_append(o, id);
        g_string_append(o, ", ");
    }
    g_string_append(o, "\"error\": {\"class\": \"");
    g_string_append(o, error_class_name(cls));
    g_string_append(o, "\", \"desc\": ");
    json_writer_append_string(o, desc, strlen(desc));
    g_string_append(o, "}}\r\n");
    out_kick(s);
}

static void reply_return(QmpSession *s, const json_t *id, const json_t *ret)
{
    GString *o = s->out;

    g_string_append(o, "{\"return\": ");
    if (ret) {
        json_writer_append(o, ret);
    } else {
        g_string_append(o, "{}");
    }
    if (id) {
        g_string_append(o, ", \"id\": ");
        json_writer_append(o, id);
    }
    g_string_append(o, "}\r\n");
    out_kick(s);
}

void qmp_server_emit_event_at(QmpServer *srv, const char *name, json_t *data,
                              int64_t usec)
{
    GString *e = srv->event;

    g_string_truncate(e, 0);
    g_string_append_printf(e, "{\"timestamp\": {\"seconds\": %" G_GINT64_FORMAT
                           ", \"microseconds\": %" G_GINT64_FORMAT
                           "}, \"event\": ", usec / G_USEC_PER_SEC,
                           usec % G_USEC_PER_SEC);
    json_writer_append_string(e, name, strlen(name));
    if (data) {
        g_string_append(e, ", \"data\": ");
        json_writer_append(e, data);
    }
    g_string_append(e, "}\r\n");
    json_decref(data);

    for (guint i = 0; i < srv->sessions->len; i++) {
        QmpSession *s = g_ptr_array_index(srv->sessions, i);

        if (!s->command_mode || s->overflowed || s->dead) {
            continue;
        }
        if (out_pending(s) + e->len > srv->cfg.out_max) {
            /* the client does not read: drop it rather than grow */
            s->overflowed = true;
            if (s->ops && s->ops->overflow) {
                s->ops->overflow(s->io);
            }
            continue;
        }
        g_string_append_len(s->out, e->str, e->len);
        out_kick(s);
    }
}

void qmp_server_emit_event(QmpServer *srv, const char *name, json_t *data)
{
    qmp_server_emit_event_at(srv, name, data, g_get_real_time());
}

/* ---- requests ---- */

static const char negotiation_msg[] =
    "Expecting capabilities negotiation with 'qmp_capabilities'";
static const char negotiated_msg[] =
    "Capabilities negotiation is already complete, command ignored";

/* qmp_dispatch_check_obj(): members in QDict order, the first bad one
 * is reported. */
static bool check_request(const json_t *req, Error **errp)
{
    const char *small[8];
    const char **keys = small;
    size_t n = json_object_size(req);
    bool ok = true, has_exec = false;

    if (n > G_N_ELEMENTS(small)) {
        keys = g_new(const char *, n);
    }
    n = json_writer_qdict_order(req, keys, n);
    for (size_t i = 0; i < n && ok; i++) {
        const char *k = keys[i];
        json_t *v = json_object_get(req, k);

        if (!strcmp(k, "execute")) {
            if (!json_is_string(v)) {
                error_setg(errp, "QMP input member 'execute' must be a string");
                ok = false;
            }
            has_exec = true;
        } else if (!strcmp(k, "arguments")) {
            if (!json_is_object(v)) {
                error_setg(errp,
                           "QMP input member 'arguments' must be an object");
                ok = false;
            }
        } else if (strcmp(k, "id") != 0) {
            /* also "exec-oob": out-of-band execution is not offered */
            error_setg(errp, "QMP input member '%s' is unexpected", k);
            ok = false;
        }
    }
    if (keys != small) {
        g_free(keys);
    }
    if (ok && !has_exec) {
        error_setg(errp, "QMP input lacks member 'execute'");
        ok = false;
    }
    return ok;
}

static void handle_request(QmpSession *s, json_t *req, Error *perr)
{
    Error *err = NULL;
    const json_t *id = NULL;
    json_t *args, *ret;
    const char *name;
    bool caps, was_command_mode;

    if (perr) {
        reply_error(s, NULL, perr->cls, error_get_pretty(perr));
        error_free(perr);
        return;
    }
    if (!json_is_object(req)) {
        reply_error(s, NULL, ERROR_CLASS_GENERIC,
                    "QMP input must be a JSON object");
        json_decref(req);
        return;
    }
    id = json_object_get(req, "id");
    if (!check_request(req, &err)) {
        goto fail;
    }
    name = json_string_value(json_object_get(req, "execute"));
    caps = !strcmp(name, "qmp_capabilities");
    if (!s->command_mode && !caps) {
        error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND, "%s", negotiation_msg);
        goto fail;
    }
    args = json_object_get(req, "arguments");
    if (!args) {
        if (!s->empty_args || json_object_size(s->empty_args)
            || s->empty_args->refcount > 1) {
            /* the handler kept or changed the last one */
            json_decref(s->empty_args);
            s->empty_args = json_object();
        }
        args = s->empty_args;
    }

    was_command_mode = s->command_mode;
    if (s->srv->cfg.dispatch) {
        ret = s->srv->cfg.dispatch(s->srv->cfg.opaque, s, name, args, &err);
    } else if (caps) {
        ret = NULL;     /* no dispatcher: negotiate here */
        qmp_session_accept_capabilities(s, NULL, &err);
    } else {
        ret = NULL;
        error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "The command %s has not been found", name);
    }
    if (s->dead) {
        json_decref(ret);
        error_free(err);
        json_decref(req);
        return;
    }
    if (!err && caps && was_command_mode) {
        /* the handler ignored qmp_session_accept_capabilities() */
        json_decref(ret);
        ret = NULL;
        error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND, "%s", negotiated_msg);
    }
    if (err) {
        if (!s->command_mode && err->cls == ERROR_CLASS_COMMAND_NOT_FOUND) {
            /* as monitor_qmp_dispatch(): a more useful message */
            error_free(err);
            err = NULL;
            error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND, "%s",
                      negotiation_msg);
        }
        goto fail;
    }
    if (caps) {
        /* in case the handler did not call accept_capabilities() */
        s->command_mode = true;
    }
    reply_return(s, id, ret);
    json_decref(ret);
    json_decref(req);
    return;

fail:
    reply_error(s, id, err->cls, error_get_pretty(err));
    error_free(err);
    json_decref(req);
}

static bool can_process(const QmpSession *s)
{
    return !s->suspend && !s->dead && !s->overflowed
        && out_pending(s) < s->srv->cfg.out_high;
}

static void session_emit(void *opaque, json_t *value, Error *err)
{
    QmpSession *s = opaque;
    Pending *p;

    if (can_process(s) && g_queue_is_empty(&s->queued)) {
        handle_request(s, value, err);
        return;
    }
    /* one byte may complete two values ("1]"): keep the second */
    p = g_new(Pending, 1);
    p->req = value;
    p->err = err;
    g_queue_push_tail(&s->queued, p);
}

static void session_destroy(QmpSession *s)
{
    Pending *p;

    g_ptr_array_remove(s->srv->sessions, s);
    while ((p = g_queue_pop_head(&s->queued))) {
        json_decref(p->req);
        error_free(p->err);
        g_free(p);
    }
    json_stream_free(s->js);
    g_byte_array_free(s->in, TRUE);
    g_string_free(s->out, TRUE);
    json_decref(s->empty_args);
    g_free(s);
}

/* ---- sessions ---- */

QmpSession *qmp_session_new(QmpServer *srv, const QmpSessionOps *ops,
                            void *io, unsigned suspend_count)
{
    QmpSession *s = g_new0(QmpSession, 1);

    s->srv = srv;
    s->ops = ops;
    s->io = io;
    s->suspend = suspend_count;
    s->js = json_stream_new(session_emit, s);
    s->in = g_byte_array_new();
    s->out = g_string_sized_new(4096);
    g_queue_init(&s->queued);
    g_ptr_array_add(srv->sessions, s);
    g_string_append_len(s->out, srv->greeting->str, srv->greeting->len);
    out_kick(s);
    return s;
}

void qmp_session_free(QmpSession *s)
{
    if (!s) {
        return;
    }
    if (s->busy) {
        s->dead = true;     /* feed() frees it on the way out */
        return;
    }
    session_destroy(s);
}

bool qmp_session_feed(QmpSession *s, const void *buf, size_t len)
{
    const char *b = buf;
    size_t done = 0;
    Pending *p;

    if (s->dead || s->overflowed) {
        return !s->dead && !s->overflowed;
    }
    s->busy++;
    /* requests parsed earlier, while processing was stopped */
    while (can_process(s) && (p = g_queue_pop_head(&s->queued))) {
        handle_request(s, p->req, p->err);
        g_free(p);
    }
    /* bytes kept from earlier calls */
    while (can_process(s) && g_queue_is_empty(&s->queued)
           && s->in_off < s->in->len) {
        s->in_off += json_stream_feed(s->js, (char *)s->in->data + s->in_off,
                                      s->in->len - s->in_off, true);
    }
    if (s->in_off == s->in->len) {
        g_byte_array_set_size(s->in, 0);
        s->in_off = 0;
        /* new bytes straight from the caller's buffer */
        while (can_process(s) && g_queue_is_empty(&s->queued) && done < len) {
            done += json_stream_feed(s->js, b + done, len - done, true);
        }
    }
    if (done < len && !s->dead) {
        g_byte_array_append(s->in, (const guint8 *)b + done, len - done);
    }
    s->busy--;
    if (s->dead && !s->busy) {
        session_destroy(s);
        return false;
    }
    return !s->overflowed;
}

bool qmp_session_wants_input(const QmpSession *s)
{
    return can_process(s) && s->queued.length == 0
        && s->in_off == s->in->len;
}

const char *qmp_session_output(const QmpSession *s, size_t *len)
{
    *len = out_pending(s);
    return s->out->str + s->out_off;
}

void qmp_session_consume(QmpSession *s, size_t n)
{
    bool was_high = out_pending(s) >= s->srv->cfg.out_high;

    g_assert(n <= out_pending(s));
    s->out_off += n;
    if (s->out_off == s->out->len) {
        g_string_truncate(s->out, 0);
        s->out_off = 0;
    } else if (s->out_off > 65536 && s->out_off > s->out->len / 2) {
        g_string_erase(s->out, 0, s->out_off);
        s->out_off = 0;
    }
    if (was_high && out_pending(s) < s->srv->cfg.out_high
        && s->ops && s->ops->wakeup) {
        s->ops->wakeup(s->io);
    }
}

void qmp_session_suspend(QmpSession *s)
{
    s->suspend++;
}

void qmp_session_resume(QmpSession *s)
{
    g_assert(s->suspend > 0);
    if (--s->suspend == 0 && s->ops && s->ops->wakeup) {
        s->ops->wakeup(s->io);
    }
}

void qmp_session_set_command_mode(QmpSession *s)
{
    s->command_mode = true;
}

bool qmp_session_in_command_mode(const QmpSession *s)
{
    return s->command_mode;
}

bool qmp_session_accept_capabilities(QmpSession *s, const json_t *enable,
                                     Error **errp)
{
    size_t i;
    json_t *cap;

    if (s->command_mode) {
        error_set(errp, ERROR_CLASS_COMMAND_NOT_FOUND, "%s", negotiated_msg);
        return false;
    }
    json_array_foreach(enable, i, cap) {
        /* hemu offers no capability ("oob" is the only one QEMU knows) */
        error_setg(errp, "Capability '%s' not available",
                   json_is_string(cap) ? json_string_value(cap) : "?");
        return false;
    }
    s->command_mode = true;
    return true;
}

QmpServer *qmp_session_server(const QmpSession *s)
{
    return s->srv;
}

void *qmp_session_io(const QmpSession *s)
{
    return s->io;
}
