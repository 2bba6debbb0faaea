/* Private helpers shared by every module (prefix tthc__). Not installed. */
#ifndef TTHC_CORE_INTERNAL_H
#define TTHC_CORE_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tthc/core.h"

/* Error paths one line long: return @p st when @p cond holds. */
#define TTHC_RETURN_IF(cond, st) \
  do {                           \
    if (cond) return (st);       \
  } while (0)

/* Propagate a non-OK status. */
#define TTHC_TRY(expr)                 \
  do {                                 \
    tthc_status tthc__st_ = (expr);    \
    if (tthc__st_ != TTHC_OK) return tthc__st_; \
  } while (0)

/* Fill @p err (may be NULL) and return @p st. line/column 0 and offset -1 mean unknown. */
tthc_status tthc__error_set(tthc_error *err, tthc_status st, int32_t line, int32_t column,
                            int64_t offset, const char *fmt, ...) TTHC_PRINTF(6, 7);
/* Set the 0-based record of an error just filled and return @p st (the status of the
 * tthc__error_set() call given as the argument): `return tthc__error_record(err, rec,
 * tthc__error_set(err, …));`. tthc__error_set() always resets the record to -1: it never reads
 * the caller's (possibly uninitialised) tthc_error. */
static inline tthc_status tthc__error_record(tthc_error *err, int64_t record, tthc_status st) {
  if (err) err->record = record;
  return st;
}
tthc_status tthc__error_vset(tthc_error *err, tthc_status st, int32_t line, int32_t column,
                             int64_t offset, const char *fmt, va_list ap) TTHC_PRINTF(6, 0);

/* Quote at most @p max bytes of @p s (length @p len) for an error message into @p out
 * (capacity @p cap): printable ASCII and valid UTF-8 are kept, other bytes become \xNN, and an
 * ellipsis marks truncation. Always NUL-terminates (cap >= 8). */
void tthc__quote(char *out, size_t cap, const char *s, size_t len, size_t max);

/* 1 if the @p n bytes at @p s are valid UTF-8 (no overlongs, surrogates or NUL bytes), else 0. */
int tthc__utf8_valid(const char *s, size_t n);
/* What tthc__utf8_decode() stores for an invalid sequence. */
#define TTHC__UTF8_INVALID UINT32_MAX

/* Decode the UTF-8 sequence at @p s (@p n > 0 bytes available) into *cp and return its length
 * (always >= 1). An invalid sequence (overlong, surrogate, out of range, truncated) stores
 * TTHC__UTF8_INVALID and returns the length of its maximal subpart (Unicode 15 §3.9, U+FFFD
 * substitution of maximal subparts), so a caller replacing it with U+FFFD or reporting its
 * offset moves on correctly. */
size_t tthc__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Number of code points in the first @p n bytes of @p s (invalid bytes count one each). */
int32_t tthc__utf8_columns(const char *s, size_t n);

/* Append @p n bytes of @p s and a NUL to a growable pool (*pool of *cap bytes, *len used):
 * *off receives the offset of the copy. The pool doubles as needed and never exceeds 4 GiB
 * (offsets are 32-bit). Returns TTHC_ENOMEM on failure (the pool is then unchanged). */
tthc_status tthc__pool_add(char **pool, size_t *len, size_t *cap, const char *s, size_t n,
                           uint32_t *off);

/* Stable sort of an index array with a comparator that gets a context (C11 qsort has none).
 * Returns TTHC_ENOMEM if the scratch buffer cannot be allocated (idx is then unchanged). */
tthc_status tthc__sort_index(size_t *idx, size_t n, int (*cmp)(size_t a, size_t b, void *ctx),
                             void *ctx);

/* Overflow-checked arithmetic: true on overflow. */
static inline bool tthc__add_i64(int64_t a, int64_t b, int64_t *out) {
  return __builtin_add_overflow(a, b, out);
}
static inline bool tthc__mul_i64(int64_t a, int64_t b, int64_t *out) {
  return __builtin_mul_overflow(a, b, out);
}

/* Floor division and modulo for possibly negative numerators (b > 0). */
static inline int64_t tthc__floordiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
static inline int64_t tthc__floormod(int64_t a, int64_t b) {
  int64_t m = a % b;
  return (m != 0 && ((m < 0) != (b < 0))) ? m + b : m;
}

#endif
