/**
 * @file deadline.h
 * @brief Statutory time limits, working hours, due instants under an intake policy, a clock
 *        ledger per dossier, elapsed working time and postal transit times.
 *
 * **Who decides what.** The calendar (tthc/calendar.h) decides WHICH days are working days
 * (weekly rest, holidays, compensatory days, swaps, make-up Saturdays). Working hours
 * (::tthc_hours) decide WHEN within a working day the clock runs (08:00–12:00 and 13:00–17:00
 * by default). The intake policy (::tthc_deadline_policy) decides how the law is read: the
 * 15:00 cut-off, whether a dossier is due at the end of its due day or at the same clock time,
 * and how supplementation moves the clock. A statutory limit (::tthc_limit) says how much time
 * is allowed and in which unit.
 *
 * **Conventions** (docs/deadline.md has worked examples):
 * - The *start* of the clock is the receipt instant when the dossier is received inside a
 *   working session on a working day no later than the cut-off; otherwise it is the start of
 *   the next working session (the same day after a break or before opening, else the first
 *   session of the next working day). The date of the start is the *start day*.
 * - A period in days is counted from the day AFTER the start day (Civil Code 2015 art. 147(1)):
 *   "05 ngày làm việc" is due on the 5th working day after the start day. N = 0 working days
 *   and "Trong ngày" are due on the start day itself.
 * - The due instant is the end of the last working session of the due day
 *   (::TTHC_DUE_END_OF_DAY, the default) or the start's clock time on the due day
 *   (::TTHC_DUE_SAME_TIME).
 * - A period in hours runs from the start instant through working sessions only.
 * - One working day is 8 working hours (configurable, tthc_hours_set_day_length()); this only
 *   converts fractions of a day ("0,5 ngày làm việc") and splits elapsed time into days.
 * - A period in calendar days or months whose last day is not a working day ends at the end of
 *   the next working day (Civil Code 2015 art. 148(5)).
 *
 * Thread safety: limits are plain values; every function taking only values is pure. A
 * ::tthc_hours or ::tthc_deadline_policy may be read by any number of threads once configured,
 * but must not be modified while others read it. A ::tthc_ledger belongs to one thread at a
 * time. Results (::tthc_deadline_result) are immutable and may be shared.
 */
#ifndef TTHC_DEADLINE_H
#define TTHC_DEADLINE_H

#include "tthc/calendar.h"
#include "tthc/core.h"
#include "tthc/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ==== Working hours =========================================================================== */

/** Working sessions per weekday and season, and the nominal length of a working day.
 *  @since 0.1.0 */
typedef struct tthc_hours tthc_hours;

/** At most this many sessions in one day. */
#define TTHC_HOURS_MAX_SESSIONS 4
/** Weekday mask bit of ISO weekday @p wd (1 = Monday … 7 = Sunday). */
#define TTHC_WEEKDAY_BIT(wd) (1u << (wd))
/** Monday to Friday. */
#define TTHC_WEEKDAYS_MON_FRI 0x3Eu
/** Every day of the week. */
#define TTHC_WEEKDAYS_ALL 0xFEu

