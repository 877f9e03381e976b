/* The expression language of machine descriptions (see expr.h): a lexer
 * and a recursive-descent evaluator over checked int64, booleans and
 * strings. Pure and bounded: cost is linear in the text.
 * SPDX-License-Identifier: MIT */

/* Grammar of EXPR in "${EXPR}":
 *
 *   expr    := or ( '?' expr ':' expr )?
 *   or      := and ( '||' and )*
 *   and     := cmp ( '&&' cmp )*
 *   cmp     := bitor ( ( '==' | '!=' | '<' | '<=' | '>' | '>=' ) bitor )?
 *   bitor   := bitxor ( '|' bitxor )*
 *   bitxor  := bitand ( '^' bitand )*
 *   bitand  := shift ( '&' shift )*
 *   shift   := add ( ( '<<' | '>>' ) add )*
 *   add     := mul ( ( '+' | '-' ) mul )*
 *   mul     := unary ( ( '*' | '/' | '%' ) unary )*
 *   unary   := ( '-' | '!' | '~' ) unary | primary
 *   primary := INT | STRING | 'true' | 'false' | NAME
 *            | NAME '(' expr ( ',' expr )* ')' | '(' expr ')'
 *   INT     := decimal | '0x' hex | '0b' binary, '_' allowed between digits,
 *              optional size suffix K, M, G, T (x 1024^n), e.g. 64K, 0x10M
 *   STRING  := '...' (single quotes; no escapes other than '' for a quote)
 *   NAME    := [A-Za-z_][A-Za-z0-9_]* ( '-' [A-Za-z_][A-Za-z0-9_]* )*
 *
 * Spaces and tabs may separate tokens. A '-' followed by a letter or '_'
 * inside a name belongs to it: "ram-size" and "a-b" are names, and to
 * subtract one writes "a - b". "n-1" subtracts (a digit follows the '-').
 * Comparisons do not chain: "a < b < c" is an error.
 *
 * Values: integers are int64 and every operation checks for overflow; '/'
 * and '%' truncate toward zero as in C; shift counts are 0 to 63 and '>>'
 * is arithmetic. Literals must fit in int64 (INT64_MIN is written
 * "-0x7fffffffffffffff - 1"). Booleans come from true, false, comparisons
 * and '!'; '!', '&&', '||' and the condition of '?' take booleans. '+'
 * adds two integers or concatenates two strings; '==' and '!=' compare two
 * values of one type; the other operators take integers. Functions take
 * integers: min(a, ...), max(a, ...), log2(x) (x a power of two) and
 * align(x, a) (x rounded up to a multiple of a, a power of two).
 *
 * '&&', '||' and '?:' short-circuit: the untaken side is parsed and its
 * names and functions must exist (a typo does not hide behind a parameter
 * value), but it is not evaluated, so it raises no type, range or overflow
 * errors ("n > 0 ? size / n : 0" is fine).
 *
 * Limits: 1024 bytes per ${...}; 32 levels of '(', calls, '?:' branches
 * and unary operators; 4096 bytes per string value and per interpolated
 * result. In a description string ${...} ends at the first '}' outside a
 * quoted string, and "$${" is a literal "${". */
#include <inttypes.h>
#include <string.h>
#include <glib.h>

#include "core/object.h"
#include "machine/expr.h"

enum {
    EXPR_MAX_LEN = 1024,    /* bytes between "${" and "}" */
    EXPR_MAX_DEPTH = 32,    /* nested '(', calls, '?:' branches, unary ops */
    EXPR_MAX_STR = 4096,    /* bytes of a string value or result */
};

#define OP2(a, b) ((a) << 8 | (b))
#define IS_ID0(c) (g_ascii_isalpha(c) || (c) == '_')
#define IS_ID(c) (g_ascii_isalnum(c) || (c) == '_')
#define DIGIT(c) (g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : 99)
#define SAR(x, n) ((x) < 0 ? ~(~(x) >> (n)) : (x) >> (n))  /* arithmetic */

typedef enum TokKind { TK_END, TK_INT, TK_STR, TK_NAME, TK_OP } TokKind;

