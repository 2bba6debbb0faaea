/* tthc indicators: a report over dossier files — counts, rates, processing time, TT 01/2018
 * evaluation, the 766 index with ranks, targets; plain text, JSON or CSV. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_calendar.h"
#include "cli_read.h"

#define CMD "indicators"

typedef struct opts {
  const char *by, *as_of, *catalog, *targets, *table, *policy, *external, *threads, *level,
      *one_stop;
  bool json, csv, skip_bad, na_zero, help;
  cli_cal_opts cal;
} opts;

/* --by unit,field,procedure,month → keys and period. */
static bool parse_by(const char *s, unsigned *keys, int *period) {
  static const struct {
    const char *name;
    unsigned key;
    int period;
  } names[] = {{"unit", TTHC_BY_UNIT, 0},          {"field", TTHC_BY_FIELD, 0},
               {"procedure", TTHC_BY_PROCEDURE, 0}, {"day", TTHC_BY_PERIOD, TTHC_PERIOD_DAY},
               {"week", TTHC_BY_PERIOD, TTHC_PERIOD_WEEK},
               {"month", TTHC_BY_PERIOD, TTHC_PERIOD_MONTH},
               {"quarter", TTHC_BY_PERIOD, TTHC_PERIOD_QUARTER},
               {"year", TTHC_BY_PERIOD, TTHC_PERIOD_YEAR}};
  *keys = 0, *period = 0;
  if (!strcmp(s, "none") || !*s) return true;
  while (*s) {
    const char *e = strchr(s, ',');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    size_t i = 0;
    while (i < sizeof names / sizeof *names &&
           !(strlen(names[i].name) == n && !strncmp(names[i].name, s, n)))
      i++;
    if (i == sizeof names / sizeof *names) {
      cli_usage_error(CMD, "--by: unknown key '%.*s' (unit, field, procedure, day, week, month, "
                           "quarter, year)",
                      (int)n, s);
      return false;
    }
    if (names[i].period && *period && *period != names[i].period) {
      cli_usage_error(CMD, "--by: give at most one period");
      return false;
    }
    *keys |= names[i].key;
    if (names[i].period) *period = names[i].period;
    s += n + (e ? 1 : 0);
  }
  return true;
}

/* --level and --one-stop-all → the policy of the catalog-derived indicators. */
static bool parse_eval_policy(const opts *o, tthc_eval_policy *p) {
  static const char *const levels[] = {"central", "province", "district", "commune"};
  static const int level_of[] = {TTHC_LEVEL_CENTRAL, TTHC_LEVEL_PROVINCE, TTHC_LEVEL_DISTRICT,
                                 TTHC_LEVEL_COMMUNE};
  tthc_eval_policy_default(p);
  if ((o->level || o->one_stop) && !o->catalog) {
    cli_usage_error(CMD, "%s needs --catalog", o->level ? "--level" : "--one-stop-all");
    return false;
  }
  if (o->level) {
    size_t i = 0;
    while (i < 4 && strcmp(o->level, levels[i]) != 0) i++;
    if (i == 4) {
      cli_usage_error(CMD, "--level: unknown level '%s' (central, province, district, commune)",
                      o->level);
      return false;
    }
    p->level = level_of[i];
  }
  if (o->one_stop) {
    if (strcmp(o->one_stop, "yes") != 0 && strcmp(o->one_stop, "no") != 0) {
      cli_usage_error(CMD, "--one-stop-all: expected yes or no, not '%s'", o->one_stop);
      return false;
    }
    p->one_stop_all = strcmp(o->one_stop, "yes") == 0;
  }
  return true;
}

static bool parse_policy(const char *s, unsigned *out) {
  *out = 0;
  while (s && *s) {
    const char *e = strchr(s, ',');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    if (n == 10 && !strncmp(s, "by-instant", n)) *out |= TTHC_STATUS_EARLY_BY_INSTANT;
    else if (n == 7 && !strncmp(s, "restart", n)) *out |= TTHC_STATUS_SUPPLEMENT_RESTART;
    else if (n == 8 && !strncmp(s, "multi-ok", n)) *out |= TTHC_STATUS_MULTI_SUPPLEMENT_NOT_LATE;
    else {
      cli_usage_error(CMD, "--policy: unknown '%.*s' (by-instant, restart, multi-ok)", (int)n, s);
      return false;
    }
    s += n + (e ? 1 : 0);
  }
  return true;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap) {
      char *b = realloc(buf, cap * 2);
      if (!b) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = b, cap *= 2;
    }
  }
  fclose(f);
  if (buf) *len = n;
  return buf;
}

