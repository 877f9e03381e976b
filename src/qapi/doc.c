/* Markdown reference and example transcripts from the schema's doc
 * blocks (the doc comment format of QEMU's qapi-code-gen.rst).
 * SPDX-License-Identifier: MIT */
#include "qapi/doc.h"

#include <string.h>

/* Text with "@name" turned into `name`, lines joined when @flow. */
static void put_text(GString *out, const char *text, bool flow)
{
    for (const char *p = text; *p; p++) {
        if (*p == '@' && (g_ascii_isalnum(p[1]) || p[1] == '_')) {
            const char *e = p + 1;
            while (g_ascii_isalnum(*e) || *e == '-' || *e == '_') {
                e++;
            }
            /* a trailing '-' or '_' is punctuation, not the name */
            g_string_append_printf(out, "`%.*s`", (int)(e - p - 1), p + 1);
            p = e - 1;
        } else if (*p == '\n' && flow) {
            g_string_append_c(out, ' ');
            while (p[1] == ' ') {
                p++;
            }
        } else {
            g_string_append_c(out, *p);
        }
    }
}

static const char *doc_arg(const QapiEntity *e, const char *name)
{
    for (guint i = 0; e->doc && i < e->doc->args->len; i++) {
        const QapiDocItem *it = g_ptr_array_index(e->doc->args, i);
        if (!strcmp(it->name, name)) {
            return it->text;
        }
    }
    return NULL;
}

static const char *doc_section(const QapiDoc *d, const char *name)
{
    for (guint i = 0; i < d->sections->len; i++) {
        const QapiDocItem *it = g_ptr_array_index(d->sections, i);
        if (!strcmp(it->name, name)) {
            return it->text;
        }
    }
    return NULL;
}

static void put_features(GString *out, const GPtrArray *features)
{
    for (guint i = 0; features && i < features->len; i++) {
        const QapiFeature *f = g_ptr_array_index(features, i);
        g_string_append_printf(out, "%s`%s`", i ? ", " : " (features: ",
                               f->name);
        if (i + 1 == features->len) {
            g_string_append_c(out, ')');
        }
    }
}

static void put_cond(GString *out, const QapiCond *cond)
{
    if (cond) {
        char *c = qapi_cond_format(cond);
        g_string_append_printf(out, " (if: `%s`)", c);
        g_free(c);
    }
}

/* "- `name`: `type` (optional) — text" for each member. */
static void put_members(GString *out, const QapiEntity *doc_of,
                        const GPtrArray *members, bool typed)
{
    for (guint i = 0; members && i < members->len; i++) {
        const QapiMember *m = g_ptr_array_index(members, i);
        const char *text = doc_arg(doc_of, m->name);
        g_string_append_printf(out, "- `%s`", m->name);
        if (typed) {
            g_string_append_printf(out, ": `%s`", m->type_name);
        }
        if (m->optional) {
            g_string_append(out, " (optional)");
        }
        put_cond(out, m->cond);
        put_features(out, m->features);
        g_string_append(out, " — ");
        put_text(out, text ? text : "Not documented.", true);
        g_string_append_c(out, '\n');
    }
    if (members && members->len) {
        g_string_append_c(out, '\n');
    }
}

static void put_heading_text(GString *out, const char *body)
{
    gchar **lines = g_strsplit(body, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        const char *l = lines[i];
        int level = 0;
        while (l[level] == '=') {
            level++;
        }
        if (level && l[level] == ' ') {
            /* "= X" is a section, "== X" a subsection */
            g_string_append_printf(out, "%.*s %s\n\n", level + 1, "######",
                                   l + level + 1);
        } else {
            put_text(out, l, false);
            g_string_append_c(out, '\n');
        }
    }
    g_strfreev(lines);
}

static void put_section(GString *out, const QapiDocItem *it)
{
    if (g_str_has_prefix(it->name, "Example")) {
        g_string_append_printf(out, "**%s:**\n\n```\n%s\n```\n\n", it->name,
                               it->text);
    } else if (!it->name[0]) {
        put_text(out, it->text, true);
        g_string_append(out, "\n\n");
    } else {
        g_string_append_printf(out, "**%s:** ", it->name);
        put_text(out, it->text, true);
        g_string_append(out, "\n\n");
    }
}

