/* Unit tests for data files with positions: JSON with comments and
 * trailing commas, YAML, and file:line:col for members and elements.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "core/data.h"

static DataDoc *load(const char *text, bool yaml)
{
    Error *err = NULL;
    DataDoc *d = data_load_text(text, strlen(text), "board", yaml, &err);
    if (!d) {
        g_error("%s", err->msg);
    }
    return d;
}

static char *load_err(const char *text, bool yaml)
{
    Error *err = NULL;
    DataDoc *d = data_load_text(text, strlen(text), "board", yaml, &err);
    g_assert_null(d);
    char *m = g_strdup(err->msg);
    error_free(err);
    return m;
}

static const char json_text[] =
    "// a board\n"
    "{\n"
    "  \"name\": \"my-soc\",   /* the type */\n"
    "  \"objects\": {\n"
    "    \"uart0\": {\"type\": \"ns16550a\", \"irq\": [1, 2,],},\n"
    "  },\n"
    "  \"esc\": \"a\\u00e9\\ud83d\\ude00\\n\",\n"
    "  \"n\": [-3, 1.5e2, true, null],\n"
    "}\n";

static void test_json(void)
{
    DataDoc *d = load(json_text, false);
    json_t *root = data_root(d);
    g_autofree char *s = json_dumps(root, JSON_COMPACT);
    g_assert_cmpstr(s, ==, "{\"name\":\"my-soc\",\"objects\":{\"uart0\":{\"type\":"
                    "\"ns16550a\",\"irq\":[1,2]}},\"esc\":\"a\xc3\xa9\xf0\x9f\x98\x80\\n\","
                    "\"n\":[-3,150.0,true,null]}");
    DataPos p;
    g_assert_true(data_pos_member(d, root, "objects", &p));
    g_assert_cmpint(p.line, ==, 4);
    g_assert_cmpint(p.col, ==, 3);
    json_t *uart = json_object_get(json_object_get(root, "objects"), "uart0");
    g_assert_true(data_pos_member(d, uart, "type", &p));
    g_assert_cmpint(p.line, ==, 5);
    g_assert_cmpint(p.col, ==, 15);
    g_assert_true(data_pos_element(d, json_object_get(uart, "irq"), 1, &p));
    g_assert_cmpint(p.line, ==, 5);
    g_assert_cmpint(p.col, ==, 46);
    g_assert_false(data_pos_member(d, root, "nothing", &p));

    Error *err = NULL;
    data_error_at(&err, d, p, "unknown type '%s'", "x");
    g_assert_cmpstr(err->msg, ==, "board:5:46: unknown type 'x'");
    error_free(err);
    data_doc_free(d);
}

static void test_yaml(void)
{
    DataDoc *d = load("name: my-soc\nobjects:\n  uart0:\n    type: ns16550a\n"
                      "    irq: [1, 2]\n", true);
    json_t *root = data_root(d);
    json_t *uart = json_object_get(json_object_get(root, "objects"), "uart0");
    DataPos p;
    g_assert_true(data_pos_member(d, uart, "type", &p));
    g_assert_cmpint(p.line, ==, 4);
    g_assert_cmpint(p.col, ==, 5);
    g_assert_true(data_pos_element(d, json_object_get(uart, "irq"), 1, &p));
    g_assert_cmpint(p.line, ==, 5);
    g_assert_cmpint(p.col, ==, 14);
    data_doc_free(d);
}

static void test_errors(void)
{
    struct { const char *text, *msg; } cases[] = {
        { "{\"a\": 1, \"a\": 2}", "board:1:10: duplicate member 'a'" },
        { "{\"a\": 1\n \"b\": 2}", "board:2:2: expected ',' or '}'" },
        { "{a: 1}", "board:1:2: expected a member name in double quotes" },
        { "[1, 2", "board:1:6: expected ',' or ']'" },
        { "[1] x", "board:1:5: unexpected text after the value" },
        { "[1,\n /* open", "board:2:2: unterminated comment" },
        { "\"abc", "board:1:5: unterminated string" },
        { "[\"\\x\"]", "board:1:3: invalid escape in string" },
        { "[\"\\u0000\"]", "board:1:9: \\u0000 and lone surrogates are not allowed" },
        { "[tru]", "board:1:2: expected a value (an object, array, string, number, true, false or null)" },
        { "[1.2.3]", "board:1:2: '1.2.3' is not a number" },
        { "", "board:1:1: expected a value" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *m = load_err(cases[i].text, false);
        g_assert_cmpstr(m, ==, cases[i].msg);
    }
    g_autofree char *y = load_err("a: 1\na: 2\n", true);
    g_assert_cmpstr(y, ==, "board:2:1: duplicate key 'a'");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/data/json", test_json);
    g_test_add_func("/data/yaml", test_yaml);
    g_test_add_func("/data/errors", test_errors);
    return g_test_run();
}
