/* procedure: codes, records, rules, processes, reductions, catalogs, search, JSON (with a golden
 * directory of broken catalogs), plans on the national calendar, 4-at-place, publication. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procedure_internal.h"
#include "test_support.h"
#include "tthc.h"
#include "tthc/procedure.h"
#include "tthc/text.h"

#define CATALOG TTHC_TEST_DATA "/catalog_commune.json"

static tthc_datetime T(int y, int mo, int d, int h, int mi) {
  tthc_datetime t;
  assert_int_equal(tthc_datetime_make(D(y, mo, d), h, mi, 0, &t), TTHC_OK);
  return t;
}

static char *fmt_t(tthc_datetime t, char buf[TTHC_DATETIME_STRLEN]) {
  assert_int_equal(tthc_datetime_format(t, 0, buf, TTHC_DATETIME_STRLEN, NULL), TTHC_OK);
  return buf;
}

#define assert_time(t, s)                        \
  do {                                           \
    char b_[TTHC_DATETIME_STRLEN];               \
    assert_string_equal(fmt_t((t), b_), (s));    \
  } while (0)

static tthc_catalog *load_sample(void) {
  tthc_catalog *c = NULL;
  tthc_error err;
  tthc_status st = tthc_catalog_load_file(CATALOG, &c, &err);
  if (st != TTHC_OK) fail_msg("%s", err.message);
  return c;
}

/* ---- codes and enumerations --------------------------------------------------------------- */

static void test_codes(void **state) {
  (void)state;
  tthc_error err;
  assert_int_equal(tthc_proc_code_check("1.001193", 8, &err), TTHC_OK);
  assert_int_equal(tthc_proc_code_check("2.000815", 8, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_code_check("1.00119", 7, &err), TTHC_ESYNTAX);
  assert_string_equal(err.message, "invalid procedure code \"1.00119\" at column 8: expected 6 "
                                   "digits after the dot, found 5");
  assert_int_equal(err.column, 8);
  assert_int_equal(tthc_proc_code_check("1.0011934", 9, &err), TTHC_ESYNTAX);
  assert_int_equal(err.column, 9);
  assert_int_equal(tthc_proc_code_check("A.001193", 8, &err), TTHC_ESYNTAX);
  assert_int_equal(err.column, 1);
  assert_int_equal(tthc_proc_code_check("1-001193", 8, &err), TTHC_ESYNTAX);
  assert_int_equal(err.column, 2);
  assert_int_equal(tthc_proc_code_check("1.0a1193", 8, &err), TTHC_ESYNTAX);
  assert_int_equal(err.column, 4);
  assert_int_equal(tthc_proc_code_check("", 0, &err), TTHC_ESYNTAX);
  assert_int_equal(tthc_proc_code_check("1.00\xff", 5, &err), TTHC_ESYNTAX);
  assert_non_null(strstr(err.message, "\\xFF"));
  assert_int_equal(tthc_proc_code_check(NULL, 0, &err), TTHC_EINVAL);
  char code[TTHC_PROC_CODE_SIZE];
  const char *local = "1.000593.000.00.00.H37";
  assert_int_equal(tthc_proc_code_extract(local, strlen(local), code, NULL), TTHC_OK);
  assert_string_equal(code, "1.000593");
  assert_int_equal(tthc_proc_code_extract("1.001193.02", 11, code, NULL), TTHC_OK);
  assert_string_equal(code, "1.001193");
  assert_int_equal(tthc_proc_code_extract("1.001193", 8, code, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_code_extract("1.0011930", 9, code, &err), TTHC_ESYNTAX);
  assert_string_equal(code, "");
  assert_int_equal(tthc_proc_code_extract("1.001193", 8, NULL, NULL), TTHC_EINVAL);
}

static void test_enums(void **state) {
  (void)state;
  tthc_online o;
  assert_int_equal(tthc_online_from_legacy(4, 0, &o), TTHC_OK);
  assert_int_equal(o, TTHC_ONLINE_FULL);
  assert_int_equal(tthc_online_from_legacy(4, 1, &o), TTHC_OK);
  assert_int_equal(o, TTHC_ONLINE_PARTIAL);
  assert_int_equal(tthc_online_from_legacy(3, 0, &o), TTHC_OK);
  assert_int_equal(o, TTHC_ONLINE_PARTIAL);
  assert_int_equal(tthc_online_from_legacy(2, 0, &o), TTHC_OK);
  assert_int_equal(o, TTHC_ONLINE_PARTIAL);
  assert_int_equal(tthc_online_from_legacy(1, 0, &o), TTHC_OK);
  assert_int_equal(o, TTHC_ONLINE_NONE);
  assert_int_equal(tthc_online_from_legacy(5, 0, &o), TTHC_ERANGE);
  assert_int_equal(tthc_online_from_legacy(0, 0, &o), TTHC_ERANGE);
  assert_int_equal(tthc_online_from_legacy(2, 0, NULL), TTHC_EINVAL);
  assert_string_equal(tthc_proc_level_name(TTHC_LEVEL_COMMUNE), "commune");
  assert_string_equal(tthc_proc_level_name_vi(TTHC_LEVEL_DISTRICT), "Cấp huyện");
  assert_string_equal(tthc_proc_level_name((tthc_proc_level)9), "?");
  assert_string_equal(tthc_channel_name(TTHC_CHANNEL_POSTAL), "postal");
  assert_string_equal(tthc_online_name(TTHC_ONLINE_UNKNOWN), "unknown");
  assert_string_equal(tthc_process_step_kind_name(TTHC_PROCESS_TRANSFER), "transfer");
  assert_string_equal(tthc_match_name(TTHC_MATCH_ALL_WORDS), "all_words");
}

/* ---- rules -------------------------------------------------------------------------------- */

static void test_rules(void **state) {
  (void)state;
  int64_t v;
  assert_int_equal(tthc_proc_rules_get(NULL, TTHC_RULE_MINUTES_PER_DAY, &v), TTHC_OK);
  assert_int_equal(v, 480);
  assert_int_equal(tthc_proc_rules_get(NULL, TTHC_RULE_FOURPLACE_CUTOFF, &v), TTHC_OK);
  assert_int_equal(v, 54000);
  assert_int_equal(tthc_proc_rules_field_count(NULL), 4);
  assert_string_equal(tthc_proc_rules_field(NULL, 1), "Hộ tịch");
  assert_null(tthc_proc_rules_field(NULL, 4));
  tthc_proc_rules *r = NULL;
  assert_int_equal(tthc_proc_rules_new(&r), TTHC_OK);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_LOW, 0), TTHC_ERANGE);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_LOW, 100), TTHC_ERANGE);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_LOW, 40), TTHC_OK);
  assert_int_equal(tthc_proc_rules_get(r, TTHC_RULE_REDUCTION_LOW, &v), TTHC_OK);
  assert_int_equal(v, 40);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_MINUTES_PER_DAY, 59), TTHC_ERANGE);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_FOURPLACE_CUTOFF, 86400), TTHC_ERANGE);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_ROUND_MODE, 3), TTHC_ERANGE);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE__COUNT, 1), TTHC_EINVAL);
  assert_int_equal(tthc_proc_rules_set(NULL, TTHC_RULE_REDUCTION_LOW, 40), TTHC_EINVAL);
  assert_int_equal(tthc_proc_rules_get(r, TTHC_RULE_MINUTES_PER_DAY, NULL), TTHC_EINVAL);
  /* Fields are matched folded; duplicates are ignored. */
  assert_int_equal(tthc_proc_rules_add_field(r, "HỘ TỊCH"), TTHC_OK);
  assert_int_equal(tthc_proc_rules_field_count(r), 4);
  assert_int_equal(tthc_proc_rules_add_field(r, "Đất đai"), TTHC_OK);
  assert_int_equal(tthc_proc_rules_field_count(r), 5);
  assert_true(tthc__proc_rules_has_field(r, "dat dai"));
  assert_int_equal(tthc_proc_rules_add_field(r, "\xff"), TTHC_EUTF8);
  assert_int_equal(tthc_proc_rules_add_field(r, ""), TTHC_EINVAL);
  assert_int_equal(tthc_proc_rules_add_field(r, " ,; "), TTHC_EINVAL);
  tthc_proc_rules_clear_fields(r);
  assert_int_equal(tthc_proc_rules_field_count(r), 0);
  assert_false(tthc__proc_rules_has_field(r, "ho tich"));
  tthc_proc_rules_free(r);
  tthc_proc_rules_free(NULL);
}

