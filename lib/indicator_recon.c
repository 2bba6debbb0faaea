/* indicator: reconciliation of two records of the same work (system vs paper register). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicator_internal.h"

enum { NF = 12 };
static const char *const field_names[NF] = {"procedure", "unit",     "field",   "channel",
                                            "received",  "accepted", "due",     "result",
                                            "returned",  "refused",  "withdrawn", "state"};
static const char *const kind_names[] = {NULL, "only_a", "only_b", "mismatch", "duplicate"};

typedef struct entry {
  uint32_t code;    /* arena offset */
  int32_t rec[2];   /* summary index per side, -1 absent */
  uint8_t dup[2];   /* seen more than once on that side */
} entry;

typedef struct item {
  uint8_t kind, field;
  uint32_t entry;
  uint32_t a, b; /* arena offsets */
} item;

struct tthc_recon {
  unsigned flags, fields;
  bool finished;
  char *arena;
  size_t alen, acap;
  uint32_t *sum[2]; /* NF offsets per summary */
  size_t nsum[2], capsum[2];
  size_t added[2];
  entry *e;
  size_t ne, cape;
  uint32_t *slots; /* entry index + 1 */
  size_t nslots;
  item *items;
  size_t nitems, capitems;
};

const char *tthc_recon_kind_name(int kind) { return kind >= 1 && kind <= 4 ? kind_names[kind] : NULL; }

const char *tthc_recon_field_name(int i) { return i >= 0 && i < NF ? field_names[i] : NULL; }

tthc_status tthc_recon_new(unsigned flags, unsigned fields, tthc_recon **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF((flags & ~(unsigned)TTHC_RECON_INSTANTS) || (fields >> NF), TTHC_EINVAL);
  tthc_recon *r = calloc(1, sizeof *r);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  r->flags = flags;
  r->fields = fields ? fields : (1u << NF) - 1;
  r->acap = 1024;
  r->arena = malloc(r->acap);
  r->nslots = 1024;
  r->slots = calloc(r->nslots, sizeof *r->slots);
  if (!r->arena || !r->slots) {
    tthc_recon_free(r);
    return TTHC_ENOMEM;
  }
  r->arena[0] = '\0';
  r->alen = 1;
  *out = r;
  return TTHC_OK;
}

void tthc_recon_free(tthc_recon *r) {
  if (!r) return;
  free(r->arena);
  free(r->sum[0]);
  free(r->sum[1]);
  free(r->e);
  free(r->slots);
  free(r->items);
  free(r);
}

static tthc_status put(tthc_recon *r, const char *s, size_t n, uint32_t *off) {
  if (n == 0) {
    *off = 0; /* the empty string at offset 0 */
    return TTHC_OK;
  }
  return tthc__pool_add(&r->arena, &r->alen, &r->acap, s, n, off);
}

static uint64_t hash_code(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h ^ (h >> 31);
}

static tthc_status rehash(tthc_recon *r, size_t nslots) {
  uint32_t *s = calloc(nslots, sizeof *s);
  TTHC_RETURN_IF(!s, TTHC_ENOMEM);
  for (size_t k = 0; k < r->ne; k++) {
    const char *c = r->arena + r->e[k].code;
    size_t i = hash_code(c, strlen(c)) & (nslots - 1);
    while (s[i]) i = (i + 1) & (nslots - 1);
    s[i] = (uint32_t)k + 1;
  }
  free(r->slots);
  r->slots = s;
  r->nslots = nslots;
  return TTHC_OK;
}

/* The entry of a code, created if new. */
static tthc_status entry_get(tthc_recon *r, const char *code, size_t n, entry **out) {
  size_t i = hash_code(code, n) & (r->nslots - 1);
  while (r->slots[i]) {
    entry *e = &r->e[r->slots[i] - 1];
    const char *c = r->arena + e->code;
    if (strlen(c) == n && memcmp(c, code, n) == 0) {
      *out = e;
      return TTHC_OK;
    }
    i = (i + 1) & (r->nslots - 1);
  }
  if (r->ne == r->cape) {
    size_t cap = r->cape ? r->cape * 2 : 256;
    entry *e = realloc(r->e, cap * sizeof *e);
    TTHC_RETURN_IF(!e, TTHC_ENOMEM);
    r->e = e;
    r->cape = cap;
  }
  entry *e = &r->e[r->ne];
  TTHC_TRY(put(r, code, n, &e->code));
  e->rec[0] = e->rec[1] = -1;
  e->dup[0] = e->dup[1] = 0;
  r->slots[i] = (uint32_t)r->ne + 1;
  r->ne++;
  if (r->ne * 2 > r->nslots) TTHC_TRY(rehash(r, r->nslots * 2));
  *out = &r->e[r->ne - 1];
  return TTHC_OK;
}

