/* Unit tests for qapi/schema, introspect and doc: parsing good and bad
 * schemas (errors with file:line:col), conditions, run states,
 * introspection shape, the built-in schema and its generated reference.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "qapi/doc.h"
#include "qapi/introspect.h"
#include "qapi/validate.h"

static const char *argv0;

static QapiSchema *parse_ok(const char *text)
{
    Error *err = NULL;
    QapiSchema *s = qapi_schema_parse_string("t.json", text, &err);
    if (!s) {
        g_error("%s", error_get_pretty(err));
    }
    return s;
}

static void parse_bad(const char *text, const char *expect)
{
    Error *err = NULL;
    QapiSchema *s = qapi_schema_parse_string("t.json", text, &err);
    if (s) {
        g_error("accepted: %s\nexpected: %s", text, expect);
    }
    g_assert_cmpstr(error_get_pretty(err), ==, expect);
    error_free(err);
}

/* Parsing. */

static const char good_schema[] =
    "# a comment\n"
    "{ 'pragma': { 'command-name-exceptions': [ 'weird_name' ] } }\n"
    "{ 'enum': 'Color', 'prefix': 'COL',\n"
    "  'data': [ 'red', { 'name': 'green', 'features': [ 'deprecated' ] },\n"
    "            { 'name': 'blue', 'if': 'HAVE_BLUE' } ] }\n"
    "{ 'struct': 'Base', 'data': { 'id': 'str' } }\n"
    "{ 'struct': 'Point', 'base': 'Base',\n"
    "  'data': { 'x': 'int', '*y': 'int',\n"
    "            'c': { 'type': 'Color', 'features': [ 'unstable' ] },\n"
    "            'tags': [ 'str' ] },\n"
    "  'features': [ 'unstable', { 'name': 'fancy', 'if': 'FANCY' } ] }\n"
    "{ 'union': 'Shape', 'base': { 'kind': 'Color' },\n"
    "  'discriminator': 'kind',\n"
    "  'data': { 'red': 'Point', 'green': { 'type': 'Base', 'if': 'G' } } }\n"
    "{ 'alternate': 'PointOrName', 'data': { 'p': 'Point', 'n': 'str' } }\n"
    "{ 'command': 'draw', 'data': { 'shape': 'Shape', '*scale': 'number' },\n"
    "  'returns': [ 'Point' ], 'allow-oob': true, 'allow-preconfig': true,\n"
    "  'coroutine': true, 'states': [ 'prelaunch', 'paused' ],\n"
    "  'features': [ 'deprecated' ] }\n"
    "{ 'command': 'draw-boxed', 'data': 'Shape', 'boxed': true,\n"
    "  'states': [ 'machine' ] }\n"
    "{ 'command': 'plain', 'gen': false, 'success-response': false }\n"
    "{ 'command': 'riscv-only', 'if': { 'target': 'riscv' } }\n"
    "{ 'event': 'MOVED', 'data': { 'to': 'Point' } }\n"
    "{ 'event': 'TICK' }\n";

static void test_parse_good(void)
{
    QapiSchema *s = parse_ok(good_schema);
    const QapiEntity *color = qapi_schema_lookup(s, "Color");
    g_assert_cmpint(color->meta, ==, QAPI_META_ENUM);
    g_assert_cmpint(color->members->len, ==, 3);
    g_assert_cmpstr(((QapiMember *)g_ptr_array_index(color->members, 2))->name,
                    ==, "blue");
    g_assert_cmpint(color->pos.line, ==, 3);
    g_assert_cmpint(color->pos.col, ==, 11);

    const QapiEntity *pt = qapi_schema_lookup(s, "Point");
    g_assert_cmpint(pt->meta, ==, QAPI_META_STRUCT);
    g_assert_true(pt->base == qapi_schema_lookup(s, "Base"));
    g_assert_cmpint(pt->members->len, ==, 4);
    g_assert_cmpint(pt->all_members->len, ==, 5);     /* id first */
    const QapiMember *id = g_ptr_array_index(pt->all_members, 0);
    g_assert_cmpstr(id->name, ==, "id");
    const QapiMember *y = qapi_entity_find_member(pt, "y", NULL);
    g_assert_true(y->optional);
    g_assert_true(y->type == qapi_schema_lookup(s, "int"));
    const QapiMember *tags = qapi_entity_find_member(pt, "tags", NULL);
    g_assert_cmpint(tags->type->meta, ==, QAPI_META_ARRAY);
    g_assert_cmpstr(tags->type->name, ==, "[str]");
    g_assert_true(tags->type->element == qapi_schema_lookup(s, "str"));
    g_assert_true(qapi_entity_has_feature(pt, "unstable", NULL));
    g_assert_false(qapi_entity_has_feature(pt, "fancy", NULL));

    const QapiEntity *shape = qapi_schema_lookup(s, "Shape");
    g_assert_cmpint(shape->meta, ==, QAPI_META_UNION);
    g_assert_cmpstr(shape->tag->name, ==, "kind");
    g_assert_cmpstr(shape->base->name, ==, "q_obj_Shape-base");
    g_assert_true(shape->base->implicit);
    g_assert_nonnull(qapi_union_find_variant(shape, "red", NULL));
    g_assert_null(qapi_union_find_variant(shape, "green", NULL));   /* if G */
    g_assert_null(qapi_union_find_variant(shape, "blue", NULL));

    const QapiEntity *alt = qapi_schema_lookup(s, "PointOrName");
    g_assert_cmpint(alt->meta, ==, QAPI_META_ALTERNATE);
    g_assert_cmpint(alt->variants->len, ==, 2);

    const QapiEntity *draw = qapi_schema_lookup_command(s, "draw", NULL);
    g_assert_nonnull(draw);
    g_assert_cmpstr(draw->arg_type->name, ==, "q_obj_draw-arg");
    g_assert_true(draw->arg_type->owner == draw);
    g_assert_cmpstr(draw->ret_type->name, ==, "[Point]");
    g_assert_true(draw->allow_oob && draw->allow_preconfig && draw->coroutine);
    g_assert_false(draw->boxed);
    g_assert_cmpuint(draw->states, ==, RUN_STATE_BIT(RUN_STATE_PRELAUNCH) |
                                       RUN_STATE_BIT(RUN_STATE_PAUSED));
    g_assert_true(qapi_entity_has_feature(draw, "deprecated", NULL));

    const QapiEntity *boxed = qapi_schema_lookup_command(s, "draw-boxed", NULL);
    g_assert_true(boxed->boxed);
    g_assert_true(boxed->arg_type == shape);
    g_assert_cmpuint(boxed->states, ==, RUN_STATE_MASK_MACHINE);

    const QapiEntity *plain = qapi_schema_lookup_command(s, "plain", NULL);
    g_assert_null(plain->arg_type);
    g_assert_null(plain->ret_type);
    g_assert_cmpuint(plain->states, ==, RUN_STATE_MASK_ANY);   /* default */

    g_assert_null(qapi_schema_lookup_command(s, "riscv-only", NULL));
    g_assert_null(qapi_schema_lookup_command(s, "Point", NULL));
    g_assert_null(qapi_schema_lookup_command(s, "nope", NULL));
    g_assert_nonnull(qapi_schema_lookup_event(s, "MOVED", NULL));
    g_assert_null(qapi_schema_lookup_event(s, "draw", NULL));
    g_assert_nonnull(qapi_schema_lookup_type(s, "Point", NULL));
    g_assert_null(qapi_schema_lookup_type(s, "draw", NULL));
    qapi_schema_free(s);
}

