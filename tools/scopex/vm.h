/* SPDX-License-Identifier: GPL-2.0 */
/* scopex vm's parts: the host side (vm.c) and the guest's init script (vm_init.c). */
#ifndef __SCOPEX_VM_H
#define __SCOPEX_VM_H

/* What the guest's init prints on ttyS0 right before it starts the command. */
#define VM_READY_WORD	"SCOPEX-GUEST-READY"

/*
 * Write DIR/init: the guest's init, which runs CMD (NULL-terminated) in the current
 * directory. Returns 0 or a negative errno.
 */
int vm_write_init(const char *dir, char *const *cmd);

#endif /* __SCOPEX_VM_H */