/**
 * New working hours with the defaults: on EVERY weekday 08:00–12:00 and 13:00–17:00 (the
 * calendar, not the hours, says whether a day is worked, so a make-up Saturday gets the same
 * sessions), no seasons, no reception on non-working days, a nominal working day of 8 hours.
 * @param[out] out the new object (NULL on failure); release with tthc_hours_free().
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL if @p out is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_new(tthc_hours **out);

/** Release @p h; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_hours_free(tthc_hours *h);

/**
 * Set the working sessions of the weekdays in @p weekday_mask (bits ::TTHC_WEEKDAY_BIT) from a
 * text such as "07:00-11:30,13:30-17:00" (1–::TTHC_HOURS_MAX_SESSIONS sessions "HH:MM-HH:MM",
 * separated by commas, increasing and not overlapping; "24:00" may end the last one; an en dash
 * may replace the hyphen; spaces are ignored). These sessions apply on every working day of that
 * weekday outside the seasons (tthc_hours_add_season()).
 * @param spec the text, need not be NUL-terminated; @param len its length in bytes.
 * @param[out] err details on failure; may be NULL.
 * @return TTHC_OK; TTHC_ESYNTAX or TTHC_EDATE for a malformed or impossible session
 *         (the message quotes it); TTHC_EINVAL for a NULL argument or an empty mask.
 *         On failure @p h is unchanged.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_set_sessions(tthc_hours *h, unsigned weekday_mask,
                                             const char *spec, size_t len, tthc_error *err);

/**
 * Add a season: between @p from_month/@p from_day and @p to_month/@p to_day inclusive, every
 * year (the range may wrap the year end, e.g. 16/10–15/4 for winter hours), the weekdays in
 * @p weekday_mask use the sessions in @p spec (same syntax as tthc_hours_set_sessions()).
 * A later season wins over an earlier one where they overlap. At most 16 seasons.
 * @return TTHC_OK; TTHC_EDATE for a day that does not exist (29/2 is allowed);
 *         TTHC_ESYNTAX for a malformed spec; TTHC_ERANGE when 16 seasons already exist;
 *         TTHC_EINVAL for a NULL argument or an empty mask; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_add_season(tthc_hours *h, int from_month, int from_day,
                                           int to_month, int to_day, unsigned weekday_mask,
                                           const char *spec, size_t len, tthc_error *err);

/**
 * Reception hours on weekly-rest days (e.g. a one-stop counter that also receives dossiers on
 * Saturday morning: mask ::TTHC_WEEKDAY_BIT(6), "07:30-11:30"). Reception on a non-working day
 * does NOT make it a working day: the clock still starts at the next working session. It only
 * changes how the start is explained (received at the counter during reception hours rather
 * than outside opening hours) and what tthc_hours_is_open() says. Holidays, compensatory,
 * swapped and local days off never have reception. An empty @p spec (len 0) removes reception.
 * @return as tthc_hours_set_sessions().
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_set_reception(tthc_hours *h, unsigned weekday_mask,
                                              const char *spec, size_t len, tthc_error *err);

/**
 * Set the nominal length of a working day in seconds (default 28800 = 8 hours; 3600–86400).
 * Used to convert fractions of a day into working time and to split elapsed working time into
 * days (tthc_hours_split()). It does not change the sessions.
 * @return TTHC_OK, TTHC_ERANGE outside 1–24 hours, TTHC_EINVAL if @p h is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_set_day_length(tthc_hours *h, int32_t seconds);

/** The nominal length of a working day in seconds (28800 for NULL). @since 0.1.0 */
TTHC_API int32_t tthc_hours_day_length(const tthc_hours *h);

/**
 * The working sessions that apply on date @p d (season or weekday table), whether or not the
 * calendar works that day, as pairs of seconds after midnight [start, end) written to
 * @p starts and @p ends (each of capacity @p cap; ::TTHC_HOURS_MAX_SESSIONS is enough).
 * @param h the hours, NULL for the defaults.
 * @param[out] count number of sessions (also set on TTHC_ENOSPC).
 * @return TTHC_OK, TTHC_ENOSPC, TTHC_EINVAL if @p count is NULL or a buffer is NULL with
 *         @p cap > 0.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_sessions(const tthc_hours *h, tthc_date d, int32_t *starts,
                                         int32_t *ends, size_t cap, size_t *count);

/**
 * Format the sessions of date @p d as "08:00-12:00,13:00-17:00" into @p buf (capacity @p cap).
 * @param[out] needed if not NULL, the length without the NUL (also on TTHC_ENOSPC).
 * @return TTHC_OK, TTHC_ENOSPC (nothing written), TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_format(const tthc_hours *h, tthc_date d, char *buf, size_t cap,
                                       size_t *needed);

/**
 * *out = 1 if the office receives dossiers at instant @p t: inside a working session of a
 * working day, or inside reception hours of a weekly-rest day; else 0.
 * @return TTHC_OK, TTHC_ERANGE outside the calendar, TTHC_EINVAL for NULL @p cal/@p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_is_open(const tthc_cal *cal, const tthc_hours *h,
                                        tthc_datetime t, int *out);

/**
 * The first instant at or after @p t at which the working clock runs: @p t itself inside a
 * session of a working day, else the start of the next session (the next working day's first
 * session after the last one of the day or on a non-working day).
 * @return TTHC_OK, TTHC_ERANGE past the calendar, TTHC_EINVAL for NULL @p cal/@p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_next_start(const tthc_cal *cal, const tthc_hours *h,
                                           tthc_datetime t, tthc_datetime *out);

/**
 * The instant at which @p seconds (>= 0) of working time have run from @p t. Time runs only
 * inside the sessions of working days. Whole days are skipped with the calendar's O(1) working
 * day arithmetic when every day has the same working length (the default), otherwise one step
 * per working day; never minute by minute. A result exactly at the end of a session is that
 * session's end (17:00), not the next session's start. With @p seconds = 0 the result is
 * tthc_hours_next_start().
 * @return TTHC_OK; TTHC_EINVAL for a negative @p seconds or NULL @p cal/@p out;
 *         TTHC_ERANGE if the answer lies outside the calendar.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_add(const tthc_cal *cal, const tthc_hours *h, tthc_datetime t,
                                    int64_t seconds, tthc_datetime *out);

/**
 * Working time in seconds between two instants: the time inside working sessions of working
 * days in [@p from, @p to); negative when @p to is before @p from. This is "how late was it".
 * @return TTHC_OK, TTHC_ERANGE if a date lies outside the calendar, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_hours_between(const tthc_cal *cal, const tthc_hours *h,
                                        tthc_datetime from, tthc_datetime to, int64_t *seconds);

/**
 * Split working time @p seconds into whole nominal working days, hours and minutes (seconds are
 * dropped); a negative time gives negative parts. Each out pointer may be NULL.
 * Example: 100800 s with 8-hour days = 3 days 4 hours 0 minutes.
 * @since 0.1.0
 */