static void test_parse_builtins(void)
{
    static const char *const names[] = {
        "str", "int", "int8", "int16", "int32", "int64", "uint8", "uint16",
        "uint32", "uint64", "number", "bool", "null", "any", "size",
    };
    QapiSchema *s = parse_ok("{ 'struct': 'Empty', 'data': {} }");
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        const QapiEntity *t = qapi_schema_lookup(s, names[i]);
        g_assert_nonnull(t);
        g_assert_cmpint(t->meta, ==, QAPI_META_BUILTIN);
    }
    qapi_schema_free(s);
}

static const struct {
    const char *text;
    const char *error;
} bad_cases[] = {
    /* syntax */
    { "{ 'enum': 'E', 'data': [ 'a' ] ",
      "t.json:1:32: expected ',' or '}'" },
    { "{ 'enum': 'E',\n  'data': [ 'a ] }",
      "t.json:2:13: missing terminating \"'\"" },
    { "{ 'enum': 'E', 'data': [ \"a\" ] }", "t.json:1:26: stray '\"'" },
    { "{ 'enum' 'E' }", "t.json:1:10: expected ':'" },
    { "{ 'enum': 'E', 'data': [ 'a' 'b' ] }",
      "t.json:1:30: expected ',' or ']'" },
    { "{ 'enum': 'E', 'data': [ 'a\\n' ] }",
      "t.json:1:28: escape sequences are not supported" },
    { "{ 'enum': 'E', 'enum': 'F', 'data': [] }",
      "t.json:1:16: duplicate key 'enum'" },
    { "[ 'x' ]", "t.json:1:1: expected '{' to start a definition" },
    { "{ 'enum': 'E', 'data': [ 'a', ", "t.json:1:31: expected value, got end of file" },
    { "{ 'enum': 'E', 'data': 7 }", "t.json:1:24: stray '7'" },
    { "{ 'nothing': 'E' }", "t.json:1:1: expression is missing metatype" },
    /* keys */
    { "{ 'struct': 'S', 'data': {}, 'bogus': true }",
      "t.json:1:30: struct 'S' has unknown key 'bogus'" },
    { "{ 'struct': 'S' }", "t.json:1:1: struct 'S' misses key 'data'" },
    { "{ 'union': 'U', 'data': { 'a': 'S' } }",
      "t.json:1:1: union 'U' misses key 'base'" },
    { "{ 'command': 'c', 'boxed': 'yes' }",
      "t.json:1:28: 'boxed' of command 'c' must be true or false" },
    { "{ 'struct': 'S', 'data': { 'a': { 'type': 'int', 'x': true } } }",
      "t.json:1:50: member 'a' of struct 'S' has unknown key 'x'" },
    /* names */
    { "{ 'struct': 'a b', 'data': {} }",
      "t.json:1:13: struct has an invalid name 'a b'" },
    { "{ 'struct': 'q_x', 'data': {} }",
      "t.json:1:13: struct name 'q_x' uses the reserved prefix 'q_'" },
    { "{ 'enum': 'E', 'data': [ 'a', 'a' ] }",
      "t.json:1:31: enum 'E' has value 'a' twice" },
    /* types */
    { "{ 'struct': 'S', 'data': { 'x': 'Nope' } }",
      "t.json:1:33: member 'x' of struct 'S' uses unknown type 'Nope'" },
    { "{ 'struct': 'S', 'data': { 'x': [ 'Nope' ] } }",
      "t.json:1:33: member 'x' of struct 'S' uses unknown type 'Nope'" },
    { "{ 'command': 'c', 'data': { 'x': 'Nope' } }",
      "t.json:1:34: member 'x' of command 'c' uses unknown type 'Nope'" },
    { "{ 'command': 'c', 'returns': 'Nope' }",
      "t.json:1:30: 'returns' of command 'c' uses unknown type 'Nope'" },
    { "{ 'command': 'c' }\n{ 'struct': 'S', 'data': { 'x': 'c' } }",
      "t.json:2:33: member 'x' of struct 'S' uses unknown type 'c'" },
    { "{ 'struct': 'S', 'data': {} }\n{ 'enum': 'S', 'data': [] }",
      "t.json:2:11: 'S' is already defined at t.json:1:13" },
    { "{ 'struct': 'int', 'data': {} }",
      "t.json:1:13: 'int' is already defined (built-in type)" },
    { "{ 'struct': 'S', 'base': 'E', 'data': {} }\n"
      "{ 'enum': 'E', 'data': [] }",
      "t.json:1:26: base of struct 'S' must be a struct, not enum 'E'" },
    { "{ 'struct': 'A', 'base': 'B', 'data': {} }\n"
      "{ 'struct': 'B', 'base': 'A', 'data': {} }",
      "t.json:2:26: base of struct 'B': 'A' is its own base" },
    { "{ 'struct': 'B', 'data': { 'x': 'int' } }\n"
      "{ 'struct': 'S', 'base': 'B', 'data': { 'x': 'str' } }",
      "t.json:2:41: member 'x' of struct 'S' collides with member 'x' of "
      "base 'B'" },
    { "{ 'command': 'c', 'data': 'E' }\n{ 'enum': 'E', 'data': [] }",
      "t.json:1:27: 'data' of command 'c' cannot use enum 'E'" },
    { "{ 'command': 'c', 'data': { 'a': 'int' }, 'boxed': true }",
      "t.json:1:27: 'data' of command 'c' should be a type name" },
    /* unions */
    { "{ 'enum': 'K', 'data': [ 'a' ] }\n"
      "{ 'struct': 'S', 'data': {} }\n"
      "{ 'union': 'U', 'base': { 'k': 'K' }, 'discriminator': 'kind',\n"
      "  'data': { 'a': 'S' } }",
      "t.json:3:56: discriminator 'kind' is not a member of base" },
    { "{ 'enum': 'K', 'data': [ 'a' ] }\n"
      "{ 'struct': 'S', 'data': {} }\n"
      "{ 'struct': 'B', 'data': { 'k': 'K' } }\n"
      "{ 'union': 'U', 'base': 'B', 'discriminator': 'x',\n"
      "  'data': { 'a': 'S' } }",
      "t.json:4:47: discriminator 'x' is not a member of base struct 'B'" },
    { "{ 'struct': 'S', 'data': {} }\n"
      "{ 'union': 'U', 'base': { 'k': 'str' }, 'discriminator': 'k',\n"
      "  'data': { 'a': 'S' } }",
      "t.json:2:58: discriminator member 'k' must be of enum type, not 'str'" },
    { "{ 'enum': 'K', 'data': [ 'a' ] }\n"
      "{ 'struct': 'S', 'data': {} }\n"
      "{ 'union': 'U', 'base': { '*k': 'K' }, 'discriminator': 'k',\n"
      "  'data': { 'a': 'S' } }",
      "t.json:3:57: discriminator member 'k' must not be optional" },
    { "{ 'enum': 'K', 'data': [ 'a' ] }\n"
      "{ 'struct': 'S', 'data': {} }\n"
      "{ 'union': 'U', 'base': { 'k': 'K' }, 'discriminator': 'k',\n"
      "  'data': { 'b': 'S' } }",
      "t.json:4:13: branch 'b' of union 'U' is not a value of enum 'K'" },
    { "{ 'enum': 'K', 'data': [ 'a' ] }\n"
      "{ 'union': 'U', 'base': { 'k': 'K' }, 'discriminator': 'k',\n"
      "  'data': { 'a': 'K' } }",
      "t.json:3:18: branch 'a' of union 'U' cannot use enum 'K'" },
    { "{ 'struct': 'S', 'data': { 'k': 'int' } }\n"
      "{ 'enum': 'K', 'data': [ 'a' ] }\n"
      "{ 'union': 'U', 'base': { 'k': 'K' }, 'discriminator': 'k',\n"
      "  'data': { 'a': 'S' } }",
      "t.json:4:18: member 'k' of branch 'a' of union 'U' collides with "
      "member 'k' of the base" },
    /* alternates */
    { "{ 'alternate': 'A', 'data': { 'a': 'int', 'b': 'number' } }",
      "t.json:1:43: branch 'b' of alternate 'A' can't be distinguished from 'a'" },
    { "{ 'enum': 'E', 'data': [] }\n"
      "{ 'alternate': 'A', 'data': { 'a': 'str', 'b': 'E' } }",
      "t.json:2:43: branch 'b' of alternate 'A' can't be distinguished from 'a'" },
    { "{ 'alternate': 'A', 'data': { 'a': 'any' } }",
      "t.json:1:36: branch 'a' of alternate 'A' cannot use built-in type 'any'" },
    /* conditions and states */
    { "{ 'struct': 'S', 'data': {}, 'if': { 'xor': [ 'A' ] } }",
      "t.json:1:36: 'if' condition has unknown operator 'xor'" },
    { "{ 'struct': 'S', 'data': {}, 'if': { 'all': [] } }",
      "t.json:1:45: 'if' condition 'all' needs a non-empty list" },
    { "{ 'struct': 'S', 'data': {}, 'if': [ 'A' ] }",
      "t.json:1:36: 'if' condition must be a string or an object with one "
      "key: 'all', 'any', 'not' or 'target'" },
    { "{ 'struct': 'S', 'data': {}, 'if': { 'target': '' } }",
      "t.json:1:48: 'target' condition needs a target name" },
    { "{ 'command': 'c', 'states': [ 'running', 'flying' ] }",
      "t.json:1:42: 'states' of command 'c': unknown run state 'flying'" },
    { "{ 'command': 'c', 'states': [] }",
      "t.json:1:29: 'states' of command 'c' must be a non-empty array of "
      "run states" },
    /* includes */
    { "{ 'include': 'missing.json' }",
      "t.json:1:14: can't read include file 'missing.json'" },
};

