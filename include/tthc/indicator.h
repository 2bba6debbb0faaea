/**
 * @file indicator.h
 * @brief Service indicators over dossiers: mergeable aggregates keyed by unit, field, procedure
 *        and period; rates with "not applicable" kept apart from 0 %; processing-time statistics
 *        with an exactly mergeable median; the citizen evaluation of TT 01/2018; the national
 *        service index of QĐ 766/QĐ-TTg with a replaceable point table; target sets; rankings;
 *        reconciliation of two records of the same work; report schedules.
 *
 * An aggregate (::tthc_agg) counts dossiers into groups. Each dossier is classified once, at the
 * report instant @c as_of, by tthc_dossier_status_at() (events after @c as_of do not exist for
 * the report), and lands in exactly one group, keyed by the dimensions chosen (unit, field,
 * procedure, and the period of its RECEIPT date). Every statistic kept per group is a sum, a
 * minimum, a maximum or a histogram, so tthc_agg_merge() is exact: merging aggregates built over
 * any split of the input gives the same aggregate as one pass over all of it. Memory grows with
 * the number of groups, never with the number of dossiers.
 *
 * The rules for the hard cases (dossiers open at @c as_of, paused time, supplementation,
 * refused and withdrawn dossiers, test records, "not applicable") are in docs/indicator.md.
 *
 * Thread safety: an aggregate belongs to one thread at a time; build one per thread and merge.
 * Point tables (::tthc_index766), target sets (::tthc_targets) are immutable once loaded and may
 * be shared. Every other function is pure.
 */
#ifndef TTHC_INDICATOR_H
#define TTHC_INDICATOR_H

#include "tthc/core.h"
#include "tthc/date.h"
#include "tthc/dossier.h"
#include "tthc/procedure.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------- */
/** @name Counts and rates
 * @{ */

/**
 * The counts kept per group: X(NAME, number, "name", "meaning"). docs/indicator.md states the
 * exact rule of each. Dossiers flagged test or cancelled are never counted (see
 * tthc_agg_skipped()).
 */
#define TTHC_COUNT_MAP(X)                                                                        \
  X(RECEIVED, 0, "received", "dossiers received in the period")                                  \
  X(ACCEPTED, 1, "accepted", "accepted by the report instant")                                   \
  X(PENDING, 2, "pending", "received, neither accepted nor refused nor withdrawn")               \
  X(RESOLVED, 3, "resolved", "result issued (early + on_time + late)")                           \
  X(EARLY, 4, "early", "resolved before the due date")                                           \
  X(ON_TIME, 5, "on_time", "resolved on the due date")                                           \
  X(LATE, 6, "late", "resolved after the due instant")                                           \
  X(IN_PROGRESS, 7, "in_progress", "accepted, open at the report instant")                       \
  X(ON_TRACK, 8, "on_track", "open and within time")                                             \
  X(OVERDUE, 9, "overdue", "open and past the due instant")                                      \
  X(REFUSED, 10, "refused", "refused or returned (at receipt or after appraisal)")               \
  X(REFUSED_AT_RECEIPT, 11, "refused_at_receipt", "refused before acceptance")                   \
  X(WITHDRAWN, 12, "withdrawn", "withdrawn at the applicant's request")                          \
  X(CLOSED_IN_TIME, 13, "closed_in_time", "accepted, refused or withdrawn by the due instant")    \
  X(CLOSED_LATE, 14, "closed_late", "accepted, refused or withdrawn after the due instant")      \
  X(NO_DUE, 15, "no_due", "accepted without any due instant (counted on time / on track)")       \
  X(PAUSED, 16, "paused", "accepted dossiers paused at least once")                              \
  X(SUPPLEMENTED, 17, "supplemented", "supplementation requested after acceptance")              \
  X(MULTI_SUPPLEMENT, 18, "multi_supplement", "more than one supplementation request")           \
  X(APOLOGY_ISSUED, 19, "apology_issued", "an apology and new appointment was issued")           \
  X(APOLOGY_LATE, 20, "apology_late", "the apology came less than a day before the due date")    \
  X(APOLOGY_OWED, 21, "apology_owed", "late or overdue without an apology in time")              \
  X(DIRECT, 22, "direct", "submitted at the counter, or channel not recorded")                   \
  X(ONLINE, 23, "online", "submitted online")                                                    \
  X(POSTAL, 24, "postal", "submitted by post")                                                   \
  X(ONLINE_FULL, 25, "online_full", "online through a full (toàn trình) service")                \
  X(ONLINE_PARTIAL, 26, "online_partial", "online through a partial (một phần) service")         \
  X(ONLINE_766, 27, "online_766", "online and, for a document result, given an e-result")        \
  X(ONLINE_LATE, 28, "online_late", "online dossiers late or overdue")                           \
  X(FEE_BEARING, 29, "fee_bearing", "of a fee-bearing procedure (synced fee not 0)")             \
  X(PAID_ONLINE, 30, "paid_online", "fee-bearing and paid online")                               \
  X(PAID_ONLINE_ANY, 31, "paid_online_any", "paid online, whatever the fee data")                \
  X(DIGITISED, 32, "digitised", "dossier components digitised")                                  \
  X(DIGITISED_766, 33, "digitised_766", "digitised and, for a document result, an e-result")     \
  X(RESULT_DOCUMENT, 34, "result_document", "of a procedure whose result is a document")         \
  X(E_RESULT, 35, "e_result", "document result issued as an electronic document")               \
  X(RESULT_ELECTRONIC, 36, "result_electronic", "resolved with an electronic result")            \
  X(RESULT_DIGITISED, 37, "result_digitised", "resolved with the result digitised")              \
  X(REUSED, 38, "reused", "a component reuses digitised data")                                   \
  X(VNEID, 39, "vneid", "account authenticated with VNeID")                                      \
  X(DISLIKED, 40, "disliked", "disliked, or the subject of a feedback")                          \
  X(FOUR_AT_PLACE, 41, "four_at_place", "of a procedure eligible for 4-at-place")                \
  X(SAME_DAY, 42, "same_day", "4-at-place eligible and resolved on the receipt date")            \
  X(EVALUATED, 43, "evaluated", "carrying at least one citizen evaluation score")                \
  X(FB_RECEIVED, 44, "feedback", "feedback and petitions received in the period")                \
  X(FB_CLASSIFIED, 45, "feedback_classified", "feedback classified")                             \
  X(FB_ON_TIME, 46, "feedback_on_time", "feedback handled (or open) within its deadlines")       \
  X(FB_LATE, 47, "feedback_late", "feedback past one of its deadlines")                          \
  X(FB_SATISFIED, 48, "feedback_satisfied", "neither late, disliked nor raised again")

