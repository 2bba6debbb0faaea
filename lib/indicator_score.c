/* indicator: TT 01/2018 evaluation, the 766 index, targets, rankings, percentages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicator_internal.h"
#include "json_internal.h"
#include "tthc/text.h"

/* ======================================================================================== */
/* Percentages and ranks                                                                      */
/* ======================================================================================== */

static const int64_t pow10_tab[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};

static tthc_status write_percent(int64_t units, int decimals, char *buf, size_t cap,
                                 size_t *needed) {
  tthc_decimal v = {units, decimals};
  return tthc_text_number_format(v, TTHC_NUMBER_PERCENT, buf, cap, needed);
}

tthc_status tthc_rate_format(const tthc_rate *rate, int decimals, char *buf, size_t cap,
                             size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!rate || (!buf && cap > 0), TTHC_EINVAL);
  TTHC_RETURN_IF(decimals < 0 || decimals > 6, TTHC_ERANGE);
  TTHC_RETURN_IF(rate->den < 0 || rate->num < 0 || (rate->den > 0 && rate->num > rate->den),
                 TTHC_EINVAL);
  if (rate->den == 0) {
    if (needed) *needed = 3;
    TTHC_RETURN_IF(cap < 4, TTHC_ENOSPC);
    memcpy(buf, "N/A", 4);
    return TTHC_OK;
  }
  /* round half up: (2 · num · 100 · 10^d + den) / (2 · den), in 128 bits */
  __int128 scaled = (__int128)rate->num * 100 * pow10_tab[decimals];
  __int128 units = (2 * scaled + rate->den) / (2 * (__int128)rate->den);
  return write_percent((int64_t)units, decimals, buf, cap, needed);
}

tthc_status tthc_percent_format(double fraction, int decimals, char *buf, size_t cap,
                                size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!buf && cap > 0, TTHC_EINVAL);
  TTHC_RETURN_IF(decimals < 0 || decimals > 6, TTHC_ERANGE);
  TTHC_RETURN_IF(isnan(fraction) || fabs(fraction) > 1e12, TTHC_ERANGE);
  /* round the decimal digits printed by %.*f one place further, so 0.87035 → 87,04 as written */
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%.*f", decimals + 3, fraction * 100);
  double x = strtod(tmp, NULL) * (double)pow10_tab[decimals];
  int64_t units = (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
  return write_percent(units, decimals, buf, cap, needed);
}

tthc_status tthc_rank(const double *scores, size_t n, int32_t *ranks) {
  TTHC_RETURN_IF(n > 0 && (!scores || !ranks), TTHC_EINVAL);
  /* O(n²) is fine for the unit counts reports rank (tens to a few thousand) */
  for (size_t i = 0; i < n; i++) {
    int32_t r = 1;
    for (size_t j = 0; j < n; j++) {
      if (isnan(scores[i])) r += !isnan(scores[j]);
      else r += !isnan(scores[j]) && scores[j] > scores[i];
    }
    ranks[i] = r;
  }
  return TTHC_OK;
}

tthc_status tthc_rank_format(int32_t rank, int32_t n, char *buf, size_t cap, size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!buf && cap > 0, TTHC_EINVAL);
  TTHC_RETURN_IF(n < 1 || rank < 1 || rank > n, TTHC_ERANGE);
  int width = 1;
  for (int32_t v = n; v >= 10; v /= 10) width++;
  if (width < 2) width = 2;
  char tmp[32];
  int len = snprintf(tmp, sizeof tmp, "%0*d/%0*d", width, (int)rank, width, (int)n);
  if (needed) *needed = (size_t)len;
  TTHC_RETURN_IF((size_t)len + 1 > cap, TTHC_ENOSPC);
  memcpy(buf, tmp, (size_t)len + 1);
  return TTHC_OK;
}

/* ======================================================================================== */
/* TT 01/2018 evaluation                                                                      */
/* ======================================================================================== */

static const char *const grade_names[] = {NULL, "weak", "average", "fair", "good", "excellent"};
static const char *const grade_vi[] = {NULL, "Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"};

const char *tthc_grade_name(int grade) { return grade >= 1 && grade <= 5 ? grade_names[grade] : NULL; }
const char *tthc_grade_name_vi(int grade) { return grade >= 1 && grade <= 5 ? grade_vi[grade] : NULL; }

/* Grade of a TT 01/2018 total in tenths: ≥ 15 excellent, 12 good, 9 fair, 6 average. */
static int eval_grade(int total_tenths) {
  return total_tenths >= 150   ? TTHC_GRADE_EXCELLENT
         : total_tenths >= 120 ? TTHC_GRADE_GOOD
         : total_tenths >= 90  ? TTHC_GRADE_FAIR
         : total_tenths >= 60  ? TTHC_GRADE_AVERAGE
                               : TTHC_GRADE_WEAK;
}

tthc_status tthc_eval_score(const int64_t sum[9], const int64_t n[9], tthc_eval *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!sum || !n, TTHC_EINVAL);
  for (int i = 0; i < 9; i++)
    TTHC_RETURN_IF(n[i] < 0 || sum[i] < 0 || sum[i] > 2 * n[i], TTHC_EINVAL);
  for (int i = 0; i < 9; i++) {
    out->n[i] = n[i];
    if (n[i] == 0) {
      out->tenths[i] = -1;
      continue;
    }
    /* Σ/n rounded half up to one decimal, exactly: (20·Σ + n) / (2n) tenths */
    out->tenths[i] = (int)((20 * sum[i] + n[i]) / (2 * n[i]));
    out->total_tenths += out->tenths[i];
    out->indices++;
  }
  out->grade = out->indices ? eval_grade(out->total_tenths) : TTHC_GRADE_NONE;
  return TTHC_OK;
}