static void fmt_when(const tthc_recon *r, tthc_datetime t, char out[TTHC_DATETIME_STRLEN]) {
  out[0] = '\0';
  if (t == TTHC_DATETIME_NONE) return;
  if (r->flags & TTHC_RECON_INSTANTS)
    tthc_datetime_format(t, TTHC_DATETIME_SECONDS, out, TTHC_DATETIME_STRLEN, NULL);
  else
    tthc_date_format(tthc_datetime_date(t), out, TTHC_DATETIME_STRLEN, NULL);
}

tthc_status tthc_recon_add(tthc_recon *r, int side, const tthc_dossier *d) {
  TTHC_RETURN_IF(!r || !d || side < 0 || side > 1, TTHC_EINVAL);
  TTHC_RETURN_IF(r->finished, TTHC_ESTATE);
  size_t n;
  const char *code = tthc__dossier_text(d, TTHC_DOSSIER_CODE, &n);
  while (n && (*code == ' ' || *code == '\t')) code++, n--;
  while (n && (code[n - 1] == ' ' || code[n - 1] == '\t')) n--;
  TTHC_RETURN_IF(n == 0, TTHC_EINVAL);
  entry *e;
  TTHC_TRY(entry_get(r, code, n, &e));
  size_t eidx = (size_t)(e - r->e);
  r->added[side]++;
  if (e->rec[side] >= 0) {
    e->dup[side] = 1;
    return TTHC_OK;
  }
  if (r->nsum[side] == r->capsum[side]) {
    size_t cap = r->capsum[side] ? r->capsum[side] * 2 : 256;
    uint32_t *s = realloc(r->sum[side], cap * NF * sizeof *s);
    TTHC_RETURN_IF(!s, TTHC_ENOMEM);
    r->sum[side] = s;
    r->capsum[side] = cap;
  }
  /* summarise: first instant of each kind; the appointment after any re-appointment */
  tthc_datetime when[TTHC__EVENT_COUNT];
  for (int k = 0; k < TTHC__EVENT_COUNT; k++) when[k] = TTHC_DATETIME_NONE;
  tthc_datetime due = TTHC_DATETIME_NONE;
  for (size_t i = 0; i < d->nev; i++) {
    const tthc__event *ev = &d->ev[i];
    if (when[ev->kind] == TTHC_DATETIME_NONE) when[ev->kind] = ev->at;
    if (ev->kind == TTHC_EVENT_ACCEPTED || ev->kind == TTHC_EVENT_APOLOGY) due = ev->due;
  }
  char buf[7][TTHC_DATETIME_STRLEN];
  fmt_when(r, d->received_at, buf[0]);
  fmt_when(r, when[TTHC_EVENT_ACCEPTED], buf[1]);
  fmt_when(r, due, buf[2]);
  fmt_when(r, when[TTHC_EVENT_RESULT_ISSUED], buf[3]);
  fmt_when(r, when[TTHC_EVENT_RESULT_RETURNED], buf[4]);
  fmt_when(r, when[TTHC_EVENT_REFUSED], buf[5]);
  fmt_when(r, when[TTHC_EVENT_WITHDRAWN], buf[6]);
  const char *vals[NF];
  size_t lens[NF];
  vals[0] = tthc__dossier_text(d, TTHC_DOSSIER_PROCEDURE, &lens[0]);
  vals[1] = tthc__dossier_text(d, TTHC_DOSSIER_UNIT, &lens[1]);
  vals[2] = tthc__dossier_text(d, TTHC_DOSSIER_FIELD, &lens[2]);
  vals[3] = d->channel >= 0 ? tthc_channel_name((tthc_channel)d->channel) : "";
  lens[3] = strlen(vals[3]);
  for (int k = 0; k < 7; k++) vals[4 + k] = buf[k], lens[4 + k] = strlen(buf[k]);
  vals[11] = tthc_dossier_state_name(d->state);
  lens[11] = strlen(vals[11]);
  uint32_t *row = r->sum[side] + r->nsum[side] * NF;
  for (int f = 0; f < NF; f++) TTHC_TRY(put(r, vals[f], lens[f], &row[f]));
  r->e[eidx].rec[side] = (int32_t)r->nsum[side]++;
  return TTHC_OK;
}

