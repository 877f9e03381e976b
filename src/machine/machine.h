/* Machines written as data: the "machine" object type, machine
 * descriptions (load, compile to a plan of commands), the machine search
 * path, and export of a live machine back to a description.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MACHINE_MACHINE_H
#define HEMU_MACHINE_MACHINE_H

#include <glib.h>
#include <jansson.h>

#include "core/object.h"

#define TYPE_MACHINE "machine"

/* /machine. A machine type defined by a description derives from it and
 * adds one read-only property per parameter (storage after the struct). */
typedef struct Machine {
    Object obj;
    char *name;
    /* requests from the guest through the input pins, taken by the run
     * loop: "exit" (a status) and "reset-request" */
    bool exit_requested;
    uint8_t exit_status;
    bool reset_requested;
} Machine;

/* What the "exit" input carries: MACHINE_EXIT_VALID | status. */
#define MACHINE_EXIT_VALID 0x100

extern const TypeInfo *const machine_types[];

/* ---- descriptions (desc.c) ---------------------------------------------- */

typedef struct MachineDesc MachineDesc;

/* Read a description with the files it extends and includes. Errors name
 * file:line:col. */
MachineDesc *mdesc_load(const char *path, Error **errp);
void mdesc_free(MachineDesc *d);
/* The machine type's name (the file's 'machine'), its doc, its file. */
const char *mdesc_name(const MachineDesc *d);
const char *mdesc_doc(const MachineDesc *d);
const char *mdesc_file(const MachineDesc *d);
/* The parameters as qom-list-properties shows properties:
 * [{name, type, description, default-value?}]. */
json_t *mdesc_params_info(const MachineDesc *d);
/* The most CPUs a machine of d can have (query-machines' cpu-max): the
 * maximum of its "cpus" parameter (what -smp sets) if it has one, else the
 * CPUs it has with its default parameters. */
int64_t mdesc_cpu_max(const MachineDesc *d);
/* Register (or replace) the QOM type of d's machines, "NAME-machine"
 * (parent "machine"; a read-only property per parameter); returns its
 * name. No machine of the old type may exist. */
const char *mdesc_register_type(MachineDesc *d, Error **errp);

/* A plan: the commands a description compiles to, each with the place in
 * the files it comes from. */
typedef struct MachinePlan {
    json_t *cmds;          /* [{"execute": NAME, "arguments": {...}}] */
    GArray *pos;           /* where each command comes from (private) */
    const MachineDesc *desc;
} MachinePlan;

/* Compile d for the parameter values params (an object with a typed value
 * for every parameter) into plan, whose commands build the machine's parts
 * under /machine, attached and not realized. Unknown types, properties,
 * pins, regions, names and paths are found here, with file:line:col and
 * the object path. */
bool mdesc_compile(const MachineDesc *d, json_t *params, MachinePlan *plan,
                   Error **errp);
void machine_plan_clear(MachinePlan *plan);
/* "file:line:col" of command i of plan (its description must still be
 * loaded); a new string. */
char *machine_plan_where(const MachinePlan *plan, size_t i);

/* ---- the machine search path (desc.c) ----------------------------------- */

/* The folders searched for NAME.json, NAME.yaml, NAME.yml, in order: the
 * machines/ of the source tree hemu was built from, the installed copy
 * (PREFIX/share/hemu/machines), $HEMU_MACHINE_PATH (':'-separated), then
 * $XDG_CONFIG_HOME/hemu/machines (default ~/.config/hemu/machines). */
GPtrArray *mdesc_search_dirs(void);
/* The file of machine name, or NULL. */
char *mdesc_find(const char *name);
/* Every machine of the search path that loads: [{name, description, file,
 * params}] sorted by name; a name found twice is listed once (the first). */
json_t *mdesc_list(void);

/* ---- export (export.c) -------------------------------------------------- */

/* The live machine as a description (JSON value): its parameters with
 * their current values as defaults, every object not created by a parent's
 * expand hook, with its type and the properties that differ from their
 * defaults, the connections and the memory maps. Loading it builds the
 * same tree. */
json_t *machine_export(Object *machine);
/* The same drawn for graphviz: composition tree, memory maps, wires. */
char *machine_export_dot(Object *machine);

#endif
