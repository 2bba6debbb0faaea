/* indicator: mergeable aggregates of dossiers, counts, rates, processing-time statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_internal.h"
#include "indicator_internal.h"

/* ======================================================================================== */
/* Names                                                                                      */
/* ======================================================================================== */

static const char *const count_names[TTHC__COUNT_N] = {
#define TTHC__COUNT_STR(name, num, str, doc) [(num)] = (str),
    TTHC_COUNT_MAP(TTHC__COUNT_STR)
#undef TTHC__COUNT_STR
};

static const char *const rate_names[TTHC__RATE_N] = {
#define TTHC__RATE_STR(name, num, str, doc) [(num)] = (str),
    TTHC_RATE_MAP(TTHC__RATE_STR)
#undef TTHC__RATE_STR
};

const char *tthc_count_name(int id) {
  return id >= 0 && id < TTHC__COUNT_N ? count_names[id] : NULL;
}

const char *tthc_rate_name(int id) { return id >= 0 && id < TTHC__RATE_N ? rate_names[id] : NULL; }

static tthc_status from_name(const char *const *names, int n, const char *name, int *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = -1;
  TTHC_RETURN_IF(!name, TTHC_EINVAL);
  for (int i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0) {
      *out = i;
      return TTHC_OK;
    }
  return TTHC_ENOTFOUND;
}

tthc_status tthc_count_from_name(const char *name, int *out) {
  return from_name(count_names, TTHC__COUNT_N, name, out);
}

tthc_status tthc_rate_from_name(const char *name, int *out) {
  return from_name(rate_names, TTHC__RATE_N, name, out);
}

/* ======================================================================================== */
/* Rates                                                                                      */
/* ======================================================================================== */