static void test_parse_bad(void)
{
    int wrong = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
        Error *err = NULL;
        QapiSchema *s = qapi_schema_parse_string("t.json", bad_cases[i].text,
                                                 &err);
        const char *got = s ? "(accepted)" : error_get_pretty(err);
        if (strcmp(got, bad_cases[i].error)) {
            g_test_message("case %zu:\n  got:      %s\n  expected: %s", i,
                           got, bad_cases[i].error);
            wrong++;
        }
        qapi_schema_free(s);
        error_free(err);
    }
    g_assert_cmpint(wrong, ==, 0);
}

static void test_parse_docs(void)
{
    QapiSchema *s = parse_ok(
        "##\n"
        "# = Section\n"
        "##\n"
        "\n"
        "##\n"
        "# @S:\n"
        "#\n"
        "# A struct.\n"
        "# Second line.\n"
        "#\n"
        "# @a: first member,\n"
        "#     continued\n"
        "# @b: second\n"
        "#\n"
        "# Features:\n"
        "# @unstable: not stable\n"
        "#\n"
        "# Since: 0.1\n"
        "#\n"
        "# Example:\n"
        "#\n"
        "# -> { \"a\": 1,\n"
        "#      \"b\": 2 }\n"
        "# <- { \"return\": {} }\n"
        "##\n"
        "{ 'struct': 'S', 'data': { 'a': 'int', 'b': 'int' },\n"
        "  'features': [ 'unstable' ] }\n");
    g_assert_cmpint(s->docs->len, ==, 2);
    const QapiDoc *free_form = g_ptr_array_index(s->docs, 0);
    g_assert_null(free_form->symbol);
    g_assert_cmpstr(free_form->body, ==, "= Section");
    const QapiEntity *e = qapi_schema_lookup(s, "S");
    const QapiDoc *d = e->doc;
    g_assert_nonnull(d);
    g_assert_true(d->entity == e);
    g_assert_cmpstr(d->symbol, ==, "S");
    g_assert_cmpstr(d->body, ==, "A struct.\nSecond line.");
    g_assert_cmpint(d->args->len, ==, 2);
    const QapiDocItem *a = g_ptr_array_index(d->args, 0);
    g_assert_cmpstr(a->name, ==, "a");
    g_assert_cmpstr(a->text, ==, "first member,\ncontinued");
    g_assert_cmpint(a->pos.line, ==, 11);
    g_assert_cmpint(d->features->len, ==, 1);
    g_assert_cmpint(d->sections->len, ==, 2);
    const QapiDocItem *ex = g_ptr_array_index(d->sections, 1);
    g_assert_cmpstr(ex->name, ==, "Example");
    g_assert_cmpstr(ex->text, ==,
                    "-> { \"a\": 1,\n     \"b\": 2 }\n<- { \"return\": {} }");

    GPtrArray *exs = qapi_doc_examples(s);
    g_assert_cmpint(exs->len, ==, 1);
    const QapiExample *x = g_ptr_array_index(exs, 0);
    g_assert_cmpstr(x->name, ==, "S");
    g_assert_false(x->not_run);
    g_assert_cmpint(x->lines->len, ==, 2);
    const QapiExampleLine *l0 = g_ptr_array_index(x->lines, 0);
    g_assert_true(l0->to_server);
    g_assert_cmpint(json_integer_value(json_object_get(l0->value, "b")), ==, 2);
    g_ptr_array_free(exs, TRUE);
    qapi_schema_free(s);
}