/* The aggregate's settings: the one read into, and one per part when reading in threads. */
typedef struct agg_config {
  unsigned keys;
  int period;
  unsigned policy;
  tthc_datetime as_of;
  tthc_dossier_clock clock;
  const tthc_catalog *catalog;
} agg_config;

static tthc_status new_agg(void *ctx, tthc_agg **out) {
  const agg_config *c = ctx;
  tthc_status st = tthc_agg_new(c->keys, c->period, c->as_of, out);
  if (st == TTHC_OK && ((st = tthc_agg_set_policy(*out, c->policy)) != TTHC_OK ||
                        (st = tthc_agg_set_clock(*out, &c->clock)) != TTHC_OK ||
                        (st = tthc_agg_set_catalog(*out, c->catalog)) != TTHC_OK)) {
    tthc_agg_free(*out);
    *out = NULL;
  }
  return st;
}

/* ---- output ---------------------------------------------------------------------------- */

typedef struct report {
  tthc_agg *agg;
  const tthc_catalog *catalog; /* indices 5 and 9 of TT 01/2018 (tthc_agg_eval_ex) */
  tthc_eval_policy eval;       /* --level, --one-stop-all */
  tthc_index766 *table;
  tthc_targets *targets;
  unsigned keys;
  size_t n;
  tthc_index766_result *score;
  int32_t *rank, *rank_n;
} report;

/* The dimension ranks compare: the unit, else the field, else the procedure. Groups that
 * differ only in it are peers (e.g. the communes of one month). */
static bool peers(const report *rp, const tthc_agg_key *x, const tthc_agg_key *y) {
  unsigned dim = (rp->keys & TTHC_BY_UNIT)    ? TTHC_BY_UNIT
                 : (rp->keys & TTHC_BY_FIELD) ? TTHC_BY_FIELD
                                              : TTHC_BY_PROCEDURE;
  return (dim == TTHC_BY_UNIT || !strcmp(x->unit, y->unit)) &&
         (dim == TTHC_BY_FIELD || !strcmp(x->field, y->field)) &&
         (dim == TTHC_BY_PROCEDURE || !strcmp(x->procedure, y->procedure)) &&
         x->period_start == y->period_start;
}

/* Rank the 766 shares among peers (competition ranking, highest first). */
static bool rank_groups(report *rp) {
  size_t n = rp->n, cap = n ? n : 1;
  rp->rank = calloc(cap, sizeof *rp->rank);
  rp->rank_n = calloc(cap, sizeof *rp->rank_n);
  double *s = malloc(cap * sizeof *s);
  size_t *peer = malloc(cap * sizeof *peer);
  int32_t *rk = malloc(cap * sizeof *rk);
  bool *done = calloc(cap, 1);
  bool ok = rp->rank && rp->rank_n && s && peer && rk && done;
  for (size_t i = 0; ok && i < n; i++) {
    if (done[i]) continue;
    tthc_agg_key ki, kj;
    tthc_agg_group(rp->agg, i, &ki);
    size_t m = 0;
    for (size_t j = i; j < n; j++) {
      tthc_agg_group(rp->agg, j, &kj);
      if (done[j] || !peers(rp, &ki, &kj)) continue;
      peer[m] = j;
      s[m++] = rp->score[j].max > 0 ? rp->score[j].share : NAN;
      done[j] = true;
    }
    tthc_rank(s, m, rk);
    for (size_t k = 0; k < m; k++) rp->rank[peer[k]] = rk[k], rp->rank_n[peer[k]] = (int32_t)m;
  }
  free(done), free(s), free(peer), free(rk);
  return ok;
}

static void fmt_rate(const tthc_rate *r, char out[32]) {
  if (tthc_rate_format(r, 2, out, 32, NULL) != TTHC_OK) strcpy(out, "?");
}

static void fmt_points(double v, char out[32]) {
  tthc_decimal d = {(int64_t)llround(v * 100), 2};
  if (tthc_text_number_format(d, 0, out, 32, NULL) != TTHC_OK) strcpy(out, "?");
}

