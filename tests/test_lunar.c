/* lunar: conversions in the three conventions, the published facts (FACTS.md §3), leap months,
 * month lengths, the 1968 switch, can-chi, solar terms, new moons, the table against the
 * astronomical model, and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core_internal.h"
#include "lunar_internal.h"
#include "test_support.h"
#include "tthc.h"

static const tthc_lunar_convention CONVS[3] = {TTHC_LUNAR_VIETNAM, TTHC_LUNAR_UTC7,
                                               TTHC_LUNAR_UTC8};

static tthc_date solar(int32_t y, int m, int d, int leap, tthc_lunar_convention conv) {
  tthc_date r;
  tthc_lunar_date ld = {y, (int8_t)m, (int8_t)d, (int8_t)leap};
  assert_int_equal(tthc_lunar_to_solar(ld, conv, &r), TTHC_OK);
  return r;
}

static tthc_lunar_date lunar(tthc_date d, tthc_lunar_convention conv) {
  tthc_lunar_date r;
  assert_int_equal(tthc_lunar_from_solar(d, conv, &r), TTHC_OK);
  return r;
}

static int leap_month(int32_t y, tthc_lunar_convention conv) {
  int m;
  assert_int_equal(tthc_lunar_leap_month(y, conv, &m), TTHC_OK);
  return m;
}

static void assert_lunar(tthc_lunar_date ld, int y, int m, int d, int leap) {
  assert_int_equal(ld.year, y);
  assert_int_equal(ld.month, m);
  assert_int_equal(ld.day, d);
  assert_int_equal(ld.leap, leap);
}

/* FACTS.md §3.3: Tết, Giỗ Tổ (10/3) and leap months 2019-2030. */
static void test_facts_2019_2030(void **state) {
  (void)state;
  static const struct {
    int year, tet_m, tet_d, hung_m, hung_d, leap, leap_m, leap_d;
  } rows[] = {
      {2019, 2, 5, 4, 14, 0, 0, 0},  {2020, 1, 25, 4, 2, 4, 5, 23}, {2021, 2, 12, 4, 21, 0, 0, 0},
      {2022, 2, 1, 4, 10, 0, 0, 0},  {2023, 1, 22, 4, 29, 2, 3, 22}, {2024, 2, 10, 4, 18, 0, 0, 0},
      {2025, 1, 29, 4, 7, 6, 7, 25}, {2026, 2, 17, 4, 26, 0, 0, 0}, {2027, 2, 6, 4, 16, 0, 0, 0},
      {2028, 1, 26, 4, 4, 5, 6, 23}, {2029, 2, 13, 4, 23, 0, 0, 0}, {2030, 2, 2, 4, 12, 0, 0, 0},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    int y = rows[i].year;
    for (int c = 0; c < 2; c++) { /* the Vietnamese convention and UTC+7 agree from 1968 */
      assert_int_equal(solar(y, 1, 1, 0, CONVS[c]), D(y, rows[i].tet_m, rows[i].tet_d));
      assert_int_equal(solar(y, 3, 10, 0, CONVS[c]), D(y, rows[i].hung_m, rows[i].hung_d));
      assert_int_equal(leap_month(y, CONVS[c]), rows[i].leap);
      if (rows[i].leap)
        assert_int_equal(solar(y, rows[i].leap, 1, 1, CONVS[c]),
                         D(y, rows[i].leap_m, rows[i].leap_d));
    }
  }
  assert_lunar(lunar(D(2025, 1, 29), TTHC_LUNAR_VIETNAM), 2025, 1, 1, 0);
  assert_lunar(lunar(D(2025, 1, 28), TTHC_LUNAR_VIETNAM), 2024, 12, 29, 0);
  /* 2025's official schedules: 25/1 = 26 tháng Chạp; 2026: 14/2 = 27 tháng Chạp. */
  assert_lunar(lunar(D(2025, 1, 25), TTHC_LUNAR_VIETNAM), 2024, 12, 26, 0);
  assert_lunar(lunar(D(2026, 2, 14), TTHC_LUNAR_VIETNAM), 2025, 12, 27, 0);
  assert_lunar(lunar(D(2025, 7, 25), TTHC_LUNAR_VIETNAM), 2025, 6, 1, 1);
  assert_lunar(lunar(D(2025, 7, 24), TTHC_LUNAR_VIETNAM), 2025, 6, 30, 0);
}