TTHC_API void tthc_hours_split(const tthc_hours *h, int64_t seconds, int64_t *days,
                               int32_t *hours, int32_t *minutes);

/* ==== Statutory limits ======================================================================= */

/** Unit of a statutory limit. @since 0.1.0 */
typedef enum tthc_limit_unit {
  TTHC_LIMIT_WORKING_DAYS = 0,  /**< "05 ngày làm việc" */
  TTHC_LIMIT_WORKING_HOURS = 1, /**< "04 giờ làm việc" */
  TTHC_LIMIT_CALENDAR_DAYS = 2, /**< "15 ngày" */
  TTHC_LIMIT_MONTHS = 3,        /**< "01 tháng" */
  TTHC_LIMIT_WITHIN_DAY = 4,    /**< "Trong ngày": by the end of the start day */
  TTHC_LIMIT_IMMEDIATE = 5      /**< "Cấp ngay": at the start instant */
} tthc_limit_unit;

/** Flags of a ::tthc_limit: what the phrase said besides the amount. @since 0.1.0 */
typedef enum tthc_limit_flags {
  TTHC_LIMIT_AT_MOST = 1u,        /**< "Không quá", "Tối đa", "Trong thời hạn", "Trong vòng" */
  TTHC_LIMIT_FROM_COMPLETE = 2u,  /**< "kể từ ngày nhận đủ hồ sơ (hợp lệ)" */
  TTHC_LIMIT_CUTOFF_NEXT_DAY = 4u,/**< "nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp
                                       theo": tthc_limit::cutoff holds the hour */
  TTHC_LIMIT_FROM_OTHER = 8u      /**< a "kể từ …" clause naming another event (not computed) */
} tthc_limit_flags;

/**
 * A statutory time limit: an amount with an explicit unit. A plain value: copy it freely.
 * The amount is @c value + @c milli / 1000 ("0,5 ngày làm việc" is value 0, milli 500);
 * ::TTHC_LIMIT_WITHIN_DAY and ::TTHC_LIMIT_IMMEDIATE have amount 0.
 * @since 0.1.0
 */
typedef struct tthc_limit {
  int32_t value;        /**< whole units, 0–100000 */
  int32_t milli;        /**< thousandths of a unit, 0–999 (working days and hours only) */
  tthc_limit_unit unit; /**< the unit */
  uint32_t flags;       /**< ::tthc_limit_flags */
  int32_t cutoff;       /**< cut-off stated by the phrase in seconds after midnight, or -1 */
} tthc_limit;