/* Total, number of indices with data and grade of an evaluation from its tenths. */
static void eval_total(tthc_eval *out) {
  out->total_tenths = 0;
  out->indices = 0;
  for (int k = 0; k < 9; k++)
    if (out->tenths[k] >= 0) out->total_tenths += out->tenths[k], out->indices++;
  out->grade = out->indices ? eval_grade(out->total_tenths) : TTHC_GRADE_NONE;
}

tthc_status tthc_agg_eval(const tthc_agg *a, size_t i, tthc_eval *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!a, TTHC_EINVAL);
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  TTHC_TRY(tthc_eval_score(g->eval_sum, g->eval_n, out));
  const int64_t *c = g->c;
  /* Unit-level indices derived from the unit's counts when no dossier recorded them. */
  if (g->eval_n[7] == 0) { /* index 8: feedback handled in time */
    int64_t fb = c[TTHC_COUNT_FB_RECEIVED], ok = c[TTHC_COUNT_FB_ON_TIME];
    out->tenths[7] = fb == 0 || ok == fb ? 20 : ok * 10 >= fb * 9 ? 10 : 0;
    out->derived[7] = TTHC_EVAL_FROM_COUNTS;
  }
  if (g->eval_n[8] == 0 && c[TTHC_COUNT_RECEIVED] > 0) { /* index 9: online services */
    int64_t on = c[TTHC_COUNT_ONLINE], all = c[TTHC_COUNT_RECEIVED];
    bool none_late = c[TTHC_COUNT_ONLINE_LATE] == 0;
    out->tenths[8] = none_late && on * 100 >= all * 30 ? 20 : none_late && on * 100 >= all * 15 ? 10 : 0;
    out->derived[8] = TTHC_EVAL_FROM_COUNTS;
  }
  eval_total(out);
  return TTHC_OK;
}

/* ---- the unit-level indices from a catalog (tthc_agg_eval_ex) ---------------------------- */

tthc_status tthc_eval_policy_default(tthc_eval_policy *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  out->level = TTHC_LEVEL_UNKNOWN;
  out->online_procs_pct = 20;
  out->online_high_pct = 30;
  out->online_low_pct = 15;
  out->full_counter_pct[TTHC_LEVEL_CENTRAL] = 20;
  out->full_counter_pct[TTHC_LEVEL_PROVINCE] = 20;
  out->full_counter_pct[TTHC_LEVEL_DISTRICT] = 50;
  out->full_counter_pct[TTHC_LEVEL_COMMUNE] = 100;
  out->one_stop_all = -1;
  return TTHC_OK;
}

static tthc_status policy_check(const tthc_eval_policy *p) {
  TTHC_RETURN_IF(p->level < TTHC_LEVEL_UNKNOWN || p->level > TTHC_LEVEL_COMMUNE, TTHC_EINVAL);
  TTHC_RETURN_IF(p->one_stop_all < -1 || p->one_stop_all > 1, TTHC_EINVAL);
  for (size_t k = 0; k < sizeof p->reserved_ / sizeof *p->reserved_; k++)
    TTHC_RETURN_IF(p->reserved_[k] != 0, TTHC_EINVAL);
  int pct[8] = {p->online_procs_pct, p->online_high_pct, p->online_low_pct};
  memcpy(pct + 3, p->full_counter_pct, sizeof p->full_counter_pct);
  for (int k = 0; k < 8; k++) TTHC_RETURN_IF(pct[k] < 0 || pct[k] > 100, TTHC_ERANGE);
  return TTHC_OK;
}

/* Does the record show the parts of NĐ 63/2010 Art. 8(2) that a record carries: a name, a
 * dossier component, a limit on a channel (time limit and method), an implementing agency? */
static bool proc_complete(const tthc_proc *pr) {
  const char *name = tthc_proc_name(pr), *agency = tthc_proc_agency(pr);
  bool limit = false;
  for (int ch = 0; ch < TTHC_CHANNEL_COUNT; ch++)
    limit |= tthc_proc_limit(pr, (tthc_channel)ch, NULL, NULL) == TTHC_OK;
  return name && *name && agency && *agency && tthc_proc_document_count(pr) > 0 && limit;
}

/* What a catalog says about a unit's procedures. */
typedef struct census {
  int64_t procs;        /* the unit's procedures */
  int64_t online;       /* with an online service (partial or full) */
  int64_t full_counter; /* 4-at-place eligible at the counter with a complete dossier */
  int64_t complete;     /* proc_complete() */
  int64_t fee;          /* proc_fee(): a financial obligation (766 3.5) */
  int level;            /* the unit's level, TTHC_LEVEL_UNKNOWN if not known */
} census;

static bool proc_online(const tthc_proc *pr) {
  tthc_online on = tthc_proc_online(pr);
  return on == TTHC_ONLINE_PARTIAL || on == TTHC_ONLINE_FULL;
}

/* A fee or charge (phí or lệ phí) above 0 on any channel: a financial obligation. A record
 * whose only entries are 0 ("miễn lệ phí") has none. */
static bool proc_fee(const tthc_proc *pr) {
  for (size_t i = 0; i < tthc_proc_fee_count(pr); i++) {
    int64_t amount = 0;
    if (tthc_proc_fee(pr, i, NULL, NULL, &amount, NULL) == TTHC_OK && amount > 0) return true;
  }
  return false;
}

