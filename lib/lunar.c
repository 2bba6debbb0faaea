/* lunar: table-driven conversions, leap months, can-chi, solar terms (see tthc/lunar.h).
 * The year tables are in lunar_data.c (generated); the astronomy is in lunar_astro.c. */
#include <stdio.h>
#include <string.h>

#include "core_internal.h"
#include "lunar_internal.h"

/* ---- the tables ---------------------------------------------------------------------------- */

static int conv_ok(tthc_lunar_convention conv) {
  return conv == TTHC_LUNAR_VIETNAM || conv == TTHC_LUNAR_UTC7 || conv == TTHC_LUNAR_UTC8;
}

/* Day number of 1 January of Gregorian year y (y >= 1). */
static tthc_date jan1(int32_t y) {
  int32_t p = y - 1; /* whole years since 0001-01-01 */
  return (tthc_date)(365 * p + p / 4 - p / 100 + p / 400 - 719162);
}

static uint32_t entry(const uint32_t *t, int32_t y) { return t[y - TTHC__LUNAR_FIRST_YEAR]; }

static int leap_of(uint32_t e) { return (int)(e >> TTHC__LUNAR_LEAP_SHIFT & 0xf); }

static tthc_date tet_of(const uint32_t *t, int32_t y) {
  return jan1(y) + (tthc_date)(entry(t, y) >> TTHC__LUNAR_TET_SHIFT & 0x3f);
}

/* First day of lunar year 1968 in the UTC+7 reckoning: where TTHC_LUNAR_VIETNAM switches. */
static tthc_date vn_switch(void) { return tet_of(tthc__lunar_table_utc7, 1968); }

/* The table that dates lunar year y in convention conv. */
static const uint32_t *table_for_year(tthc_lunar_convention conv, int32_t y) {
  if (conv == TTHC_LUNAR_UTC7 || (conv == TTHC_LUNAR_VIETNAM && y >= 1968))
    return tthc__lunar_table_utc7;
  return tthc__lunar_table_utc8;
}

/* The table that dates solar day d in convention conv. */
static const uint32_t *table_for_day(tthc_lunar_convention conv, tthc_date d) {
  if (conv == TTHC_LUNAR_UTC7 || (conv == TTHC_LUNAR_VIETNAM && d >= vn_switch()))
    return tthc__lunar_table_utc7;
  return tthc__lunar_table_utc8;
}

/* UTC+7 or UTC+8, in hours, of the reckoning that dates lunar year y. */
static int tz_for_year(tthc_lunar_convention conv, int32_t y) {
  return table_for_year(conv, y) == tthc__lunar_table_utc7 ? 7 : 8;
}

/* The day after the last day of lunar year y (the next Tết, or for the Vietnamese convention's
 * lunar year 1967, the UTC+7 Tết of 1968). Only for y < TTHC__LUNAR_LAST_YEAR. */
static tthc_date year_end(tthc_lunar_convention conv, int32_t y) {
  return tet_of(table_for_year(conv, y + 1), y + 1);
}

static int month_len(uint32_t e, int i) { return 29 + (int)(e >> i & 1); }

/* Start of the month with 0-based index i in year entry e starting on day tet. */
static tthc_date month_start(uint32_t e, tthc_date tet, int i) {
  uint32_t below = e & ((1u << i) - 1);
  return tet + 29 * i + __builtin_popcount(below);
}