typedef struct Tok {
    TokKind kind;
    int op;             /* TK_OP: the character, or OP2() of two */
    size_t off, len;    /* where it is in the text */
    int64_t num;        /* TK_INT */
} Tok;

typedef enum ValKind { VAL_INT, VAL_BOOL, VAL_STR } ValKind;

typedef struct Val {
    ValKind kind;
    int64_t i;          /* VAL_INT; VAL_BOOL as 0 or 1 */
    GString *s;         /* VAL_STR, owned */
} Val;

#define VAL_NONE ((Val){ VAL_INT, 0, NULL })

typedef struct Parser {
    const char *text;
    size_t pos, end;    /* next byte to lex; the '}' of this ${...} */
    Tok tok;            /* the current token */
    json_t *scope;
    int depth;          /* of nesting, up to EXPR_MAX_DEPTH */
    int skip;           /* > 0 in an untaken branch: parse, don't evaluate */
    size_t err_off;
    Error **errp;
} Parser;

static const char *const expr_funcs[] = { "min", "max", "log2", "align" };
enum { FN_MIN, FN_MAX, FN_LOG2, FN_ALIGN, FN__COUNT };

static void val_clear(Val *v)
{
    if (v->kind == VAL_STR && v->s) {
        g_string_free(v->s, TRUE);
    }
    *v = VAL_NONE;
}

/* Set the error at byte off of the text; clear v (if not NULL). */
static bool G_GNUC_FMT(4, 5) fail(Parser *p, Val *v, size_t off,
                                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(p->errp, ERROR_CLASS_GENERIC, fmt, ap);
    va_end(ap);
    p->err_off = off;
    if (v) {
        val_clear(v);
    }
    return false;
}

/* ---- Lexer ------------------------------------------------------------ */

static bool lex_int(Parser *p, Tok *t)
{
    const char *s = p->text;
    size_t i = t->off, e = p->end;
    int base = 10, shift = 0;
    uint64_t v = 0;
    bool any = false;

    if (s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'b') && i + 1 < e) {
        base = s[i + 1] == 'x' ? 16 : 2;
        i += 2;
    }
    for (; i < e; i++) {
        int d = DIGIT(s[i]);
        if (s[i] == '_' && any && DIGIT(s[i + 1]) < base) {
            continue;               /* s[e] is '}', so s[i + 1] is there */
        }
        if (d >= base) {
            break;
        }
        if (v > (uint64_t)(INT64_MAX - d) / base) {
            return fail(p, NULL, t->off, "integer overflow");
        }
        v = v * base + d;
        any = true;
    }
    const char *sfx = strchr("KMGT", s[i]);
    if (i < e && sfx) {
        shift = 10 * (int)(sfx - "KMGT" + 1);
        i++;
    }
    if (!any || (i < e && IS_ID(s[i]))) {
        while (i < e && IS_ID(s[i])) {
            i++;
        }
        return fail(p, NULL, t->off, "invalid number '%.*s'",
                    (int)(i - t->off), s + t->off);
    }
    if (v > (uint64_t)INT64_MAX >> shift) {
        return fail(p, NULL, t->off, "integer overflow");
    }
    *t = (Tok){ .kind = TK_INT, .off = t->off, .len = i - t->off,
                .num = (int64_t)(v << shift) };
    return true;
}

