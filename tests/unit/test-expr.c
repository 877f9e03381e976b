/* Unit tests for the expression language of machine descriptions: values,
 * operators and precedence, names, functions, interpolation, and every
 * error with its byte offset.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "machine/expr.h"

static json_t *scope_new(void)
{
    json_t *s = json_pack("{s:i, s:i, s:I, s:I, s:s, s:b, s:b, s:i, s:i, "
                          "s:I, s:I, s:f, s:i, s:n}",
                          "i", 3, "cpus", 4, "ram-size", (json_int_t)128 << 20,
                          "base", (json_int_t)0x80000000, "name", "soc",
                          "on", 1, "off", 0, "a", 10, "b", 3,
                          "hi", (json_int_t)INT64_MAX, "lo", (json_int_t)INT64_MIN,
                          "f", 1.5, "n", 1, "nothing");
    g_autofree char *s3k = g_strnfill(3000, 's');
    g_autofree char *s5k = g_strnfill(5000, 'h');
    json_object_set_new(s, "s", json_string(s3k));
    json_object_set_new(s, "huge", json_string(s5k));
    return s;
}

static json_t *eval(const char *text)
{
    json_t *scope = scope_new();
    Error *err = NULL;
    size_t off = 0;
    json_t *v = expr_eval_string(text, scope, &off, &err);
    if (!v) {
        g_error("'%s': %s (at %zu)", text, err->msg, off);
    }
    json_decref(scope);
    return v;
}

static void ok_int(const char *text, int64_t want)
{
    json_t *v = eval(text);
    if (!json_is_integer(v)) {
        g_error("'%s' is not an integer", text);
    }
    g_assert_cmpint(json_integer_value(v), ==, want);
    json_decref(v);
}

static void ok_bool(const char *text, bool want)
{
    json_t *v = eval(text);
    if (!json_is_boolean(v)) {
        g_error("'%s' is not a boolean", text);
    }
    g_assert_cmpint(json_is_true(v), ==, want);
    json_decref(v);
}

static void ok_str(const char *text, const char *want)
{
    json_t *v = eval(text);
    if (!json_is_string(v)) {
        g_error("'%s' is not a string", text);
    }
    g_assert_cmpstr(json_string_value(v), ==, want);
    json_decref(v);
}

static void bad(const char *text, const char *msg, size_t want_off)
{
    json_t *scope = scope_new();
    Error *err = NULL;
    size_t off = 12345;
    json_t *v = expr_eval_string(text, scope, &off, &err);
    if (v) {
        g_error("'%s' evaluated, expected '%s'", text, msg);
    }
    g_assert_nonnull(err);
    g_assert_cmpstr(err->msg, ==, msg);
    g_assert_cmpuint(off, ==, want_off);
    error_free(err);
    /* without errp and err_off: still NULL, no crash */
    g_assert_null(expr_eval_string(text, scope, NULL, NULL));
    json_decref(scope);
}

static void test_literals(void)
{
    ok_int("${42}", 42);
    ok_int("${0}", 0);
    ok_int("${0x10}", 16);
    ok_int("${0xAbC}", 0xabc);
    ok_int("${0b101}", 5);
    ok_int("${1_000_000}", 1000000);
    ok_int("${0xffff_ffff}", 0xffffffffll);
    ok_int("${0b1_0K}", 2048);
    ok_int("${64K}", 65536);
    ok_int("${0x10M}", 16 << 20);
    ok_int("${2G}", 2ll << 30);
    ok_int("${3T}", 3ll << 40);
    ok_int("${8388607T}", 8388607ll << 40);
    ok_int("${9223372036854775807}", INT64_MAX);
    ok_int("${0x7fffffffffffffff}", INT64_MAX);
    ok_int("${-0x7fffffffffffffff - 1}", INT64_MIN);
    ok_bool("${true}", true);
    ok_bool("${false}", false);
    ok_str("${'it''s'}", "it's");
    ok_str("${''}", "");
    ok_str("${'a}b'}", "a}b");
    ok_str("${' x '}", " x ");
    ok_int("${ \t42\t }", 42);
    bad("${9223372036854775808}", "integer overflow", 2);
    bad("${0x8000000000000000}", "integer overflow", 2);
    bad("${8388608T}", "integer overflow", 2);
    bad("${-9223372036854775808}", "integer overflow", 3);
    bad("${12abc}", "invalid number '12abc'", 2);
    bad("${0x}", "invalid number '0x'", 2);
    bad("${0x_1}", "invalid number '0x_1'", 2);
    bad("${1__2}", "invalid number '1__2'", 2);
    bad("${1_}", "invalid number '1_'", 2);
    bad("${0b12}", "invalid number '0b12'", 2);
    bad("${64k}", "invalid number '64k'", 2);
    bad("${64KB}", "invalid number '64KB'", 2);
    bad("${1 + 0X10}", "invalid number '0X10'", 6);
}