tthc_status tthc_lunar_from_solar(tthc_date d, tthc_lunar_convention conv,
                                  tthc_lunar_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = (tthc_lunar_date){0, 0, 0, 0};
  TTHC_RETURN_IF(!conv_ok(conv), TTHC_EINVAL);
  TTHC_RETURN_IF(d < TTHC_LUNAR_DATE_MIN || d > TTHC_LUNAR_DATE_MAX, TTHC_ERANGE);
  const uint32_t *t = table_for_day(conv, d);
  /* Estimate the year from the mean Gregorian year (2871 / 2^20 ≈ 1 / 365.2425; a shift, not
   * a division), then step to the year whose Tết precedes d (a step or two at most). */
  int32_t y = 1800 + (int32_t)(((int64_t)d - TTHC_LUNAR_DATE_MIN) * 2871 >> 20);
  if (y > TTHC__LUNAR_LAST_YEAR) y = TTHC__LUNAR_LAST_YEAR;
  tthc_date tet;
  while ((tet = tet_of(t, y)) > d) y--;
  while (y < TTHC__LUNAR_LAST_YEAR && tet_of(t, y + 1) <= d) tet = tet_of(t, ++y);
  uint32_t e = entry(t, y);
  /* Month i starts between 29 i and 30 i days after Tết, so the month holding day `off` is
   * off / 30 or the one after it. */
  int32_t off = d - tet;
  int i = off / 30;
  if (month_start(e, 0, i + 1) <= off) i++;
  off -= month_start(e, 0, i);
  int leap = leap_of(e);
  out->year = y;
  out->month = (int8_t)(leap && i >= leap ? i : i + 1);
  out->leap = (int8_t)(leap && i == leap);
  out->day = (int8_t)(off + 1);
  return TTHC_OK;
}

/* Locate month (year, month, leap): first day, length. The month must be in the tables. */
static tthc_status find_month(int32_t year, int month, int leap, tthc_lunar_convention conv,
                              tthc_date *first, int *length) {
  TTHC_RETURN_IF(!conv_ok(conv), TTHC_EINVAL);
  TTHC_RETURN_IF(month < 1 || month > 12 || (leap != 0 && leap != 1), TTHC_EDATE);
  TTHC_RETURN_IF(year < TTHC__LUNAR_FIRST_YEAR || year > TTHC__LUNAR_LAST_YEAR, TTHC_ERANGE);
  const uint32_t *t = table_for_year(conv, year);
  uint32_t e = entry(t, year);
  int lm = leap_of(e);
  TTHC_RETURN_IF(leap && lm != month, TTHC_EDATE);
  int i = month - 1 + (lm && (month > lm || leap));
  tthc_date tet = tet_of(t, year);
  *first = month_start(e, tet, i);
  *length = month_len(e, i);
  /* The Vietnamese convention's lunar year 1967 ends where UTC+7's 1968 begins. */
  if (year < TTHC__LUNAR_LAST_YEAR && *first + *length > year_end(conv, year))
    *length = year_end(conv, year) - *first;
  TTHC_RETURN_IF(*first + *length <= TTHC_LUNAR_DATE_MIN || *first > TTHC_LUNAR_DATE_MAX,
                 TTHC_ERANGE);
  return TTHC_OK;
}

tthc_status tthc_lunar_to_solar(tthc_lunar_date ld, tthc_lunar_convention conv,
                                tthc_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  tthc_date first;
  int len;
  TTHC_RETURN_IF(ld.day < 1 || ld.day > 30, conv_ok(conv) ? TTHC_EDATE : TTHC_EINVAL);
  TTHC_TRY(find_month(ld.year, ld.month, ld.leap, conv, &first, &len));
  TTHC_RETURN_IF(ld.day > len, TTHC_EDATE);
  tthc_date d = first + ld.day - 1;
  TTHC_RETURN_IF(d < TTHC_LUNAR_DATE_MIN || d > TTHC_LUNAR_DATE_MAX, TTHC_ERANGE);
  *out = d;
  return TTHC_OK;
}

tthc_status tthc_lunar_to_solar_regular(int32_t year, int month, int day,
                                        tthc_lunar_convention conv, tthc_date *out,
                                        int *leap_twin) {
  if (leap_twin) *leap_twin = 0;
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!conv_ok(conv), TTHC_EINVAL);
  TTHC_RETURN_IF(month < 1 || month > 12 || day < 1 || day > 30, TTHC_EDATE);
  tthc_lunar_date ld = {year, (int8_t)month, (int8_t)day, 0};
  TTHC_TRY(tthc_lunar_to_solar(ld, conv, out));
  int lm;
  TTHC_TRY(tthc_lunar_leap_month(year, conv, &lm));
  if (leap_twin) *leap_twin = lm == month;
  return TTHC_OK;
}

tthc_status tthc_lunar_leap_month(int32_t year, tthc_lunar_convention conv, int *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!conv_ok(conv), TTHC_EINVAL);
  TTHC_RETURN_IF(year < TTHC__LUNAR_FIRST_YEAR || year > TTHC__LUNAR_LAST_YEAR, TTHC_ERANGE);
  *out = leap_of(entry(table_for_year(conv, year), year));
  return TTHC_OK;
}

