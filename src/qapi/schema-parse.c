/* Schema file syntax: QEMU's Python-dict-like expressions with
 * single-quoted strings, '#' comments and '##' doc blocks
 * (qapi-code-gen.rst, "Schema syntax" and "Documentation comments").
 * SPDX-License-Identifier: MIT */
#include "qapi/schema-int.h"

#include <string.h>

typedef struct Lexer {
    const char *file;
    const char *p;              /* next character */
    const char *line_start;
    int line;
    bool docs;                  /* parse '##' doc blocks (else comments) */
} Lexer;

static QapiPos lex_pos(const Lexer *lx)
{
    return (QapiPos){ lx->file, lx->line, (int)(lx->p - lx->line_start) + 1 };
}

static void lex_newline(Lexer *lx)
{
    lx->p++;
    lx->line++;
    lx->line_start = lx->p;
}

static void lex_skip_line(Lexer *lx)
{
    while (*lx->p && *lx->p != '\n') {
        lx->p++;
    }
}

/* Skip blanks and comments (not doc blocks: the caller sees those). */
static void lex_skip_space(Lexer *lx)
{
    for (;;) {
        if (*lx->p == '\n') {
            lex_newline(lx);
        } else if (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r') {
            lx->p++;
        } else if (*lx->p == '#') {
            lex_skip_line(lx);
        } else {
            return;
        }
    }
}

void qapi_node_free(QapiNode *n)
{
    if (!n) {
        return;
    }
    g_free(n->str);
    if (n->keys) {
        g_ptr_array_free(n->keys, TRUE);
    }
    if (n->items) {
        g_ptr_array_free(n->items, TRUE);
    }
    g_free(n);
}

static QapiNode *node_new(QapiNodeKind kind, QapiPos pos)
{
    QapiNode *n = g_new0(QapiNode, 1);
    n->kind = kind;
    n->pos = pos;
    if (kind == QAPI_NODE_DICT) {
        n->keys = g_ptr_array_new_with_free_func((GDestroyNotify)qapi_node_free);
    }
    if (kind == QAPI_NODE_DICT || kind == QAPI_NODE_LIST) {
        n->items = g_ptr_array_new_with_free_func((GDestroyNotify)qapi_node_free);
    }
    return n;
}

QapiNode *qapi_node_get(const QapiNode *n, const char *key)
{
    if (!n || n->kind != QAPI_NODE_DICT) {
        return NULL;
    }
    for (guint i = 0; i < n->keys->len; i++) {
        QapiNode *k = g_ptr_array_index(n->keys, i);
        if (!strcmp(k->str, key)) {
            return g_ptr_array_index(n->items, i);
        }
    }
    return NULL;
}

static QapiNode *parse_string(Lexer *lx, Error **errp)
{
    QapiPos pos = lex_pos(lx);
    GString *s = g_string_new("");
    lx->p++;                    /* opening quote */
    for (;;) {
        char c = *lx->p;
        if (c == '\'') {
            lx->p++;
            break;
        }
        if (c == '\0' || c == '\n') {
            error_set_at(errp, pos.file, pos.line, pos.col,
                         "missing terminating \"'\"");
            g_string_free(s, TRUE);
            return NULL;
        }
        if (c == '\\') {
            QapiPos bp = lex_pos(lx);
            error_set_at(errp, bp.file, bp.line, bp.col,
                         "escape sequences are not supported");
            g_string_free(s, TRUE);
            return NULL;
        }
        if ((unsigned char)c < 32 || (unsigned char)c > 126) {
            QapiPos bp = lex_pos(lx);
            error_set_at(errp, bp.file, bp.line, bp.col,
                         "funny character in string");
            g_string_free(s, TRUE);
            return NULL;
        }
        g_string_append_c(s, c);
        lx->p++;
    }
    QapiNode *n = node_new(QAPI_NODE_STR, pos);
    n->str = g_string_free(s, FALSE);
    return n;
}

static QapiNode *parse_value(Lexer *lx, Error **errp);