static void fmt_share(double v, char out[32]) {
  if (tthc_percent_format(v, 2, out, 32, NULL) != TTHC_OK) strcpy(out, "?");
}

/* "14 h 05 min" */
static void fmt_duration(double seconds, char out[32]) {
  int64_t m = (int64_t)llround(seconds / 60);
  snprintf(out, 32, "%lld h %02lld min", (long long)(m / 60), (long long)(m % 60));
}

static int64_t count_of(const tthc_agg *a, size_t i, int id) {
  int64_t v = 0;
  tthc_agg_count(a, i, id, &v);
  return v;
}

static tthc_rate rate_of(const tthc_agg *a, size_t i, int id) {
  tthc_rate r;
  tthc_agg_rate(a, i, id, &r);
  return r;
}

static void group_title(const tthc_agg_key *k, char *out, size_t cap) {
  snprintf(out, cap, "%s%s%s%s%s%s%s%s", k->unit, *k->field ? (*k->unit ? " · " : "") : "",
           k->field, *k->procedure ? (*k->unit || *k->field ? " · " : "") : "", k->procedure,
           *k->label ? (*k->unit || *k->field || *k->procedure ? " · " : "") : "", k->label,
           !*k->unit && !*k->field && !*k->procedure && !*k->label ? "All dossiers" : "");
}

static void print_text(const report *rp, tthc_datetime as_of, int64_t bad) {
  char asof[TTHC_DATETIME_STRLEN];
  tthc_datetime_format(as_of, TTHC_DATETIME_SECONDS, asof, sizeof asof, NULL);
  printf("Indicators as of %s — %zu group%s", asof, rp->n, rp->n == 1 ? "" : "s");
  int64_t sk[4];
  for (int r = 0; r < 4; r++) sk[r] = tthc_agg_skipped(rp->agg, r);
  if (sk[0] + sk[1] + sk[2] + sk[3] + bad)
    printf(" (left out: %lld test, %lld cancelled, %lld received after the report instant, "
           "%lld errors%s)",
           (long long)sk[0], (long long)sk[1], (long long)sk[2], (long long)(sk[3] + bad),
           bad ? ", unreadable records included" : "");
  printf("\n");
  for (size_t i = 0; i < rp->n; i++) {
    tthc_agg_key k;
    tthc_agg_group(rp->agg, i, &k);
    char title[512], a[32], b[32], c[32];
    group_title(&k, title, sizeof title);
    printf("\n%s\n", title);
    const tthc_index766_result *s = &rp->score[i];
    if (s->max > 0) {
      char rank[32];
      tthc_rank_format(rp->rank[i], rp->rank_n[i], rank, sizeof rank, NULL);
      fmt_points(s->total, a), fmt_points(s->max, b), fmt_share(s->share, c);
      printf("  766 index: %s / %s points = %s (%s), rank %s\n", a, b, c,
             tthc_grade_name_vi(s->grade), rank);
    }
    const tthc_agg *g = rp->agg;
#define N(id) (long long)count_of(g, i, TTHC_COUNT_##id)
    printf("  received %lld, accepted %lld, pending %lld; resolved %lld (early %lld, on time %lld, "
           "late %lld); in progress %lld (overdue %lld); refused %lld; withdrawn %lld\n",
           N(RECEIVED), N(ACCEPTED), N(PENDING), N(RESOLVED), N(EARLY), N(ON_TIME), N(LATE),
           N(IN_PROGRESS), N(OVERDUE), N(REFUSED), N(WITHDRAWN));
    if (N(PAUSED) + N(SUPPLEMENTED) + N(APOLOGY_ISSUED) + N(APOLOGY_OWED))
      printf("  paused %lld, supplemented %lld (more than once %lld), apologies %lld (late %lld), "
             "apologies owed %lld\n",
             N(PAUSED), N(SUPPLEMENTED), N(MULTI_SUPPLEMENT), N(APOLOGY_ISSUED), N(APOLOGY_LATE),
             N(APOLOGY_OWED));
#undef N
    static const int shown[] = {TTHC_RATE_ON_TIME_766,      TTHC_RATE_ONLINE_RATE,
                                TTHC_RATE_PAID_ONLINE_RATE, TTHC_RATE_DIGITISED_RATE,
                                TTHC_RATE_E_RESULT_RATE,    TTHC_RATE_SAME_DAY_RATE,
                                TTHC_RATE_SATISFACTION_766};
    printf(" ");
    for (size_t r = 0; r < sizeof shown / sizeof *shown; r++) {
      tthc_rate rt = rate_of(g, i, shown[r]);
      fmt_rate(&rt, a);
      printf(" %s %s%s", tthc_rate_name(shown[r]), a, r + 1 < sizeof shown / sizeof *shown ? ";" : "\n");
    }
    tthc_time_stats ts;
    tthc_agg_time(g, i, &ts);
    if (ts.count) {
      fmt_duration(ts.mean, a), fmt_duration(ts.median, b);
      printf("  processing time (%s): %lld resolved, mean %s, median %s%s", ts.working ? "working" : "calendar",
             (long long)ts.count, a, b, ts.median_exact ? "" : " (binned)");
      if (ts.used_share.applicable) {
        fmt_rate(&ts.used_share, c);
        printf(", %s of the time allowed", c);
      }
      printf("\n");
    }
    tthc_eval e;
    tthc_agg_eval_ex(g, i, rp->catalog, &rp->eval, &e);
    if (e.indices) {
      tthc_decimal dv = {e.total_tenths, 1};
      tthc_text_number_format(dv, 0, a, sizeof a, NULL);
      printf("  TT 01/2018 evaluation: %s over %d indices (%s)\n", a, e.indices,
             tthc_grade_name_vi(e.grade));
    }
    for (size_t t = 0; t < tthc_targets_count(rp->targets); t++) {
      tthc_target_check tc;
      tthc_targets_check(rp->targets, t, g, i, &tc);
      tthc_rate bound = {(int64_t)llround(tc.bound * 1e6), 1000000, tc.bound, 1};
      fmt_rate(&bound, b);
      fmt_rate(&tc.actual, a);
      if (tc.pass < 0)
        printf("  target %s %s %s: not applicable\n", tthc_rate_name(tc.rate), tc.is_max ? "≤" : "≥", b);
      else {
        fmt_points(fabs(tc.gap) * 100, c);
        printf("  target %s %s %s: %s, %s (%s %s points)\n", tthc_rate_name(tc.rate),
               tc.is_max ? "≤" : "≥", b, a, tc.pass ? "met" : "MISSED",
               tc.pass ? "margin" : "short by", c);
      }
    }
  }
}