static void test_parse_doc_errors(void)
{
    parse_bad("##\n# @T:\n##\n{ 'struct': 'S', 'data': {} }",
              "t.json:4:13: definition of 'S' follows documentation for 'T'");
    parse_bad("##\n# @S:\n# @x: no such member\n##\n"
              "{ 'struct': 'S', 'data': {} }",
              "t.json:3:1: documented member 'x' is not in the definition of 'S'");
    parse_bad("##\n# @S:\n# Features:\n# @f: no such feature\n##\n"
              "{ 'struct': 'S', 'data': {} }",
              "t.json:4:1: documented feature 'f' is not in the definition of 'S'");
    parse_bad("{ 'pragma': { 'doc-required': true } }\n"
              "{ 'struct': 'S', 'data': {} }",
              "t.json:2:13: documentation comment required for 'S'");
    parse_bad("##\n# @S:\n##\n", "t.json:2:1: documentation comment for 'S' "
              "is not followed by its definition");
    parse_bad("##\n# @S:\n", "t.json:1:1: documentation comment must end "
              "with '##'");
    parse_bad("##\n#@S:\n##\n", "t.json:2:2: missing space after #");
}

static void test_includes(void)
{
    static const QapiSource srcs[] = {
        { "dir/main.json", "{ 'include': 'a.json' }\n"
                           "{ 'include': 'sub/b.json' }\n"
                           "{ 'include': 'a.json' }\n"
                           "{ 'command': 'c', 'returns': 'B' }\n" },
        { "dir/a.json", "{ 'struct': 'A', 'data': { 'x': 'int' } }\n" },
        { "dir/sub/b.json", "{ 'include': '../a.json' }\n"
                            "{ 'struct': 'B', 'base': 'A', 'data': {} }\n"
                            "{ 'struct': 'Bad', 'data': { 'y': 'Nope' } }\n" },
    };
    Error *err = NULL;
    QapiSchema *s = qapi_schema_load_sources(srcs, 2, "dir/main.json", &err);
    g_assert_null(s);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "dir/main.json:2:14: can't read include file 'dir/sub/b.json'");
    error_free(err);
    err = NULL;
    s = qapi_schema_load_sources(srcs, 3, "dir/main.json", &err);
    g_assert_null(s);
    /* errors name the included file */
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "dir/sub/b.json:3:35: member 'y' of struct 'Bad' uses "
                    "unknown type 'Nope'");
    g_assert_cmpstr(err->file, ==, "dir/sub/b.json");
    g_assert_cmpint(err->line, ==, 3);
    error_free(err);
    err = NULL;
    s = qapi_schema_load_sources(srcs, 3, "nope.json", &err);
    g_assert_null(s);
    g_assert_cmpstr(error_get_pretty(err), ==, "can't read schema file 'nope.json'");
    error_free(err);
}

static void test_load_file(void)
{
    Error *err = NULL;
    char *dir = g_dir_make_tmp("qapi-XXXXXX", NULL);
    char *main_path = g_build_filename(dir, "main.json", NULL);
    char *inc_path = g_build_filename(dir, "inc.json", NULL);
    g_assert_true(g_file_set_contents(main_path,
        "{ 'include': 'inc.json' }\n{ 'command': 'c', 'returns': 'I' }\n",
        -1, NULL));
    g_assert_true(g_file_set_contents(inc_path,
        "{ 'struct': 'I', 'data': {} }\n", -1, NULL));
    QapiSchema *s = qapi_schema_load_file(main_path, &err);
    g_assert_nonnull(s);
    g_assert_nonnull(qapi_schema_lookup_command(s, "c", NULL));
    g_assert_cmpint(s->files->len, ==, 2);
    qapi_schema_free(s);
    unlink(main_path);
    unlink(inc_path);
    rmdir(dir);
    g_free(main_path);
    g_free(inc_path);
    g_free(dir);
}

