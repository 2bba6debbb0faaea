/* indicator: what a procedure catalog adds — TT 01/2018 indices 5 and 9 (tthc_agg_eval_ex),
 * the 766 indicators 1.3, 3.1, 3.2, 3.5 (tthc_index766_catalog_rates), the 3.3 × 1.4 multiplier
 * ("times") and external rates from JSON. Every expected value is computed by hand below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"
#include "tthc.h"

/* A record: level, field, limit phrase (NULL: none), agency (NULL: none), documents, online. */
static void add_proc(tthc_catalog_builder *b, const char *code, tthc_proc_level level,
                     const char *field, const char *limit, const char *agency, int docs,
                     tthc_online online) {
  tthc_proc *p;
  assert_int_equal(tthc_proc_new(code, "Thủ tục thử", &p, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_set_level(p, level), TTHC_OK);
  assert_int_equal(tthc_proc_set_field(p, NULL, field), TTHC_OK);
  if (limit) assert_int_equal(tthc_proc_set_limit_text(p, TTHC_CHANNELS_ALL, limit, NULL), TTHC_OK);
  if (agency) assert_int_equal(tthc_proc_set_agency(p, agency), TTHC_OK);
  for (int i = 0; i < docs; i++) assert_int_equal(tthc_proc_add_document(p, "Tờ khai", 1, 0), TTHC_OK);
  assert_int_equal(tthc_proc_set_online(p, online), TTHC_OK);
  assert_int_equal(tthc_catalog_builder_add(b, p), TTHC_OK);
}

/* The unit's catalog. Commune records:
 *   P1 1.000001 Hộ tịch, "Trong ngày", agency, 1 document, partial  → complete, online, counter
 *   P2 1.000002 Chứng thực, "02 ngày làm việc", agency, 0 documents, full → online, counter
 *      (≤ 5 days with a complete dossier), not complete (no component)
 *   P3 1.000003 Đất đai, "20 ngày làm việc", agency, 1 document, none → complete only
 *   P4 1.000004 Đất đai, no limit, agency, 1 document, unknown → nothing
 * and one province record P5 2.000005 Hộ tịch, "Trong ngày", full, complete.
 * Commune: 4 procedures, 2 online, 2 fully at the counter, 2 complete.
 * Whole catalog: 5 procedures, 3 online, 3 at the counter, 3 complete, levels differ. */
static tthc_catalog *make_catalog(void) {
  tthc_catalog_builder *b;
  assert_int_equal(tthc_catalog_builder_new(&b), TTHC_OK);
  const char *ag = "Ủy ban nhân dân cấp xã";
  add_proc(b, "1.000001", TTHC_LEVEL_COMMUNE, "Hộ tịch", "Trong ngày", ag, 1, TTHC_ONLINE_PARTIAL);
  add_proc(b, "1.000002", TTHC_LEVEL_COMMUNE, "Chứng thực", "02 ngày làm việc", ag, 0,
           TTHC_ONLINE_FULL);
  add_proc(b, "1.000003", TTHC_LEVEL_COMMUNE, "Đất đai", "20 ngày làm việc", ag, 1,
           TTHC_ONLINE_NONE);
  add_proc(b, "1.000004", TTHC_LEVEL_COMMUNE, "Đất đai", NULL, ag, 1, TTHC_ONLINE_UNKNOWN);
  add_proc(b, "2.000005", TTHC_LEVEL_PROVINCE, "Hộ tịch", "Trong ngày", "UBND tỉnh", 1,
           TTHC_ONLINE_FULL);
  tthc_catalog *cat;
  assert_int_equal(tthc_catalog_build(b, &cat), TTHC_OK);
  tthc_catalog_builder_free(b);
  return cat;
}

/* A dossier of unit "X" with fee status @p fee (-1 unknown, 0, 1 fee-bearing, 2 synced fee 0),
 * accepted 2025-03-03 09:00 with the appointment 03-05 17:00, resolved early on 03-04 (or late
 * on 03-06). */
static void add_dossier_fee(tthc_agg *a, const char *proc, int channel, int late, int fee) {
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("D", DT(2025, 3, 3, 9, 0, 0), &d), TTHC_OK);
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_UNIT, "X"), TTHC_OK);
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_PROCEDURE, proc), TTHC_OK);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_CHANNEL, channel), TTHC_OK);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_FEE, fee), TTHC_OK);
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  e.kind = TTHC_EVENT_ACCEPTED, e.at = DT(2025, 3, 3, 9, 0, 0), e.due = DT(2025, 3, 5, 17, 0, 0);
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  tthc_dossier_event r = TTHC_DOSSIER_EVENT_INIT;
  r.kind = TTHC_EVENT_RESULT_ISSUED, r.at = DT(2025, 3, late ? 6 : 4, 10, 0, 0);
  assert_int_equal(tthc_dossier_append(d, &r, NULL), TTHC_OK);
  assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK);
  tthc_dossier_free(d);
}

