/* procedure: catalogs — builder, freeze, lookup by code, ranked search, filters. */
#include <stdlib.h>
#include <string.h>

#include "procedure_internal.h"

/* ---- builder ------------------------------------------------------------------------------ */

tthc_status tthc_catalog_builder_new(tthc_catalog_builder **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = calloc(1, sizeof **out);
  return *out ? TTHC_OK : TTHC_ENOMEM;
}

static void builder_clear(tthc_catalog_builder *b) {
  for (size_t i = 0; i < b->n; i++) tthc_proc_free(b->procs[i]);
  free(b->procs);
  b->procs = NULL, b->n = 0, b->cap = 0;
  free(b->codes);
  b->codes = NULL, b->codes_cap = 0;
  tthc_proc_rules_free(b->rules);
  b->rules = NULL;
  free(b->title);
  free(b->source);
  b->title = NULL, b->source = NULL;
}

void tthc_catalog_builder_free(tthc_catalog_builder *b) {
  if (!b) return;
  builder_clear(b);
  free(b);
}

/* "D.DDDDDD" as a number 1..10,000,000 (never 0: the empty slot). */
static uint32_t code_key(const char *code) {
  uint32_t k = (uint32_t)(code[0] - '0');
  for (int i = 2; i < TTHC_PROC_CODE_LEN; i++) k = k * 10 + (uint32_t)(code[i] - '0');
  return k + 1;
}

/* The slot of key k in the set: where it is, or the empty slot where it goes. */
static size_t code_slot(const uint32_t *set, size_t cap, uint32_t k) {
  size_t i = (k * 2654435761u) & (cap - 1);
  while (set[i] && set[i] != k) i = (i + 1) & (cap - 1);
  return i;
}

/* Make room for one more code (load factor at most 1/2). */
static tthc_status codes_reserve(tthc_catalog_builder *b) {
  if (2 * (b->n + 1) < b->codes_cap) return TTHC_OK;
  size_t cap = b->codes_cap ? b->codes_cap * 2 : 64;
  uint32_t *set = calloc(cap, sizeof *set);
  TTHC_RETURN_IF(!set, TTHC_ENOMEM);
  for (size_t i = 0; i < b->codes_cap; i++)
    if (b->codes[i]) set[code_slot(set, cap, b->codes[i])] = b->codes[i];
  free(b->codes);
  b->codes = set, b->codes_cap = cap;
  return TTHC_OK;
}

tthc_status tthc_catalog_builder_add(tthc_catalog_builder *b, tthc_proc *p) {
  if (!b || !p || p->frozen) {
    if (p && !p->frozen) tthc_proc_free(p);
    return TTHC_EINVAL;
  }
  tthc_status st = codes_reserve(b);
  if (st == TTHC_OK && b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 16;
    tthc_proc **g = realloc(b->procs, cap * sizeof(tthc_proc *));
    if (g) b->procs = g, b->cap = cap;
    else st = TTHC_ENOMEM;
  }
  uint32_t k = code_key(p->code);
  size_t slot = st == TTHC_OK ? code_slot(b->codes, b->codes_cap, k) : 0;
  if (st == TTHC_OK && b->codes[slot]) st = TTHC_EEXIST;
  if (st != TTHC_OK) {
    tthc_proc_free(p);
    return st;
  }
  b->codes[slot] = k;
  b->procs[b->n++] = p;
  return TTHC_OK;
}

tthc_status tthc_catalog_builder_set_rules(tthc_catalog_builder *b, const tthc_proc_rules *r) {
  TTHC_RETURN_IF(!b, TTHC_EINVAL);
  tthc_proc_rules *copy = NULL;
  if (r) TTHC_TRY(tthc__proc_rules_copy(r, &copy));
  tthc_proc_rules_free(b->rules);
  b->rules = copy;
  return TTHC_OK;
}

tthc_status tthc_catalog_builder_set_info(tthc_catalog_builder *b, const char *title,
                                          const char *source) {
  TTHC_RETURN_IF(!b, TTHC_EINVAL);
  return tthc__proc_setstr2(&b->title, title, &b->source, source);
}

/* ---- build -------------------------------------------------------------------------------- */

