/* Errors as values: a QMP error class, a message and an optional source
 * position. Functions take `Error **errp` last and return false/NULL on
 * failure; a NULL errp means the caller ignores the error.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_ERROR_H
#define HEMU_CORE_ERROR_H

#include <stdbool.h>
#include <stdarg.h>

/* The classes QEMU's QMP sends (qapi/error.h, QEMU 7.2). */
typedef enum ErrorClass {
    ERROR_CLASS_GENERIC,            /* "GenericError" */
    ERROR_CLASS_COMMAND_NOT_FOUND,  /* "CommandNotFound" */
    ERROR_CLASS_DEVICE_NOT_ACTIVE,  /* "DeviceNotActive" */
    ERROR_CLASS_DEVICE_NOT_FOUND,   /* "DeviceNotFound" */
    ERROR_CLASS_KVM_MISSING_CAP,    /* "KVMMissingCap" */
    ERROR_CLASS__MAX
} ErrorClass;

typedef struct Error {
    ErrorClass cls;
    char *msg;
    char *file;     /* source file the error points into, or NULL */
    int line, col;  /* 1-based; 0 when unknown */
} Error;

#define G_GNUC_FMT(a, b) __attribute__((format(printf, a, b)))

void error_set(Error **errp, ErrorClass cls, const char *fmt, ...) G_GNUC_FMT(3, 4);
void error_setg(Error **errp, const char *fmt, ...) G_GNUC_FMT(2, 3);
void error_vset(Error **errp, ErrorClass cls, const char *fmt, va_list ap);
/* An error pointing at file:line:col; the message is printed after it. */
void error_set_at(Error **errp, const char *file, int line, int col,
                  const char *fmt, ...) G_GNUC_FMT(5, 6);
/* Put "prefix" before the message of *errp, if any. */
void error_prepend(Error **errp, const char *fmt, ...) G_GNUC_FMT(2, 3);
/* Move src into *dst (freeing src when dst is NULL or already set). */
void error_propagate(Error **dst, Error *src);
void error_free(Error *err);
Error *error_copy(const Error *err);
/* "file:line:col: msg" or "msg"; the string is owned by err. */
const char *error_get_pretty(Error *err);
const char *error_class_name(ErrorClass cls);
/* Class by QMP name, or -1. */
int error_class_lookup(const char *name);

#endif
