/* Incremental JSON splitter + parser following QEMU 7.2's lexer, streamer
 * and parser (see json-stream.h): a table-driven lexer, brace/bracket
 * counting to find the end of a value, then recursive descent.
 * SPDX-License-Identifier: MIT */
#include "monitor/json-stream.h"
#include "monitor/json-writer.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

/* Lexer states; 0 doubles as the "lexical error" result. */
enum {
    LX_ERROR = 0,
    LX_RECOVERY,
    LX_DQ_ESC,
    LX_DQ,
    LX_SQ_ESC,
    LX_SQ,
    LX_ZERO,
    LX_EXP_DIGITS,
    LX_EXP_SIGN,
    LX_EXP_E,
    LX_MANT,
    LX_MANT_DIGITS,
    LX_DIGITS,
    LX_SIGN,
    LX_KEYWORD,
    LX_START,
    /* token types (terminal results) */
    TK_LCURLY,
    TK_RCURLY,
    TK_LSQUARE,
    TK_RSQUARE,
    TK_COLON,
    TK_COMMA,
    TK_INTEGER,
    TK_FLOAT,
    TK_KEYWORD,
    TK_STRING,
    TK_END,         /* end of input (flush) */
};

/* A result with LA set ends the token before this byte, which is then
 * looked at again from LX_START. */
#define LA 0x80
#define TERMINAL(t) [0 ... 0xFF] = (t) | LA

/* ranges first, then the exceptions that override them */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const uint8_t lexer_table[LX_START + 1][256] = {
    /* after a lexical error: skip to a structural character, a control
     * character other than tab, or 0xFE/0xFF */
    [LX_RECOVERY] = {
        [0 ... 0x1F] = LX_START | LA,
        [0x20 ... 0xFD] = LX_RECOVERY,
        [0xFE ... 0xFF] = LX_START | LA,
        ['\t'] = LX_RECOVERY,
        ['['] = LX_START | LA, [']'] = LX_START | LA,
        ['{'] = LX_START | LA, ['}'] = LX_START | LA,
        [':'] = LX_START | LA, [','] = LX_START | LA,
    },
    [LX_DQ_ESC] = { [0x20 ... 0xFD] = LX_DQ },
    [LX_DQ] = {
        [0x20 ... 0xFD] = LX_DQ,
        ['\\'] = LX_DQ_ESC,
        ['"'] = TK_STRING,
    },
    [LX_SQ_ESC] = { [0x20 ... 0xFD] = LX_SQ },
    [LX_SQ] = {
        [0x20 ... 0xFD] = LX_SQ,
        ['\\'] = LX_SQ_ESC,
        ['\''] = TK_STRING,
    },
    [LX_ZERO] = {
        TERMINAL(TK_INTEGER),
        ['0' ... '9'] = LX_ERROR,
        ['.'] = LX_MANT,
    },
    [LX_EXP_DIGITS] = {
        TERMINAL(TK_FLOAT),
        ['0' ... '9'] = LX_EXP_DIGITS,
    },
    [LX_EXP_SIGN] = { ['0' ... '9'] = LX_EXP_DIGITS },
    [LX_EXP_E] = {
        ['-'] = LX_EXP_SIGN, ['+'] = LX_EXP_SIGN,
        ['0' ... '9'] = LX_EXP_DIGITS,
    },
    [LX_MANT_DIGITS] = {
        TERMINAL(TK_FLOAT),
        ['0' ... '9'] = LX_MANT_DIGITS,
        ['e'] = LX_EXP_E, ['E'] = LX_EXP_E,
    },
    [LX_MANT] = { ['0' ... '9'] = LX_MANT_DIGITS },
    [LX_DIGITS] = {
        TERMINAL(TK_INTEGER),
        ['0' ... '9'] = LX_DIGITS,
        ['e'] = LX_EXP_E, ['E'] = LX_EXP_E,
        ['.'] = LX_MANT,
    },
    [LX_SIGN] = {
        ['0'] = LX_ZERO,
        ['1' ... '9'] = LX_DIGITS,
    },
    [LX_KEYWORD] = {
        TERMINAL(TK_KEYWORD),
        ['a' ... 'z'] = LX_KEYWORD,
    },
    [LX_START] = {
        ['"'] = LX_DQ,
        ['\''] = LX_SQ,
        ['0'] = LX_ZERO,
        ['1' ... '9'] = LX_DIGITS,
        ['-'] = LX_SIGN,
        ['{'] = TK_LCURLY, ['}'] = TK_RCURLY,
        ['['] = TK_LSQUARE, [']'] = TK_RSQUARE,
        [','] = TK_COMMA, [':'] = TK_COLON,
        ['a' ... 'z'] = LX_KEYWORD,
        [' '] = LX_START, ['\t'] = LX_START,
        ['\r'] = LX_START, ['\n'] = LX_START,
    },
};
#pragma GCC diagnostic pop