/** Count identifiers. @since 0.1.0 */
typedef enum tthc_count_id {
/** @cond INTERNAL */
#define TTHC__COUNT_ENUM(name, num, str, doc) TTHC_COUNT_##name = (num),
  TTHC_COUNT_MAP(TTHC__COUNT_ENUM)
#undef TTHC__COUNT_ENUM
  /** @endcond */
  TTHC__COUNT_N /**< number of counts; not a count */
} tthc_count_id;

/**
 * The rates: X(NAME, number, "name", "numerator / denominator"). Each is a ratio of sums of
 * counts except SATISFACTION_766, 1 − (LATE_766 + DISLIKED rate), kept as an exact fraction.
 */
#define TTHC_RATE_MAP(X)                                                                         \
  X(ON_TIME_766, 0, "on_time_766", "(early+on_time+on_track+closed_in_time) / accepted")         \
  X(RESOLVED_ON_TIME, 1, "resolved_on_time", "(early+on_time) / resolved")                       \
  X(EARLY_RATE, 2, "early", "early / resolved")                                                  \
  X(LATE_RATE, 3, "late", "late / resolved")                                                     \
  X(LATE_766, 4, "late_766", "(late+overdue+closed_late) / accepted")                            \
  X(OVERDUE_RATE, 5, "overdue", "overdue / in_progress")                                         \
  X(REFUSED_RATE, 6, "refused", "refused / received")                                            \
  X(WITHDRAWN_RATE, 7, "withdrawn", "withdrawn / received")                                      \
  X(PAUSED_RATE, 8, "paused", "paused / accepted")                                               \
  X(SUPPLEMENTED_RATE, 9, "supplemented", "supplemented / accepted")                             \
  X(ONLINE_RATE, 10, "online", "online / received")                                              \
  X(ONLINE_FULL_RATE, 11, "online_full", "online_full / received")                               \
  X(ONLINE_766_RATE, 12, "online_766", "online_766 / received")                                  \
  X(DIRECT_RATE, 13, "direct", "direct / received")                                              \
  X(POSTAL_RATE, 14, "postal", "postal / received")                                              \
  X(PAID_ONLINE_RATE, 15, "paid_online", "paid_online / fee_bearing")                            \
  X(DIGITISED_RATE, 16, "digitised", "digitised / received")                                     \
  X(DIGITISED_766_RATE, 17, "digitised_766", "digitised_766 / received")                         \
  X(E_RESULT_RATE, 18, "e_result", "e_result / result_document")                                 \
  X(RESULT_ELECTRONIC_RATE, 19, "result_electronic", "result_electronic / resolved")             \
  X(RESULT_DIGITISED_RATE, 20, "result_digitised", "result_digitised / resolved")                \
  X(REUSE_RATE, 21, "reuse", "reused / received")                                                \
  X(VNEID_RATE, 22, "vneid", "vneid / received")                                                 \
  X(DISLIKED_RATE, 23, "disliked", "disliked / received")                                        \
  X(SAME_DAY_RATE, 24, "same_day", "same_day / four_at_place")                                   \
  X(APOLOGY_IN_TIME_RATE, 25, "apology_in_time", "(apology_issued-apology_late) / apology_issued")\
  X(FB_CLASSIFIED_RATE, 26, "feedback_classified", "feedback_classified / feedback")             \
  X(FB_ON_TIME_RATE, 27, "feedback_on_time", "feedback_on_time / feedback")                      \
  X(FB_SATISFIED_RATE, 28, "feedback_satisfied", "feedback_satisfied / feedback")                \
  X(SATISFACTION_766, 29, "satisfaction_766", "1 - (late_766 + disliked)")

/** Rate identifiers. @since 0.1.0 */
typedef enum tthc_rate_id {
/** @cond INTERNAL */
#define TTHC__RATE_ENUM(name, num, str, doc) TTHC_RATE_##name = (num),
  TTHC_RATE_MAP(TTHC__RATE_ENUM)
#undef TTHC__RATE_ENUM
  /** @endcond */
  TTHC__RATE_N /**< number of rates; not a rate */
} tthc_rate_id;

/**
 * A rate as an exact fraction. @c applicable is 0 when the denominator is 0 — "not applicable"
 * (no dossier of that kind), which is NOT 0 %: @c value is then 0 and must not be shown as
 * a percentage. Plain value type.
 * @since 0.1.0
 */
typedef struct tthc_rate {
  int64_t num;    /**< numerator */
  int64_t den;    /**< denominator (0: not applicable) */
  double value;   /**< num / den in [0, 1], 0 when not applicable */
  int applicable; /**< 1 if den > 0 */
} tthc_rate;

/** Name of a count ("received") or NULL. @since 0.1.0 */
TTHC_API const char *tthc_count_name(int id);
/** Name of a rate ("on_time_766") or NULL. @since 0.1.0 */
TTHC_API const char *tthc_rate_name(int id);
/** Count or rate id from its name: TTHC_OK, TTHC_ENOTFOUND, TTHC_EINVAL. @since 0.1.0 */
TTHC_API tthc_status tthc_count_from_name(const char *name, int *out);
/** @copydoc tthc_count_from_name */
TTHC_API tthc_status tthc_rate_from_name(const char *name, int *out);

/**
 * Write @p rate as a Vietnamese percentage with @p decimals decimals (0–6), rounded half up
 * from the exact fraction: "87,03%". A rate that is not applicable is written "N/A".
 * @param[out] needed if not NULL, the length without the NUL (also on TTHC_ENOSPC).
 * @return TTHC_OK, TTHC_ENOSPC (nothing written), TTHC_ERANGE (@p decimals),
 *         TTHC_EINVAL (NULL @p rate, NULL @p buf with @p cap > 0, den < 0 or num > den).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_rate_format(const tthc_rate *rate, int decimals, char *buf, size_t cap,
                                      size_t *needed);

/**
 * Write a fraction (0.8703 → "87,03%") as a Vietnamese percentage with @p decimals decimals
 * (0–6), rounded half away from zero.
 * @return TTHC_OK, TTHC_ENOSPC, TTHC_ERANGE (@p decimals, or |fraction| > 10^12 or NaN),
 *         TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_percent_format(double fraction, int decimals, char *buf, size_t cap,
                                         size_t *needed);

/** @} */

