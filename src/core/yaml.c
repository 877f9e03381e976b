/* YAML to JSON values with libyaml's event parser (see yaml.h).
 * SPDX-License-Identifier: MIT */
#include "core/yaml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <yaml.h>

#define YAML_MAX_DEPTH 256

typedef struct YamlReader {
    yaml_parser_t parser;
    const char *file;
    Error **errp;
    YamlPosFn *pos;
    void *opaque;
} YamlReader;

static void record(YamlReader *r, const json_t *parent, const char *key,
                   size_t index, yaml_mark_t m)
{
    if (r->pos) {
        r->pos(r->opaque, parent, key, index, (int)m.line + 1, (int)m.column + 1);
    }
}

static void yerror(YamlReader *r, yaml_mark_t m, const char *msg)
{
    error_set_at(r->errp, r->file, (int)m.line + 1, (int)m.column + 1, "%s", msg);
}

static bool next(YamlReader *r, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&r->parser, ev)) {
        error_set_at(r->errp, r->file, (int)r->parser.problem_mark.line + 1,
                     (int)r->parser.problem_mark.column + 1, "%s",
                     r->parser.problem ? r->parser.problem : "YAML syntax error");
        return false;
    }
    return true;
}

static json_t *scalar(const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        return json_stringn(v, ev->data.scalar.length);
    }
    if (!*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
        !strcmp(v, "NULL")) {
        return json_null();
    }
    if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE")) {
        return json_true();
    }
    if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE")) {
        return json_false();
    }
    char *end;
    errno = 0;
    if (g_ascii_isdigit(v[0]) || ((v[0] == '-' || v[0] == '+') && g_ascii_isdigit(v[1]))) {
        int base = 10;
        const char *p = v;
        if (v[0] == '0' && (v[1] == 'x' || v[1] == 'o')) {
            base = v[1] == 'x' ? 16 : 8;
            p = v + 2;
        }
        long long ll = strtoll(p, &end, base);
        if (!*end && errno == 0 && end != p) {
            return json_integer(ll);
        }
        errno = 0;
        double d = g_ascii_strtod(v, &end);
        if (!*end && errno == 0 && strpbrk(v, ".eE")) {
            return json_real(d);
        }
    }
    return json_stringn(v, ev->data.scalar.length);
}

static json_t *node(YamlReader *r, yaml_event_t *ev, int depth);

static json_t *collection(YamlReader *r, yaml_event_t *start, int depth)
{
    bool map = start->type == YAML_MAPPING_START_EVENT;
    json_t *out = map ? json_object() : json_array();
    yaml_event_t ev;

    if (depth > YAML_MAX_DEPTH) {
        yerror(r, start->start_mark, "nesting too deep");
        goto fail;
    }
    for (;;) {
        if (!next(r, &ev)) {
            goto fail;
        }
        if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            return out;
        }
        if (!map) {
            record(r, out, NULL, json_array_size(out), ev.start_mark);
            json_t *v = node(r, &ev, depth + 1);
            if (!v) {
                goto fail;
            }
            json_array_append_new(out, v);
            continue;
        }
        if (ev.type != YAML_SCALAR_EVENT) {
            yerror(r, ev.start_mark, "a mapping key must be a scalar");
            yaml_event_delete(&ev);
            goto fail;
        }
        g_autofree char *key = g_strdup((const char *)ev.data.scalar.value);
        yaml_mark_t kmark = ev.start_mark;
        yaml_event_delete(&ev);
        if (json_object_get(out, key)) {
            g_autofree char *m = g_strdup_printf("duplicate key '%s'", key);
            yerror(r, kmark, m);
            goto fail;
        }
        record(r, out, key, 0, kmark);
        if (!next(r, &ev)) {
            goto fail;
        }
        json_t *v = node(r, &ev, depth + 1);
        if (!v) {
            goto fail;
        }
        json_object_set_new(out, key, v);
    }
fail:
    json_decref(out);
    return NULL;
}

/* Consumes ev. */
static json_t *node(YamlReader *r, yaml_event_t *ev, int depth)
{
    json_t *v = NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        v = scalar(ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        v = collection(r, ev, depth);
        break;
    case YAML_ALIAS_EVENT:
        yerror(r, ev->start_mark, "YAML aliases are not supported");
        break;
    default:
        yerror(r, ev->start_mark, "unexpected YAML event");
        break;
    }
    yaml_event_delete(ev);
    return v;
}

