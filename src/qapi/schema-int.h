/* Internals shared by the schema parser (schema-parse.c) and the schema
 * builder (schema.c): the expression tree of one schema file.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_QAPI_SCHEMA_INT_H
#define HEMU_QAPI_SCHEMA_INT_H

#include "qapi/schema.h"

typedef enum QapiNodeKind {
    QAPI_NODE_DICT,
    QAPI_NODE_LIST,
    QAPI_NODE_STR,
    QAPI_NODE_BOOL,
} QapiNodeKind;

/* A parsed value with its position. A dict keeps keys in source order. */
typedef struct QapiNode {
    QapiNodeKind kind;
    QapiPos pos;
    char *str;              /* STR */
    bool b;                 /* BOOL */
    GPtrArray *keys;        /* DICT: QapiNode * (STR) */
    GPtrArray *items;       /* DICT values, LIST items: QapiNode * */
} QapiNode;

/* A top-level item: an expression, a doc block, or a doc block followed
 * by the expression it documents. */
typedef struct QapiTopItem {
    QapiNode *expr;
    QapiDoc *doc;
} QapiTopItem;

/* Parse @text (named @file, a string the caller keeps alive) into
 * QapiTopItem *, appended to @items. Without @docs, '##' blocks are plain
 * comments. */
bool qapi_parse_text(const char *file, const char *text, bool docs,
                     GPtrArray *items, Error **errp);
void qapi_node_free(QapiNode *n);
void qapi_doc_free(QapiDoc *d);
/* The value for @key in dict @n, or NULL. */
QapiNode *qapi_node_get(const QapiNode *n, const char *key);

#endif