static void add_dossier(tthc_agg *a, const char *proc, int channel, int late) {
  add_dossier_fee(a, proc, channel, late, -1);
}

/* Ten dossiers of unit X, all early: 3 online (all of P1), 7 direct (P3). Online 3/10 = 30 %. */
static tthc_agg *make_agg(unsigned keys, int online_late) {
  tthc_agg *a;
  assert_int_equal(tthc_agg_new(keys, 0, DT(2025, 3, 31, 23, 59, 59), &a), TTHC_OK);
  for (int k = 0; k < 3; k++) add_dossier(a, "1.000001", TTHC_CHANNEL_ONLINE, online_late && !k);
  for (int k = 0; k < 7; k++) add_dossier(a, "1.000003", TTHC_CHANNEL_DIRECT, 0);
  return a;
}

static void test_policy_default(void **state) {
  (void)state;
  tthc_eval_policy p;
  assert_int_equal(tthc_eval_policy_default(&p), TTHC_OK);
  assert_int_equal(p.level, TTHC_LEVEL_UNKNOWN);
  assert_int_equal(p.online_procs_pct, 20);
  assert_int_equal(p.online_high_pct, 30);
  assert_int_equal(p.online_low_pct, 15);
  assert_int_equal(p.full_counter_pct[TTHC_LEVEL_CENTRAL], 20);
  assert_int_equal(p.full_counter_pct[TTHC_LEVEL_PROVINCE], 20);
  assert_int_equal(p.full_counter_pct[TTHC_LEVEL_DISTRICT], 50);
  assert_int_equal(p.full_counter_pct[TTHC_LEVEL_COMMUNE], 100);
  assert_int_equal(p.one_stop_all, -1);
  assert_int_equal(tthc_eval_policy_default(NULL), TTHC_EINVAL);
}

static void test_eval_index9(void **state) {
  (void)state;
  tthc_catalog *cat = make_catalog();
  tthc_agg *a = make_agg(TTHC_BY_UNIT, 0);
  tthc_eval e, plain;
  /* without the catalog: the simplified form, 30 % online, none late → 2 */
  assert_int_equal(tthc_agg_eval(a, 0, &plain), TTHC_OK);
  assert_int_equal(plain.tenths[8], 20);
  assert_int_equal(plain.derived[8], TTHC_EVAL_FROM_COUNTS);
  assert_int_equal(tthc_agg_eval_ex(a, 0, NULL, NULL, &e), TTHC_OK);
  assert_memory_equal(&e, &plain, sizeof e);
  /* the whole catalog: 3 of 5 procedures online (60 % ≥ 20 %), 30 % online → 2 */
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, NULL, &e), TTHC_OK);
  assert_int_equal(e.tenths[8], 20);
  assert_int_equal(e.derived[8], TTHC_EVAL_FROM_CATALOG);
  /* levels differ: index 5 has no level, not derived; indices 1, 3, 7 (2 each), 8, 9 = 10,0 */
  assert_int_equal(e.tenths[4], -1);
  assert_int_equal(e.derived[4], TTHC_EVAL_FROM_DOSSIERS);
  assert_int_equal(e.total_tenths, 100);
  assert_int_equal(e.indices, 5);
  assert_int_equal(e.grade, TTHC_GRADE_FAIR);
  /* commune: 2 of 4 online = 50 %; a 60 % policy makes the procedure condition fail → 1 */
  tthc_eval_policy p;
  tthc_eval_policy_default(&p);
  p.level = TTHC_LEVEL_COMMUNE;
  p.online_procs_pct = 60;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[8], 10);
  p.online_procs_pct = 50; /* 50 % reaches 50 % exactly */
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[8], 20);
  p.online_high_pct = 31; /* 30 % online < 31 %, ≥ 15 % → 1 */
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[8], 10);
  p.online_low_pct = 31; /* below both → 0 */
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[8], 0);
  /* central level: no procedure of the unit in the catalog → the simplified form */
  p = (tthc_eval_policy){0};
  tthc_eval_policy_default(&p);
  p.level = TTHC_LEVEL_CENTRAL;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_memory_equal(&e, &plain, sizeof e);
  tthc_agg_free(a);
  /* a late online dossier → 0, with or without the catalog */
  a = make_agg(TTHC_BY_UNIT, 1);
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, NULL, &e), TTHC_OK);
  assert_int_equal(e.tenths[8], 0);
  assert_int_equal(e.derived[8], TTHC_EVAL_FROM_CATALOG);
  tthc_agg_free(a);
  /* a catalog whose unit has no online service: 1 needs one → 0 even at 30 % online */
  tthc_catalog_builder *b;
  assert_int_equal(tthc_catalog_builder_new(&b), TTHC_OK);
  add_proc(b, "1.000003", TTHC_LEVEL_COMMUNE, "Đất đai", "20 ngày làm việc", "UBND", 1,
           TTHC_ONLINE_NONE);
  tthc_catalog *none;
  assert_int_equal(tthc_catalog_build(b, &none), TTHC_OK);
  tthc_catalog_builder_free(b);
  a = make_agg(TTHC_BY_UNIT, 0);
  assert_int_equal(tthc_agg_eval_ex(a, 0, none, NULL, &e), TTHC_OK);
  assert_int_equal(e.tenths[8], 0);
  /* index 5 there: 0 of 1 procedure at the counter, commune needs 100 %, fact unknown */
  assert_int_equal(e.tenths[4], -1);
  tthc_agg_free(a);
  tthc_catalog_free(none);
  tthc_catalog_free(cat);
}