tthc_status tthc_lunar_month_length(int32_t year, int month, int leap,
                                    tthc_lunar_convention conv, int *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  tthc_date first;
  int len;
  TTHC_TRY(find_month(year, month, leap, conv, &first, &len));
  *out = len;
  return TTHC_OK;
}

tthc_status tthc_lunar_month_describe(int32_t year, int month, int leap,
                                      tthc_lunar_convention conv, tthc_lunar_month_info *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  tthc_date first;
  int len;
  TTHC_TRY(find_month(year, month, leap, conv, &first, &len));
  int tz = tz_for_year(conv, year);
  int32_t k = tthc__lunar_lunation_on_or_before(first, tz);
  out->first_day = first;
  out->length = len;
  out->lunation = k;
  out->new_moon_unix = tthc__lunar_jd_to_unix(tthc__lunar_new_moon_jd_ut(k));
  out->utc_offset = tz * 3600;
  return TTHC_OK;
}

/* ---- astronomy --------------------------------------------------------------------------- */

static int astro_year_ok(double jd_ut) {
  double y = 2000.0 + (jd_ut - 2451545.0) / 365.25;
  return y >= TTHC__ASTRO_FIRST_YEAR + 1 && y < TTHC__ASTRO_LAST_YEAR;
}

tthc_status tthc_lunar_new_moon(int32_t lunation, int64_t *unix_ut) {
  TTHC_RETURN_IF(!unix_ut, TTHC_EINVAL);
  *unix_ut = 0;
  TTHC_RETURN_IF(lunation < -13000 || lunation > 13000, TTHC_ERANGE);
  double jd = tthc__lunar_new_moon_jd_ut(lunation);
  TTHC_RETURN_IF(!astro_year_ok(jd), TTHC_ERANGE);
  *unix_ut = tthc__lunar_jd_to_unix(jd);
  return TTHC_OK;
}

static const char *const TERM_NAMES[24] = {
    "Xuân phân", "Thanh minh", "Cốc vũ",     "Lập hạ",    "Tiểu mãn",  "Mang chủng",
    "Hạ chí",    "Tiểu thử",   "Đại thử",    "Lập thu",   "Xử thử",    "Bạch lộ",
    "Thu phân",  "Hàn lộ",     "Sương giáng", "Lập đông",  "Tiểu tuyết", "Đại tuyết",
    "Đông chí",  "Tiểu hàn",   "Đại hàn",    "Lập xuân",  "Vũ thủy",   "Kinh trập",
};

const char *tthc_lunar_solar_term_name(int longitude) {
  if (longitude < 0 || longitude > 345 || longitude % 15) return NULL;
  return TERM_NAMES[longitude / 15];
}

tthc_status tthc_lunar_solar_terms(int32_t year, tthc_lunar_convention conv,
                                   tthc_lunar_solar_term out[24]) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, 24 * sizeof *out);
  TTHC_RETURN_IF(!conv_ok(conv), TTHC_EINVAL);
  TTHC_RETURN_IF(year <= TTHC__ASTRO_FIRST_YEAR || year >= TTHC__ASTRO_LAST_YEAR, TTHC_ERANGE);
  tthc_date sw = vn_switch();
  for (int i = 0; i < 24; i++) {
    int lon = (285 + 15 * i) % 360;
    double jd = tthc__lunar_solar_term_jd_ut(year, lon);
    int tz = conv == TTHC_LUNAR_UTC8 ? 8 : 7;
    if (conv == TTHC_LUNAR_VIETNAM && tthc__lunar_local_day(jd, 7) < sw) tz = 8;
    out[i].name = TERM_NAMES[lon / 15];
    out[i].longitude = lon;
    out[i].major = lon % 30 == 0;
    out[i].date = tthc__lunar_local_day(jd, tz);
    out[i].unix_ut = tthc__lunar_jd_to_unix(jd);
  }
  return TTHC_OK;
}

/* ---- names ------------------------------------------------------------------------------- */

