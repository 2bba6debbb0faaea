/**
 * @file calendar.h
 * @brief Vietnamese working calendars: holiday rules by era, official yearly schedules
 *        (holidays, compensatory days, swapped days, make-up Saturdays), local days off, and
 *        the compiled (frozen) calendar with O(1) working-day arithmetic.
 *
 * A calendar is made in two steps. A ::tthc_cal_builder collects the base (the national
 * calendar: built-in official schedules and the holiday rules of each era of the Labor Code),
 * the weekly rest pattern (Saturday + Sunday by default), schedules loaded at run time (JSON)
 * and local additions or removals. tthc_cal_build() compiles it into a frozen ::tthc_cal: a
 * bitmap of working days with a rank index (a cumulative count per 64-day word), so that
 * counting or adding N working days costs a few memory reads, whatever N is.
 *
 * Every year of a calendar has a status (::tthc_year_status): @c official when an announced
 * schedule is built in or was loaded, @c rules when the days were computed from the law in
 * force that year. A year past the built-in data is computed from the rules and marked so; it
 * never falls back to "weekends only".
 *
 * Thread safety: a ::tthc_cal is immutable once built; every function taking a
 * <tt>const tthc_cal *</tt> (and the entry accessors) is safe to call from any number of
 * threads at once. A ::tthc_cal_builder and a ::tthc_cal_iter belong to one thread at a time.
 * The free functions, the name functions and tthc_cal_new_vietnam() are reentrant.
 */
#ifndef TTHC_CALENDAR_H
#define TTHC_CALENDAR_H

#include "tthc/core.h"
#include "tthc/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A frozen working calendar over a fixed range of years; immutable and thread-safe to share.
 *  @since 0.1.0 */
typedef struct tthc_cal tthc_cal;
/** Collects the parts of a calendar before tthc_cal_build(); one thread at a time.
 *  @since 0.1.0 */
typedef struct tthc_cal_builder tthc_cal_builder;
/** One dated entry of a calendar (a holiday, a compensatory day, a swap, a make-up working
 *  day, a local day off); borrowed from its calendar and valid as long as it. @since 0.1.0 */
typedef struct tthc_cal_entry tthc_cal_entry;
/** Iterator over the entries of a date range (tthc_cal_iter_new()). @since 0.1.0 */
typedef struct tthc_cal_iter tthc_cal_iter;

/** What kind of day a date is. Names for output: tthc_day_kind_name(). @since 0.1.0 */
typedef enum tthc_day_kind {
  TTHC_DAY_WORKDAY = 0,      /**< ordinary working day ("workday") */
  TTHC_DAY_WEEKLY_REST = 1,  /**< weekly rest day, Sat/Sun by default ("weekly_rest") */
  TTHC_DAY_HOLIDAY = 2,      /**< statutory holiday, Labor Code art. 112 ("holiday") */
  TTHC_DAY_COMPENSATORY = 3, /**< nghỉ bù, art. 111(3) ("compensatory") */
  TTHC_DAY_SWAP_OFF = 4,     /**< swapped day off, hoán đổi ("swap_off") */
  TTHC_DAY_MAKEUP_WORKDAY =
      5,             /**< make-up working day, làm bù — a working day ("makeup_workday") */
  TTHC_DAY_LOCAL = 6 /**< a local (provincial or unit) day off ("local") */
} tthc_day_kind;

/** How the days of a year were obtained. @since 0.1.0 */
typedef enum tthc_year_status {
  TTHC_YEAR_RULES = 0,    /**< computed from the holiday rules of the law in force ("rules") */
  TTHC_YEAR_OFFICIAL = 1, /**< an announced schedule, built in or loaded ("official") */
  TTHC_YEAR_CUSTOM = 2    /**< no national base (::TTHC_CAL_EMPTY): only the caller's days
                               ("custom") */
} tthc_year_status;

/** Options of tthc_cal_builder_new() (bit flags). @since 0.1.0 */
typedef enum tthc_cal_flags {
  TTHC_CAL_DEFAULT = 0,      /**< national base: built-in official schedules, rules elsewhere */
  TTHC_CAL_RULES_ONLY = 1u,  /**< ignore the built-in official schedules: every year from the
                                  rules (with the builder's weekly rest pattern) */
  TTHC_CAL_CULTURE_DAY = 2u, /**< switch on the pending rule 24/11 "Ngày Văn hóa Việt Nam"
                                  (Resolution 80-NQ/TW, not yet in the Labor Code) from 2026 */
  TTHC_CAL_EMPTY = 4u        /**< no national base at all: weekly rest plus the days the caller
                                  adds or loads (for other calendars and .ics imports) */
} tthc_cal_flags;