static bool unit_proc(const tthc_proc *pr, const tthc_eval_policy *p) {
  return p->level == TTHC_LEVEL_UNKNOWN || (int)tthc_proc_level_of(pr) == p->level;
}

static void take_census(const tthc_catalog *cat, const tthc_eval_policy *p, census *u) {
  memset(u, 0, sizeof *u);
  const tthc_proc_rules *rules = tthc_catalog_rules(cat);
  int common = -1; /* the level every record states: -1 none seen yet, -2 they differ */
  for (size_t k = 0; k < tthc_catalog_count(cat); k++) {
    const tthc_proc *pr = tthc_catalog_at(cat, k);
    if (!unit_proc(pr, p)) continue;
    int lv = (int)tthc_proc_level_of(pr);
    if (lv != TTHC_LEVEL_UNKNOWN) common = common == -1 || common == lv ? lv : -2;
    u->procs++;
    u->online += proc_online(pr);
    int eligible = 0;
    if (tthc_fourplace_check(pr, TTHC_CHANNEL_DIRECT, rules, 1, &eligible, NULL) == TTHC_OK)
      u->full_counter += eligible != 0;
    u->complete += proc_complete(pr);
    u->fee += proc_fee(pr);
  }
  u->level = p->level != TTHC_LEVEL_UNKNOWN ? p->level : common > 0 ? common : TTHC_LEVEL_UNKNOWN;
}

/* a ≥ pct % of b, exactly */
static bool at_least(int64_t a, int64_t b, int pct) { return a * 100 >= b * (int64_t)pct; }

tthc_status tthc_agg_eval_ex(const tthc_agg *a, size_t i, const tthc_catalog *catalog,
                             const tthc_eval_policy *policy, tthc_eval *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  tthc_eval_policy def;
  if (!policy) tthc_eval_policy_default(&def), policy = &def;
  TTHC_TRY(policy_check(policy));
  TTHC_TRY(tthc_agg_eval(a, i, out));
  if (!catalog) return TTHC_OK;
  census u;
  take_census(catalog, policy, &u);
  if (u.procs == 0) return TTHC_OK;
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  const int64_t *c = g->c;
  if (g->eval_n[8] == 0 && c[TTHC_COUNT_RECEIVED] > 0) { /* index 9, the full rule */
    int64_t on = c[TTHC_COUNT_ONLINE], all = c[TTHC_COUNT_RECEIVED];
    bool none_late = c[TTHC_COUNT_ONLINE_LATE] == 0;
    out->tenths[8] = none_late && at_least(u.online, u.procs, policy->online_procs_pct) &&
                             at_least(on, all, policy->online_high_pct)
                         ? 20
                     : none_late && u.online > 0 && at_least(on, all, policy->online_low_pct)
                         ? 10
                         : 0;
    out->derived[8] = TTHC_EVAL_FROM_CATALOG;
  }
  if (g->eval_n[4] == 0 && u.level != TTHC_LEVEL_UNKNOWN) { /* index 5 */
    int score = at_least(u.full_counter, u.procs, policy->full_counter_pct[u.level]) ? 20
                : policy->one_stop_all == 1                                          ? 10
                : policy->one_stop_all == 0                                          ? 0
                                                                                     : -1;
    if (score >= 0) out->tenths[4] = score, out->derived[4] = TTHC_EVAL_FROM_CATALOG;
  }
  eval_total(out);
  return TTHC_OK;
}

/* ======================================================================================== */
/* The 766 index                                                                              */
/* ======================================================================================== */

static const char *const group766[5] = {"publicity", "progress", "digitisation", "online",
                                        "satisfaction"};
static const double group766_max[5] = {18, 20, 22, 22, 18};

const char *tthc_766_group_name(int group) { return group >= 0 && group < 5 ? group766[group] : NULL; }

typedef struct item766 {
  char *id, *name;
  int group;
  int rate; /* tthc_rate_id, or -1 external */
  int times; /* index of the multiplier, or -1 */
  double points, threshold;
} item766;

struct tthc_index766 {
  char *source;
  double group_max[5];
  double bands[4]; /* minimum share ×100 for excellent, good, fair, average */
  item766 item[TTHC_766_MAX_ITEMS];
  size_t n;
};

/* The built-in table. Group maxima, thresholds and bands: FACTS §6.1 (bands 80/70/50
 * UNCONFIRMED). Per-indicator points: DEFAULTS chosen so each group sums to its maximum, with
 * the two fragments seen in a secondary source (1.2 → 4 of 18, 5.4 → 6 of 18; 2.1 → all 20). */