typedef struct Token {
    uint32_t start, len;    /* in JsonStream.text */
    uint8_t type;
} Token;

struct JsonStream {
    JsonStreamEmitFn *emit;
    void *opaque;
    JsonStreamLimits lim;
    uint8_t state;
    bool emitted;
    long brace, bracket;
    GString *text;      /* the tokens of the value so far, then the token
                         * being lexed (from tok_start) */
    size_t tok_start;
    GArray *tokens;     /* of Token */
    /* parser */
    size_t pos;
    Error *err;
    GString *scratch;
};

static const JsonStreamLimits qemu_limits = {
    .max_token_size = JSON_STREAM_MAX_TOKEN_SIZE,
    .max_token_count = JSON_STREAM_MAX_TOKEN_COUNT,
    .max_nesting = JSON_STREAM_MAX_NESTING,
};

/* ---- parser ---- */

static void G_GNUC_FMT(2, 3) parse_error(JsonStream *js, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (js->err) {
        return;         /* the first error wins */
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_setg(&js->err, "JSON parse error, %s", msg);
    g_free(msg);
}

static Token *peek(JsonStream *js)
{
    return js->pos < js->tokens->len
        ? &g_array_index(js->tokens, Token, js->pos) : NULL;
}

static Token *pop(JsonStream *js)
{
    Token *t = peek(js);

    if (t) {
        js->pos++;
    }
    return t;
}

static const char *tok_str(JsonStream *js, const Token *t)
{
    return js->text->str + t->start;
}

static int hex4(const char *s, const char *end)
{
    int cp = 0;

    for (int i = 0; i < 4; i++) {
        if (s + i >= end || !g_ascii_isxdigit(s[i])) {
            return -1;
        }
        cp = (cp << 4) | g_ascii_xdigit_value(s[i]);
    }
    return cp;
}

/* Unescape and validate string token t into js->scratch. */
static bool parse_string(JsonStream *js, const Token *t)
{
    const char *p = tok_str(js, t);
    const char *end = p + t->len - 1;   /* the closing quote */
    const char *beg, *next;
    char utf8[5];
    int cp, trailing, n;
    GString *s = js->scratch;

    g_string_truncate(s, 0);
    p++;
    while (p < end) {
        if (*p != '\\') {
            cp = json_writer_utf8_decode(p, end - p, &next);
            if (cp < 0) {
                parse_error(js, "invalid UTF-8 sequence in string");
                return false;
            }
            if (cp < 0x80 && cp > 0) {
                g_string_append_c(s, *p);
            } else {
                n = json_writer_utf8_encode(utf8, cp);
                g_string_append_len(s, utf8, n);
            }
            p = next;
            continue;
        }
        beg = p++;
        switch (*p++) {
        case '"':  g_string_append_c(s, '"'); break;
        case '\'': g_string_append_c(s, '\''); break;
        case '\\': g_string_append_c(s, '\\'); break;
        case '/':  g_string_append_c(s, '/'); break;
        case 'b':  g_string_append_c(s, '\b'); break;
        case 'f':  g_string_append_c(s, '\f'); break;
        case 'n':  g_string_append_c(s, '\n'); break;
        case 'r':  g_string_append_c(s, '\r'); break;
        case 't':  g_string_append_c(s, '\t'); break;
        case 'u':
            cp = hex4(p, end);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && p + 1 < end
                && p[0] == '\\' && p[1] == 'u') {
                /* a leading surrogate followed by \u: must pair */
                cp = 0x10000 + ((cp & 0x3FF) << 10);
                trailing = hex4(p + 2, end);
                if (trailing >= 0xDC00 && trailing <= 0xDFFF) {
                    cp |= trailing & 0x3FF;
                    p += 6;
                } else {
                    cp = -1;
                }
            }
            n = json_writer_utf8_encode(utf8, cp);
            if (n < 0) {
                /* QEMU prints the escape as far as it read, but never
                 * past the end of the token */
                long shown = MIN(p, end + 1) - beg;
                parse_error(js, "%.*s is not a valid Unicode character",
                            (int)shown, beg);
                return false;
            }
            g_string_append_len(s, utf8, n);
            break;
        default:
            parse_error(js, "invalid escape sequence in string");
            return false;
        }
    }
    return true;
}