json_t *yaml_to_json(const char *text, size_t len, const char *filename,
                     Error **errp)
{
    return yaml_to_json_pos(text, len, filename, NULL, NULL, errp);
}

json_t *yaml_to_json_pos(const char *text, size_t len, const char *filename,
                         YamlPosFn *pos, void *opaque, Error **errp)
{
    YamlReader r = { .file = filename, .errp = errp, .pos = pos, .opaque = opaque };
    yaml_event_t ev;
    json_t *doc = NULL;

    yaml_parser_initialize(&r.parser);
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
    /* stream start, document start */
    for (;;) {
        if (!next(&r, &ev)) {
            goto out;
        }
        if (ev.type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            doc = json_null();     /* an empty file */
            goto out;
        }
        if (ev.type == YAML_STREAM_START_EVENT || ev.type == YAML_DOCUMENT_START_EVENT) {
            yaml_event_delete(&ev);
            continue;
        }
        break;
    }
    record(&r, NULL, NULL, 0, ev.start_mark);
    doc = node(&r, &ev, 0);
    if (!doc) {
        goto out;
    }
    if (!next(&r, &ev)) {                  /* document end */
        goto fail;
    }
    yaml_event_delete(&ev);
    if (!next(&r, &ev)) {
        goto fail;
    }
    if (ev.type != YAML_STREAM_END_EVENT) {
        yerror(&r, ev.start_mark, "only one YAML document is allowed");
        yaml_event_delete(&ev);
        goto fail;
    }
    yaml_event_delete(&ev);
    goto out;
fail:
    json_decref(doc);
    doc = NULL;
out:
    yaml_parser_delete(&r.parser);
    return doc;
}

/* ---- writing ------------------------------------------------------------ */

/* A string whose plain spelling would read back as something else (a
 * number, a boolean, null) or not at all must be quoted. */
static bool needs_quotes(const char *s)
{
    static const char *const words[] = { "null", "true", "false", "yes", "no",
                                         "on", "off", "~", NULL };
    if (!*s || strchr("0123456789+-.", s[0]) || strchr(s, ':') || strchr(s, '#')) {
        return true;
    }
    for (const char *const *w = words; *w; w++) {
        if (!g_ascii_strcasecmp(s, *w)) {
            return true;
        }
    }
    return false;
}

static bool emit_value(yaml_emitter_t *e, json_t *v)
{
    yaml_event_t ev;
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *m;
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        if (!yaml_emitter_emit(e, &ev)) {
            return false;
        }
        json_object_foreach(v, k, m) {
            json_t *key = json_string(k);
            bool ok = emit_value(e, key) && emit_value(e, m);
            json_decref(key);
            if (!ok) {
                return false;
            }
        }
        yaml_mapping_end_event_initialize(&ev);
        return yaml_emitter_emit(e, &ev);
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *m;
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        if (!yaml_emitter_emit(e, &ev)) {
            return false;
        }
        json_array_foreach(v, i, m) {
            if (!emit_value(e, m)) {
                return false;
            }
        }
        yaml_sequence_end_event_initialize(&ev);
        return yaml_emitter_emit(e, &ev);
    }
    default: {
        g_autofree char *text = json_is_string(v) ? g_strdup(json_string_value(v))
                                : json_dumps(v, JSON_ENCODE_ANY);
        yaml_scalar_style_t style = json_is_string(v) && needs_quotes(text)
            ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE;
        yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text,
                                     (int)strlen(text), 1, 1, style);
        return yaml_emitter_emit(e, &ev);
    }
    }
}

static int write_gstring(void *data, unsigned char *buf, size_t size)
{
    g_string_append_len(data, (const char *)buf, (gssize)size);
    return 1;
}

char *json_to_yaml(json_t *v)
{
    yaml_emitter_t e;
    yaml_event_t ev;
    GString *out = g_string_new(NULL);
    yaml_emitter_initialize(&e);
    yaml_emitter_set_output(&e, write_gstring, out);
    yaml_emitter_set_unicode(&e, 1);
    yaml_emitter_set_width(&e, 100);
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    bool ok = yaml_emitter_emit(&e, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    ok = ok && yaml_emitter_emit(&e, &ev) && emit_value(&e, v);
    yaml_document_end_event_initialize(&ev, 1);
    ok = ok && yaml_emitter_emit(&e, &ev);
    yaml_stream_end_event_initialize(&ev);
    ok = ok && yaml_emitter_emit(&e, &ev);
    yaml_emitter_delete(&e);
    g_assert(ok);   /* only fails on bad events or memory, both bugs */
    return g_string_free(out, false);
}