/* Read the token at p->pos into p->tok. */
static bool next(Parser *p)
{
    static const char ops2[][3] = {
        "||", "&&", "==", "!=", "<=", ">=", "<<", ">>",
    };
    const char *s = p->text;
    size_t i = p->pos, e = p->end;
    Tok *t = &p->tok;

    while (i < e && (s[i] == ' ' || s[i] == '\t')) {
        i++;
    }
    *t = (Tok){ .kind = TK_END, .off = i };
    if (i >= e) {
        /* the end of the expression */
    } else if (g_ascii_isdigit(s[i])) {
        if (!lex_int(p, t)) {
            return false;
        }
    } else if (IS_ID0(s[i])) {
        size_t j = i + 1;           /* a '-' joins words: ram-size */
        while (j < e && (IS_ID(s[j]) || (s[j] == '-' && IS_ID0(s[j + 1])))) {
            j++;
        }
        *t = (Tok){ .kind = TK_NAME, .off = i, .len = j - i };
    } else if (s[i] == '\'') {
        size_t j = i + 1;
        while (j < e && (s[j] != '\'' || s[j + 1] == '\'')) {
            j += s[j] == '\'' ? 2 : 1;
        }
        if (j >= e) {
            return fail(p, NULL, i, "unterminated string");
        }
        *t = (Tok){ .kind = TK_STR, .off = i, .len = j + 1 - i };
    } else if (strchr("?:|^&<>=+-*/%!~(),", s[i])) {
        *t = (Tok){ .kind = TK_OP, .off = i, .len = 1, .op = s[i] };
        for (size_t k = 0; k < G_N_ELEMENTS(ops2) && i + 1 < e; k++) {
            if (s[i] == ops2[k][0] && s[i + 1] == ops2[k][1]) {
                *t = (Tok){ .kind = TK_OP, .off = i, .len = 2,
                            .op = OP2(s[i], s[i + 1]) };
            }
        }
        if (t->op == '=') {
            return fail(p, NULL, i, "unexpected '=' (use '==' to compare)");
        }
    } else if (g_ascii_isprint(s[i])) {
        return fail(p, NULL, i, "unexpected character '%c'", s[i]);
    } else {
        return fail(p, NULL, i, "unexpected byte 0x%02x", (unsigned char)s[i]);
    }
    p->pos = t->off + t->len;
    return true;
}

static bool is_op(Parser *p, int op)
{
    return p->tok.kind == TK_OP && p->tok.op == op;
}

/* next(), clearing v when it fails. */
static bool next_or_clear(Parser *p, Val *v)
{
    if (!next(p)) {
        val_clear(v);
        return false;
    }
    return true;
}

/* ---- Operators -------------------------------------------------------- */

enum { LV_OR = 1, LV_AND, LV_CMP, LV_MUL = 9 };

/* The level of a binary operator: LV_OR (loosest) to LV_MUL; 0 if none. */
static int op_level(const Tok *t)
{
    switch (t->kind == TK_OP ? t->op : 0) {
    case OP2('|', '|'): return LV_OR;
    case OP2('&', '&'): return LV_AND;
    case OP2('=', '='): case OP2('!', '='): case OP2('<', '='):
    case OP2('>', '='): case '<': case '>': return LV_CMP;
    case '|': return 4;
    case '^': return 5;
    case '&': return 6;
    case OP2('<', '<'): case OP2('>', '>'): return 7;
    case '+': case '-': return 8;
    case '*': case '/': case '%': return LV_MUL;
    }
    return 0;
}

static bool int_binop(Parser *p, const Tok *op, int64_t a, int64_t b, Val *r)
{
    int64_t v = 0;
    bool ovf = false;

    if ((op->op == '/' || op->op == '%') && b == 0) {
        return fail(p, NULL, op->off, "division by zero");
    }
    if ((op->op == OP2('<', '<') || op->op == OP2('>', '>')) &&
        (b < 0 || b > 63)) {
        return fail(p, NULL, op->off, "shift count %" PRId64 " out of range "
                    "(0 to 63)", b);
    }
    switch (op->op) {
    case '+': ovf = __builtin_add_overflow(a, b, &v); break;
    case '-': ovf = __builtin_sub_overflow(a, b, &v); break;
    case '*': ovf = __builtin_mul_overflow(a, b, &v); break;
    case '/': ovf = a == INT64_MIN && b == -1; v = ovf ? 0 : a / b; break;
    case '%': v = b == -1 ? 0 : a % b; break;
    case OP2('<', '<'): v = (int64_t)((uint64_t)a << b); ovf = SAR(v, b) != a;
        break;
    case OP2('>', '>'): v = SAR(a, b); break;
    case '&': v = a & b; break;
    case '|': v = a | b; break;
    case '^': v = a ^ b; break;
    case '<': v = a < b; break;
    case '>': v = a > b; break;
    case OP2('<', '='): v = a <= b; break;
    case OP2('>', '='): v = a >= b; break;
    case OP2('=', '='): v = a == b; break;
    case OP2('!', '='): v = a != b; break;
    }
    if (ovf) {
        return fail(p, NULL, op->off, "integer overflow");
    }
    *r = (Val){ op_level(op) == LV_CMP ? VAL_BOOL : VAL_INT, v, NULL };
    return true;
}

