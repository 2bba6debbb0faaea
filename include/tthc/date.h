/**
 * @file date.h
 * @brief Civil dates as day numbers, Vietnam local date-times, ISO 8601 parsing and formatting.
 *
 * A ::tthc_date is a day number: days since 1970-01-01 in the proleptic Gregorian calendar,
 * valid from 0001-01-01 (TTHC_DATE_MIN) to 9999-12-31 (TTHC_DATE_MAX). Adding days is
 * integer addition; the functions here convert, validate and format.
 *
 * A ::tthc_datetime is a local date-time in Vietnam (UTC+7, no daylight saving time), counted
 * in seconds since 1970-01-01T00:00:00 local time. It is not Unix time: use
 * tthc_datetime_from_unix() and tthc_datetime_to_unix() to cross over.
 *
 * Thread safety: every function here is pure and safe to call from any thread.
 */
#ifndef TTHC_DATE_H
#define TTHC_DATE_H

#include "tthc/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Days since 1970-01-01 (proleptic Gregorian). @since 0.1.0 */
typedef int32_t tthc_date;

/** Seconds since 1970-01-01T00:00:00 Vietnam local time (UTC+7). @since 0.1.0 */
typedef int64_t tthc_datetime;

/** 0001-01-01, the first supported date. */
#define TTHC_DATE_MIN ((tthc_date)-719162)
/** 9999-12-31, the last supported date. */
#define TTHC_DATE_MAX ((tthc_date)2932896)
/** Vietnam's offset from UTC in seconds (UTC+7, no daylight saving time since 1975). */
#define TTHC_VN_UTC_OFFSET 25200
/** Seconds in a day. */
#define TTHC_SECONDS_PER_DAY 86400
/** Buffer size for tthc_date_format(): "YYYY-MM-DD" and the NUL. */
#define TTHC_DATE_STRLEN 11
/** Buffer size enough for every tthc_datetime_format() output, NUL included. */
#define TTHC_DATETIME_STRLEN 26

/** ISO 8601 weekdays as tthc_date_weekday() returns them. @since 0.1.0 */
typedef enum tthc_weekday {
  TTHC_MONDAY = 1, /**< Thứ Hai */
  TTHC_TUESDAY,    /**< Thứ Ba */
  TTHC_WEDNESDAY,  /**< Thứ Tư */
  TTHC_THURSDAY,   /**< Thứ Năm */
  TTHC_FRIDAY,     /**< Thứ Sáu */
  TTHC_SATURDAY,   /**< Thứ Bảy */
  TTHC_SUNDAY      /**< Chủ nhật */
} tthc_weekday;

/** Flags of tthc_datetime_format(). @since 0.1.0 */
typedef enum tthc_datetime_flags {
  TTHC_DATETIME_MINUTES = 0,   /**< "2025-01-24T16:10" (default) */
  TTHC_DATETIME_SECONDS = 1u,  /**< add seconds: "2025-01-24T16:10:05" */
  TTHC_DATETIME_OFFSET = 2u,   /**< add the offset: "…+07:00" */
  TTHC_DATETIME_COMPACT = 4u   /**< "20250124161005", the portals' exchange form; other flags ignored */
} tthc_datetime_flags;

/** 1 if @p year (any integer) is a Gregorian leap year, else 0. @since 0.1.0 */
TTHC_API int tthc_date_is_leap_year(int year);

/** Days in @p month (1–12) of @p year; 0 if the month is out of range. @since 0.1.0 */
TTHC_API int tthc_date_days_in_month(int year, int month);

/** 1 if @p d lies in [TTHC_DATE_MIN, TTHC_DATE_MAX], else 0. @since 0.1.0 */
TTHC_API int tthc_date_is_valid(tthc_date d);

/**
 * Day number of a calendar date.
 * @param year 1–9999; @param month 1–12; @param day 1–length of the month.
 * @param[out] out the day number; set to 0 on failure. Must not be NULL.
 * @return TTHC_OK; TTHC_ERANGE if the year is outside 1–9999; TTHC_EDATE if the month or
 *         day does not exist (31 February is an error, never 3 March); TTHC_EINVAL if @p out
 *         is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_date_from_ymd(int year, int month, int day, tthc_date *out);

/**
 * Calendar date of a day number. Each out pointer may be NULL.
 * @return TTHC_OK, or TTHC_ERANGE if @p d is outside the supported range (outputs set to 0).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_date_to_ymd(tthc_date d, int *year, int *month, int *day);

/** ISO weekday of @p d: 1 = Monday … 7 = Sunday (see ::tthc_weekday). Defined for every
 *  int32 value. @since 0.1.0 */
TTHC_API int tthc_date_weekday(tthc_date d);

/**
 * Day of the year of @p d, 1–366.
 * @return TTHC_OK, TTHC_ERANGE for a date out of range, TTHC_EINVAL if @p out is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_date_day_of_year(tthc_date d, int *out);

/**
 * ISO 8601 week of @p d: the week-numbering year (may differ from the calendar year in the first
 * and last days of a year) and the week 1–53. Either out pointer may be NULL.
 * @return TTHC_OK or TTHC_ERANGE. @since 0.1.0
 */