/* ---------------------------------------------------------------------------------------- */
/** @name Aggregates
 * @{ */

/** A mergeable aggregate of dossiers. Opaque; one thread at a time. @since 0.1.0 */
typedef struct tthc_agg tthc_agg;

/** Dimensions of a group key (flags). @since 0.1.0 */
typedef enum tthc_agg_keys {
  TTHC_BY_UNIT = 1u,      /**< competent unit */
  TTHC_BY_FIELD = 2u,     /**< field (lĩnh vực): the dossier's, else the catalog's */
  TTHC_BY_PROCEDURE = 4u, /**< procedure code */
  TTHC_BY_PERIOD = 8u     /**< period of the receipt date */
} tthc_agg_keys;

/** Periods. @since 0.1.0 */
typedef enum tthc_period {
  TTHC_PERIOD_DAY = 1,     /**< "2025-03-14" */
  TTHC_PERIOD_WEEK = 2,    /**< ISO week, "2025-W11" */
  TTHC_PERIOD_MONTH = 3,   /**< "2025-03" */
  TTHC_PERIOD_QUARTER = 4, /**< "2025-Q1" */
  TTHC_PERIOD_YEAR = 5     /**< "2025" */
} tthc_period;

/** Why a dossier was left out (tthc_agg_skipped()). @since 0.1.0 */
typedef enum tthc_skip_reason {
  TTHC_SKIP_TEST = 0,      /**< flagged test */
  TTHC_SKIP_CANCELLED = 1, /**< flagged cancelled */
  TTHC_SKIP_FUTURE = 2,    /**< received after the report instant */
  TTHC_SKIP_ERROR = 3      /**< its status could not be computed (outside the calendar) */
} tthc_skip_reason;

/**
 * New empty aggregate.
 * @param keys ::tthc_agg_keys flags (0: a single group for everything).
 * @param period a ::tthc_period, used when @p keys has ::TTHC_BY_PERIOD (else ignored, give 0).
 * @param as_of the report instant: each dossier is classified at this instant; events after it
 *        are ignored; dossiers received after it are skipped.
 * @param[out] out the aggregate (NULL on failure), freed with tthc_agg_free().
 * @return TTHC_OK, TTHC_EINVAL (unknown key bits, a missing or unknown period, NULL
 *         @p out), TTHC_ERANGE (@p as_of out of range), TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_new(unsigned keys, int period, tthc_datetime as_of,
                                  tthc_agg **out);

/** Free an aggregate; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_agg_free(tthc_agg *a);

/**
 * Set the status policy (::tthc_status_policy flags) used to classify dossiers. Only on an
 * empty aggregate. @return TTHC_OK, TTHC_ESTATE (not empty), TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_set_policy(tthc_agg *a, unsigned status_policy);

/**
 * Use a working clock (copied; the calendar, hours and policy it points to are borrowed and must
 * outlive the aggregate): processing times become working time, limits give due instants to
 * dossiers without an appointment, and feedback deadlines can be checked. Only on an empty
 * aggregate. NULL removes the clock.
 * @return TTHC_OK, TTHC_ESTATE (not empty), TTHC_EINVAL (a clock without calendar),
 *         TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_set_clock(tthc_agg *a, const tthc_dossier_clock *clock);

/**
 * Use a procedure catalog (borrowed; must outlive the aggregate) to fill what a dossier does
 * not say: its field, its statutory limit for its channel, whether the procedure bears a fee
 * and whether it is eligible for 4-at-place (tthc_fourplace_check()). What the dossier says
 * wins. NULL removes the catalog. Only on an empty aggregate.
 * @return TTHC_OK, TTHC_ESTATE (not empty), TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_set_catalog(tthc_agg *a, const tthc_catalog *catalog);

/**
 * Classify @p d at the report instant and count it into its group.
 * @param[out] err the reason when the dossier is skipped for an error; may be NULL.
 * @return TTHC_OK (also for a dossier skipped as test, cancelled or future: see
 *         tthc_agg_skipped()); TTHC_ERANGE (its status could not be computed: outside the
 *         clock's calendar; counted as ::TTHC_SKIP_ERROR); TTHC_ENOMEM; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_add(tthc_agg *a, const tthc_dossier *d, tthc_error *err);

/**
 * Add everything of @p b into @p a. The result equals one aggregate built over the inputs of
 * both (exactly: every count, sum, minimum, maximum, histogram and exact-value list).
 * @return TTHC_OK; TTHC_EINVAL (NULL, or the aggregates differ in keys, period, report
 *         instant, status policy or in having a clock); TTHC_ENOMEM (then @p a is partly
 *         merged and should be discarded).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_merge(tthc_agg *a, const tthc_agg *b);

/**
 * A new aggregate with fewer dimensions: the groups of @p a that differ only in the dropped
 * dimensions are merged (e.g. unit × month → unit). @p keys must be a subset of @p a's keys.
 * @return TTHC_OK, TTHC_EINVAL, TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_rollup(const tthc_agg *a, unsigned keys, tthc_agg **out);

/** Dossiers skipped for @p reason (::tthc_skip_reason); 0 for NULL. @since 0.1.0 */
TTHC_API int64_t tthc_agg_skipped(const tthc_agg *a, int reason);

/** Number of groups (0 for NULL). Group indices run 0 … count − 1 in key order (unit, field,
 *  procedure, period; byte order of the UTF-8 text) and change when dossiers are added or
 *  aggregates merged. @since 0.1.0 */
TTHC_API size_t tthc_agg_group_count(const tthc_agg *a);

/**
 * Key of a group. Strings are borrowed from the aggregate (valid until it is modified or
 * freed); a dimension that is not a key is "" (and period_start 0, label ""). Plain value type.
 * @since 0.1.0
 */
typedef struct tthc_agg_key {
  const char *unit;       /**< unit, or "" */
  const char *field;      /**< field, or "" */
  const char *procedure;  /**< procedure code, or "" */
  tthc_date period_start; /**< first day of the period */
  tthc_date period_end;   /**< last day of the period */
  char label[16];         /**< "2025-03", "2025-Q1", "2025-W11", "2025", "2025-03-14", or "" */
} tthc_agg_key;

/** Key of group @p i: TTHC_OK, TTHC_ERANGE, TTHC_EINVAL. @since 0.1.0 */
TTHC_API tthc_status tthc_agg_group(const tthc_agg *a, size_t i, tthc_agg_key *out);