static const char *kind_name(ValKind k)
{
    return k == VAL_INT ? "integer" : k == VAL_BOOL ? "boolean" : "string";
}

/* a = a OP b for the operators other than '&&' and '||'; clears b, and a
 * on failure. */
static bool apply(Parser *p, const Tok *op, Val *a, Val *b)
{
    bool ok = true, eq = op->op == OP2('=', '=') || op->op == OP2('!', '=');
    bool strs = a->kind == VAL_STR && b->kind == VAL_STR;
    const char *name = p->text + op->off;
    Val r = VAL_NONE;

    if (p->skip) {
        /* an untaken branch has no value */
    } else if (a->kind == VAL_INT && b->kind == VAL_INT) {
        ok = int_binop(p, op, a->i, b->i, &r);
    } else if (eq && a->kind == b->kind) {
        bool same = strs ? g_string_equal(a->s, b->s) : a->i == b->i;
        r = (Val){ VAL_BOOL, same == (op->op == OP2('=', '=')), NULL };
    } else if (eq) {
        ok = fail(p, NULL, op->off, "'%.*s' needs two values of one type, "
                  "not %s and %s", (int)op->len, name, kind_name(a->kind),
                  kind_name(b->kind));
    } else if (op->op == '+' && strs &&
               a->s->len + b->s->len <= EXPR_MAX_STR) {
        g_string_append_len(a->s, b->s->str, b->s->len);
        val_clear(b);
        return true;
    } else if (op->op == '+' && strs) {
        ok = fail(p, NULL, op->off, "string too long (limit %d bytes)",
                  EXPR_MAX_STR);
    } else if (op->op == '+') {
        ok = fail(p, NULL, op->off, "'+' needs two integers or two strings");
    } else {
        ok = fail(p, NULL, op->off, "'%.*s' needs two integers",
                  (int)op->len, name);
    }
    val_clear(a);
    val_clear(b);
    *a = r;
    return ok;
}

/* ---- Parser and evaluator --------------------------------------------- */

static bool p_expr(Parser *p, Val *v);
static bool p_unary(Parser *p, Val *v);

/* fn(p, v) one level deeper; off is where the level starts. */
static bool deeper(Parser *p, size_t off, bool (*fn)(Parser *, Val *),
                   Val *v)
{
    if (p->depth >= EXPR_MAX_DEPTH) {
        return fail(p, NULL, off, "expression nested too deeply (limit %d)",
                    EXPR_MAX_DEPTH);
    }
    p->depth++;
    bool ok = fn(p, v);
    p->depth--;
    return ok;
}

static bool p_name(Parser *p, const Tok *t, Val *v)
{
    g_autofree char *name = g_strndup(p->text + t->off, t->len);
    json_t *j = json_object_get(p->scope, name);   /* NULL if no object */

    if (!j) {
        g_autofree const char **keys =
            g_new(const char *, json_object_size(p->scope) + 1);
        g_autofree char *first = g_strndup(name, strcspn(name, "-"));
        size_t n = 0;
        const char *k;
        json_object_foreach(p->scope, k, j) {
            keys[n++] = k;
        }
        g_autofree char *hint = strchr(name, '-') &&
            json_object_get(p->scope, first)
            ? g_strdup(" (to subtract, put spaces around '-')")
            : suggest_hint(suggest_name(name, keys, n));
        return fail(p, NULL, t->off, "unknown name '%s' in expression%s",
                    name, hint);
    }
    if (p->skip) {
        return true;
    }
    if (json_is_integer(j) || json_is_boolean(j)) {
        *v = json_is_integer(j) ? (Val){ VAL_INT, json_integer_value(j), NULL }
                                : (Val){ VAL_BOOL, json_is_true(j), NULL };
        return true;
    }
    if (!json_is_string(j)) {
        return fail(p, NULL, t->off, "'%s' is not an integer, string or "
                    "boolean", name);
    }
    if (json_string_length(j) > EXPR_MAX_STR) {
        return fail(p, NULL, t->off, "value of '%s' is too long (limit %d "
                    "bytes)", name, EXPR_MAX_STR);
    }
    *v = (Val){ VAL_STR, 0, g_string_new_len(json_string_value(j),
                                             json_string_length(j)) };
    return true;
}

