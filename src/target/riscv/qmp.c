/* The RISC-V target's QMP commands (qapi/riscv.json): shown by
 * query-commands only where the target applies (docs/qapi.md "Targets").
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "target/riscv/cpu.h"

static const char *const priv_names[] = { "user", "supervisor", NULL, "machine" };

static json_t *hart_state(RiscvCpu *cpu, int index)
{
    static const struct { const char *name; unsigned csr; } csrs[] = {
        { "mstatus", 0x300 }, { "mie", 0x304 }, { "mip", 0x344 },
        { "mtvec", 0x305 }, { "mepc", 0x341 }, { "mcause", 0x342 },
        { "mtval", 0x343 }, { "satp", 0x180 },
    };
    g_autofree char *path = object_path(&cpu->base.obj);
    json_t *s = json_pack("{s:i, s:s, s:I, s:o, s:s, s:b, s:b, s:I}",
        "cpu-index", index, "qom-path", path,
        "hartid", (json_int_t)cpu->hartid, "pc", cpu_reg_json(cpu->pc),
        "priv", priv_names[cpu->priv & 3], "halted", cpu->base.halted,
        "in-reset", object_held_in_reset(&cpu->base.obj),
        "instret", (json_int_t)cpu->base.retired);
    for (size_t i = 0; i < G_N_ELEMENTS(csrs); i++) {
        uint64_t v = 0;
        rv_csr_read(cpu, csrs[i].csr, &v);
        json_object_set_new(s, csrs[i].name, cpu_reg_json(v));
    }
    return s;
}

static json_t *qmp_query_riscv_cpu_state(Object *machine, json_t *args,
                                         Error **errp)
{
    g_autoptr(GArray) index = g_array_new(false, false, sizeof(int));
    g_autoptr(GPtrArray) cpus = cpu_select(machine, args, "riscv",
                                           "a RISC-V hart", index, errp);
    if (!cpus) {
        return NULL;
    }
    json_t *list = json_array();
    for (guint i = 0; i < cpus->len; i++) {
        json_array_append_new(list, hart_state(cpus->pdata[i],
                                               g_array_index(index, int, i)));
    }
    return list;
}

const CpuQmpCommand riscv_qmp_commands[] = {
    { "query-riscv-cpu-state", qmp_query_riscv_cpu_state },
    { NULL, NULL },
};
