/* The "machine" object type: the root of a board's objects, at /machine.
 * Machine type NAME is the QOM type "NAME-machine": built in here, or
 * defined by a description (desc.c).
 * SPDX-License-Identifier: MIT */
#include "machine/machine.h"

static const PropDef machine_props[] = {
    { .name = "name", .type = PROP_T_STR, .flags = PROP_F_READONLY,
      .offset = PROP_FIELD(Machine, name, char *),
      .doc = "the machine type's name, as -M takes it" },
    PROP_END
};

static void machine_exit_in(Object *obj, unsigned n, uint64_t v)
{
    Machine *m = (Machine *)obj;
    if (v & MACHINE_EXIT_VALID) {
        m->exit_requested = true;
        m->exit_status = (uint8_t)v;
    }
}

static void machine_reset_request_in(Object *obj, unsigned n, uint64_t v)
{
    if (v) {
        ((Machine *)obj)->reset_requested = true;
    }
}

static const PinDef machine_pins[] = {
    PIN_IN1("exit", PIN_GPIO, machine_exit_in,
            "0x100 | status ends the run: hemu exits with that status (a "
            "test finisher or power controller drives it)."),
    PIN_IN1("reset-request", PIN_RESET, machine_reset_request_in,
            "A rising edge resets the machine, as system_reset does."),
    PIN_END
};

static const TypeInfo machine_type = {
    .name = TYPE_MACHINE,
    .parent = "container",
    .abstract = true,
    .instance_size = sizeof(Machine),
    .props = machine_props,
    .pins = machine_pins,
    .doc = "A machine: the root of a board's objects, at /machine. Devices "
           "added without a parent go to /machine/peripheral.",
};

/* The built-in machine types: "NAME-machine" is machine NAME, as in QEMU. */
static const TypeInfo none_machine_type = {
    .name = "none-machine",
    .parent = TYPE_MACHINE,
    .doc = "empty machine: no CPUs, no memory, no devices",
};

const TypeInfo *const machine_types[] = { &machine_type, &none_machine_type, NULL };