static bool expect_char(Lexer *lx, char c, const char *what, Error **errp)
{
    lex_skip_space(lx);
    if (*lx->p != c) {
        QapiPos pos = lex_pos(lx);
        error_set_at(errp, pos.file, pos.line, pos.col, "expected %s", what);
        return false;
    }
    lx->p++;
    return true;
}

static QapiNode *parse_dict(Lexer *lx, Error **errp)
{
    QapiNode *n = node_new(QAPI_NODE_DICT, lex_pos(lx));
    lx->p++;
    lex_skip_space(lx);
    if (*lx->p == '}') {
        lx->p++;
        return n;
    }
    for (;;) {
        lex_skip_space(lx);
        if (*lx->p != '\'') {
            QapiPos pos = lex_pos(lx);
            error_set_at(errp, pos.file, pos.line, pos.col,
                         "expected string");
            goto fail;
        }
        QapiNode *key = parse_string(lx, errp);
        if (!key) {
            goto fail;
        }
        if (qapi_node_get(n, key->str)) {
            error_set_at(errp, key->pos.file, key->pos.line, key->pos.col,
                         "duplicate key '%s'", key->str);
            qapi_node_free(key);
            goto fail;
        }
        g_ptr_array_add(n->keys, key);
        if (!expect_char(lx, ':', "':'", errp)) {
            g_ptr_array_add(n->items, NULL);
            goto fail;
        }
        QapiNode *val = parse_value(lx, errp);
        g_ptr_array_add(n->items, val);
        if (!val) {
            goto fail;
        }
        lex_skip_space(lx);
        if (*lx->p == '}') {
            lx->p++;
            return n;
        }
        if (!expect_char(lx, ',', "',' or '}'", errp)) {
            goto fail;
        }
    }
fail:
    qapi_node_free(n);
    return NULL;
}

static QapiNode *parse_list(Lexer *lx, Error **errp)
{
    QapiNode *n = node_new(QAPI_NODE_LIST, lex_pos(lx));
    lx->p++;
    lex_skip_space(lx);
    if (*lx->p == ']') {
        lx->p++;
        return n;
    }
    for (;;) {
        QapiNode *val = parse_value(lx, errp);
        if (!val) {
            qapi_node_free(n);
            return NULL;
        }
        g_ptr_array_add(n->items, val);
        lex_skip_space(lx);
        if (*lx->p == ']') {
            lx->p++;
            return n;
        }
        if (!expect_char(lx, ',', "',' or ']'", errp)) {
            qapi_node_free(n);
            return NULL;
        }
    }
}

static QapiNode *parse_value(Lexer *lx, Error **errp)
{
    lex_skip_space(lx);
    QapiPos pos = lex_pos(lx);
    switch (*lx->p) {
    case '{':
        return parse_dict(lx, errp);
    case '[':
        return parse_list(lx, errp);
    case '\'':
        return parse_string(lx, errp);
    case '\0':
        error_set_at(errp, pos.file, pos.line, pos.col,
                     "expected value, got end of file");
        return NULL;
    }
    if (!strncmp(lx->p, "true", 4) || !strncmp(lx->p, "false", 5)) {
        QapiNode *n = node_new(QAPI_NODE_BOOL, pos);
        n->b = lx->p[0] == 't';
        lx->p += n->b ? 4 : 5;
        return n;
    }
    error_set_at(errp, pos.file, pos.line, pos.col, "stray '%c'", *lx->p);
    return NULL;
}

/* Doc blocks. */

void qapi_doc_free(QapiDoc *d)
{
    if (!d) {
        return;
    }
    g_free(d->symbol);
    g_free(d->body);
    g_ptr_array_free(d->args, TRUE);
    g_ptr_array_free(d->features, TRUE);
    g_ptr_array_free(d->sections, TRUE);
    g_free(d);
}

static void doc_item_free(QapiDocItem *it)
{
    g_free(it->name);
    g_free(it->text);
    g_free(it);
}

static const char *const section_tags[] = {
    "Returns", "Since", "Note", "Notes", "Example", "Examples",
    "Example (not run)", "TODO", "Errors", "See also", "Features", NULL,
};

/* If @line starts with a section tag and ':', return the tag and set
 * *rest to the text after it. */