static const struct {
  const char *id, *name, *rate;
  int group;
  double points, threshold;
  const char *times; /* id of the multiplier */
} default766[] = {
    {"1.1", "Tỷ lệ TTHC công bố đúng hạn", NULL, 0, 4, 0, NULL},
    {"1.2", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", NULL, 0, 4, 0, NULL},
    {"1.3", "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành", NULL, 0, 4, 0, NULL},
    {"1.4", "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia", NULL, 0, 6, 0, NULL},
    {"2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", "on_time_766", 1, 20, 0, NULL},
    {"3.1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", NULL, 3, 4, 0.8, NULL},
    {"3.2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", NULL, 3, 4, 0, NULL},
    {"3.3", "Tỷ lệ hồ sơ TTHC nộp trực tuyến", "online_766", 3, 6, 0.5, "1.4"},
    {"3.5", "Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến", NULL, 3, 4,
     0.8, NULL},
    {"3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", "paid_online", 3, 4, 0, NULL},
    {"4.1", "Tỷ lệ hồ sơ có cấp kết quả giải quyết điện tử", "e_result", 2, 6, 0, NULL},
    {"4.2", "Tỷ lệ hồ sơ thực hiện số hóa hồ sơ", "digitised_766", 2, 6, 0.8, NULL},
    {"4.3", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa", "reuse", 2, 4, 0.8, NULL},
    {"4.4", "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu", NULL, 2, 3, 0, NULL},
    {"4.5", "Ứng dụng dữ liệu dân cư trong giải quyết TTHC", "vneid", 2, 3, 0, NULL},
    {"5.1", "Tỷ lệ phản ánh, kiến nghị theo phân loại", "feedback_classified", 4, 3, 0, NULL},
    {"5.2", "Tiến độ xử lý phản ánh, kiến nghị", "feedback_on_time", 4, 3, 0, NULL},
    {"5.3", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", "feedback_satisfied", 4, 6, 0, NULL},
    {"5.4", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", "satisfaction_766", 4, 6, 0.9, NULL},
};

static char *dupstr(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

void tthc_index766_free(tthc_index766 *t) {
  if (!t) return;
  for (size_t i = 0; i < t->n; i++) free(t->item[i].id), free(t->item[i].name);
  free(t->source);
  free(t);
}

static const double default_bands[4] = {90, 80, 70, 50};

tthc_status tthc_index766_default(tthc_index766 **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  tthc_index766 *t = calloc(1, sizeof *t);
  TTHC_RETURN_IF(!t, TTHC_ENOMEM);
  t->source = dupstr("libtthc defaults: groups, thresholds and bands of QĐ 766/QĐ-TTg as "
                     "described by VPCP (FACTS §6.1); per-indicator points are NOT the "
                     "decision's table (unconfirmed) — replace them");
  memcpy(t->group_max, group766_max, sizeof t->group_max);
  memcpy(t->bands, default_bands, sizeof t->bands);
  for (size_t i = 0; i < sizeof default766 / sizeof *default766; i++) {
    item766 *it = &t->item[t->n++];
    it->id = dupstr(default766[i].id);
    it->name = dupstr(default766[i].name);
    it->group = default766[i].group;
    it->rate = -1;
    if (default766[i].rate) tthc_rate_from_name(default766[i].rate, &it->rate);
    it->points = default766[i].points;
    it->threshold = default766[i].threshold;
    it->times = -1;
    for (size_t j = 0; default766[i].times && j < sizeof default766 / sizeof *default766; j++)
      if (strcmp(default766[j].id, default766[i].times) == 0) it->times = (int)j;
    if (!it->id || !it->name) {
      tthc_index766_free(t);
      return TTHC_ENOMEM;
    }
  }
  if (!t->source) {
    tthc_index766_free(t);
    return TTHC_ENOMEM;
  }
  *out = t;
  return TTHC_OK;
}

/* In the JSON loaders: report a format error and leave through `done`. */
#define FAIL(...)                                                   \
  do {                                                              \
    st = tthc__error_set(err, TTHC_EFORMAT, 0, 0, -1, __VA_ARGS__); \
    goto done;                                                      \
  } while (0)

static tthc_status json_syntax(tthc_error *err, const json_error_t *je, int oom) {
  if (oom) return tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, "out of memory reading the JSON");
  return tthc__error_set(err, TTHC_ESYNTAX, je->line, je->column, je->position,
                         "line %d, column %d: %s", je->line, je->column, je->text);
}

static int group_from_name(const char *s) {
  for (int g = 0; g < 5; g++)
    if (s && strcmp(s, group766[g]) == 0) return g;
  return -1;
}

tthc_status tthc_index766_from_json(const char *json, size_t len, tthc_index766 **out,
                                    tthc_error *err) {
  if (out) *out = NULL;
  if (!json || !out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  json_error_t je;
  int oom;
  json_t *root = tthc__json_loadb(json, len, JSON_REJECT_DUPLICATES, &je, &oom);
  if (!root) return json_syntax(err, &je, oom);
  tthc_index766 *t = calloc(1, sizeof *t);
  tthc_status st = TTHC_OK;
  if (!t) {
    json_decref(root);
    return TTHC_ENOMEM;
  }
  memcpy(t->group_max, group766_max, sizeof t->group_max);
  memcpy(t->bands, default_bands, sizeof t->bands);
  if (!json_is_object(root)) FAIL("the 766 table must be a JSON object");
  json_t *src = json_object_get(root, "source");
  t->source = dupstr(json_is_string(src) ? json_string_value(src) : "");
  json_t *groups = json_object_get(root, "groups");
  if (groups) {
    if (!json_is_object(groups)) FAIL("\"groups\" must map group names to maximum points");
    const char *k;
    json_t *v;
    json_object_foreach(groups, k, v) {
      int g = group_from_name(k);
      if (g < 0) FAIL("\"groups\": unknown group \"%.40s\" (publicity, progress, "
                      "digitisation, online, satisfaction)", k);
      if (!json_is_number(v) || json_number_value(v) < 0) FAIL("\"groups.%s\" must be a number >= 0", k);
      t->group_max[g] = json_number_value(v);
    }
  }
  json_t *bands = json_object_get(root, "bands");
  if (bands) {
    static const char *const names[4] = {"excellent", "good", "fair", "average"};
    if (!json_is_object(bands)) FAIL("\"bands\" must map grades to minimum percentages");
    for (int b = 0; b < 4; b++) {
      json_t *v = json_object_get(bands, names[b]);
      if (!v) continue;
      if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 100)
        FAIL("\"bands.%s\" must be a percentage 0-100", names[b]);
      t->bands[b] = json_number_value(v);
    }
    for (int b = 1; b < 4; b++)
      if (t->bands[b] > t->bands[b - 1])
        FAIL("\"bands\" must decrease from excellent to average");
  }
  json_t *items = json_object_get(root, "indicators");
  if (!json_is_array(items) || json_array_size(items) == 0)
    FAIL("\"indicators\" must be a non-empty array");
  if (json_array_size(items) > TTHC_766_MAX_ITEMS)
    FAIL("\"indicators\": at most %d indicators", TTHC_766_MAX_ITEMS);
  double group_sum[5] = {0};
  const char *times[TTHC_766_MAX_ITEMS] = {NULL}; /* the "times" ids, resolved at the end */
  for (size_t i = 0; i < json_array_size(items); i++) {
    json_t *o = json_array_get(items, i);
    if (!json_is_object(o)) FAIL("indicator %zu is not an object", i);
    json_t *id = json_object_get(o, "id"), *name = json_object_get(o, "name");
    json_t *grp = json_object_get(o, "group"), *pts = json_object_get(o, "points");
    json_t *thr = json_object_get(o, "threshold"), *rate = json_object_get(o, "rate");
    json_t *tms = json_object_get(o, "times");
    if (!json_is_string(id)) FAIL("indicator %zu: \"id\" must be a string", i);
    const char *ids = json_string_value(id);
    for (size_t j = 0; j < t->n; j++)
      if (strcmp(t->item[j].id, ids) == 0) FAIL("indicator \"%.20s\" appears twice", ids);
    int g = group_from_name(json_is_string(grp) ? json_string_value(grp) : NULL);
    if (g < 0) FAIL("indicator \"%.20s\": \"group\" must name a group", ids);
    if (!json_is_number(pts) || json_number_value(pts) < 0)
      FAIL("indicator \"%.20s\": \"points\" must be a number >= 0", ids);
    double th = 0;
    if (thr && !json_is_null(thr)) {
      if (!json_is_number(thr) || json_number_value(thr) < 0 || json_number_value(thr) > 1)
        FAIL("indicator \"%.20s\": \"threshold\" must be a fraction 0-1", ids);
      th = json_number_value(thr);
    }
    int rid = -1;
    if (rate && !json_is_null(rate)) {
      if (!json_is_string(rate) || tthc_rate_from_name(json_string_value(rate), &rid) != TTHC_OK)
        FAIL("indicator \"%.20s\": unknown rate \"%.40s\"", ids,
             json_is_string(rate) ? json_string_value(rate) : "?");
    }
    if (tms && !json_is_null(tms)) {
      if (!json_is_string(tms) || json_string_length(tms) == 0)
        FAIL("indicator \"%.20s\": \"times\" must be the id of another indicator", ids);
      times[t->n] = json_string_value(tms);
    }
    item766 *it = &t->item[t->n++];
    it->times = -1;
    it->id = dupstr(ids);
    it->name = dupstr(json_is_string(name) ? json_string_value(name) : "");
    if (!it->id || !it->name) {
      st = TTHC_ENOMEM;
      goto done;
    }
    it->group = g;
    it->rate = rid;
    it->points = json_number_value(pts);
    it->threshold = th;
    group_sum[g] += it->points;
  }
  for (size_t i = 0; i < t->n; i++) {
    if (!times[i]) continue;
    if (strcmp(times[i], t->item[i].id) == 0)
      FAIL("indicator \"%.20s\": \"times\" names the indicator itself", t->item[i].id);
    for (size_t j = 0; j < t->n; j++)
      if (strcmp(times[i], t->item[j].id) == 0) t->item[i].times = (int)j;
    if (t->item[i].times < 0)
      FAIL("indicator \"%.20s\": \"times\" names an unknown indicator \"%.20s\"",
           t->item[i].id, times[i]);
  }
  for (int g = 0; g < 5; g++)
    if (group_sum[g] > t->group_max[g] + 1e-9)
      FAIL("group \"%s\": indicator points sum to %g, above the group maximum %g", group766[g],
           group_sum[g], t->group_max[g]);
done:
  json_decref(root);
  if (st != TTHC_OK) {
    tthc_index766_free(t);
    return st;
  }
  *out = t;
  return TTHC_OK;
}

tthc_status tthc_index766_to_json_alloc(const tthc_index766 *t, char **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!t, TTHC_EINVAL);
  json_t *root = json_object();
  json_t *groups = json_object(), *bands = json_object(), *items = json_array();
  if (!root || !groups || !bands || !items) {
    json_decref(root), json_decref(groups), json_decref(bands), json_decref(items);
    return TTHC_ENOMEM;
  }
  /* every set and append is checked: under memory exhaustion jansson drops values, and a
   * table missing some must not be written (json_object_set_new frees the value it refuses) */
  int ok = json_object_set_new(root, "source", json_string(t->source ? t->source : "")) == 0;
  for (int g = 0; ok && g < 5; g++)
    ok = json_object_set_new(groups, group766[g], json_real(t->group_max[g])) == 0;
  static const char *const names[4] = {"excellent", "good", "fair", "average"};
  for (int b = 0; ok && b < 4; b++)
    ok = json_object_set_new(bands, names[b], json_real(t->bands[b])) == 0;
  for (size_t i = 0; ok && i < t->n; i++) {
    const item766 *it = &t->item[i];
    json_t *o = json_object();
    ok = o && json_object_set_new(o, "id", json_string(it->id)) == 0 &&
         json_object_set_new(o, "name", json_string(it->name)) == 0 &&
         json_object_set_new(o, "group", json_string(group766[it->group])) == 0 &&
         json_object_set_new(o, "points", json_real(it->points)) == 0 &&
         json_object_set_new(o, "threshold", json_real(it->threshold)) == 0 &&
         json_object_set_new(o, "rate", it->rate >= 0 ? json_string(tthc_rate_name(it->rate))
                                                      : json_null()) == 0 &&
         (it->times < 0 ||
          json_object_set_new(o, "times", json_string(t->item[it->times].id)) == 0);
    ok = json_array_append_new(items, ok ? o : (json_decref(o), NULL)) == 0 && ok;
  }
  /* the containers are attached (or released) whatever happened */
  ok = json_object_set_new(root, "groups", groups) == 0 && ok;
  ok = json_object_set_new(root, "bands", bands) == 0 && ok;
  ok = json_object_set_new(root, "indicators", items) == 0 && ok;
  char *s = ok ? tthc__json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                            JSON_REAL_PRECISION(10))
               : NULL;
  json_decref(root);
  TTHC_RETURN_IF(!s, TTHC_ENOMEM);
  /* hand over memory released by tthc_free(), out of jansson's (replaceable) allocator */
  size_t n = strlen(s) + 1;
  char *r = malloc(n);
  if (r) memcpy(r, s, n);
  tthc__json_free(s);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  *out = r;
  return TTHC_OK;
}

size_t tthc_index766_count(const tthc_index766 *t) { return t ? t->n : 0; }

tthc_status tthc_index766_item_get(const tthc_index766 *t, size_t i, tthc_index766_item *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!t, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= t->n, TTHC_ERANGE);
  const item766 *it = &t->item[i];
  out->id = it->id;
  out->name_vi = it->name;
  out->group = it->group;
  out->rate = it->rate >= 0 ? tthc_rate_name(it->rate) : NULL;
  out->points = it->points;
  out->threshold = it->threshold;
  return TTHC_OK;
}

const char *tthc_index766_item_times(const tthc_index766 *t, size_t i) {
  if (!t || i >= t->n || t->item[i].times < 0) return NULL;
  return t->item[t->item[i].times].id;
}

static void frac_rate(int64_t num, int64_t den, tthc_rate *out) {
  out->num = num;
  out->den = den;
  out->applicable = den > 0;
  out->value = den > 0 ? (double)num / (double)den : 0.0;
}

static int64_t gcd64(int64_t a, int64_t b) {
  while (b) {
    int64_t r = a % b;
    a = b, b = r;
  }
  return a ? a : 1;
}

/* x × y, exact when the reduced product fits in 64 bits, else to 10^-12. */
static tthc_rate rate_mul(tthc_rate x, tthc_rate y) {
  int64_t g1 = gcd64(x.num, y.den), g2 = gcd64(y.num, x.den);
  int64_t n1 = x.num / g1, d2 = y.den / g1, n2 = y.num / g2, d1 = x.den / g2;
  int64_t num, den;
  tthc_rate r;
  if (tthc__mul_i64(n1, n2, &num) || tthc__mul_i64(d1, d2, &den)) {
    den = 1000000000000;
    num = llround(x.value * y.value * 1e12);
  }
  r.num = num, r.den = den, r.applicable = 1;
  r.value = (double)num / (double)den;
  return r;
}

static double item_points(const item766 *it, const tthc_rate *r) {
  if (!r->applicable) return 0;
  double v = r->value;
  if (it->threshold > 0) return v >= it->threshold ? it->points : v * it->points / it->threshold;
  return v * it->points;
}

tthc_status tthc_index766_item_points(const tthc_index766 *t, size_t i, const tthc_rate *rate,
                                      double *points) {
  TTHC_RETURN_IF(!points, TTHC_EINVAL);
  *points = 0;
  TTHC_RETURN_IF(!t || !rate, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= t->n, TTHC_ERANGE);
  *points = item_points(&t->item[i], rate);
  return TTHC_OK;
}

static int band_grade(const tthc_index766 *t, double pct) {
  /* a tiny tolerance so 90 % computed as 89.999999… is still excellent */
  pct += 1e-9;
  return pct >= t->bands[0]   ? TTHC_GRADE_EXCELLENT
         : pct >= t->bands[1] ? TTHC_GRADE_GOOD
         : pct >= t->bands[2] ? TTHC_GRADE_FAIR
         : pct >= t->bands[3] ? TTHC_GRADE_AVERAGE
                              : TTHC_GRADE_WEAK;
}

tthc_status tthc_index766_score(const tthc_index766 *t, const tthc_agg *a, size_t i,
                                const tthc_rate *external, unsigned flags,
                                tthc_index766_result *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!t || !a || (flags & ~(unsigned)TTHC_766_NA_ZERO), TTHC_EINVAL);
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  out->items = t->n;
  tthc_rate base[TTHC_766_MAX_ITEMS];
  for (size_t k = 0; k < t->n; k++) {
    const item766 *it = &t->item[k];
    tthc_rate r = {0, 0, 0, 0};
    if (it->rate >= 0) tthc__group_rate(g, it->rate, &r);
    else if (external) r = external[k];
    if (r.applicable && (r.den <= 0 || r.num < 0)) r.applicable = 0;
    base[k] = r;
  }
  for (size_t k = 0; k < t->n; k++) {
    const item766 *it = &t->item[k];
    tthc_rate r = base[k];
    if (it->times >= 0 && r.applicable) {
      if (base[it->times].applicable) {
        r = rate_mul(r, base[it->times]);
        out->times_applied |= UINT64_C(1) << k;
      } else {
        out->times_missing |= UINT64_C(1) << k;
      }
    }
    out->item_rate[k] = r;
    out->item_points[k] = item_points(it, &r);
    if (r.applicable || (flags & TTHC_766_NA_ZERO)) {
      out->max += it->points;
      out->group_max[it->group] += it->points;
      out->total += out->item_points[k];
      out->group_total[it->group] += out->item_points[k];
    }
  }
  out->share = out->max > 0 ? out->total / out->max : 0;
  out->grade = out->max > 0 ? band_grade(t, out->share * 100) : TTHC_GRADE_NONE;
  return TTHC_OK;
}

