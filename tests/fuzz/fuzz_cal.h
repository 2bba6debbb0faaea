/* Calendar helpers of the fuzz targets that build calendars (fuzz_ical.c, fuzz_caljson.c): a
 * fingerprint of everything a built calendar holds, cheaper than an iCalendar export. */
#ifndef TTHC_FUZZ_CAL_H
#define TTHC_FUZZ_CAL_H
#include "fuzz_common.h"

static void fp_mix(uint64_t *h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) *h = (*h ^ b[i]) * 1099511628211ull; /* FNV-1a */
}

static void fp_str(uint64_t *h, const char *s) { fp_mix(h, s, strlen(s) + 1); }

/* Weekly rest, the status of each year, the working days of each month and every entry. */
static uint64_t cal_fingerprint(const tthc_cal *cal) {
  uint64_t h = 14695981039346656037ull;
  unsigned rest = tthc_cal_weekly_rest(cal);
  fp_mix(&h, &rest, sizeof rest);
  int y0, y1;
  FUZZ_CHECK(tthc_date_to_ymd(tthc_cal_first_date(cal), &y0, NULL, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_date_to_ymd(tthc_cal_last_date(cal), &y1, NULL, NULL) == TTHC_OK);
  for (int y = y0; y <= y1; y++) {
    tthc_year_status st;
    FUZZ_CHECK(tthc_cal_year_status(cal, y, &st) == TTHC_OK);
    fp_mix(&h, &st, sizeof st);
    for (int m = 1; m <= 12; m++) {
      int32_t n;
      FUZZ_CHECK(tthc_cal_month_workdays(cal, y, m, &n) == TTHC_OK);
      fp_mix(&h, &n, sizeof n);
    }
  }
  tthc_cal_iter *it = NULL;
  FUZZ_CHECK(tthc_cal_iter_new(cal, tthc_cal_first_date(cal), tthc_cal_last_date(cal), &it) == TTHC_OK);
  for (const tthc_cal_entry *e; (e = tthc_cal_iter_next(it)) != NULL;) {
    tthc_date d = tthc_cal_entry_date(e);
    tthc_day_kind k = tthc_cal_entry_kind(e);
    fp_mix(&h, &d, sizeof d);
    fp_mix(&h, &k, sizeof k);
    fp_str(&h, tthc_cal_entry_name_vi(e));
    fp_str(&h, tthc_cal_entry_name_en(e));
    fp_str(&h, tthc_cal_entry_source(e));
  }
  tthc_cal_iter_free(it);
  return h;
}

static tthc_cal *cal_build(const tthc_cal_builder *b) {
  tthc_cal *cal = NULL;
  FUZZ_CHECK(tthc_cal_build(b, &cal) == TTHC_OK);
  return cal;
}

static uint64_t builder_fingerprint(const tthc_cal_builder *b) {
  tthc_cal *cal = cal_build(b);
  uint64_t h = cal_fingerprint(cal);
  tthc_cal_free(cal);
  return h;
}

/* The iCalendar export of @p cal, imported into a fresh builder of @p flags over the same years
 * and built, gives the same calendar. */
static void cal_ical_roundtrip(const tthc_cal *cal, int first_year, int last_year, unsigned flags) {
  char *text = NULL;
  size_t len;
  FUZZ_CHECK(tthc_ical_export_alloc(cal, tthc_cal_first_date(cal), tthc_cal_last_date(cal), &text,
                                    &len) == TTHC_OK);
  tthc_cal_builder *b = NULL;
  FUZZ_CHECK(tthc_cal_builder_new(first_year, last_year, flags, &b) == TTHC_OK);
  tthc_error err;
  if (tthc_ical_import(b, text, len, &err) != TTHC_OK) {
    fprintf(stderr, "export does not import: %s\n%s\n", err.message, text);
    FUZZ_CHECK(0);
  }
  FUZZ_CHECK(builder_fingerprint(b) == cal_fingerprint(cal));
  tthc_cal_builder_free(b);
  tthc_free(text);
}

#endif
