/* calendar: private types shared by calendar.c, calendar_data.c, ical.c and the tests. */
#ifndef TTHC_CALENDAR_INTERNAL_H
#define TTHC_CALENDAR_INTERNAL_H

#include <stdint.h>

#include "core_internal.h"
#include "tthc/calendar.h"

/* ---- the holiday law as data (calendar_data.c) ------------------------------------------
 *
 * An era is a period in which one text of the Labor Code was in force; it gives the legal
 * source cited by the holidays and compensatory days computed in it. A rule is one holiday
 * (or span of days) with the dates between which it applies; eras and rules are separate
 * tables so that a change in the law is one new row (close the old row's `to`, add a row). */

typedef enum tthc__rule_type {
  TTHC__RULE_SOLAR = 0,      /* fixed solar day month/day */
  TTHC__RULE_LUNAR = 1,      /* fixed lunar day month/day of the lunar year that starts in the
                                solar year (never a leap month) */
  TTHC__RULE_LUNAR_SPAN = 2, /* `span` days starting `start` days from lunar 1/1 (start -1 = the
                                last day of the previous lunar year) */
  TTHC__RULE_ADJACENT = 3    /* solar day month/day plus one adjacent day whose offset (-1 or +1)
                                depends on the weekday of the solar day: adjacent[wd - 1] */
} tthc__rule_type;

typedef struct tthc__cal_era {
  int32_t from, to;           /* yyyymmdd, inclusive */
  const char *law;            /* short name of the law, for documentation */
  const char *holiday_source; /* cited by the holidays of the era */
  const char *comp_source;    /* cited by compensatory days (the weekly-rest coincidence rule) */
} tthc__cal_era;

typedef struct tthc__cal_rule {
  uint8_t type;                  /* tthc__rule_type */
  uint8_t month, day;            /* solar or lunar month and day */
  uint8_t span;                  /* LUNAR_SPAN: number of days */
  int8_t start;                  /* LUNAR_SPAN: offset of the first day from lunar 1/1 */
  int8_t adjacent[7];            /* ADJACENT: offset of the adjacent day, by weekday Mon..Sun */
  int32_t from, to;              /* yyyymmdd: applies when the (base) date lies in [from, to] */
  unsigned flag;                 /* 0: always; else the tthc_cal_flags bit that switches it on */
  const char *name_vi, *name_en; /* the holiday */
  const char *adj_vi, *adj_en;   /* ADJACENT: the adjacent day */
  const char *comp_vi, *comp_en; /* a compensatory day for it */
  const char *source;            /* NULL: the era's holiday_source; else this (pending rules) */
} tthc__cal_rule;

extern const tthc__cal_era tthc__cal_eras[];
extern const size_t tthc__cal_neras;
extern const tthc__cal_rule tthc__cal_rules[];
extern const size_t tthc__cal_nrules;

/* ---- built-in official schedules (calendar_data.c) -------------------------------------- */

typedef struct tthc__cal_text {
  const char *name_vi, *name_en, *source;
} tthc__cal_text;

typedef struct tthc__cal_official_day {
  int16_t year;
  uint8_t month, day;
  uint8_t kind; /* tthc_day_kind */
  uint8_t text; /* index into tthc__cal_official_texts */
} tthc__cal_official_day;

typedef struct tthc__cal_official_year {
  int16_t year;
  uint16_t first, count; /* slice of tthc__cal_official_days */
  const char *source;    /* the announcements of the year */
} tthc__cal_official_year;

extern const tthc__cal_text tthc__cal_official_texts[];
extern const tthc__cal_official_day tthc__cal_official_days[];
extern const tthc__cal_official_year tthc__cal_official_years[];
extern const size_t tthc__cal_nofficial_years;

/* The built-in official schedule of `year`, or NULL. */
const tthc__cal_official_year *tthc__cal_official(int year);

/* ---- shared with ical.c ------------------------------------------------------------------ */

/* Grow *arr (elements of size sz, capacity *cap) to hold at least need elements; 0 on ENOMEM. */
int tthc__cal_grow(void **arr, size_t *cap, size_t need, size_t sz);
/* malloc'd copy of a NUL-terminated string, or NULL. */
char *tthc__cal_strdup(const char *s);

/* Years the builder covers. */
void tthc__cal_builder_years(const tthc_cal_builder *b, int *first, int *last);
/* Make room for `days` more overlay days and `statuses` more year statuses, so that the
 * pushes below cannot fail (all-or-nothing imports). */
tthc_status tthc__cal_builder_reserve(tthc_cal_builder *b, size_t days, size_t statuses);
/* Push an overlay day taking ownership of the malloc'd strings (room reserved; kind valid). */
void tthc__cal_builder_push_day(tthc_cal_builder *b, tthc_date d, tthc_day_kind kind, char *vi,
                                char *en, char *src);
/* Set a year's status (room reserved; arguments valid). */
void tthc__cal_builder_push_status(tthc_cal_builder *b, int year, tthc_year_status status);

/* 1 if s[0..len) is valid UTF-8 without NUL bytes. */
int tthc__cal_utf8_valid(const char *s, size_t len);
/* Length of the longest valid UTF-8 prefix of s[0..len) (NUL counts as valid). */
size_t tthc__cal_utf8_prefix(const char *s, size_t len);

/* ---- the compiled calendar's arithmetic (calendar.c) ------------------------------------ */

/* Which build of add/count the calendar runs: "bmi2", "popcnt" or "portable" (picked for the
 * CPU when the calendar was built). */
const char *tthc__cal_path(const tthc_cal *cal);
/* Tests and benchmarks only, before the calendar is shared: run the build `name` instead.
 * 1 if done, 0 if that build does not exist here or this CPU cannot run it. */
int tthc__cal_use_path(tthc_cal *cal, const char *name);
/* tthc_cal_memory() in three parts: [0] bitmap, rank and select sample; [1] entries;
 * [2] texts (the table, and the copies of the builder's own strings); the rest is fixed. */
void tthc__cal_memory_parts(const tthc_cal *cal, size_t part[3]);

#endif
