/* Unit tests for pins: connect, fan-out, delivery on change, kinds, line
 * counts from properties, listing, and clean-up when either end goes away.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "core/object.h"

typedef struct Src {
    Object obj;
    Pin irq[4];
    Pin clk;
    uint64_t nlines;
} Src;

typedef struct Dst {
    Object obj;
    uint64_t level[8];
    uint64_t freq;
    int calls;
} Dst;

static void dst_irq(Object *obj, unsigned n, uint64_t v)
{
    Dst *d = (Dst *)obj;
    d->level[n] = v;
    d->calls++;
}

static void dst_clk(Object *obj, unsigned n, uint64_t v)
{
    ((Dst *)obj)->freq = v;
}

static const PropDef src_props[] = {
    PROP_UINT64("num-lines", Src, nlines, 2, "irq lines exposed"),
    PROP_END
};

static const PinDef src_pins[] = {
    { .name = "irq", .kind = PIN_IRQ, .dir = PIN_OUT, .count = 4,
      .count_prop = "num-lines", .offset = offsetof(Src, irq),
      .doc = "interrupt outputs" },
    PIN_OUT1("clk", PIN_CLOCK, Src, clk, "clock output"),
    PIN_END
};

static const PinDef dst_pins[] = {
    PIN_IN_N("in", PIN_IRQ, dst_irq, 8, "interrupt inputs"),
    PIN_IN1("clk", PIN_CLOCK, dst_clk, "clock input"),
    PIN_END
};

static const TypeInfo src_type = {
    .name = "test-src", .parent = "object", .doc = "drives lines",
    .instance_size = sizeof(Src), .props = src_props, .pins = src_pins,
};
static const TypeInfo dst_type = {
    .name = "test-dst", .parent = "object", .doc = "receives lines",
    .instance_size = sizeof(Dst), .pins = dst_pins,
};
static const TypeInfo *const types[] = { &src_type, &dst_type, NULL };

static Object *root;
static Src *s;
static Dst *d1, *d2;

static void setup(void)
{
    const TypeInfo *const *const lists[] = { core_types, types, NULL };
    g_assert_true(type_registry_init(lists, NULL));
    if (root) {
        object_destroy(root);
    }
    root = object_new_root();
    s = (Src *)object_new_child(root, "test-src", "src", NULL);
    d1 = (Dst *)object_new_child(root, "test-dst", "d1", NULL);
    d2 = (Dst *)object_new_child(root, "test-dst", "d2", NULL);
}

static void test_fanout(void)
{
    setup();
    Error *err = NULL;
    g_assert_true(pin_connect(&s->obj, "irq", 1, &d1->obj, "in", 3, &err));
    g_assert_true(pin_connect(&s->obj, "irq", 1, &d2->obj, "in", 0, &err));
    pin_raise(&s->irq[1]);
    g_assert_cmpuint(d1->level[3], ==, 1);
    g_assert_cmpuint(d2->level[0], ==, 1);
    pin_raise(&s->irq[1]);            /* no change, no call */
    g_assert_cmpint(d1->calls, ==, 1);
    pin_lower(&s->irq[1]);
    g_assert_cmpuint(d1->level[3], ==, 0);
    g_assert_cmpint(d1->calls, ==, 2);
    uint64_t v = 9;
    g_assert_true(pin_get(&s->obj, "irq", 1, &v, NULL));
    g_assert_cmpuint(v, ==, 0);
}

static void test_errors(void)
{
    setup();
    Error *err = NULL;
    g_assert_false(pin_connect(&s->obj, "irq", 2, &d1->obj, "in", 0, &err));
    g_assert_cmpstr(err->msg, ==, "'/src': pin 'irq' has 2 lines, no line 2");
    error_free(err);
    err = NULL;
    g_assert_false(pin_connect(&s->obj, "iqr", 0, &d1->obj, "in", 0, &err));
    g_assert_cmpstr(err->msg, ==,
        "'/src' (test-src) has no output pin 'iqr' (did you mean 'irq'?)");
    error_free(err);
    err = NULL;
    g_assert_false(pin_connect(&s->obj, "irq", 0, &d1->obj, "clk", 0, &err));
    g_assert_cmpstr(err->msg, ==, "cannot connect irq output 'irq' to clock input 'clk'");
    error_free(err);
    err = NULL;
    g_assert_true(pin_connect(&s->obj, "irq", 0, &d1->obj, "in", 0, NULL));
    g_assert_false(pin_connect(&s->obj, "irq", 0, &d1->obj, "in", 0, &err));
    g_assert_cmpstr(err->msg, ==, "'/src:irq[0]' is already connected to '/d1:in[0]'");
    error_free(err);
    err = NULL;
    /* more lines once the property says so */
    g_assert_true(object_prop_set_str(&s->obj, "num-lines", "4", NULL));
    g_assert_true(pin_connect(&s->obj, "irq", 3, &d1->obj, "in", 7, NULL));
}