static json_t *rate_json(const tthc_rate *r) {
  char p[32];
  fmt_rate(r, p);
  return json_pack("{s:I,s:I,s:o,s:s}", "num", (json_int_t)r->num, "den", (json_int_t)r->den,
                   "value", r->applicable ? json_real(r->value) : json_null(), "percent", p);
}

static int print_json(const report *rp, tthc_datetime as_of, int64_t bad) {
  char asof[TTHC_DATETIME_STRLEN];
  tthc_datetime_format(as_of, TTHC_DATETIME_SECONDS, asof, sizeof asof, NULL);
  json_t *root = json_object(), *groups = json_array();
  json_object_set_new(root, "as_of", json_string(asof));
  json_object_set_new(root, "skipped",
                      json_pack("{s:I,s:I,s:I,s:I,s:I}", "test",
                                (json_int_t)tthc_agg_skipped(rp->agg, 0), "cancelled",
                                (json_int_t)tthc_agg_skipped(rp->agg, 1), "future",
                                (json_int_t)tthc_agg_skipped(rp->agg, 2), "error",
                                (json_int_t)tthc_agg_skipped(rp->agg, 3), "unreadable",
                                (json_int_t)bad));
  for (size_t i = 0; i < rp->n; i++) {
    tthc_agg_key k;
    tthc_agg_group(rp->agg, i, &k);
    json_t *g = json_object(), *counts = json_object(), *rates = json_object();
    if (rp->keys & TTHC_BY_UNIT) json_object_set_new(g, "unit", json_string(k.unit));
    if (rp->keys & TTHC_BY_FIELD) json_object_set_new(g, "field", json_string(k.field));
    if (rp->keys & TTHC_BY_PROCEDURE) json_object_set_new(g, "procedure", json_string(k.procedure));
    if (rp->keys & TTHC_BY_PERIOD) json_object_set_new(g, "period", json_string(k.label));
    for (int c = 0; c < TTHC__COUNT_N; c++)
      json_object_set_new(counts, tthc_count_name(c), json_integer(count_of(rp->agg, i, c)));
    for (int r = 0; r < TTHC__RATE_N; r++) {
      tthc_rate rt = rate_of(rp->agg, i, r);
      json_object_set_new(rates, tthc_rate_name(r), rate_json(&rt));
    }
    json_object_set_new(g, "counts", counts);
    json_object_set_new(g, "rates", rates);
    tthc_time_stats ts;
    tthc_agg_time(rp->agg, i, &ts);
    json_object_set_new(
        g, "time",
        json_pack("{s:s,s:I,s:I,s:f,s:f,s:b,s:I,s:I,s:I,s:I,s:o}", "unit",
                  ts.working ? "working_seconds" : "calendar_seconds", "count",
                  (json_int_t)ts.count, "sum", (json_int_t)ts.sum, "mean", ts.mean, "median",
                  ts.median, "median_exact", ts.median_exact, "median_lo",
                  (json_int_t)ts.median_lo, "median_hi", (json_int_t)ts.median_hi, "min",
                  (json_int_t)ts.min, "max", (json_int_t)ts.max, "used_share",
                  rate_json(&ts.used_share)));
    tthc_eval e;
    tthc_agg_eval_ex(rp->agg, i, rp->catalog, &rp->eval, &e);
    json_t *idx = json_array();
    for (int x = 0; x < 9; x++)
      json_array_append_new(idx, e.tenths[x] < 0 ? json_null() : json_real(e.tenths[x] / 10.0));
    static const char *const sources[3] = {"dossiers", "counts", "catalog"};
    json_t *src = json_array();
    for (int x = 0; x < 9; x++) json_array_append_new(src, json_string(sources[e.derived[x]]));
    json_object_set_new(g, "tt01_2018",
                        json_pack("{s:o,s:o,s:f,s:i,s:s?}", "indices", idx, "sources", src,
                                  "total", e.total_tenths / 10.0, "with_data", e.indices,
                                  "grade", tthc_grade_name(e.grade)));
    const tthc_index766_result *s = &rp->score[i];
    char share[32], rank[32] = "";
    fmt_share(s->share, share);
    if (s->max > 0) tthc_rank_format(rp->rank[i], rp->rank_n[i], rank, sizeof rank, NULL);
    json_t *gr = json_object();
    for (int x = 0; x < 5; x++)
      json_object_set_new(gr, tthc_766_group_name(x),
                          json_pack("{s:f,s:f}", "points", s->group_total[x], "max", s->group_max[x]));
    json_t *applied = json_array(), *missing = json_array();
    for (size_t x = 0; x < s->items; x++) {
      tthc_index766_item it;
      tthc_index766_item_get(rp->table, x, &it);
      if (s->times_applied >> x & 1) json_array_append_new(applied, json_string(it.id));
      if (s->times_missing >> x & 1) json_array_append_new(missing, json_string(it.id));
    }
    json_object_set_new(g, "index766",
                        json_pack("{s:f,s:f,s:f,s:s,s:s?,s:i,s:s,s:o,s:o,s:o}", "points",
                                  s->total, "max", s->max, "share", s->share, "percent", share,
                                  "grade", tthc_grade_name(s->grade), "rank", (int)rp->rank[i],
                                  "rank_text", rank, "groups", gr, "times_applied", applied,
                                  "times_missing", missing));
    json_t *tg = json_array();
    for (size_t t = 0; t < tthc_targets_count(rp->targets); t++) {
      tthc_target_check tc;
      tthc_targets_check(rp->targets, t, rp->agg, i, &tc);
      json_array_append_new(
          tg, json_pack("{s:s,s:s,s:f,s:o,s:o,s:o}", "rate", tthc_rate_name(tc.rate), "kind",
                        tc.is_max ? "max" : "min", "bound", tc.bound, "actual",
                        rate_json(&tc.actual), "pass", tc.pass < 0 ? json_null() : json_boolean(tc.pass),
                        "gap", tc.pass < 0 ? json_null() : json_real(tc.gap)));
    }
    json_object_set_new(g, "targets", tg);
    json_array_append_new(groups, g);
  }
  json_object_set_new(root, "groups", groups);
  return cli_print_json(root);
}