static json_t *parse_value(JsonStream *js);

static json_t *parse_number(JsonStream *js, const Token *t)
{
    const char *str;
    char *end;
    double d;
    json_t *v;

    g_string_truncate(js->scratch, 0);
    g_string_append_len(js->scratch, tok_str(js, t), t->len);
    str = js->scratch->str;
    if (t->type == TK_INTEGER) {
        long long ll;
        unsigned long long ull;

        errno = 0;
        ll = strtoll(str, &end, 10);
        if (!errno) {
            return json_integer(ll);
        }
        if (str[0] != '-') {
            errno = 0;
            ull = strtoull(str, &end, 10);
            if (!errno) {
                /* uint64 beyond int64: same bit pattern (see header) */
                return json_integer((json_int_t)ull);
            }
        }
    }
    d = g_ascii_strtod(str, &end);
    if (isinf(d) || isnan(d) || !(v = json_real(d))) {
        parse_error(js, "number out of range");
        return NULL;
    }
    return v;
}

static json_t *parse_literal(JsonStream *js)
{
    Token *t = pop(js);

    if (t->type == TK_STRING) {
        if (!parse_string(js, t)) {
            return NULL;
        }
        return json_stringn_nocheck(js->scratch->str, js->scratch->len);
    }
    return parse_number(js, t);
}

static json_t *parse_keyword(JsonStream *js)
{
    Token *t = pop(js);
    const char *s = tok_str(js, t);

    if (t->len == 4 && !memcmp(s, "true", 4)) {
        return json_true();
    }
    if (t->len == 5 && !memcmp(s, "false", 5)) {
        return json_false();
    }
    if (t->len == 4 && !memcmp(s, "null", 4)) {
        return json_null();
    }
    parse_error(js, "invalid keyword '%.*s'", (int)t->len, s);
    return NULL;
}

static bool parse_pair(JsonStream *js, json_t *obj)
{
    Token *t;
    json_t *value;
    char small[64];
    char *key;

    t = peek(js);
    if (!t) {
        parse_error(js, "premature EOI");
        return false;
    }
    if (t->type == TK_STRING) {
        pop(js);
        if (!parse_string(js, t)) {
            return false;
        }
    } else {
        /* QEMU parses whatever is there, then complains */
        json_decref(parse_value(js));
        parse_error(js, "key is not a string in object");
        return false;
    }
    /* the value's parse reuses scratch: keep the key (no allocation for
     * the usual short ones) */
    if (js->scratch->len < sizeof(small)) {
        memcpy(small, js->scratch->str, js->scratch->len + 1);
        key = small;
    } else {
        key = g_strndup(js->scratch->str, js->scratch->len);
    }

    t = pop(js);
    if (!t) {
        parse_error(js, "premature EOI");
        goto fail;
    }
    if (t->type != TK_COLON) {
        parse_error(js, "missing : in object pair");
        goto fail;
    }
    value = parse_value(js);
    if (!value) {
        parse_error(js, "Missing value in dict");
        goto fail;
    }
    if (json_object_get(obj, key)) {
        json_decref(value);
        parse_error(js, "duplicate key");
        goto fail;
    }
    json_object_set_new_nocheck(obj, key, value);
    if (key != small) {
        g_free(key);
    }
    return true;

fail:
    if (key != small) {
        g_free(key);
    }
    return false;
}

static json_t *parse_object(JsonStream *js)
{
    json_t *obj = json_object();
    Token *t;

    pop(js);    /* '{' */
    t = peek(js);
    if (!t) {
        parse_error(js, "premature EOI");
        goto fail;
    }
    if (t->type == TK_RCURLY) {
        pop(js);
        return obj;
    }
    if (!parse_pair(js, obj)) {
        goto fail;
    }
    for (;;) {
        t = pop(js);
        if (!t) {
            parse_error(js, "premature EOI");
            goto fail;
        }
        if (t->type == TK_RCURLY) {
            return obj;
        }
        if (t->type != TK_COMMA) {
            parse_error(js, "expected separator in dict");
            goto fail;
        }
        if (!parse_pair(js, obj)) {
            goto fail;
        }
    }

fail:
    json_decref(obj);
    return NULL;
}

