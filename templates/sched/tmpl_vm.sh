#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest (meson test NAME-vm-KERNEL, registered by tests/vm/meson.build for every
# scheduler that has a scheds/NAME/NAME_vm.sh): tmpl under the stress-ng mix of
# tests/vm/sched_stress.sh for 20 s: enabled as "tmpl", never ejected, dispatched what
# it enqueued, detached cleanly on SIGINT.
#   tmpl_vm.sh TMPL_BINARY
set -u
exec "$(dirname "$0")/../../tests/vm/sched_stress.sh" 20 "$1:tmpl"
