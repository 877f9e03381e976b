/* QMP monitors: a monitor is the frontend of one chardev object.  When a
 * peer connects (CHARDEV_OPENED) it starts a QmpSession (greeting), feeds
 * it the input while the session wants more, writes its output through
 * the chardev and frees it when the peer goes (CHARDEV_CLOSED).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MONITOR_MONITOR_H
#define HEMU_MONITOR_MONITOR_H

#include <stdbool.h>

#include "core/chardev.h"
#include "core/error.h"
#include "monitor/qmp.h"

typedef struct QmpMonitor QmpMonitor;

/* The peer of a monitor's chardev went away (a listening socket may get
 * another one, which gets a fresh session and greeting). */
typedef void QmpMonitorClosedFn(void *opaque, QmpMonitor *mon);

/*
 * Attach a monitor serving QMP for `srv` to `chr` (fails when the chardev
 * already has a frontend).  It starts suspended `suspended` times
 * (command-line monitors start suspended once and are resumed when the
 * command line is done).
 */
QmpMonitor *qmp_monitor_new(QmpServer *srv, Chardev *chr, unsigned suspended,
                            Error **errp);
/* Detach from the chardev and drop the session (not from a command
 * handler running on it). */
void qmp_monitor_free(QmpMonitor *mon);
void qmp_monitor_set_closed_handler(QmpMonitor *mon, QmpMonitorClosedFn *fn,
                                    void *opaque);

/* Counted; a suspended monitor reads no input (output still flows). */
void qmp_monitor_suspend(QmpMonitor *mon);
void qmp_monitor_resume(QmpMonitor *mon);

/* The current session, or NULL when no peer is connected. */
QmpSession *qmp_monitor_session(const QmpMonitor *mon);
Chardev *qmp_monitor_chardev(const QmpMonitor *mon);
/* Output not yet handed to the host (session and chardev buffers). */
size_t qmp_monitor_pending(const QmpMonitor *mon);

#endif