static void test_eval_index5(void **state) {
  (void)state;
  tthc_catalog *cat = make_catalog();
  tthc_agg *a = make_agg(TTHC_BY_UNIT, 0);
  tthc_eval_policy p;
  tthc_eval e;
  tthc_eval_policy_default(&p);
  p.level = TTHC_LEVEL_COMMUNE; /* 2 of 4 at the counter = 50 % < 100 % */
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[4], -1); /* the One-stop fact is not known */
  assert_int_equal(e.total_tenths, 100);
  p.one_stop_all = 1;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[4], 10);
  assert_int_equal(e.derived[4], TTHC_EVAL_FROM_CATALOG);
  assert_int_equal(e.total_tenths, 110);
  assert_int_equal(e.indices, 6);
  p.one_stop_all = 0;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[4], 0);
  p.full_counter_pct[TTHC_LEVEL_COMMUNE] = 50; /* 50 % reaches it → 2 whatever the fact */
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[4], 20);
  assert_int_equal(e.total_tenths, 120);
  assert_int_equal(e.grade, TTHC_GRADE_GOOD);
  /* the province record alone: 1 of 1 at the counter ≥ 20 % → 2 */
  tthc_eval_policy_default(&p);
  p.level = TTHC_LEVEL_PROVINCE;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[4], 20);
  /* a recorded score wins over the catalog */
  tthc_agg *r;
  assert_int_equal(tthc_agg_new(0, 0, DT(2025, 3, 31, 23, 59, 59), &r), TTHC_OK);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("R", DT(2025, 3, 3, 9, 0, 0), &d), TTHC_OK);
  assert_int_equal(tthc_dossier_set_evaluation(d, 5, 1), TTHC_OK);
  assert_int_equal(tthc_dossier_set_evaluation(d, 9, 0), TTHC_OK);
  assert_int_equal(tthc_agg_add(r, d, NULL), TTHC_OK);
  tthc_dossier_free(d);
  assert_int_equal(tthc_agg_eval_ex(r, 0, cat, &p, &e), TTHC_OK);
  assert_int_equal(e.tenths[4], 10);
  assert_int_equal(e.tenths[8], 0);
  assert_int_equal(e.derived[4], TTHC_EVAL_FROM_DOSSIERS);
  assert_int_equal(e.derived[8], TTHC_EVAL_FROM_DOSSIERS);
  tthc_agg_free(r);

  /* bad input */
  assert_int_equal(tthc_agg_eval_ex(NULL, 0, cat, NULL, &e), TTHC_EINVAL);
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, NULL, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_agg_eval_ex(a, 1, cat, NULL, &e), TTHC_ERANGE);
  tthc_eval_policy bad;
  tthc_eval_policy_default(&bad);
  bad.online_high_pct = 101;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &bad, &e), TTHC_ERANGE);
  assert_int_equal(e.indices, 0); /* zeroed on failure */
  tthc_eval_policy_default(&bad);
  bad.full_counter_pct[TTHC_LEVEL_DISTRICT] = -1;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &bad, &e), TTHC_ERANGE);
  tthc_eval_policy_default(&bad);
  bad.level = 5;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &bad, &e), TTHC_EINVAL);
  tthc_eval_policy_default(&bad);
  bad.one_stop_all = 2;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &bad, &e), TTHC_EINVAL);
  tthc_eval_policy_default(&bad);
  bad.reserved_[3] = 1;
  assert_int_equal(tthc_agg_eval_ex(a, 0, cat, &bad, &e), TTHC_EINVAL);
  tthc_agg_free(a);
  tthc_catalog_free(cat);
}

static size_t item_index(const tthc_index766 *t, const char *id) {
  for (size_t k = 0; k < tthc_index766_count(t); k++) {
    tthc_index766_item it;
    assert_int_equal(tthc_index766_item_get(t, k, &it), TTHC_OK);
    if (!strcmp(it.id, id)) return k;
  }
  fail_msg("no indicator %s", id);
  return 0;
}