/* The index of the external indicator with id @p id that the caller left empty, or -1. */
static int open_external(const tthc_index766 *t, const char *id, const tthc_rate *external) {
  for (size_t k = 0; k < t->n; k++)
    if (t->item[k].rate < 0 && strcmp(t->item[k].id, id) == 0)
      return external[k].den > 0 && external[k].applicable ? -1 : (int)k;
  return -1;
}

tthc_status tthc_index766_catalog_rates(const tthc_index766 *t, const tthc_catalog *catalog,
                                        const tthc_eval_policy *policy, const tthc_agg *by_proc,
                                        const tthc_agg *a, size_t i, tthc_rate *external) {
  TTHC_RETURN_IF(!t || !catalog || !external || (by_proc && !a), TTHC_EINVAL);
  tthc_eval_policy def;
  if (!policy) tthc_eval_policy_default(&def), policy = &def;
  TTHC_TRY(policy_check(policy));
  tthc_agg_key key;
  if (a) TTHC_TRY(tthc_agg_group(a, i, &key));
  if (by_proc)
    TTHC_RETURN_IF(tthc__agg_keys(by_proc) != (tthc__agg_keys(a) | TTHC_BY_PROCEDURE),
                   TTHC_EINVAL);
  census u;
  take_census(catalog, policy, &u);
  if (u.procs == 0) return TTHC_OK;
  int k;
  if ((k = open_external(t, "1.3", external)) >= 0)
    frac_rate(u.complete, u.procs, &external[k]);
  if ((k = open_external(t, "3.1", external)) >= 0)
    frac_rate(u.online, u.procs, &external[k]);
  /* 3.2 and 3.5 from the per-procedure counts of the group's dossiers */
  int k32 = by_proc && u.online > 0 ? open_external(t, "3.2", external) : -1;
  int k35 = by_proc && u.fee > 0 ? open_external(t, "3.5", external) : -1;
  if (k32 < 0 && k35 < 0) return TTHC_OK;
  /* the unit's procedures, each looked up among the group's per-procedure counts (by hash:
   * the cost grows with the catalog, not with the number of groups) */
  bool one = tthc__agg_keys(a) & TTHC_BY_PROCEDURE; /* the group is one procedure */
  int64_t used = 0, paying = 0;
  for (size_t j = 0; j < tthc_catalog_count(catalog); j++) {
    const tthc_proc *pr = tthc_catalog_at(catalog, j);
    bool online = proc_online(pr), fee = proc_fee(pr);
    if (!(online || fee) || !unit_proc(pr, policy)) continue;
    const char *code = tthc_proc_code(pr);
    if (one && strcmp(code, key.procedure) != 0) continue;
    const tthc__group *g = tthc__agg_group_like(by_proc, a, i, code);
    if (!g) continue;
    used += online && g->c[TTHC_COUNT_ONLINE] > 0;
    paying += fee && g->c[TTHC_COUNT_FEE_BEARING] > 0;
  }
  if (k32 >= 0) frac_rate(used, u.online, &external[k32]);
  if (k35 >= 0) frac_rate(paying, u.fee, &external[k35]);
  return TTHC_OK;
}