/* Conditions. */

static bool cb_defined(const char *name, void *opaque)
{
    return !strcmp(name, (const char *)opaque);
}

static bool cb_target(const char *name, void *opaque)
{
    return !strcmp(name, "arm");
}

static void test_conditions(void)
{
    QapiSchema *s = parse_ok(
        "{ 'command': 'c-name', 'if': 'A' }\n"
        "{ 'command': 'c-not', 'if': { 'not': 'A' } }\n"
        "{ 'command': 'c-all', 'if': { 'all': [ 'A', 'B' ] } }\n"
        "{ 'command': 'c-any', 'if': { 'any': [ 'A', 'B' ] } }\n"
        "{ 'command': 'c-riscv', 'if': { 'target': 'riscv' } }\n"
        "{ 'command': 'c-nested', 'if': { 'all': [ { 'target': 'riscv' },\n"
        "                                   { 'not': { 'any': [ 'A', 'B' ] } } ] } }\n"
        "{ 'command': 'c-always' }\n");
    static const char *const none[] = { NULL };
    static const char *const a[] = { "A", NULL };
    static const char *const ab[] = { "A", "B", NULL };
    static const char *const riscv[] = { "riscv", NULL };
    static const struct {
        const char *const *defined, *const *targets;
        const char *visible;
    } cases[] = {
        { none, none, "c-not c-always" },
        { a, none, "c-name c-any c-always" },
        { ab, none, "c-name c-all c-any c-always" },
        { none, riscv, "c-not c-riscv c-nested c-always" },
        { a, riscv, "c-name c-any c-riscv c-always" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        QapiCondContext ctx = { .defined = cases[i].defined,
                                .targets = cases[i].targets };
        GPtrArray *names = qapi_introspect_command_names(s, &ctx);
        g_ptr_array_add(names, NULL);
        char *joined = g_strjoinv(" ", (char **)names->pdata);
        g_assert_cmpstr(joined, ==, cases[i].visible);
        g_free(joined);
        g_ptr_array_free(names, TRUE);
    }
    /* a NULL context defines nothing */
    g_assert_null(qapi_schema_lookup_command(s, "c-name", NULL));
    g_assert_nonnull(qapi_schema_lookup_command(s, "c-not", NULL));
    /* callbacks win over the lists */
    QapiCondContext cb = { .defined = ab, .is_defined = cb_defined,
                           .opaque = (void *)"B", .has_target = cb_target };
    g_assert_null(qapi_schema_lookup_command(s, "c-name", &cb));
    g_assert_nonnull(qapi_schema_lookup_command(s, "c-any", &cb));
    g_assert_null(qapi_schema_lookup_command(s, "c-riscv", &cb));

    const QapiEntity *nested = qapi_schema_lookup(s, "c-nested");
    char *f = qapi_cond_format(nested->cond);
    g_assert_cmpstr(f, ==, "target riscv and not (A or B)");
    g_free(f);
    g_assert_true(qapi_cond_eval(NULL, NULL));
    qapi_schema_free(s);
}

static void test_run_states(void)
{
    for (int i = 0; i < RUN_STATE__MAX; i++) {
        g_assert_cmpint(run_state_lookup(run_state_name(i)), ==, i);
    }
    g_assert_cmpstr(run_state_name(RUN_STATE_NO_MACHINE), ==, "no-machine");
    g_assert_cmpstr(run_state_name(RUN_STATE_GUEST_PANICKED), ==,
                    "guest-panicked");
    g_assert_null(run_state_name(RUN_STATE__MAX));
    g_assert_cmpint(run_state_lookup("flying"), ==, -1);
    g_assert_cmpuint(run_state_mask_lookup("any"), ==, 0x3ff);
    g_assert_cmpuint(run_state_mask_lookup("machine"), ==, 0x3fe);
    g_assert_cmpuint(run_state_mask_lookup("paused"), ==,
                     RUN_STATE_BIT(RUN_STATE_PAUSED));
    g_assert_cmpuint(run_state_mask_lookup("flying"), ==, 0);
    char *s = run_state_mask_format(RUN_STATE_BIT(RUN_STATE_PRELAUNCH) |
                                    RUN_STATE_BIT(RUN_STATE_RUNNING));
    g_assert_cmpstr(s, ==, "prelaunch, running");
    g_free(s);
    s = run_state_mask_format(RUN_STATE_MASK_MACHINE);
    g_assert_cmpstr(s, ==, "machine");
    g_free(s);
}

/* Introspection. */

static json_t *find_info(json_t *infos, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(infos, i, v) {
        if (!strcmp(json_string_value(json_object_get(v, "name")), name)) {
            return v;
        }
    }
    return NULL;
}

static void assert_json(json_t *v, const char *expect)
{
    g_assert_nonnull(v);
    char *got = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
    g_assert_cmpstr(got, ==, expect);
    free(got);
}

static void test_introspect_shape(void)
{
    QapiSchema *s = parse_ok(good_schema);
    json_t *infos = qapi_introspect(s, NULL);
    assert_json(find_info(infos, "draw"),
        "{\"allow-oob\":true,\"arg-type\":\"q_obj_draw-arg\","
        "\"features\":[\"deprecated\"],\"meta-type\":\"command\","
        "\"name\":\"draw\",\"ret-type\":\"[Point]\"}");
    assert_json(find_info(infos, "plain"),
        "{\"arg-type\":\"q_empty\",\"meta-type\":\"command\",\"name\":\"plain\","
        "\"ret-type\":\"q_empty\"}");
    assert_json(find_info(infos, "q_empty"),
        "{\"members\":[],\"meta-type\":\"object\",\"name\":\"q_empty\"}");
    assert_json(find_info(infos, "q_obj_draw-arg"),
        "{\"members\":[{\"name\":\"shape\",\"type\":\"Shape\"},"
        "{\"default\":null,\"name\":\"scale\",\"type\":\"number\"}],"
        "\"meta-type\":\"object\",\"name\":\"q_obj_draw-arg\"}");
    assert_json(find_info(infos, "[Point]"),
        "{\"element-type\":\"Point\",\"meta-type\":\"array\",\"name\":\"[Point]\"}");
    assert_json(find_info(infos, "Point"),
        "{\"features\":[\"unstable\"],\"members\":["
        "{\"name\":\"id\",\"type\":\"str\"},{\"name\":\"x\",\"type\":\"int\"},"
        "{\"default\":null,\"name\":\"y\",\"type\":\"int\"},"
        "{\"features\":[\"unstable\"],\"name\":\"c\",\"type\":\"Color\"},"
        "{\"name\":\"tags\",\"type\":\"[str]\"}],"
        "\"meta-type\":\"object\",\"name\":\"Point\"}");
    assert_json(find_info(infos, "Shape"),
        "{\"members\":[{\"name\":\"kind\",\"type\":\"Color\"}],"
        "\"meta-type\":\"object\",\"name\":\"Shape\",\"tag\":\"kind\","
        "\"variants\":[{\"case\":\"red\",\"type\":\"Point\"}]}");
    assert_json(find_info(infos, "Color"),
        "{\"members\":[{\"name\":\"red\"},{\"features\":[\"deprecated\"],"
        "\"name\":\"green\"}],\"meta-type\":\"enum\",\"name\":\"Color\","
        "\"values\":[\"red\",\"green\"]}");
    assert_json(find_info(infos, "int"),
        "{\"json-type\":\"int\",\"meta-type\":\"builtin\",\"name\":\"int\"}");
    assert_json(find_info(infos, "str"),
        "{\"json-type\":\"string\",\"meta-type\":\"builtin\",\"name\":\"str\"}");
    assert_json(find_info(infos, "number"),
        "{\"json-type\":\"number\",\"meta-type\":\"builtin\",\"name\":\"number\"}");
    assert_json(find_info(infos, "MOVED"),
        "{\"arg-type\":\"q_obj_MOVED-arg\",\"meta-type\":\"event\",\"name\":\"MOVED\"}");
    assert_json(find_info(infos, "TICK"),
        "{\"arg-type\":\"q_empty\",\"meta-type\":\"event\",\"name\":\"TICK\"}");
    /* not reached from a command or event: not listed */
    g_assert_null(find_info(infos, "PointOrName"));
    g_assert_null(find_info(infos, "riscv-only"));
    g_assert_null(find_info(infos, "bool"));
    /* names are unique */
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    size_t i;
    json_t *v;
    json_array_foreach(infos, i, v) {
        const char *n = json_string_value(json_object_get(v, "name"));
        g_assert_false(g_hash_table_contains(seen, n));
        g_hash_table_add(seen, (char *)n);
    }
    g_hash_table_destroy(seen);
    json_decref(infos);

    /* with the conditions true, hidden parts appear */
    static const char *const defs[] = { "HAVE_BLUE", "G", "FANCY", NULL };
    static const char *const targets[] = { "riscv", NULL };
    QapiCondContext ctx = { .defined = defs, .targets = targets };
    infos = qapi_introspect(s, &ctx);
    g_assert_nonnull(find_info(infos, "riscv-only"));
    json_t *color = find_info(infos, "Color");
    assert_json(json_object_get(color, "values"), "[\"red\",\"green\",\"blue\"]");
    json_t *shape = find_info(infos, "Shape");
    g_assert_cmpint(json_array_size(json_object_get(shape, "variants")), ==, 2);
    assert_json(json_object_get(find_info(infos, "Point"), "features"),
                "[\"unstable\",\"fancy\"]");
    json_decref(infos);
    qapi_schema_free(s);
}

static void test_introspect_alternate(void)
{
    QapiSchema *s = parse_ok(
        "{ 'struct': 'S', 'data': {} }\n"
        "{ 'alternate': 'A', 'data': { 's': 'S', 'n': 'str',\n"
        "                              'x': { 'type': 'int', 'if': 'X' } } }\n"
        "{ 'command': 'c', 'data': { 'a': 'A' } }\n");
    json_t *infos = qapi_introspect(s, NULL);
    assert_json(find_info(infos, "A"),
        "{\"members\":[{\"type\":\"S\"},{\"type\":\"str\"}],"
        "\"meta-type\":\"alternate\",\"name\":\"A\"}");
    json_decref(infos);
    qapi_schema_free(s);
}

static void test_command_info(void)
{
    QapiSchema *s = parse_ok(good_schema);
    QapiCommandInfo info;
    g_assert_true(qapi_introspect_command_info(s, "draw", NULL, &info));
    g_assert_cmpstr(info.name, ==, "draw");
    g_assert_cmpstr(info.arg_type, ==, "q_obj_draw-arg");
    g_assert_cmpstr(info.ret_type, ==, "[Point]");
    g_assert_true(info.allow_oob && info.allow_preconfig && info.coroutine);
    g_assert_cmpuint(info.states, ==, RUN_STATE_BIT(RUN_STATE_PRELAUNCH) |
                                      RUN_STATE_BIT(RUN_STATE_PAUSED));
    g_assert_cmpint(info.features->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(info.features, 0), ==, "deprecated");
    qapi_command_info_clear(&info);
    g_assert_true(qapi_introspect_command_info(s, "plain", NULL, &info));
    g_assert_cmpstr(info.arg_type, ==, "q_empty");
    g_assert_cmpuint(info.states, ==, RUN_STATE_MASK_ANY);
    qapi_command_info_clear(&info);
    g_assert_false(qapi_introspect_command_info(s, "riscv-only", NULL, &info));
    g_assert_false(qapi_introspect_command_info(s, "Point", NULL, &info));
    json_t *cmds = qapi_introspect_commands(s, NULL);
    assert_json(cmds, "[{\"name\":\"draw\"},{\"name\":\"draw-boxed\"},"
                      "{\"name\":\"plain\"}]");
    json_decref(cmds);
    qapi_schema_free(s);
}

/* The built-in schema. */

static QapiSchema *builtin(void)
{
    Error *err = NULL;
    QapiSchema *s = qapi_schema_load_builtin(&err);
    if (!s) {
        g_error("%s", error_get_pretty(err));
    }
    return s;
}

static void test_builtin_loads(void)
{
    static const char *const commands[] = {
        "qmp_capabilities", "query-version", "query-commands",
        "query-qmp-schema", "query-status", "qom-list", "qom-get", "qom-set",
        "qom-list-types", "qom-list-properties", "device-list-properties",
        "quit",
    };
    QapiSchema *s = builtin();
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        const QapiEntity *c = qapi_schema_lookup_command(s, commands[i], NULL);
        if (!c) {
            g_error("command %s missing", commands[i]);
        }
        g_assert_nonnull(c->doc);
    }
    g_assert_cmpint(s->files->len, ==, qapi_builtin_sources_count);
    g_assert_cmpstr(g_ptr_array_index(s->files, 0), ==, "qapi/hemu.json");
    /* QEMU's argument names and return types */
    const QapiEntity *get = qapi_schema_lookup_command(s, "qom-get", NULL);
    g_assert_cmpstr(get->arg_type->name, ==, "q_obj_qom-get-arg");
    g_assert_nonnull(qapi_entity_find_member(get->arg_type, "path", NULL));
    g_assert_nonnull(qapi_entity_find_member(get->arg_type, "property", NULL));
    g_assert_cmpstr(get->ret_type->name, ==, "any");
    const QapiEntity *types = qapi_schema_lookup_command(s, "qom-list-types", NULL);
    g_assert_true(qapi_entity_find_member(types->arg_type, "implements", NULL)->optional);
    g_assert_cmpstr(types->ret_type->name, ==, "[ObjectTypeInfo]");
    const QapiEntity *caps = qapi_schema_lookup_command(s, "qmp_capabilities", NULL);
    g_assert_cmpstr(qapi_entity_find_member(caps->arg_type, "enable", NULL)->type_name,
                    ==, "[QMPCapability]");
    g_assert_null(qapi_schema_lookup_command(s, "quit", NULL)->ret_type);
    qapi_schema_free(s);
}