/* FACTS.md §3.2: the years where the Vietnamese (UTC+7) and Chinese (UTC+8) New Year differ. */
static void test_vietnam_vs_china(void **state) {
  (void)state;
  static const struct {
    int year, vn_m, vn_d, cn_m, cn_d;
  } rows[] = {
      {1903, 1, 28, 1, 29}, {1916, 2, 3, 2, 4},   {1935, 2, 3, 2, 4},   {1965, 2, 1, 2, 2},
      {1968, 1, 29, 1, 30}, {1969, 2, 16, 2, 17}, {1985, 1, 21, 2, 20}, {2007, 2, 17, 2, 18},
      {2030, 2, 2, 2, 3},   {2053, 2, 18, 2, 19},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    int y = rows[i].year;
    assert_int_equal(solar(y, 1, 1, 0, TTHC_LUNAR_UTC7), D(y, rows[i].vn_m, rows[i].vn_d));
    assert_int_equal(solar(y, 1, 1, 0, TTHC_LUNAR_UTC8), D(y, rows[i].cn_m, rows[i].cn_d));
    /* The historical convention follows UTC+8 before 1968 and UTC+7 from 1968. */
    tthc_date vn = y >= 1968 ? D(y, rows[i].vn_m, rows[i].vn_d) : D(y, rows[i].cn_m, rows[i].cn_d);
    assert_int_equal(solar(y, 1, 1, 0, TTHC_LUNAR_VIETNAM), vn);
  }
  /* 1985: Vietnam's Tết a whole month before China's: the leap month differs. */
  assert_int_equal(leap_month(1984, TTHC_LUNAR_UTC8), 10);
  assert_int_equal(leap_month(1985, TTHC_LUNAR_UTC8), 0);
  assert_int_equal(leap_month(1984, TTHC_LUNAR_UTC7), 0);
  assert_int_equal(leap_month(1985, TTHC_LUNAR_UTC7), 2);
  assert_lunar(lunar(D(1985, 2, 19), TTHC_LUNAR_UTC8), 1984, 12, 30, 0);
  assert_lunar(lunar(D(1985, 2, 19), TTHC_LUNAR_UTC7), 1985, 1, 30, 0);
  /* Giỗ Tổ: VN 4 April 2009, China 5 April (python-holidays' exception list). */
  assert_int_equal(solar(2009, 3, 10, 0, TTHC_LUNAR_VIETNAM), D(2009, 4, 4));
  assert_int_equal(solar(2009, 3, 10, 0, TTHC_LUNAR_UTC8), D(2009, 4, 5));
}