static void test_operators(void)
{
    ok_int("${1 + 2 * 3}", 7);
    ok_int("${(1 + 2) * 3}", 9);
    ok_int("${10 - 4 - 3}", 3);
    ok_int("${100 / 10 / 5}", 2);
    ok_int("${7 % 3}", 1);
    ok_int("${-7 / 2}", -3);
    ok_int("${-7 % 2}", -1);
    ok_int("${2 * 3 % 4}", 2);
    ok_int("${1 << 4}", 16);
    ok_int("${256 >> 4}", 16);
    ok_int("${-16 >> 2}", -4);
    ok_int("${-1 >> 63}", -1);
    ok_int("${1 << 62}", 1ll << 62);
    ok_int("${-1 << 63}", INT64_MIN);
    ok_int("${1 << 2 + 1}", 8);
    ok_int("${1 + 2 << 1}", 6);
    ok_int("${0xf0 | 0x0f}", 0xff);
    ok_int("${0xff & 0x0f}", 0x0f);
    ok_int("${0xff ^ 0x0f}", 0xf0);
    ok_int("${1 | 2 ^ 3 & 4}", 3);
    ok_int("${1 | 6 ^ 3}", 5);
    ok_int("${1 << 4 & 0x30}", 0x10);
    ok_int("${~0}", -1);
    ok_int("${~0xff & 0x1ff}", 0x100);
    ok_int("${- -3}", 3);
    ok_int("${-(2 + 3) * 2}", -10);
    ok_int("${lo % -1}", 0);
    ok_int("${hi / -1}", -INT64_MAX);
    ok_int("${hi - 1 + 1}", INT64_MAX);
    ok_bool("${1 | 2 == 3}", true);
    ok_bool("${6 & 3 == 2}", true);
    ok_bool("${1 < 2}", true);
    ok_bool("${2 < 2}", false);
    ok_bool("${2 <= 2}", true);
    ok_bool("${3 > 2}", true);
    ok_bool("${2 >= 3}", false);
    ok_bool("${2 == 2}", true);
    ok_bool("${2 != 2}", false);
    ok_bool("${1 + 1 == 2 && 2 * 2 == 4}", true);
    ok_bool("${true || false && false}", true);
    ok_bool("${false && true || true}", true);
    ok_bool("${!true}", false);
    ok_bool("${!!true}", true);
    ok_bool("${!(i > 2)}", false);
    ok_bool("${!on || on}", true);
    ok_bool("${on == true}", true);
    ok_bool("${on != off}", true);
    ok_int("${on ? 1 : 2}", 1);
    ok_int("${!on ? 1 : 2}", 2);
    ok_int("${on ? off ? 1 : 2 : 3}", 2);
    ok_str("${i == 1 ? 'a' : i == 3 ? 'c' : 'z'}", "c");
    ok_int("${i > 2 && on ? 10 + 1 : 0}", 11);
    ok_str("${on ? name : 1}", "soc");
}

static void test_strings(void)
{
    ok_str("${name + '-' + 'x'}", "soc-x");
    ok_str("${'' + ''}", "");
    ok_bool("${name == 'soc'}", true);
    ok_bool("${name != 'soc'}", false);
    ok_bool("${name + '1' == 'soc1'}", true);
    g_autofree char *s3k = g_strnfill(3000, 's');
    g_autofree char *want = g_strdup_printf("%s!", s3k);
    ok_str("${s + '!'}", want);
    ok_str("${s}!", want);
    bad("${s}${s}", "string too long (limit 4096 bytes)", 4);
}