static void test_builtin_run_state_enum(void)
{
    QapiSchema *s = builtin();
    const QapiEntity *rs = qapi_schema_lookup_type(s, "RunState", NULL);
    g_assert_nonnull(rs);
    g_assert_cmpint(rs->members->len, ==, RUN_STATE__MAX);
    for (int i = 0; i < RUN_STATE__MAX; i++) {
        g_assert_cmpstr(((QapiMember *)g_ptr_array_index(rs->members, i))->name,
                        ==, run_state_name(i));
    }
    qapi_schema_free(s);
}

/* query-qmp-schema's value must match its own declared type. */
static void test_builtin_introspection_validates(void)
{
    QapiSchema *s = builtin();
    json_t *infos = qapi_introspect(s, NULL);
    const QapiEntity *cmd = qapi_schema_lookup_command(s, "query-qmp-schema", NULL);
    Error *err = NULL;
    if (!qapi_validate(cmd->ret_type, infos, NULL, &err)) {
        g_error("%s", error_get_pretty(err));
    }
    g_assert_nonnull(find_info(infos, "q_obj_qom-get-arg"));
    g_assert_nonnull(find_info(infos, "[SchemaInfo]"));
    json_t *cmds = qapi_introspect_commands(s, NULL);
    const QapiEntity *qc = qapi_schema_lookup_command(s, "query-commands", NULL);
    g_assert_true(qapi_validate(qc->ret_type, cmds, NULL, NULL));
    /* every command entity of the schema is listed once, except those
     * of targets (none is present in a NULL context) */
    guint ncmd = 0;
    for (guint i = 0; i < s->entities->len; i++) {
        const QapiEntity *e = s->entities->pdata[i];
        ncmd += e->meta == QAPI_META_COMMAND && qapi_entity_visible(e, NULL);
    }
    g_assert_cmpint(json_array_size(cmds), ==, ncmd);
    g_assert_cmpint(ncmd, >=, 12);
    json_decref(cmds);
    json_decref(infos);
    qapi_schema_free(s);
}

