/* The "cpu-cluster" type (see cluster.c).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_EXEC_CLUSTER_H
#define HEMU_EXEC_CLUSTER_H

#include <stdint.h>

#include "core/object.h"

#define TYPE_CPU_CLUSTER "cpu-cluster"

typedef struct CpuCluster {
    Object obj;
    int64_t id;
} CpuCluster;

/* The cluster obj belongs to (its nearest cpu-cluster ancestor), or NULL. */
CpuCluster *cpu_cluster_of(Object *obj);

extern const TypeInfo cpu_cluster_type;

#endif
