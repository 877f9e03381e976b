/* Logging of guest misbehaviour (see log.h).
 * SPDX-License-Identifier: MIT */
#include "core/log.h"

#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "core/object.h"

static unsigned log_mask;
static unsigned long log_counts[2];

void log_set_mask(unsigned mask)
{
    log_mask = mask;
}

unsigned log_get_mask(void)
{
    return log_mask;
}

bool log_parse_mask(const char *s, unsigned *mask, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(s, ",", -1);
    unsigned m = 0;
    for (char **p = parts; *p; p++) {
        if (!strcmp(*p, "guest_errors")) {
            m |= LOG_GUEST_ERROR;
        } else if (!strcmp(*p, "unimp")) {
            m |= LOG_UNIMP;
        } else {
            error_setg(errp, "unknown log item '%s' (known: guest_errors, unimp)", *p);
            return false;
        }
    }
    *mask = m;
    return true;
}

unsigned long log_count(unsigned kind)
{
    return log_counts[kind == LOG_UNIMP];
}

static void vlog(unsigned kind, const Object *obj, const char *fmt, va_list ap)
{
    log_counts[kind == LOG_UNIMP]++;
    if (!(log_mask & kind)) {
        return;
    }
    g_autofree char *path = obj ? object_path(obj) : NULL;
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    fprintf(stderr, "%s%s%s\n", path ? path : "", path ? ": " : "", msg);
}

void log_guest_error(const Object *obj, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(LOG_GUEST_ERROR, obj, fmt, ap);
    va_end(ap);
}

void log_unimp(const Object *obj, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(LOG_UNIMP, obj, fmt, ap);
    va_end(ap);
}