static int cmp_coll(const void *a, const void *b) {
  const tthc_proc *x = *(tthc_proc *const *)a, *y = *(tthc_proc *const *)b;
  size_t n = x->coll_len < y->coll_len ? x->coll_len : y->coll_len;
  int c = memcmp(x->coll, y->coll, n);
  if (c) return c;
  if (x->coll_len != y->coll_len) return x->coll_len < y->coll_len ? -1 : 1;
  return strcmp(x->code, y->code);
}

static int cmp_code(const void *a, const void *b) {
  return strcmp((*(tthc_proc *const *)a)->code, (*(tthc_proc *const *)b)->code);
}

/* Words in a folded string (single spaces, trimmed). */
static int count_words(const char *s) {
  int n = *s ? 1 : 0;
  for (; *s; s++) n += *s == ' ';
  return n;
}

/* Compute the search keys of a record (idempotent: a failed build may be retried). */
static tthc_status proc_keys(tthc_proc *p) {
  size_t n = strlen(p->name);
  if (!p->fold && !(p->fold = tthc__proc_fold(p->name, n))) return TTHC_ENOMEM;
  p->fold_words = count_words(p->fold);
  if (!p->coll && !(p->coll = tthc__proc_coll(p->name, n, &p->coll_len))) return TTHC_ENOMEM;
  if (!p->fold_field) {
    const char *f = p->field_name ? p->field_name : "";
    if (!(p->fold_field = tthc__proc_fold(f, strlen(f)))) return TTHC_ENOMEM;
  }
  return TTHC_OK;
}

tthc_status tthc_catalog_build(tthc_catalog_builder *b, tthc_catalog **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!b, TTHC_EINVAL);
  for (size_t i = 0; i < b->n; i++) TTHC_TRY(proc_keys(b->procs[i]));
  tthc_catalog *c = calloc(1, sizeof *c);
  size_t n = b->n ? b->n : 1;
  if (c) {
    c->by_coll = malloc(n * sizeof(tthc_proc *));
    c->by_code = malloc(n * sizeof(tthc_proc *));
    c->keys = malloc(n * sizeof *c->keys);
  }
  if (c && !b->rules) tthc__proc_rules_copy(tthc__proc_rules_default(), &c->rules);
  if (!c || !c->by_coll || !c->by_code || !c->keys || (!b->rules && !c->rules)) {
    if (c) free(c->by_coll), free(c->by_code), free(c->keys), tthc_proc_rules_free(c->rules);
    free(c);
    return TTHC_ENOMEM;
  }
  if (b->rules) c->rules = b->rules, b->rules = NULL;
  c->n = b->n;
  if (b->n) { /* b->procs is NULL for an empty builder */
    memcpy(c->by_coll, b->procs, b->n * sizeof(tthc_proc *));
    memcpy(c->by_code, b->procs, b->n * sizeof(tthc_proc *));
  }
  qsort(c->by_coll, c->n, sizeof(tthc_proc *), cmp_coll);
  qsort(c->by_code, c->n, sizeof(tthc_proc *), cmp_code);
  for (size_t i = 0; i < c->n; i++) c->by_coll[i]->frozen = true;
  for (size_t i = 0; i < c->n; i++) c->keys[i] = code_key(c->by_code[i]->code);
  c->title = b->title, c->source = b->source;
  b->title = NULL, b->source = NULL;
  free(b->procs);
  b->procs = NULL, b->n = 0, b->cap = 0;
  free(b->codes);
  b->codes = NULL, b->codes_cap = 0;
  *out = c;
  return TTHC_OK;
}

void tthc_catalog_free(tthc_catalog *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) tthc_proc_free(c->by_code[i]);
  free(c->by_code);
  free(c->by_coll);
  free(c->keys);
  tthc_proc_rules_free(c->rules);
  free(c->title);
  free(c->source);
  free(c);
}

size_t tthc_catalog_count(const tthc_catalog *c) { return c ? c->n : 0; }

const tthc_proc *tthc_catalog_at(const tthc_catalog *c, size_t i) {
  return c && i < c->n ? c->by_coll[i] : NULL;
}

const tthc_proc_rules *tthc_catalog_rules(const tthc_catalog *c) {
  return c ? c->rules : NULL;
}

const char *tthc_catalog_title(const tthc_catalog *c) { return c ? c->title : NULL; }
const char *tthc_catalog_source(const tthc_catalog *c) { return c ? c->source : NULL; }