static void put_type_ref(GString *out, const char *what, const char *name)
{
    g_string_append_printf(out, "%s `%s`.\n\n", what, name);
}

static void put_entity(GString *out, const QapiEntity *e)
{
    static const char *const kinds[] = {
        [QAPI_META_ENUM] = "Enum", [QAPI_META_STRUCT] = "Struct",
        [QAPI_META_UNION] = "Union", [QAPI_META_ALTERNATE] = "Alternate",
        [QAPI_META_COMMAND] = "Command", [QAPI_META_EVENT] = "Event",
    };
    const QapiDoc *d = e->doc;
    g_string_append_printf(out, "### %s (%s)\n\n", e->name, kinds[e->meta]);
    if (d->body[0]) {
        put_text(out, d->body, false);
        g_string_append(out, "\n\n");
    }
    switch (e->meta) {
    case QAPI_META_ENUM:
        g_string_append(out, "**Values:**\n\n");
        put_members(out, e, e->members, false);
        break;
    case QAPI_META_STRUCT:
        g_string_append(out, "**Members:**\n\n");
        if (e->base) {
            put_type_ref(out, "- The members of", e->base->name);
        }
        put_members(out, e, e->members, true);
        if (!e->base && !e->members->len) {
            g_string_append(out, "None.\n\n");
        }
        break;
    case QAPI_META_UNION:
        g_string_append(out, "**Members:**\n\n");
        if (e->base->implicit) {
            put_members(out, e, e->base->members, true);
        } else {
            put_type_ref(out, "- The members of", e->base->name);
        }
        g_string_append_printf(out, "**Branches** (selected by `%s`):\n\n",
                               e->tag->name);
        for (guint i = 0; i < e->variants->len; i++) {
            const QapiMember *v = g_ptr_array_index(e->variants, i);
            g_string_append_printf(out, "- when `%s`: the members of `%s`",
                                   v->name, v->type_name);
            put_cond(out, v->cond);
            g_string_append_c(out, '\n');
        }
        g_string_append_c(out, '\n');
        break;
    case QAPI_META_ALTERNATE:
        g_string_append(out, "**One of:**\n\n");
        put_members(out, e, e->variants, true);
        break;
    case QAPI_META_COMMAND:
    case QAPI_META_EVENT:
        g_string_append(out, e->meta == QAPI_META_COMMAND ? "**Arguments:**"
                                                          : "**Data:**");
        if (!e->arg_type) {
            g_string_append(out, " none.\n\n");
        } else if (e->arg_type->implicit) {
            g_string_append(out, "\n\n");
            put_members(out, e, e->arg_type->members, true);
        } else {
            put_type_ref(out, "\n\n- The members of", e->arg_type->name);
        }
        if (e->meta == QAPI_META_COMMAND) {
            char *st = run_state_mask_format(e->states);
            const char *ret = doc_section(d, "Returns");
            g_string_append_printf(out, "**Returns:** `%s`",
                                   e->ret_name ? e->ret_name : "{}");
            if (ret) {
                g_string_append(out, " — ");
                put_text(out, ret, true);
            }
            g_string_append(out, "\n\n");
            g_string_append_printf(out, "**Run states:** %s\n\n", st);
            g_free(st);
        }
        break;
    default:
        break;
    }
    if (e->features->len) {
        g_string_append(out, "**Features:**\n\n");
        for (guint i = 0; i < e->features->len; i++) {
            const QapiFeature *f = g_ptr_array_index(e->features, i);
            const char *text = NULL;
            for (guint j = 0; j < d->features->len; j++) {
                const QapiDocItem *it = g_ptr_array_index(d->features, j);
                text = strcmp(it->name, f->name) ? text : it->text;
            }
            g_string_append_printf(out, "- `%s`", f->name);
            put_cond(out, f->cond);
            g_string_append(out, " — ");
            put_text(out, text ? text : "Not documented.", true);
            g_string_append_c(out, '\n');
        }
        g_string_append_c(out, '\n');
    }
    if (e->cond) {
        char *c = qapi_cond_format(e->cond);
        g_string_append_printf(out, "**If:** `%s`\n\n", c);
        g_free(c);
    }
    for (guint i = 0; i < d->sections->len; i++) {
        const QapiDocItem *it = g_ptr_array_index(d->sections, i);
        if (strcmp(it->name, "Returns") || e->meta != QAPI_META_COMMAND) {
            put_section(out, it);   /* a command's is on its Returns line */
        }
    }
}