tthc_status tthc_index766_external_from_json(const tthc_index766 *t, const char *json,
                                             size_t len, tthc_rate *external, tthc_error *err) {
  if (!t || !json || !external)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  json_error_t je;
  int oom;
  json_t *root = tthc__json_loadb(json, len, JSON_REJECT_DUPLICATES, &je, &oom);
  if (!root) return json_syntax(err, &je, oom);
  tthc_status st = TTHC_OK;
  tthc_rate got[TTHC_766_MAX_ITEMS];
  bool set[TTHC_766_MAX_ITEMS] = {false};
  if (!json_is_object(root)) FAIL("external rates must be a JSON object mapping ids to rates");
  const char *id;
  json_t *v;
  json_object_foreach(root, id, v) {
    size_t k = 0;
    while (k < t->n && strcmp(t->item[k].id, id) != 0) k++;
    if (k == t->n) FAIL("external rate \"%.20s\": no such indicator in the table", id);
    if (t->item[k].rate >= 0)
      FAIL("external rate \"%.20s\": that indicator is computed from dossiers (%s)", id,
           tthc_rate_name(t->item[k].rate));
    int64_t num = 0, den = 0;
    if (json_is_number(v)) {
      double x = json_number_value(v);
      if (x >= 0 && x <= 1) num = llround(x * 1e6), den = 1000000;
    } else if (json_is_string(v)) {
      tthc_decimal d;
      int pct = 0;
      if (tthc_text_number_parse(json_string_value(v), json_string_length(v), &d, &pct, NULL) ==
              TTHC_OK &&
          d.scale >= 0 && d.scale <= 12 && d.units >= 0) {
        num = d.units, den = pow10_tab[d.scale > 6 ? 6 : d.scale];
        for (int e = 6; e < d.scale; e++) den *= 10;
        if (pct) den *= 100;
        if (num > den) den = 0;
      }
    }
    if (den <= 0)
      FAIL("external rate \"%.20s\": expected a fraction 0-1 or a percentage such as "
           "\"80%%\"", id);
    frac_rate(num, den, &got[k]);
    set[k] = true;
  }
  for (size_t k = 0; k < t->n; k++)
    if (set[k]) external[k] = got[k];
done:
  json_decref(root);
  return st;
}

