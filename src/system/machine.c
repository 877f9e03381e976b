/* Machines: the object at /machine that a board's parts hang under, and the
 * built-in machine types. Today there is one, "none", the empty machine
 * every build has; boards written as data come with machine descriptions.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "system/system.h"

typedef struct MachineDef {
    const char *name;
    const char *doc;
} MachineDef;

static const MachineDef machines[] = {
    { "none", "empty machine: no CPUs, no memory, no devices" },
    { NULL, NULL }
};

static const MachineDef *machine_find(const char *name)
{
    for (const MachineDef *m = machines; m->name; m++) {
        if (!strcmp(m->name, name)) {
            return m;
        }
    }
    return NULL;
}

bool system_machine_create(System *sys, const char *name, Error **errp)
{
    const MachineDef *def = machine_find(name);
    if (!def) {
        const char *names[G_N_ELEMENTS(machines)];
        size_t n = 0;
        for (const MachineDef *m = machines; m->name; m++) {
            names[n++] = m->name;
        }
        g_autofree char *hint = suggest_hint(suggest_name(name, names, n));
        error_setg(errp, "unsupported machine type '%s'%s; use -machine "
                   "help to list supported machines", name, hint);
        return false;
    }
    if (sys->machine) {
        error_setg(errp, "a machine exists already");
        return false;
    }
    Object *m = object_new_child(sys->root, "machine", "machine", errp);
    if (!m) {
        return false;
    }
    if (!object_prop_set_str(m, "name", def->name, errp) ||
        !object_new_child(m, "container", "peripheral", errp)) {
        object_destroy(m);
        return false;
    }
    sys->machine = m;
    system_set_state(sys, RUN_STATE_MACHINE_CREATED);
    return true;
}

json_t *system_machine_list(void)
{
    json_t *list = json_array();
    for (const MachineDef *m = machines; m->name; m++) {
        json_array_append_new(list, json_pack("{s:s, s:s}", "name", m->name,
                                              "description", m->doc));
    }
    return list;
}

/* ---- the machine object ------------------------------------------------ */

typedef struct Machine {
    Object obj;
    char *name;
} Machine;

static const PropDef machine_props[] = {
    PROP_STR("name", Machine, name, NULL, "the machine type's name, as -M takes it"),
    PROP_END
};

static const TypeInfo machine_type = {
    .name = "machine",
    .parent = "container",
    .instance_size = sizeof(Machine),
    .props = machine_props,
    .doc = "A machine: the root of a board's objects, at /machine. Devices "
           "added without a parent go to /machine/peripheral.",
};

const TypeInfo *const system_types[] = { &machine_type, NULL };