/* ---- records ------------------------------------------------------------------------------ */

static void test_record(void **state) {
  (void)state;
  tthc_proc *p = NULL;
  tthc_error err;
  assert_int_equal(tthc_proc_new("1.00119", "x", &p, &err), TTHC_ESYNTAX);
  assert_null(p);
  assert_int_equal(tthc_proc_new("1.001193", "", &p, &err), TTHC_EINVAL);
  assert_int_equal(tthc_proc_new("1.001193", "a\xc3", &p, &err), TTHC_EUTF8);
  assert_int_equal(tthc_proc_new(NULL, "x", &p, &err), TTHC_EINVAL);
  assert_int_equal(tthc_proc_new("1.001193", "Đăng ký khai sinh", &p, &err), TTHC_OK);
  assert_string_equal(tthc_proc_code(p), "1.001193");
  assert_int_equal(tthc_proc_online(p), TTHC_ONLINE_UNKNOWN);
  assert_int_equal(tthc_proc_level_of(p), TTHC_LEVEL_UNKNOWN);
  assert_int_equal(tthc_proc_set_field(p, "G15-TP07", "Hộ tịch"), TTHC_OK);
  assert_int_equal(tthc_proc_set_level(p, TTHC_LEVEL_COMMUNE), TTHC_OK);
  assert_int_equal(tthc_proc_set_level(p, (tthc_proc_level)7), TTHC_EINVAL);
  assert_int_equal(tthc_proc_set_online(p, (tthc_online)9), TTHC_EINVAL);
  assert_int_equal(tthc_proc_set_agency(p, "Ủy ban nhân dân cấp xã"), TTHC_OK);
  assert_int_equal(tthc_proc_set_agency(p, "\xc3("), TTHC_EUTF8);
  assert_string_equal(tthc_proc_agency(p), "Ủy ban nhân dân cấp xã"); /* unchanged */
  assert_int_equal(tthc_proc_set_interagency(p, 5), TTHC_OK);
  assert_int_equal(tthc_proc_interagency(p), 1);
  assert_int_equal(tthc_proc_set_decision(p, "658/QĐ-UBND", D(2026, 4, 1)), TTHC_OK);
  assert_int_equal(tthc_proc_set_decision(p, "x", TTHC_DATE_MAX + 1), TTHC_ERANGE);
  const char *num;
  tthc_date dd;
  assert_int_equal(tthc_proc_decision(p, &num, &dd), TTHC_OK);
  assert_string_equal(num, "658/QĐ-UBND");
  assert_int_equal(dd, D(2026, 4, 1));
  /* Limits per channel, with the published wording kept. */
  assert_int_equal(tthc_proc_set_limit_text(p, TTHC_CHANNELS_ALL, "05 ngay", &err), TTHC_ESYNTAX);
  assert_non_null(strstr(err.message, "\"05 ngay\" is not a statutory limit"));
  assert_int_equal(tthc_proc_set_limit_text(p, 1u << TTHC_CHANNEL_DIRECT,
                                            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                                            &err),
                   TTHC_OK);
  tthc_limit l;
  const char *phrase;
  assert_int_equal(tthc_proc_limit(p, TTHC_CHANNEL_DIRECT, &l, &phrase), TTHC_OK);
  assert_int_equal(l.value, 3);
  assert_int_equal(l.unit, TTHC_LIMIT_WORKING_DAYS);
  assert_string_equal(phrase, "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ");
  assert_int_equal(tthc_proc_limit(p, TTHC_CHANNEL_ONLINE, &l, &phrase), TTHC_ENOTFOUND);
  assert_null(phrase);
  tthc_limit hours;
  assert_int_equal(tthc_limit_make(4, TTHC_LIMIT_WORKING_HOURS, &hours), TTHC_OK);
  assert_int_equal(tthc_proc_set_limit(p, 1u << TTHC_CHANNEL_ONLINE, hours, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_limit(p, TTHC_CHANNEL_ONLINE, &l, &phrase), TTHC_OK);
  assert_string_equal(phrase, "04 giờ làm việc");
  assert_int_equal(tthc_proc_set_limit(p, 0, hours, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_proc_set_limit(p, 8, hours, NULL), TTHC_EINVAL);
  /* Fees, documents, results, legal bases. */
  assert_int_equal(tthc_proc_add_fee(p, TTHC_CHANNELS_ALL, TTHC_FEE_CHARGE, 8000, "late"), TTHC_OK);
  assert_int_equal(tthc_proc_add_fee(p, 0, TTHC_FEE_CHARGE, 8000, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_proc_add_fee(p, 1, TTHC_FEE_CHARGE, -1, NULL), TTHC_ERANGE);
  assert_int_equal(tthc_proc_add_fee(p, 1, (tthc_fee_kind)2, 1, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_proc_fee_count(p), 1);
  int64_t amount;
  unsigned ch;
  assert_int_equal(tthc_proc_fee(p, 0, &ch, NULL, &amount, NULL), TTHC_OK);
  assert_int_equal(amount, 8000);
  assert_int_equal(ch, TTHC_CHANNELS_ALL);
  assert_int_equal(tthc_proc_fee(p, 1, NULL, NULL, NULL, NULL), TTHC_ERANGE);
  assert_int_equal(tthc_proc_add_document(p, "Tờ khai", 1, 0), TTHC_OK);
  assert_int_equal(tthc_proc_add_document(p, "Tờ khai", 100, 0), TTHC_ERANGE);
  assert_int_equal(tthc_proc_add_document(p, "", 1, 0), TTHC_EINVAL);
  assert_int_equal(tthc_proc_add_result(p, "Giấy khai sinh"), TTHC_OK);
  assert_string_equal(tthc_proc_result(p, 0), "Giấy khai sinh");
  assert_null(tthc_proc_result(p, 1));
  assert_int_equal(tthc_proc_add_legal_basis(p, "Luật Hộ tịch số 60/2014/QH13"), TTHC_OK);
  assert_int_equal(tthc_proc_add_legal_basis(p, "Luật Hộ tịch năm 2014"), TTHC_OK);
  assert_int_equal(tthc_proc_add_legal_basis(p, "Nghị định số 07/2025/NĐ-CP ngày 09/01/2025 của "
                                                "Chính phủ"),
                   TTHC_OK);
  assert_int_equal(tthc_proc_add_legal_basis(p, "Quyết định 2661/QĐ-UBND"), TTHC_OK);
  const char *text, *ref, *type;
  assert_int_equal(tthc_proc_legal_basis(p, 0, &text, &ref, &type, &dd), TTHC_OK);
  assert_string_equal(ref, "60/2014/QH13");
  assert_int_equal(dd, 0);
  assert_int_equal(tthc_proc_legal_basis(p, 1, &text, &ref, &type, &dd), TTHC_OK);
  assert_string_equal(text, "Luật Hộ tịch năm 2014");
  assert_null(ref);
  assert_null(type);
  assert_int_equal(tthc_proc_legal_basis(p, 2, &text, &ref, &type, &dd), TTHC_OK);
  assert_string_equal(ref, "07/2025/NĐ-CP"); /* the number as written */
  assert_string_equal(type, "Nghị định");
  assert_int_equal(dd, D(2025, 1, 9));
  assert_int_equal(tthc_proc_legal_basis(p, 3, NULL, &ref, NULL, NULL), TTHC_OK);
  assert_string_equal(ref, "2661/QĐ-UBND");
  assert_int_equal(tthc_proc_legal_basis(p, 4, &text, &ref, &type, &dd), TTHC_ERANGE);
  assert_int_equal(tthc_proc_set_limit_note(p, "note"), TTHC_OK);
  assert_string_equal(tthc_proc_limit_note(p), "note");
  /* Frozen once in a catalog. */
  tthc_catalog_builder *b = NULL;
  assert_int_equal(tthc_catalog_builder_new(&b), TTHC_OK);
  assert_int_equal(tthc_catalog_builder_add(b, p), TTHC_OK);
  tthc_proc *dup = NULL;
  assert_int_equal(tthc_proc_new("1.001193", "other", &dup, NULL), TTHC_OK);
  assert_int_equal(tthc_catalog_builder_add(b, dup), TTHC_EEXIST); /* freed by the builder */
  tthc_catalog *c = NULL;
  assert_int_equal(tthc_catalog_build(b, &c), TTHC_OK);
  assert_int_equal(tthc_catalog_count(c), 1);
  assert_int_equal(tthc_proc_set_agency(p, "x"), TTHC_EFROZEN);
  assert_int_equal(tthc_proc_set_process(p, NULL), TTHC_EFROZEN);
  /* The builder is empty and reusable. */
  tthc_catalog *empty = NULL;
  assert_int_equal(tthc_catalog_build(b, &empty), TTHC_OK);
  assert_int_equal(tthc_catalog_count(empty), 0);
  size_t found = 9;
  assert_int_equal(tthc_catalog_search(empty, "khai", 4, NULL, NULL, 0, &found), TTHC_OK);
  assert_int_equal(found, 0);
  tthc_catalog_free(empty);
  tthc_catalog_builder_free(b);
  tthc_catalog_free(c);
  /* NULL records. */
  assert_null(tthc_proc_code(NULL));
  assert_int_equal(tthc_proc_fee_count(NULL), 0);
  assert_int_equal(tthc_proc_decision(NULL, NULL, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_proc_set_agency(NULL, "x"), TTHC_EINVAL);
  assert_int_equal(tthc_catalog_builder_add(NULL, NULL), TTHC_EINVAL);
  tthc_proc_free(NULL);
  tthc_catalog_free(NULL);
  tthc_catalog_builder_free(NULL);
}

/* ---- processes and budgets ---------------------------------------------------------------- */

static void test_budgets(void **state) {
  (void)state;
  static const struct {
    const char *s;
    int32_t minutes;
    int counted;
  } ok[] = {
      {"0,5 ngày", 240, 1},       {"0.5 ngày", 240, 1},       {"01 ngày làm việc", 480, 1},
      {"07 ngày", 3360, 1},       {"2,5 ngày", 1200, 1},      {"1/2 ngày", 240, 1},
      {"04 giờ", 240, 1},         {"4 giờ làm việc", 240, 1}, {"30 phút", 30, 1},
      {"0 ngày", 0, 1},           {"Không tính thời gian", 0, 0},
      {"không tính vào thời gian giải quyết", 0, 0},        {"0,5 NGÀY", 240, 1},
      {"0,5 nga\xcc\x80y", 240, 1} /* NFD */,
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    int32_t m = -1;
    int c = -1;
    tthc_error err;
    tthc_status st = tthc_process_parse_budget(ok[i].s, strlen(ok[i].s), 480, &m, &c, &err);
    if (st != TTHC_OK) fail_msg("%s: %s", ok[i].s, err.message);
    assert_int_equal(m, ok[i].minutes);
    assert_int_equal(c, ok[i].counted);
  }
  static const struct {
    const char *s;
    tthc_status st;
    int col;
    const char *msg;
  } bad[] = {
      {"năm ngày", TTHC_ESYNTAX, 1,
       "invalid step budget \"năm ngày\" at column 1: expected a number such as 0,5 or 07"},
      {"05", TTHC_ESYNTAX, 3,
       "invalid step budget \"05\" at column 3: expected a unit after the number: ngày, giờ or "
       "phút"},
      {"05 tuần", TTHC_ESYNTAX, 4,
       "invalid step budget \"05 tuần\" at column 4: expected a unit: ngày, giờ or phút"},
      {"05 ngày làm việc kể từ", TTHC_ESYNTAX, 9,
       "invalid step budget \"05 ngày làm việc kể từ\" at column 9: unexpected words after the "
       "unit (only \"làm việc\" may follow)"},
      {"", TTHC_ESYNTAX, 1, NULL},
      {"0, ngày", TTHC_ESYNTAX, 1, NULL},
      {"1/0 ngày", TTHC_ESYNTAX, 1, NULL},
      {"31 ngày", TTHC_ERANGE, 1, "step budget \"31 ngày\" is longer than 30 working days"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int32_t m;
    int c;
    tthc_error err;
    tthc_status st = tthc_process_parse_budget(bad[i].s, strlen(bad[i].s), 480, &m, &c, &err);
    assert_int_equal(st, bad[i].st);
    assert_int_equal(err.column, bad[i].col);
    if (bad[i].msg) assert_string_equal(err.message, bad[i].msg);
  }
  int32_t m;
  int c;
  assert_int_equal(tthc_process_parse_budget("1 ngày", 6, 30, &m, &c, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_process_parse_budget("1 ng\xffy", 6, 480, &m, &c, NULL), TTHC_EUTF8);
  assert_int_equal(tthc_process_parse_budget(NULL, 0, 480, &m, &c, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_process_parse_budget("1 ngày", 7, 420, &m, &c, NULL), TTHC_OK);
  assert_int_equal(m, 420);
}

/* The Cao Bằng worked example (FACTS §7.3): 10 working days in 6 counted steps + return. */
static tthc_process *cao_bang(void) {
  static const struct {
    tthc_process_step_kind k;
    const char *budget;
  } steps[] = {{TTHC_PROCESS_RECEIVE, "0,5 ngày"},  {TTHC_PROCESS_ASSIGN, "0,5 ngày"},
               {TTHC_PROCESS_APPRAISE, "07 ngày"},  {TTHC_PROCESS_REVIEW, "0,5 ngày"},
               {TTHC_PROCESS_APPROVE, "01 ngày"},   {TTHC_PROCESS_ISSUE, "0,5 ngày"},
               {TTHC_PROCESS_RETURN, "Không tính thời gian"}};
  tthc_process *pr = NULL;
  assert_int_equal(tthc_process_new(&pr), TTHC_OK);
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    int32_t m;
    int c;
    assert_int_equal(tthc_process_parse_budget(steps[i].budget, strlen(steps[i].budget), 480,
                                               &m, &c, NULL),
                     TTHC_OK);
    assert_int_equal(tthc_process_add_step(pr, steps[i].k, NULL, "role", m, c, steps[i].budget),
                     TTHC_OK);
  }
  return pr;
}

static void test_process(void **state) {
  (void)state;
  tthc_process *pr = cao_bang();
  assert_int_equal(tthc_process_step_count(pr), 7);
  assert_int_equal(tthc_process_total(pr), 4800);
  tthc_process_step_kind k;
  const char *role, *bt;
  int32_t m;
  int c;
  assert_int_equal(tthc_process_step(pr, 6, &k, NULL, &role, &m, &c, &bt), TTHC_OK);
  assert_int_equal(k, TTHC_PROCESS_RETURN);
  assert_int_equal(c, 0);
  assert_string_equal(bt, "Không tính thời gian");
  assert_int_equal(tthc_process_step(pr, 7, NULL, NULL, NULL, NULL, NULL, NULL), TTHC_ERANGE);
  assert_int_equal(tthc_process_add_step(pr, TTHC_PROCESS_OTHER, NULL, NULL, 30, 0, NULL),
                   TTHC_EINVAL);
  assert_int_equal(tthc_process_add_step(pr, (tthc_process_step_kind)42, NULL, NULL, 0, 1, NULL),
                   TTHC_EINVAL);
  assert_int_equal(tthc_process_add_step(pr, TTHC_PROCESS_OTHER, NULL, NULL, -1, 1, NULL),
                   TTHC_ERANGE);
  assert_int_equal(tthc_process_add_step(pr, TTHC_PROCESS_OTHER, "\xc3", NULL, 1, 1, NULL),
                   TTHC_EUTF8);
  assert_int_equal(tthc_process_step_count(pr), 7);
  /* Budgets against limits. */
  tthc_limit ten, nine, cal;
  assert_int_equal(tthc_limit_make(10, TTHC_LIMIT_WORKING_DAYS, &ten), TTHC_OK);
  assert_int_equal(tthc_limit_make(9, TTHC_LIMIT_WORKING_DAYS, &nine), TTHC_OK);
  assert_int_equal(tthc_limit_make(15, TTHC_LIMIT_CALENDAR_DAYS, &cal), TTHC_OK);
  int fits;
  int32_t budget, lm;
  assert_int_equal(tthc_process_fit(pr, ten, NULL, &fits, &budget, &lm), TTHC_OK);
  assert_true(fits);
  assert_int_equal(budget, 4800);
  assert_int_equal(lm, 4800);
  assert_int_equal(tthc_process_fit(pr, nine, NULL, &fits, NULL, NULL), TTHC_OK);
  assert_false(fits);
  assert_int_equal(tthc_process_fit(pr, cal, NULL, &fits, NULL, NULL), TTHC_EUNSUPPORTED);
  assert_int_equal(tthc_process_fit(NULL, ten, NULL, &fits, NULL, NULL), TTHC_EINVAL);
  tthc_limit half = ten;
  half.value = 0, half.milli = 500;
  assert_int_equal(tthc_proc_limit_minutes(half, NULL, &lm), TTHC_OK);
  assert_int_equal(lm, 240);
  tthc_limit within;
  assert_int_equal(tthc_limit_make(0, TTHC_LIMIT_WITHIN_DAY, &within), TTHC_OK);
  assert_int_equal(tthc_proc_limit_minutes(within, NULL, &lm), TTHC_OK);
  assert_int_equal(lm, 480);
  tthc_process_free(pr);
  tthc_process_free(NULL);
  assert_int_equal(tthc_process_total(NULL), 0);
}

/* ---- reductions --------------------------------------------------------------------------- */

static void test_reductions(void **state) {
  (void)state;
  int32_t t;
  /* 10 working days: 30 % → 7 days, 50 % → 5 days. */
  assert_int_equal(tthc_reduction_target(4800, 30, NULL, &t), TTHC_OK);
  assert_int_equal(t, 3360);
  assert_int_equal(tthc_reduction_target(4800, 50, NULL, &t), TTHC_OK);
  assert_int_equal(t, 2400);
  /* 3 working days: 30 % → 2.1 days → down to 2 days (half-day units), 50 % → 1.5 days. */
  assert_int_equal(tthc_reduction_target(1440, 30, NULL, &t), TTHC_OK);
  assert_int_equal(t, 960);
  assert_int_equal(tthc_reduction_target(1440, 50, NULL, &t), TTHC_OK);
  assert_int_equal(t, 720);
  /* 5 days 30 % = 3.5 days exactly. */
  assert_int_equal(tthc_reduction_target(2400, 30, NULL, &t), TTHC_OK);
  assert_int_equal(t, 1680);
  /* Below 2 days: targets do not apply. */
  assert_int_equal(tthc_reduction_target(480, 30, NULL, &t), TTHC_ERANGE);
  assert_int_equal(tthc_reduction_target(959, 30, NULL, &t), TTHC_ERANGE);
  assert_int_equal(tthc_reduction_target(4800, 0, NULL, &t), TTHC_ERANGE);
  assert_int_equal(tthc_reduction_target(4800, 30, NULL, NULL), TTHC_EINVAL);
  /* Configurable rounding. */
  tthc_proc_rules *r;
  assert_int_equal(tthc_proc_rules_new(&r), TTHC_OK);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_ROUND_MODE, TTHC_ROUND_UP), TTHC_OK);
  assert_int_equal(tthc_reduction_target(1440, 30, r, &t), TTHC_OK);
  assert_int_equal(t, 1200);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_ROUND_MODE, TTHC_ROUND_NEAREST),
                   TTHC_OK);
  assert_int_equal(tthc_reduction_target(1440, 30, r, &t), TTHC_OK);
  assert_int_equal(t, 960);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_ROUND, 60), TTHC_OK);
  assert_int_equal(tthc_reduction_target(1440, 30, r, &t), TTHC_OK);
  assert_int_equal(t, 1020); /* 16.8 h → 17 h */
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_MIN, 0), TTHC_OK);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_REDUCTION_ROUND, 240), TTHC_OK);
  assert_int_equal(tthc_reduction_target(240, 90, r, &t), TTHC_OK);
  assert_int_equal(t, 240); /* never below one unit, never above the limit */
  /* Scaling a process keeps the total exact and every counted step non-empty. */
  tthc_process *pr = cao_bang(), *red = NULL;
  assert_int_equal(tthc_process_scale(pr, 3360, NULL, &red), TTHC_OK);
  assert_int_equal(tthc_process_total(red), 3360);
  assert_int_equal(tthc_process_step_count(red), 7);
  int32_t sum = 0;
  for (size_t i = 0; i < 7; i++) {
    int32_t m;
    int c;
    const char *bt;
    assert_int_equal(tthc_process_step(red, i, NULL, NULL, NULL, &m, &c, &bt), TTHC_OK);
    sum += m;
    if (i < 6) assert_true(m >= 30);
    if (i < 6) assert_null(bt);
    if (i == 6) assert_int_equal(c, 0);
  }
  assert_int_equal(sum, 3360);
  tthc_process_free(red);
  /* A target that is not a multiple of the granularity: the rest goes to the largest step. */
  assert_int_equal(tthc_process_scale(pr, 3365, NULL, &red), TTHC_OK);
  assert_int_equal(tthc_process_total(red), 3365);
  tthc_process_free(red);
  /* Tiny target: fewer units than steps. */
  assert_int_equal(tthc_process_scale(pr, 60, NULL, &red), TTHC_OK);
  assert_int_equal(tthc_process_total(red), 60);
  tthc_process_free(red);
  assert_int_equal(tthc_process_scale(pr, 0, NULL, &red), TTHC_ERANGE);
  assert_null(red);
  tthc_process_free(pr);
  tthc_proc_rules_free(r);
  /* Achieved reduction. */
  int32_t actual[] = {1200, 1440, 2640}, mean, bp;
  assert_int_equal(tthc_reduction_achieved(2400, actual, 3, &mean, &bp), TTHC_OK);
  assert_int_equal(mean, 1760);
  assert_int_equal(bp, 2667);
  int32_t late[] = {3000};
  assert_int_equal(tthc_reduction_achieved(2400, late, 1, &mean, &bp), TTHC_OK);
  assert_int_equal(bp, -2500);
  int32_t neg[] = {-1};
  assert_int_equal(tthc_reduction_achieved(2400, neg, 1, &mean, &bp), TTHC_ERANGE);
  assert_int_equal(tthc_reduction_achieved(0, actual, 3, &mean, &bp), TTHC_ERANGE);
  assert_int_equal(tthc_reduction_achieved(2400, actual, 0, &mean, &bp), TTHC_EINVAL);
}

