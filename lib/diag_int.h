/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the diagnostics' files (diag.c, diag_proto.c); not part of the library's API. */
#ifndef __SCOPEX_DIAG_INT_H
#define __SCOPEX_DIAG_INT_H
#include <stdio.h>
#include "diag.h"
#include "kfunc_btf.h"
#include "scope.h"

struct btf;

#define DIAG_LIST_LEN	512

typedef enum scx_verdict (*diag_verdict_fn)(int k, const char *ctx, const char *kfunc);

/* "ops.init()", "syscall programs", "this program" (CTX ""). */
const char *diag_ctx_str(const char *ctx, char *buf, size_t len);
/* "ops.dispatch(), syscall programs": where KFUNC is allowed on K by VERDICT. */
void diag_allowed_list(int k, const char *kfunc, diag_verdict_fn verdict, char *buf, size_t len);

/*
 * How the kernel holds the kfunc libbpf resolves extern NAME to (its last ___flavour off,
 * left in BUF): from BTF when given (the running kernel's), else from the scope table's
 * row for kernel K.
 */
enum scx_btf_kfunc diag_kfunc_state(const struct btf *btf, int k, const char *name, char *buf,
				    size_t len);
/*
 * After the location prefix: kfunc KNAME cannot be called on this build (no _impl
 * prototype); REFUSAL says who refused it (the verifier's or libbpf's words).
 */
void diag_no_proto(FILE *out, const struct scx_diag_kernel *kern, const struct btf *btf,
		   const char *ctx, const char *kname, const char *refusal);
/*
 * libbpf refused a kfunc declaration before any program was loaded ("extern (func ksym)
 * 'X': func_proto [N] incompatible with vmlinux [M]", in F->libbpf_msg): explain it and
 * return true, or return false if F holds no such message.
 */
bool diag_extern_failure(const struct scx_load_failure *f, const struct scx_diag_kernel *kern,
			 FILE *out);

#endif /* __SCOPEX_DIAG_INT_H */