/* NAME '(' expr ( ',' expr )* ')', with p->tok at '('. */
static bool p_call(Parser *p, const Tok *t, Val *v)
{
    g_autofree char *name = g_strndup(p->text + t->off, t->len);
    int fn = 0, n = 0;
    int64_t arg[2] = { 0, 0 }, acc = 0;

    while (fn < FN__COUNT && strcmp(expr_funcs[fn], name)) {
        fn++;
    }
    if (fn == FN__COUNT) {
        g_autofree char *hint = suggest_hint(
            suggest_name(name, expr_funcs, G_N_ELEMENTS(expr_funcs)));
        return fail(p, NULL, t->off, "unknown function '%s'%s", name, hint);
    }
    do {                            /* consume '(' or ',', then an arg */
        Val a = VAL_NONE;
        if (!next(p)) {
            return false;
        }
        size_t off = p->tok.off;
        if (!deeper(p, t->off, p_expr, &a)) {
            return false;
        }
        if (a.kind != VAL_INT && !p->skip) {
            return fail(p, &a, off, "'%s' needs integer arguments", name);
        }
        acc = !n ? a.i : fn == FN_MIN ? MIN(acc, a.i) : MAX(acc, a.i);
        arg[MIN(n, 1)] = a.i;
        n++;
        val_clear(&a);
    } while (is_op(p, ','));
    if (!is_op(p, ')')) {
        return fail(p, NULL, p->tok.off, "expected ',' or ')'");
    }
    int want = fn == FN_LOG2 ? 1 : fn == FN_ALIGN ? 2 : n;
    if (n != want) {
        return fail(p, NULL, t->off, "'%s' takes %d argument%s", name, want,
                    want == 1 ? "" : "s");
    }
    if (fn >= FN_LOG2 && !p->skip) {
        int64_t x = arg[0], a = arg[want - 1];
        if (a <= 0 || (a & (a - 1))) {
            return fail(p, NULL, t->off, "'%s' needs a power of two > 0, "
                        "not %" PRId64, name, a);
        }
        if (fn == FN_ALIGN && __builtin_add_overflow(x, a - 1, &acc)) {
            return fail(p, NULL, t->off, "integer overflow");
        }
        acc = fn == FN_LOG2 ? __builtin_ctzll((uint64_t)x) : acc & ~(a - 1);
    }
    *v = (Val){ VAL_INT, acc, NULL };
    return next(p);
}

static bool p_primary(Parser *p, Val *v)
{
    Tok t = p->tok;
    const char *s = p->text + t.off;

    *v = VAL_NONE;
    switch (t.kind) {
    case TK_INT:
        v->i = t.num;
        return next(p);
    case TK_STR:
        *v = (Val){ VAL_STR, 0, g_string_sized_new(t.len) };
        for (size_t i = 1; i + 1 < t.len; i += 1 + (s[i] == '\'')) {
            g_string_append_c(v->s, s[i]);
        }
        return next_or_clear(p, v);
    case TK_NAME:
        if (!next(p)) {
            return false;
        }
        if (is_op(p, '(')) {
            return p_call(p, &t, v);
        }
        if ((t.len == 4 && !strncmp(s, "true", 4)) ||
            (t.len == 5 && !strncmp(s, "false", 5))) {
            *v = (Val){ VAL_BOOL, t.len == 4, NULL };
            return true;
        }
        return p_name(p, &t, v);
    case TK_END:
        return fail(p, NULL, t.off, "expected a value");
    case TK_OP:
        break;
    }
    if (!is_op(p, '(')) {
        return fail(p, NULL, t.off, "expected a value, not '%.*s'",
                    (int)t.len, s);
    }
    if (!next(p) || !deeper(p, t.off, p_expr, v)) {
        return false;
    }
    if (!is_op(p, ')')) {
        return fail(p, v, p->tok.off, "expected ')'");
    }
    return next_or_clear(p, v);
}

