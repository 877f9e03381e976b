/* Introspection: the query-qmp-schema value in QEMU's SchemaInfo format
 * (qapi/introspect.json) with real type names, the query-commands list
 * and per-command facts for the dispatcher, filtered by an 'if' context.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_QAPI_INTROSPECT_H
#define HEMU_QAPI_INTROSPECT_H

#include <jansson.h>

#include "qapi/schema.h"

/* [SchemaInfo]: visible commands and events, then every type they use
 * (reached through visible members). */
json_t *qapi_introspect(const QapiSchema *s, const QapiCondContext *ctx);

/* [CommandInfo]: {"name": ...} for each visible command. */
json_t *qapi_introspect_commands(const QapiSchema *s,
                                 const QapiCondContext *ctx);

/* Visible command names in schema order (strings owned by @s). */
GPtrArray *qapi_introspect_command_names(const QapiSchema *s,
                                         const QapiCondContext *ctx);

typedef struct QapiCommandInfo {
    const QapiEntity *cmd;
    const char *name;
    const char *arg_type;       /* "q_empty" without 'data' */
    const char *ret_type;       /* "q_empty" without 'returns' */
    uint32_t states;            /* HemuRunState mask */
    bool allow_oob, allow_preconfig, coroutine, boxed;
    GPtrArray *features;        /* const char *: visible feature names */
} QapiCommandInfo;

/* Fill @info for visible command @name; false when there is none.
 * Release with qapi_command_info_clear(). */
bool qapi_introspect_command_info(const QapiSchema *s, const char *name,
                                  const QapiCondContext *ctx,
                                  QapiCommandInfo *info);
void qapi_command_info_clear(QapiCommandInfo *info);

#endif