/* ---- catalogs and search ------------------------------------------------------------------ */

static void test_sample_catalog(void **state) {
  (void)state;
  tthc_catalog *c = load_sample();
  assert_true(tthc_catalog_count(c) >= 25);
  const tthc_proc *p = NULL;
  assert_int_equal(tthc_catalog_get(c, "1.001193", &p), TTHC_OK);
  assert_string_equal(tthc_proc_name(p), "Đăng ký khai sinh");
  assert_string_equal(tthc_proc_field_code(p), "G15-TP07");
  assert_int_equal(tthc_proc_level_of(p), TTHC_LEVEL_COMMUNE);
  assert_non_null(tthc_proc_source(p));
  assert_int_equal(tthc_catalog_get(c, "9.999999", &p), TTHC_ENOTFOUND);
  assert_null(p);
  assert_int_equal(tthc_catalog_get(c, NULL, &p), TTHC_EINVAL);
  /* Every record has a source and a limit on the direct channel. */
  for (size_t i = 0; i < tthc_catalog_count(c); i++) {
    const tthc_proc *q = tthc_catalog_at(c, i);
    assert_non_null(tthc_proc_source(q));
    assert_int_equal(tthc_proc_limit(q, TTHC_CHANNEL_DIRECT, NULL, NULL), TTHC_OK);
    assert_int_equal(tthc_proc_level_of(q), TTHC_LEVEL_COMMUNE);
  }
  assert_null(tthc_catalog_at(c, tthc_catalog_count(c)));
  /* Iteration is in Vietnamese dictionary order. */
  for (size_t i = 1; i < tthc_catalog_count(c); i++) {
    const char *a = tthc_proc_name(tthc_catalog_at(c, i - 1));
    const char *b = tthc_proc_name(tthc_catalog_at(c, i));
    int r;
    assert_int_equal(tthc_text_compare(a, strlen(a), b, strlen(b), 0, &r, NULL), TTHC_OK);
    assert_true(r <= 0);
  }
  /* Channel-specific fees (2.000756): the online charge is waived. */
  assert_int_equal(tthc_catalog_get(c, "2.000756", &p), TTHC_OK);
  assert_int_equal(tthc_proc_fee_count(p), 3);
  unsigned ch;
  int64_t amount;
  assert_int_equal(tthc_proc_fee(p, 1, &ch, NULL, &amount, NULL), TTHC_OK);
  assert_int_equal(ch, 1u << TTHC_CHANNEL_ONLINE);
  assert_int_equal(amount, 0);
  /* Legacy online level 4 with presence required → partial. */
  assert_int_equal(tthc_catalog_get(c, "1.001699", &p), TTHC_OK);
  assert_int_equal(tthc_proc_online(p), TTHC_ONLINE_PARTIAL);
  const char *num;
  tthc_date dd;
  assert_int_equal(tthc_proc_decision(p, &num, &dd), TTHC_OK);
  assert_string_equal(num, "3709/QĐ-UBND");
  assert_int_equal(dd, D(2020, 10, 5));
  /* Limits: per channel where published so. */
  assert_int_equal(tthc_catalog_get(c, "1.000593", &p), TTHC_OK);
  assert_int_equal(tthc_proc_limit(p, TTHC_CHANNEL_POSTAL, NULL, NULL), TTHC_ENOTFOUND);
  /* Internal processes fit their limits. */
  assert_int_equal(tthc_catalog_get(c, "1.010803", &p), TTHC_OK);
  tthc_limit l;
  assert_int_equal(tthc_proc_limit(p, TTHC_CHANNEL_DIRECT, &l, NULL), TTHC_OK);
  int fits;
  int32_t budget, lm;
  assert_int_equal(tthc_process_fit(tthc_proc_process(p), l, tthc_catalog_rules(c), &fits,
                                    &budget, &lm),
                   TTHC_OK);
  assert_true(fits);
  assert_int_equal(budget, lm);
  tthc_catalog_free(c);
}