/* The switch of TTHC_LUNAR_VIETNAM: lunar 1967 ends the day before Tết 1968 (29 Jan). */
static void test_1968_switch(void **state) {
  (void)state;
  tthc_date tet = D(1968, 1, 29);
  assert_lunar(lunar(tet, TTHC_LUNAR_VIETNAM), 1968, 1, 1, 0);
  assert_lunar(lunar(tet - 1, TTHC_LUNAR_VIETNAM), 1967, 12, 29, 0);
  assert_lunar(lunar(tet, TTHC_LUNAR_UTC8), 1967, 12, 30, 0);
  int len;
  assert_int_equal(tthc_lunar_month_length(1967, 12, 0, TTHC_LUNAR_VIETNAM, &len), TTHC_OK);
  assert_int_equal(len, 29);
  assert_int_equal(tthc_lunar_month_length(1967, 12, 0, TTHC_LUNAR_UTC8, &len), TTHC_OK);
  assert_int_equal(len, 30);
  tthc_date r;
  tthc_lunar_date d30 = {1967, 12, 30, 0};
  assert_int_equal(tthc_lunar_to_solar(d30, TTHC_LUNAR_VIETNAM, &r), TTHC_EDATE);
  assert_int_equal(tthc_lunar_to_solar(d30, TTHC_LUNAR_UTC8, &r), TTHC_OK);
  assert_int_equal(r, tet);
  /* Before 1967 the convention is UTC+8 day for day, from 1968 UTC+7. */
  for (tthc_date d = D(1960, 1, 1); d < tet; d += 3) {
    tthc_lunar_date a = lunar(d, TTHC_LUNAR_VIETNAM), b = lunar(d, TTHC_LUNAR_UTC8);
    assert_lunar(a, b.year, b.month, b.day, b.leap);
  }
  for (tthc_date d = tet; d < D(1975, 1, 1); d += 3) {
    tthc_lunar_date a = lunar(d, TTHC_LUNAR_VIETNAM), b = lunar(d, TTHC_LUNAR_UTC7);
    assert_lunar(a, b.year, b.month, b.day, b.leap);
  }
}

/* Every day of the range, in every convention: from_solar and to_solar are inverse, days run
 * 1, 2, … through months of 29 or 30 days as month_length says, months follow each other with
 * the leap month right after its regular twin, and years change at month 1. */
static void test_every_day_consistent(void **state) {
  (void)state;
  for (int c = 0; c < 3; c++) {
    tthc_lunar_date prev = lunar(TTHC_LUNAR_DATE_MIN, CONVS[c]);
    for (tthc_date d = TTHC_LUNAR_DATE_MIN; d <= TTHC_LUNAR_DATE_MAX; d++) {
      tthc_lunar_date ld = lunar(d, CONVS[c]);
      tthc_date back;
      assert_int_equal(tthc_lunar_to_solar(ld, CONVS[c], &back), TTHC_OK);
      assert_int_equal(back, d);
      assert_true(ld.day >= 1 && ld.day <= 30 && ld.month >= 1 && ld.month <= 12);
      if (d == TTHC_LUNAR_DATE_MIN) continue;
      if (ld.day != 1) {
        assert_int_equal(ld.day, prev.day + 1);
        assert_int_equal(ld.month, prev.month);
        assert_int_equal(ld.leap, prev.leap);
        assert_int_equal(ld.year, prev.year);
      } else {
        int len;
        assert_int_equal(tthc_lunar_month_length(prev.year, prev.month, prev.leap, CONVS[c], &len),
                         TTHC_OK);
        assert_int_equal(prev.day, len);
        assert_true(len == 29 || len == 30);
        if (ld.leap) {
          assert_int_equal(ld.month, prev.month);
          assert_int_equal(leap_month(ld.year, CONVS[c]), ld.month);
        } else {
          assert_int_equal(ld.month, prev.month % 12 + 1);
          assert_int_equal(ld.year, prev.year + (ld.month == 1));
        }
      }
      prev = ld;
    }
  }
}

/* The table is what the astronomical model computes (sampled; gen_lunar checks all). */
static void test_table_matches_astronomy(void **state) {
  (void)state;
  for (int c = 1; c < 3; c++) {
    int tz = CONVS[c] == TTHC_LUNAR_UTC7 ? 7 : 8;
    for (tthc_date d = TTHC_LUNAR_DATE_MIN; d <= TTHC_LUNAR_DATE_MAX; d += 97) {
      tthc_lunar_date a = lunar(d, CONVS[c]), b;
      assert_int_equal(tthc__lunar_astro_from_solar(d, tz, &b), TTHC_OK);
      assert_lunar(b, a.year, a.month, a.day, a.leap);
    }
  }
  uint32_t code;
  for (int32_t y = 1960; y <= 2040; y++) {
    assert_int_equal(tthc__lunar_astro_year(y, 7, &code), TTHC_OK);
    assert_int_equal(code, tthc__lunar_table_utc7[y - TTHC__LUNAR_FIRST_YEAR]);
  }
}

