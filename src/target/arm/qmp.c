/* The Arm target's QMP commands (qapi/arm.json): shown by query-commands
 * only where the target applies (docs/qapi.md "Targets").
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "target/arm/cpu.h"

/* The exception numbers whose flag is set in flags[], from first on; IRQs
 * as IRQ numbers (exception number - 16) when irq. */
static json_t *exc_list(const ArmCpu *cpu, const uint8_t *flags, unsigned first,
                        bool irq)
{
    json_t *list = json_array();
    for (unsigned e = first; e < ARM_EXC_IRQ0 + cpu->num_irq; e++) {
        if (flags[e]) {
            json_array_append_new(list, json_integer(irq ? e - ARM_EXC_IRQ0 : e));
        }
    }
    return list;
}

static json_t *cpu_state(ArmCpu *cpu, int index)
{
    g_autofree char *path = object_path(&cpu->base.obj);
    bool psp = arm_uses_psp(cpu);
    return json_pack("{s:i, s:s, s:o, s:o, s:b, s:i, s:b, s:o, s:o, s:o, s:b,"
                     " s:b, s:i, s:o, s:b, s:b, s:o, s:o, s:o, s:I}",
        "cpu-index", index, "qom-path", path,
        "pc", cpu_reg_json(cpu->pc), "xpsr", cpu_reg_json(arm_xpsr(cpu)),
        "handler", cpu->handler, "exception", (int)cpu->ipsr,
        "privileged", arm_privileged(cpu),
        "msp", cpu_reg_json(psp ? cpu->sp_other : cpu->r[13]),
        "psp", cpu_reg_json(psp ? cpu->r[13] : cpu->sp_other),
        "control", cpu_reg_json((uint32_t)cpu->npriv | (uint32_t)cpu->spsel << 1),
        "primask", cpu->primask, "faultmask", cpu->faultmask,
        "basepri", (int)cpu->basepri, "vtor", cpu_reg_json(cpu->vtor),
        "halted", cpu->base.halted,
        "in-reset", object_held_in_reset(&cpu->base.obj),
        "enabled", exc_list(cpu, cpu->enabled, ARM_EXC_IRQ0, true),
        "pending", exc_list(cpu, cpu->pending, 1, false),
        "active", exc_list(cpu, cpu->active, 1, false),
        "instret", (json_int_t)cpu->base.retired);
}

static json_t *qmp_query_arm_cpu_state(Object *machine, json_t *args,
                                       Error **errp)
{
    g_autoptr(GArray) index = g_array_new(false, false, sizeof(int));
    g_autoptr(GPtrArray) cpus = cpu_select(machine, args, "arm", "an Arm CPU",
                                           index, errp);
    if (!cpus) {
        return NULL;
    }
    json_t *list = json_array();
    for (guint i = 0; i < cpus->len; i++) {
        json_array_append_new(list, cpu_state(cpus->pdata[i],
                                              g_array_index(index, int, i)));
    }
    return list;
}

const CpuQmpCommand arm_qmp_commands[] = {
    { "query-arm-cpu-state", qmp_query_arm_cpu_state },
    { NULL, NULL },
};
