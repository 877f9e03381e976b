/* QMP monitors as chardev frontends (see monitor.h): session life follows
 * the chardev's OPENED/CLOSED events, input flow follows
 * qmp_session_wants_input, output waits in the session while the chardev's
 * buffer is full (CHARDEV_DRAINED says when to go on).
 * SPDX-License-Identifier: MIT */
#include "monitor/monitor.h"

#include <glib.h>

struct QmpMonitor {
    QmpServer *srv;
    Chardev *chr;
    QmpSession *session;
    unsigned suspend;
    GSource *idle_src;
    QmpMonitorClosedFn *closed_fn;
    void *closed_opaque;
};

/* Hand the session's output to the chardev, as much as it takes. */
static void pump(QmpMonitor *mon)
{
    const char *p;
    size_t len, n;

    while (mon->session && (p = qmp_session_output(mon->session, &len), len)) {
        n = chardev_write(mon->chr, p, len);
        if (!n) {
            break;      /* full: CHARDEV_DRAINED comes */
        }
        qmp_session_consume(mon->session, n);
    }
}

static gboolean on_idle(gpointer opaque)
{
    QmpMonitor *mon = opaque;

    g_clear_pointer(&mon->idle_src, g_source_unref);
    if (mon->session && !qmp_session_feed(mon->session, NULL, 0)) {
        chardev_disconnect(mon->chr);
    }
    chardev_accept_input(mon->chr);
    return G_SOURCE_REMOVE;
}

static void sess_output(void *io)
{
    pump(io);
}

static void sess_wakeup(void *io)
{
    QmpMonitor *mon = io;

    if (!mon->idle_src) {
        mon->idle_src = g_idle_source_new();
        g_source_set_callback(mon->idle_src, on_idle, mon, NULL);
        g_source_attach(mon->idle_src, NULL);
    }
}

static void sess_overflow(void *io)
{
    chardev_disconnect(((QmpMonitor *)io)->chr);   /* deferred */
}

static const QmpSessionOps session_ops = {
    .output = sess_output,
    .wakeup = sess_wakeup,
    .overflow = sess_overflow,
};

static void fe_receive(void *opaque, const uint8_t *buf, size_t len)
{
    QmpMonitor *mon = opaque;

    if (mon->session && !qmp_session_feed(mon->session, buf, len)) {
        chardev_disconnect(mon->chr);
    }
}

static bool fe_can_receive(void *opaque)
{
    QmpMonitor *mon = opaque;

    return mon->session && qmp_session_wants_input(mon->session);
}

static void fe_event(void *opaque, ChardevEvent ev)
{
    QmpMonitor *mon = opaque;

    switch (ev) {
    case CHARDEV_OPENED:
        if (!mon->session) {
            mon->session = qmp_session_new(mon->srv, &session_ops, mon,
                                           mon->suspend);
            pump(mon);
        }
        break;
    case CHARDEV_CLOSED:
        if (mon->session) {
            qmp_session_free(mon->session);
            mon->session = NULL;
            if (mon->closed_fn) {
                mon->closed_fn(mon->closed_opaque, mon);
            }
        }
        break;
    case CHARDEV_DRAINED:
        pump(mon);
        break;
    }
}

static const ChardevFrontendOps frontend_ops = {
    .receive = fe_receive,
    .can_receive = fe_can_receive,
    .event = fe_event,
};

QmpMonitor *qmp_monitor_new(QmpServer *srv, Chardev *chr, unsigned suspended,
                            Error **errp)
{
    QmpMonitor *mon = g_new0(QmpMonitor, 1);

    mon->srv = srv;
    mon->chr = chr;
    mon->suspend = suspended;
    if (!chardev_attach(chr, "a QMP monitor", &frontend_ops, mon, errp)) {
        g_free(mon);
        return NULL;
    }
    return mon;
}

void qmp_monitor_free(QmpMonitor *mon)
{
    if (!mon) {
        return;
    }
    chardev_detach(mon->chr);
    if (mon->idle_src) {
        g_source_destroy(mon->idle_src);
        g_source_unref(mon->idle_src);
    }
    qmp_session_free(mon->session);
    g_free(mon);
}

void qmp_monitor_set_closed_handler(QmpMonitor *mon, QmpMonitorClosedFn *fn,
                                    void *opaque)
{
    mon->closed_fn = fn;
    mon->closed_opaque = opaque;
}

void qmp_monitor_suspend(QmpMonitor *mon)
{
    mon->suspend++;
    if (mon->session) {
        qmp_session_suspend(mon->session);
    }
    chardev_accept_input(mon->chr);     /* re-asks can_receive */
}

void qmp_monitor_resume(QmpMonitor *mon)
{
    g_assert(mon->suspend > 0);
    mon->suspend--;
    if (mon->session) {
        qmp_session_resume(mon->session);   /* wakes us up via idle */
    }
}

QmpSession *qmp_monitor_session(const QmpMonitor *mon)
{
    return mon->session;
}

Chardev *qmp_monitor_chardev(const QmpMonitor *mon)
{
    return mon->chr;
}

size_t qmp_monitor_pending(const QmpMonitor *mon)
{
    size_t len = 0;

    if (mon->session) {
        qmp_session_output(mon->session, &len);
    }
    return len + chardev_pending(mon->chr);
}