/* ======================================================================================== */
/* Targets                                                                                    */
/* ======================================================================================== */

typedef struct target {
  int rate;
  int is_max;
  double bound;
} target;

struct tthc_targets {
  char *name;
  target *t;
  size_t n;
};

void tthc_targets_free(tthc_targets *t) {
  if (!t) return;
  free(t->name);
  free(t->t);
  free(t);
}

size_t tthc_targets_count(const tthc_targets *t) { return t ? t->n : 0; }
const char *tthc_targets_name(const tthc_targets *t) { return t ? t->name : NULL; }

/* A bound: a JSON number (a fraction) or a string "85%", "87,5%", "0,85". */
static bool parse_bound(json_t *v, double *out) {
  if (json_is_number(v)) {
    *out = json_number_value(v);
    return *out >= 0 && *out <= 1;
  }
  if (!json_is_string(v)) return false;
  tthc_decimal d;
  int pct = 0;
  if (tthc_text_number_parse(json_string_value(v), json_string_length(v), &d, &pct, NULL) != TTHC_OK)
    return false;
  double x = (double)d.units;
  for (int i = 0; i < d.scale; i++) x /= 10;
  if (pct) x /= 100;
  *out = x;
  return x >= 0 && x <= 1;
}

tthc_status tthc_targets_from_json(const char *json, size_t len, tthc_targets **out,
                                   tthc_error *err) {
  if (out) *out = NULL;
  if (!json || !out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  json_error_t je;
  int oom;
  json_t *root = tthc__json_loadb(json, len, JSON_REJECT_DUPLICATES, &je, &oom);
  if (!root) return json_syntax(err, &je, oom);
  tthc_status st = TTHC_OK;
  tthc_targets *t = calloc(1, sizeof *t);
  if (!t) {
    json_decref(root);
    return TTHC_ENOMEM;
  }
  if (!json_is_object(root)) FAIL("a target set must be a JSON object");
  json_t *name = json_object_get(root, "name");
  t->name = dupstr(json_is_string(name) ? json_string_value(name) : "");
  json_t *arr = json_object_get(root, "targets");
  if (!json_is_array(arr)) FAIL("\"targets\" must be an array");
  t->t = calloc(json_array_size(arr) + 1, sizeof *t->t);
  if (!t->name || !t->t) {
    st = TTHC_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i < json_array_size(arr); i++) {
    json_t *o = json_array_get(arr, i);
    if (!json_is_object(o)) FAIL("target %zu is not an object", i);
    json_t *r = json_object_get(o, "rate");
    int id;
    if (!json_is_string(r) || tthc_rate_from_name(json_string_value(r), &id) != TTHC_OK)
      FAIL("target %zu: unknown rate \"%.40s\"", i, json_is_string(r) ? json_string_value(r) : "?");
    json_t *mn = json_object_get(o, "min"), *mx = json_object_get(o, "max");
    if ((mn != NULL) == (mx != NULL))
      FAIL("target %zu (%s): give exactly one of \"min\" and \"max\"", i, json_string_value(r));
    double b;
    if (!parse_bound(mn ? mn : mx, &b))
      FAIL("target %zu (%s): the bound must be a fraction 0-1 or a percentage such as \"85%%\"",
           i, json_string_value(r));
    t->t[t->n].rate = id;
    t->t[t->n].is_max = mx != NULL;
    t->t[t->n].bound = b;
    t->n++;
  }
done:
  json_decref(root);
  if (st != TTHC_OK) {
    tthc_targets_free(t);
    return st;
  }
  *out = t;
  return TTHC_OK;
}

tthc_status tthc_targets_check(const tthc_targets *t, size_t k, const tthc_agg *a, size_t i,
                               tthc_target_check *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!t || !a, TTHC_EINVAL);
  TTHC_RETURN_IF(k >= t->n, TTHC_ERANGE);
  const tthc__group *g;
  TTHC_TRY(tthc__agg_group_get(a, i, &g));
  const target *tg = &t->t[k];
  out->rate = tg->rate;
  out->is_max = tg->is_max;
  out->bound = tg->bound;
  tthc__group_rate(g, tg->rate, &out->actual);
  if (!out->actual.applicable) {
    out->pass = -1;
    return TTHC_OK;
  }
  /* compare the exact fraction with the bound: num/den >= bound  <=>  num >= bound · den */
  double lhs = (double)out->actual.num, rhs = tg->bound * (double)out->actual.den;
  bool ge = lhs >= rhs - 1e-9 * (double)out->actual.den;
  bool le = lhs <= rhs + 1e-9 * (double)out->actual.den;
  out->pass = tg->is_max ? le : ge;
  out->gap = tg->is_max ? out->actual.value - tg->bound : tg->bound - out->actual.value;
  return TTHC_OK;
}