static void test_names(void)
{
    ok_int("${ram-size}", 128 << 20);
    ok_int("${ram-size / 1M}", 128);
    ok_int("${a - b}", 7);
    ok_int("${a -b}", 7);
    ok_int("${a- b}", 7);
    ok_int("${n-1}", 0);
    ok_int("${i-1}", 2);
    ok_int("${cpus*2}", 8);
    ok_int("${base + 0x1000 * i}", 0x80003000);
    bad("${a-b}", "unknown name 'a-b' in expression (to subtract, put "
        "spaces around '-')", 2);
    bad("cpu[${cpu}]", "unknown name 'cpu' in expression (did you mean "
        "'cpus'?)", 6);
    bad("${ram-sise}", "unknown name 'ram-sise' in expression (did you "
        "mean 'ram-size'?)", 2);
    bad("x ${1 + zzzzzz}", "unknown name 'zzzzzz' in expression", 8);
    bad("${f}", "'f' is not an integer, string or boolean", 2);
    bad("${nothing}", "'nothing' is not an integer, string or boolean", 2);
    bad("${huge}", "value of 'huge' is too long (limit 4096 bytes)", 2);

    /* no scope at all */
    json_t *v = expr_eval_string("${1 + 1}", NULL, NULL, NULL);
    g_assert_cmpint(json_integer_value(v), ==, 2);
    json_decref(v);
    Error *err = NULL;
    size_t off = 0;
    g_assert_null(expr_eval_string("${ x}", NULL, &off, &err));
    g_assert_cmpstr(err->msg, ==, "unknown name 'x' in expression");
    g_assert_cmpuint(off, ==, 3);
    error_free(err);
}

static void test_functions(void)
{
    ok_int("${min(3, 1, 2)}", 1);
    ok_int("${max(3, 1, 2)}", 3);
    ok_int("${min(5)}", 5);
    ok_int("${max(-5, lo)}", -5);
    ok_int("${min(i, cpus) + max(1, 2)}", 5);
    ok_int("${log2(4K)}", 12);
    ok_int("${log2(1)}", 0);
    ok_int("${log2(1 << 62)}", 62);
    ok_int("${align(5, 4)}", 8);
    ok_int("${align(8, 4)}", 8);
    ok_int("${align(0, 4)}", 0);
    ok_int("${align(-5, 4)}", -4);
    ok_int("${align(0x1001, 4K)}", 0x2000);
    ok_int("${align(max(1, 2), log2(4))}", 2);
    bad("${log2(3)}", "'log2' needs a power of two > 0, not 3", 2);
    bad("${log2(0)}", "'log2' needs a power of two > 0, not 0", 2);
    bad("${log2(lo)}", "'log2' needs a power of two > 0, not "
        "-9223372036854775808", 2);
    bad("${align(1, 3)}", "'align' needs a power of two > 0, not 3", 2);
    bad("${align(1, 0)}", "'align' needs a power of two > 0, not 0", 2);
    bad("${align(hi, 2)}", "integer overflow", 2);
    bad("${log2(1, 2)}", "'log2' takes 1 argument", 2);
    bad("${align(1)}", "'align' takes 2 arguments", 2);
    bad("${mn(1, 2)}", "unknown function 'mn' (did you mean 'min'?)", 2);
    bad("${frobnicate(1)}", "unknown function 'frobnicate'", 2);
    bad("${min('a', 1)}", "'min' needs integer arguments", 6);
    bad("${max(1, on)}", "'max' needs integer arguments", 9);
    bad("${min(1 2)}", "expected ',' or ')'", 8);
    bad("${min(1, 2}", "expected ',' or ')'", 10);
    bad("${min()}", "expected a value, not ')'", 6);
}