/**
 * A limit of @p value whole units of @p unit, no flags, no cut-off (for
 * ::TTHC_LIMIT_WITHIN_DAY and ::TTHC_LIMIT_IMMEDIATE @p value must be 0).
 * @return TTHC_OK, TTHC_ERANGE for a value outside 0–100000 (or non-zero where 0 is
 *         required), TTHC_EINVAL for an unknown unit or NULL @p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_limit_make(int32_t value, tthc_limit_unit unit, tthc_limit *out);

/**
 * Parse a time-limit phrase as procedure catalogs write it: "05 ngày làm việc",
 * "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Trong ngày", "04 giờ làm việc",
 * "15 ngày", "Không quá 10 ngày làm việc", "Ngay trong ngày làm việc", "0,5 ngày làm việc",
 * "01 tháng", "Cấp ngay", "Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy
 * định", "Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo" …
 * Case-insensitive; NFC and NFD both accepted; diacritics may be missing where the meaning
 * stays unambiguous ("05 ngay lam viec", "trong ngay", "cap ngay"). A bare "ngay" after a
 * number is refused ("ngày" days or "ngay" at once?), as are hours without "làm việc" (clock
 * or working hours?).
 * @param s UTF-8 text, need not be NUL-terminated; @param len its length in bytes.
 * @param[out] out the limit (zeroed, cutoff -1, on failure).
 * @param[out] err on failure the message quotes the phrase: `"05 ngay" is not a statutory
 *             limit: …` with the column of the problem; may be NULL.
 * @return TTHC_OK; TTHC_ESYNTAX for a phrase that is not a limit; TTHC_ERANGE for an
 *         amount over 100000 or with more than 3 decimals; TTHC_EUTF8 for invalid UTF-8;
 *         TTHC_EINVAL for NULL @p s or @p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_limit_parse(const char *s, size_t len, tthc_limit *out,
                                      tthc_error *err);

/** Flags of tthc_limit_format(). @since 0.1.0 */
typedef enum tthc_limit_format_flags {
  TTHC_LIMIT_FORMAT_VI = 0,     /**< canonical Vietnamese, "05 ngày làm việc" (default) */
  TTHC_LIMIT_FORMAT_EN = 1u,    /**< English, "5 working days" */
  TTHC_LIMIT_FORMAT_FULL = 2u   /**< add "Không quá" and "kể từ ngày nhận đủ hồ sơ hợp lệ" */
} tthc_limit_format_flags;

/**
 * Format @p limit back to text into @p buf of capacity @p cap (NUL-terminated). The cut-off
 * clause of a ::TTHC_LIMIT_CUTOFF_NEXT_DAY limit is always written (it changes the meaning);
 * ::TTHC_LIMIT_FORMAT_FULL adds the qualifiers that do not. The Vietnamese text parses back to
 * the same limit. Examples: "05 ngày làm việc", "0,5 ngày làm việc", "15 ngày", "01 tháng",
 * "Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo", "Cấp ngay";
 * English "5 working days", "1 working day", "15 calendar days", "within the day".
 * @param[out] needed if not NULL, the length without the NUL (also on TTHC_ENOSPC).
 * @return TTHC_OK, TTHC_ENOSPC (nothing written), TTHC_EINVAL for an invalid limit or a
 *         NULL @p buf with @p cap > 0.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_limit_format(tthc_limit limit, unsigned flags, char *buf, size_t cap,
                                       size_t *needed);

/** Name of a unit as JSON uses it: "working_days", "working_hours", "calendar_days", "months",
 *  "within_day", "immediate"; NULL for an unknown unit. @since 0.1.0 */
TTHC_API const char *tthc_limit_unit_name(tthc_limit_unit unit);

/* ==== Intake policy ========================================================================== */

/** How the law is read when computing a due instant. @since 0.1.0 */
typedef struct tthc_deadline_policy tthc_deadline_policy;

/** Keys of tthc_deadline_policy_set(). @since 0.1.0 */
typedef enum tthc_policy_param {
  /** Cut-off in seconds after midnight (0–86400); a receipt strictly after it starts the clock
   *  at the next working day's first session. -1 disables it. Default 54000 (15:00, NĐ 61
   *  art. 18). Ignored for ::TTHC_LIMIT_IMMEDIATE. */
  TTHC_POLICY_CUTOFF = 0,
  /** ::tthc_due_time. Default ::TTHC_DUE_END_OF_DAY. */
  TTHC_POLICY_DUE_TIME = 1,
  /** 1 (default): a cut-off stated by the limit phrase ("nếu tiếp nhận sau 15 giờ …") replaces
   *  ::TTHC_POLICY_CUTOFF for that limit; 0: the policy's cut-off always applies. */
  TTHC_POLICY_PHRASE_CUTOFF = 2,
  /** ::tthc_supplement_policy. Default ::TTHC_SUPPLEMENT_RESTART. */
  TTHC_POLICY_SUPPLEMENT = 3,
  /** Extensions (new appointments) a ledger accepts, 0–100. Default 1 (NĐ 61 art. 19(9):
   *  "không quá một lần"). */
  TTHC_POLICY_MAX_EXTENSIONS = 4
} tthc_policy_param;

/** Values of ::TTHC_POLICY_DUE_TIME. @since 0.1.0 */
typedef enum tthc_due_time {
  TTHC_DUE_END_OF_DAY = 0, /**< the end of the last working session of the due day (17:00) */
  TTHC_DUE_SAME_TIME = 1   /**< the start's clock time on the due day */
} tthc_due_time;

