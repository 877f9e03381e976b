/* The abstract base type "cpu" (see cpu.h): its properties, its reset
 * input, and what every target shares.
 * SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>
#include <glib.h>

#include "exec/cpu.h"

bool cpu_runnable(const Cpu *cpu)
{
    return object_is_realized(&cpu->obj) && !cpu->halted &&
           !object_held_in_reset(&cpu->obj);
}

static void cpu_reset(Object *obj)
{
    Cpu *cpu = (Cpu *)obj;
    cpu->halted = false;
    cpu->exit_request = false;
    const CpuOps *ops = cpu_ops(cpu);
    if (ops && ops->set_pc) {
        ops->set_pc(cpu, cpu->reset_pc);
    }
}

static bool cpu_realize(Object *obj, Error **errp)
{
    Cpu *cpu = (Cpu *)obj;
    if (!cpu->as) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: set 'address-space' to the address space the "
                   "CPU sees", path);
        return false;
    }
    cpu->retired = cpu->ahead = cpu->frac = 0;
    return true;
}

static const PropDef cpu_props[] = {
    PROP_LINK("address-space", Cpu, as_link, "address-space",
              "The address space the CPU's loads, stores and fetches go to."),
    PROP_UINT64_RANGE("clock-frequency", Cpu, freq, 1000000000, 1, 100000000000ULL,
                      "Instructions per second of virtual time (Hz)."),
    { .name = "reset-vector", .type = PROP_T_UINT64, .flags = PROP_F_RUNTIME,
      .offset = PROP_FIELD(Cpu, reset_pc, uint64_t),
      .doc = "The program counter after reset (settable at run time, e.g. "
             "by a loader: it applies at the next reset)." },
    PROP_END
};

static const PinDef cpu_pins[] = {
    PIN_IN1("reset", PIN_RESET, object_reset_input,
            "Reset input: the CPU resets when it rises and stays stopped "
            "while it is high."),
    PIN_END
};

const TypeInfo cpu_type = {
    .name = TYPE_CPU,
    .parent = "object",
    .abstract = true,
    .doc = "The base of CPUs: an address space it sees, a clock frequency "
           "that turns retired instructions into virtual time, a reset "
           "vector and a reset input.",
    .instance_size = sizeof(Cpu),
    .props = cpu_props,
    .pins = cpu_pins,
    .reset = cpu_reset,
    .realize = cpu_realize,
};

static void collect(Object *obj, GPtrArray *out)
{
    OBJECT_FOREACH_CHILD(obj, c) {
        if (object_is_a(c, TYPE_CPU)) {
            g_ptr_array_add(out, c);
        }
        collect(c, out);
    }
}

GPtrArray *cpu_list(Object *root)
{
    GPtrArray *out = g_ptr_array_new();
    if (root) {
        collect(root, out);
    }
    return out;
}

bool target_matches(const char *target, const char *family)
{
    size_t n = strlen(family);
    if (!target || strncmp(target, family, n)) {
        return false;
    }
    for (const char *p = target + n; *p; p++) {
        if (!g_ascii_isdigit(*p)) {
            return false;
        }
    }
    return true;
}

GPtrArray *cpu_select(Object *machine, json_t *args, const char *family,
                      const char *what, GArray *index, Error **errp)
{
    g_autoptr(GPtrArray) all = cpu_list(machine);
    json_t *want = json_object_get(args, "cpu-index");
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; i < all->len; i++) {
        Object *c = all->pdata[i];
        if (want && json_integer_value(want) != (json_int_t)i) {
            continue;
        }
        bool match = target_matches(type_target(c->type), family);
        if (want && !match) {
            g_autofree char *path = object_path(c);
            error_setg(errp, "CPU %u (%s) is not %s", i, path, what);
            g_ptr_array_unref(out);
            return NULL;
        }
        if (match) {
            int n = (int)i;
            g_ptr_array_add(out, c);
            g_array_append_val(index, n);
        }
    }
    if (want && !out->len) {
        error_setg(errp, "there is no CPU %" JSON_INTEGER_FORMAT " (the machine "
                   "has %u)", json_integer_value(want), all->len);
        g_ptr_array_unref(out);
        return NULL;
    }
    return out;
}

json_t *cpu_reg_json(uint64_t v)
{
    return json_sprintf("0x%" PRIx64, v);
}
