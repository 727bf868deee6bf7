// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for lib/verifier_log and the ejection decoding of lib/diag_exit.
 * See docs/fuzzing.md.
 *
 * The input is taken as a verifier log (any bytes, no terminating NUL: the parser must not
 * read past SIZE) and as an exit message, whose decoding for one kernel of the scope table
 * (picked by the input) is printed into /dev/null.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "scope.h"
#include "verifier_log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scx_diag_kernel kern = { .k = 0 };
	char msg[SCX_EXIT_MSG_LEN];
	struct scx_eject e;
	struct scx_vlog v;
	size_t n;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (scx_vlog_parse((const char *)data, size, &v))
		abort();
	/* every field is terminated within its buffer */
	if (strnlen(v.kfunc, sizeof(v.kfunc)) == sizeof(v.kfunc) ||
	    strnlen(v.error, sizeof(v.error)) == sizeof(v.error) ||
	    strnlen(v.src.text, sizeof(v.src.text)) == sizeof(v.src.text) ||
	    v.error_off > size || v.block_off > size)
		abort();
	scx_vlog_tail((const char *)data, size, (unsigned int)(size % 64));

	n = size < sizeof(msg) - 1 ? size : sizeof(msg) - 1;
	memcpy(msg, data, n);
	msg[n] = '\0';
	scx_eject_parse((const char *)data, size, &e);
	/* one kernel per input, chosen by it: every kernel's tables get their turn */
	kern.k = (int)((size + (size ? data[0] : 0)) % scx_nr_kernels);
	scx_diag_exit("fuzz", SCX_EXIT_KIND_ERROR, msg, NULL, &kern, sink);
	return 0;
}