/**
 * Find the group with the given key (dimensions that are not keys are ignored; NULL counts as
 * ""; @p period_day is any day of the period).
 * @return TTHC_OK, TTHC_ENOTFOUND, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_find(const tthc_agg *a, const char *unit, const char *field,
                                   const char *procedure, tthc_date period_day, size_t *out);

/** Count @p id (::tthc_count_id) of group @p i: TTHC_OK, TTHC_ERANGE, TTHC_EINVAL.
 *  @since 0.1.0 */
TTHC_API tthc_status tthc_agg_count(const tthc_agg *a, size_t i, int id, int64_t *out);

/** Rate @p id (::tthc_rate_id) of group @p i: TTHC_OK, TTHC_ERANGE, TTHC_EINVAL.
 *  @since 0.1.0 */
TTHC_API tthc_status tthc_agg_rate(const tthc_agg *a, size_t i, int id, tthc_rate *out);

/**
 * Processing time of the resolved dossiers of a group (result issued; refused and withdrawn
 * dossiers are not timed). Seconds of working time when the aggregate has a clock, of calendar
 * time otherwise; pauses and supplementation are excluded as in tthc_dossier_status_at().
 *
 * The median is exact while a group has at most ::TTHC_AGG_EXACT_VALUES timed dossiers; beyond,
 * it is located in a histogram of fixed bins (whole minutes below 64 minutes, then 32 bins per
 * doubling, each at most 1/32 of its lower edge wide) and @c median_lo / @c median_hi bound it.
 * Both representations merge exactly. Plain value type.
 * @since 0.1.0
 */
typedef struct tthc_time_stats {
  int64_t count;          /**< resolved dossiers timed */
  int working;            /**< 1: working seconds (clock); 0: calendar seconds */
  int64_t sum;            /**< total seconds */
  int64_t min;            /**< shortest (0 when count is 0) */
  int64_t max;            /**< longest (0 when count is 0) */
  double mean;            /**< sum / count (0 when count is 0) */
  double median;          /**< exact median, or the middle of [median_lo, median_hi] */
  int64_t median_lo;      /**< lower bound of the median (== median when exact) */
  int64_t median_hi;      /**< upper bound of the median */
  int median_exact;       /**< 1 if @c median is exact */
  int64_t budgeted;       /**< resolved dossiers with a known time budget */
  int64_t used_budgeted;  /**< total seconds used by those */
  int64_t budget;         /**< total seconds allowed to those */
  tthc_rate used_share;   /**< used_budgeted / budget (may exceed 1: then value > 1) */
  int64_t reserved_[4];   /**< room to grow */
} tthc_time_stats;

/** Timed dossiers per group up to which the median is exact. */
#define TTHC_AGG_EXACT_VALUES 64

/** Processing-time statistics of group @p i: TTHC_OK, TTHC_ERANGE, TTHC_EINVAL.
 *  @since 0.1.0 */
TTHC_API tthc_status tthc_agg_time(const tthc_agg *a, size_t i, tthc_time_stats *out);

/**
 * Count a feedback or petition (phản ánh, kiến nghị) into the group of @p unit (and the period
 * of its receipt; field and procedure ""). Needs the aggregate's clock (working days).
 * @return TTHC_OK; TTHC_ESTATE (no clock); TTHC_ERANGE (outside the calendar);
 *         TTHC_EINVAL; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_add_feedback(tthc_agg *a, const char *unit,
                                           const tthc_feedback *f);

/** @} */

/* ---------------------------------------------------------------------------------------- */
/** @name Citizen evaluation (TT 01/2018/TT-VPCP Art. 13–15)
 * @{ */

/** Unit classification of TT 01/2018 Art. 15 (and of the 766 index). @since 0.1.0 */
typedef enum tthc_grade {
  TTHC_GRADE_NONE = 0,      /**< no data */
  TTHC_GRADE_WEAK = 1,      /**< yếu */
  TTHC_GRADE_AVERAGE = 2,   /**< trung bình */
  TTHC_GRADE_FAIR = 3,      /**< khá */
  TTHC_GRADE_GOOD = 4,      /**< tốt */
  TTHC_GRADE_EXCELLENT = 5  /**< xuất sắc */
} tthc_grade;

/** English key of a grade ("excellent") or NULL. @since 0.1.0 */
TTHC_API const char *tthc_grade_name(int grade);
/** Vietnamese name of a grade ("Xuất sắc") or NULL. @since 0.1.0 */
TTHC_API const char *tthc_grade_name_vi(int grade);

/**
 * Evaluation of a unit over the nine indices. Scores are in tenths (15 = 1,5) so nothing is lost
 * to floating point. Plain value type.
 * @since 0.1.0
 */
typedef struct tthc_eval {
  int tenths[9];    /**< index i+1: Σ scores / n rounded half up to one decimal, ×10; -1 no data */
  int64_t n[9];     /**< scores behind index i+1 (0 when derived from unit counts) */
  int derived[9];   /**< a ::tthc_eval_source: 1 derived from the unit's counts (indices 8,
                         9), 2 from the catalog (indices 5, 9: tthc_agg_eval_ex()), else 0 */
  int total_tenths; /**< sum over the indices with data, ×10 */
  int indices;      /**< indices with data */
  int grade;        /**< ::tthc_grade: ≥ 15 excellent, 12–<15 good, 9–<12 fair, 6–<9 average,
                         < 6 weak; NONE without data */
  int64_t reserved_[2]; /**< room to grow */
} tthc_eval;

/**
 * Score index sums: @p sum[i] and @p n[i] are the total and the number of 0/1/2 scores of index
 * i+1 (n 0 = no data).
 * @return TTHC_OK, TTHC_EINVAL (NULL, negative, or a sum above 2 n).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_eval_score(const int64_t sum[9], const int64_t n[9], tthc_eval *out);

/**
 * Evaluation of group @p i: dossier scores (recorded with tthc_dossier_set_evaluation(), else
 * derived for index 1 from early / on time / late, index 3 from the supplementation rounds and
 * index 7 from timeliness and complaints), plus the unit-level indices 8 (feedback handled in
 * time: none or 100 % → 2, ≥ 90 % → 1, else 0) and 9 (online dossiers ≥ 30 % with none late →
 * 2, ≥ 15 % with none late → 1, else 0) derived from the group's counts when no dossier
 * recorded them. docs/indicator.md states what is simplified; tthc_agg_eval_ex() applies the
 * full rule of index 9 and derives index 5 with a catalog.
 * @return TTHC_OK, TTHC_ERANGE, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_agg_eval(const tthc_agg *a, size_t i, tthc_eval *out);

/**
 * Where an index of a ::tthc_eval came from (the values of tthc_eval::derived). @since 0.1.1
 */