static void test_clock_delivered_on_connect(void)
{
    setup();
    pin_set(&s->clk, 50000000);
    g_assert_true(pin_connect(&s->obj, "clk", 0, &d1->obj, "clk", 0, NULL));
    g_assert_cmpuint(d1->freq, ==, 50000000);
    pin_set(&s->clk, 100000000);
    g_assert_cmpuint(d1->freq, ==, 100000000);
}

static void test_listing(void)
{
    setup();
    pin_connect(&s->obj, "irq", 1, &d1->obj, "in", 3, NULL);
    pin_connect(&s->obj, "clk", 0, &d1->obj, "clk", 0, NULL);
    json_t *l = pin_list_connections(&d1->obj);
    g_autofree char *txt = json_dumps(l, JSON_COMPACT);
    json_decref(l);
    g_assert_cmpstr(txt, ==,
        "[{\"from\":\"/src:irq[1]\",\"to\":\"/d1:in[3]\",\"kind\":\"irq\"},"
        "{\"from\":\"/src:clk\",\"to\":\"/d1:clk\",\"kind\":\"clock\"}]");
    l = pin_list_connections(&s->obj);
    g_assert_cmpuint(json_array_size(l), ==, 2);
    json_decref(l);
}

static void test_disconnect_and_destroy(void)
{
    setup();
    Error *err = NULL;
    pin_connect(&s->obj, "irq", 0, &d1->obj, "in", 0, NULL);
    pin_connect(&s->obj, "irq", 0, &d2->obj, "in", 0, NULL);
    g_assert_true(pin_disconnect(&s->obj, "irq", 0, &d1->obj, "in", 0, &err));
    g_assert_false(pin_disconnect(&s->obj, "irq", 0, &d1->obj, "in", 0, &err));
    error_free(err);
    g_assert_null(d1->obj.refs);
    pin_raise(&s->irq[0]);
    g_assert_cmpuint(d1->level[0], ==, 0);
    g_assert_cmpuint(d2->level[0], ==, 1);

    /* destroying a sink removes it from the output */
    object_destroy(&d2->obj);
    g_assert_cmpuint(s->irq[0].nsinks, ==, 0);
    pin_lower(&s->irq[0]);   /* must not touch the destroyed object */

    /* destroying a source removes its references from the sinks */
    pin_connect(&s->obj, "irq", 1, &d1->obj, "in", 1, NULL);
    object_destroy(&s->obj);
    g_assert_null(d1->obj.refs);
}

static void test_connect_by_path(void)
{
    setup();
    Error *err = NULL;
    g_assert_true(pin_connect_path(&s->obj, "/src:irq[1]", "/d2:in[5]", &err));
    g_assert_true(pin_connect_path(&s->obj, "/src:clk", "../d1:clk", &err));
    pin_raise(&s->irq[1]);
    g_assert_cmpuint(d2->level[5], ==, 1);
    pin_set(&s->clk, 32768);
    g_assert_cmpuint(d1->freq, ==, 32768);
    g_assert_false(pin_connect_path(&s->obj, "/nope:irq", "/d1:in", &err));
    g_assert_cmpstr(err->msg, ==, "Device '/nope' not found");
    error_free(err);
    err = NULL;
    g_assert_false(pin_connect_path(&s->obj, "/src", "/d1:in", &err));
    g_assert_cmpstr(err->msg, ==, "'/src' is not a pin end (PATH:PIN or PATH:PIN[N])");
    error_free(err);
}

static void test_ref_parse(void)
{
    char *name;
    uint32_t n;
    Error *err = NULL;
    g_assert_true(pin_ref_parse("irq[12]", &name, &n, NULL));
    g_assert_cmpstr(name, ==, "irq");
    g_assert_cmpuint(n, ==, 12);
    g_free(name);
    g_assert_true(pin_ref_parse("clk", &name, &n, NULL));
    g_assert_cmpstr(name, ==, "clk");
    g_assert_cmpuint(n, ==, 0);
    g_free(name);
    g_assert_false(pin_ref_parse("irq[x]", &name, &n, &err));
    g_assert_nonnull(err);
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pin/fanout", test_fanout);
    g_test_add_func("/pin/errors", test_errors);
    g_test_add_func("/pin/clock-on-connect", test_clock_delivered_on_connect);
    g_test_add_func("/pin/listing", test_listing);
    g_test_add_func("/pin/disconnect-and-destroy", test_disconnect_and_destroy);
    g_test_add_func("/pin/ref-parse", test_ref_parse);
    g_test_add_func("/pin/connect-by-path", test_connect_by_path);
    int rc = g_test_run();
    if (root) {
        object_destroy(root);
    }
    return rc;
}