/* Rates compared field by field: the padding after tthc_rate::applicable is not a value. */
static void assert_same_rates(const tthc_rate *a, const tthc_rate *b, size_t n) {
  for (size_t k = 0; k < n; k++) {
    assert_int_equal(a[k].num, b[k].num);
    assert_int_equal(a[k].den, b[k].den);
    assert_true(a[k].value == b[k].value);
    assert_int_equal(a[k].applicable, b[k].applicable);
  }
}

static void expect(const tthc_rate *r, int64_t num, int64_t den) {
  assert_int_equal(r->num, num);
  assert_int_equal(r->den, den);
  assert_int_equal(r->applicable, den > 0);
}

/* The commune's policy: its procedures are the catalog's commune records. */
static tthc_eval_policy commune_policy(void) {
  tthc_eval_policy p;
  tthc_eval_policy_default(&p);
  p.level = TTHC_LEVEL_COMMUNE;
  return p;
}

/* tthc_index766_catalog_rates() into an emptied @p ext. */
static void derive(const tthc_index766 *t, const tthc_catalog *cat, const tthc_eval_policy *p,
                   const tthc_agg *by_proc, const tthc_agg *a, size_t i, tthc_rate *ext) {
  memset(ext, 0, TTHC_766_MAX_ITEMS * sizeof *ext);
  assert_int_equal(tthc_index766_catalog_rates(t, cat, p, by_proc, a, i, ext), TTHC_OK);
}

static void test_catalog_rates(void **state) {
  (void)state;
  tthc_catalog *cat = make_catalog();
  tthc_index766 *t;
  assert_int_equal(tthc_index766_default(&t), TTHC_OK);
  size_t n = tthc_index766_count(t), k13 = item_index(t, "1.3"), k31 = item_index(t, "3.1"),
         k32 = item_index(t, "3.2"), k14 = item_index(t, "1.4");
  tthc_agg *by_proc = make_agg(TTHC_BY_UNIT | TTHC_BY_PROCEDURE, 0), *a;
  assert_int_equal(tthc_agg_rollup(by_proc, TTHC_BY_UNIT, &a), TTHC_OK);
  tthc_eval_policy p = commune_policy();
  tthc_rate ext[TTHC_766_MAX_ITEMS];
  derive(t, cat, &p, by_proc, a, 0, ext);
  expect(&ext[k13], 2, 4); /* P1, P3 show every part a record carries */
  expect(&ext[k31], 2, 4); /* P1 partial, P2 full */
  expect(&ext[k32], 1, 2); /* P1 had online dossiers, P2 none */
  expect(&ext[k14], 0, 0); /* not from a catalog */
  for (size_t k = 0; k < n; k++)
    if (k != k13 && k != k31 && k != k32) expect(&ext[k], 0, 0);
  /* the whole catalog: 3 of 5 complete, 3 of 5 online, 1 of 3 online services used */
  derive(t, cat, NULL, by_proc, a, 0, ext);
  expect(&ext[k13], 3, 5);
  expect(&ext[k31], 3, 5);
  expect(&ext[k32], 1, 3);
  /* a caller's rate wins; without per-procedure counts 3.2 stays empty */
  memset(ext, 0, sizeof ext);
  ext[k31] = (tthc_rate){9, 10, 0.9, 1};
  assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, NULL, NULL, 0, ext), TTHC_OK);
  expect(&ext[k31], 9, 10);
  expect(&ext[k13], 2, 4);
  expect(&ext[k32], 0, 0);
  /* scored: 1.3 4·0.5 = 2; 3.1 4·0.9/0.8 → 4 (full); the rest from the dossiers */
  tthc_index766_result s;
  assert_int_equal(tthc_index766_score(t, a, 0, ext, 0, &s), TTHC_OK);
  assert_true(fabs(s.item_points[k13] - 2) < 1e-12);
  assert_true(s.item_points[k31] == 4);
  /* keyed by procedure: group P1 used its service, group P3 is no online service */
  memset(ext, 0, sizeof ext);
  size_t g1, g3;
  assert_int_equal(tthc_agg_find(by_proc, "X", NULL, "1.000001", 0, &g1), TTHC_OK);
  assert_int_equal(tthc_agg_find(by_proc, "X", NULL, "1.000003", 0, &g3), TTHC_OK);
  assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, by_proc, by_proc, g1, ext), TTHC_OK);
  expect(&ext[k32], 1, 2);
  derive(t, cat, &p, by_proc, by_proc, g3, ext);
  expect(&ext[k32], 0, 2);
  /* bad input */
  assert_int_equal(tthc_index766_catalog_rates(NULL, cat, &p, NULL, NULL, 0, ext), TTHC_EINVAL);
  assert_int_equal(tthc_index766_catalog_rates(t, NULL, &p, NULL, NULL, 0, ext), TTHC_EINVAL);
  assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, NULL, NULL, 0, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, by_proc, NULL, 0, ext), TTHC_EINVAL);
  /* keys that are not a's plus the procedure */
  assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, a, a, 0, ext), TTHC_EINVAL);
  assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, by_proc, a, 5, ext), TTHC_ERANGE);
  p.online_procs_pct = 200;
  assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, by_proc, a, 0, ext), TTHC_ERANGE);
  tthc_agg_free(a);
  tthc_agg_free(by_proc);
  tthc_index766_free(t);
  tthc_catalog_free(cat);
}