/* Dates where the low-order series of the popular ports put a "day 0" (issue 3). */
static void test_low_order_pitfalls(void **state) {
  (void)state;
  tthc_date days[] = {D(1877, 4, 13), D(1885, 3, 16), D(2054, 5, 7), D(2062, 4, 9)};
  for (size_t i = 0; i < 4; i++)
    for (int c = 0; c < 3; c++) {
      tthc_lunar_date ld = lunar(days[i], CONVS[c]);
      assert_true(ld.day >= 1 && ld.day <= 30);
    }
  /* 2054-05-07: the new moon is at 17:00:xx UT, i.e. 00:00 on 8 May at UTC+7 (see
   * docs/lunar.md): month 4 begins on 8 May. */
  assert_lunar(lunar(D(2054, 5, 7), TTHC_LUNAR_UTC7), 2054, 3, 30, 0);
  assert_lunar(lunar(D(2054, 5, 8), TTHC_LUNAR_UTC7), 2054, 4, 1, 0);
}

static void test_leap_twin_and_lengths(void **state) {
  (void)state;
  tthc_date r;
  int twin = -1, len;
  assert_int_equal(tthc_lunar_to_solar_regular(2025, 6, 15, TTHC_LUNAR_VIETNAM, &r, &twin),
                   TTHC_OK);
  assert_int_equal(r, solar(2025, 6, 15, 0, TTHC_LUNAR_VIETNAM));
  assert_int_equal(twin, 1);
  assert_int_equal(tthc_lunar_to_solar_regular(2025, 7, 15, TTHC_LUNAR_VIETNAM, &r, &twin),
                   TTHC_OK);
  assert_int_equal(twin, 0);
  assert_int_equal(tthc_lunar_to_solar_regular(2025, 7, 15, TTHC_LUNAR_VIETNAM, &r, NULL),
                   TTHC_OK);
  /* The leap month asked must exist. */
  tthc_lunar_date no_leap = {2025, 5, 1, 1};
  assert_int_equal(tthc_lunar_to_solar(no_leap, TTHC_LUNAR_VIETNAM, &r), TTHC_EDATE);
  assert_int_equal(r, 0);
  assert_int_equal(tthc_lunar_month_length(2025, 5, 1, TTHC_LUNAR_VIETNAM, &len), TTHC_EDATE);
  assert_int_equal(tthc_lunar_month_length(2024, 12, 0, TTHC_LUNAR_VIETNAM, &len), TTHC_OK);
  assert_int_equal(len, 29);
  /* Day 30 of a 29-day month. */
  tthc_lunar_date d30 = {2024, 12, 30, 0};
  assert_int_equal(tthc_lunar_to_solar(d30, TTHC_LUNAR_VIETNAM, &r), TTHC_EDATE);
  assert_int_equal(tthc_lunar_to_solar_regular(2024, 12, 30, TTHC_LUNAR_VIETNAM, &r, &twin),
                   TTHC_EDATE);
  assert_int_equal(twin, 0);
  /* Month info: the new moon of Tết 2025 was 2025-01-29 12:36 UT. */
  tthc_lunar_month_info mi;
  assert_int_equal(tthc_lunar_month_describe(2025, 1, 0, TTHC_LUNAR_VIETNAM, &mi), TTHC_OK);
  assert_int_equal(mi.first_day, D(2025, 1, 29));
  assert_int_equal(mi.length, 30); /* the next new moon is 2025-02-28 00:45 UT */
  assert_int_equal(mi.utc_offset, 25200);
  int64_t expect = (int64_t)D(2025, 1, 29) * 86400 + 12 * 3600 + 36 * 60;
  assert_true(mi.new_moon_unix > expect - 60 && mi.new_moon_unix < expect + 60);
  assert_int_equal(tthc_lunar_month_describe(1960, 1, 0, TTHC_LUNAR_VIETNAM, &mi), TTHC_OK);
  assert_int_equal(mi.utc_offset, 28800);
  /* Every month's new moon falls on its first day, in its reckoning. */
  for (int32_t y = 1965; y <= 1970; y++)
    for (int m = 1; m <= 12; m++) {
      assert_int_equal(tthc_lunar_month_describe(y, m, 0, TTHC_LUNAR_VIETNAM, &mi), TTHC_OK);
      int64_t local = mi.new_moon_unix + mi.utc_offset;
      assert_int_equal(tthc__floordiv(local, 86400), mi.first_day);
    }
}

