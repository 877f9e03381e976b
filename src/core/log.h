/* Logging of guest misbehaviour and unimplemented features. A bad guest
 * access is logged (when enabled with -d guest_errors), never fatal.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_LOG_H
#define HEMU_CORE_LOG_H

#include "core/error.h"

struct Object;

enum {
    LOG_GUEST_ERROR = 1 << 0,   /* -d guest_errors */
    LOG_UNIMP       = 1 << 1,   /* -d unimp */
};

/* Process-wide log settings (set by main from -d); a plain mask, not state
 * of any device. */
void log_set_mask(unsigned mask);
unsigned log_get_mask(void);
/* Parse "guest_errors,unimp" into a mask. */
bool log_parse_mask(const char *s, unsigned *mask, Error **errp);
/* Count of messages of each kind so far (logged or not); tests read it. */
unsigned long log_count(unsigned kind);
/* Log a message about obj (its path is printed first). */
void log_guest_error(const struct Object *obj, const char *fmt, ...)
    G_GNUC_FMT(2, 3);
void log_unimp(const struct Object *obj, const char *fmt, ...) G_GNUC_FMT(2, 3);

#endif