static const tthc_proc *find_code(const tthc_catalog *c, const char *code) {
  /* Only a well-formed code can be in the catalog; then compare numbers, not strings. */
  if (!(code[0] >= '0' && code[0] <= '9' && code[1] == '.')) return NULL;
  for (int i = 2; i < TTHC_PROC_CODE_LEN; i++)
    if (!(code[i] >= '0' && code[i] <= '9')) return NULL;
  if (code[TTHC_PROC_CODE_LEN] != '\0') return NULL;
  uint32_t k = code_key(code);
  size_t lo = 0, hi = c->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->keys[mid] == k) return c->by_code[mid];
    if (c->keys[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

tthc_status tthc_catalog_get(const tthc_catalog *c, const char *code, const tthc_proc **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!c || !code, TTHC_EINVAL);
  *out = find_code(c, code);
  return *out ? TTHC_OK : TTHC_ENOTFOUND;
}

/* ---- search ------------------------------------------------------------------------------- */

typedef struct hit {
  const tthc_proc *p;
  size_t order;      /* index in dictionary order */
  tthc_match match;
  int matched;       /* query words found */
  int phrase;        /* 1 if the query occurs as a contiguous phrase */
  int extra;         /* name words not matched */
} hit;

static int cmp_hit(const void *a, const void *b) {
  const hit *x = a, *y = b;
  if (x->match != y->match) return x->match < y->match ? -1 : 1;
  if (x->matched != y->matched) return x->matched > y->matched ? -1 : 1;
  if (x->phrase != y->phrase) return x->phrase > y->phrase ? -1 : 1;
  if (x->extra != y->extra) return x->extra < y->extra ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Split a folded string (single spaces, trimmed) into words in place: returns the count and
 * fills w (capacity max) with pointers to NUL-terminated words. */
static size_t split_words(char *s, char **w, size_t max) {
  size_t n = 0;
  for (char *p = s; *p && n < max;) {
    w[n++] = p;
    char *sp = strchr(p, ' ');
    if (!sp) break;
    *sp = '\0';
    p = sp + 1;
  }
  return n;
}

/* Does the name (folded, words separated by single spaces) contain word w as a whole word
 * (or as a word prefix when prefix is set)? */
static bool has_word(const char *name, const char *w, size_t wl, bool prefix) {
  for (const char *s = name; (s = strstr(s, w)) != NULL; s++)
    if ((s == name || s[-1] == ' ') && (prefix || s[wl] == ' ' || s[wl] == '\0')) return true;
  return false;
}


/* Does the folded query occur in the folded name starting at a word boundary? (Its end may
 * fall inside a word: the last query word matches as a prefix.) */
static bool has_phrase(const char *name, const char *q) {
  for (const char *s = name; (s = strstr(s, q)) != NULL; s++)
    if (s == name || s[-1] == ' ') return true;
  return false;
}

#define MAX_QUERY_WORDS 32

static tthc_status emit(hit *hits, size_t nh, const tthc_proc **results, tthc_match *matches,
                        size_t cap, size_t *found) {
  qsort(hits, nh, sizeof *hits, cmp_hit);
  for (size_t i = 0; i < nh && i < cap; i++) {
    results[i] = hits[i].p;
    if (matches) matches[i] = hits[i].match;
  }
  *found = nh;
  return TTHC_OK;
}

tthc_status tthc_catalog_search(const tthc_catalog *c, const char *query, size_t len,
                                const tthc_proc **results, tthc_match *matches, size_t cap,
                                size_t *found) {
  TTHC_RETURN_IF(!found, TTHC_EINVAL);
  *found = 0;
  TTHC_RETURN_IF(!c || !query || (cap && !results), TTHC_EINVAL);
  TTHC_RETURN_IF(!tthc__proc_utf8_ok(query, len), TTHC_EUTF8);
  /* A national code finds its record only. */
  size_t b = 0, e = len;
  while (b < e && (query[b] == ' ' || query[b] == '\t')) b++;
  while (e > b && (query[e - 1] == ' ' || query[e - 1] == '\t')) e--;
  if (e - b == TTHC_PROC_CODE_LEN && tthc_proc_code_check(query + b, e - b, NULL) == TTHC_OK) {
    char code[TTHC_PROC_CODE_SIZE];
    memcpy(code, query + b, TTHC_PROC_CODE_LEN);
    code[TTHC_PROC_CODE_LEN] = '\0';
    const tthc_proc *p = find_code(c, code);
    if (p && cap) results[0] = p;
    if (p && cap && matches) matches[0] = TTHC_MATCH_EXACT;
    *found = p ? 1 : 0;
    return TTHC_OK;
  }
  char *q = tthc__proc_fold(query, len);
  TTHC_RETURN_IF(!q, TTHC_ENOMEM);
  if (!*q) {
    free(q);
    return TTHC_OK;
  }
  char *qw_buf = tthc__proc_strndup(q, strlen(q));
  hit *hits = malloc((c->n ? c->n : 1) * sizeof *hits);
  if (!qw_buf || !hits) {
    free(q), free(qw_buf), free(hits);
    return TTHC_ENOMEM;
  }
  char *qw[MAX_QUERY_WORDS];
  size_t nq = split_words(qw_buf, qw, MAX_QUERY_WORDS);
  /* The distinct query words (a word repeated in the query counts once) and their lengths. */
  size_t wl[MAX_QUERY_WORDS], distinct = 0;
  bool dup[MAX_QUERY_WORDS];
  for (size_t k = 0; k < nq; k++) {
    wl[k] = strlen(qw[k]), dup[k] = false;
    for (size_t j = 0; j < k && !dup[k]; j++) dup[k] = strcmp(qw[j], qw[k]) == 0;
    distinct += !dup[k];
  }
  size_t ql = strlen(q), nh = 0;
  for (size_t i = 0; i < c->n; i++) {
    const tthc_proc *p = c->by_coll[i];
    hit h = {.p = p, .order = i};
    if (strcmp(p->fold, q) == 0) {
      h.match = TTHC_MATCH_EXACT, h.matched = (int)nq, h.phrase = 1;
    } else if (strncmp(p->fold, q, ql) == 0) {
      h.match = TTHC_MATCH_PREFIX, h.matched = (int)nq, h.phrase = 1;
    } else {
      for (size_t k = 0; k < nq; k++)
        if (!dup[k] && has_word(p->fold, qw[k], wl[k], k + 1 == nq)) h.matched++;
      if (h.matched == 0) continue;
      h.match = (size_t)h.matched == distinct ? TTHC_MATCH_ALL_WORDS : TTHC_MATCH_SOME_WORDS;
      h.phrase = has_phrase(p->fold, q);
    }
    h.extra = p->fold_words - h.matched;
    hits[nh++] = h;
  }
  tthc_status st = emit(hits, nh, results, matches, cap, found);
  free(q), free(qw_buf), free(hits);
  return st;
}

tthc_status tthc_catalog_filter(const tthc_catalog *c, const char *field, unsigned levels,
                                unsigned online, const tthc_proc **results, size_t cap,
                                size_t *found) {
  TTHC_RETURN_IF(!found, TTHC_EINVAL);
  *found = 0;
  TTHC_RETURN_IF(!c || (cap && !results), TTHC_EINVAL);
  char *f = NULL;
  if (field) {
    size_t fl = strlen(field);
    TTHC_RETURN_IF(!tthc__proc_utf8_ok(field, fl), TTHC_EUTF8);
    TTHC_RETURN_IF(!(f = tthc__proc_fold(field, fl)), TTHC_ENOMEM);
  }
  size_t n = 0;
  for (size_t i = 0; i < c->n; i++) {
    const tthc_proc *p = c->by_coll[i];
    if (levels && !(levels & (1u << p->level))) continue;
    if (online && !(online & (1u << p->online))) continue;
    if (f) {
      bool ok = strcmp(p->fold_field, f) == 0;
      if (!ok && p->field_code) {
        char *fc = tthc__proc_fold(p->field_code, strlen(p->field_code));
        if (!fc) {
          free(f);
          return TTHC_ENOMEM;
        }
        ok = strcmp(fc, f) == 0;
        free(fc);
      }
      if (!ok) continue;
    }
    if (n < cap) results[n] = p;
    n++;
  }
  free(f);
  *found = n;
  return TTHC_OK;
}