static const char *first_code(const tthc_catalog *c, const char *q, tthc_match *m, size_t *n) {
  const tthc_proc *r[64];
  tthc_match mm[64];
  assert_int_equal(tthc_catalog_search(c, q, strlen(q), r, mm, 64, n), TTHC_OK);
  if (*n == 0) return NULL;
  if (m) *m = mm[0];
  return tthc_proc_code(r[0]);
}

static bool finds(const tthc_catalog *c, const char *q, const char *code) {
  const tthc_proc *r[64];
  size_t n;
  assert_int_equal(tthc_catalog_search(c, q, strlen(q), r, NULL, 64, &n), TTHC_OK);
  for (size_t i = 0; i < n && i < 64; i++)
    if (strcmp(tthc_proc_code(r[i]), code) == 0) return true;
  return false;
}

static void test_search(void **state) {
  (void)state;
  tthc_catalog *c = load_sample();
  tthc_match m;
  size_t n;
  /* The three queries of the issue. */
  assert_string_equal(first_code(c, "khai sinh", &m, &n), "1.001193");
  assert_int_equal(m, TTHC_MATCH_ALL_WORDS);
  assert_true(n >= 5);
  assert_string_equal(first_code(c, "KHAI SINH", &m, &n), "1.001193");
  assert_true(finds(c, "khai sinh cho nguoi", "1.001193"));
  assert_true(finds(c, "Khai Sinh", "1.001193"));
  assert_true(finds(c, "khai  sinh!", "1.001193"));
  /* Exact folded name, prefix, code. */
  assert_string_equal(first_code(c, "dang ky khai sinh", &m, &n), "1.001193");
  assert_int_equal(m, TTHC_MATCH_EXACT);
  assert_string_equal(first_code(c, "ĐĂNG KÝ KẾT HÔN", &m, &n), "1.000894");
  assert_int_equal(m, TTHC_MATCH_EXACT);
  assert_string_equal(first_code(c, "dang ky ket hon l", &m, &n), "1.000593");
  assert_int_equal(m, TTHC_MATCH_PREFIX);
  assert_string_equal(first_code(c, " 2.000815 ", &m, &n), "2.000815");
  assert_int_equal(n, 1);
  assert_null(first_code(c, "9.999999", &m, &n));
  /* Search as you type: the last word matches a prefix. */
  assert_true(finds(c, "chung thuc di", "2.001019"));
  /* Some words: ranked after all words. */
  const tthc_proc *r[64];
  tthc_match mm[64];
  const char *q = "mai táng liệt sĩ";
  assert_int_equal(tthc_catalog_search(c, q, strlen(q), r, mm, 64, &n), TTHC_OK);
  assert_true(n >= 2);
  for (size_t i = 0; i < n; i++) assert_int_equal(mm[i], TTHC_MATCH_SOME_WORDS);
  /* Nothing, empty, punctuation only. */
  assert_null(first_code(c, "xyzzy", &m, &n));
  assert_int_equal(n, 0);
  assert_null(first_code(c, "", &m, &n));
  assert_null(first_code(c, " ;; ", &m, &n));
  /* Capacity smaller than the results: the count still tells. */
  assert_int_equal(tthc_catalog_search(c, "ho tich", 7, r, mm, 1, &n), TTHC_OK);
  assert_int_equal(tthc_catalog_search(c, "dang ky", 7, NULL, NULL, 0, &n), TTHC_OK);
  assert_true(n > 1);
  assert_int_equal(tthc_catalog_search(c, "\xff", 1, r, mm, 64, &n), TTHC_EUTF8);
  assert_int_equal(tthc_catalog_search(c, "x", 1, NULL, NULL, 5, &n), TTHC_EINVAL);
  assert_int_equal(tthc_catalog_search(NULL, "x", 1, NULL, NULL, 0, &n), TTHC_EINVAL);
  tthc_catalog_free(c);
}