/** Values of ::TTHC_POLICY_SUPPLEMENT. @since 0.1.0 */
typedef enum tthc_supplement_policy {
  TTHC_SUPPLEMENT_RESTART = 0, /**< the limit counts again from the receipt of the complete
                                    dossier (NĐ 61 art. 19(4)) */
  TTHC_SUPPLEMENT_SUBTRACT = 1 /**< the time the citizen took is taken out (766 indicator) */
} tthc_supplement_policy;

/**
 * New policy with the documented defaults (see ::tthc_policy_param).
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL for NULL @p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_policy_new(tthc_deadline_policy **out);

/** Release @p p; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_deadline_policy_free(tthc_deadline_policy *p);

/**
 * Set @p key to @p value.
 * @return TTHC_OK; TTHC_ERANGE for a value outside the key's domain (the policy is
 *         unchanged); TTHC_EINVAL for an unknown key or NULL @p p.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_policy_set(tthc_deadline_policy *p, tthc_policy_param key,
                                              int64_t value);

/**
 * Read @p key (the default when @p p is NULL).
 * @return TTHC_OK; TTHC_EINVAL for an unknown key or NULL @p value.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_policy_get(const tthc_deadline_policy *p,
                                              tthc_policy_param key, int64_t *value);

/* ==== Due instants =========================================================================== */

/**
 * The due instant of a dossier received at @p received with limit @p limit.
 * @param cal the working calendar (required); @param hours NULL for the defaults;
 * @param policy NULL for the defaults.
 * @param[out] start if not NULL, the instant the clock starts (see the file comment).
 * @param[out] due the due instant. Both are set to 0 on failure.
 * @return TTHC_OK; TTHC_ERANGE if a date involved lies outside the calendar;
 *         TTHC_EINVAL for NULL @p cal/@p due or an invalid limit.
 * Pure and O(1) for working-day limits; no allocation.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_due(const tthc_cal *cal, const tthc_hours *hours,
                                       const tthc_deadline_policy *policy,
                                       tthc_datetime received, tthc_limit limit,
                                       tthc_datetime *start, tthc_datetime *due);

/**
 * Due instants of @p count dossiers in one call (for bindings and batch jobs):
 * due[i] = tthc_deadline_due(received[i], limits[i]). A failing element gets due[i] = INT64_MIN
 * and the others are still computed.
 * @param[out] first_error if not NULL, the index of the first failing element, or @p count.
 * @return TTHC_OK when every element succeeded, else the status of the first failure;
 *         TTHC_EINVAL for NULL arrays with @p count > 0 or NULL @p cal.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_due_many(const tthc_cal *cal, const tthc_hours *hours,
                                            const tthc_deadline_policy *policy,
                                            const tthc_datetime *received,
                                            const tthc_limit *limits, size_t count,
                                            tthc_datetime *due, size_t *first_error);

/** An explained due computation (tthc_deadline_explain()). Immutable. @since 0.1.0 */
typedef struct tthc_deadline_result tthc_deadline_result;

/** What a step of an explanation records. @since 0.1.0 */
typedef enum tthc_step_kind {
  TTHC_STEP_RECEIVED = 0, /**< the receipt instant */
  TTHC_STEP_START = 1,    /**< the clock starts; ::tthc_step_reason says why then */
  TTHC_STEP_SKIP = 2,     /**< a non-working day passed over; day_kind and entry say why */
  TTHC_STEP_COUNT = 3,    /**< what is counted: count units from date to date2 */
  TTHC_STEP_ROLL = 4,     /**< the last day is not a working day: moved to the next one */
  TTHC_STEP_DUE = 5       /**< the due instant */
} tthc_step_kind;

/** Why a START or DUE step is where it is. @since 0.1.0 */
typedef enum tthc_step_reason {
  TTHC_REASON_NONE = 0,
  TTHC_REASON_IN_HOURS = 1,        /**< START: received inside a working session */
  TTHC_REASON_BEFORE_HOURS = 2,    /**< START: received before the day's first session */
  TTHC_REASON_BREAK = 3,           /**< START: received between two sessions */
  TTHC_REASON_AFTER_HOURS = 4,     /**< START: received after the day's last session */
  TTHC_REASON_CUTOFF = 5,          /**< START: received after the cut-off (@c seconds) */
  TTHC_REASON_NON_WORKING_DAY = 6, /**< START: received on a non-working day (day_kind, entry) */
  TTHC_REASON_RECEPTION_DAY = 7,   /**< START: received in reception hours of a rest day */
  TTHC_REASON_END_OF_DAY = 8,      /**< DUE: end of the last session of the due day */
  TTHC_REASON_SAME_TIME = 9,       /**< DUE: the start's clock time on the due day */
  TTHC_REASON_WORKING_TIME = 10,   /**< DUE: working time run from the start */
  TTHC_REASON_IMMEDIATE = 11       /**< DUE: at the start instant */
} tthc_step_reason;

