/* Errors as values (see error.h).
 * SPDX-License-Identifier: MIT */
#include "core/error.h"

#include <glib.h>

static const char *const class_names[ERROR_CLASS__MAX] = {
    [ERROR_CLASS_GENERIC] = "GenericError",
    [ERROR_CLASS_COMMAND_NOT_FOUND] = "CommandNotFound",
    [ERROR_CLASS_DEVICE_NOT_ACTIVE] = "DeviceNotActive",
    [ERROR_CLASS_DEVICE_NOT_FOUND] = "DeviceNotFound",
    [ERROR_CLASS_KVM_MISSING_CAP] = "KVMMissingCap",
};

const char *error_class_name(ErrorClass cls)
{
    return cls < ERROR_CLASS__MAX ? class_names[cls] : "GenericError";
}

int error_class_lookup(const char *name)
{
    for (int i = 0; i < ERROR_CLASS__MAX; i++) {
        if (!strcmp(class_names[i], name)) {
            return i;
        }
    }
    return -1;
}

void error_vset(Error **errp, ErrorClass cls, const char *fmt, va_list ap)
{
    if (!errp) {
        return;
    }
    g_assert(*errp == NULL); /* an error is set once; propagate, not overwrite */
    Error *e = g_new0(Error, 1);
    e->cls = cls;
    e->msg = g_strdup_vprintf(fmt, ap);
    *errp = e;
}

void error_set(Error **errp, ErrorClass cls, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(errp, cls, fmt, ap);
    va_end(ap);
}

void error_setg(Error **errp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(errp, ERROR_CLASS_GENERIC, fmt, ap);
    va_end(ap);
}

void error_set_at(Error **errp, const char *file, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    if (!errp) {
        return;
    }
    va_start(ap, fmt);
    error_vset(errp, ERROR_CLASS_GENERIC, fmt, ap);
    va_end(ap);
    char *m = g_strdup_printf("%s:%d:%d: %s", file, line, col, (*errp)->msg);
    g_free((*errp)->msg);
    (*errp)->msg = m;
    (*errp)->file = g_strdup(file);
    (*errp)->line = line;
    (*errp)->col = col;
}

void error_prepend(Error **errp, const char *fmt, ...)
{
    if (!errp || !*errp) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *pre = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *m = g_strconcat(pre, (*errp)->msg, NULL);
    g_free(pre);
    g_free((*errp)->msg);
    (*errp)->msg = m;
}

void error_propagate(Error **dst, Error *src)
{
    if (!src) {
        return;
    }
    if (dst && !*dst) {
        *dst = src;
    } else {
        error_free(src);
    }
}

void error_free(Error *err)
{
    if (err) {
        g_free(err->msg);
        g_free(err->file);
        g_free(err);
    }
}

Error *error_copy(const Error *err)
{
    Error *e = g_new0(Error, 1);
    e->cls = err->cls;
    e->msg = g_strdup(err->msg);
    e->file = g_strdup(err->file);
    e->line = err->line;
    e->col = err->col;
    return e;
}

const char *error_get_pretty(Error *err)
{
    return err->msg;
}