/* Every example parses; every error example that validation produces
 * gives exactly the documented error. */
static void test_builtin_examples(void)
{
    QapiSchema *s = builtin();
    GPtrArray *exs = qapi_doc_examples(s);
    GHashTable *has_example = g_hash_table_new(g_str_hash, g_str_equal);
    int checked = 0;
    for (guint i = 0; i < exs->len; i++) {
        const QapiExample *ex = g_ptr_array_index(exs, i);
        g_hash_table_add(has_example, (char *)ex->name);
        g_assert_cmpint(ex->lines->len, >=, 2);
        for (guint j = 0; j < ex->lines->len; j++) {
            const QapiExampleLine *l = g_ptr_array_index(ex->lines, j);
            if (!ex->not_run && !l->value) {
                g_error("%s:%d: example of %s is not JSON: %s", ex->pos.file,
                        ex->pos.line, ex->name, l->text);
            }
        }
        const QapiExampleLine *req = g_ptr_array_index(ex->lines, 0);
        const QapiExampleLine *rsp = g_ptr_array_index(ex->lines, 1);
        g_assert_true(req->to_server);
        g_assert_false(rsp->to_server);
        if (ex->not_run) {
            continue;
        }
        const char *name = json_string_value(json_object_get(req->value, "execute"));
        g_assert_cmpstr(name, ==, ex->name);
        json_t *error = json_object_get(rsp->value, "error");
        Error *err = NULL;
        const QapiEntity *cmd = qapi_schema_lookup_command(s, name, NULL);
        bool ok = qapi_validate_command_args(cmd,
                      json_object_get(req->value, "arguments"), NULL, &err);
        if (error && !ok) {
            /* an argument error: validation alone must give it; other
             * errors (state, missing objects) are checked when the QMP
             * runner replays the examples against hemu */
            g_assert_cmpstr(error_get_pretty(err), ==,
                json_string_value(json_object_get(error, "desc")));
            error_free(err);
            checked++;
        } else if (!error) {
            g_assert_true(ok);
        }
    }
    g_assert_cmpint(checked, >=, 5);
    for (guint i = 0; i < s->entities->len; i++) {
        const QapiEntity *e = g_ptr_array_index(s->entities, i);
        if (e->meta == QAPI_META_COMMAND && !g_hash_table_contains(has_example, e->name)) {
            g_error("command %s has no example", e->name);
        }
    }
    g_hash_table_destroy(has_example);
    g_ptr_array_free(exs, TRUE);
    qapi_schema_free(s);
}