static void csv_text(const char *s) {
  if (!strpbrk(s, ",\"\n\r")) {
    fputs(s, stdout);
    return;
  }
  putchar('"');
  for (; *s; s++) {
    if (*s == '"') putchar('"');
    putchar(*s);
  }
  putchar('"');
}

static void print_csv(const report *rp) {
  printf("unit,field,procedure,period");
  for (int c = 0; c < TTHC__COUNT_N; c++) printf(",%s", tthc_count_name(c));
  for (int r = 0; r < TTHC__RATE_N; r++) printf(",%s", tthc_rate_name(r));
  printf(",time_count,time_mean,time_median,time_median_exact,time_used_share,tt01_total,"
         "tt01_grade,index766_points,index766_max,index766_share,index766_grade,rank");
  for (size_t t = 0; t < tthc_targets_count(rp->targets); t++) {
    tthc_target_check tc;
    if (rp->n) tthc_targets_check(rp->targets, t, rp->agg, 0, &tc);
    else tc.rate = 0, tc.is_max = 0;
    printf(",target_%s_%s", tthc_rate_name(tc.rate), tc.is_max ? "max" : "min");
  }
  printf("\n");
  for (size_t i = 0; i < rp->n; i++) {
    tthc_agg_key k;
    tthc_agg_group(rp->agg, i, &k);
    csv_text(k.unit), putchar(','), csv_text(k.field), putchar(','), csv_text(k.procedure);
    printf(",%s", k.label);
    for (int c = 0; c < TTHC__COUNT_N; c++) printf(",%lld", (long long)count_of(rp->agg, i, c));
    for (int r = 0; r < TTHC__RATE_N; r++) {
      tthc_rate rt = rate_of(rp->agg, i, r);
      if (rt.applicable) printf(",%.6f", rt.value);
      else printf(",");
    }
    tthc_time_stats ts;
    tthc_agg_time(rp->agg, i, &ts);
    printf(",%lld,%.1f,%.1f,%d,", (long long)ts.count, ts.mean, ts.median, ts.median_exact);
    if (ts.used_share.applicable) printf("%.6f", ts.used_share.value);
    tthc_eval e;
    tthc_agg_eval_ex(rp->agg, i, rp->catalog, &rp->eval, &e);
    printf(",%.1f,%s", e.total_tenths / 10.0, e.indices ? tthc_grade_name(e.grade) : "");
    const tthc_index766_result *s = &rp->score[i];
    printf(",%.4f,%.4f,%.6f,%s,%d", s->total, s->max, s->share,
           s->max > 0 ? tthc_grade_name(s->grade) : "", s->max > 0 ? (int)rp->rank[i] : 0);
    for (size_t t = 0; t < tthc_targets_count(rp->targets); t++) {
      tthc_target_check tc;
      tthc_targets_check(rp->targets, t, rp->agg, i, &tc);
      printf(",%s", tc.pass < 0 ? "n/a" : tc.pass ? "met" : "missed");
    }
    printf("\n");
  }
}

