/* Every type of src/hw, in one greppable list (DESIGN.md §4).
 * SPDX-License-Identifier: MIT */
#include "hw/types.h"
#include "hw/core/device.h"

extern const TypeInfo ram_type, rom_type, memory_alias_type, or_irq_type;
extern const TypeInfo ns16550a_type, sifive_test_type, loader_type;
extern const TypeInfo riscv_clint_type, riscv_plic_type, device_tree_type;
extern const TypeInfo riscv_reset_rom_type, cmsdk_apb_uart_type;
extern const TypeInfo cmsdk_apb_timer_type, cmsdk_apb_dualtimer_type;
extern const TypeInfo mps2_scc_type, mps2_fpgaio_type;
extern const TypeInfo hemu_mailbox_type, hemu_reset_controller_type;

const TypeInfo *const hw_types[] = {
    &device_type,
    &ram_type,
    &rom_type,
    &memory_alias_type,
    &or_irq_type,
    &ns16550a_type,
    &sifive_test_type,
    &loader_type,
    &riscv_clint_type,
    &riscv_plic_type,
    &device_tree_type,
    &riscv_reset_rom_type,
    &cmsdk_apb_uart_type,
    &cmsdk_apb_timer_type,
    &cmsdk_apb_dualtimer_type,
    &mps2_scc_type,
    &mps2_fpgaio_type,
    &hemu_mailbox_type,
    &hemu_reset_controller_type,
    NULL,
};