char *qapi_doc_render_markdown(const QapiSchema *s)
{
    GString *out = g_string_new("");
    g_string_append(out, "# hemu QMP reference\n\n"
                    "<!-- Generated by qapi-doc from the schema in qapi/; "
                    "do not edit. Regenerate: ninja -C build qapi-docs -->\n\n");
    for (guint i = 0; i < s->docs->len; i++) {
        const QapiDoc *d = g_ptr_array_index(s->docs, i);
        if (d->entity) {
            put_entity(out, d->entity);
        } else if (!d->symbol) {
            put_heading_text(out, d->body);
            g_string_append_c(out, '\n');
        }
    }
    /* at most one blank line in a row, one newline at the end */
    GString *tidy = g_string_sized_new(out->len);
    for (gsize i = 0; i < out->len; i++) {
        if (out->str[i] == '\n' && g_str_has_suffix(tidy->str, "\n\n")) {
            continue;
        }
        g_string_append_c(tidy, out->str[i]);
    }
    g_string_free(out, TRUE);
    while (g_str_has_suffix(tidy->str, "\n\n")) {
        g_string_truncate(tidy, tidy->len - 1);
    }
    return g_string_free(tidy, FALSE);
}

/* Examples. */

static void example_line_free(QapiExampleLine *l)
{
    g_free(l->text);
    json_decref(l->value);
    g_free(l);
}

static void example_free(QapiExample *ex)
{
    g_ptr_array_free(ex->lines, TRUE);
    g_free(ex);
}

static void finish_line(QapiExampleLine *l)
{
    if (l) {
        l->value = json_loads(l->text, JSON_DECODE_ANY, NULL);
    }
}

static QapiExample *parse_example(const QapiEntity *e, const QapiDocItem *it)
{
    QapiExample *ex = g_new0(QapiExample, 1);
    ex->name = e->name;
    ex->entity = e;
    ex->not_run = strstr(it->name, "not run") != NULL;
    ex->pos = it->pos;
    ex->lines = g_ptr_array_new_with_free_func((GDestroyNotify)example_line_free);
    QapiExampleLine *cur = NULL;
    gchar **lines = g_strsplit(it->text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        const char *l = lines[i];
        while (*l == ' ') {
            l++;
        }
        if (!strncmp(l, "->", 2) || !strncmp(l, "<-", 2)) {
            finish_line(cur);
            cur = g_new0(QapiExampleLine, 1);
            cur->to_server = l[0] == '-';
            cur->text = g_strdup(g_strstrip((char *)l + 2));
            g_ptr_array_add(ex->lines, cur);
        } else if (!*l) {
            finish_line(cur);
            cur = NULL;
        } else if (cur) {
            char *t = g_strconcat(cur->text, "\n", l, NULL);
            g_free(cur->text);
            cur->text = t;
        }
    }
    finish_line(cur);
    g_strfreev(lines);
    return ex;
}

GPtrArray *qapi_doc_examples(const QapiSchema *s)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)example_free);
    for (guint i = 0; i < s->docs->len; i++) {
        const QapiDoc *d = g_ptr_array_index(s->docs, i);
        for (guint j = 0; d->entity && j < d->sections->len; j++) {
            const QapiDocItem *it = g_ptr_array_index(d->sections, j);
            if (g_str_has_prefix(it->name, "Example")) {
                g_ptr_array_add(all, parse_example(d->entity, it));
            }
        }
    }
    return all;
}