static void test_filter(void **state) {
  (void)state;
  tthc_catalog *c = load_sample();
  const tthc_proc *r[64];
  size_t n, n2, n3;
  assert_int_equal(tthc_catalog_filter(c, "Hộ tịch", 0, 0, r, 64, &n), TTHC_OK);
  assert_true(n >= 10);
  for (size_t i = 0; i < n; i++) assert_string_equal(tthc_proc_field_name(r[i]), "Hộ tịch");
  assert_int_equal(tthc_catalog_filter(c, "HO TICH", 0, 0, NULL, 0, &n2), TTHC_OK);
  assert_int_equal(n2, n);
  assert_int_equal(tthc_catalog_filter(c, "g15-tp07", 0, 0, NULL, 0, &n3), TTHC_OK);
  assert_int_equal(n3, n);
  assert_int_equal(tthc_catalog_filter(c, "Người có công", 0, 0, r, 64, &n), TTHC_OK);
  assert_int_equal(n, 3);
  assert_int_equal(tthc_catalog_filter(c, NULL, 1u << TTHC_LEVEL_COMMUNE, 0, NULL, 0, &n), TTHC_OK);
  assert_int_equal(n, tthc_catalog_count(c));
  assert_int_equal(tthc_catalog_filter(c, NULL, 1u << TTHC_LEVEL_PROVINCE, 0, NULL, 0, &n),
                   TTHC_OK);
  assert_int_equal(n, 0);
  assert_int_equal(tthc_catalog_filter(c, NULL, 0, 1u << TTHC_ONLINE_PARTIAL, r, 64, &n), TTHC_OK);
  assert_true(n >= 6);
  for (size_t i = 0; i < n; i++) assert_int_equal(tthc_proc_online(r[i]), TTHC_ONLINE_PARTIAL);
  assert_int_equal(tthc_catalog_filter(c, "Chứng thực", 0, 1u << TTHC_ONLINE_PARTIAL, r, 64, &n),
                   TTHC_OK);
  assert_int_equal(n, 1);
  assert_string_equal(tthc_proc_code(r[0]), "2.000815");
  assert_int_equal(tthc_catalog_filter(c, "\xff", 0, 0, r, 64, &n), TTHC_EUTF8);
  tthc_catalog_free(c);
}

/* ---- JSON --------------------------------------------------------------------------------- */