static void test_interpolation(void)
{
    ok_str("cpu[${i}]", "cpu[3]");
    ok_str("${i}${i}", "33");
    ok_str("${i} ", "3 ");
    ok_str(" ${i}", " 3");
    ok_str("${i + 1}K", "4K");
    ok_str("x${on}", "xtrue");
    ok_str("${off}!", "false!");
    ok_str("m${lo}", "m-9223372036854775808");
    ok_str("${name}-${i}", "soc-3");
    ok_bool("${on}", true);
    ok_str("${name}", "soc");
    ok_str("${'}'}", "}");
    ok_str("${'a}b' + name}", "a}bsoc");
    ok_str("plain", "plain");
    ok_str("", "");
    ok_str("$", "$");
    ok_str("}", "}");
    ok_str("a$b{c}", "a$b{c}");
    ok_str("$${i}", "${i}");
    ok_str("$${", "${");
    ok_str("x$${y}${i}", "x${y}3");
    ok_str("$$${i}", "$${i}");
    ok_str("$$", "$$");
    ok_str("{${i}}", "{3}");
    g_assert_true(expr_has_subst("a${b}"));
    g_assert_true(expr_has_subst("$${b}"));
    g_assert_false(expr_has_subst("abc"));
    g_assert_false(expr_has_subst("$x{}"));
    g_assert_false(expr_has_subst(""));
}

static void test_errors(void)
{
    bad("${i / 0}", "division by zero", 4);
    bad("${i % (i - 3)}", "division by zero", 4);
    bad("${lo / -1}", "integer overflow", 5);
    bad("${hi + 1}", "integer overflow", 5);
    bad("${0x7fffffffffffffff + 1}", "integer overflow", 21);
    bad("${lo - 1}", "integer overflow", 5);
    bad("${hi * 2}", "integer overflow", 5);
    bad("${lo * -1}", "integer overflow", 5);
    bad("${-lo}", "integer overflow", 2);
    bad("${1 << 63}", "integer overflow", 4);
    bad("${3 << 62}", "integer overflow", 4);
    bad("${-3 << 62}", "integer overflow", 5);
    bad("${1 << 64}", "shift count 64 out of range (0 to 63)", 4);
    bad("${1 >> -1}", "shift count -1 out of range (0 to 63)", 4);
    bad("${(1 + 2}", "expected ')'", 8);
    bad("${((1)}", "expected ')'", 6);
    bad("${i", "unterminated '${'", 0);
    bad("ab${i + 1", "unterminated '${'", 2);
    bad("${i + ${i}}", "unexpected character '$'", 6);
    bad("${'abc}", "unterminated string", 2);
    bad("x ${'it''s}", "unterminated string", 4);
    bad("${}", "empty expression", 0);
    bad("a${ \t}", "empty expression", 1);
    bad("${1 +}", "expected a value", 5);
    bad("${1 2}", "unexpected '2'", 4);
    bad("${i)}", "unexpected ')'", 3);
    bad("${#}", "unexpected character '#'", 2);
    bad("${1 + \x01}", "unexpected byte 0x01", 6);
    bad("${1 = 2}", "unexpected '=' (use '==' to compare)", 4);
    bad("${1 < 2 < 3}", "comparisons do not chain; use '&&'", 8);
    bad("${'a' + 1}", "'+' needs two integers or two strings", 6);
    bad("${on + 1}", "'+' needs two integers or two strings", 5);
    bad("${name - 1}", "'-' needs two integers", 7);
    bad("${name < 'b'}", "'<' needs two integers", 7);
    bad("${on << 1}", "'<<' needs two integers", 5);
    bad("${i == 'a'}", "'==' needs two values of one type, not integer and "
        "string", 4);
    bad("${on != 1}", "'!=' needs two values of one type, not boolean and "
        "integer", 5);
    bad("${!i}", "'!' needs a boolean", 2);
    bad("${-on}", "'-' needs an integer", 2);
    bad("${~name}", "'~' needs an integer", 2);
    bad("${i && on}", "'&&' needs two booleans", 4);
    bad("${on && i}", "'&&' needs two booleans", 5);
    ok_bool("${on || i}", true);  /* i is not evaluated */
    bad("${off || i}", "'||' needs two booleans", 6);
    bad("${i ? 1 : 2}", "the condition of '?' needs a boolean", 4);
    bad("${on ? 1}", "expected ':'", 8);
    bad("${on ? 1 : }", "expected a value", 11);
    bad("${s + s}", "string too long (limit 4096 bytes)", 4);
    bad("x${i}${'\xff'}", "invalid UTF-8 in string", 0);
    bad("\xff", "invalid UTF-8 in string", 0);
}