static int load_json_file(const char *path, const char *what, char **buf, size_t *len) {
  *buf = read_file(path, len);
  if (!*buf) return cli_input_error(CMD, "cannot read %s file '%s'", what, path);
  return CLI_OK;
}

int cmd_indicators(int argc, char **argv) {
  opts o = {0};
  cli_opt table[] = {{"--by", true, &o.by, NULL},           {"--as-of", true, &o.as_of, NULL},
                     {"--catalog", true, &o.catalog, NULL}, {"--targets", true, &o.targets, NULL},
                     {"--index766", true, &o.table, NULL},  {"--policy", true, &o.policy, NULL},
                     {"--external", true, &o.external, NULL}, {"--level", true, &o.level, NULL},
                     {"--one-stop-all", true, &o.one_stop, NULL},
                     {"--json", false, NULL, &o.json},      {"--csv", false, NULL, &o.csv},
                     {"--skip-bad", false, NULL, &o.skip_bad},
                     {"--na-zero", false, NULL, &o.na_zero}, {"--threads", true, &o.threads, NULL},
                     CLI_CAL_OPTIONS(o.cal), {0}};
  char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) return cli_input_error(CMD, "out of memory");
  int n = cli_parse(argc, argv, table, (const char **)files, argc, &o.help);
  if (n < 0) return free(files), CLI_USAGE;
  if (o.help) {
    puts("usage: tthc indicators FILE... [--by KEYS] [--as-of DATETIME] [--catalog FILE]\n"
         "                       [--targets FILE] [--index766 FILE] [--external FILE]\n"
         "                       [--level L] [--one-stop-all yes|no] [--policy P]\n"
         "                       [--skip-bad] [--na-zero] [--threads N] [--json|--csv]\n"
         "Service indicators over dossier files (JSON Lines, or CSV for *.csv; '-' reads JSON\n"
         "Lines from standard input): counts, rates (N/A when there is no dossier of the kind),\n"
         "processing time in working hours, the TT 01/2018 evaluation, the 766 index with ranks\n"
         "(among groups that differ only in the unit) and targets.\n"
         "  --by KEYS      comma list of unit, field, procedure and one of day, week, month,\n"
         "                 quarter, year (default: unit; 'none' for one group)\n"
         "  --as-of T      report instant (default: now); dossiers are classified at T\n"
         "  --catalog F    procedure catalog (JSON) for fields, limits, fees, 4-at-place; also\n"
         "                 TT 01/2018 indices 5 and 9 and 766 indicators 1.3, 3.1, 3.2, 3.5\n"
         "  --targets F    target set (JSON), e.g. {\"targets\":[{\"rate\":\"online\",\"min\":0.85}]}\n"
         "  --index766 F   766 point table (JSON) replacing the built-in defaults\n"
         "  --external F   766 rates not in dossiers (JSON), e.g. {\"1.4\": 0.97, \"3.5\": \"80%\"}\n"
         "  --level L      with --catalog: the unit's level (central, province, district,\n"
         "                 commune): its procedures are the catalog's records of that level\n"
         "                 (default: the whole catalog)\n"
         "  --one-stop-all yes|no\n"
         "                 with --catalog: did the One-stop receive and return every dossier\n"
         "                 of its procedures? Scores TT 01/2018 index 5 (1 or 0) when too few\n"
         "                 procedures are fully handled at the counter (default: not known)\n"
         "  --policy P     by-instant, restart, multi-ok (comma list; see docs/dossier.md)\n"
         "  --skip-bad     report malformed records on stderr and go on (default: stop)\n"
         "  --na-zero      766: score indicators without data 0 of their points\n"
         "  --threads N    read and aggregate in N threads (default 1; 0: one per online CPU);\n"
         "                 the output is the same\n"
         CLI_CAL_HELP
         "Working time is counted on the national calendar (08:00-12:00, 13:00-17:00).\n"
         "When stderr is a terminal, a progress line shows after a second of reading\n"
         "(TTHC_PROGRESS=1 forces it, TTHC_PROGRESS=0 turns it off; see docs/cli.md).");
    free(files);
    return CLI_OK;
  }
  if (n == 0) return free(files), cli_usage_error(CMD, "expected at least one FILE (see tthc indicators --help)");
  if (o.json && o.csv) return free(files), cli_usage_error(CMD, "--json and --csv exclude each other");
  unsigned keys = TTHC_BY_UNIT, policy = 0;
  int period = 0, threads = 1;
  tthc_eval_policy eval;
  if ((o.by && !parse_by(o.by, &keys, &period)) || (o.policy && !parse_policy(o.policy, &policy)) ||
      (o.threads && !cli_read_parse_threads(CMD, o.threads, &threads)) ||
      !parse_eval_policy(&o, &eval))
    return free(files), CLI_USAGE;
  tthc_datetime as_of;
  if (o.as_of) {
    if (!cli_parse_datetime(CMD, o.as_of, &as_of)) return free(files), CLI_BAD_INPUT;
  } else {
    tthc_datetime_from_unix((int64_t)time(NULL), &as_of);
  }
  int rc = CLI_OK;
  tthc_cal *cal = NULL;
  tthc_catalog *cat = NULL;
  tthc_targets *tg = NULL;
  tthc_index766 *t766 = NULL;
  tthc_agg *agg = NULL, *by_proc = NULL;
  report rp = {0};
  tthc_error err;
  tthc_status st;
  char *buf = NULL;
  size_t len = 0;
  tthc_date day = tthc_datetime_date(as_of);
  if ((rc = cli_cal_build_span(CMD, day - 366 * 15, day + 366, &o.cal, &cal)) != CLI_OK) goto out;
  if (o.catalog && (st = tthc_catalog_load_file(o.catalog, &cat, &err)) != TTHC_OK) {
    rc = cli_status_error(CMD, st, &err);
    goto out;
  }
  if (o.targets) {
    if ((rc = load_json_file(o.targets, "targets", &buf, &len)) != CLI_OK) goto out;
    if ((st = tthc_targets_from_json(buf, len, &tg, &err)) != TTHC_OK) {
      fprintf(stderr, "tthc %s: %s: ", CMD, o.targets);
      rc = cli_status_error(CMD, st, &err);
      goto out;
    }
    free(buf), buf = NULL;
  }
  if (o.table) {
    if ((rc = load_json_file(o.table, "766 table", &buf, &len)) != CLI_OK) goto out;
    st = tthc_index766_from_json(buf, len, &t766, &err);
  } else {
    st = tthc_index766_default(&t766);
  }
  if (st != TTHC_OK) {
    rc = cli_status_error(CMD, st, &err);
    goto out;
  }
  tthc_rate external[TTHC_766_MAX_ITEMS];
  memset(external, 0, sizeof external);
  if (o.external) {
    free(buf), buf = NULL;
    if ((rc = load_json_file(o.external, "external rates", &buf, &len)) != CLI_OK) goto out;
    if ((st = tthc_index766_external_from_json(t766, buf, len, external, &err)) != TTHC_OK) {
      fprintf(stderr, "tthc %s: %s: ", CMD, o.external);
      rc = cli_status_error(CMD, st, &err);
      goto out;
    }
  }
  /* with a catalog the dossiers are counted per procedure too (766 3.2), then rolled up */
  agg_config ac = {cat ? keys | TTHC_BY_PROCEDURE : keys, period, policy, as_of,
                   {cal, NULL, NULL, {NULL, NULL, NULL}}, cat};
  if (new_agg(&ac, &agg) != TTHC_OK) {
    rc = cli_input_error(CMD, "out of memory");
    goto out;
  }
  int64_t bad = 0;
  cli_read_opts ro = {CMD, o.skip_bad, threads, new_agg, &ac};
  if ((rc = cli_read_dossiers(files, n, agg, &ro, &bad)) != CLI_OK) goto out;
  if (cat && !(keys & TTHC_BY_PROCEDURE)) {
    by_proc = agg;
    if (tthc_agg_rollup(by_proc, keys, &agg) != TTHC_OK) {
      agg = NULL;
      rc = cli_input_error(CMD, "out of memory");
      goto out;
    }
  }
  rp.agg = agg, rp.table = t766, rp.targets = tg, rp.keys = keys, rp.catalog = cat, rp.eval = eval;
  rp.n = tthc_agg_group_count(agg);
  rp.score = calloc(rp.n ? rp.n : 1, sizeof *rp.score);
  if (!rp.score) {
    rc = cli_input_error(CMD, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < rp.n; i++) {
    tthc_rate ext[TTHC_766_MAX_ITEMS];
    memcpy(ext, external, sizeof ext);
    if ((cat && (st = tthc_index766_catalog_rates(t766, cat, &eval, by_proc ? by_proc : agg, agg,
                                                  i, ext)) != TTHC_OK) ||
        (st = tthc_index766_score(t766, agg, i, ext, o.na_zero ? TTHC_766_NA_ZERO : 0,
                                  &rp.score[i])) != TTHC_OK) {
      rc = cli_input_error(CMD, "766 index of group %zu: %s", i + 1, tthc_strerror(st));
      goto out;
    }
  }
  if (!rank_groups(&rp)) {
    rc = cli_input_error(CMD, "out of memory");
    goto out;
  }
  if (o.json) rc = print_json(&rp, as_of, bad);
  else if (o.csv) print_csv(&rp);
  else print_text(&rp, as_of, bad);
out:
  free(buf);
  free(rp.score), free(rp.rank), free(rp.rank_n);
  tthc_agg_free(agg);
  tthc_agg_free(by_proc);
  tthc_index766_free(t766);
  tthc_targets_free(tg);
  tthc_catalog_free(cat);
  tthc_cal_free(cal);
  free(files);
  return rc;
}