static json_t *parse_array(JsonStream *js)
{
    json_t *arr = json_array();
    json_t *v;
    Token *t;

    pop(js);    /* '[' */
    t = peek(js);
    if (!t) {
        parse_error(js, "premature EOI");
        goto fail;
    }
    if (t->type == TK_RSQUARE) {
        pop(js);
        return arr;
    }
    for (;;) {
        v = parse_value(js);
        if (!v) {
            parse_error(js, "expecting value");
            goto fail;
        }
        json_array_append_new(arr, v);
        t = pop(js);
        if (!t) {
            parse_error(js, "premature EOI");
            goto fail;
        }
        if (t->type == TK_RSQUARE) {
            return arr;
        }
        if (t->type != TK_COMMA) {
            parse_error(js, "expected separator in list");
            goto fail;
        }
    }

fail:
    json_decref(arr);
    return NULL;
}

static json_t *parse_value(JsonStream *js)
{
    Token *t = peek(js);

    if (!t) {
        parse_error(js, "premature EOI");
        return NULL;
    }
    switch (t->type) {
    case TK_LCURLY:
        return parse_object(js);
    case TK_LSQUARE:
        return parse_array(js);
    case TK_INTEGER:
    case TK_FLOAT:
    case TK_STRING:
        return parse_literal(js);
    case TK_KEYWORD:
        return parse_keyword(js);
    default:
        parse_error(js, "expecting value");
        return NULL;
    }
}

static json_t *parse_tokens(JsonStream *js, Error **errp)
{
    json_t *v;

    js->pos = 0;
    js->err = NULL;
    v = parse_value(js);
    if (v && js->pos < js->tokens->len) {
        /* cannot happen: values are cut where brackets balance */
        json_decref(v);
        v = NULL;
        parse_error(js, "expecting value");
    }
    if (!v && !js->err) {
        parse_error(js, "expecting value");
    }
    error_propagate(errp, js->err);
    js->err = NULL;
    return v;
}

/* ---- splitter ---- */

static void reset_value(JsonStream *js)
{
    js->brace = js->bracket = 0;
    g_array_set_size(js->tokens, 0);
    g_string_truncate(js->text, 0);
    js->tok_start = 0;
}

static void emit(JsonStream *js, json_t *v, Error *err)
{
    reset_value(js);
    js->emitted = true;
    js->emit(js->opaque, v, err);
}

/* A token ended (text from tok_start to the end of js->text). */
static void process_token(JsonStream *js, int type)
{
    const char *tok = js->text->str + js->tok_start;
    size_t toklen = js->text->len - js->tok_start;
    Error *err = NULL;
    json_t *v;
    Token t;

    switch (type) {
    case TK_LCURLY:
        js->brace++;
        break;
    case TK_RCURLY:
        js->brace--;
        break;
    case TK_LSQUARE:
        js->bracket++;
        break;
    case TK_RSQUARE:
        js->bracket--;
        break;
    case LX_ERROR:
        /* %s: like QEMU, the text stops at a NUL byte */
        error_setg(&err, "JSON parse error, stray '%s'", tok);
        emit(js, NULL, err);
        return;
    case TK_END:
        if (js->tokens->len == 0) {
            return;
        }
        v = parse_tokens(js, &err);
        emit(js, v, err);
        return;
    default:
        break;
    }

    /* the limits that bound memory and recursion for one value */
    if (js->tok_start + toklen + 1 > js->lim.max_token_size) {
        error_setg(&err, "JSON token size limit exceeded");
        emit(js, NULL, err);
        return;
    }
    if (js->tokens->len + 1 > js->lim.max_token_count) {
        error_setg(&err, "JSON token count limit exceeded");
        emit(js, NULL, err);
        return;
    }
    if ((size_t)(js->bracket + js->brace) > js->lim.max_nesting
        && js->bracket + js->brace > 0) {
        error_setg(&err, "JSON nesting depth limit exceeded");
        emit(js, NULL, err);
        return;
    }

    t.start = (uint32_t)js->tok_start;
    t.len = (uint32_t)toklen;
    t.type = (uint8_t)type;
    g_array_append_val(js->tokens, t);
    js->tok_start = js->text->len;

    if ((js->brace > 0 || js->bracket > 0)
        && js->brace >= 0 && js->bracket >= 0) {
        return;     /* value not complete yet */
    }
    v = parse_tokens(js, &err);
    emit(js, v, err);
}