static bool p_unary(Parser *p, Val *v)
{
    Tok op = p->tok;

    if (!is_op(p, '-') && !is_op(p, '!') && !is_op(p, '~')) {
        return p_primary(p, v);
    }
    if (!next(p) || !deeper(p, op.off, p_unary, v)) {
        return false;
    }
    if (p->skip) {
        val_clear(v);
    } else if (v->kind != (op.op == '!' ? VAL_BOOL : VAL_INT)) {
        return fail(p, v, op.off, "'%c' needs %s", op.op,
                    op.op == '!' ? "a boolean" : "an integer");
    } else if (op.op == '-' && v->i == INT64_MIN) {
        return fail(p, v, op.off, "integer overflow");
    } else {
        v->i = op.op == '-' ? -v->i : op.op == '~' ? ~v->i : !v->i;
    }
    return true;
}

/* The binary operators of one level, left to right; a gets the value. */
static bool p_binary(Parser *p, int level, Val *a)
{
    if (level > LV_MUL) {
        return p_unary(p, a);
    }
    if (!p_binary(p, level + 1, a)) {
        return false;
    }
    while (op_level(&p->tok) == level) {
        Tok op = p->tok;
        Val b = VAL_NONE;
        bool logic = level <= LV_AND, ok;
        const char *name = level == LV_OR ? "||" : "&&";

        if (logic && !p->skip && a->kind != VAL_BOOL) {
            return fail(p, a, op.off, "'%s' needs two booleans", name);
        }
        /* '&&' and '||' skip their right side when the left decides */
        bool taken = !logic || p->skip || (a->i != 0) == (level == LV_AND);
        p->skip += !taken;
        ok = next(p) && p_binary(p, level + 1, &b);
        p->skip -= !taken;
        if (!ok) {
            val_clear(a);
            return false;
        }
        if (!logic) {
            if (!apply(p, &op, a, &b)) {
                return false;
            }
        } else if (taken && !p->skip && b.kind != VAL_BOOL) {
            return fail(p, &b, op.off, "'%s' needs two booleans", name);
        } else if (taken && !p->skip) {
            a->i = b.i;
        }
        val_clear(&b);
        if (level == LV_CMP && op_level(&p->tok) == LV_CMP) {
            return fail(p, a, p->tok.off, "comparisons do not chain; use "
                        "'&&'");
        }
    }
    return true;
}

static bool p_expr(Parser *p, Val *v)
{
    Val alt[2] = { VAL_NONE, VAL_NONE };    /* if true, if false */
    bool ok = p_binary(p, LV_OR, v), cond;

    if (!ok || !is_op(p, '?')) {
        return ok;
    }
    size_t qoff = p->tok.off, coff;
    if (!p->skip && v->kind != VAL_BOOL) {
        return fail(p, v, qoff, "the condition of '?' needs a boolean");
    }
    cond = p->skip || v->i;
    val_clear(v);
    p->skip += !cond;
    ok = next(p) && deeper(p, qoff, p_expr, &alt[0]);
    p->skip -= !cond;
    coff = p->tok.off;
    if (ok && !is_op(p, ':')) {
        ok = fail(p, NULL, coff, "expected ':'");
    }
    p->skip += cond;
    ok = ok && next(p) && deeper(p, coff, p_expr, &alt[1]);
    p->skip -= cond;
    *v = alt[!cond];
    val_clear(&alt[cond]);
    if (!ok) {
        val_clear(v);
    }
    return ok;
}

