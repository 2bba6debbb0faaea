/**
 * @file lunar.h
 * @brief The Vietnamese lunar calendar (âm lịch): conversions, leap months, can-chi names,
 *        solar terms and new-moon instants.
 *
 * The calendar is computed astronomically, by Hồ Ngọc Đức's rules:
 * - a month starts on the local day that contains the new moon;
 * - the month that contains the winter solstice (Đông chí) is month 11;
 * - when 13 months lie between two months 11, the first of them (after month 11) in which no
 *   major solar term (trung khí, a multiple of 30° of solar longitude) begins is the leap
 *   month (tháng nhuận); it carries the number of the month before it.
 *
 * The model: true new moons from Meeus (Astronomical Algorithms, ch. 49, every periodic term
 * and the 14 planetary arguments), the Sun's apparent longitude from the truncated VSOP87 series
 * with nutation and aberration (Meeus ch. 25/22), and ΔT from the Espenak–Meeus polynomials.
 * Instants are good to well under a minute; a lunar date can only be in doubt when a new moon
 * or a major term falls within about a minute of local midnight (see docs/lunar.md for every
 * such case in the range and how it compares with Hồ Ngọc Đức's tables).
 *
 * **Conversions are table-driven**: a 4-byte entry per lunar year and reckoning, generated from
 * the astronomical model by tests/gen/gen_lunar.c and checked by a test. One conversion costs
 * nanoseconds.
 *
 * **Range**: solar dates 1800-01-01 (::TTHC_LUNAR_DATE_MIN) to 2199-12-31
 * (::TTHC_LUNAR_DATE_MAX), i.e. lunar dates from 1799 (month 11) to 2199 (month 11); outside
 * it every conversion returns TTHC_ERANGE, never a guess. The astronomical functions
 * (tthc_lunar_new_moon(), tthc_lunar_solar_terms()) accept years 1001–2999.
 *
 * **Conventions** (an explicit parameter of every conversion, see ::tthc_lunar_convention):
 * the calendar Vietnam used (UTC+8 reckoning for the lunar years up to 1967, UTC+7 from lunar
 * year 1968, whose Tết was 29 January 1968 in the North), UTC+7 for every year (what most
 * Vietnamese software computes), or UTC+8 for every year (the Chinese calendar).
 *
 * **Can-chi**: names are Vietnamese, NFC-normalised UTF-8 ("Ất Tỵ"). A leap month takes the
 * can-chi of the month it repeats (a convention: almanacs differ; libtthc documents this one).
 *
 * Thread safety: every function here is pure (no state, no allocation) and safe to call from
 * any thread. Strings returned are static constants; never free them.
 */
#ifndef TTHC_LUNAR_H
#define TTHC_LUNAR_H

#include "tthc/core.h"
#include "tthc/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** First solar date the conversions accept: 1800-01-01. */
#define TTHC_LUNAR_DATE_MIN ((tthc_date)-62091)
/** Last solar date the conversions accept: 2199-12-31. */
#define TTHC_LUNAR_DATE_MAX ((tthc_date)84005)
/** Seconds east of UTC of the UTC+7 reckoning (meridian 105° E). */
#define TTHC_LUNAR_UTC7_OFFSET 25200
/** Seconds east of UTC of the UTC+8 reckoning (meridian 120° E). */
#define TTHC_LUNAR_UTC8_OFFSET 28800

/**
 * Which local time the new moons and solar terms are reckoned in.
 * @since 0.1.0
 */
typedef enum tthc_lunar_convention {
  /** The calendar used in Vietnam (the default): lunar years up to 1967 are those of the UTC+8
   *  reckoning, lunar years from 1968 those of UTC+7. The switch is at Tết Mậu Thân, the first
   *  day of lunar year 1968 in the UTC+7 reckoning (1968-01-29): the last month of lunar year
   *  1967 ends the day before it, and every day from it on is UTC+7. */
  TTHC_LUNAR_VIETNAM = 0,
  /** UTC+7 (105° E) for every year: Hồ Ngọc Đức's published tables and most Vietnamese
   *  software. */
  TTHC_LUNAR_UTC7 = 1,
  /** UTC+8 (120° E) for every year: the Chinese calendar, useful for comparisons. */
  TTHC_LUNAR_UTC8 = 2
} tthc_lunar_convention;

/**
 * A lunar date.
 * @since 0.1.0
 */
typedef struct tthc_lunar_date {
  int32_t year; /**< lunar year (the Gregorian year in which its month 1 mostly falls) */
  int8_t month; /**< 1..12 */
  int8_t day;   /**< 1..30 */
  int8_t leap;  /**< 1 if this is the leap (nhuận) month, else 0 */
} tthc_lunar_date;