typedef enum tthc_eval_source {
  TTHC_EVAL_FROM_DOSSIERS = 0, /**< scores recorded on (or derived per) dossier, or no data */
  TTHC_EVAL_FROM_COUNTS = 1,   /**< unit level, from the group's counts only (index 8; index 9
                                    in its simplified form, without a catalog) */
  TTHC_EVAL_FROM_CATALOG = 2   /**< unit level, from the procedure catalog (index 5) or from the
                                    catalog and the counts (index 9, full rule) */
} tthc_eval_source;

/**
 * The policy of the unit-level TT 01/2018 indices derived from a catalog
 * (tthc_agg_eval_ex()): which procedures are the unit's, the thresholds of the table of
 * TT 01/2018 Art. 13 (FACTS §4.9, rows 5 and 9) as data, and the one fact the dossiers cannot
 * give. Start from tthc_eval_policy_default() and change fields. Plain value type; the reserved
 * room must stay zero.
 * @since 0.1.1
 */
typedef struct tthc_eval_policy {
  /** ::tthc_proc_level of the unit. Its procedures are the catalog records of that level;
   *  ::TTHC_LEVEL_UNKNOWN [default]: every record of the catalog, and the level of the
   *  thresholds of index 5 is the one level all records that state a level share (none:
   *  index 5 is not derived). */
  int level;
  /** Index 9, score 2: least share of the unit's procedures with an online service (partial
   *  or full), in percent [20]. */
  int online_procs_pct;
  /** Index 9, score 2: least share of the received dossiers submitted online, percent [30]. */
  int online_high_pct;
  /** Index 9, score 1: least share of the received dossiers submitted online, percent [15]. */
  int online_low_pct;
  /** Index 5, score 2: least share of the unit's procedures fully handled at the One-stop
   *  (4-at-place eligible), percent, by ::tthc_proc_level: [0] unused, central [20], province
   *  [20], district [50], commune [100]. */
  int full_counter_pct[5];
  /** Index 5, score 1: did the One-stop receive and return 100 % of the dossiers of the
   *  procedures it must handle? 1 yes, 0 no, -1 not known [default]. The dossier records of a
   *  one-stop system cannot tell (a dossier received elsewhere is not in them). */
  int one_stop_all;
  int64_t reserved_[4]; /**< room to grow; zero */
} tthc_eval_policy;

/**
 * The default policy: the unit is the whole catalog (level ::TTHC_LEVEL_UNKNOWN), index 9
 * thresholds 20 % / 30 % / 15 %, index 5 thresholds 20 % (central, province), 50 % (district),
 * 100 % (commune), the One-stop fact not known.
 * @param[out] out the policy (not NULL).
 * @return TTHC_OK, TTHC_EINVAL (NULL @p out).
 * @since 0.1.1
 */
TTHC_API tthc_status tthc_eval_policy_default(tthc_eval_policy *out);

/**
 * As tthc_agg_eval(), with the unit-level indices 5 and 9 derived from the unit's procedure
 * catalog when no dossier recorded them. The unit's procedures are chosen by
 * tthc_eval_policy::level. With at least one of them:
 *
 * - index 9 (online services), when the group received dossiers: 2 when the procedures with
 *   an online service (::TTHC_ONLINE_PARTIAL or ::TTHC_ONLINE_FULL; UNKNOWN counts as none)
 *   are at least @c online_procs_pct % of the unit's procedures AND the dossiers submitted
 *   online at least @c online_high_pct % of those received AND no online dossier is late or
 *   overdue; 1 when at least one procedure has an online service, the online dossiers are at
 *   least @c online_low_pct % and none is late or overdue; else 0. derived[8] =
 *   ::TTHC_EVAL_FROM_CATALOG.
 * - index 5 (full process at the One-stop), when the unit's level is known: a procedure is
 *   fully handled at the counter when tthc_fourplace_check() finds it eligible at the counter
 *   with a complete dossier, under the catalog's rules. 2 when those are at least
 *   @c full_counter_pct[level] % of the unit's procedures; else 1 when @c one_stop_all is 1,
 *   0 when it is 0, and no data when it is -1. derived[4] = ::TTHC_EVAL_FROM_CATALOG.
 *
 * Without a catalog, or without any procedure of the unit in it, the result is the one of
 * tthc_agg_eval() (index 9 in its simplified form, derived[8] = ::TTHC_EVAL_FROM_COUNTS).
 * @param catalog the unit's catalog, or NULL.
 * @param policy NULL for tthc_eval_policy_default().
 * @return TTHC_OK; TTHC_ERANGE (no group @p i, a percentage outside 0–100);
 *         TTHC_EINVAL (NULL @p a or @p out, a level outside ::tthc_proc_level,
 *         @c one_stop_all outside -1–1, reserved room not zero).
 * @since 0.1.1
 */
TTHC_API tthc_status tthc_agg_eval_ex(const tthc_agg *a, size_t i, const tthc_catalog *catalog,
                                      const tthc_eval_policy *policy, tthc_eval *out);

/** @} */

/* ---------------------------------------------------------------------------------------- */
/** @name National service index (QĐ 766/QĐ-TTg)
 * @{ */

/** A 766 point table: indicators, their group, maximum points and thresholds. Immutable.
 *  @since 0.1.0 */
typedef struct tthc_index766 tthc_index766;

/** The five groups of the index, keyed by name. @since 0.1.0 */
typedef enum tthc_766_group {
  TTHC_766_PUBLICITY = 0,    /**< công khai, minh bạch (18) */
  TTHC_766_PROGRESS = 1,     /**< tiến độ, kết quả giải quyết (20) */
  TTHC_766_DIGITISATION = 2, /**< số hóa hồ sơ (22) */
  TTHC_766_ONLINE = 3,       /**< cung cấp dịch vụ trực tuyến (22) */
  TTHC_766_SATISFACTION = 4  /**< mức độ hài lòng (18) */
} tthc_766_group;

/** Key of a 766 group ("publicity" …) or NULL. @since 0.1.0 */
TTHC_API const char *tthc_766_group_name(int group);