static void test_range_and_bad_input(void **state) {
  (void)state;
  tthc_lunar_date ld = {9, 9, 9, 9};
  tthc_date r = 5;
  int n = 5;
  assert_int_equal(tthc_lunar_from_solar(TTHC_LUNAR_DATE_MIN - 1, TTHC_LUNAR_VIETNAM, &ld),
                   TTHC_ERANGE);
  assert_int_equal(ld.year, 0);
  assert_int_equal(tthc_lunar_from_solar(TTHC_LUNAR_DATE_MAX + 1, TTHC_LUNAR_UTC7, &ld),
                   TTHC_ERANGE);
  assert_int_equal(tthc_lunar_from_solar(D(2025, 1, 1), (tthc_lunar_convention)3, &ld),
                   TTHC_EINVAL);
  assert_int_equal(tthc_lunar_from_solar(D(2025, 1, 1), (tthc_lunar_convention)-1, &ld),
                   TTHC_EINVAL);
  assert_int_equal(tthc_lunar_from_solar(D(2025, 1, 1), TTHC_LUNAR_VIETNAM, NULL), TTHC_EINVAL);
  /* The first and last day. */
  assert_lunar(lunar(TTHC_LUNAR_DATE_MIN, TTHC_LUNAR_UTC7), 1799, 12, 7, 0);
  ld = lunar(TTHC_LUNAR_DATE_MAX, TTHC_LUNAR_UTC7);
  assert_int_equal(ld.year, 2199);
  assert_int_equal(tthc_lunar_to_solar(ld, TTHC_LUNAR_UTC7, &r), TTHC_OK);
  ld.day++;
  if (ld.day <= 29) assert_int_equal(tthc_lunar_to_solar(ld, TTHC_LUNAR_UTC7, &r), TTHC_ERANGE);
  tthc_lunar_date early = {1799, 12, 6, 0};
  assert_int_equal(tthc_lunar_to_solar(early, TTHC_LUNAR_UTC7, &r), TTHC_ERANGE);
  tthc_lunar_date y1798 = {1798, 1, 1, 0}, y2200 = {2200, 1, 1, 0};
  assert_int_equal(tthc_lunar_to_solar(y1798, TTHC_LUNAR_UTC7, &r), TTHC_ERANGE);
  assert_int_equal(tthc_lunar_to_solar(y2200, TTHC_LUNAR_UTC7, &r), TTHC_ERANGE);
  assert_int_equal(tthc_lunar_month_length(1799, 1, 0, TTHC_LUNAR_UTC7, &n), TTHC_ERANGE);
  assert_int_equal(tthc_lunar_leap_month(2200, TTHC_LUNAR_UTC7, &n), TTHC_ERANGE);
  assert_int_equal(tthc_lunar_leap_month(1798, TTHC_LUNAR_UTC7, &n), TTHC_ERANGE);
  assert_int_equal(n, 0);
  assert_int_equal(tthc_lunar_leap_month(2025, TTHC_LUNAR_UTC7, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_lunar_leap_month(2025, (tthc_lunar_convention)7, &n), TTHC_EINVAL);
  /* Malformed lunar dates. */
  static const tthc_lunar_date bad[] = {{2025, 0, 1, 0},  {2025, 13, 1, 0}, {2025, 1, 0, 0},
                                        {2025, 1, 31, 0}, {2025, 1, 1, 2},  {2025, 1, -1, 0},
                                        {2025, -3, 1, 0}, {2025, 6, 1, -1}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    r = 5;
    assert_int_equal(tthc_lunar_to_solar(bad[i], TTHC_LUNAR_VIETNAM, &r), TTHC_EDATE);
    assert_int_equal(r, 0);
  }
  tthc_lunar_date ok = {2025, 1, 1, 0};
  assert_int_equal(tthc_lunar_to_solar(ok, (tthc_lunar_convention)3, &r), TTHC_EINVAL);
  assert_int_equal(tthc_lunar_to_solar(ok, TTHC_LUNAR_VIETNAM, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_lunar_to_solar_regular(2025, 1, 1, TTHC_LUNAR_VIETNAM, NULL, NULL),
                   TTHC_EINVAL);
  assert_int_equal(tthc_lunar_to_solar_regular(2025, 13, 1, TTHC_LUNAR_VIETNAM, &r, NULL),
                   TTHC_EDATE);
  assert_int_equal(tthc_lunar_month_length(2025, 0, 0, TTHC_LUNAR_VIETNAM, &n), TTHC_EDATE);
  assert_int_equal(tthc_lunar_month_length(2025, 1, 2, TTHC_LUNAR_VIETNAM, &n), TTHC_EDATE);
  assert_int_equal(tthc_lunar_month_length(2025, 1, 0, TTHC_LUNAR_VIETNAM, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_lunar_month_describe(2025, 1, 0, TTHC_LUNAR_VIETNAM, NULL), TTHC_EINVAL);
  tthc_lunar_month_info mi;
  assert_int_equal(tthc_lunar_month_describe(2201, 1, 0, TTHC_LUNAR_VIETNAM, &mi), TTHC_ERANGE);
  assert_int_equal(mi.first_day, 0);
}

static void test_can_chi(void **state) {
  (void)state;
  assert_string_equal(tthc_lunar_year_name(2025), "Ất Tỵ");
  assert_string_equal(tthc_lunar_year_name(2026), "Bính Ngọ");
  assert_string_equal(tthc_lunar_year_name(1984), "Giáp Tý");
  assert_string_equal(tthc_lunar_year_name(1968), "Mậu Thân");
  assert_string_equal(tthc_lunar_year_name(0), "Canh Thân"); /* defined for every year */
  assert_string_equal(tthc_lunar_year_name(-1), "Kỷ Mùi");
  assert_string_equal(tthc_lunar_cycle_name(0), "Giáp Tý");
  assert_string_equal(tthc_lunar_cycle_name(59), "Quý Hợi");
  assert_null(tthc_lunar_cycle_name(60));
  assert_null(tthc_lunar_cycle_name(-1));
  tthc_lunar_can_chi_names cc;
  /* 2024-02-10 (Tết Giáp Thìn) was a Giáp Thìn day. */
  assert_int_equal(tthc_lunar_can_chi(D(2024, 2, 10), TTHC_LUNAR_VIETNAM, &cc), TTHC_OK);
  assert_string_equal(cc.day, "Giáp Thìn");
  assert_string_equal(cc.year, "Giáp Thìn");
  assert_string_equal(cc.month, "Bính Dần"); /* month 1 of a Giáp year */
  /* Month 11 of 2025 is Mậu Tý. */
  assert_int_equal(tthc_lunar_can_chi(solar(2025, 11, 5, 0, TTHC_LUNAR_VIETNAM),
                                      TTHC_LUNAR_VIETNAM, &cc),
                   TTHC_OK);
  assert_string_equal(cc.month, "Mậu Tý");
  assert_string_equal(cc.year, "Ất Tỵ");
  /* A leap month takes the can-chi of the month it repeats. */
  tthc_lunar_can_chi_names a, b;
  assert_int_equal(tthc_lunar_can_chi(solar(2025, 6, 3, 0, TTHC_LUNAR_VIETNAM),
                                      TTHC_LUNAR_VIETNAM, &a),
                   TTHC_OK);
  assert_int_equal(tthc_lunar_can_chi(solar(2025, 6, 3, 1, TTHC_LUNAR_VIETNAM),
                                      TTHC_LUNAR_VIETNAM, &b),
                   TTHC_OK);
  assert_string_equal(a.month, b.month);
  assert_string_equal(a.month, "Quý Mùi");
  assert_int_equal(a.month_index, b.month_index);
  /* Days cycle with period 60, consecutive days consecutive indices. */
  assert_int_equal(tthc_lunar_can_chi(D(2024, 2, 11), TTHC_LUNAR_VIETNAM, &cc), TTHC_OK);
  assert_string_equal(cc.day, "Ất Tỵ");
  assert_int_equal(tthc_lunar_can_chi(D(1700, 1, 1), TTHC_LUNAR_VIETNAM, &cc), TTHC_ERANGE);
  assert_null(cc.day);
  assert_int_equal(tthc_lunar_can_chi(D(2024, 2, 11), TTHC_LUNAR_VIETNAM, NULL), TTHC_EINVAL);
  static const char *const months[12] = {"Giêng", "Hai", "Ba",   "Tư",   "Năm",      "Sáu",
                                         "Bảy",   "Tám", "Chín", "Mười", "Mười Một", "Chạp"};
  for (int m = 1; m <= 12; m++) assert_string_equal(tthc_lunar_month_name(m), months[m - 1]);
  assert_null(tthc_lunar_month_name(0));
  assert_null(tthc_lunar_month_name(13));
}

static void test_format(void **state) {
  (void)state;
  char buf[TTHC_LUNAR_STRLEN];
  size_t need = 0;
  tthc_lunar_date tet = {2025, 1, 1, 0}, leap = {2025, 6, 15, 1}, last = {2024, 12, 30, 0};
  assert_int_equal(tthc_lunar_format(tet, buf, sizeof buf, &need), TTHC_OK);
  assert_string_equal(buf, "mùng 1 tháng Giêng năm Ất Tỵ");
  assert_int_equal(need, strlen(buf));
  assert_int_equal(tthc_lunar_format(leap, buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "15 tháng Sáu nhuận năm Ất Tỵ");
  assert_int_equal(tthc_lunar_format(last, buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "30 tháng Chạp năm Giáp Thìn");
  char small[8] = "xxxxxxx";
  assert_int_equal(tthc_lunar_format(tet, small, sizeof small, &need), TTHC_ENOSPC);
  assert_int_equal(need, strlen("mùng 1 tháng Giêng năm Ất Tỵ"));
  assert_string_equal(small, "xxxxxxx");
  assert_int_equal(tthc_lunar_format(tet, NULL, 0, &need), TTHC_ENOSPC);
  assert_int_equal(tthc_lunar_format(tet, NULL, 5, &need), TTHC_EINVAL);
  tthc_lunar_date bad = {2025, 13, 1, 0};
  assert_int_equal(tthc_lunar_format(bad, buf, sizeof buf, &need), TTHC_EDATE);
}

static void test_solar_terms(void **state) {
  (void)state;
  tthc_lunar_solar_term t[24];
  assert_int_equal(tthc_lunar_solar_terms(2025, TTHC_LUNAR_VIETNAM, t), TTHC_OK);
  assert_string_equal(t[0].name, "Tiểu hàn");
  assert_int_equal(t[0].longitude, 285);
  assert_int_equal(t[0].date, D(2025, 1, 5));
  assert_string_equal(t[2].name, "Lập xuân");
  assert_int_equal(t[2].date, D(2025, 2, 3));
  assert_string_equal(t[5].name, "Xuân phân");
  assert_int_equal(t[5].date, D(2025, 3, 20));
  /* 2025 March equinox: 09:01 UT. */
  int64_t eq = (int64_t)D(2025, 3, 20) * 86400 + 9 * 3600 + 60;
  assert_true(t[5].unix_ut > eq - 60 && t[5].unix_ut < eq + 60);
  assert_string_equal(t[23].name, "Đông chí");
  assert_int_equal(t[23].date, D(2025, 12, 21));
  assert_true(t[23].major);
  assert_false(t[2].major);
  for (int i = 1; i < 24; i++) {
    assert_true(t[i].unix_ut > t[i - 1].unix_ut + 14 * 86400);
    assert_true(t[i].unix_ut < t[i - 1].unix_ut + 17 * 86400);
    assert_string_equal(t[i].name, tthc_lunar_solar_term_name(t[i].longitude));
  }
  /* The date depends on the reckoning: the 2024 winter solstice is at 09:20 UT. */
  assert_int_equal(tthc_lunar_solar_terms(2024, TTHC_LUNAR_UTC8, t), TTHC_OK);
  assert_int_equal(t[23].date, D(2024, 12, 21));
  assert_string_equal(tthc_lunar_solar_term_name(0), "Xuân phân");
  assert_string_equal(tthc_lunar_solar_term_name(330), "Vũ thủy");
  assert_null(tthc_lunar_solar_term_name(10));
  assert_null(tthc_lunar_solar_term_name(360));
  assert_int_equal(tthc_lunar_solar_terms(1000, TTHC_LUNAR_VIETNAM, t), TTHC_ERANGE);
  assert_null(t[0].name);
  assert_int_equal(tthc_lunar_solar_terms(3000, TTHC_LUNAR_VIETNAM, t), TTHC_ERANGE);
  assert_int_equal(tthc_lunar_solar_terms(2025, TTHC_LUNAR_VIETNAM, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_lunar_solar_terms(2025, (tthc_lunar_convention)5, t), TTHC_EINVAL);
}

static void test_new_moon(void **state) {
  (void)state;
  int64_t t;
  /* Lunation 0: 2000-01-06 18:14 UT. */
  assert_int_equal(tthc_lunar_new_moon(0, &t), TTHC_OK);
  int64_t expect = (int64_t)D(2000, 1, 6) * 86400 + 18 * 3600 + 14 * 60;
  assert_true(t > expect - 60 && t < expect + 60);
  int64_t prev = t;
  for (int32_t k = 1; k < 200; k++) {
    assert_int_equal(tthc_lunar_new_moon(k, &t), TTHC_OK);
    assert_true(t - prev > 29 * 86400 + 6 * 3600 && t - prev < 29 * 86400 + 20 * 3600);
    prev = t;
  }
  assert_int_equal(tthc_lunar_new_moon(20000, &t), TTHC_ERANGE);
  assert_int_equal(t, 0);
  assert_int_equal(tthc_lunar_new_moon(-13000, &t), TTHC_ERANGE);
  assert_int_equal(tthc_lunar_new_moon(0, NULL), TTHC_EINVAL);
  /* ΔT: about 64 s in 2000, 13.7 s in 1800. */
  assert_true(tthc__lunar_delta_t(2000.0) > 63 && tthc__lunar_delta_t(2000.0) < 65);
  assert_true(tthc__lunar_delta_t(1800.0) > 13 && tthc__lunar_delta_t(1800.0) < 14);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_facts_2019_2030),      cmocka_unit_test(test_vietnam_vs_china),
      cmocka_unit_test(test_1968_switch),          cmocka_unit_test(test_every_day_consistent),
      cmocka_unit_test(test_table_matches_astronomy), cmocka_unit_test(test_low_order_pitfalls),
      cmocka_unit_test(test_leap_twin_and_lengths), cmocka_unit_test(test_range_and_bad_input),
      cmocka_unit_test(test_can_chi),              cmocka_unit_test(test_format),
      cmocka_unit_test(test_solar_terms),          cmocka_unit_test(test_new_moon),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