/**
 * One step of an explanation. Fields that do not apply are 0 (entry NULL). @c entry is
 * borrowed from the calendar the explanation was computed on and lives as long as it.
 * @since 0.1.0
 */
typedef struct tthc_deadline_step {
  tthc_step_kind kind;         /**< what the step records */
  tthc_step_reason reason;     /**< START and DUE: why */
  tthc_datetime at;            /**< RECEIVED, START, DUE: the instant; else midnight of date */
  tthc_date date;              /**< the day concerned (COUNT: the day counted from) */
  tthc_date date2;             /**< COUNT: the last day counted; ROLL: the day moved to */
  tthc_day_kind day_kind;      /**< SKIP, ROLL, START on a non-working day: kind of day */
  const tthc_cal_entry *entry; /**< the calendar entry that closed the day, or NULL */
  int32_t count;               /**< COUNT: whole units counted; START after the cut-off: the
                                    cut-off in seconds after midnight */
  int32_t milli;               /**< COUNT: thousandths of a unit counted */
  tthc_limit_unit unit;        /**< COUNT: the unit counted */
  unsigned char reserved_[32]; /**< room to grow; zero */
} tthc_deadline_step;

/**
 * Compute like tthc_deadline_due() and record why: the receipt, the non-working days between
 * the receipt and the start, the start and its reason, what is counted, every non-working day
 * skipped while counting (with the calendar entry that closed it), a roll-over past a
 * non-working last day, and the due instant.
 * @param[out] out the result (NULL on failure); release with tthc_deadline_result_free(). It
 *             borrows calendar entries: free it before the calendar.
 * @return as tthc_deadline_due(), plus TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_explain(const tthc_cal *cal, const tthc_hours *hours,
                                           const tthc_deadline_policy *policy,
                                           tthc_datetime received, tthc_limit limit,
                                           tthc_deadline_result **out);

/** Release @p r; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_deadline_result_free(tthc_deadline_result *r);

/** Receipt instant of @p r (0 for NULL). @since 0.1.0 */
TTHC_API tthc_datetime tthc_deadline_result_received(const tthc_deadline_result *r);
/** Start instant of @p r (0 for NULL). @since 0.1.0 */
TTHC_API tthc_datetime tthc_deadline_result_start(const tthc_deadline_result *r);
/** Due instant of @p r (0 for NULL). @since 0.1.0 */
TTHC_API tthc_datetime tthc_deadline_result_due(const tthc_deadline_result *r);
/** Limit of @p r (a zero limit for NULL). @since 0.1.0 */
TTHC_API tthc_limit tthc_deadline_result_limit(const tthc_deadline_result *r);
/** Number of steps in @p r (0 for NULL). @since 0.1.0 */
TTHC_API size_t tthc_deadline_result_step_count(const tthc_deadline_result *r);

/**
 * Copy step @p i (0-based) of @p r into @p out.
 * @return TTHC_OK, TTHC_ERANGE for @p i past the end, TTHC_EINVAL for NULL arguments.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_result_step(const tthc_deadline_result *r, size_t i,
                                               tthc_deadline_step *out);

/**
 * A one-line sentence for @p step, in English (@p vietnamese 0) or Vietnamese (1), e.g.
 * "2025-01-27 Mon: not a working day (holiday: Tết Nguyên đán)" or
 * "start 2025-02-03T08:00: received after the 15:00 cut-off; the clock starts at the next
 * working session".
 * @param[out] needed if not NULL, the length without the NUL (also on TTHC_ENOSPC).
 * @return TTHC_OK, TTHC_ENOSPC (nothing written), TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_step_describe(const tthc_deadline_step *step, int vietnamese,
                                                 char *buf, size_t cap, size_t *needed);

/** Name of a step kind: "received", "start", "skip", "count", "roll", "due"; NULL if unknown.
 *  @since 0.1.0 */
TTHC_API const char *tthc_step_kind_name(tthc_step_kind kind);

/** Name of a step reason: "none", "in_hours", "before_hours", "break", "after_hours",
 *  "cutoff", "non_working_day", "reception_day", "end_of_day", "same_time", "working_time",
 *  "immediate"; NULL if unknown. @since 0.1.0 */
