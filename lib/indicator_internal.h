/* Private parts of the indicator module shared by indicator.c and indicator_score.c. */
#ifndef TTHC_INDICATOR_INTERNAL_H
#define TTHC_INDICATOR_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core_internal.h"
#include "dossier_internal.h"
#include "tthc/indicator.h"

/* Histogram of processing times: whole minutes below 64, then 32 bins per doubling of the
 * minutes, up to 2^36 minutes (larger values fall in the last bin). Stored in chunks of 32 bins
 * allocated on first use. */
#define TTHC__HIST_CHUNKS 32
#define TTHC__HIST_CHUNK 32

typedef struct tthc__group {
  uint32_t unit, field, proc;
  int32_t period; /* first day of the period, 0 when the period is not a key */
  int64_t c[TTHC__COUNT_N];
  int64_t eval_sum[9], eval_n[9];
  int64_t t_count, t_sum, t_min, t_max;
  int64_t t_budgeted, t_used_b, t_budget;
  int64_t *exact; /* timed values (in no order) while t_count <= TTHC_AGG_EXACT_VALUES, else NULL */
  uint64_t **hist; /* TTHC__HIST_CHUNKS chunk pointers, allocated with the first chunk */
} tthc__group;

/* Aggregate without any fast path (working time straight from tthc_hours_between, histogram
 * increments applied at once): the reference the fast paths are tested against. Results are
 * the same either way. */
void tthc__agg_general(tthc_agg *a, bool on);

/* Rate of group g (for indicator_score.c). */
void tthc__group_rate(const tthc__group *g, int id, tthc_rate *out);

/* The key flags of an aggregate (tthc_agg_keys). */
unsigned tthc__agg_keys(const tthc_agg *a);

/* The group at sorted position i, or NULL. */
const tthc__group *tthc__agg_group_at(const tthc_agg *a, size_t i);
/* The same with a status: EINVAL (NULL a), ERANGE (no such group), ENOMEM. */
tthc_status tthc__agg_group_get(const tthc_agg *a, size_t i, const tthc__group **g);
/* The group of @p by whose key is that of group @p i of @p a with procedure @p proc (by's other
 * keys and period kind those of a): found by hashing, NULL if by has no such group. */
const tthc__group *tthc__agg_group_like(const tthc_agg *by, const tthc_agg *a, size_t i,
                                        const char *proc);

#endif