static void test_json_roundtrip(void **state) {
  (void)state;
  tthc_catalog *c = load_sample();
  char *a = NULL, *b = NULL;
  size_t alen;
  assert_int_equal(tthc_catalog_to_json_alloc(c, TTHC_JSON_INDENT, &a, &alen), TTHC_OK);
  assert_int_equal(strlen(a), alen);
  tthc_catalog *c2 = NULL;
  tthc_error err;
  assert_int_equal(tthc_catalog_load_json(a, alen, &c2, &err), TTHC_OK);
  assert_int_equal(tthc_catalog_count(c2), tthc_catalog_count(c));
  assert_int_equal(tthc_catalog_to_json_alloc(c2, TTHC_JSON_INDENT, &b, NULL), TTHC_OK);
  assert_string_equal(a, b);
  tthc_free(b);
  assert_int_equal(tthc_catalog_to_json_alloc(c2, TTHC_JSON_COMPACT, &b, NULL), TTHC_OK);
  assert_null(strchr(b, '\n'));
  tthc_free(b);
  const tthc_proc *p;
  assert_int_equal(tthc_catalog_get(c2, "1.010803", &p), TTHC_OK);
  assert_int_equal(tthc_proc_to_json_alloc(p, 0, &b, NULL), TTHC_OK);
  assert_non_null(strstr(b, "\"budget\":\"12 ngày làm việc\""));
  assert_non_null(strstr(b, "\"interagency\":true"));
  tthc_free(b);
  assert_int_equal(tthc_proc_to_json_alloc(NULL, 0, &b, NULL), TTHC_EINVAL);
  assert_null(b);
  tthc_free(a);
  tthc_catalog_free(c2);
  tthc_catalog_free(c);
  /* Custom rules travel with the catalog. */
  const char *doc =
      "{\"rules\":{\"minutes_per_day\":420,\"four_at_place\":{\"fields\":[\"Đất đai\"],"
      "\"cutoff\":\"16:00\",\"step_minutes\":{\"appraise\":90}},\"reduction\":{\"targets\":[20,"
      "40],\"round\":\"up\"},\"publication\":{\"province\":{\"counter_days\":7}}},"
      "\"procedures\":[{\"code\":\"1.000001\",\"name\":\"Thử\",\"process\":{\"steps\":[{\"kind\":"
      "\"appraise\",\"budget\":\"1 ngày\"},{\"kind\":\"return\",\"minutes\":0,\"counted\":"
      "false}]}}]}";
  assert_int_equal(tthc_catalog_load_json(doc, strlen(doc), &c, &err), TTHC_OK);
  const tthc_proc_rules *r = tthc_catalog_rules(c);
  int64_t v;
  tthc_proc_rules_get(r, TTHC_RULE_MINUTES_PER_DAY, &v);
  assert_int_equal(v, 420);
  tthc_proc_rules_get(r, TTHC_RULE_FOURPLACE_CUTOFF, &v);
  assert_int_equal(v, 57600);
  tthc_proc_rules_get(r, TTHC_RULE_FOURPLACE_APPRAISE, &v);
  assert_int_equal(v, 90);
  tthc_proc_rules_get(r, TTHC_RULE_REDUCTION_HIGH, &v);
  assert_int_equal(v, 40);
  tthc_proc_rules_get(r, TTHC_RULE_REDUCTION_ROUND_MODE, &v);
  assert_int_equal(v, TTHC_ROUND_UP);
  tthc_proc_rules_get(r, TTHC_RULE_PUBLISH_PROVINCE_COUNTER, &v);
  assert_int_equal(v, 7);
  assert_int_equal(tthc_proc_rules_field_count(r), 1);
  assert_int_equal(tthc_catalog_get(c, "1.000001", &p), TTHC_OK);
  assert_int_equal(tthc_process_total(tthc_proc_process(p)), 420); /* 1 day = 420 min here */
  assert_int_equal(tthc_catalog_to_json_alloc(c, 0, &a, NULL), TTHC_OK);
  assert_non_null(strstr(a, "\"cutoff\":\"16:00\""));
  assert_int_equal(tthc_catalog_load_json(a, strlen(a), &c2, &err), TTHC_OK);
  tthc_free(a);
  tthc_catalog_free(c2);
  tthc_catalog_free(c);
  /* Arguments. */
  assert_int_equal(tthc_catalog_load_json(NULL, 0, &c, &err), TTHC_EINVAL);
  assert_int_equal(tthc_catalog_load_json("{}", 2, NULL, &err), TTHC_EINVAL);
  assert_int_equal(tthc_catalog_load_file(TTHC_TEST_DATA "/no/such/file.json", &c, &err),
                   TTHC_EIO);
  assert_null(c);
  assert_non_null(strstr(err.message, "cannot open"));
}

/* Golden test: every tests/data/bad_catalogs/NAME.json is rejected with the status and the
 * exact message in NAME.expected (first line: status name; second line: message). */
static void test_bad_catalogs(void **state) {
  (void)state;
  const char *dir = TTHC_TEST_DATA "/bad_catalogs";
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *e;
  int count = 0;
  while ((e = readdir(d)) != NULL) {
    size_t l = strlen(e->d_name);
    if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0) continue;
    char path[512], exp_path[512];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    snprintf(exp_path, sizeof exp_path, "%s/%.*s.expected", dir, (int)(l - 5), e->d_name);
    FILE *f = fopen(exp_path, "r");
    if (!f) fail_msg("missing %s", exp_path);
    char want_status[64] = "", want_msg[512] = "";
    assert_non_null(fgets(want_status, sizeof want_status, f));
    assert_non_null(fgets(want_msg, sizeof want_msg, f));
    fclose(f);
    want_status[strcspn(want_status, "\n")] = '\0';
    want_msg[strcspn(want_msg, "\n")] = '\0';
    tthc_catalog *c = (tthc_catalog *)1;
    tthc_error err;
    tthc_status st = tthc_catalog_load_file(path, &c, &err);
    assert_null(c); /* never half-succeeds */
    if (strcmp(tthc_status_name(st), want_status) != 0 || strcmp(err.message, want_msg) != 0)
      fail_msg("%s:\n  got  %s %s\n  want %s %s", e->d_name, tthc_status_name(st), err.message,
               want_status, want_msg);
    count++;
  }
  closedir(d);
  assert_true(count >= 12);
}

/* ---- plans on the national calendar ------------------------------------------------------- */

static tthc_cal *cal2025(void) {
  tthc_cal *cal = NULL;
  assert_int_equal(tthc_cal_new_vietnam(2024, 2026, &cal), TTHC_OK);
  return cal;
}

static void test_plan(void **state) {
  (void)state;
  tthc_catalog *c = load_sample();
  tthc_cal *cal = cal2025();
  const tthc_proc *p;
  assert_int_equal(tthc_catalog_get(c, "1.010803", &p), TTHC_OK);
  tthc_limit l;
  assert_int_equal(tthc_proc_limit(p, TTHC_CHANNEL_DIRECT, &l, NULL), TTHC_OK);
  /* Received Friday 24/1/2025 16:10, after the cut-off, before the 9-day Tết closure
   * (25/1–2/2): the clock starts Monday 3/2 08:00. Steps of 5, 10 and 12 working days. */
  tthc_datetime st[4], du[4], stat;
  size_t n;
  assert_int_equal(tthc_process_plan(tthc_proc_process(p), cal, NULL, NULL, &l,
                                     T(2025, 1, 24, 16, 10), st, du, 4, &n, &stat),
                   TTHC_OK);
  assert_int_equal(n, 4);
  assert_time(st[0], "2025-02-03T08:00");
  assert_time(du[0], "2025-02-07T17:00");
  assert_time(du[1], "2025-02-21T17:00");
  assert_time(du[2], "2025-03-11T17:00");
  assert_time(st[3], "2025-03-11T17:00");
  assert_time(du[3], "2025-03-11T17:00"); /* the return step is not counted */
  assert_time(stat, "2025-03-12T17:00");  /* the law counts from the day after the start */
  assert_true(du[2] <= stat);
  /* Capacity and arguments. */
  assert_int_equal(tthc_process_plan(tthc_proc_process(p), cal, NULL, NULL, &l,
                                     T(2025, 1, 24, 16, 10), st, du, 2, &n, NULL),
                   TTHC_ENOSPC);
  assert_int_equal(n, 4);
  assert_int_equal(tthc_process_plan(tthc_proc_process(p), cal, NULL, NULL, NULL,
                                     T(2025, 3, 3, 8, 0), NULL, NULL, 0, &n, &stat),
                   TTHC_OK);
  assert_int_equal(stat, 0);
  assert_int_equal(tthc_process_plan(NULL, cal, NULL, NULL, &l, 0, NULL, NULL, 0, &n, NULL),
                   TTHC_EINVAL);
  assert_int_equal(tthc_process_plan(tthc_proc_process(p), NULL, NULL, NULL, &l, 0, NULL, NULL,
                                     0, &n, NULL),
                   TTHC_EINVAL);
  assert_int_equal(tthc_process_plan(tthc_proc_process(p), cal, NULL, NULL, &l,
                                     T(2026, 12, 1, 8, 0), st, du, 4, &n, &stat),
                   TTHC_ERANGE);
  tthc_cal_free(cal);
  tthc_catalog_free(c);
}