TTHC_API const char *tthc_step_reason_name(tthc_step_reason reason);

/* ==== Vectorised working-day arithmetic ====================================================== */

/**
 * out[i] = tthc_cal_add_workdays(cal, dates[i], ns[i]) for i < @p count, in one call. A failing
 * element (outside the calendar) gets out[i] = INT32_MIN and the others are still computed.
 * @param[out] first_error if not NULL, the index of the first failing element, or @p count.
 * @return TTHC_OK when every element succeeded, else TTHC_ERANGE; TTHC_EINVAL for NULL
 *         @p cal or NULL arrays with @p count > 0.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_add_workdays_many(const tthc_cal *cal, const int32_t *dates,
                                                     const int32_t *ns, size_t count,
                                                     int32_t *out, size_t *first_error);

/**
 * out[i] = tthc_cal_count_workdays(cal, from[i], to[i]) (inclusive) for i < @p count; a
 * failing element gets INT32_MIN. Returns as tthc_deadline_add_workdays_many().
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_deadline_count_workdays_many(const tthc_cal *cal,
                                                       const int32_t *from, const int32_t *to,
                                                       size_t count, int32_t *out,
                                                       size_t *first_error);

/* ==== Clock ledger =========================================================================== */

/** The clock history of one dossier. Belongs to one thread at a time. @since 0.1.0 */
typedef struct tthc_ledger tthc_ledger;

/** Kinds of ledger entries. @since 0.1.0 */
typedef enum tthc_ledger_kind {
  TTHC_LEDGER_RECEIVED = 0,             /**< receipt (the first entry, made by the ledger) */
  TTHC_LEDGER_PAUSE = 1,                /**< tạm dừng: the clock stops */
  TTHC_LEDGER_RESUME = 2,               /**< the clock runs again */
  TTHC_LEDGER_SUPPLEMENT_REQUEST = 3,   /**< supplementation requested: the clock stops */
  TTHC_LEDGER_SUPPLEMENT_RECEIVED = 4,  /**< complete dossier received: restart or resume */
  TTHC_LEDGER_EXTEND = 5,               /**< apology and new appointment (a new due instant) */
  TTHC_LEDGER_FINISH = 6                /**< result ready/returned: the clock stops for good */
} tthc_ledger_kind;

/** State of the clock at an instant. @since 0.1.0 */
typedef enum tthc_clock_state {
  TTHC_CLOCK_RUNNING = 0,               /**< counting */
  TTHC_CLOCK_PAUSED = 1,                /**< stopped by a pause */
  TTHC_CLOCK_AWAITING_SUPPLEMENT = 2,   /**< stopped, waiting for the citizen */
  TTHC_CLOCK_FINISHED = 3               /**< finished */
} tthc_clock_state;

/**
 * What the ledger says at an instant. Every field is derived from the entries; nothing is
 * stored. Working time is in seconds.
 * @since 0.1.0
 */
typedef struct tthc_ledger_status {
  tthc_clock_state state;     /**< state at the instant */
  tthc_datetime start;        /**< where the current count started (after the last restart) */
  tthc_datetime due;          /**< the due instant; while the clock is stopped, the due it
                                   would have if it ran again at the instant asked */
  int64_t budget;             /**< working time the current count allows */
  int64_t used;               /**< working time counted so far (stops taken out) */
  int64_t remaining;          /**< budget − used; negative when over */
  int64_t stopped;            /**< working time the clock stood still in the current count */
  int64_t late_by;            /**< working time from the due instant to the instant asked (or
                                   the finish), 0 when not overdue */
  int32_t overdue;            /**< 1 if the instant asked (or the finish) is after @c due */
  int32_t overdue_before_restart; /**< 1 if an earlier count had run out before its restart */
  int32_t supplement_rounds;  /**< supplementation requests so far */
  int32_t extensions;         /**< extensions so far */
  unsigned char reserved_[32];/**< room to grow; zero */
} tthc_ledger_status;