/** Weekly rest bit of ISO weekday @p wd (1 = Monday … 7 = Sunday) in a rest mask. */
#define TTHC_CAL_REST(wd) (1u << (wd))
/** Saturday + Sunday, the weekly rest of state bodies (QĐ 188/1999/QĐ-TTg). */
#define TTHC_CAL_REST_SAT_SUN (TTHC_CAL_REST(6) | TTHC_CAL_REST(7))
/** Sunday only (a unit working every Saturday). */
#define TTHC_CAL_REST_SUN TTHC_CAL_REST(7)

/** First and last year a calendar with a national base may cover (the lunar module's range). */
#define TTHC_CAL_MIN_YEAR 1800
/** @copydoc TTHC_CAL_MIN_YEAR */
#define TTHC_CAL_MAX_YEAR 2199

/* ---- the national calendar in one call ------------------------------------------------ */

/**
 * The national calendar for civil servants over [@p first_year, @p last_year]: built-in
 * official schedules where known (2019–2026), the holiday rules of the era elsewhere,
 * Saturday + Sunday weekly rest. Same as tthc_cal_builder_new(first, last, TTHC_CAL_DEFAULT)
 * followed by tthc_cal_build().
 * @param first_year first year covered (from 1 January). @param last_year last year covered
 *        (to 31 December).
 * @param[out] out the calendar (NULL on failure); release with tthc_cal_free().
 * @return TTHC_OK; TTHC_ERANGE if a year is outside ::TTHC_CAL_MIN_YEAR to ::TTHC_CAL_MAX_YEAR
 *         or @p last_year < @p first_year; TTHC_ENOMEM; TTHC_EINVAL if @p out is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_new_vietnam(int first_year, int last_year, tthc_cal **out);

/** Release a calendar (and with it every entry it lent). NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_cal_free(tthc_cal *cal);

/* ---- builder -------------------------------------------------------------------------- */

/**
 * A new builder for a calendar over the whole years [@p first_year, @p last_year].
 * @param first_year first year covered. @param last_year last year covered.
 * @param flags ::tthc_cal_flags ORed together.
 * @param[out] out the builder (NULL on failure); release with tthc_cal_builder_free().
 * @return TTHC_OK; TTHC_ERANGE if @p last_year < @p first_year or a year is outside
 *         ::TTHC_CAL_MIN_YEAR to ::TTHC_CAL_MAX_YEAR (1–9999 with ::TTHC_CAL_EMPTY);
 *         TTHC_EINVAL for an unknown flag or a NULL @p out; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_builder_new(int first_year, int last_year, unsigned flags,
                                          tthc_cal_builder **out);

/** Release a builder. NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_cal_builder_free(tthc_cal_builder *b);

/**
 * Set the weekly rest days: a mask of ::TTHC_CAL_REST bits (default ::TTHC_CAL_REST_SAT_SUN).
 * Rules-computed years place compensatory days with this pattern. Official schedules are
 * written for Saturday + Sunday bodies and apply as announced; a body with another pattern
 * may prefer ::TTHC_CAL_RULES_ONLY.
 * @return TTHC_OK; TTHC_EINVAL if @p b is NULL or @p mask has bits other than the seven
 *         weekdays or all seven set (a calendar needs working days).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_builder_set_weekly_rest(tthc_cal_builder *b, unsigned mask);

/**
 * Add (or replace) the entry of date @p d: a local day off, a holiday, a swap, or a make-up
 * working day on a weekly rest day. Days added here override the base and loaded schedules;
 * a later call for the same date replaces an earlier one. Strings are copied.
 * @param b the builder. @param d the date.
 * @param kind any kind except ::TTHC_DAY_WORKDAY and ::TTHC_DAY_WEEKLY_REST.
 * @param name_vi Vietnamese name, non-empty valid UTF-8 (required).
 * @param name_en English name, valid UTF-8; NULL or "" uses @p name_vi.
 * @param source legal source or origin, valid UTF-8; NULL gives "".
 * The three strings are one line of text each: no control characters (tab, newline …).
 * @return TTHC_OK; TTHC_EINVAL (NULL @p b or @p name_vi, bad kind, empty name, a control
 *         character);
 *         TTHC_EUTF8 (a string is not valid UTF-8); TTHC_ERANGE (@p d invalid);
 *         TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_builder_add_day(tthc_cal_builder *b, tthc_date d, tthc_day_kind kind,
                                              const char *name_vi, const char *name_en,
                                              const char *source);

/**
 * Remove whatever entry date @p d has (a holiday, swap, make-up day …): the date becomes an
 * ordinary day of the weekly pattern (a working day unless it is a weekly rest day). A later
 * tthc_cal_builder_add_day() for the same date wins over an earlier removal and vice versa.
 * @return TTHC_OK; TTHC_EINVAL if @p b is NULL; TTHC_ERANGE (@p d invalid);
 *         TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_builder_remove_day(tthc_cal_builder *b, tthc_date d);

/**
 * Declare the status of @p year (e.g. after importing an announced schedule from .ics).
 * Overrides the status the base would give; it does not change any day.
 * @return TTHC_OK; TTHC_EINVAL (NULL @p b, unknown status); TTHC_ERANGE (year outside
 *         1–9999); TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_builder_set_year_status(tthc_cal_builder *b, int year,
                                                      tthc_year_status status);

/**
 * Load one or more yearly schedules from JSON text (schema in docs/calendar.md):
 * an object <tt>{"year":2027,"status":"official","source":"…","days":[{"date":"2027-01-01",
 * "kind":"holiday","name_vi":"…","name_en":"…","source":"…"}, …]}</tt> or an array of them.
 * A loaded schedule replaces the built-in or rules-computed days of its year (its entries may
 * lie up to a year before or after it, like a 31 December swap of the next year's New Year
 * break) and gives the year its status; loading the same year again replaces it. Days added
 * with tthc_cal_builder_add_day() still win.
 *
 * Loading is all or nothing: on any error the builder is unchanged.
 * @param b the builder.
 * @param json the text (UTF-8, need not be NUL-terminated); @param len its length in bytes.
 * @param[out] err where and why it failed (may be NULL): JSON syntax errors carry line and
 *             column; content errors name the JSON path ("$[0].days[3].kind") and the problem,
 *             with tthc_error::record set to the index of the schedule.
 * @return TTHC_OK; TTHC_ESYNTAX (not JSON); TTHC_EFORMAT (valid JSON, wrong content);
 *         TTHC_EDATE (a date that does not exist); TTHC_ERANGE (year out of range, date too
 *         far from its year); TTHC_EUTF8; TTHC_EINVAL (NULL @p b or @p json);
 *         TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_builder_load_json(tthc_cal_builder *b, const char *json, size_t len,
                                                tthc_error *err);

/**
 * Compile the builder into a frozen calendar. The builder is not changed and may be built
 * again or freed.
 * @param b the builder.
 * @param[out] out the calendar (NULL on failure); release with tthc_cal_free().
 * @return TTHC_OK; TTHC_EINVAL (NULL argument); TTHC_ENOMEM; TTHC_ERANGE if a lunar
 *         date needed by a rule is outside the lunar module's range.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_build(const tthc_cal_builder *b, tthc_cal **out);

/* ---- queries (O(1); a day's entry by binary search) ----------------------------------- */