/**
 * The built-in table: the indicator list, group maxima (18/20/22/22/18), thresholds and grade
 * bands of FACTS §6.1 and per-indicator points that are DEFAULTS, not the decision's table
 * (which was not read: FACTS "not confirmed" 5). docs/indicator.md lists them and how to replace
 * them (tthc_index766_from_json()).
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_index766_default(tthc_index766 **out);

/**
 * Load a table from JSON (the schema of docs/indicator.md; tthc_index766_to_json_alloc()
 * writes the default one as a starting point).
 * @return TTHC_OK; TTHC_ESYNTAX (malformed JSON, with line and column); TTHC_EFORMAT (a
 *         missing or wrong field, an unknown group or rate name, points of a group above its
 *         maximum, bands out of order; the message names the item); TTHC_ENOMEM; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_index766_from_json(const char *json, size_t len, tthc_index766 **out,
                                             tthc_error *err);

/** The table as JSON (allocated; free with tthc_free()). @since 0.1.0 */
TTHC_API tthc_status tthc_index766_to_json_alloc(const tthc_index766 *t, char **out);

/** Free a table; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_index766_free(tthc_index766 *t);

/** Number of indicators in the table (0 for NULL). @since 0.1.0 */
TTHC_API size_t tthc_index766_count(const tthc_index766 *t);

/**
 * One indicator of a table; strings borrowed from the table. @c rate is the rate name it is
 * computed from (tthc_rate_name()), or NULL when its data are not in dossiers (catalog or
 * publication indicators): its rate is then given by the caller. Plain value type.
 * @since 0.1.0
 */
typedef struct tthc_index766_item {
  const char *id;      /**< "2.1" */
  const char *name_vi; /**< "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" */
  int group;           /**< ::tthc_766_group */
  const char *rate;    /**< source rate name, or NULL (external) */
  double points;       /**< maximum points */
  double threshold;    /**< full points at or above this rate (0 < t ≤ 1); 0: proportional */
} tthc_index766_item;

/** Indicator @p i: TTHC_OK, TTHC_ERANGE, TTHC_EINVAL. @since 0.1.0 */
TTHC_API tthc_status tthc_index766_item_get(const tthc_index766 *t, size_t i,
                                            tthc_index766_item *out);

/**
 * The multiplier of indicator @p i: the id of the indicator whose rate multiplies its rate
 * before scoring (the table's optional "times" field; the built-in table multiplies 3.3, the
 * online share, by 1.4, the synchronisation rate, as the 766 formula does), or NULL when it has
 * none, for a NULL table or an @p i out of range. Borrowed from the table.
 * @since 0.1.1
 */
TTHC_API const char *tthc_index766_item_times(const tthc_index766 *t, size_t i);

/** Scoring flags. @since 0.1.0 */
typedef enum tthc_766_flags {
  /** An indicator that is not applicable (no data) scores 0 out of its points. Default: it is
   *  left out of both the score and the maximum. */
  TTHC_766_NA_ZERO = 1u
} tthc_766_flags;

/** Most indicators a table may hold. */
#define TTHC_766_MAX_ITEMS 32

/**
 * A 766 score. Points are doubles (the formula divides); @c share = total / max. Plain value.
 * @since 0.1.0
 */
typedef struct tthc_index766_result {
  double total;                          /**< points obtained */
  double max;                            /**< points available (applicable indicators) */
  double share;                          /**< total / max (0 when max is 0) */
  int grade;                             /**< ::tthc_grade of share × 100 by the table's bands */
  double group_total[5];                 /**< per ::tthc_766_group */
  double group_max[5];                   /**< per ::tthc_766_group */
  size_t items;                          /**< indicators in the table */
  double item_points[TTHC_766_MAX_ITEMS]; /**< points of each indicator (table order) */
  tthc_rate item_rate[TTHC_766_MAX_ITEMS];/**< the rate each was scored on */
  /** Bit k: indicator k has a multiplier (tthc_index766_item_times()) and was scored on its
   *  rate times the multiplier's rate. @since 0.1.1 */
  uint64_t times_applied;
  /** Bit k: indicator k has a multiplier whose rate was not applicable: it was scored on its
   *  own rate, not multiplied. @since 0.1.1 */
  uint64_t times_missing;
  int64_t reserved_[2];                   /**< room to grow */
} tthc_index766_result;

/**
 * Points of one indicator for @p rate: with a threshold T, full points at or above T, else
 * rate × points / T; without one, rate × points. A rate that is not applicable scores 0.
 * @return TTHC_OK, TTHC_ERANGE, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_index766_item_points(const tthc_index766 *t, size_t i,
                                               const tthc_rate *rate, double *points);

/**
 * Score group @p i of @p a. Indicators with a source rate take it from the group;
 * @p external supplies the others: an array of tthc_index766_count() rates in table order (the
 * entries of dossier-based indicators are ignored), or NULL (then external indicators are not
 * applicable).
 * @param flags ::tthc_766_flags.
 * @return TTHC_OK, TTHC_ERANGE, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_index766_score(const tthc_index766 *t, const tthc_agg *a, size_t i,
                                         const tthc_rate *external, unsigned flags,
                                         tthc_index766_result *out);

/**
 * Fill the rates of external indicators that a procedure catalog gives, into an @p external
 * array for tthc_index766_score(). An entry already applicable (den > 0, supplied by the
 * caller) is kept: a caller's rate wins. Only indicators without a source rate are filled, by
 * their id:
 *
 * - "1.3" procedures whose record shows the mandatory components of NĐ 63/2010 Art. 8(2)
 *   that a record carries — a name, at least one dossier component (tthc_proc_document_count()),
 *   a statutory limit on at least one channel (the time limit, and the submission method: the
 *   record's methods are its channels with a limit) and an implementing agency — ÷ the unit's
 *   procedures. The steps (trình tự) and the subjects (đối tượng) are not in a record and are
 *   not checked: the rate is an upper bound.
 * - "3.1" procedures with an online service (::TTHC_ONLINE_PARTIAL or ::TTHC_ONLINE_FULL;
 *   UNKNOWN counts as none) ÷ the unit's procedures.
 * - "3.2" online services with at least one dossier submitted online ÷ online services, when
 *   @p by_proc is given: the groups of @p by_proc with the key of group @p i of @p a (same
 *   unit, field, period) are its per-procedure counts; a procedure is one of the unit's online
 *   services found in the catalog by the group's procedure code.
 * - "3.5" procedures with a financial obligation whose dossiers carry fee data ÷ procedures
 *   with a financial obligation, when @p by_proc is given (groups chosen as for 3.2). A
 *   procedure has a financial obligation when its record has a fee or charge
 *   (::TTHC_FEE_FEE or ::TTHC_FEE_CHARGE) above 0 on any channel; a record whose entries are
 *   all 0 ("miễn lệ phí") or that has none is left out. It is counted above when at least one
 *   of its dossiers is counted in @c fee_bearing (fee status 1: the synced fee is
 *   not 0; a synced fee of 0, status 2, is not fee data, as for indicator 3.6; an unknown
 *   status is filled from the aggregate's catalog, tthc_agg_set_catalog(), by the fee on the
 *   dossier's channel).
 *
 * The unit's procedures are chosen by @p policy's level as in tthc_agg_eval_ex(). With no
 * procedure of the unit in the catalog nothing is filled (1.3, 3.1); with no online service
 * 3.2, and with no procedure with a financial obligation 3.5, is not filled (not
 * applicable).
 * @param external tthc_index766_count(@p t) rates in table order, read and filled.
 * @param by_proc an aggregate of the same dossiers keyed by the keys of @p a plus
 *        ::TTHC_BY_PROCEDURE (@p a may be tthc_agg_rollup() of it, or @p by_proc itself when
 *        @p a has the procedure key), or NULL: 3.2 and 3.5 are then not filled.
 * @param a, i the group scored; @p a may be NULL when @p by_proc is NULL.
 * @param policy NULL for tthc_eval_policy_default().
 * @return TTHC_OK; TTHC_ERANGE (no group @p i); TTHC_EINVAL (NULL @p t, @p catalog or
 *         @p external, @p by_proc without @p a, keys of @p by_proc other than those of @p a
 *         plus the procedure, an invalid @p policy).
 * @since 0.1.1
 */
