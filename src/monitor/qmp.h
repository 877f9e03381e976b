/* QMP session protocol as QEMU 7.2 serves it (docs/interop/qmp-spec.txt,
 * monitor/qmp.c, qapi/qmp-dispatch.c): greeting, capabilities negotiation,
 * request checks, replies with id, events.  No I/O here: a transport feeds
 * bytes in and writes the session's output buffer (see monitor.h).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MONITOR_QMP_H
#define HEMU_MONITOR_QMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "core/error.h"

typedef struct QmpServer QmpServer;     /* dispatcher, version, sessions */
typedef struct QmpSession QmpSession;   /* one connection's protocol state */

/*
 * Runs command `name` with `args` (always an object; borrowed).  Returns
 * the "return" value as a new reference; NULL with *errp set on failure;
 * NULL without error means {}.  `qmp_capabilities` comes here too: its
 * handler validates its arguments, then calls
 * qmp_session_accept_capabilities().  An error of class CommandNotFound
 * before negotiation is reported as QEMU does ("Expecting capabilities
 * negotiation with 'qmp_capabilities'").
 */
typedef json_t *QmpDispatchFn(void *opaque, QmpSession *s, const char *name,
                              json_t *args, Error **errp);

typedef struct QmpServerConfig {
    QmpDispatchFn *dispatch;
    void *opaque;
    /* greeting: {"QMP": {"version": {"qemu": {"micro": .., "minor": ..,
     * "major": ..}, "package": ..}, "capabilities": []}} */
    int major, minor, micro;
    const char *package;
    /* output buffering per session (0: defaults).  Above out_high bytes
     * of unsent output a session stops reading requests; an event that
     * would take it past out_max drops the connection. */
    size_t out_high;        /* default 1 MiB */
    size_t out_max;         /* default 16 MiB */
} QmpServerConfig;

#define QMP_OUT_HIGH_DEFAULT ((size_t)1 << 20)
#define QMP_OUT_MAX_DEFAULT  ((size_t)16 << 20)

QmpServer *qmp_server_new(const QmpServerConfig *cfg);
/* Sessions must be freed first (their transports own them). */
void qmp_server_free(QmpServer *srv);

/*
 * Send event `name` with `data` (stolen; NULL: no "data" member) to every
 * session in command mode, stamped with the wall clock:
 * {"timestamp": {"seconds": S, "microseconds": U}, "event": N, "data": D}
 */
void qmp_server_emit_event(QmpServer *srv, const char *name, json_t *data);
/* The same with a given time in microseconds since the epoch. */
void qmp_server_emit_event_at(QmpServer *srv, const char *name, json_t *data,
                              int64_t usec);

/* How a session reaches its transport.  All may be NULL. */
typedef struct QmpSessionOps {
    /* output was appended: write some of it (may be called from inside
     * qmp_session_feed, i.e. from inside a command handler) */
    void (*output)(void *io);
    /* input processing can go on (resumed, or output drained below the
     * high mark): call qmp_session_feed(s, NULL, 0) soon, not from here */
    void (*wakeup)(void *io);
    /* output overflowed: drop the connection soon, not from here */
    void (*overflow)(void *io);
} QmpSessionOps;

/* A new connection: queues the greeting.  It starts suspended
 * `suspend_count` times (its monitor's count). */
QmpSession *qmp_session_new(QmpServer *srv, const QmpSessionOps *ops,
                            void *io, unsigned suspend_count);
/* Drops the session and any partial input.  Safe from a command handler
 * running on this session (the free happens when it returns). */
void qmp_session_free(QmpSession *s);

/*
 * Process input bytes: every complete request is dispatched and its reply
 * queued, in order.  Stops while the session is suspended or its output
 * is above the high mark; the rest is kept and processed by a later call
 * (len 0 just continues).  Returns false once the session is freed or
 * overflowed (the transport must drop it).
 */
bool qmp_session_feed(QmpSession *s, const void *buf, size_t len);
/* True when the transport should read more input. */
bool qmp_session_wants_input(const QmpSession *s);

/* Pending output (a view into the session's buffer) and how much of it
 * the transport has written. */
const char *qmp_session_output(const QmpSession *s, size_t *len);
void qmp_session_consume(QmpSession *s, size_t n);

/* Stop / restart reading requests (counted; replies and events are still
 * sent).  Used so command-line monitors do not race with the command
 * line, and by handlers that must finish before the next request. */
void qmp_session_suspend(QmpSession *s);
void qmp_session_resume(QmpSession *s);

/* Leave capabilities negotiation: commands other than qmp_capabilities
 * run, events are delivered. */
void qmp_session_set_command_mode(QmpSession *s);
bool qmp_session_in_command_mode(const QmpSession *s);
/*
 * The work of qmp_capabilities after argument validation: `enable` is
 * the (optional, may be NULL) list of capability names.  Fails with
 * CommandNotFound "Capabilities negotiation is already complete, command
 * ignored" in command mode, GenericError "Capability 'oob' not available"
 * for a capability not offered (hemu offers none); else enters command
 * mode.
 */
bool qmp_session_accept_capabilities(QmpSession *s, const json_t *enable,
                                     Error **errp);

QmpServer *qmp_session_server(const QmpSession *s);
/* The transport's handle given to qmp_session_new(). */
void *qmp_session_io(const QmpSession *s);

#endif