#define C(x) TTHC_COUNT_##x
/* numerator and denominator of each ratio rate as lists of counts (-1 ends a list) */
static const struct {
  signed char num[5], den[2];
} rate_def[TTHC__RATE_N] = {
    [TTHC_RATE_ON_TIME_766] = {{C(EARLY), C(ON_TIME), C(ON_TRACK), C(CLOSED_IN_TIME), -1},
                               {C(ACCEPTED), -1}},
    [TTHC_RATE_RESOLVED_ON_TIME] = {{C(EARLY), C(ON_TIME), -1}, {C(RESOLVED), -1}},
    [TTHC_RATE_EARLY_RATE] = {{C(EARLY), -1}, {C(RESOLVED), -1}},
    [TTHC_RATE_LATE_RATE] = {{C(LATE), -1}, {C(RESOLVED), -1}},
    [TTHC_RATE_LATE_766] = {{C(LATE), C(OVERDUE), C(CLOSED_LATE), -1}, {C(ACCEPTED), -1}},
    [TTHC_RATE_OVERDUE_RATE] = {{C(OVERDUE), -1}, {C(IN_PROGRESS), -1}},
    [TTHC_RATE_REFUSED_RATE] = {{C(REFUSED), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_WITHDRAWN_RATE] = {{C(WITHDRAWN), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_PAUSED_RATE] = {{C(PAUSED), -1}, {C(ACCEPTED), -1}},
    [TTHC_RATE_SUPPLEMENTED_RATE] = {{C(SUPPLEMENTED), -1}, {C(ACCEPTED), -1}},
    [TTHC_RATE_ONLINE_RATE] = {{C(ONLINE), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_ONLINE_FULL_RATE] = {{C(ONLINE_FULL), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_ONLINE_766_RATE] = {{C(ONLINE_766), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_DIRECT_RATE] = {{C(DIRECT), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_POSTAL_RATE] = {{C(POSTAL), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_PAID_ONLINE_RATE] = {{C(PAID_ONLINE), -1}, {C(FEE_BEARING), -1}},
    [TTHC_RATE_DIGITISED_RATE] = {{C(DIGITISED), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_DIGITISED_766_RATE] = {{C(DIGITISED_766), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_E_RESULT_RATE] = {{C(E_RESULT), -1}, {C(RESULT_DOCUMENT), -1}},
    [TTHC_RATE_RESULT_ELECTRONIC_RATE] = {{C(RESULT_ELECTRONIC), -1}, {C(RESOLVED), -1}},
    [TTHC_RATE_RESULT_DIGITISED_RATE] = {{C(RESULT_DIGITISED), -1}, {C(RESOLVED), -1}},
    [TTHC_RATE_REUSE_RATE] = {{C(REUSED), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_VNEID_RATE] = {{C(VNEID), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_DISLIKED_RATE] = {{C(DISLIKED), -1}, {C(RECEIVED), -1}},
    [TTHC_RATE_SAME_DAY_RATE] = {{C(SAME_DAY), -1}, {C(FOUR_AT_PLACE), -1}},
    [TTHC_RATE_APOLOGY_IN_TIME_RATE] = {{-1}, {C(APOLOGY_ISSUED), -1}}, /* special */
    [TTHC_RATE_FB_CLASSIFIED_RATE] = {{C(FB_CLASSIFIED), -1}, {C(FB_RECEIVED), -1}},
    [TTHC_RATE_FB_ON_TIME_RATE] = {{C(FB_ON_TIME), -1}, {C(FB_RECEIVED), -1}},
    [TTHC_RATE_FB_SATISFIED_RATE] = {{C(FB_SATISFIED), -1}, {C(FB_RECEIVED), -1}},
    [TTHC_RATE_SATISFACTION_766] = {{-1}, {-1}}, /* special */
};

static void make_rate(int64_t num, int64_t den, tthc_rate *out) {
  out->num = num;
  out->den = den;
  out->applicable = den > 0;
  out->value = den > 0 ? (double)num / (double)den : 0.0;
}

void tthc__group_rate(const tthc__group *g, int id, tthc_rate *out) {
  const int64_t *c = g->c;
  if (id == TTHC_RATE_APOLOGY_IN_TIME_RATE) {
    make_rate(c[C(APOLOGY_ISSUED)] - c[C(APOLOGY_LATE)], c[C(APOLOGY_ISSUED)], out);
    return;
  }
  if (id == TTHC_RATE_SATISFACTION_766) {
    /* 1 − (L/A + D/R) = (A·R − L·R − D·A) / (A·R), floored at 0 */
    int64_t A = c[C(ACCEPTED)], R = c[C(RECEIVED)];
    int64_t L = c[C(LATE)] + c[C(OVERDUE)] + c[C(CLOSED_LATE)], D = c[C(DISLIKED)];
    if (A == 0 || R == 0) {
      make_rate(0, 0, out);
      return;
    }
    int64_t den, num, t1, t2;
    if (tthc__mul_i64(A, R, &den) || tthc__mul_i64(L, R, &t1) || tthc__mul_i64(D, A, &t2)) {
      /* astronomically large groups: fall back to a scaled fraction */
      double v = 1.0 - ((double)L / (double)A + (double)D / (double)R);
      if (v < 0) v = 0;
      make_rate((int64_t)(v * 1e9 + 0.5), 1000000000, out);
      return;
    }
    num = den - t1 - t2;
    if (num < 0) num = 0;
    make_rate(num, den, out);
    return;
  }
  int64_t num = 0, den = 0;
  for (int k = 0; k < 5 && rate_def[id].num[k] >= 0; k++) num += c[(int)rate_def[id].num[k]];
  for (int k = 0; k < 2 && rate_def[id].den[k] >= 0; k++) den += c[(int)rate_def[id].den[k]];
  make_rate(num, den, out);
}
#undef C

/* ======================================================================================== */
/* Interned strings                                                                           */
/* ======================================================================================== */

typedef struct strtab {
  char *arena;
  size_t alen, acap;
  uint32_t *off; /* id -> offset */
  uint32_t *len;
  uint32_t n, cap;
  uint32_t *slots; /* open addressing: id + 1, 0 empty */
  uint32_t nslots; /* power of two */
} strtab;

static uint64_t load8(const char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  return w;
}

/* Eight bytes at a time, the last eight overlapping (the keys are short: unit, field and
 * procedure names). */
static uint64_t hash_bytes(const char *s, size_t n) {
  const uint64_t k = 0xFF51AFD7ED558CCDull;
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) h = (h ^ load8(s + i)) * k, h ^= h >> 32;
    h = (h ^ load8(s + n - 8)) * k;
  } else {
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++) w = w << 8 | (unsigned char)s[i];
    h = (h ^ w) * k;
  }
  h ^= h >> 33; /* every input bit reaches the low bits the tables use */
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

/* n bytes at a and b are equal (a short key compared in words where it can). */
static bool bytes_eq(const char *a, const char *b, size_t n) {
  if (n < 8 || n > 16) return memcmp(a, b, n) == 0;
  return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
}

static const char *str_get(const strtab *t, uint32_t id) { return t->arena + t->off[id]; }

static tthc_status str_rehash(strtab *t, uint32_t nslots) {
  uint32_t *s = calloc(nslots, sizeof *s);
  TTHC_RETURN_IF(!s, TTHC_ENOMEM);
  for (uint32_t id = 0; id < t->n; id++) {
    uint64_t h = hash_bytes(t->arena + t->off[id], t->len[id]);
    uint32_t i = (uint32_t)h & (nslots - 1);
    while (s[i]) i = (i + 1) & (nslots - 1);
    s[i] = id + 1;
  }
  free(t->slots);
  t->slots = s;
  t->nslots = nslots;
  return TTHC_OK;
}

/* Id of (s, n), adding it if new. Id 0 is "". */
static tthc_status str_intern(strtab *t, const char *s, size_t n, uint32_t *id) {
  if (n == 0) {
    *id = 0;
    return TTHC_OK;
  }
  uint64_t h = hash_bytes(s, n);
  uint32_t i = (uint32_t)h & (t->nslots - 1);
  while (t->slots[i]) {
    uint32_t cand = t->slots[i] - 1;
    if (t->len[cand] == n && bytes_eq(t->arena + t->off[cand], s, n)) {
      *id = cand;
      return TTHC_OK;
    }
    i = (i + 1) & (t->nslots - 1);
  }
  if (t->n == t->cap) {
    uint32_t cap = t->cap * 2;
    uint32_t *o = realloc(t->off, cap * sizeof *o);
    TTHC_RETURN_IF(!o, TTHC_ENOMEM);
    t->off = o;
    uint32_t *l = realloc(t->len, cap * sizeof *l);
    TTHC_RETURN_IF(!l, TTHC_ENOMEM);
    t->len = l;
    t->cap = cap;
  }
  uint32_t off;
  TTHC_TRY(tthc__pool_add(&t->arena, &t->alen, &t->acap, s, n, &off));
  t->off[t->n] = off;
  t->len[t->n] = (uint32_t)n;
  *id = t->n++;
  t->slots[i] = *id + 1;
  if (t->n * 2 > t->nslots) TTHC_TRY(str_rehash(t, t->nslots * 2));
  return TTHC_OK;
}

static tthc_status str_init(strtab *t) {
  memset(t, 0, sizeof *t);
  t->acap = 256;
  t->cap = 16;
  t->arena = malloc(t->acap);
  t->off = malloc(t->cap * sizeof *t->off);
  t->len = malloc(t->cap * sizeof *t->len);
  if (!t->arena || !t->off || !t->len) return TTHC_ENOMEM;
  t->arena[0] = '\0';
  t->alen = 1;
  t->off[0] = 0;
  t->len[0] = 0;
  t->n = 1;
  return str_rehash(t, 64);
}

static void str_free(strtab *t) {
  free(t->arena);
  free(t->off);
  free(t->len);
  free(t->slots);
}

/* ======================================================================================== */
/* The aggregate                                                                              */
/* ======================================================================================== */

/* Length of the queue of histogram increments (hist_queue). */
#define TTHC__HQ 16

/* A group's key. */
typedef struct tthc__gkey {
  uint32_t unit, field, proc;
  int32_t period;
} tthc__gkey;

struct tthc_agg {
  unsigned keys;
  int period;
  tthc_datetime as_of;
  unsigned policy;
  bool has_clock;
  tthc_dossier_clock clock_src;
  tthc__clock clock;
  const tthc_catalog *catalog;
  int64_t skipped[4];
  int64_t added; /* dossiers and feedback counted */
  strtab strs;
  tthc__group *g;
  tthc__gkey *gkeys; /* the groups' keys again, packed: lookups touch no group */
  size_t ng, gcap;
  uint32_t *slots; /* open addressing: group index + 1 */
  size_t nslots;
  /* sorted order (rebuilt lazily) */
  size_t *order;
  bool dirty;
  /* periods met so far, sorted by first day (a binary search replaces the calendar
   * arithmetic for all but the first dossier of each period) */
  int32_t *pstart, *pend;
  size_t np, pcap;
  bool general; /* tthc__agg_general(): no working-time cache, no queue */
  /* histogram increments not applied yet (hist_queue) */
  uint32_t hq_group[TTHC__HQ];
  uint16_t hq_bin[TTHC__HQ];
  unsigned hq_head, hq_n;
  /* catalog cache by procedure string id: 0 unknown, 1 looked up */
  const tthc_proc **proc_cache;
  uint8_t *proc_looked;
  size_t proc_cap;
};

static tthc_status hist_flush(const tthc_agg *ca);

#define ALL_KEYS 15u
#define ALL_POLICIES 7u

tthc_status tthc_agg_new(unsigned keys, int period, tthc_datetime as_of, tthc_agg **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(keys & ~ALL_KEYS, TTHC_EINVAL);
  if (keys & TTHC_BY_PERIOD) {
    TTHC_RETURN_IF(period < TTHC_PERIOD_DAY || period > TTHC_PERIOD_YEAR, TTHC_EINVAL);
  } else {
    period = 0;
  }
  TTHC_RETURN_IF(tthc_datetime_split(as_of, NULL, NULL, NULL, NULL) != TTHC_OK, TTHC_ERANGE);
  tthc_agg *a = calloc(1, sizeof *a);
  TTHC_RETURN_IF(!a, TTHC_ENOMEM);
  a->keys = keys;
  a->period = period;
  a->as_of = as_of;
  a->nslots = 64;
  a->slots = calloc(a->nslots, sizeof *a->slots);
  if (!a->slots || str_init(&a->strs) != TTHC_OK) {
    tthc_agg_free(a);
    return TTHC_ENOMEM;
  }
  *out = a;
  return TTHC_OK;
}

static void group_release(tthc__group *g) {
  free(g->exact);
  g->exact = NULL;
  if (g->hist)
    for (int i = 0; i < TTHC__HIST_CHUNKS; i++) free(g->hist[i]);
  free(g->hist);
  g->hist = NULL;
}

void tthc_agg_free(tthc_agg *a) {
  if (!a) return;
  for (size_t i = 0; i < a->ng; i++) group_release(&a->g[i]);
  free(a->g);
  free(a->gkeys);
  free(a->slots);
  free(a->order);
  free(a->proc_cache);
  free(a->proc_looked);
  free(a->pstart);
  free(a->pend);
  str_free(&a->strs);
  tthc__clock_free(&a->clock);
  free(a);
}

static bool agg_empty(const tthc_agg *a) {
  return a->ng == 0 && a->skipped[0] + a->skipped[1] + a->skipped[2] + a->skipped[3] == 0;
}

tthc_status tthc_agg_set_policy(tthc_agg *a, unsigned policy) {
  TTHC_RETURN_IF(!a || (policy & ~ALL_POLICIES), TTHC_EINVAL);
  TTHC_RETURN_IF(!agg_empty(a), TTHC_ESTATE);
  a->policy = policy;
  if (a->has_clock) { /* the clock's supplementation setting follows the policy */
    tthc__clock_free(&a->clock);
    TTHC_TRY(tthc__clock_init(&a->clock, &a->clock_src, policy));
    if (!a->general) TTHC_TRY(tthc__clock_cache(&a->clock));
  }
  return TTHC_OK;
}

tthc_status tthc_agg_set_clock(tthc_agg *a, const tthc_dossier_clock *clock) {
  TTHC_RETURN_IF(!a || (clock && !clock->cal), TTHC_EINVAL);
  TTHC_RETURN_IF(!agg_empty(a), TTHC_ESTATE);
  tthc__clock_free(&a->clock);
  a->has_clock = false;
  if (!clock) return TTHC_OK;
  a->clock_src = *clock;
  TTHC_TRY(tthc__clock_init(&a->clock, &a->clock_src, a->policy));
  if (!a->general) TTHC_TRY(tthc__clock_cache(&a->clock));
  a->has_clock = true;
  return TTHC_OK;
}

void tthc__agg_general(tthc_agg *a, bool on) {
  a->general = on;
  if (on) {
    (void)hist_flush(a); /* what fails to apply stays queued for the next reader */
    tthc__hours_cache_free(a->clock.cache);
    a->clock.cache = NULL;
  } else if (a->has_clock) {
    tthc__clock_cache(&a->clock); /* without the cache (no memory) it is only slower */
  }
}

tthc_status tthc_agg_set_catalog(tthc_agg *a, const tthc_catalog *catalog) {
  TTHC_RETURN_IF(!a, TTHC_EINVAL);
  TTHC_RETURN_IF(!agg_empty(a), TTHC_ESTATE);
  a->catalog = catalog;
  return TTHC_OK;
}

int64_t tthc_agg_skipped(const tthc_agg *a, int reason) {
  return a && reason >= 0 && reason < 4 ? a->skipped[reason] : 0;
}

/* ---- periods ----------------------------------------------------------------------------- */

static tthc_date ymd(int y, int m, int d) {
  tthc_date r = 0;
  tthc_date_from_ymd(y, m, d, &r);
  return r;
}

/* First and last day of the period holding d, and its label. */
static void period_of(int period, tthc_date d, tthc_date *start, tthc_date *end, char label[16]) {
  int y, m, dd;
  tthc_date_to_ymd(d, &y, &m, &dd);
  switch (period) {
    case TTHC_PERIOD_DAY:
      *start = *end = d;
      if (label) snprintf(label, 16, "%04d-%02d-%02d", y, m, dd);
      return;
    case TTHC_PERIOD_WEEK: {
      int iy, wk;
      tthc_date_iso_week(d, &iy, &wk);
      *start = d - (tthc_date_weekday(d) - 1);
      *end = *start + 6;
      if (label) snprintf(label, 16, "%04d-W%02d", iy, wk);
      return;
    }
    case TTHC_PERIOD_MONTH:
      *start = ymd(y, m, 1);
      *end = ymd(y, m, tthc_date_days_in_month(y, m));
      if (label) snprintf(label, 16, "%04d-%02d", y, m);
      return;
    case TTHC_PERIOD_QUARTER: {
      int q = (m - 1) / 3;
      *start = ymd(y, 3 * q + 1, 1);
      *end = ymd(y, 3 * q + 3, tthc_date_days_in_month(y, 3 * q + 3));
      if (label) snprintf(label, 16, "%04d-Q%d", y % 10000, (q & 3) + 1);
      return;
    }
    case TTHC_PERIOD_YEAR:
      *start = ymd(y, 1, 1);
      *end = ymd(y, 12, 31);
      if (label) snprintf(label, 16, "%04d", y);
      return;
    default:
      *start = *end = 0;
      if (label) label[0] = '\0';
  }
}

/* First day of the period holding d, through the table of periods met so far. */
static tthc_status period_start(tthc_agg *a, tthc_date d, int32_t *out) {
  size_t lo = 0; /* the first period starting after d: a branch-free binary search */
  if (a->np) {
    const int32_t *base = a->pstart;
    for (size_t n = a->np; n > 1; n -= n / 2) base = base[n / 2] <= d ? base + n / 2 : base;
    lo = (size_t)(base - a->pstart) + (*base <= d);
  }
  if (lo > 0 && d <= a->pend[lo - 1]) {
    *out = a->pstart[lo - 1];
    return TTHC_OK;
  }
  tthc_date s, e;
  period_of(a->period, d, &s, &e, NULL);
  if (a->np == a->pcap) {
    size_t cap = a->pcap ? a->pcap * 2 : 16;
    int32_t *ps = realloc(a->pstart, cap * sizeof *ps);
    TTHC_RETURN_IF(!ps, TTHC_ENOMEM);
    a->pstart = ps;
    int32_t *pe = realloc(a->pend, cap * sizeof *pe);
    TTHC_RETURN_IF(!pe, TTHC_ENOMEM);
    a->pend = pe;
    a->pcap = cap;
  }
  memmove(a->pstart + lo + 1, a->pstart + lo, (a->np - lo) * sizeof *a->pstart);
  memmove(a->pend + lo + 1, a->pend + lo, (a->np - lo) * sizeof *a->pend);
  a->pstart[lo] = s;
  a->pend[lo] = e;
  a->np++;
  *out = s;
  return TTHC_OK;
}

/* ---- groups ------------------------------------------------------------------------------ */

static uint64_t key_hash(uint32_t u, uint32_t f, uint32_t p, int32_t per) {
  uint64_t h = ((uint64_t)u * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)f * 0xC2B2AE3D27D4EB4Full) ^
               ((uint64_t)p * 0x165667B19E3779F9ull) ^ ((uint64_t)(uint32_t)per * 0x27D4EB2F165667C5ull);
  return h ^ (h >> 31);
}

static tthc_status slots_rehash(tthc_agg *a, size_t nslots) {
  uint32_t *s = calloc(nslots, sizeof *s);
  TTHC_RETURN_IF(!s, TTHC_ENOMEM);
  for (size_t gi = 0; gi < a->ng; gi++) {
    const tthc__gkey *k = &a->gkeys[gi];
    size_t i = key_hash(k->unit, k->field, k->proc, k->period) & (nslots - 1);
    while (s[i]) i = (i + 1) & (nslots - 1);
    s[i] = (uint32_t)gi + 1;
  }
  free(a->slots);
  a->slots = s;
  a->nslots = nslots;
  return TTHC_OK;
}

/* The slot of the group with this key, or of the empty slot where it would go. */
static size_t group_slot(const tthc_agg *a, uint32_t u, uint32_t f, uint32_t p, int32_t per) {
  size_t i = key_hash(u, f, p, per) & (a->nslots - 1);
  while (a->slots[i]) {
    const tthc__gkey *k = &a->gkeys[a->slots[i] - 1];
    if (k->unit == u && k->field == f && k->proc == p && k->period == per) return i;
    i = (i + 1) & (a->nslots - 1);
  }
  return i;
}

/* Ask for group g's memory ahead of its use (a hint; nothing happens without the builtin). */
static void group_prefetch(const tthc__group *g) {
#if defined(__GNUC__)
  const char *p = (const char *)g;
  for (size_t off = 0; off < sizeof *g; off += 64) __builtin_prefetch(p + off, 1);
#else
  (void)g;
#endif
}

/* The group with this key, created if needed (*created = 1). On failure nothing changed: the
 * arrays grow before the group is inserted. */
static tthc_status group_get(tthc_agg *a, uint32_t u, uint32_t f, uint32_t p, int32_t per,
                             tthc__group **out, int *created) {
  *created = 0;
  size_t i = group_slot(a, u, f, p, per);
  if (a->slots[i]) {
    *out = &a->g[a->slots[i] - 1];
    return TTHC_OK;
  }
  TTHC_RETURN_IF(a->ng >= UINT32_MAX - 1, TTHC_ENOMEM);
  if (a->ng == a->gcap) {
    size_t cap = a->gcap ? a->gcap * 2 : 16;
    tthc__group *g = realloc(a->g, cap * sizeof *g);
    TTHC_RETURN_IF(!g, TTHC_ENOMEM);
    a->g = g;
    tthc__gkey *k = realloc(a->gkeys, cap * sizeof *k);
    TTHC_RETURN_IF(!k, TTHC_ENOMEM);
    a->gkeys = k;
    a->gcap = cap;
  }
  if ((a->ng + 1) * 2 > a->nslots) {
    TTHC_TRY(slots_rehash(a, a->nslots * 2));
    i = key_hash(u, f, p, per) & (a->nslots - 1);
    while (a->slots[i]) i = (i + 1) & (a->nslots - 1);
  }
  tthc__group *g = &a->g[a->ng];
  memset(g, 0, sizeof *g);
  g->unit = u, g->field = f, g->proc = p, g->period = per;
  a->gkeys[a->ng] = (tthc__gkey){u, f, p, per};
  a->slots[i] = (uint32_t)a->ng + 1;
  a->ng++;
  a->dirty = true;
  *created = 1;
  *out = g;
  return TTHC_OK;
}

/* Undo the creation of the last group (nothing was counted into it). The last group inserted
 * ends every probe chain it is on, so its slot can be emptied. */
static void group_drop_last(tthc_agg *a) {
  const tthc__gkey *k = &a->gkeys[a->ng - 1];
  size_t i = key_hash(k->unit, k->field, k->proc, k->period) & (a->nslots - 1);
  while (a->slots[i] != a->ng) i = (i + 1) & (a->nslots - 1);
  a->slots[i] = 0;
  a->ng--;
}

static int cmp_group(const tthc_agg *a, const tthc__group *x, const tthc__group *y) {
  int c = strcmp(str_get(&a->strs, x->unit), str_get(&a->strs, y->unit));
  if (!c) c = strcmp(str_get(&a->strs, x->field), str_get(&a->strs, y->field));
  if (!c) c = strcmp(str_get(&a->strs, x->proc), str_get(&a->strs, y->proc));
  if (!c) c = (x->period > y->period) - (x->period < y->period);
  return c;
}

static int cmp_group_idx(size_t x, size_t y, void *ctx) {
  const tthc_agg *a = ctx;
  return cmp_group(a, &a->g[x], &a->g[y]);
}

/* Rebuild the sorted order of the groups. */
static tthc_status sort_order(tthc_agg *a) {
  size_t n = a->ng;
  size_t *o = realloc(a->order, (n ? n : 1) * sizeof *o);
  TTHC_RETURN_IF(!o, TTHC_ENOMEM);
  a->order = o;
  for (size_t i = 0; i < n; i++) o[i] = i;
  TTHC_TRY(tthc__sort_index(o, n, cmp_group_idx, a));
  a->dirty = false;
  return TTHC_OK;
}

unsigned tthc__agg_keys(const tthc_agg *a) { return a->keys; }

const tthc__group *tthc__agg_group_at(const tthc_agg *a, size_t i) {
  if (!a || i >= a->ng) return NULL;
  tthc_agg *m = (tthc_agg *)a; /* the sorted order is a cache */
  if (m->dirty && sort_order(m) != TTHC_OK) return NULL;
  if (hist_flush(a) != TTHC_OK) return NULL;
  return &a->g[a->order[i]];
}

tthc_status tthc__agg_group_get(const tthc_agg *a, size_t i, const tthc__group **g) {
  *g = NULL;
  TTHC_RETURN_IF(!a, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= a->ng, TTHC_ERANGE);
  *g = tthc__agg_group_at(a, i);
  return *g ? TTHC_OK : TTHC_ENOMEM;
}

size_t tthc_agg_group_count(const tthc_agg *a) { return a ? a->ng : 0; }

/* Id of (s, n) in t without adding it; false if t does not hold it. */
static bool str_find(const strtab *t, const char *s, size_t n, uint32_t *id) {
  if (n == 0) return *id = 0, true;
  uint32_t i = (uint32_t)hash_bytes(s, n) & (t->nslots - 1);
  for (; t->slots[i]; i = (i + 1) & (t->nslots - 1)) {
    uint32_t cand = t->slots[i] - 1;
    if (t->len[cand] == n && bytes_eq(t->arena + t->off[cand], s, n)) return *id = cand, true;
  }
  return false;
}

const tthc__group *tthc__agg_group_like(const tthc_agg *by, const tthc_agg *a, size_t i,
                                        const char *proc) {
  const tthc__group *g = tthc__agg_group_at(a, i);
  if (!g || !by || by->period != a->period || hist_flush(by) != TTHC_OK) return NULL;
  const char *unit = str_get(&a->strs, g->unit), *field = str_get(&a->strs, g->field);
  uint32_t u = 0, f = 0, p = 0;
  if (((by->keys & TTHC_BY_UNIT) && !str_find(&by->strs, unit, strlen(unit), &u)) ||
      ((by->keys & TTHC_BY_FIELD) && !str_find(&by->strs, field, strlen(field), &f)) ||
      ((by->keys & TTHC_BY_PROCEDURE) && !str_find(&by->strs, proc, strlen(proc), &p)))
    return NULL;
  size_t slot = group_slot(by, u, f, p, (by->keys & TTHC_BY_PERIOD) ? g->period : 0);
  return by->slots[slot] ? &by->g[by->slots[slot] - 1] : NULL;
}

/* ---- processing-time statistics ---------------------------------------------------------- */

/* Bin of a duration in seconds, and the bin's bounds in seconds [lo, hi). */
static int hist_bin(int64_t v) {
  int64_t m = v < 0 ? 0 : v / 60;
  if (m < 64) return (int)m;
  int k = 63 - __builtin_clzll((unsigned long long)m);
  if (k > 36) return TTHC__HIST_CHUNKS * TTHC__HIST_CHUNK - 1;
  int sub = (int)((m >> (k - 5)) - 32);
  int bin = 64 + (k - 6) * 32 + sub;
  return bin < TTHC__HIST_CHUNKS * TTHC__HIST_CHUNK ? bin : TTHC__HIST_CHUNKS * TTHC__HIST_CHUNK - 1;
}

static void bin_bounds(int bin, int64_t *lo, int64_t *hi) {
  if (bin < 64) {
    *lo = (int64_t)bin * 60;
    *hi = *lo + 60;
    return;
  }
  int k = (bin - 64) / 32 + 6, sub = (bin - 64) % 32;
  *lo = ((int64_t)(32 + sub) << (k - 5)) * 60;
  *hi = ((int64_t)(33 + sub) << (k - 5)) * 60;
}

/* Allocate the histogram chunk of bin (zeroed: a chunk left unused changes nothing). */
static tthc_status hist_reserve(tthc__group *g, int bin) {
  int c = bin / TTHC__HIST_CHUNK;
  if (!g->hist) {
    g->hist = calloc(TTHC__HIST_CHUNKS, sizeof *g->hist);
    TTHC_RETURN_IF(!g->hist, TTHC_ENOMEM);
  }
  if (!g->hist[c]) {
    g->hist[c] = calloc(TTHC__HIST_CHUNK, sizeof **g->hist);
    TTHC_RETURN_IF(!g->hist[c], TTHC_ENOMEM);
  }
  return TTHC_OK;
}

/* Count into a reserved bin (hist_reserve() made its chunk; the check is for the analyzer,
 * which cannot follow that). */
static void hist_put(tthc__group *g, int bin, uint64_t count) {
  uint64_t *chunk = g->hist ? g->hist[bin / TTHC__HIST_CHUNK] : NULL;
  if (chunk) chunk[bin % TTHC__HIST_CHUNK] += count;
}

static tthc_status hist_add(tthc__group *g, int bin, uint64_t count) {
  TTHC_TRY(hist_reserve(g, bin));
  hist_put(g, bin, count);
  return TTHC_OK;
}

/* Move the exact values of g into its histogram: all chunks are allocated first, so a failure
 * leaves the values where they were (never counted twice). */
static tthc_status to_hist(tthc__group *g, int64_t nvalues) {
  for (int64_t i = 0; i < nvalues; i++) TTHC_TRY(hist_reserve(g, hist_bin(g->exact[i])));
  for (int64_t i = 0; i < nvalues; i++) hist_put(g, hist_bin(g->exact[i]), 1);
  free(g->exact);
  g->exact = NULL;
  return TTHC_OK;
}


/* Histogram increments of tthc_agg_add() wait in a short queue (a->hq) while their memory is
 * fetched: the bin's chunk pointer when queued, the bin itself half way. Every reader of a
 * histogram applies the queue first (hist_flush). */
static void hist_touch(const tthc__group *g, int bin, bool bin_too) {
#if defined(__GNUC__)
  if (!g->hist) return;
  if (!bin_too) __builtin_prefetch(&g->hist[bin / TTHC__HIST_CHUNK], 0);
  else if (g->hist[bin / TTHC__HIST_CHUNK])
    __builtin_prefetch(&g->hist[bin / TTHC__HIST_CHUNK][bin % TTHC__HIST_CHUNK], 1);
#else
  (void)g, (void)bin, (void)bin_too;
#endif
}

/* Apply the oldest queued increment. */
static tthc_status hist_pop(tthc_agg *a) {
  unsigned k = a->hq_head;
  tthc_status st = hist_add(&a->g[a->hq_group[k]], a->hq_bin[k], 1);
  if (st != TTHC_OK) return st; /* stays queued */
  a->hq_head = (k + 1) % TTHC__HQ;
  a->hq_n--;
  return TTHC_OK;
}

static tthc_status hist_queue(tthc_agg *a, size_t gi, int bin) {
  if (a->hq_n == TTHC__HQ) TTHC_TRY(hist_pop(a));
  unsigned k = (a->hq_head + a->hq_n++) % TTHC__HQ;
  a->hq_group[k] = (uint32_t)gi;
  a->hq_bin[k] = (uint16_t)bin;
  hist_touch(&a->g[gi], bin, false);
  if (a->hq_n > TTHC__HQ / 2) { /* the chunk pointer of the middle entry has arrived */
    unsigned m = (k + TTHC__HQ - TTHC__HQ / 2) % TTHC__HQ;
    hist_touch(&a->g[a->hq_group[m]], a->hq_bin[m], true);
  }
  return TTHC_OK;
}

/* Apply every queued increment (a reader is about to look at histograms). */
static tthc_status hist_flush(const tthc_agg *ca) {
  tthc_agg *a = (tthc_agg *)ca; /* the queue is a cache of pending writes */
  while (a->hq_n) TTHC_TRY(hist_pop(a));
  return TTHC_OK;
}

static tthc_status time_add(tthc_agg *a, size_t gi, int64_t v, int64_t budget) {
  tthc__group *g = &a->g[gi];
  int64_t n = g->t_count;
  if (n < TTHC_AGG_EXACT_VALUES) {
    if (!g->exact) {
      g->exact = malloc(TTHC_AGG_EXACT_VALUES * sizeof *g->exact);
      TTHC_RETURN_IF(!g->exact, TTHC_ENOMEM);
    }
    g->exact[n] = v; /* unsorted: sorted when the median is asked for */
  } else { /* on failure the group is unchanged: the bin is reserved (or room made in the
            * queue, applying its oldest increment) before the move */
    if (a->general) TTHC_TRY(hist_reserve(g, hist_bin(v)));
    else if (a->hq_n == TTHC__HQ) TTHC_TRY(hist_pop(a));
    if (g->exact) TTHC_TRY(to_hist(g, n));
    if (a->general) hist_put(g, hist_bin(v), 1);
    else TTHC_TRY(hist_queue(a, gi, hist_bin(v))); /* cannot fail: room was made above */
  }
  g->t_min = n == 0 || v < g->t_min ? v : g->t_min;
  g->t_max = n == 0 || v > g->t_max ? v : g->t_max;
  g->t_count = n + 1;
  g->t_sum += v;
  if (budget >= 0) {
    g->t_budgeted++;
    g->t_used_b += v;
    g->t_budget += budget;
  }
  return TTHC_OK;
}

/* dst += src for the time statistics (exact). */
static tthc_status time_merge(tthc__group *dst, const tthc__group *src) {
  if (src->t_count == 0) return TTHC_OK;
  int64_t total = dst->t_count + src->t_count;
  if (total <= TTHC_AGG_EXACT_VALUES) {
    if (!dst->exact) {
      dst->exact = malloc(TTHC_AGG_EXACT_VALUES * sizeof *dst->exact);
      TTHC_RETURN_IF(!dst->exact, TTHC_ENOMEM);
    }
    memcpy(dst->exact + dst->t_count, src->exact, (size_t)src->t_count * sizeof *src->exact);
  } else {
    if (dst->exact) TTHC_TRY(to_hist(dst, dst->t_count));
    if (src->exact) {
      for (int64_t i = 0; i < src->t_count; i++) TTHC_TRY(hist_add(dst, hist_bin(src->exact[i]), 1));
    } else {
      for (int c = 0; src->hist && c < TTHC__HIST_CHUNKS; c++)
        if (src->hist[c])
          for (int b = 0; b < TTHC__HIST_CHUNK; b++)
            if (src->hist[c][b]) TTHC_TRY(hist_add(dst, c * TTHC__HIST_CHUNK + b, src->hist[c][b]));
    }
  }
  dst->t_min = dst->t_count == 0 || src->t_min < dst->t_min ? src->t_min : dst->t_min;
  dst->t_max = dst->t_count == 0 || src->t_max > dst->t_max ? src->t_max : dst->t_max;
  dst->t_count = total;
  dst->t_sum += src->t_sum;
  dst->t_budgeted += src->t_budgeted;
  dst->t_used_b += src->t_used_b;
  dst->t_budget += src->t_budget;
  return TTHC_OK;
}

/* The k-th smallest (0-based) timed value's bin bounds. */
static void hist_kth(const tthc__group *g, int64_t k, int64_t *lo, int64_t *hi) {
  uint64_t seen = 0;
  for (int c = 0; g->hist && c < TTHC__HIST_CHUNKS; c++) {
    if (!g->hist[c]) continue;
    for (int b = 0; b < TTHC__HIST_CHUNK; b++) {
      seen += g->hist[c][b];
      if (seen > (uint64_t)k) {
        bin_bounds(c * TTHC__HIST_CHUNK + b, lo, hi);
        return;
      }
    }
  }
  *lo = *hi = 0;
}

/* ---- adding dossiers ----------------------------------------------------------------------- */

/* The catalog record of procedure string id p, or NULL (looked up once per procedure). */
static const tthc_proc *catalog_proc(tthc_agg *a, uint32_t p, const char *code) {
  if (!a->catalog || p == 0) return NULL;
  if (p >= a->proc_cap) {
    size_t cap = a->proc_cap ? a->proc_cap : 64;
    while (cap <= p) cap *= 2;
    /* an array of pointers: the element size is that of a pointer */
    const tthc_proc **pc =
        realloc(a->proc_cache, cap * sizeof *pc); // NOLINT(bugprone-sizeof-expression)
    if (!pc) return NULL;
    a->proc_cache = pc;
    uint8_t *pl = realloc(a->proc_looked, cap);
    if (!pl) return NULL;
    a->proc_looked = pl;
    memset(pl + a->proc_cap, 0, cap - a->proc_cap);
    a->proc_cap = cap;
  }
  if (!a->proc_looked[p]) {
    const tthc_proc *proc = NULL;
    if (tthc_catalog_get(a->catalog, code, &proc) != TTHC_OK) proc = NULL;
    a->proc_cache[p] = proc;
    a->proc_looked[p] = 1;
  }
  return a->proc_cache[p];
}

/* Fill, on a shallow copy of the dossier, what the catalog knows and the record does not. */
static void apply_catalog(tthc_agg *a, const tthc_proc *proc, tthc_dossier *v) {
  tthc_channel ch = v->channel >= 0 ? (tthc_channel)v->channel : TTHC_CHANNEL_DIRECT;
  if (!v->has_limit) {
    tthc_limit lim;
    if (tthc_proc_limit(proc, ch, &lim, NULL) == TTHC_OK) v->limit = lim, v->has_limit = true;
  }
  if (v->fee == -1) {
    size_t n = tthc_proc_fee_count(proc);
    int fee = 0;
    for (size_t i = 0; i < n; i++) {
      unsigned chans = 0;
      int64_t amount = 0;
      if (tthc_proc_fee(proc, i, &chans, NULL, &amount, NULL) == TTHC_OK &&
          (chans & (1u << ch)) && amount > 0)
        fee = 1;
    }
    v->fee = (int8_t)fee;
  }
  if (v->four == -1) {
    int eligible = 0;
    if (tthc_fourplace_check(proc, ch, tthc_catalog_rules(a->catalog), 1, &eligible, NULL) ==
        TTHC_OK)
      v->four = (int8_t)(eligible != 0);
  }
}

/* TT 01/2018 Art. 13 scores derivable from the log: index 1 (time vs limit), 3 (contacts to
 * complete the dossier) and 7 (conduct). -1 when the index does not apply. */
static int derived_score(int index, const tthc_dossier_status *s, unsigned flags) {
  bool resolved = s->category == TTHC_CAT_EARLY || s->category == TTHC_CAT_ON_TIME ||
                  s->category == TTHC_CAT_LATE;
  int timeliness = s->category == TTHC_CAT_EARLY ? 2 : s->category == TTHC_CAT_ON_TIME ? 1 : 0;
  switch (index) {
    case 1:
      return resolved ? timeliness : -1;
    case 3:
      if (s->accepted_at == TTHC_DATETIME_NONE) return -1;
      return s->supplement_rounds == 0 ? 2 : s->supplement_rounds == 1 ? 1 : 0;
    case 7:
      if (flags & TTHC_DOSSIER_FLAG_COMPLAINT) return 0;
      return resolved ? timeliness : -1;
    default:
      return -1;
  }
}

/* The counts of one dossier. Written without branches on the data (conditions are added as 0
 * or 1): which counts a dossier touches varies from one to the next. */
static void count_dossier(tthc_agg *a, tthc__group *g, const tthc_dossier *v,
                          const tthc_dossier_status *s) {
  int64_t *c = g->c;
  const tthc_datetime NONE = TTHC_DATETIME_NONE;
  const int cat = s->category;
  const int64_t acc = s->accepted_at != NONE;
  const int64_t pending = cat == TTHC_CAT_PENDING, on_track = cat == TTHC_CAT_ON_TRACK,
                overdue = cat == TTHC_CAT_OVERDUE, early = cat == TTHC_CAT_EARLY,
                on_time = cat == TTHC_CAT_ON_TIME, late = cat == TTHC_CAT_LATE,
                refused = cat == TTHC_CAT_REFUSED, withdrawn = cat == TTHC_CAT_WITHDRAWN;
  const int64_t resolved = early | on_time | late, late_or_overdue = late | overdue;
  const int64_t closed = (refused | withdrawn) & acc, in_time = s->closed_in_time != 0;
  c[TTHC_COUNT_RECEIVED]++;
  c[TTHC_COUNT_ACCEPTED] += acc;
  c[TTHC_COUNT_PENDING] += pending;
  c[TTHC_COUNT_IN_PROGRESS] += on_track | overdue;
  c[TTHC_COUNT_ON_TRACK] += on_track;
  c[TTHC_COUNT_OVERDUE] += overdue;
  c[TTHC_COUNT_RESOLVED] += resolved;
  c[TTHC_COUNT_EARLY] += early;
  c[TTHC_COUNT_ON_TIME] += on_time;
  c[TTHC_COUNT_LATE] += late;
  c[TTHC_COUNT_REFUSED] += refused;
  c[TTHC_COUNT_WITHDRAWN] += withdrawn;
  c[TTHC_COUNT_REFUSED_AT_RECEIPT] += refused & (!acc);
  c[TTHC_COUNT_CLOSED_IN_TIME] += closed & in_time;
  c[TTHC_COUNT_CLOSED_LATE] += closed & (!in_time);
  c[TTHC_COUNT_NO_DUE] += acc & (s->due == NONE);
  c[TTHC_COUNT_PAUSED] += s->pauses != 0;
  c[TTHC_COUNT_SUPPLEMENTED] += s->supplement_rounds >= 1;
  c[TTHC_COUNT_MULTI_SUPPLEMENT] += s->supplement_rounds >= 2;
  const int64_t apology = s->apology_issued != 0;
  c[TTHC_COUNT_APOLOGY_ISSUED] += apology;
  c[TTHC_COUNT_APOLOGY_LATE] += apology & (!s->apology_in_time);
  c[TTHC_COUNT_APOLOGY_OWED] += s->apology_owed != 0;
  const int64_t online = v->channel == TTHC_CHANNEL_ONLINE, postal = v->channel == TTHC_CHANNEL_POSTAL;
  const int64_t doc = v->result_doc == 1, elec = s->result_electronic != 0;
  const int64_t e766 = (!doc) | elec; /* no document result, or an electronic one */
  c[TTHC_COUNT_ONLINE] += online;
  c[TTHC_COUNT_ONLINE_FULL] += online & (v->online_kind == TTHC_ONLINE_FULL);
  c[TTHC_COUNT_ONLINE_PARTIAL] += online & (v->online_kind == TTHC_ONLINE_PARTIAL);
  c[TTHC_COUNT_ONLINE_766] += online & e766;
  c[TTHC_COUNT_ONLINE_LATE] += online & late_or_overdue;
  c[TTHC_COUNT_POSTAL] += (!online) & postal;
  c[TTHC_COUNT_DIRECT] += (!online) & (!postal);
  const int64_t fee = v->fee == 1, paid = s->paid_online != 0;
  c[TTHC_COUNT_FEE_BEARING] += fee;
  c[TTHC_COUNT_PAID_ONLINE] += fee & paid;
  c[TTHC_COUNT_PAID_ONLINE_ANY] += paid;
  const int64_t digitised = (v->flags & TTHC_DOSSIER_FLAG_DIGITISED) != 0;
  c[TTHC_COUNT_DIGITISED] += digitised;
  c[TTHC_COUNT_DIGITISED_766] += digitised & e766;
  c[TTHC_COUNT_RESULT_DOCUMENT] += doc;
  c[TTHC_COUNT_E_RESULT] += doc & elec;
  c[TTHC_COUNT_RESULT_ELECTRONIC] += resolved & elec;
  c[TTHC_COUNT_RESULT_DIGITISED] += resolved & (s->result_digitised != 0);
  c[TTHC_COUNT_REUSED] += (v->flags & TTHC_DOSSIER_FLAG_REUSED_DATA) != 0;
  c[TTHC_COUNT_VNEID] += (v->flags & TTHC_DOSSIER_FLAG_VNEID) != 0;
  c[TTHC_COUNT_DISLIKED] +=
      (v->flags & (TTHC_DOSSIER_FLAG_DISLIKED | TTHC_DOSSIER_FLAG_FEEDBACK)) != 0;
  if (v->four == 1) {
    c[TTHC_COUNT_FOUR_AT_PLACE]++;
    if (resolved && tthc_datetime_date(s->finished_at) == tthc_datetime_date(v->received_at))
      c[TTHC_COUNT_SAME_DAY]++;
  }
  /* recorded scores, else those derived from the log (indices 1, 3 and 7) */
  int derived[9] = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
  derived[0] = derived_score(1, s, v->flags);
  derived[2] = derived_score(3, s, v->flags);
  derived[6] = derived_score(7, s, v->flags);
  int64_t recorded = 0;
  for (int i = 0; i < 9; i++) {
    int sc = v->eval[i];
    recorded |= sc >= 0;
    sc = sc >= 0 ? sc : derived[i];
    g->eval_sum[i] += sc >= 0 ? sc : 0;
    g->eval_n[i] += sc >= 0;
  }
  c[TTHC_COUNT_EVALUATED] += recorded;
  (void)a;
}

tthc_status tthc_agg_add(tthc_agg *a, const tthc_dossier *d, tthc_error *err) {
  if (!a || !d) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  if (d->flags & TTHC_DOSSIER_FLAG_TEST) return a->skipped[TTHC_SKIP_TEST]++, TTHC_OK;
  if (d->flags & TTHC_DOSSIER_FLAG_CANCELLED) return a->skipped[TTHC_SKIP_CANCELLED]++, TTHC_OK;
  if (d->received_at > a->as_of) return a->skipped[TTHC_SKIP_FUTURE]++, TTHC_OK;
  size_t n;
  const char *unit = tthc__dossier_text(d, TTHC_DOSSIER_UNIT, &n);
  uint32_t u = 0, f = 0, p = 0;
  if (a->keys & TTHC_BY_UNIT) TTHC_TRY(str_intern(&a->strs, unit, n, &u));
  const char *proc = tthc__dossier_text(d, TTHC_DOSSIER_PROCEDURE, &n);
  uint32_t pid = 0;
  if (a->catalog || (a->keys & TTHC_BY_PROCEDURE)) TTHC_TRY(str_intern(&a->strs, proc, n, &pid));
  if (a->keys & TTHC_BY_PROCEDURE) p = pid;
  const tthc_proc *rec = catalog_proc(a, pid, proc);
  tthc_dossier view; /* shallow copy: the catalog fills what the record lacks */
  const tthc_dossier *vp = d;
  if (rec) {
    view = *d;
    apply_catalog(a, rec, &view);
    vp = &view;
  }
  if (a->keys & TTHC_BY_FIELD) {
    const char *field = tthc__dossier_text(d, TTHC_DOSSIER_FIELD, &n);
    if (n == 0 && rec) {
      field = tthc_proc_field_name(rec);
      if (!field || !*field) field = tthc_proc_field_code(rec);
      n = field ? strlen(field) : 0;
    }
    TTHC_TRY(str_intern(&a->strs, field, n, &f));
  }
  int32_t per = 0;
  if (a->keys & TTHC_BY_PERIOD) TTHC_TRY(period_start(a, tthc_datetime_date(d->received_at), &per));
  /* the group is counted after the evaluation: have its memory on the way meanwhile */
  size_t slot = group_slot(a, u, f, p, per);
  if (a->slots[slot]) group_prefetch(&a->g[a->slots[slot] - 1]);
  tthc_dossier_status s;
  tthc_status st = tthc__dossier_evaluate(vp, a->as_of, a->policy, a->has_clock ? &a->clock : NULL,
                                          &s);
  if (st != TTHC_OK) {
    a->skipped[TTHC_SKIP_ERROR]++;
    char q[80];
    tthc__quote(q, sizeof q, tthc__dossier_text(d, TTHC_DOSSIER_CODE, NULL),
                d->text_len[TTHC_DOSSIER_CODE], 50);
    return tthc__error_set(err, st, 0, 0, -1, "dossier %s: %s (outside the clock's calendar?)", q,
                           tthc_strerror(st));
  }
  /* all or nothing: what may fail (a new group, room for the time) comes before any count */
  tthc__group *g;
  int created;
  TTHC_TRY(group_get(a, u, f, p, per, &g, &created));
  if (s.category == TTHC_CAT_EARLY || s.category == TTHC_CAT_ON_TIME ||
      s.category == TTHC_CAT_LATE) {
    int64_t used = a->has_clock ? s.working_seconds : s.used_seconds;
    st = time_add(a, (size_t)(g - a->g), used < 0 ? 0 : used,
                  a->has_clock ? s.budget_seconds : -1);
    if (st != TTHC_OK) {
      if (created) group_drop_last(a);
      return st;
    }
  }
  count_dossier(a, g, vp, &s);
  a->added++;
  return TTHC_OK;
}

tthc_status tthc_agg_add_feedback(tthc_agg *a, const char *unit, const tthc_feedback *fb) {
  TTHC_RETURN_IF(!a || !fb, TTHC_EINVAL);
  TTHC_RETURN_IF(!a->has_clock, TTHC_ESTATE);
  TTHC_RETURN_IF(fb->received_at == TTHC_DATETIME_NONE, TTHC_EINVAL);
  if (fb->received_at > a->as_of) return a->skipped[TTHC_SKIP_FUTURE]++, TTHC_OK;
  tthc_feedback_status fs;
  TTHC_TRY(tthc_feedback_status_at(fb, a->clock.cal, a->as_of, &fs));
  uint32_t u = 0;
  if ((a->keys & TTHC_BY_UNIT) && unit) {
    size_t n = strlen(unit);
    TTHC_RETURN_IF(!tthc__utf8_valid(unit, n), TTHC_EUTF8);
    TTHC_TRY(str_intern(&a->strs, unit, n, &u));
  }
  int32_t per = 0;
  if (a->keys & TTHC_BY_PERIOD) TTHC_TRY(period_start(a, tthc_datetime_date(fb->received_at), &per));
  tthc__group *g;
  int created;
  TTHC_TRY(group_get(a, u, 0, 0, per, &g, &created));
  g->c[TTHC_COUNT_FB_RECEIVED]++;
  if (fb->classified) g->c[TTHC_COUNT_FB_CLASSIFIED]++;
  g->c[fs.on_time ? TTHC_COUNT_FB_ON_TIME : TTHC_COUNT_FB_LATE]++;
  if (fs.satisfied) g->c[TTHC_COUNT_FB_SATISFIED]++;
  a->added++;
  return TTHC_OK;
}

/* ---- merge and rollup ------------------------------------------------------------------ */

/* dst group += src group (the key is already equal). */
static tthc_status group_merge(tthc__group *dst, const tthc__group *src) {
  for (int i = 0; i < TTHC__COUNT_N; i++) dst->c[i] += src->c[i];
  for (int i = 0; i < 9; i++) dst->eval_sum[i] += src->eval_sum[i], dst->eval_n[i] += src->eval_n[i];
  return time_merge(dst, src);
}

/* Merge b's groups into a, keeping only the dimensions in `keys` (a subset of both). */
static tthc_status merge_into(tthc_agg *a, const tthc_agg *b, unsigned keys) {
  TTHC_TRY(hist_flush(b));
  for (size_t i = 0; i < b->ng; i++) {
    const tthc__group *s = &b->g[i];
    uint32_t u = 0, f = 0, p = 0;
    if (keys & TTHC_BY_UNIT)
      TTHC_TRY(str_intern(&a->strs, str_get(&b->strs, s->unit), b->strs.len[s->unit], &u));
    if (keys & TTHC_BY_FIELD)
      TTHC_TRY(str_intern(&a->strs, str_get(&b->strs, s->field), b->strs.len[s->field], &f));
    if (keys & TTHC_BY_PROCEDURE)
      TTHC_TRY(str_intern(&a->strs, str_get(&b->strs, s->proc), b->strs.len[s->proc], &p));
    tthc__group *g;
    int created;
    TTHC_TRY(group_get(a, u, f, p, (keys & TTHC_BY_PERIOD) ? s->period : 0, &g, &created));
    TTHC_TRY(group_merge(g, s));
  }
  for (int r = 0; r < 4; r++) a->skipped[r] += b->skipped[r];
  a->added += b->added;
  return TTHC_OK;
}

tthc_status tthc_agg_merge(tthc_agg *a, const tthc_agg *b) {
  TTHC_RETURN_IF(!a || !b || a == b, TTHC_EINVAL);
  TTHC_RETURN_IF(a->keys != b->keys || a->period != b->period || a->as_of != b->as_of ||
                     a->policy != b->policy || a->has_clock != b->has_clock,
                 TTHC_EINVAL);
  return merge_into(a, b, a->keys);
}

tthc_status tthc_agg_rollup(const tthc_agg *a, unsigned keys, tthc_agg **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!a || (keys & ~a->keys), TTHC_EINVAL);
  tthc_agg *r;
  TTHC_TRY(tthc_agg_new(keys, (keys & TTHC_BY_PERIOD) ? a->period : 0, a->as_of, &r));
  r->policy = a->policy;
  r->catalog = a->catalog;
  tthc_status st = TTHC_OK;
  if (a->has_clock) st = tthc_agg_set_clock(r, &a->clock_src);
  if (st == TTHC_OK) st = merge_into(r, a, keys);
  if (st != TTHC_OK) {
    tthc_agg_free(r);
    return st;
  }
  *out = r;
  return TTHC_OK;
}

/* ---- reading groups ---------------------------------------------------------------------- */

tthc_status tthc_agg_group(const tthc_agg *a, size_t i, tthc_agg_key *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!a, TTHC_EINVAL);
  out->unit = out->field = out->procedure = "";
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  out->unit = str_get(&a->strs, g->unit);
  out->field = str_get(&a->strs, g->field);
  out->procedure = str_get(&a->strs, g->proc);
  if (a->keys & TTHC_BY_PERIOD)
    period_of(a->period, g->period, &out->period_start, &out->period_end, out->label);
  return TTHC_OK;
}

tthc_status tthc_agg_find(const tthc_agg *a, const char *unit, const char *field,
                          const char *procedure, tthc_date period_day, size_t *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!a, TTHC_EINVAL);
  for (size_t i = 0; i < a->ng; i++) {
    const tthc__group *g = tthc__agg_group_at(a, i);
    TTHC_RETURN_IF(!g, TTHC_ENOMEM);
    if ((a->keys & TTHC_BY_UNIT) && strcmp(str_get(&a->strs, g->unit), unit ? unit : "") != 0)
      continue;
    if ((a->keys & TTHC_BY_FIELD) &&
        strcmp(str_get(&a->strs, g->field), field ? field : "") != 0)
      continue;
    if ((a->keys & TTHC_BY_PROCEDURE) &&
        strcmp(str_get(&a->strs, g->proc), procedure ? procedure : "") != 0)
      continue;
    if (a->keys & TTHC_BY_PERIOD) {
      tthc_date s, e;
      period_of(a->period, period_day, &s, &e, NULL);
      if (s != g->period) continue;
    }
    *out = i;
    return TTHC_OK;
  }
  return TTHC_ENOTFOUND;
}

tthc_status tthc_agg_count(const tthc_agg *a, size_t i, int id, int64_t *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!a || id < 0 || id >= TTHC__COUNT_N, TTHC_EINVAL);
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  *out = g->c[id];
  return TTHC_OK;
}

tthc_status tthc_agg_rate(const tthc_agg *a, size_t i, int id, tthc_rate *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!a || id < 0 || id >= TTHC__RATE_N, TTHC_EINVAL);
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  tthc__group_rate(g, id, out);
  return TTHC_OK;
}

tthc_status tthc_agg_time(const tthc_agg *a, size_t i, tthc_time_stats *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!a, TTHC_EINVAL);
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  int64_t n = g->t_count;
  out->count = n;
  out->working = a->has_clock;
  out->sum = g->t_sum;
  out->budgeted = g->t_budgeted;
  out->used_budgeted = g->t_used_b;
  out->budget = g->t_budget;
  out->used_share.num = g->t_used_b;
  out->used_share.den = g->t_budget;
  out->used_share.applicable = g->t_budget > 0;
  out->used_share.value = g->t_budget > 0 ? (double)g->t_used_b / (double)g->t_budget : 0;
  if (n == 0) return TTHC_OK;
  out->min = g->t_min;
  out->max = g->t_max;
  out->mean = (double)g->t_sum / (double)n;
  if (g->exact) {
    int64_t v[TTHC_AGG_EXACT_VALUES];
    memcpy(v, g->exact, (size_t)n * sizeof *v);
    for (int64_t k = 1; k < n; k++) { /* insertion sort of at most 64 values */
      int64_t x = v[k], j = k;
      while (j > 0 && v[j - 1] > x) v[j] = v[j - 1], j--;
      v[j] = x;
    }
    int64_t x = v[(n - 1) / 2], y = v[n / 2];
    out->median_lo = x;
    out->median_hi = y;
    out->median = ((double)x + (double)y) / 2;
    out->median_exact = 1;
  } else {
    int64_t lo1, hi1, lo2, hi2;
    hist_kth(g, (n - 1) / 2, &lo1, &hi1);
    hist_kth(g, n / 2, &lo2, &hi2);
    /* the bins are clamped by the exact extremes */
    out->median_lo = lo1 < g->t_min ? g->t_min : lo1;
    out->median_hi = hi2 > g->t_max ? g->t_max : hi2;
    out->median = ((double)out->median_lo + (double)out->median_hi) / 2;
  }
  return TTHC_OK;
}
