// The LAPACK routines Legate calls, declared with the Fortran calling convention (all arguments by pointer).
// Declared here rather than through lapacke.h so that only liblapack-dev is needed.
#ifndef LEGATE_CLAPACK_SHIM_H
#define LEGATE_CLAPACK_SHIM_H

/// Cholesky factorisation of a symmetric positive definite matrix (column-major).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);

/// Eigenvalues and eigenvectors of a symmetric matrix (column-major), for repairing a correlation matrix.
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info);

#endif
