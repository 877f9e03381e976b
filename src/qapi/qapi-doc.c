/* qapi-doc: render the schema's reference as Markdown (the source of
 * docs/qmp-reference.md), or list its example transcripts as JSON.
 * Usage: qapi-doc [-o FILE] [--examples] [--schema FILE.json]
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "qapi/doc.h"

static int usage(void)
{
    fprintf(stderr, "usage: qapi-doc [-o FILE] [--examples] "
            "[--schema FILE.json]\n");
    return 2;
}

/* One JSON object per example: {"name", "not-run", "lines": [[dir, v]]} */
static char *examples_text(const QapiSchema *s)
{
    GPtrArray *all = qapi_doc_examples(s);
    GString *out = g_string_new("");
    for (guint i = 0; i < all->len; i++) {
        const QapiExample *ex = g_ptr_array_index(all, i);
        json_t *lines = json_array();
        for (guint j = 0; j < ex->lines->len; j++) {
            const QapiExampleLine *l = g_ptr_array_index(ex->lines, j);
            json_t *v = l->value ? json_incref(l->value) : json_string(l->text);
            json_array_append_new(lines, json_pack("[s,o]",
                l->to_server ? "->" : "<-", v));
        }
        json_t *o = json_pack("{s:s, s:b, s:o}", "name", ex->name,
                              "not-run", ex->not_run, "lines", lines);
        char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        g_string_append_printf(out, "%s\n", t);
        free(t);
        json_decref(o);
    }
    g_ptr_array_free(all, TRUE);
    return g_string_free(out, FALSE);
}

int main(int argc, char **argv)
{
    const char *output = NULL, *schema_file = NULL;
    bool examples = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            output = argv[++i];
        } else if (!strcmp(argv[i], "--schema") && i + 1 < argc) {
            schema_file = argv[++i];
        } else if (!strcmp(argv[i], "--examples")) {
            examples = true;
        } else {
            return usage();
        }
    }
    Error *err = NULL;
    QapiSchema *s = schema_file ? qapi_schema_load_file(schema_file, &err)
                                : qapi_schema_load_builtin(&err);
    if (!s) {
        fprintf(stderr, "qapi-doc: %s\n", error_get_pretty(err));
        error_free(err);
        return 1;
    }
    char *text = examples ? examples_text(s) : qapi_doc_render_markdown(s);
    int rc = 0;
    if (output) {
        GError *gerr = NULL;
        if (!g_file_set_contents(output, text, -1, &gerr)) {
            fprintf(stderr, "qapi-doc: %s\n", gerr->message);
            g_error_free(gerr);
            rc = 1;
        }
    } else {
        fputs(text, stdout);
    }
    g_free(text);
    qapi_schema_free(s);
    return rc;
}