/* A commune record with the fees @p amounts (đồng; -1 ends the list) on @p channels each. */
static void add_fee_proc(tthc_catalog_builder *b, const char *code, tthc_proc_level level,
                         unsigned channels, tthc_fee_kind kind, const int64_t *amounts) {
  tthc_proc *p;
  assert_int_equal(tthc_proc_new(code, "Thủ tục có phí", &p, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_set_level(p, level), TTHC_OK);
  assert_int_equal(tthc_proc_set_online(p, TTHC_ONLINE_PARTIAL), TTHC_OK);
  for (; *amounts >= 0; amounts++)
    assert_int_equal(tthc_proc_add_fee(p, channels, kind, *amounts, NULL), TTHC_OK);
  assert_int_equal(tthc_catalog_builder_add(b, p), TTHC_OK);
}

/* 3.5. Commune records:
 *   F1 1.000011 lệ phí 50 000 on every channel                 → obligation
 *   F2 1.000012 lệ phí 0 ("miễn") on every channel              → none
 *   F3 1.000013 phí 20 000 at the counter only                  → obligation (any channel)
 *   F4 1.000014 no fee entry                                    → none
 *   F5 1.000015 phí 10 000 at the counter, 0 online (two entries) → obligation
 * and one province record F6 2.000016 lệ phí 100 000 → obligation.
 * Dossiers (unit X, all direct): F1 ×2 fee 1; F2 fee 1 (the record says free: not counted);
 * F3 fee 2 (synced fee 0: no fee data); F5 fee unknown; F6 fee 1.
 * Commune: F1 of F1, F3, F5 → 1/3. Whole catalog: F1, F6 of F1, F3, F5, F6 → 2/4. */
static void test_catalog_rates_fee(void **state) {
  (void)state;
  tthc_catalog_builder *b;
  assert_int_equal(tthc_catalog_builder_new(&b), TTHC_OK);
  const int64_t f50k[] = {50000, -1}, zero[] = {0, -1}, f20k[] = {20000, -1}, none[] = {-1},
                f10k[] = {10000, -1}, f100k[] = {100000, -1};
  const unsigned direct = 1u << TTHC_CHANNEL_DIRECT, online = 1u << TTHC_CHANNEL_ONLINE;
  add_fee_proc(b, "1.000011", TTHC_LEVEL_COMMUNE, TTHC_CHANNELS_ALL, TTHC_FEE_CHARGE, f50k);
  add_fee_proc(b, "1.000012", TTHC_LEVEL_COMMUNE, TTHC_CHANNELS_ALL, TTHC_FEE_CHARGE, zero);
  add_fee_proc(b, "1.000013", TTHC_LEVEL_COMMUNE, direct, TTHC_FEE_FEE, f20k);
  add_fee_proc(b, "1.000014", TTHC_LEVEL_COMMUNE, TTHC_CHANNELS_ALL, TTHC_FEE_FEE, none);
  tthc_proc *p5;
  assert_int_equal(tthc_proc_new("1.000015", "Thủ tục có phí", &p5, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_set_level(p5, TTHC_LEVEL_COMMUNE), TTHC_OK);
  assert_int_equal(tthc_proc_add_fee(p5, direct, TTHC_FEE_FEE, f10k[0], NULL), TTHC_OK);
  assert_int_equal(tthc_proc_add_fee(p5, online, TTHC_FEE_FEE, 0, NULL), TTHC_OK);
  assert_int_equal(tthc_catalog_builder_add(b, p5), TTHC_OK);
  add_fee_proc(b, "2.000016", TTHC_LEVEL_PROVINCE, TTHC_CHANNELS_ALL, TTHC_FEE_CHARGE, f100k);
  tthc_catalog *cat;
  assert_int_equal(tthc_catalog_build(b, &cat), TTHC_OK);
  tthc_catalog_builder_free(b);

  tthc_index766 *t;
  assert_int_equal(tthc_index766_default(&t), TTHC_OK);
  size_t k35 = item_index(t, "3.5"), k32 = item_index(t, "3.2");
  tthc_agg *by_proc, *a;
  for (int with_catalog = 0; with_catalog < 2; with_catalog++) {
    assert_int_equal(tthc_agg_new(TTHC_BY_UNIT | TTHC_BY_PROCEDURE, 0,
                                  DT(2025, 3, 31, 23, 59, 59), &by_proc),
                     TTHC_OK);
    if (with_catalog) assert_int_equal(tthc_agg_set_catalog(by_proc, cat), TTHC_OK);
    add_dossier_fee(by_proc, "1.000011", TTHC_CHANNEL_DIRECT, 0, 1);
    add_dossier_fee(by_proc, "1.000011", TTHC_CHANNEL_DIRECT, 0, 1);
    add_dossier_fee(by_proc, "1.000012", TTHC_CHANNEL_DIRECT, 0, 1);
    add_dossier_fee(by_proc, "1.000013", TTHC_CHANNEL_DIRECT, 0, 2);
    add_dossier_fee(by_proc, "1.000015", TTHC_CHANNEL_DIRECT, 0, -1);
    add_dossier_fee(by_proc, "2.000016", TTHC_CHANNEL_DIRECT, 0, 1);
    assert_int_equal(tthc_agg_rollup(by_proc, TTHC_BY_UNIT, &a), TTHC_OK);
    tthc_eval_policy p = commune_policy();
    tthc_rate ext[TTHC_766_MAX_ITEMS];
    derive(t, cat, &p, by_proc, a, 0, ext);
    /* with the catalog on the aggregate F5's unknown status is its counter fee, 10 000 → 1 */
    expect(&ext[k35], with_catalog ? 2 : 1, 3);
    expect(&ext[k32], 0, 4); /* F1, F2, F3, F5 online; no online dossier */
    derive(t, cat, NULL, by_proc, a, 0, ext);
    expect(&ext[k35], with_catalog ? 3 : 2, 4);
    /* scored: 4 points × (1/3) / 0.8 = 5/3 */
    if (!with_catalog) {
      derive(t, cat, &p, by_proc, a, 0, ext);
      tthc_index766_result s;
      assert_int_equal(tthc_index766_score(t, a, 0, ext, 0, &s), TTHC_OK);
      assert_true(fabs(s.item_points[k35] - 5.0 / 3.0) < 1e-12);
    }
    /* a caller's rate wins */
    memset(ext, 0, sizeof ext);
    ext[k35] = (tthc_rate){9, 10, 0.9, 1};
    assert_int_equal(tthc_index766_catalog_rates(t, cat, &p, by_proc, a, 0, ext), TTHC_OK);
    expect(&ext[k35], 9, 10);
    /* without per-procedure counts 3.5 is not filled */
    derive(t, cat, &p, NULL, NULL, 0, ext);
    expect(&ext[k35], 0, 0);
    /* keyed by procedure: F3's group (synced fee 0) 0/3, F2's group (no obligation) 0/3 */
    size_t g3, g2;
    assert_int_equal(tthc_agg_find(by_proc, "X", NULL, "1.000013", 0, &g3), TTHC_OK);
    assert_int_equal(tthc_agg_find(by_proc, "X", NULL, "1.000012", 0, &g2), TTHC_OK);
    derive(t, cat, &p, by_proc, by_proc, g3, ext);
    expect(&ext[k35], 0, 3);
    derive(t, cat, &p, by_proc, by_proc, g2, ext);
    expect(&ext[k35], 0, 3);
    tthc_agg_free(a);
    tthc_agg_free(by_proc);
  }

  /* no procedure with a financial obligation: 3.5 not applicable */
  tthc_catalog *free_cat = make_catalog();
  assert_int_equal(tthc_agg_new(TTHC_BY_UNIT | TTHC_BY_PROCEDURE, 0, DT(2025, 3, 31, 23, 59, 59),
                                &by_proc),
                   TTHC_OK);
  add_dossier_fee(by_proc, "1.000001", TTHC_CHANNEL_DIRECT, 0, 1);
  assert_int_equal(tthc_agg_rollup(by_proc, TTHC_BY_UNIT, &a), TTHC_OK);
  tthc_rate ext[TTHC_766_MAX_ITEMS];
  derive(t, free_cat, NULL, by_proc, a, 0, ext);
  expect(&ext[k35], 0, 0);
  tthc_index766_result s;
  assert_int_equal(tthc_index766_score(t, a, 0, ext, 0, &s), TTHC_OK);
  assert_false(s.item_rate[k35].applicable);
  tthc_agg_free(a);
  tthc_agg_free(by_proc);
  tthc_catalog_free(free_cat);
  tthc_index766_free(t);
  tthc_catalog_free(cat);
}

static void test_times(void **state) {
  (void)state;
  tthc_index766 *t, *u;
  assert_int_equal(tthc_index766_default(&t), TTHC_OK);
  size_t k33 = item_index(t, "3.3"), k14 = item_index(t, "1.4");
  assert_string_equal(tthc_index766_item_times(t, k33), "1.4");
  assert_null(tthc_index766_item_times(t, k14));
  assert_null(tthc_index766_item_times(t, 99));
  assert_null(tthc_index766_item_times(NULL, 0));
  /* written and read back */
  char *json, *json2;
  assert_int_equal(tthc_index766_to_json_alloc(t, &json), TTHC_OK);
  assert_non_null(strstr(json, "\"rate\": \"online_766\",\n      \"times\": \"1.4\""));
  assert_int_equal(tthc_index766_from_json(json, strlen(json), &u, NULL), TTHC_OK);
  assert_string_equal(tthc_index766_item_times(u, k33), "1.4");
  assert_int_equal(tthc_index766_to_json_alloc(u, &json2), TTHC_OK);
  assert_string_equal(json, json2);
  tthc_free(json), tthc_free(json2);
  tthc_index766_free(u);

  /* 3.3: 3 of 10 online (no document result) = 30 %, threshold 50 %, 6 points */
  tthc_agg *a = make_agg(TTHC_BY_UNIT, 0);
  tthc_index766_result s;
  assert_int_equal(tthc_index766_score(t, a, 0, NULL, 0, &s), TTHC_OK);
  assert_true(fabs(s.item_points[k33] - 6 * 0.3 / 0.5) < 1e-12); /* 3,6: not multiplied */
  assert_true(s.times_missing == (UINT64_C(1) << k33));
  assert_true(s.times_applied == 0);
  tthc_rate ext[TTHC_766_MAX_ITEMS];
  memset(ext, 0, sizeof ext);
  ext[k14] = (tthc_rate){1, 2, 0.5, 1}; /* half the dossiers synchronised */
  assert_int_equal(tthc_index766_score(t, a, 0, ext, 0, &s), TTHC_OK);
  expect(&s.item_rate[k33], 3, 20); /* 3/10 × 1/2 */
  assert_true(fabs(s.item_points[k33] - 6 * 0.15 / 0.5) < 1e-12); /* 1,8 */
  assert_true(s.times_applied == (UINT64_C(1) << k33));
  assert_true(s.times_missing == 0);
  assert_true(fabs(s.item_points[k14] - 3) < 1e-12); /* 1.4 itself: 6 × 0,5 */

  /* a table without "times" scores 3.3 on its own rate and writes no "times" */
  const char *plain = "{\"indicators\":[{\"id\":\"3.3\",\"group\":\"online\",\"points\":6,"
                      "\"threshold\":0.5,\"rate\":\"online_766\"},{\"id\":\"1.4\",\"group\":"
                      "\"publicity\",\"points\":6}]}";
  assert_int_equal(tthc_index766_from_json(plain, strlen(plain), &u, NULL), TTHC_OK);
  assert_null(tthc_index766_item_times(u, 0));
  assert_int_equal(tthc_index766_to_json_alloc(u, &json), TTHC_OK);
  assert_null(strstr(json, "times"));
  tthc_free(json);
  memset(ext, 0, sizeof ext);
  ext[1] = (tthc_rate){1, 2, 0.5, 1};
  assert_int_equal(tthc_index766_score(u, a, 0, ext, 0, &s), TTHC_OK);
  assert_true(fabs(s.item_points[0] - 3.6) < 1e-12);
  assert_true(s.times_applied == 0 && s.times_missing == 0);
  tthc_index766_free(u);
  /* "times" on a later indicator, an explicit null */
  const char *fwd = "{\"indicators\":[{\"id\":\"a\",\"group\":\"online\",\"points\":1,"
                    "\"times\":\"b\"},{\"id\":\"b\",\"group\":\"online\",\"points\":1,"
                    "\"times\":null}]}";
  assert_int_equal(tthc_index766_from_json(fwd, strlen(fwd), &u, NULL), TTHC_OK);
  assert_string_equal(tthc_index766_item_times(u, 0), "b");
  assert_null(tthc_index766_item_times(u, 1));
  tthc_index766_free(u);

  static const struct {
    const char *json, *fragment;
  } bad[] = {
      {"{\"indicators\":[{\"id\":\"3.3\",\"group\":\"online\",\"points\":1,\"times\":\"9.9\"}]}",
       "indicator \"3.3\": \"times\" names an unknown indicator \"9.9\""},
      {"{\"indicators\":[{\"id\":\"3.3\",\"group\":\"online\",\"points\":1,\"times\":\"3.3\"}]}",
       "indicator \"3.3\": \"times\" names the indicator itself"},
      {"{\"indicators\":[{\"id\":\"3.3\",\"group\":\"online\",\"points\":1,\"times\":1.4}]}",
       "indicator \"3.3\": \"times\" must be the id of another indicator"},
      {"{\"indicators\":[{\"id\":\"3.3\",\"group\":\"online\",\"points\":1,\"times\":\"\"}]}",
       "indicator \"3.3\": \"times\" must be the id"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_error err;
    tthc_error_clear(&err);
    assert_int_equal(tthc_index766_from_json(bad[i].json, strlen(bad[i].json), &u, &err),
                     TTHC_EFORMAT);
    assert_null(u);
    if (!strstr(err.message, bad[i].fragment))
      fail_msg("case %zu: '%s' lacks '%s'", i, err.message, bad[i].fragment);
  }
  tthc_agg_free(a);
  tthc_index766_free(t);
}

static void test_external_json(void **state) {
  (void)state;
  tthc_index766 *t;
  assert_int_equal(tthc_index766_default(&t), TTHC_OK);
  size_t k14 = item_index(t, "1.4"), k35 = item_index(t, "3.5"), k31 = item_index(t, "3.1");
  tthc_rate ext[TTHC_766_MAX_ITEMS];
  memset(ext, 0, sizeof ext);
  ext[k31] = (tthc_rate){1, 4, 0.25, 1};
  const char *ok = "{\"1.4\": 0.97, \"3.5\": \"87,5%\"}";
  tthc_error err;
  assert_int_equal(tthc_index766_external_from_json(t, ok, strlen(ok), ext, &err), TTHC_OK);
  expect(&ext[k14], 970000, 1000000);
  expect(&ext[k35], 875, 1000);
  assert_true(ext[k35].value == 0.875);
  expect(&ext[k31], 1, 4); /* not named: kept */
  const char *pct = "{\"1.4\": \"80%\", \"3.1\": \"0,5\", \"1.1\": 1, \"1.2\": 0}";
  assert_int_equal(tthc_index766_external_from_json(t, pct, strlen(pct), ext, &err), TTHC_OK);
  expect(&ext[k14], 80, 100);
  expect(&ext[k31], 5, 10);
  expect(&ext[item_index(t, "1.1")], 1000000, 1000000);
  expect(&ext[item_index(t, "1.2")], 0, 1000000); /* 0 %, applicable */

  static const struct {
    const char *json, *fragment;
    tthc_status st;
  } bad[] = {
      {"{", "line 1", TTHC_ESYNTAX},
      {"[1]", "JSON object", TTHC_EFORMAT},
      {"{\"9.9\": 1}", "external rate \"9.9\": no such indicator", TTHC_EFORMAT},
      {"{\"2.1\": 1}", "external rate \"2.1\": that indicator is computed from dossiers",
       TTHC_EFORMAT},
      {"{\"1.4\": 1.5}", "external rate \"1.4\": expected a fraction", TTHC_EFORMAT},
      {"{\"1.4\": -0.1}", "external rate \"1.4\"", TTHC_EFORMAT},
      {"{\"1.4\": \"120%\"}", "external rate \"1.4\"", TTHC_EFORMAT},
      {"{\"1.4\": \"lots\"}", "external rate \"1.4\"", TTHC_EFORMAT},
      {"{\"1.4\": null}", "external rate \"1.4\"", TTHC_EFORMAT},
      {"{\"1.4\": 0.5, \"1.4\": 0.6}", "line 1", TTHC_ESYNTAX},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_rate before[TTHC_766_MAX_ITEMS];
    memcpy(before, ext, sizeof ext);
    tthc_error_clear(&err);
    const char *json = bad[i].json;
    /* a good id before the bad one: nothing is written on failure */
    assert_int_equal(tthc_index766_external_from_json(t, json, strlen(json), ext, &err),
                     bad[i].st);
    assert_same_rates(before, ext, TTHC_766_MAX_ITEMS);
    if (!strstr(err.message, bad[i].fragment))
      fail_msg("case %zu: '%s' lacks '%s'", i, err.message, bad[i].fragment);
  }
  const char *mixed = "{\"1.1\": 0.5, \"9.9\": 1}";
  tthc_rate before[TTHC_766_MAX_ITEMS];
  memcpy(before, ext, sizeof ext);
  assert_int_equal(tthc_index766_external_from_json(t, mixed, strlen(mixed), ext, NULL),
                   TTHC_EFORMAT);
  assert_same_rates(before, ext, TTHC_766_MAX_ITEMS);
  assert_int_equal(tthc_index766_external_from_json(NULL, ok, strlen(ok), ext, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_index766_external_from_json(t, NULL, 0, ext, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_index766_external_from_json(t, ok, strlen(ok), NULL, NULL), TTHC_EINVAL);
  tthc_index766_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_policy_default), cmocka_unit_test(test_eval_index9),
      cmocka_unit_test(test_eval_index5),    cmocka_unit_test(test_catalog_rates),
      cmocka_unit_test(test_catalog_rates_fee), cmocka_unit_test(test_times),
      cmocka_unit_test(test_external_json),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