static void test_fourplace(void **state) {
  (void)state;
  tthc_catalog *c = load_sample();
  tthc_cal *cal = cal2025();
  const tthc_proc *ks, *mt, *tc, *kh;
  assert_int_equal(tthc_catalog_get(c, "1.001193", &ks), TTHC_OK);
  assert_int_equal(tthc_catalog_get(c, "1.001731", &mt), TTHC_OK);
  assert_int_equal(tthc_catalog_get(c, "1.010803", &tc), TTHC_OK);
  assert_int_equal(tthc_catalog_get(c, "1.000689", &kh), TTHC_OK);
  int ok;
  unsigned why;
  assert_int_equal(tthc_fourplace_check(ks, TTHC_CHANNEL_DIRECT, NULL, 0, &ok, &why), TTHC_OK);
  assert_true(ok);
  assert_int_equal(why, TTHC_FOURPLACE_FIELD_LISTED | TTHC_FOURPLACE_LIMIT_SHORT |
                            TTHC_FOURPLACE_INCOMPLETE);
  assert_int_equal(tthc_fourplace_check(mt, TTHC_CHANNEL_DIRECT, NULL, 1, &ok, &why), TTHC_OK);
  assert_true(ok);
  assert_true(why & TTHC_FOURPLACE_LIMIT_MEDIUM);
  assert_int_equal(tthc_fourplace_check(mt, TTHC_CHANNEL_DIRECT, NULL, 0, &ok, &why), TTHC_OK);
  assert_false(ok);
  assert_int_equal(tthc_fourplace_check(tc, TTHC_CHANNEL_DIRECT, NULL, 1, &ok, &why), TTHC_OK);
  assert_false(ok);
  assert_true(why & TTHC_FOURPLACE_LIMIT_LONG);
  assert_int_equal(tthc_fourplace_check(kh, TTHC_CHANNEL_DIRECT, NULL, 1, &ok, &why), TTHC_OK);
  assert_false(ok);
  assert_true(why & TTHC_FOURPLACE_LIMIT_CALENDAR);
  assert_int_equal(tthc_fourplace_check(tc, TTHC_CHANNEL_ONLINE, NULL, 1, &ok, &why), TTHC_OK);
  assert_true(why & TTHC_FOURPLACE_NO_LIMIT);
  /* A rule set without Hộ tịch. */
  tthc_proc_rules *r;
  assert_int_equal(tthc_proc_rules_new(&r), TTHC_OK);
  tthc_proc_rules_clear_fields(r);
  assert_int_equal(tthc_proc_rules_add_field(r, "Chứng thực"), TTHC_OK);
  assert_int_equal(tthc_fourplace_check(ks, TTHC_CHANNEL_DIRECT, r, 1, &ok, &why), TTHC_OK);
  assert_false(ok);
  assert_true(why & TTHC_FOURPLACE_FIELD_NOT_LISTED);
  /* Same-day plan: Tuesday 4/3/2025 09:00, 7 working hours left (lunch 12–13), nominal
   * 15/60/30/15 minutes shared in proportion. */
  tthc_datetime due[4];
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, NULL, cal, NULL,
                                       T(2025, 3, 4, 9, 0), 1, &ok, &why, due),
                   TTHC_OK);
  assert_true(ok);
  assert_true(why & TTHC_FOURPLACE_FITS_TODAY);
  assert_true(why & TTHC_FOURPLACE_BEFORE_CUTOFF);
  assert_time(due[0], "2025-03-04T09:52");
  assert_time(due[1], "2025-03-04T14:22");
  assert_time(due[2], "2025-03-04T16:07");
  assert_time(due[3], "2025-03-04T17:00");
  /* 14:50: 130 minutes left, enough for 120. */
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, NULL, cal, NULL,
                                       T(2025, 3, 4, 14, 50), 1, &ok, &why, due),
                   TTHC_OK);
  assert_true(ok);
  assert_time(due[3], "2025-03-04T17:00");
  /* 15:30: after the cut-off. */
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, NULL, cal, NULL,
                                       T(2025, 3, 4, 15, 30), 1, &ok, &why, due),
                   TTHC_OK);
  assert_false(ok);
  assert_true(why & TTHC_FOURPLACE_AFTER_CUTOFF);
  assert_int_equal(due[0], 0);
  /* A later cut-off, but not enough time left. */
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_FOURPLACE_CUTOFF, 16 * 3600 + 1800), TTHC_OK);
  assert_int_equal(tthc_proc_rules_add_field(r, "Hộ tịch"), TTHC_OK);
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, r, cal, NULL,
                                       T(2025, 3, 4, 15, 30), 1, &ok, &why, due),
                   TTHC_OK);
  assert_false(ok);
  assert_true(why & TTHC_FOURPLACE_NO_TIME_LEFT);
  /* Saturday; a Tết day. */
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, NULL, cal, NULL,
                                       T(2025, 3, 8, 9, 0), 1, &ok, &why, due),
                   TTHC_OK);
  assert_false(ok);
  assert_true(why & TTHC_FOURPLACE_CLOSED);
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, NULL, cal, NULL,
                                       T(2025, 1, 29, 9, 0), 1, &ok, &why, due),
                   TTHC_OK);
  assert_true(why & TTHC_FOURPLACE_CLOSED);
  /* Before opening: the plan starts at 08:00. */
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, NULL, cal, NULL,
                                       T(2025, 3, 4, 7, 0), 1, &ok, &why, due),
                   TTHC_OK);
  assert_true(ok);
  assert_time(due[0], "2025-03-04T09:00");
  /* Texts. */
  assert_string_equal(tthc_fourplace_reason_text(TTHC_FOURPLACE_AFTER_CUTOFF, 0),
                      "received after the cut-off");
  assert_string_equal(tthc_fourplace_reason_text(TTHC_FOURPLACE_AFTER_CUTOFF, 1),
                      "tiếp nhận sau giờ giới hạn");
  assert_string_equal(tthc_fourplace_reason_text(3, 0), "");
  assert_int_equal(tthc_fourplace_check(NULL, TTHC_CHANNEL_DIRECT, NULL, 1, &ok, &why),
                   TTHC_EINVAL);
  assert_int_equal(tthc_fourplace_check(ks, (tthc_channel)3, NULL, 1, &ok, &why), TTHC_EINVAL);
  assert_int_equal(tthc_fourplace_plan(ks, TTHC_CHANNEL_DIRECT, NULL, NULL, NULL, 0, 1, &ok, &why,
                                       due),
                   TTHC_EINVAL);
  tthc_proc_rules_free(r);
  tthc_cal_free(cal);
  tthc_catalog_free(c);
}

static void test_publication(void **state) {
  (void)state;
  tthc_cal *cal = cal2025();
  tthc_date cb, ob;
  /* Decision on Friday 24/1/2025; Tết closes 25/1–2/2: 5 working days → Friday 7/2. */
  assert_int_equal(tthc_publication_deadlines(cal, D(2025, 1, 24), TTHC_ISSUER_PROVINCE, NULL,
                                              &cb, &ob),
                   TTHC_OK);
  assert_int_equal(cb, D(2025, 2, 7));
  assert_int_equal(ob, D(2025, 2, 7));
  assert_int_equal(tthc_publication_deadlines(cal, D(2025, 1, 24), TTHC_ISSUER_MINISTRY, NULL,
                                              &cb, &ob),
                   TTHC_OK);
  assert_int_equal(ob, D(2025, 2, 14));
  /* Posted on (on time), and two working days after (late), the provincial deadline 7/2. */
  static const struct {
    tthc_publish_place place;
    int posted_day; /* February 2025 */
    int on_time, late;
  } checks[] = {{TTHC_PUBLISH_ONLINE, 7, 1, 0}, {TTHC_PUBLISH_COUNTER, 11, 0, 2}};
  int on_time;
  int32_t late;
  for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
    assert_int_equal(tthc_publication_check(cal, D(2025, 1, 24), TTHC_ISSUER_PROVINCE,
                                            checks[i].place, D(2025, 2, checks[i].posted_day),
                                            NULL, &on_time, &late),
                     TTHC_OK);
    assert_int_equal(on_time, checks[i].on_time);
    assert_int_equal(late, checks[i].late);
  }
  tthc_proc_rules *r;
  assert_int_equal(tthc_proc_rules_new(&r), TTHC_OK);
  assert_int_equal(tthc_proc_rules_set(r, TTHC_RULE_PUBLISH_PROVINCE_COUNTER, 0), TTHC_OK);
  assert_int_equal(tthc_publication_deadlines(cal, D(2025, 1, 25), TTHC_ISSUER_PROVINCE, r, &cb,
                                              NULL),
                   TTHC_OK);
  assert_int_equal(cb, D(2025, 2, 3)); /* N = 0 on a closed day: the next working day */
  assert_int_equal(tthc_publication_check(cal, D(2025, 1, 24), TTHC_ISSUER_PROVINCE,
                                          TTHC_PUBLISH_ONLINE, D(2025, 1, 20), NULL, &on_time,
                                          &late),
                   TTHC_ERANGE);
  assert_int_equal(tthc_publication_deadlines(NULL, 0, TTHC_ISSUER_PROVINCE, NULL, &cb, &ob),
                   TTHC_EINVAL);
  assert_int_equal(tthc_publication_deadlines(cal, D(2025, 1, 24), (tthc_issuer)5, NULL, &cb,
                                              &ob),
                   TTHC_EINVAL);
  assert_int_equal(tthc_publication_deadlines(cal, D(2030, 1, 1), TTHC_ISSUER_PROVINCE, NULL, &cb,
                                              &ob),
                   TTHC_ERANGE);
  tthc_proc_rules_free(r);
  tthc_cal_free(cal);
}