/* ---- Description strings ---------------------------------------------- */

/* *end = the '}' closing the "${" at text[dollar]. */
static bool find_end(Parser *p, size_t dollar, size_t *end)
{
    const char *s = p->text;
    size_t i = dollar + 2, quote = 0;
    bool inq = false;

    for (; s[i] && (inq || s[i] != '}'); i++) {
        if (i - dollar - 2 >= EXPR_MAX_LEN) {
            return fail(p, NULL, dollar, "expression too long (limit %d "
                        "bytes)", EXPR_MAX_LEN);
        }
        if (s[i] == '\'' && inq && s[i + 1] == '\'') {
            i++;                    /* '' in a string */
        } else if (s[i] == '\'') {
            quote = inq ? quote : i;
            inq = !inq;
        }
    }
    if (!s[i]) {
        return inq ? fail(p, NULL, quote, "unterminated string")
                   : fail(p, NULL, dollar, "unterminated '${'");
    }
    *end = i;
    return true;
}

/* v = the value of the "${...}" at text[dollar], which ends at *end. */
static bool eval_one(Parser *p, size_t dollar, size_t *end, Val *v)
{
    if (!find_end(p, dollar, end)) {
        return false;
    }
    *p = (Parser){ .text = p->text, .pos = dollar + 2, .end = *end,
                   .scope = p->scope, .errp = p->errp };
    if (!next(p)) {
        return false;
    }
    if (p->tok.kind == TK_END) {
        return fail(p, NULL, dollar, "empty expression");
    }
    if (!p_expr(p, v)) {
        return false;
    }
    if (p->tok.kind != TK_END) {
        return fail(p, v, p->tok.off, "unexpected '%.*s'", (int)p->tok.len,
                    p->text + p->tok.off);
    }
    return true;
}

static json_t *to_json(Parser *p, Val *v)
{
    json_t *r = v->kind == VAL_INT ? json_integer(v->i)
              : v->kind == VAL_BOOL ? json_boolean(v->i)
              : json_stringn(v->s->str, v->s->len);
    if (!r) {
        fail(p, NULL, 0, "invalid UTF-8 in string");
    }
    val_clear(v);
    return r;
}

json_t *expr_eval_string(const char *text, json_t *scope, size_t *err_off,
                         Error **errp)
{
    Parser p = { .text = text, .scope = scope, .errp = errp };
    size_t n = strlen(text), i = 0, end = 0;
    Val out = { VAL_STR, 0, g_string_new(NULL) }, v = VAL_NONE;
    json_t *r = NULL;

    if (!strstr(text, "${")) {
        i = n;                      /* unchanged, whatever its length */
        g_string_append_len(out.s, text, n);
    }
    while (i < n) {
        size_t at = i;
        if (!strncmp(text + i, "$${", 3)) {
            g_string_append(out.s, "${");
            i += 3;
        } else if (strncmp(text + i, "${", 2)) {
            size_t k = 1 + strcspn(text + i + 1, "$");
            g_string_append_len(out.s, text + i, k);
            i += k;
        } else if (!eval_one(&p, i, &end, &v)) {
            goto out;
        } else if (i == 0 && end == n - 1) {   /* the whole text: typed */
            r = to_json(&p, &v);
            goto out;
        } else {
            if (v.kind == VAL_STR) {
                g_string_append_len(out.s, v.s->str, v.s->len);
            } else if (v.kind == VAL_BOOL) {
                g_string_append(out.s, v.i ? "true" : "false");
            } else {
                g_string_append_printf(out.s, "%" PRId64, v.i);
            }
            val_clear(&v);
            i = end + 1;
        }
        if (out.s->len > EXPR_MAX_STR) {
            fail(&p, NULL, at, "string too long (limit %d bytes)",
                 EXPR_MAX_STR);
            goto out;
        }
    }
    r = to_json(&p, &out);
out:
    val_clear(&out);
    if (!r && err_off) {
        *err_off = p.err_off;
    }
    return r;
}

bool expr_has_subst(const char *text)
{
    return strstr(text, "${") != NULL;
}