/**
 * Solar → lunar.
 * @param d a solar date in [::TTHC_LUNAR_DATE_MIN, ::TTHC_LUNAR_DATE_MAX].
 * @param conv the reckoning (::tthc_lunar_convention).
 * @param[out] out the lunar date; all zero on failure. Must not be NULL.
 * @return TTHC_OK; TTHC_ERANGE if @p d is outside the range; TTHC_EINVAL for an unknown
 *         @p conv or a NULL @p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_from_solar(tthc_date d, tthc_lunar_convention conv,
                                           tthc_lunar_date *out);

/**
 * Lunar → solar.
 * @param ld the lunar date; @c ld.leap selects the leap month of @c ld.month.
 * @param conv the reckoning.
 * @param[out] out the solar date; 0 on failure. Must not be NULL.
 * @return TTHC_OK; TTHC_EDATE if the month is not 1–12, the day not 1–30, @c leap not 0/1,
 *         the year has no leap month @c ld.month, or the day is 30 in a 29-day month;
 *         TTHC_ERANGE if the date falls outside the supported range; TTHC_EINVAL for an
 *         unknown @p conv or a NULL @p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_to_solar(tthc_lunar_date ld, tthc_lunar_convention conv,
                                         tthc_date *out);

/**
 * Lunar → solar without a leap flag: the date in the regular month @p month of @p year, and
 * whether that year also has a leap month @p month (a second month with the same number, right
 * after it — so a yearly lunar anniversary may be kept in either).
 * @param[out] out the solar date in the regular month; 0 on failure. Must not be NULL.
 * @param[out] leap_twin if not NULL, 1 if the year has a leap month @p month, else 0.
 * @return as tthc_lunar_to_solar().
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_to_solar_regular(int32_t year, int month, int day,
                                                 tthc_lunar_convention conv, tthc_date *out,
                                                 int *leap_twin);

/**
 * Leap month of lunar year @p year.
 * @param[out] out 1–12, or 0 if the year has 12 months. Must not be NULL (0 on failure).
 * @return TTHC_OK; TTHC_ERANGE if the year is outside 1799–2199; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_leap_month(int32_t year, tthc_lunar_convention conv, int *out);

/**
 * Length of a lunar month.
 * @param leap 1 for the leap month @p month, 0 for the regular one.
 * @param[out] out 29 or 30. Must not be NULL (0 on failure).
 * @return TTHC_OK; TTHC_EDATE for a month not 1–12, @p leap not 0/1, or a leap month the
 *         year does not have; TTHC_ERANGE if the year is outside 1799–2199 or the month lies
 *         wholly outside the supported solar range; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_month_length(int32_t year, int month, int leap,
                                             tthc_lunar_convention conv, int *out);

/**
 * Facts about one lunar month, for showing why a month starts when it does.
 * @since 0.1.0
 */
typedef struct tthc_lunar_month_info {
  tthc_date first_day;   /**< solar date of its day 1 */
  int32_t length;        /**< 29 or 30 */
  int32_t lunation;      /**< Meeus' lunation number of its new moon (0 = 2000-01-06) */
  int64_t new_moon_unix; /**< the new moon, Unix seconds (UT), as computed by the model */
  int32_t utc_offset;    /**< seconds east of UTC of the reckoning that dated it */
} tthc_lunar_month_info;

/**
 * Describe lunar month @p month (leap month if @p leap) of @p year: its first day and length
 * (from the table) and the instant of its new moon (computed, a few microseconds).
 * @param[out] out the facts; zeroed on failure. Must not be NULL.
 * @return as tthc_lunar_month_length().
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_month_describe(int32_t year, int month, int leap,
                                               tthc_lunar_convention conv,
                                               tthc_lunar_month_info *out);

/**
 * Instant of a true new moon.
 * @param lunation Meeus' lunation number: 0 is the new moon of 2000-01-06 18:14 UT, 1 the next
 *        one, −1 the one before.
 * @param[out] unix_ut the instant in Unix seconds (UT), rounded to the second. Must not be
 *        NULL (0 on failure).
 * @return TTHC_OK; TTHC_ERANGE if the new moon is outside the years 1001–2999;
 *         TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_new_moon(int32_t lunation, int64_t *unix_ut);

/**
 * Can-chi (sexagenary) names of a day, its lunar month and its lunar year.
 * @since 0.1.0
 */