static void feed_char(JsonStream *js, unsigned char ch, bool flush)
{
    bool consumed = false;
    int next;

    while (flush ? js->state != LX_START : !consumed) {
        next = lexer_table[js->state][ch];
        consumed = !flush && !(next & LA);
        next &= ~LA;
        if (consumed) {
            g_string_append_c(js->text, (char)ch);
        }
        switch (next) {
        case TK_LCURLY: case TK_RCURLY: case TK_LSQUARE: case TK_RSQUARE:
        case TK_COLON: case TK_COMMA: case TK_INTEGER: case TK_FLOAT:
        case TK_KEYWORD: case TK_STRING:
            process_token(js, next);
            /* fall through */
        case LX_START:
            g_string_truncate(js->text, js->tok_start);
            next = LX_START;
            break;
        case LX_ERROR:
            process_token(js, LX_ERROR);
            next = LX_RECOVERY;
            /* fall through */
        case LX_RECOVERY:
            g_string_truncate(js->text, js->tok_start);
            break;
        default:
            break;
        }
        js->state = (uint8_t)next;
    }

    /* a single token must not grow without bound */
    if (js->text->len - js->tok_start > js->lim.max_token_size) {
        Error *err = NULL;

        error_setg(&err, "JSON token size limit exceeded");
        emit(js, NULL, err);
        js->state = LX_START;
    }
}

JsonStream *json_stream_new(JsonStreamEmitFn *emit_fn, void *opaque)
{
    JsonStream *js = g_new0(JsonStream, 1);

    js->emit = emit_fn;
    js->opaque = opaque;
    js->lim = qemu_limits;
    js->state = LX_START;
    js->text = g_string_sized_new(256);
    js->tokens = g_array_sized_new(FALSE, FALSE, sizeof(Token), 32);
    js->scratch = g_string_sized_new(64);
    return js;
}

void json_stream_free(JsonStream *js)
{
    if (!js) {
        return;
    }
    g_string_free(js->text, TRUE);
    g_array_free(js->tokens, TRUE);
    g_string_free(js->scratch, TRUE);
    g_free(js);
}

void json_stream_set_limits(JsonStream *js, const JsonStreamLimits *lim)
{
    js->lim = lim ? *lim : qemu_limits;
    /* token offsets are 32-bit */
    js->lim.max_token_size = MIN(js->lim.max_token_size, (size_t)UINT32_MAX / 2);
}

size_t json_stream_feed(JsonStream *js, const char *buf, size_t len,
                        bool stop_after_emit)
{
    size_t i;

    js->emitted = false;
    for (i = 0; i < len; i++) {
        feed_char(js, (unsigned char)buf[i], false);
        if (stop_after_emit && js->emitted) {
            return i + 1;
        }
    }
    return len;
}

void json_stream_flush(JsonStream *js)
{
    feed_char(js, 0, true);
    process_token(js, TK_END);
}

void json_stream_reset(JsonStream *js)
{
    reset_value(js);
    js->state = LX_START;
}

size_t json_stream_pending(const JsonStream *js)
{
    return js->text->len;
}

typedef struct ParseOne {
    json_t *value;
    Error *err;
    int count;
} ParseOne;

static void parse_one_emit(void *opaque, json_t *value, Error *err)
{
    ParseOne *po = opaque;

    if (po->count++ == 0) {
        po->value = value;
        po->err = err;
        return;
    }
    json_decref(value);
    error_free(err);
    if (!po->err) {
        json_decref(po->value);
        po->value = NULL;
        error_setg(&po->err, "JSON parse error, trailing data");
    }
}

json_t *json_stream_parse(const char *buf, size_t len, Error **errp)
{
    ParseOne po = { 0 };
    JsonStream *js = json_stream_new(parse_one_emit, &po);

    json_stream_feed(js, buf, len, false);
    json_stream_flush(js);
    json_stream_free(js);
    if (!po.count) {
        error_setg(&po.err, "JSON parse error, premature EOI");
    }
    if (po.err) {
        error_propagate(errp, po.err);
        return NULL;
    }
    return po.value;
}