/** First date of the calendar (1 January of its first year); 0 if @p cal is NULL.
 *  @since 0.1.0 */
TTHC_API tthc_date tthc_cal_first_date(const tthc_cal *cal);
/** Last date of the calendar (31 December of its last year); 0 if @p cal is NULL.
 *  @since 0.1.0 */
TTHC_API tthc_date tthc_cal_last_date(const tthc_cal *cal);
/** The weekly rest mask (::TTHC_CAL_REST bits) the calendar was built with; 0 if NULL.
 *  @since 0.1.0 */
TTHC_API unsigned tthc_cal_weekly_rest(const tthc_cal *cal);

/**
 * Whether @p d is a working day.
 * @param cal the calendar. @param d the date.
 * @param[out] out 1 if it is, 0 if not (0 on failure).
 * @return TTHC_OK; TTHC_ERANGE if @p d is outside the calendar; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_is_workday(const tthc_cal *cal, tthc_date d, int *out);

/**
 * Kind of day @p d and, when a calendar entry explains it (holiday, compensatory, swap,
 * make-up, local), that entry (else *@p entry = NULL). Either out pointer may be NULL.
 * @return TTHC_OK; TTHC_ERANGE outside the calendar (outputs WORKDAY/NULL);
 *         TTHC_EINVAL if @p cal is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_day(const tthc_cal *cal, tthc_date d, tthc_day_kind *kind,
                                  const tthc_cal_entry **entry);

/**
 * Status of @p year in this calendar.
 * @return TTHC_OK; TTHC_ERANGE if the year is not covered; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_year_status(const tthc_cal *cal, int year, tthc_year_status *out);

/**
 * Working-day arithmetic. @p n > 0: the n-th working day strictly after @p d. @p n < 0: the
 * |n|-th working day strictly before @p d. @p n == 0: @p d if it is a working day, else the
 * first working day after @p d. Constant time (rank + select on the bitmap).
 * @param cal the calendar. @param d the start date. @param n working days to add.
 * @param[out] out the date (0 on failure).
 * @return TTHC_OK; TTHC_ERANGE if @p d or the answer falls outside the calendar;
 *         TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_add_workdays(const tthc_cal *cal, tthc_date d, int32_t n,
                                           tthc_date *out);

/**
 * Working days in [@p from, @p to] inclusive; if @p to < @p from, minus the count in
 * [@p to, @p from]. Constant time.
 * @return TTHC_OK; TTHC_ERANGE if a date is outside the calendar; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_count_workdays(const tthc_cal *cal, tthc_date from, tthc_date to,
                                             int32_t *out);

/**
 * First working day strictly after @p d.
 * @return TTHC_OK; TTHC_ERANGE if none inside the calendar; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_next_workday(const tthc_cal *cal, tthc_date d, tthc_date *out);
/**
 * Last working day strictly before @p d.
 * @return TTHC_OK; TTHC_ERANGE if none inside the calendar; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_prev_workday(const tthc_cal *cal, tthc_date d, tthc_date *out);

/**
 * Number of working days in month @p month (1–12) of @p year.
 * @return TTHC_OK; TTHC_ERANGE if the month is not covered; TTHC_EDATE for a month
 *         outside 1–12; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_month_workdays(const tthc_cal *cal, int year, int month,
                                             int32_t *out);

/**
 * The @p n-th working day of a month: @p n = 1 is the first, @p n = -1 the last.
 * @return TTHC_OK; TTHC_ENOTFOUND if the month has fewer than |n| working days or
 *         @p n is 0; TTHC_ERANGE if the month is not covered; TTHC_EDATE (bad month);
 *         TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_month_nth_workday(const tthc_cal *cal, int year, int month, int n,
                                                tthc_date *out);

/* ---- entries ---------------------------------------------------------------------------- */

