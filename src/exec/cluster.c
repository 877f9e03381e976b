/* "cpu-cluster": a group of CPUs that share a view of memory, firmware and
 * a reset (DESIGN.md §4, §6). Its children are the cores (and, by
 * convention, the address space they see and their loaders). Holding its
 * "reset" input high holds every CPU below it in reset (cpu_runnable);
 * releasing it lets them start from their reset vector. CPUs of one
 * cluster share a target; clusters of different targets coexist in one
 * machine. query-cpus-fast reports a CPU's cluster-id.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "exec/cpu.h"
#include "exec/cluster.h"

static bool cluster_realize(Object *obj, Error **errp)
{
    g_autoptr(GPtrArray) cpus = cpu_list(obj);
    const char *first = cpus->len ? type_target(((Object *)cpus->pdata[0])->type) : NULL;
    for (guint i = 1; i < cpus->len; i++) {
        Object *c = cpus->pdata[i];
        const char *t = type_target(c->type);
        if (strcmp(t, first)) {
            g_autofree char *path = object_path(c);
            error_setg(errp, "%s (target %s) is in a cluster of %s CPUs (put "
                       "CPUs of different targets in different clusters)", path,
                       t, first);
            return false;
        }
    }
    return true;
}

static const PropDef cluster_props[] = {
    PROP_INT("cluster-id", CpuCluster, id, 0, 0, 255,
             "The cluster's number: query-cpus-fast reports it as the "
             "'cluster-id' of its CPUs."),
    PROP_END
};

static const PinDef cluster_pins[] = {
    PIN_IN1("reset", PIN_RESET, object_reset_input,
            "Reset input: raising it resets the cluster's CPUs and devices; "
            "its CPUs stay stopped while it is high."),
    PIN_END
};

const TypeInfo cpu_cluster_type = {
    .name = TYPE_CPU_CLUSTER,
    .parent = "object",
    .doc = "A group of CPUs of one target with a common reset input; its "
           "children are the CPUs, the address space they see and their "
           "loaders.",
    .instance_size = sizeof(CpuCluster),
    .props = cluster_props,
    .pins = cluster_pins,
    .realize = cluster_realize,
};

CpuCluster *cpu_cluster_of(Object *obj)
{
    for (Object *o = obj->parent; o; o = o->parent) {
        if (object_is_a(o, TYPE_CPU_CLUSTER)) {
            return (CpuCluster *)o;
        }
    }
    return NULL;
}