static tthc_status add_item(tthc_recon *r, int kind, size_t entry_idx, int field, uint32_t a,
                            uint32_t b) {
  if (r->nitems == r->capitems) {
    size_t cap = r->capitems ? r->capitems * 2 : 64;
    item *it = realloc(r->items, cap * sizeof *it);
    TTHC_RETURN_IF(!it, TTHC_ENOMEM);
    r->items = it;
    r->capitems = cap;
  }
  item *it = &r->items[r->nitems++];
  it->kind = (uint8_t)kind;
  it->field = (uint8_t)field;
  it->entry = (uint32_t)entry_idx;
  it->a = a;
  it->b = b;
  return TTHC_OK;
}

static int cmp_code(size_t x, size_t y, void *ctx) {
  const tthc_recon *r = ctx;
  return strcmp(r->arena + r->e[x].code, r->arena + r->e[y].code);
}

tthc_status tthc_recon_finish(tthc_recon *r) {
  TTHC_RETURN_IF(!r, TTHC_EINVAL);
  if (r->finished) return TTHC_OK;
  size_t *order = malloc((r->ne ? r->ne : 1) * sizeof *order);
  TTHC_RETURN_IF(!order, TTHC_ENOMEM);
  for (size_t i = 0; i < r->ne; i++) order[i] = i;
  tthc_status st = tthc__sort_index(order, r->ne, cmp_code, r);
  r->nitems = 0;
  for (size_t k = 0; st == TTHC_OK && k < r->ne; k++) {
    const entry *e = &r->e[order[k]];
    if (e->rec[1] < 0) st = add_item(r, TTHC_RECON_ONLY_A, order[k], -1, 0, 0);
    else if (e->rec[0] < 0) st = add_item(r, TTHC_RECON_ONLY_B, order[k], -1, 0, 0);
    else {
      const uint32_t *a = r->sum[0] + (size_t)e->rec[0] * NF, *b = r->sum[1] + (size_t)e->rec[1] * NF;
      for (int f = 0; st == TTHC_OK && f < NF; f++) {
        if (!(r->fields & (1u << f))) continue;
        /* descriptive attributes a side does not record are not compared */
        if (f <= 3 && (a[f] == 0 || b[f] == 0)) continue;
        if (strcmp(r->arena + a[f], r->arena + b[f]) != 0)
          st = add_item(r, TTHC_RECON_MISMATCH, order[k], f, a[f], b[f]);
      }
    }
    for (int s = 0; st == TTHC_OK && s < 2; s++)
      if (e->dup[s]) st = add_item(r, TTHC_RECON_DUPLICATE, order[k], 12 + s, 0, 0);
  }
  free(order);
  if (st != TTHC_OK) {
    r->nitems = 0;
    return st;
  }
  r->finished = true;
  return TTHC_OK;
}

size_t tthc_recon_count(const tthc_recon *r) { return r && r->finished ? r->nitems : 0; }

size_t tthc_recon_side_count(const tthc_recon *r, int side) {
  return r && side >= 0 && side <= 1 ? r->added[side] : 0;
}

tthc_status tthc_recon_get(const tthc_recon *r, size_t i, tthc_recon_item *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!r, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= tthc_recon_count(r), TTHC_ERANGE);
  const item *it = &r->items[i];
  out->kind = it->kind;
  out->code = r->arena + r->e[it->entry].code;
  out->field = it->kind == TTHC_RECON_MISMATCH ? field_names[it->field]
               : it->kind == TTHC_RECON_DUPLICATE ? (it->field == 12 ? "A" : "B")
                                                  : "";
  out->a = r->arena + it->a;
  out->b = r->arena + it->b;
  return TTHC_OK;
}