static const char *const CYCLE[60] = {
    "Giáp Tý",   "Ất Sửu",   "Bính Dần",  "Đinh Mão",   "Mậu Thìn",  "Kỷ Tỵ",
    "Canh Ngọ",  "Tân Mùi",  "Nhâm Thân", "Quý Dậu",    "Giáp Tuất", "Ất Hợi",
    "Bính Tý",   "Đinh Sửu", "Mậu Dần",   "Kỷ Mão",     "Canh Thìn", "Tân Tỵ",
    "Nhâm Ngọ",  "Quý Mùi",  "Giáp Thân", "Ất Dậu",     "Bính Tuất", "Đinh Hợi",
    "Mậu Tý",    "Kỷ Sửu",   "Canh Dần",  "Tân Mão",    "Nhâm Thìn", "Quý Tỵ",
    "Giáp Ngọ",  "Ất Mùi",   "Bính Thân", "Đinh Dậu",   "Mậu Tuất",  "Kỷ Hợi",
    "Canh Tý",   "Tân Sửu",  "Nhâm Dần",  "Quý Mão",    "Giáp Thìn", "Ất Tỵ",
    "Bính Ngọ",  "Đinh Mùi", "Mậu Thân",  "Kỷ Dậu",     "Canh Tuất", "Tân Hợi",
    "Nhâm Tý",   "Quý Sửu",  "Giáp Dần",  "Ất Mão",     "Bính Thìn", "Đinh Tỵ",
    "Mậu Ngọ",   "Kỷ Mùi",   "Canh Thân", "Tân Dậu",    "Nhâm Tuất", "Quý Hợi",
};

const char *tthc_lunar_cycle_name(int index) {
  return index >= 0 && index < 60 ? CYCLE[index] : NULL;
}

/* Position in the 60-cycle of the pair (can, chi): the s with s ≡ can (mod 10), s ≡ chi
 * (mod 12). */
static int cycle_index(int64_t can, int64_t chi) {
  return (int)tthc__floormod(6 * tthc__floormod(can, 10) - 5 * tthc__floormod(chi, 12), 60);
}

static int year_index(int32_t year) { return (int)tthc__floormod((int64_t)year - 4, 60); }

const char *tthc_lunar_year_name(int32_t year) { return CYCLE[year_index(year)]; }

tthc_status tthc_lunar_can_chi(tthc_date d, tthc_lunar_convention conv,
                               tthc_lunar_can_chi_names *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  tthc_lunar_date ld;
  TTHC_TRY(tthc_lunar_from_solar(d, conv, &ld));
  int yi = year_index(ld.year);
  int mi = cycle_index(12 * (int64_t)ld.year + ld.month + 3, ld.month + 1);
  int di = (int)tthc__floormod((int64_t)d + TTHC__JDN_UNIX_EPOCH + 49, 60);
  *out = (tthc_lunar_can_chi_names){CYCLE[yi], CYCLE[mi], CYCLE[di], (int8_t)yi, (int8_t)mi,
                                    (int8_t)di};
  return TTHC_OK;
}

static const char *const MONTH_NAMES[12] = {"Giêng", "Hai",  "Ba",    "Tư",   "Năm",
                                            "Sáu",   "Bảy",  "Tám",   "Chín", "Mười",
                                            "Mười Một", "Chạp"};

const char *tthc_lunar_month_name(int month) {
  return month >= 1 && month <= 12 ? MONTH_NAMES[month - 1] : NULL;
}

tthc_status tthc_lunar_format(tthc_lunar_date ld, char *buf, size_t cap, size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!buf && cap > 0, TTHC_EINVAL);
  TTHC_RETURN_IF(ld.month < 1 || ld.month > 12 || ld.day < 1 || ld.day > 30 ||
                     (ld.leap != 0 && ld.leap != 1),
                 TTHC_EDATE);
  char tmp[TTHC_LUNAR_STRLEN];
  int n = snprintf(tmp, sizeof tmp, "%s%d tháng %s%s năm %s", ld.day <= 10 ? "mùng " : "",
                   ld.day, MONTH_NAMES[ld.month - 1], ld.leap ? " nhuận" : "",
                   tthc_lunar_year_name(ld.year));
  if (needed) *needed = (size_t)n;
  TTHC_RETURN_IF((size_t)n >= cap, TTHC_ENOSPC);
  memcpy(buf, tmp, (size_t)n + 1);
  return TTHC_OK;
}
