/* QMP transports: stdio, UNIX and TCP sockets (server or client), spelled
 * as QEMU's -qmp / -chardev socket options; non-blocking I/O on a
 * GMainContext, one client at a time per monitor as QEMU.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MONITOR_TRANSPORT_H
#define HEMU_MONITOR_TRANSPORT_H

#include <stdbool.h>
#include <glib.h>

#include "core/error.h"
#include "monitor/qmp.h"

typedef enum QmpChardevKind {
    QMP_CHARDEV_STDIO,      /* fds 0 and 1 */
    QMP_CHARDEV_FD,         /* in_fd / out_fd given by the owner */
    QMP_CHARDEV_UNIX,
    QMP_CHARDEV_TCP,
} QmpChardevKind;

typedef struct QmpChardevOpts {
    QmpChardevKind kind;
    char *id;           /* -chardev id=, or NULL */
    char *path;         /* UNIX */
    char *host;         /* TCP; NULL or "" means 127.0.0.1 (QEMU: any) */
    char *port;         /* TCP; "0" picks a free port */
    bool server;        /* listen (default for -qmp unix:/tcp: in QEMU is
                         * client; server=on makes it listen) */
    bool wait;          /* server: block in open until a client connects
                         * (QEMU's default; use wait=off) */
    int in_fd, out_fd;  /* FD */
} QmpChardevOpts;

/* Release the strings held by o (not o itself). */
void qmp_chardev_opts_clear(QmpChardevOpts *o);

/*
 * The argument of -qmp: "stdio", "unix:PATH[,OPTS]",
 * "tcp:[HOST]:PORT[,OPTS]" with OPTS server[=on|off], wait[=on|off],
 * nowait (legacy spellings as QEMU's).  Fills *o (cleared first).
 */
bool qmp_chardev_parse(const char *spec, QmpChardevOpts *o, Error **errp);
/*
 * The argument of -chardev: "stdio,id=X" or "socket,id=X,path=P|host=H,
 * port=N,server=on,wait=off".
 */
bool qmp_chardev_parse_chardev(const char *spec, QmpChardevOpts *o,
                               Error **errp);
/* One option of the above (for a caller with its own key=value parser);
 * keys: id path host port server wait nowait. */
bool qmp_chardev_set_option(QmpChardevOpts *o, const char *key,
                            const char *value, Error **errp);

typedef struct QmpMonitor QmpMonitor;

/* The input of a monitor closed.  final: no client can come any more
 * (stdio end of file, a client-mode socket closed); else a listening
 * monitor's client went away and another may connect. */
typedef void QmpMonitorClosedFn(void *opaque, QmpMonitor *mon, bool final);

/*
 * Open a monitor on `ctx` (NULL: the default context), serving QMP for
 * `srv`.  It starts suspended `suspended` times (command-line monitors
 * start suspended once and are resumed when the command line is done).
 * A listening monitor serves one client at a time; the next one is
 * accepted when the first disconnects, and gets a fresh greeting.
 */
QmpMonitor *qmp_monitor_new(QmpServer *srv, GMainContext *ctx,
                            const QmpChardevOpts *o, unsigned suspended,
                            Error **errp);
/* Close connections and the listening socket (a UNIX socket file is
 * removed).  Safe from a command handler (deferred). */
void qmp_monitor_free(QmpMonitor *mon);
void qmp_monitor_set_closed_handler(QmpMonitor *mon, QmpMonitorClosedFn *fn,
                                    void *opaque);

/* Counted; a suspended monitor reads no input (output still flows). */
void qmp_monitor_suspend(QmpMonitor *mon);
void qmp_monitor_resume(QmpMonitor *mon);

/* The current session, or NULL when no client is connected. */
QmpSession *qmp_monitor_session(const QmpMonitor *mon);
/* Where it listens: "unix:PATH", "tcp:HOST:PORT" (the real port when
 * port 0 was asked for), "stdio", "fd". */
const char *qmp_monitor_address(const QmpMonitor *mon);

#endif
