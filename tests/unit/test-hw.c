/* Unit tests for the small device models of src/hw that have no memory
 * interface: or-irq (levels in, OR out, lines limited by num-lines).
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "hw/core/device.h"
#include "hw/types.h"
#include "memory/memory.h"

typedef struct TSrc {
    Object obj;
    Pin line[3];
} TSrc;

static const PinDef tsrc_pins[] = {
    PIN_OUT_N("line", PIN_IRQ, TSrc, line, 3, "test lines"),
    PIN_END
};

static const TypeInfo tsrc_type = {
    .name = "test-src", .parent = "object", .doc = "drives test lines",
    .instance_size = sizeof(TSrc), .pins = tsrc_pins,
};
static const TypeInfo *const test_types[] = { &tsrc_type, NULL };

static uint64_t out_level(Object *gate)
{
    uint64_t v = 99;
    g_assert_true(pin_get(gate, "out", 0, &v, NULL));
    return v;
}

static void test_or_irq(void)
{
    Object *root = object_new_root();
    TSrc *src = (TSrc *)object_new_child(root, "test-src", "src", NULL);
    Object *gate = object_new_child(root, "or-irq", "gate", NULL);
    g_assert_true(object_prop_set_str(gate, "num-lines", "2", NULL));
    g_assert_true(object_realize(gate, NULL));
    g_assert_true(pin_connect_path(root, "src:line[0]", "gate:in[0]", NULL));
    g_assert_true(pin_connect_path(root, "src:line[1]", "gate:in[1]", NULL));

    Error *err = NULL;
    g_assert_false(pin_connect_path(root, "src:line[2]", "gate:in[2]", &err));
    g_assert_nonnull(strstr(err->msg, "line 2"));
    error_free(err);

    g_assert_cmpuint(out_level(gate), ==, 0);
    pin_raise(&src->line[0]);
    g_assert_cmpuint(out_level(gate), ==, 1);
    pin_raise(&src->line[1]);
    pin_lower(&src->line[0]);
    g_assert_cmpuint(out_level(gate), ==, 1);
    pin_lower(&src->line[1]);
    g_assert_cmpuint(out_level(gate), ==, 0);

    /* a level held across reset is still seen */
    pin_raise(&src->line[1]);
    object_reset(gate);
    g_assert_cmpuint(out_level(gate), ==, 1);
    object_destroy(root);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_true(type_registry_init((const TypeInfo *const *const[]){
        core_types, memory_types, hw_types, test_types, NULL }, NULL));
    g_test_add_func("/hw/or-irq", test_or_irq);
    return g_test_run();
}