static const char *doc_section_tag(const char *line, const char **rest)
{
    for (int i = 0; section_tags[i]; i++) {
        size_t n = strlen(section_tags[i]);
        if (!strncmp(line, section_tags[i], n) && line[n] == ':') {
            *rest = line + n + 1;
            return section_tags[i];
        }
    }
    return NULL;
}

/* "@name: text" at the start of a line: the name, and *rest. */
static char *doc_arg_name(const char *line, const char **rest)
{
    if (line[0] != '@') {
        return NULL;
    }
    const char *e = line + 1;
    while (g_ascii_isalnum(*e) || *e == '-' || *e == '_' || *e == '.') {
        e++;
    }
    if (e == line + 1 || *e != ':') {
        return NULL;
    }
    *rest = e + 1;
    return g_strndup(line + 1, e - line - 1);
}

static QapiDocItem *doc_item_new(GPtrArray *into, char *name,
                                 const char *text, QapiPos pos)
{
    QapiDocItem *it = g_new0(QapiDocItem, 1);
    it->name = name;
    it->text = g_strdup(text);
    it->pos = pos;
    g_ptr_array_add(into, it);
    return it;
}

static void append_line(char **text, const char *line)
{
    char *t = *text[0] ? g_strconcat(*text, "\n", line, NULL)
                       : g_strdup(line);
    g_free(*text);
    *text = t;
}

/* Build a QapiDoc from the text lines of a block ('#' and one space
 * removed); @first is the position of the first text line. */
static QapiDoc *doc_build(GPtrArray *lines, QapiPos first)
{
    enum { BODY, ARGS, FEATURES, SECTION } state = BODY;
    QapiDoc *d = g_new0(QapiDoc, 1);
    d->args = g_ptr_array_new_with_free_func((GDestroyNotify)doc_item_free);
    d->features = g_ptr_array_new_with_free_func((GDestroyNotify)doc_item_free);
    d->sections = g_ptr_array_new_with_free_func((GDestroyNotify)doc_item_free);
    d->body = g_strdup("");
    d->pos = first;
    QapiDocItem *cur = NULL;
    guint i = 0;
    const char *rest;

    if (lines->len) {
        char *sym = doc_arg_name(g_ptr_array_index(lines, 0), &rest);
        if (sym && !*g_strchug((char *)rest)) {
            d->symbol = sym;
            i = 1;
        } else {
            g_free(sym);
        }
    }
    for (; i < lines->len; i++) {
        const char *line = g_ptr_array_index(lines, i);
        QapiPos pos = { first.file, first.line + (int)i, 1 };
        const char *tag = doc_section_tag(line, &rest);
        char *arg = (state == SECTION && cur && !strncmp(cur->name, "Example", 7))
                    ? NULL : doc_arg_name(line, &rest);
        if (tag && !strcmp(tag, "Features")) {
            state = FEATURES;
            cur = NULL;
        } else if (tag) {
            state = SECTION;
            cur = doc_item_new(d->sections, g_strdup(tag),
                               g_strchug((char *)rest), pos);
        } else if (arg && (state == BODY || state == ARGS || state == FEATURES)) {
            if (state == BODY) {
                state = ARGS;
            }
            char *t = g_strstrip(g_strdup(rest));
            cur = doc_item_new(state == FEATURES ? d->features : d->args, arg,
                               t, pos);
            g_free(t);
            arg = NULL;
        } else if (state == BODY) {
            append_line(&d->body, line);
        } else if (state == SECTION) {
            append_line(&cur->text, line);
        } else if (!line[0]) {
            /* blank line between member descriptions */
        } else if (line[0] == ' ' && cur) {
            char *t = g_strstrip(g_strdup(line));
            append_line(&cur->text, t);
            g_free(t);
        } else {
            /* unindented text after the members: an untagged section */
            state = SECTION;
            cur = doc_item_new(d->sections, g_strdup(""), line, pos);
        }
        g_free(arg);
    }
    g_strstrip(d->body);
    for (guint j = 0; j < d->sections->len; j++) {
        QapiDocItem *it = g_ptr_array_index(d->sections, j);
        /* keep leading indentation of examples; drop trailing blanks */
        g_strchomp(it->text);
        while (it->text[0] == '\n') {
            memmove(it->text, it->text + 1, strlen(it->text));
        }
    }
    return d;
}