static void test_short_circuit(void)
{
    ok_bool("${off && 1 / 0 == 1}", false);
    ok_bool("${on || 1 / 0 == 1}", true);
    ok_bool("${off && i}", false);
    ok_bool("${on || 'x' + 1}", true);
    ok_bool("${on || (1 << 64 > 0)}", true);
    ok_int("${on ? 1 : 1 / 0}", 1);
    ok_int("${off ? 1 / 0 : 2}", 2);
    ok_str("${off ? 'a' + 1 : 'b'}", "b");
    ok_int("${off ? log2(3) : 0}", 0);
    ok_int("${off ? -lo : on ? 5 : hi + 1}", 5);
    ok_bool("${off && (off || i)}", false);
    ok_bool("${off && !i}", false);
    /* the untaken side is still parsed, and its names must exist */
    bad("${off && zzz}", "unknown name 'zzz' in expression", 9);
    bad("${on ? 1 : cpu}", "unknown name 'cpu' in expression (did you mean "
        "'cpus'?)", 11);
    bad("${off ? mx(1) : 0}", "unknown function 'mx' (did you mean "
        "'max'?)", 8);
    bad("${off ? log2(1, 2) : 0}", "'log2' takes 1 argument", 8);
    bad("${off && (1 +)}", "expected a value, not ')'", 13);
}

static void test_limits(void)
{
    /* 1024 bytes of expression are fine, 1025 are not */
    g_autofree char *sp = g_strnfill(1023, ' ');
    g_autofree char *ok = g_strdup_printf("${%s1}", sp);
    ok_int(ok, 1);
    g_autofree char *long1 = g_strdup_printf("x${ %s1}", sp);
    bad(long1, "expression too long (limit 1024 bytes)", 1);
    /* unterminated and long: reported as too long, without reading on */
    g_autofree char *sp2 = g_strnfill(100000, ' ');
    g_autofree char *long2 = g_strdup_printf("${%s", sp2);
    bad(long2, "expression too long (limit 1024 bytes)", 0);

    /* 32 levels of nesting are fine, 33 are not */
    g_autofree char *o32 = g_strnfill(32, '('), *c32 = g_strnfill(32, ')');
    g_autofree char *deep = g_strdup_printf("${%s1%s}", o32, c32);
    ok_int(deep, 1);
    g_autofree char *deeper = g_strdup_printf("${(%s1)%s}", o32, c32);
    bad(deeper, "expression nested too deeply (limit 32)", 34);
    g_autofree char *m32 = g_strnfill(32, '-');
    g_autofree char *neg = g_strdup_printf("${%s1}", m32);
    ok_int(neg, 1);
    g_autofree char *neg33 = g_strdup_printf("${-%s1}", m32);
    bad(neg33, "expression nested too deeply (limit 32)", 34);
    GString *cond = g_string_new("${");
    for (int k = 0; k < 33; k++) {
        g_string_append(cond, "off ? 1 : ");
    }
    g_string_append(cond, "2}");
    bad(cond->str, "expression nested too deeply (limit 32)",
        2 + 32 * 10 + 4);
    g_string_free(cond, TRUE);

    /* results are limited to 4096 bytes; text without ${ is not */
    g_autofree char *x4095 = g_strnfill(4095, 'x');
    g_autofree char *fits = g_strdup_printf("%s${i}", x4095);
    json_t *v = eval(fits);
    g_assert_cmpuint(json_string_length(v), ==, 4096);
    json_decref(v);
    g_autofree char *over = g_strdup_printf("%s${i + 10}", x4095);
    bad(over, "string too long (limit 4096 bytes)", 4095);
    g_autofree char *x9k = g_strnfill(9000, 'x');
    v = eval(x9k);
    g_assert_cmpuint(json_string_length(v), ==, 9000);
    json_decref(v);
    g_autofree char *many = g_strdup_printf("%s$${", x9k);
    bad(many, "string too long (limit 4096 bytes)", 0);
    ok_int("${s == s ? 1 : 0}", 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/expr/literals", test_literals);
    g_test_add_func("/expr/operators", test_operators);
    g_test_add_func("/expr/strings", test_strings);
    g_test_add_func("/expr/names", test_names);
    g_test_add_func("/expr/functions", test_functions);
    g_test_add_func("/expr/interpolation", test_interpolation);
    g_test_add_func("/expr/errors", test_errors);
    g_test_add_func("/expr/short-circuit", test_short_circuit);
    g_test_add_func("/expr/limits", test_limits);
    return g_test_run();
}