/**
 * Iterate over the entries dated in [@p from, @p to] (clipped to the calendar), in date order.
 * Ordinary working days and ordinary weekly rest days have no entry.
 * @param cal the calendar. @param from first date. @param to last date (inclusive).
 * @param[out] out the iterator (NULL on failure); release with tthc_cal_iter_free(). It borrows
 *             @p cal, which must outlive it.
 * @return TTHC_OK (also for an empty range); TTHC_EINVAL (NULL); TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_iter_new(const tthc_cal *cal, tthc_date from, tthc_date to,
                                       tthc_cal_iter **out);
/** The next entry, or NULL at the end (and for a NULL iterator). @since 0.1.0 */
TTHC_API const tthc_cal_entry *tthc_cal_iter_next(tthc_cal_iter *it);
/** Release an iterator. NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_cal_iter_free(tthc_cal_iter *it);

/**
 * Number of entries dated in [@p from, @p to] (clipped to the calendar); two binary searches
 * over the entries.
 * @return TTHC_OK; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_cal_entry_count(const tthc_cal *cal, tthc_date from, tthc_date to,
                                          size_t *out);

/** Date of an entry (0 for NULL). @since 0.1.0 */
TTHC_API tthc_date tthc_cal_entry_date(const tthc_cal_entry *e);
/** Kind of an entry (never WORKDAY or WEEKLY_REST; WORKDAY for NULL). @since 0.1.0 */
TTHC_API tthc_day_kind tthc_cal_entry_kind(const tthc_cal_entry *e);
/** Vietnamese name ("Tết Nguyên đán"); "" for NULL. Borrowed from the calendar. @since 0.1.0 */
TTHC_API const char *tthc_cal_entry_name_vi(const tthc_cal_entry *e);
/** English name ("Lunar New Year (Tết)"); "" for NULL. @since 0.1.0 */
TTHC_API const char *tthc_cal_entry_name_en(const tthc_cal_entry *e);
/** Legal source (law article, announcement); may be ""; "" for NULL. @since 0.1.0 */
TTHC_API const char *tthc_cal_entry_source(const tthc_cal_entry *e);

/* ---- names ------------------------------------------------------------------------------ */

/** "workday", "weekly_rest", "holiday", "compensatory", "swap_off", "makeup_workday", "local";
 *  NULL for a value outside the enum. @since 0.1.0 */
TTHC_API const char *tthc_day_kind_name(tthc_day_kind kind);
/**
 * Kind from its name (as tthc_day_kind_name() gives it), @p len bytes.
 * @return TTHC_OK; TTHC_ENOTFOUND for an unknown name (*@p out = WORKDAY);
 *         TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_day_kind_parse(const char *name, size_t len, tthc_day_kind *out);
/** "rules", "official", "custom"; NULL for a value outside the enum. @since 0.1.0 */
TTHC_API const char *tthc_year_status_name(tthc_year_status status);

/**
 * Bytes of memory a calendar holds (bitmaps, rank and select indexes, entries, strings).
 * 0 for NULL. @since 0.1.0
 */
TTHC_API size_t tthc_cal_memory(const tthc_cal *cal);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_CALENDAR_H */
