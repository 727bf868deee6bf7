/* SPDX-License-Identifier: GPL-2.0 */
/* scope-gen: shared helpers of the renderers. */
#ifndef __SCOPE_GEN_H
#define __SCOPE_GEN_H

#include <stdio.h>
#include "scope.h"

#define GEN_MAX_CTX	128
#define GEN_MAX_BASES	256

unsigned int gen_fail_mask(const char *base, const char *ctx, unsigned int *present,
			   unsigned int by_verdict[SCX_ABSENT + 1]);
void gen_kernels_str(unsigned int mask, char *buf, size_t len);

void gen_allowed_list(const char *base, const char **ctx, size_t nctx, char *buf, size_t len);

int gen_header(FILE *f);
int gen_runtime(FILE *f, char (*bases)[SCX_BASE_LEN], size_t nb, const char **ctx, size_t nctx);
int gen_markdown(FILE *f);

#endif /* __SCOPE_GEN_H */
