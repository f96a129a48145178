// The LAPACK routines Legate calls, declared with the Fortran calling convention (all arguments by pointer).
// Declared here rather than through lapacke.h so that only liblapack-dev is needed.
//
// gfortran passes the length of every CHARACTER argument as a hidden trailing `size_t`. Declaring those lengths
// matters: a Fortran routine compiled with sibling-call optimisation may reuse the caller's stack slots for them, and
// a caller that did not reserve the slots gets its stack overwritten (the LAPACK_FORTRAN_STRLEN_END issue, LAPACK
// 3.9.1). Implementations written in C (OpenBLAS's own dpotrf) ignore the extra arguments, so passing them is safe
// for every provider of liblapack.
#ifndef LEGATE_CLAPACK_SHIM_H
#define LEGATE_CLAPACK_SHIM_H

#include <stddef.h>

/// Cholesky factorisation of a symmetric positive definite matrix (column-major).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_length);

/// Eigenvalues and eigenvectors of a symmetric matrix (column-major), for repairing a correlation matrix.
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info, size_t jobz_length, size_t uplo_length);

#endif