/* At a line that is "##": read the block up to the closing "##". */
static QapiDoc *parse_doc_block(Lexer *lx, Error **errp)
{
    QapiPos start = lex_pos(lx);
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    lex_skip_line(lx);
    QapiPos first = { lx->file, lx->line + 1, 1 };
    for (;;) {
        if (*lx->p == '\n') {
            lex_newline(lx);
        }
        if (!*lx->p) {
            error_set_at(errp, start.file, start.line, start.col,
                         "documentation comment must end with '##'");
            g_ptr_array_free(lines, TRUE);
            return NULL;
        }
        const char *l = lx->p;
        lex_skip_line(lx);
        char *line = g_strndup(l, lx->p - l);
        g_strchomp(line);
        if (line[0] != '#') {
            error_set_at(errp, lx->file, lx->line, 1,
                         "documentation comment line must start with '#'");
            g_free(line);
            g_ptr_array_free(lines, TRUE);
            return NULL;
        }
        if (!strcmp(line, "##")) {
            g_free(line);
            break;
        }
        if (line[1] && line[1] != ' ') {
            error_set_at(errp, lx->file, lx->line, 2,
                         "missing space after #");
            g_free(line);
            g_ptr_array_free(lines, TRUE);
            return NULL;
        }
        g_ptr_array_add(lines, g_strdup(line[1] ? line + 2 : ""));
        g_free(line);
    }
    QapiDoc *d = doc_build(lines, first);
    g_ptr_array_free(lines, TRUE);
    return d;
}

static bool at_doc_start(const Lexer *lx)
{
    if (lx->p != lx->line_start || strncmp(lx->p, "##", 2)) {
        return false;
    }
    const char *e = lx->p + 2;
    while (*e == ' ' || *e == '\t' || *e == '\r') {
        e++;
    }
    return *e == '\n' || *e == '\0';
}

bool qapi_parse_text(const char *file, const char *text, bool docs,
                     GPtrArray *items, Error **errp)
{
    Lexer lx = { file, text, text, 1, docs };
    QapiDoc *pending = NULL;

    for (;;) {
        /* skip blanks and plain comments, stopping at doc blocks */
        for (;;) {
            if (*lx.p == '\n') {
                lex_newline(&lx);
            } else if (*lx.p == ' ' || *lx.p == '\t' || *lx.p == '\r') {
                lx.p++;
            } else if (*lx.p == '#' && !(lx.docs && at_doc_start(&lx))) {
                lex_skip_line(&lx);
            } else {
                break;
            }
        }
        if (!*lx.p) {
            break;
        }
        if (*lx.p == '#') {
            QapiDoc *d = parse_doc_block(&lx, errp);
            if (!d) {
                goto fail;
            }
            if (pending) {
                QapiTopItem *it = g_new0(QapiTopItem, 1);
                it->doc = pending;
                g_ptr_array_add(items, it);
            }
            pending = d;
            if (!d->symbol) {       /* free-form: documents nothing */
                QapiTopItem *it = g_new0(QapiTopItem, 1);
                it->doc = d;
                g_ptr_array_add(items, it);
                pending = NULL;
            }
            continue;
        }
        if (*lx.p != '{') {
            QapiPos pos = lex_pos(&lx);
            error_set_at(errp, pos.file, pos.line, pos.col,
                         "expected '{' to start a definition");
            goto fail;
        }
        QapiNode *expr = parse_dict(&lx, errp);
        if (!expr) {
            goto fail;
        }
        QapiTopItem *it = g_new0(QapiTopItem, 1);
        it->expr = expr;
        it->doc = pending;
        pending = NULL;
        g_ptr_array_add(items, it);
    }
    if (pending) {
        QapiTopItem *it = g_new0(QapiTopItem, 1);
        it->doc = pending;
        g_ptr_array_add(items, it);
    }
    return true;

fail:
    qapi_doc_free(pending);
    return false;
}