TTHC_API tthc_status tthc_index766_catalog_rates(const tthc_index766 *t,
                                                 const tthc_catalog *catalog,
                                                 const tthc_eval_policy *policy,
                                                 const tthc_agg *by_proc, const tthc_agg *a,
                                                 size_t i, tthc_rate *external);

/**
 * Read external rates from JSON, an object mapping indicator ids to rates:
 * {"1.4": 0.97, "3.5": "80%"} — a fraction 0–1 (kept to 10⁻⁶: num / 1000000) or a percentage
 * string ("80%", "87,5%", kept exactly), into an @p external array for tthc_index766_score().
 * Entries of ids the JSON does not name are left as they are.
 * @param external tthc_index766_count(@p t) rates in table order.
 * @return TTHC_OK; TTHC_ESYNTAX (malformed JSON, with line and column); TTHC_EFORMAT (not an
 *         object, an id not in the table, an indicator computed from dossiers, a value that is
 *         not a rate 0–1; the message names the id); TTHC_ENOMEM; TTHC_EINVAL (NULL).
 * @since 0.1.1
 */
TTHC_API tthc_status tthc_index766_external_from_json(const tthc_index766 *t, const char *json,
                                                      size_t len, tthc_rate *external,
                                                      tthc_error *err);

/** @} */

/* ---------------------------------------------------------------------------------------- */
/** @name Targets and rankings
 * @{ */

/** A set of targets ("85 % online, 50 % online payment …"). Immutable. @since 0.1.0 */
typedef struct tthc_targets tthc_targets;

/**
 * Load a target set from JSON: {"name": "…", "targets": [{"rate": "online", "min": 0.85},
 * {"rate": "late", "max": "2%"}, …]}; bounds are fractions (0.85) or percent strings ("85%",
 * "87,5%").
 * @return TTHC_OK; TTHC_ESYNTAX; TTHC_EFORMAT (unknown rate, neither or both of min/max,
 *         a bound outside 0–1; the message names the target); TTHC_ENOMEM; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_targets_from_json(const char *json, size_t len, tthc_targets **out,
                                            tthc_error *err);

/** Free a target set; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_targets_free(tthc_targets *t);
/** Number of targets (0 for NULL). @since 0.1.0 */
TTHC_API size_t tthc_targets_count(const tthc_targets *t);
/** Name of the set ("" if none; NULL for NULL). @since 0.1.0 */
TTHC_API const char *tthc_targets_name(const tthc_targets *t);

/**
 * A target checked against a group. Plain value type.
 * @since 0.1.0
 */
typedef struct tthc_target_check {
  int rate;          /**< ::tthc_rate_id */
  int is_max;        /**< 1: the rate must not exceed @c bound; 0: must reach it */
  double bound;      /**< the target (fraction) */
  tthc_rate actual;  /**< the group's rate */
  int pass;          /**< 1 met, 0 missed, -1 not applicable (no dossier of that kind) */
  double gap;        /**< signed distance to the target: bound − value for a minimum,
                          value − bound for a maximum; > 0 is the shortfall of a missed target,
                          ≤ 0 the margin of a met one; 0 when not applicable */
  int64_t reserved_[2]; /**< room to grow */
} tthc_target_check;

/** Check target @p k of @p t against group @p i of @p a: TTHC_OK, TTHC_ERANGE,
 *  TTHC_EINVAL. @since 0.1.0 */
TTHC_API tthc_status tthc_targets_check(const tthc_targets *t, size_t k, const tthc_agg *a,
                                        size_t i, tthc_target_check *out);

/**
 * Competition ranking ("1224") of @p n scores, highest first: ranks[i] = 1 + the number of
 * scores strictly higher than scores[i]. NaN scores rank after all others (equal among
 * themselves).
 * @return TTHC_OK, TTHC_EINVAL (NULL arrays with @p n > 0).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_rank(const double *scores, size_t n, int32_t *ranks);

/**
 * Write a rank the way reports do, "01/16": the rank zero-padded to the width of @p n (at least
 * two digits), a slash, and @p n.
 * @return TTHC_OK, TTHC_ENOSPC, TTHC_ERANGE (rank outside 1–n), TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_rank_format(int32_t rank, int32_t n, char *buf, size_t cap,
                                      size_t *needed);

/** @} */