typedef struct tthc_lunar_can_chi_names {
  const char *year;   /**< e.g. "Ất Tỵ" (static) */
  const char *month;  /**< e.g. "Mậu Dần" (static); a leap month has the name of the month it
                           repeats */
  const char *day;    /**< e.g. "Giáp Thìn" (static) */
  int8_t year_index;  /**< 0–59 in the cycle, 0 = Giáp Tý */
  int8_t month_index; /**< 0–59 */
  int8_t day_index;   /**< 0–59 */
} tthc_lunar_can_chi_names;

/**
 * Can-chi of solar date @p d, of its lunar month and of its lunar year (in reckoning @p conv).
 * Year: can (Giáp…Quý) (Y + 6) mod 10, chi (Tý…Hợi) (Y + 8) mod 12; month m of year Y: can
 * (12 Y + m + 3) mod 10, chi (m + 1) mod 12 (month 1 is Dần); day with Julian day number J:
 * can (J + 9) mod 10, chi (J + 1) mod 12.
 * @param[out] out the names; NULL strings and zero indices on failure. Must not be NULL.
 * @return TTHC_OK, TTHC_ERANGE, TTHC_EINVAL as tthc_lunar_from_solar().
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_can_chi(tthc_date d, tthc_lunar_convention conv,
                                        tthc_lunar_can_chi_names *out);

/**
 * Can-chi name of lunar year @p year ("Ất Tỵ" for 2025). Defined for every year.
 * @return a static string, never NULL.
 * @since 0.1.0
 */
TTHC_API const char *tthc_lunar_year_name(int32_t year);

/**
 * Name of position @p index (0–59) of the sexagenary cycle: 0 "Giáp Tý", 1 "Ất Sửu" …
 * 59 "Quý Hợi".
 * @return a static string, or NULL if @p index is outside 0–59.
 * @since 0.1.0
 */
TTHC_API const char *tthc_lunar_cycle_name(int index);

/**
 * Vietnamese name of lunar month @p month: "Giêng", "Hai" … "Mười", "Mười Một", "Chạp"
 * (written after "tháng").
 * @return a static string, or NULL if @p month is outside 1–12.
 * @since 0.1.0
 */
TTHC_API const char *tthc_lunar_month_name(int month);

/** Buffer size for tthc_lunar_format(): enough for every output, NUL included. */
#define TTHC_LUNAR_STRLEN 96

/**
 * Format lunar date @p ld in Vietnamese: "mùng 1 tháng Giêng năm Ất Tỵ",
 * "15 tháng Sáu nhuận năm Ất Tỵ", "30 tháng Chạp năm Giáp Thìn" (days 1–10 read "mùng").
 * @param buf, cap the output buffer (NUL-terminated on success); ::TTHC_LUNAR_STRLEN is enough.
 * @param[out] needed if not NULL, the length without the NUL, also on TTHC_ENOSPC.
 * @return TTHC_OK; TTHC_EDATE if month, day or leap are out of their domains (the date is
 *         not checked against a year's table); TTHC_ENOSPC (nothing written); TTHC_EINVAL
 *         if @p buf is NULL and @p cap > 0.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_format(tthc_lunar_date ld, char *buf, size_t cap,
                                       size_t *needed);

/**
 * One of the 24 solar terms (tiết khí), every 15° of the Sun's apparent longitude.
 * @since 0.1.0
 */
typedef struct tthc_lunar_solar_term {
  const char *name;  /**< Vietnamese name, e.g. "Đông chí" (static) */
  int32_t longitude; /**< 0, 15 … 345 degrees (0 = Xuân phân, 270 = Đông chí) */
  int32_t major;     /**< 1 for a major term (trung khí, a multiple of 30°), else 0 */
  tthc_date date;    /**< local date on which it begins, in the convention's reckoning */
  int64_t unix_ut;   /**< the instant, Unix seconds (UT), rounded to the second */
} tthc_lunar_solar_term;

/**
 * The 24 solar terms of Gregorian year @p year in order: Tiểu hàn (285°, about 5 January) …
 * Đông chí (270°, about 21 December).
 * @param conv the reckoning that dates them (for ::TTHC_LUNAR_VIETNAM: UTC+8 before
 *        1968-01-29, UTC+7 from then on).
 * @param[out] out an array of 24; zeroed on failure. Must not be NULL.
 * @return TTHC_OK; TTHC_ERANGE if @p year is outside 1001–2999; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_lunar_solar_terms(int32_t year, tthc_lunar_convention conv,
                                            tthc_lunar_solar_term out[24]);

/**
 * Vietnamese name of the solar term at @p longitude degrees (0 "Xuân phân", 15 "Thanh minh" …
 * 345 "Kinh trập").
 * @return a static string, or NULL if @p longitude is not a multiple of 15 in 0–345.
 * @since 0.1.0
 */
TTHC_API const char *tthc_lunar_solar_term_name(int longitude);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_LUNAR_H */
