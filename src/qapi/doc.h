/* The reference generated from the schema's doc blocks: Markdown for
 * docs/qmp-reference.md, and the example transcripts of each command
 * so a runner can replay them.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_QAPI_DOC_H
#define HEMU_QAPI_DOC_H

#include <jansson.h>

#include "qapi/schema.h"

/* The whole reference, in doc-block order; g_free() the result. */
char *qapi_doc_render_markdown(const QapiSchema *s);

typedef struct QapiExampleLine {
    bool to_server;             /* "->" (true) or "<-" (false) */
    char *text;                 /* the JSON text as written (joined) */
    json_t *value;              /* parsed, or NULL if not valid JSON */
} QapiExampleLine;

typedef struct QapiExample {
    const char *name;           /* the command (or event, type) it is for */
    const QapiEntity *entity;
    bool not_run;               /* "Example (not run):" */
    QapiPos pos;                /* where the example section starts */
    GPtrArray *lines;           /* QapiExampleLine * */
} QapiExample;

/* Every "Example:" section of every definition, in schema order.
 * Free with g_ptr_array_free(a, TRUE). */
GPtrArray *qapi_doc_examples(const QapiSchema *s);

#endif