/**
 * New ledger for a dossier received at @p received with limit @p limit. The ledger borrows
 * @p cal and @p hours (NULL = default hours): they must outlive it. It copies @p policy
 * (NULL = defaults). The first entry is ::TTHC_LEDGER_RECEIVED at @p received.
 * @return TTHC_OK; TTHC_ERANGE if the due instant lies outside the calendar;
 *         TTHC_EINVAL for NULL @p cal/@p out or an invalid limit; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_ledger_new(const tthc_cal *cal, const tthc_hours *hours,
                                     const tthc_deadline_policy *policy, tthc_datetime received,
                                     tthc_limit limit, tthc_ledger **out);

/** Release @p l; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_ledger_free(tthc_ledger *l);

/**
 * Append an entry at instant @p at. Entries must come in time order (equal instants allowed)
 * and follow the clock's states: PAUSE and SUPPLEMENT_REQUEST only while running, RESUME only
 * while paused, SUPPLEMENT_RECEIVED only while awaiting supplement, EXTEND while running or
 * paused (at most ::TTHC_POLICY_MAX_EXTENSIONS times, to a @p new_due later than the current
 * due), FINISH unless finished; nothing after FINISH.
 * @param new_due the new appointment for ::TTHC_LEDGER_EXTEND; ignored otherwise.
 * @param[out] err the reason on failure; may be NULL.
 * @return TTHC_OK; TTHC_ESTATE for an entry the state does not allow; TTHC_EINVAL for an
 *         entry out of time order, an unknown kind, ::TTHC_LEDGER_RECEIVED, or an extension
 *         not later than the current due; TTHC_ERANGE if a date lies outside the calendar;
 *         TTHC_ENOMEM. On failure the ledger is unchanged.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_ledger_add(tthc_ledger *l, tthc_ledger_kind kind, tthc_datetime at,
                                     tthc_datetime new_due, tthc_error *err);

/** Number of entries of @p l, the receipt included (0 for NULL). @since 0.1.0 */
TTHC_API size_t tthc_ledger_count(const tthc_ledger *l);

/**
 * Entry @p i (0-based) of @p l. Each out pointer may be NULL; @p new_due is 0 except for
 * ::TTHC_LEDGER_EXTEND.
 * @return TTHC_OK, TTHC_ERANGE past the end, TTHC_EINVAL for NULL @p l.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_ledger_entry(const tthc_ledger *l, size_t i, tthc_ledger_kind *kind,
                                       tthc_datetime *at, tthc_datetime *new_due);

/**
 * The clock at instant @p at, derived from the entries up to @p at (later entries are ignored,
 * so the past can be asked about).
 * @return TTHC_OK; TTHC_ERANGE outside the calendar; TTHC_EINVAL for NULL arguments or
 *         @p at before the receipt.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_ledger_status_at(const tthc_ledger *l, tthc_datetime at,
                                           tthc_ledger_status *out);

/** Name of a ledger kind: "received", "pause", "resume", "supplement_request",
 *  "supplement_received", "extend", "finish"; NULL if unknown. @since 0.1.0 */
TTHC_API const char *tthc_ledger_kind_name(tthc_ledger_kind kind);

/** Name of a clock state: "running", "paused", "awaiting_supplement", "finished"; NULL if
 *  unknown. @since 0.1.0 */
TTHC_API const char *tthc_clock_state_name(tthc_clock_state state);

/* ==== Postal transit (TT 17/2017/TT-BTTTT art. 7) ============================================ */

/** Route of a postal dossier or result. @since 0.1.0 */
typedef enum tthc_postal_route {
  TTHC_POSTAL_SAME_DISTRICT = 0,     /**< within one district-level unit: J+1 (J+2) */
  TTHC_POSTAL_BETWEEN_DISTRICTS = 1, /**< between districts of one province: J+2 (J+4) */
  TTHC_POSTAL_INTER_PROVINCE_MAJOR = 2, /**< between special/class-I urban areas: J+3 (J+6) */
  TTHC_POSTAL_INTER_PROVINCE_OTHER = 3  /**< other inter-province: J+4 (J+8) */
} tthc_postal_route;

/**
 * Transit time n of "J + n" in working days for @p route; @p with_slip non-zero when an
 * appointment slip must also be delivered (the longer figure).
 * @return TTHC_OK, TTHC_EINVAL for an unknown route or NULL @p out.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_postal_transit_days(tthc_postal_route route, int with_slip,
                                              int32_t *out);

/**
 * Arrival date of a dossier or result handed to the postal operator on day @p j:
 * the n-th working day after @p j (n from tthc_postal_transit_days()).
 * @return TTHC_OK, TTHC_ERANGE outside the calendar, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_postal_arrival(const tthc_cal *cal, tthc_postal_route route,
                                         int with_slip, tthc_date j, tthc_date *out);

/** Name of a route: "same_district", "between_districts", "inter_province_major",
 *  "inter_province_other"; NULL if unknown. @since 0.1.0 */
TTHC_API const char *tthc_postal_route_name(tthc_postal_route route);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_DEADLINE_H */