TTHC_API tthc_status tthc_date_iso_week(tthc_date d, int *iso_year, int *week);

/**
 * @p d plus @p days (may be negative), checked.
 * @return TTHC_OK; TTHC_ERANGE if @p d or the result is outside the supported range
 *         (@p out set to 0); TTHC_EINVAL if @p out is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_date_add_days(tthc_date d, int64_t days, tthc_date *out);

/** Days from @p from to @p to (to − from; negative when @p to is earlier). @since 0.1.0 */
TTHC_API int64_t tthc_date_diff_days(tthc_date from, tthc_date to);

/**
 * Parse an ISO 8601 calendar date "YYYY-MM-DD" (exactly four year digits, two month and two day
 * digits). The whole input must be the date: leading or trailing characters are an error.
 * @param s the text, need not be NUL-terminated; @param len its length in bytes.
 * @param[out] out the date (0 on failure). @param[out] err details on failure; may be NULL.
 * @return TTHC_OK; TTHC_ESYNTAX (malformed, with the column); TTHC_EDATE (no such day);
 *         TTHC_ERANGE (year 0); TTHC_EINVAL (NULL @p s or @p out).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_date_parse(const char *s, size_t len, tthc_date *out, tthc_error *err);

/**
 * Format @p d as "YYYY-MM-DD" into @p buf of capacity @p cap (NUL-terminated).
 * @param[out] needed if not NULL, receives the length without the NUL (always 10), also when
 *             the buffer is too small.
 * @return TTHC_OK; TTHC_ENOSPC if @p cap < TTHC_DATE_STRLEN (nothing written);
 *         TTHC_ERANGE for a date out of range; TTHC_EINVAL if @p buf is NULL and @p cap > 0.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_date_format(tthc_date d, char *buf, size_t cap, size_t *needed);

/**
 * Local date-time from a date and a clock time.
 * @param hour 0–23, @param minute 0–59, @param second 0–59.
 * @return TTHC_OK, TTHC_EDATE for a clock time out of range, TTHC_ERANGE for a date out of
 *         range, TTHC_EINVAL if @p out is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_datetime_make(tthc_date d, int hour, int minute, int second,
                                        tthc_datetime *out);

/**
 * Split a local date-time. Each out pointer may be NULL.
 * @return TTHC_OK, or TTHC_ERANGE if @p t is outside 0001-01-01T00:00:00–9999-12-31T23:59:59.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_datetime_split(tthc_datetime t, tthc_date *d, int *hour, int *minute,
                                         int *second);

/** The date of @p t (floor division, so instants before 1970 work). @since 0.1.0 */
TTHC_API tthc_date tthc_datetime_date(tthc_datetime t);

/** Seconds since local midnight of @p t, 0–86399. @since 0.1.0 */
TTHC_API int32_t tthc_datetime_time_of_day(tthc_datetime t);

/**
 * Vietnam local date-time of a Unix time (seconds since 1970-01-01T00:00:00Z).
 * @return TTHC_OK, TTHC_ERANGE if the result is outside the supported range,
 *         TTHC_EINVAL if @p out is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_datetime_from_unix(int64_t unix_seconds, tthc_datetime *out);

/** Unix time of a Vietnam local date-time. @since 0.1.0 */
TTHC_API int64_t tthc_datetime_to_unix(tthc_datetime t);

/**
 * Parse a local date-time. Accepted forms (the whole input must match one):
 * - "YYYY-MM-DD" (midnight), "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS"; a space may replace
 *   the "T"; seconds may carry a fraction (".123"), which is dropped (truncated to the second);
 * - any of those with an offset "Z", "+HH:MM", "+HHMM" or "-HH:MM": the instant is converted
 *   to Vietnam time (so "2025-01-24T09:10Z" is 16:10 local);
 * - "yyyyMMddHHmmss", the 14-digit form Vietnamese portal systems exchange (Vietnam time).
 * @param s the text, need not be NUL-terminated; @param len its length in bytes.
 * @param[out] out the date-time (0 on failure). @param[out] err details; may be NULL.
 * @return TTHC_OK, TTHC_ESYNTAX, TTHC_EDATE, TTHC_ERANGE or TTHC_EINVAL; the message
 *         quotes the input and names the column.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_datetime_parse(const char *s, size_t len, tthc_datetime *out,
                                         tthc_error *err);

/**
 * Format @p t (see ::tthc_datetime_flags) into @p buf of capacity @p cap, NUL-terminated.
 * TTHC_DATETIME_STRLEN is always enough.
 * @param[out] needed if not NULL, receives the length without the NUL, also on TTHC_ENOSPC.
 * @return TTHC_OK, TTHC_ENOSPC (nothing written), TTHC_ERANGE, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_datetime_format(tthc_datetime t, unsigned flags, char *buf, size_t cap,
                                          size_t *needed);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_DATE_H */