/* ---------------------------------------------------------------------------------------- */
/** @name Reconciliation of two records of the same work
 * Side A (e.g. the dossier system) and side B (e.g. the paper tracking book, sổ theo dõi hồ sơ)
 * are matched by dossier code. The result lists the codes present on one side only, the codes
 * that appear twice on a side, and, for codes on both sides, every compared field that
 * disagrees. The fields (tthc_recon_field_name()) are procedure, unit, field, channel (not
 * compared when one side leaves them empty or unknown: a register may not record them) and
 * received, accepted, due (the appointment, after any re-appointment), result, returned,
 * refused, withdrawn (dates, or instants with ::TTHC_RECON_INSTANTS; a value on one side only
 * IS a difference) and the final state. Memory grows with the number of dossiers.
 * @{ */

/** A reconciliation in progress. Opaque; one thread at a time. @since 0.1.0 */
typedef struct tthc_recon tthc_recon;

/** Reconciliation flags. @since 0.1.0 */
typedef enum tthc_recon_flags {
  /** Compare instants to the second (default: compare dates, as a paper register has them). */
  TTHC_RECON_INSTANTS = 1u
} tthc_recon_flags;

/** Number of compared fields. */
#define TTHC_RECON_FIELDS 12

/** Name of compared field @p i (0 … ::TTHC_RECON_FIELDS − 1), or NULL. @since 0.1.0 */
TTHC_API const char *tthc_recon_field_name(int i);

/** Kind of a difference. @since 0.1.0 */
typedef enum tthc_recon_kind {
  TTHC_RECON_ONLY_A = 1,    /**< the code is in A only (missing from B) */
  TTHC_RECON_ONLY_B = 2,    /**< the code is in B only (missing from A) */
  TTHC_RECON_MISMATCH = 3,  /**< a field disagrees */
  TTHC_RECON_DUPLICATE = 4  /**< the code appears more than once on one side (later copies are
                                 ignored) */
} tthc_recon_kind;

/**
 * New empty reconciliation.
 * @param flags ::tthc_recon_flags. @param fields the fields to compare: bit i for field i
 *        (tthc_recon_field_name()); 0 compares them all.
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL (unknown bits, NULL @p out).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_recon_new(unsigned flags, unsigned fields, tthc_recon **out);

/** Free a reconciliation; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_recon_free(tthc_recon *r);

/**
 * Add a dossier to side @p side (0 = A, 1 = B). Its code (leading and trailing spaces ignored)
 * is the key; a dossier without a code is TTHC_EINVAL.
 * @return TTHC_OK (also for a duplicate, which is reported as a difference); TTHC_ESTATE
 *         after tthc_recon_finish(); TTHC_EINVAL; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_recon_add(tthc_recon *r, int side, const tthc_dossier *d);

/**
 * Compare the two sides. The differences are then listed in code order (then kind, then field)
 * by tthc_recon_get(). Calling it again is a no-op.
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_recon_finish(tthc_recon *r);

/** Number of differences (0 before tthc_recon_finish()). @since 0.1.0 */
TTHC_API size_t tthc_recon_count(const tthc_recon *r);

/** Dossiers added to side @p side (duplicates included). @since 0.1.0 */
TTHC_API size_t tthc_recon_side_count(const tthc_recon *r, int side);

/**
 * One difference; strings borrowed from the reconciliation. Plain value type.
 * @since 0.1.0
 */
typedef struct tthc_recon_item {
  int kind;          /**< ::tthc_recon_kind */
  const char *code;  /**< the dossier code */
  const char *field; /**< MISMATCH: "procedure", "unit", "field", "channel", "received",
                          "accepted", "due", "result", "returned", "refused", "withdrawn",
                          "state"; DUPLICATE: "A" or "B"; else "" */
  const char *a;     /**< MISMATCH: the value on side A ("" when absent); else "" */
  const char *b;     /**< MISMATCH: the value on side B; else "" */
} tthc_recon_item;

/** Difference @p i: TTHC_OK, TTHC_ERANGE, TTHC_EINVAL. @since 0.1.0 */
TTHC_API tthc_status tthc_recon_get(const tthc_recon *r, size_t i, tthc_recon_item *out);

/** Name of a difference kind ("only_a", "only_b", "mismatch", "duplicate") or NULL.
 *  @since 0.1.0 */
TTHC_API const char *tthc_recon_kind_name(int kind);

/** @} */

/* ---------------------------------------------------------------------------------------- */
/** @name Report schedules
 * Recurring reporting deadlines — every Friday, the 20th of each month, the last working day of
 * a quarter — written as iCalendar recurrence rules (RFC 5545 RRULE values, evaluated by
 * libical) and moved to the previous working day when they fall on a day off.
 * @{ */

/**
 * The occurrences of a recurring report deadline with nominal dates in [@p from, @p to].
 * @param rrule the rule, e.g. "FREQ=WEEKLY;BYDAY=FR" or "FREQ=MONTHLY;BYMONTHDAY=20" (an
 *        "RRULE:" prefix is accepted); FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.
 *        Checked before it reaches libical: ASCII letters, digits and ";=,:+-" only, at most
 *        512 bytes.
 * @param start the first date of the recurrence (DTSTART).
 * @param cal the working calendar the dates are moved on (previous working day).
 * @param[out] nominal if not NULL, the dates the rule gives (capacity @p cap).
 * @param[out] due the deadlines: the nominal date, or the working day before it when it is a
 *        day off (capacity @p cap; may be NULL with @p cap 0 to count).
 * @param[out] count the number of occurrences (also on TTHC_ENOSPC).
 * @param[out] err on a malformed rule, the message quotes it; may be NULL.
 * @return TTHC_OK; TTHC_ENOSPC (more than @p cap occurrences: the first @p cap are
 *         written); TTHC_ESYNTAX (a rule libical or the checks refuse);
 *         TTHC_EUNSUPPORTED (a frequency finer than daily; BYWEEKNO, which libical 3.0
 *         evaluates wrongly; a rule whose occurrences libical returns out of order);
 *         TTHC_ERANGE (a date outside the calendar, more than 100000 occurrences, or a year
 *         outside 1900-2199); TTHC_EINVAL (NULL arguments, @p to before @p from);
 *         TTHC_ENOMEM. Error positions count from the start of @p rrule, "RRULE:" included.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_schedule_dates(const char *rrule, size_t len, tthc_date start,
                                         const tthc_cal *cal, tthc_date from, tthc_date to,
                                         tthc_date *nominal, tthc_date *due, size_t cap,
                                         size_t *count, tthc_error *err);

/** @} */

#ifdef __cplusplus
}
#endif
#endif /* TTHC_INDICATOR_H */