static void test_builder_many(void **state) {
  (void)state;
  /* Enough records to grow the builder's code set several times; codes in every first digit. */
  tthc_catalog_builder *b = NULL;
  assert_int_equal(tthc_catalog_builder_new(&b), TTHC_OK);
  char code[48], name[64];
  for (int i = 0; i < 3000; i++) {
    snprintf(code, sizeof code, "%d.%06d", i % 10, i * 331 % 1000000);
    snprintf(name, sizeof name, "Thủ tục %d", i);
    tthc_proc *p = NULL;
    assert_int_equal(tthc_proc_new(code, name, &p, NULL), TTHC_OK);
    assert_int_equal(tthc_catalog_builder_add(b, p), TTHC_OK);
  }
  tthc_proc *dup = NULL;
  assert_int_equal(tthc_proc_new("7.442547", "Trùng mã", &dup, NULL), TTHC_OK); /* i = 1337 */
  assert_int_equal(tthc_catalog_builder_add(b, dup), TTHC_EEXIST);
  tthc_catalog *c = NULL;
  assert_int_equal(tthc_catalog_build(b, &c), TTHC_OK);
  assert_int_equal(tthc_catalog_count(c), 3000);
  for (int i = 0; i < 3000; i++) {
    snprintf(code, sizeof code, "%d.%06d", i % 10, i * 331 % 1000000);
    const tthc_proc *p = NULL;
    assert_int_equal(tthc_catalog_get(c, code, &p), TTHC_OK);
    snprintf(name, sizeof name, "Thủ tục %d", i);
    assert_string_equal(tthc_proc_name(p), name);
  }
  const tthc_proc *p = NULL;
  assert_int_equal(tthc_catalog_get(c, "7.442548", &p), TTHC_ENOTFOUND);
  assert_int_equal(tthc_catalog_get(c, "7.44254", &p), TTHC_ENOTFOUND);
  assert_int_equal(tthc_catalog_get(c, "7.4425470", &p), TTHC_ENOTFOUND);
  assert_int_equal(tthc_catalog_get(c, "x.442547", &p), TTHC_ENOTFOUND);
  assert_int_equal(tthc_catalog_get(c, "", &p), TTHC_ENOTFOUND);
  assert_null(p);
  /* The emptied builder is reusable, and the code set with it. */
  assert_int_equal(tthc_proc_new("7.442547", "Lại", &dup, NULL), TTHC_OK);
  assert_int_equal(tthc_catalog_builder_add(b, dup), TTHC_OK);
  tthc_catalog_builder_free(b);
  tthc_catalog_free(c);
}

/* ---- threads ------------------------------------------------------------------------------ */

/* A built catalog (and a built calendar) are immutable: threads search, look up, plan and
 * serialise the same one concurrently. Each thread folds everything it computed into a checksum,
 * which must equal the single-threaded one (cmocka's assertions are not thread-safe). Run under
 * ThreadSanitizer by `sh tests/hardening.sh tsan`. */
typedef struct {
  const tthc_catalog *c;
  const tthc_cal *cal;
  uint64_t sum;
  tthc_status st;
} share_job;

static uint64_t mix(uint64_t h, uint64_t v) {
  return (h ^ v) * 0x100000001B3ull;
}

static void *share_run(void *arg) {
  share_job *j = arg;
  uint64_t h = 0xCBF29CE484222325ull;
  const char *queries[] = {"khai sinh", "KHAI SINH", "chung thuc ban sao", "ket hon", "tro cap"};
  for (int round = 0; round < 20 && j->st == TTHC_OK; round++) {
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
      const tthc_proc *res[8];
      tthc_match m[8];
      size_t n = 0;
      j->st = tthc_catalog_search(j->c, queries[q], strlen(queries[q]), res, m, 8, &n);
      if (j->st != TTHC_OK && j->st != TTHC_ENOSPC) return NULL;
      j->st = TTHC_OK;
      for (size_t i = 0; i < n && i < 8; i++)
        h = mix(mix(h, (uint64_t)m[i]), strtoull(tthc_proc_code(res[i]) + 2, NULL, 10));
    }
    for (size_t i = 0; i < tthc_catalog_count(j->c); i++) {
      const tthc_proc *p = tthc_catalog_at(j->c, i), *q = NULL;
      if ((j->st = tthc_catalog_get(j->c, tthc_proc_code(p), &q)) != TTHC_OK) return NULL;
      h = mix(h, q == p);
      tthc_limit l;
      if (tthc_proc_process(p) && tthc_proc_limit(p, TTHC_CHANNEL_DIRECT, &l, NULL) == TTHC_OK) {
        tthc_datetime st[16], du[16], stat = 0;
        size_t n = 0;
        j->st = tthc_process_plan(tthc_proc_process(p), j->cal, NULL, NULL, &l,
                                  T(2025, 1, 24, 16, 10) + (int64_t)round * 3600, st, du, 16,
                                  &n, &stat);
        if (j->st != TTHC_OK) return NULL;
        h = mix(h, (uint64_t)stat);
        for (size_t k = 0; k < n; k++) h = mix(h, (uint64_t)du[k]);
      }
      int ok = 0;
      unsigned why = 0;
      tthc_datetime dues[4] = {0};
      j->st = tthc_fourplace_plan(p, TTHC_CHANNEL_DIRECT, NULL, j->cal, NULL,
                                  T(2025, 3, 4, 8, 0) + (int64_t)round * 1800, 1, &ok, &why,
                                  dues);
      if (j->st != TTHC_OK) return NULL;
      h = mix(mix(mix(h, (uint64_t)ok), why), (uint64_t)dues[3]);
    }
    char *json = NULL;
    size_t len = 0;
    if ((j->st = tthc_catalog_to_json_alloc(j->c, 0, &json, &len)) != TTHC_OK) return NULL;
    h = mix(h, len);
    tthc_free(json);
  }
  j->sum = h;
  return NULL;
}

static void test_threads_share_catalog(void **state) {
  (void)state;
  tthc_catalog *c = load_sample();
  tthc_cal *cal = cal2025();
  share_job ref = {c, cal, 0, TTHC_OK}, jobs[8];
  share_run(&ref);
  assert_int_equal(ref.st, TTHC_OK);
  pthread_t th[8];
  for (int i = 0; i < 8; i++) {
    jobs[i] = (share_job){c, cal, 0, TTHC_OK};
    assert_int_equal(pthread_create(&th[i], NULL, share_run, &jobs[i]), 0);
  }
  for (int i = 0; i < 8; i++) {
    assert_int_equal(pthread_join(th[i], NULL), 0);
    assert_int_equal(jobs[i].st, TTHC_OK);
    assert_true(jobs[i].sum == ref.sum);
  }
  tthc_cal_free(cal);
  tthc_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_codes),          cmocka_unit_test(test_enums),
      cmocka_unit_test(test_rules),          cmocka_unit_test(test_record),
      cmocka_unit_test(test_budgets),        cmocka_unit_test(test_process),
      cmocka_unit_test(test_reductions),     cmocka_unit_test(test_sample_catalog),
      cmocka_unit_test(test_search),         cmocka_unit_test(test_filter),
      cmocka_unit_test(test_json_roundtrip), cmocka_unit_test(test_bad_catalogs),
      cmocka_unit_test(test_plan),           cmocka_unit_test(test_fourplace),
      cmocka_unit_test(test_publication),    cmocka_unit_test(test_threads_share_catalog),
      cmocka_unit_test(test_builder_many),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