/* Where docs/qmp-reference.md is: $G_TEST_SRCDIR, else three levels
 * above this test program (BUILD/tests/unit/). */
static char *find_reference(void)
{
    const char *srcdir = g_getenv("G_TEST_SRCDIR");
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *dir = exe ? g_path_get_dirname(exe) : g_path_get_dirname(argv0);
    char *candidates[] = {
        srcdir ? g_build_filename(srcdir, "..", "..", "docs", "qmp-reference.md", NULL)
               : NULL,
        g_build_filename(dir, "..", "..", "..", "docs", "qmp-reference.md", NULL),
    };
    char *found = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(candidates); i++) {
        if (!found && candidates[i] && g_file_test(candidates[i], G_FILE_TEST_EXISTS)) {
            found = g_strdup(candidates[i]);
        }
        g_free(candidates[i]);
    }
    g_free(dir);
    g_free(exe);
    return found;
}

static void test_reference_up_to_date(void)
{
    QapiSchema *s = builtin();
    char *text = qapi_doc_render_markdown(s);
    char *path = find_reference();
    char *committed = NULL;
    if (!path || !g_file_get_contents(path, &committed, NULL, NULL)) {
        g_error("docs/qmp-reference.md not found");
    }
    if (strcmp(text, committed)) {
        g_error("%s differs from the schema: run 'ninja -C build qapi-docs' "
                "and commit the result", path);
    }
    /* what a reader looks for */
    g_assert_nonnull(strstr(text, "### qom-get (Command)"));
    g_assert_nonnull(strstr(text, "- `path`: `str` — The path within the object model."));
    g_assert_nonnull(strstr(text, "**Run states:** any"));
    g_assert_nonnull(strstr(text, "**Returns:** `any` — The property value."));
    g_assert_nonnull(strstr(text, "```\n-> { \"execute\": \"qom-get\","));
    g_free(committed);
    g_free(path);
    g_free(text);
    qapi_schema_free(s);
}

static void test_doc_render_details(void)
{
    QapiSchema *s = parse_ok(
        "##\n# @S:\n#\n# Text with @x.\n#\n# @x: the x\n#\n"
        "# Features:\n# @unstable: experimental\n##\n"
        "{ 'struct': 'S', 'data': { '*x': 'int', 'y': { 'type': 'str', 'if': 'Y' } },\n"
        "  'features': [ 'unstable' ], 'if': { 'target': 'arm' } }\n"
        "##\n# @c:\n#\n# Do it.\n##\n"
        "{ 'command': 'c', 'data': 'S', 'states': [ 'paused', 'running' ] }\n");
    char *md = qapi_doc_render_markdown(s);
    g_assert_nonnull(strstr(md, "### S (Struct)\n\nText with `x`.\n"));
    g_assert_nonnull(strstr(md, "- `x`: `int` (optional) — the x\n"));
    g_assert_nonnull(strstr(md, "- `y`: `str` (if: `Y`) — Not documented.\n"));
    g_assert_nonnull(strstr(md, "- `unstable` — experimental\n"));
    g_assert_nonnull(strstr(md, "**If:** `target arm`\n"));
    g_assert_nonnull(strstr(md, "- The members of `S`.\n"));
    g_assert_nonnull(strstr(md, "**Run states:** running, paused\n"));
    g_free(md);
    qapi_schema_free(s);
}

static void test_builtin_load_speed(void)
{
    /* not a timing assertion (those go in bench/): just exercise it */
    for (int i = 0; i < 20; i++) {
        qapi_schema_free(builtin());
    }
    gint64 t0 = g_get_monotonic_time();
    qapi_schema_free(builtin());
    g_test_message("built-in schema loads in %" G_GINT64_FORMAT " us",
                   g_get_monotonic_time() - t0);
}

int main(int argc, char **argv)
{
    argv0 = argv[0];
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qapi/schema/parse-good", test_parse_good);
    g_test_add_func("/qapi/schema/parse-builtins", test_parse_builtins);
    g_test_add_func("/qapi/schema/parse-bad", test_parse_bad);
    g_test_add_func("/qapi/schema/parse-docs", test_parse_docs);
    g_test_add_func("/qapi/schema/parse-doc-errors", test_parse_doc_errors);
    g_test_add_func("/qapi/schema/includes", test_includes);
    g_test_add_func("/qapi/schema/load-file", test_load_file);
    g_test_add_func("/qapi/schema/conditions", test_conditions);
    g_test_add_func("/qapi/schema/run-states", test_run_states);
    g_test_add_func("/qapi/introspect/shape", test_introspect_shape);
    g_test_add_func("/qapi/introspect/alternate", test_introspect_alternate);
    g_test_add_func("/qapi/introspect/command-info", test_command_info);
    g_test_add_func("/qapi/builtin/loads", test_builtin_loads);
    g_test_add_func("/qapi/builtin/run-state-enum", test_builtin_run_state_enum);
    g_test_add_func("/qapi/builtin/introspection-validates",
                    test_builtin_introspection_validates);
    g_test_add_func("/qapi/builtin/examples", test_builtin_examples);
    g_test_add_func("/qapi/builtin/load-speed", test_builtin_load_speed);
    g_test_add_func("/qapi/doc/reference-up-to-date", test_reference_up_to_date);
    g_test_add_func("/qapi/doc/render-details", test_doc_render_details);
    return g_test_run();
}
