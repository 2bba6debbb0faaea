/**
 * @file procedure.h
 * @brief Procedure records (thủ tục hành chính), catalogs, search, internal processes
 *        (quy trình nội bộ), 4-at-place (4 tại chỗ) eligibility, 30–50 % reduction targets and
 *        publication windows.
 *
 * A *procedure record* (::tthc_proc) carries what a provincial catalog publishes about one
 * procedure: its national code (`D.DDDDDD`), name, field (lĩnh vực), implementing level and agency,
 * statutory limit and fees per submission channel, online service level, inter-agency flag,
 * required documents, results, legal bases, the provincial decision that published it, and
 * optionally its internal process. Records are built with tthc_proc_new() and the setters, then
 * handed to a ::tthc_catalog_builder; tthc_catalog_build() freezes them into a ::tthc_catalog.
 *
 * Units: time budgets are **working minutes**; a working day is
 * ::TTHC_RULE_MINUTES_PER_DAY minutes (480 = 8 hours by default — a convention, not a rule read in
 * the law, hence configurable). Money is in **đồng** as a 64-bit integer.
 *
 * Thread safety: a frozen ::tthc_catalog and the records it owns are immutable and may be read
 * from any number of threads at once. A ::tthc_proc that is not yet in a catalog, a
 * ::tthc_process, a ::tthc_proc_rules and a ::tthc_catalog_builder belong to one thread at a time.
 * Functions taking only `const` pointers to frozen objects are safe to call concurrently.
 */
#ifndef TTHC_PROCEDURE_H
#define TTHC_PROCEDURE_H

#include "tthc/calendar.h"
#include "tthc/core.h"
#include "tthc/date.h"
#include "tthc/deadline.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A procedure record. @since 0.1.0 */
typedef struct tthc_proc tthc_proc;
/** An internal process: ordered steps with budgets. @since 0.1.0 */
typedef struct tthc_process tthc_process;
/** A rule set (4-at-place, reductions, publication, working day length). @since 0.1.0 */
typedef struct tthc_proc_rules tthc_proc_rules;
/** Collects records before tthc_catalog_build(). @since 0.1.0 */
typedef struct tthc_catalog_builder tthc_catalog_builder;
/** A frozen, immutable catalog of records, shareable between threads. @since 0.1.0 */
typedef struct tthc_catalog tthc_catalog;

/* ============================================================================================ */
/** @name National procedure codes
 * @{ */

/** Length of a national code (`1.001193`), without the NUL. */
#define TTHC_PROC_CODE_LEN 8
/** Buffer size for a national code and its NUL. */
#define TTHC_PROC_CODE_SIZE 9

/**
 * Check that @p s (@p len bytes) is a national procedure code: one digit, a dot, six digits
 * (`D.DDDDDD`, as on the National Public Service Portal: `1.001193`, `2.000815`).
 * Only the format is checked; the leading digit's meaning is not known (FACTS §7.1).
 * @param err optional; on failure names the column and the problem, e.g.
 *        `invalid procedure code "1.00119" at column 8: expected 6 digits after the dot, found 5`.
 * @return TTHC_OK; TTHC_ESYNTAX for a malformed code; TTHC_EINVAL if @p s is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_code_check(const char *s, size_t len, tthc_error *err);

/**
 * Extract the national code from a local notation that starts with it: provincial portals write
 * `1.000593.000.00.00.H37` (code + agency suffix), case codes `1.001193.02`. The first 8
 * characters must form a national code and be followed by the end of input or a dot.
 * @param out receives the 8-character code and a NUL (always written; "" on failure).
 * @return TTHC_OK, TTHC_ESYNTAX, TTHC_EINVAL (NULL argument).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_code_extract(const char *s, size_t len,
                                            char out[TTHC_PROC_CODE_SIZE], tthc_error *err);
/** @} */

/* ============================================================================================ */
/** @name Enumerations
 * @{ */

/** Implementing level (cấp thực hiện). @since 0.1.0 */
typedef enum tthc_proc_level {
  TTHC_LEVEL_UNKNOWN = 0,  /**< not stated */
  TTHC_LEVEL_CENTRAL = 1,  /**< cấp trung ương (ministries, central agencies) */
  TTHC_LEVEL_PROVINCE = 2, /**< cấp tỉnh */
  TTHC_LEVEL_DISTRICT = 3, /**< cấp huyện — historical: district units stopped on 1 July 2025 */
  TTHC_LEVEL_COMMUNE = 4   /**< cấp xã (xã, phường, đặc khu) */
} tthc_proc_level;

/** Submission channel (hình thức nộp). @since 0.1.0 */
typedef enum tthc_channel {
  TTHC_CHANNEL_DIRECT = 0, /**< trực tiếp, at the one-stop counter */
  TTHC_CHANNEL_ONLINE = 1, /**< trực tuyến */
  TTHC_CHANNEL_POSTAL = 2  /**< dịch vụ bưu chính (public postal service) */
} tthc_channel;
/** Number of channels. */
#define TTHC_CHANNEL_COUNT 3
/** Channel mask with every channel (bit `1u << channel` per channel). */
#define TTHC_CHANNELS_ALL 7u

/** Online public service level (NĐ 42/2022 Art. 11). @since 0.1.0 */
typedef enum tthc_online {
  TTHC_ONLINE_NONE = 0,    /**< no online service (information only) */
  TTHC_ONLINE_PARTIAL = 1, /**< một phần */
  TTHC_ONLINE_FULL = 2,    /**< toàn trình */
  TTHC_ONLINE_UNKNOWN = 3  /**< not stated by the source (the default of a new record) */
} tthc_online;

/** Kind of money collected. @since 0.1.0 */
typedef enum tthc_fee_kind {
  TTHC_FEE_FEE = 0,    /**< phí (fee for a service) */
  TTHC_FEE_CHARGE = 1  /**< lệ phí (charge, state levy) */
} tthc_fee_kind;

/**
 * Map a pre-2022 online level (NĐ 43/2011: 1–4) onto the current one (FACTS §5): level 4 with no
 * mandatory in-person step → ::TTHC_ONLINE_FULL; levels 2–3, and 4 with a mandatory in-person step
 * → ::TTHC_ONLINE_PARTIAL; level 1 (information only) → ::TTHC_ONLINE_NONE.
 * @param presence_required nonzero if the law requires the applicant's presence or an on-site
 *        check.
 * @return TTHC_OK; TTHC_ERANGE for a level outside 1–4; TTHC_EINVAL if @p out is NULL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_online_from_legacy(int level, int presence_required, tthc_online *out);

/** Stable English key of a level: "central", "province", "district", "commune", "unknown".
 * Never NULL ("?" outside the enumeration). @since 0.1.0 */
TTHC_API const char *tthc_proc_level_name(tthc_proc_level level);
/** Vietnamese name of a level: "Cấp xã" … Never NULL. @since 0.1.0 */
TTHC_API const char *tthc_proc_level_name_vi(tthc_proc_level level);
/** Key of a channel: "direct", "online", "postal". Never NULL. @since 0.1.0 */
TTHC_API const char *tthc_channel_name(tthc_channel channel);
/** Key of an online level: "none", "partial", "full", "unknown". Never NULL. @since 0.1.0 */
TTHC_API const char *tthc_online_name(tthc_online online);
/** @} */

/* ============================================================================================ */
/** @name Rule sets
 * The figures libtthc cannot take from the law as read (FACTS "not confirmed" 9 and 13): the
 * 4-at-place conditions, the reduction targets, the publication windows and the length of a
 * working day. A ::tthc_proc_rules starts with the documented defaults; every function taking
 * rules accepts NULL for the defaults.
 * @{ */


/** Keys of the numeric rules (tthc_proc_rules_set()). Defaults in brackets. @since 0.1.0 */
typedef enum tthc_proc_rule {
  TTHC_RULE_MINUTES_PER_DAY = 0,        /**< working minutes in a working day [480] (60–1440) */
  TTHC_RULE_FOURPLACE_SHORT_MAX,        /**< limits up to this many working minutes qualify
                                             for 4-at-place unconditionally [480 = 1 day] */
  TTHC_RULE_FOURPLACE_COMPLETE_MAX,     /**< limits up to this qualify when the dossier is
                                             complete and received before the cut-off [2400] */
  TTHC_RULE_FOURPLACE_CUTOFF,           /**< cut-off, seconds after midnight [54000 = 15:00] */
  TTHC_RULE_FOURPLACE_RECEIVE,          /**< nominal minutes of the receive step [15] */
  TTHC_RULE_FOURPLACE_APPRAISE,         /**< nominal minutes of the appraise step [60] */
  TTHC_RULE_FOURPLACE_APPROVE,          /**< nominal minutes of the approve step [30] */
  TTHC_RULE_FOURPLACE_RETURN,           /**< nominal minutes of the return step [15] */
  TTHC_RULE_REDUCTION_MIN,              /**< reductions apply to limits of at least this many
                                             working minutes [960 = 2 days] */
  TTHC_RULE_REDUCTION_LOW,              /**< first target, percent [30] (1–99) */
  TTHC_RULE_REDUCTION_HIGH,             /**< second target, percent [50] (1–99) */
  TTHC_RULE_REDUCTION_ROUND,            /**< targets rounded to multiples of this [240 = ½ day] */
  TTHC_RULE_REDUCTION_ROUND_MODE,       /**< a ::tthc_round_mode [TTHC_ROUND_DOWN] */
  TTHC_RULE_REDUCTION_STEP_ROUND,       /**< granularity of scaled step budgets [30] */
  TTHC_RULE_PUBLISH_PROVINCE_COUNTER,   /**< working days to post at the counter, province [5] */
  TTHC_RULE_PUBLISH_PROVINCE_ONLINE,    /**< working days to publish online, province [5] */
  TTHC_RULE_PUBLISH_MINISTRY_COUNTER,   /**< working days to post at the counter, ministry [10] */
  TTHC_RULE_PUBLISH_MINISTRY_ONLINE,    /**< working days to publish online, ministry [10] */
  TTHC_RULE__COUNT                      /**< number of rules; not a rule */
} tthc_proc_rule;

/**
 * Stable key of a rule as the catalog JSON and the bindings name it: "minutes_per_day",
 * "fourplace_short_max", "fourplace_complete_max", "fourplace_cutoff", "fourplace_receive",
 * "fourplace_appraise", "fourplace_approve", "fourplace_return", "reduction_min",
 * "reduction_low", "reduction_high", "reduction_round", "reduction_round_mode",
 * "reduction_step_round", "publish_province_counter", "publish_province_online",
 * "publish_ministry_counter", "publish_ministry_online"; NULL for a value outside the list
 * (so a binding can enumerate them). @since 0.1.0
 */
TTHC_API const char *tthc_proc_rule_name(tthc_proc_rule rule);

/** Rounding of reduced limits. @since 0.1.0 */
typedef enum tthc_round_mode {
  TTHC_ROUND_DOWN = 0,    /**< never above the exact reduced time (the target is met) */
  TTHC_ROUND_NEAREST = 1, /**< half away from zero */
  TTHC_ROUND_UP = 2
} tthc_round_mode;

/**
 * New rule set with the defaults: working day 480 min; 4-at-place for limits ≤ 1 working day, or
 * ≤ 5 working days with a complete dossier received before 15:00, in the fields "Chứng thực",
 * "Hộ tịch", "Bảo trợ xã hội", "Người có công"; reductions of 30 % and 50 % for limits ≥ 2 working
 * days, rounded down to half days, steps to 30 min; publication within 5 working days (province)
 * or 10 (ministry), at the counter and online.
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL (@p out NULL). Free with tthc_proc_rules_free().
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_rules_new(tthc_proc_rules **out);
/** New rule set equal to @p src (NULL: the defaults), e.g. to adjust a catalog's rules.
 * TTHC_ENOMEM, TTHC_EINVAL (@p out NULL). @since 0.1.0 */
TTHC_API tthc_status tthc_proc_rules_copy(const tthc_proc_rules *src, tthc_proc_rules **out);
/** Free a rule set; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_proc_rules_free(tthc_proc_rules *rules);
/**
 * Set a numeric rule. Bounds: minutes 0–14400 (30 days), cut-off 0–86399, percents 1–99, round
 * units 1–1440 minutes, round mode a ::tthc_round_mode, publication days 0–365, minutes per day
 * 60–1440.
 * @return TTHC_OK; TTHC_ERANGE outside the bounds (nothing changed); TTHC_EINVAL for NULL
 *         rules or an unknown key.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_rules_set(tthc_proc_rules *rules, tthc_proc_rule rule,
                                         int64_t value);
/** Read a numeric rule (@p rules NULL reads the defaults). TTHC_EINVAL for an unknown key or
 * NULL @p out. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_rules_get(const tthc_proc_rules *rules, tthc_proc_rule rule,
                                         int64_t *out);
/** Add a field (lĩnh vực) name to the 4-at-place fields; matched accent- and case-insensitively.
 * TTHC_EUTF8 for invalid UTF-8, TTHC_EINVAL for NULL or empty, TTHC_ENOMEM. Adding a field
 * already present is a no-op. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_rules_add_field(tthc_proc_rules *rules, const char *field);
/** Remove every 4-at-place field (then no procedure qualifies until fields are added).
 * NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_proc_rules_clear_fields(tthc_proc_rules *rules);
/** Number of 4-at-place fields (NULL: of the defaults). @since 0.1.0 */
TTHC_API size_t tthc_proc_rules_field_count(const tthc_proc_rules *rules);
/** The @p i-th 4-at-place field as given, borrowed; NULL if out of range. @since 0.1.0 */
TTHC_API const char *tthc_proc_rules_field(const tthc_proc_rules *rules, size_t i);
/** @} */

/* ============================================================================================ */
/** @name Internal processes (quy trình nội bộ)
 * An ordered list of steps, each with a kind, a description, a role (who does it) and a budget in
 * working minutes, or not counted (the return step usually: "không tính thời gian").
 * @{ */


/** Kind of a process step. @since 0.1.0 */
typedef enum tthc_process_step_kind {
  TTHC_PROCESS_RECEIVE = 0,  /**< tiếp nhận (check, scan, issue the receipt, transfer) */
  TTHC_PROCESS_ASSIGN = 1,   /**< phân công */
  TTHC_PROCESS_APPRAISE = 2, /**< thẩm định, xử lý (examine, verify, draft) */
  TTHC_PROCESS_REVIEW = 3,   /**< xem xét, trình (review and submit) */
  TTHC_PROCESS_APPROVE = 4,  /**< phê duyệt, ký (approve, sign) */
  TTHC_PROCESS_ISSUE = 5,    /**< vào sổ, đóng dấu, phát hành (register, stamp, send) */
  TTHC_PROCESS_TRANSFER = 6, /**< liên thông: hand-over to another agency */
  TTHC_PROCESS_RETURN = 7,   /**< trả kết quả */
  TTHC_PROCESS_OTHER = 8     /**< anything else */
} tthc_process_step_kind;

/** Key of a step kind: "receive", "assign", "appraise", "review", "approve", "issue",
 * "transfer", "return", "other". Never NULL. @since 0.1.0 */
TTHC_API const char *tthc_process_step_kind_name(tthc_process_step_kind kind);

/** New empty process. TTHC_ENOMEM, TTHC_EINVAL. Free with tthc_process_free(). @since 0.1.0 */
TTHC_API tthc_status tthc_process_new(tthc_process **out);
/** Free a process; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_process_free(tthc_process *process);

/**
 * Append a step.
 * @param description what is done (Nội dung công việc), UTF-8, may be NULL.
 * @param role who does it (Trách nhiệm thực hiện), UTF-8, may be NULL.
 * @param minutes working minutes (0–14400); must be 0 when @p counted is 0.
 * @param counted 0 for a step outside the limit ("không tính thời gian").
 * @param budget_text the published wording ("0,5 ngày"), kept for display, may be NULL.
 * @return TTHC_OK; TTHC_ERANGE (minutes); TTHC_EINVAL (NULL process, bad kind, minutes with
 *         an uncounted step); TTHC_EUTF8; TTHC_ENOMEM. On failure the process is unchanged.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_process_add_step(tthc_process *process, tthc_process_step_kind kind,
                                           const char *description, const char *role,
                                           int32_t minutes, int counted,
                                           const char *budget_text);

/**
 * Parse a step budget as internal processes write it: "0,5 ngày", "01 ngày làm việc", "2.5 ngày",
 * "07 ngày", "04 giờ", "4 giờ làm việc", "30 phút", "1/2 ngày", "0 ngày", "Không tính thời gian"
 * (→ not counted). Case and diacritics are ignored; days are @p minutes_per_day minutes.
 * @param counted receives 1, or 0 for "không tính …".
 * @return TTHC_OK; TTHC_ESYNTAX (the error quotes the text and says where);
 *         TTHC_ERANGE (more than 30 days); TTHC_EUTF8; TTHC_EINVAL (NULL, minutes_per_day
 *         outside 60–1440).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_process_parse_budget(const char *s, size_t len, int32_t minutes_per_day,
                                               int32_t *minutes, int *counted, tthc_error *err);

/** Number of steps (0 for NULL). @since 0.1.0 */
TTHC_API size_t tthc_process_step_count(const tthc_process *process);
/**
 * Read step @p i. Every out pointer may be NULL; strings are borrowed from the process (NULL when
 * not given).
 * @return TTHC_OK; TTHC_ERANGE if @p i is out of range; TTHC_EINVAL for NULL process.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_process_step(const tthc_process *process, size_t i,
                                       tthc_process_step_kind *kind, const char **description,
                                       const char **role, int32_t *minutes, int *counted,
                                       const char **budget_text);
/** Sum of the counted budgets in working minutes (0 for NULL). @since 0.1.0 */
TTHC_API int32_t tthc_process_total(const tthc_process *process);

/**
 * A statutory limit in working minutes: working days × ::TTHC_RULE_MINUTES_PER_DAY, working
 * hours × 60, "Trong ngày" as one working day, "Cấp ngay" as 0.
 * @return TTHC_OK; TTHC_EUNSUPPORTED for calendar days and months (their working time
 *         depends on the calendar: use tthc_process_plan()); TTHC_ERANGE over 2^31 minutes;
 *         TTHC_EINVAL (NULL @p out, invalid limit).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_limit_minutes(tthc_limit limit, const tthc_proc_rules *rules,
                                             int32_t *minutes);

/**
 * Do the counted budgets fit the statutory limit? *fits = 1 when tthc_process_total() ≤ the
 * limit in working minutes (tthc_proc_limit_minutes()).
 * @param budget, limit_minutes receive both totals (may be NULL).
 * @return TTHC_OK; TTHC_EUNSUPPORTED for calendar-day and month limits; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_process_fit(const tthc_process *process, tthc_limit limit,
                                      const tthc_proc_rules *rules, int *fits, int32_t *budget,
                                      int32_t *limit_minutes);

/**
 * Per-step due instants for a dossier received at @p received. The process starts when the
 * statutory clock starts (tthc_deadline_due(): cut-off, non-working days and hours of @p policy
 * and @p hours); each counted step runs its budget of working time after the previous one
 * (tthc_hours_add()); an uncounted step starts and ends at the previous due.
 * @param limit the statutory limit (NULL: the start is computed as for "Trong ngày" and no
 *        statutory due is given).
 * @param starts, dues arrays of capacity @p cap receiving each step's start and due (may be NULL
 *        when @p cap is 0).
 * @param count receives the number of steps (also with TTHC_ENOSPC).
 * @param statutory_due receives the statutory due instant (may be NULL; 0 without a limit).
 * @return TTHC_OK; TTHC_ENOSPC (nothing written); TTHC_ERANGE (outside the calendar);
 *         TTHC_EINVAL (NULL process, calendar or count).
 * Thread safety: pure; safe with shared read-only arguments.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_process_plan(const tthc_process *process, const tthc_cal *cal,
                                       const tthc_hours *hours,
                                       const tthc_deadline_policy *policy,
                                       const tthc_limit *limit, tthc_datetime received,
                                       tthc_datetime *starts, tthc_datetime *dues, size_t cap,
                                       size_t *count, tthc_datetime *statutory_due);
/** @} */

/* ============================================================================================ */
/** @name 4-at-place (4 tại chỗ): received, appraised, approved and returned at the counter
 * the same day. The conditions are a rule set (::tthc_proc_rules), not national law (FACTS
 * "not confirmed" 9). A procedure qualifies when its field is one of the rule set's fields AND
 * its limit for the channel is at most ::TTHC_RULE_FOURPLACE_SHORT_MAX, or at most
 * ::TTHC_RULE_FOURPLACE_COMPLETE_MAX with a complete dossier. A dossier qualifies when moreover
 * it is received on a working day, inside working hours, no later than
 * ::TTHC_RULE_FOURPLACE_CUTOFF, and the four steps fit into the rest of the working day.
 * @{ */

/** Reasons reported by the 4-at-place checks (bit flags; several are set). @since 0.1.0 */
typedef enum tthc_fourplace_reason {
  TTHC_FOURPLACE_FIELD_LISTED = 1u << 0,      /**< the field is a 4-at-place field */
  TTHC_FOURPLACE_FIELD_NOT_LISTED = 1u << 1,  /**< the field is not (or not given) */
  TTHC_FOURPLACE_LIMIT_SHORT = 1u << 2,       /**< limit ≤ the short maximum (1 day) */
  TTHC_FOURPLACE_LIMIT_MEDIUM = 1u << 3,      /**< limit ≤ the complete-dossier maximum */
  TTHC_FOURPLACE_LIMIT_LONG = 1u << 4,        /**< limit above both maxima */
  TTHC_FOURPLACE_LIMIT_CALENDAR = 1u << 5,    /**< limit in calendar days or months */
  TTHC_FOURPLACE_NO_LIMIT = 1u << 6,          /**< no limit for this channel */
  TTHC_FOURPLACE_COMPLETE = 1u << 7,          /**< the dossier is complete */
  TTHC_FOURPLACE_INCOMPLETE = 1u << 8,        /**< the dossier is not complete */
  TTHC_FOURPLACE_BEFORE_CUTOFF = 1u << 9,     /**< received no later than the cut-off */
  TTHC_FOURPLACE_AFTER_CUTOFF = 1u << 10,     /**< received after the cut-off */
  TTHC_FOURPLACE_CLOSED = 1u << 11,           /**< not a working day or outside working hours */
  TTHC_FOURPLACE_FITS_TODAY = 1u << 12,       /**< the four steps fit into the rest of the day */
  TTHC_FOURPLACE_NO_TIME_LEFT = 1u << 13      /**< they do not */
} tthc_fourplace_reason;

/**
 * Text of one reason flag, English (@p vietnamese 0) or Vietnamese (1). Never NULL ("" for a
 * value that is not a single known flag).
 * @since 0.1.0
 */
TTHC_API const char *tthc_fourplace_reason_text(unsigned reason, int vietnamese);
/** Stable key of one reason flag ("field_listed", "limit_short", "after_cutoff" …); "" for a
 * value that is not a single known flag. Never NULL. @since 0.1.0 */
TTHC_API const char *tthc_fourplace_reason_name(unsigned reason);

/**
 * Is the procedure eligible for 4-at-place on @p channel (timing not considered)?
 * @param complete nonzero if the dossier is complete (hồ sơ đầy đủ, hợp lệ).
 * @param eligible receives 1 or 0; @param reasons receives the reason flags (may be NULL).
 * @return TTHC_OK; TTHC_EINVAL (NULL @p proc or @p eligible, bad channel).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_fourplace_check(const tthc_proc *proc, tthc_channel channel,
                                          const tthc_proc_rules *rules, int complete,
                                          int *eligible, unsigned *reasons);

/**
 * Same-day plan for a dossier received at @p received: the procedure must be eligible
 * (tthc_fourplace_check()), the instant a working session of a working day no later than the
 * cut-off, and the nominal step times (::TTHC_RULE_FOURPLACE_RECEIVE … RETURN) must fit into the
 * working time left that day. The time left is then shared among the four steps in proportion to
 * their nominal times, so every step gets as much slack as the day allows.
 * @param dues receives the due instants of receive, appraise, approve and return (all 0 when not
 *        eligible; may be NULL).
 * @return TTHC_OK (also when not eligible: see @p eligible and @p reasons); TTHC_ERANGE
 *         (outside the calendar); TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_fourplace_plan(const tthc_proc *proc, tthc_channel channel,
                                         const tthc_proc_rules *rules, const tthc_cal *cal,
                                         const tthc_hours *hours, tthc_datetime received,
                                         int complete, int *eligible, unsigned *reasons,
                                         tthc_datetime dues[4]);
/** @} */

/* ============================================================================================ */
/** @name Reduction targets
 * Provinces set targets of cutting processing time by 30–50 % (FACTS "not confirmed" 9: the
 * percentages are configurable, see ::TTHC_RULE_REDUCTION_LOW / HIGH).
 * @{ */

/**
 * Reduced limit: @p limit_minutes × (100 − @p percent) / 100, rounded to multiples of
 * ::TTHC_RULE_REDUCTION_ROUND with ::TTHC_RULE_REDUCTION_ROUND_MODE, and never below one unit.
 * @return TTHC_OK; TTHC_ERANGE if the limit is below ::TTHC_RULE_REDUCTION_MIN (targets do not
 *         apply) or @p percent is outside 1–99; TTHC_EINVAL for NULL @p target.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_reduction_target(int32_t limit_minutes, int percent,
                                           const tthc_proc_rules *rules, int32_t *target);

/**
 * Scale a process to a new total: the counted budgets are multiplied by
 * @p target_minutes / tthc_process_total(), rounded to ::TTHC_RULE_REDUCTION_STEP_ROUND by the
 * largest-remainder method so that they add up exactly to @p target_minutes (a target that is
 * not a multiple of the granularity leaves the remainder on the largest step). Each counted step
 * keeps at least one unit when the target allows it. Uncounted steps are copied unchanged.
 * @param out receives a new process (free with tthc_process_free()).
 * @return TTHC_OK; TTHC_ERANGE (target ≤ 0, or a process without counted time);
 *         TTHC_EINVAL; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_process_scale(const tthc_process *process, int32_t target_minutes,
                                        const tthc_proc_rules *rules, tthc_process **out);

/**
 * Reduction achieved by actual processing times: the mean of @p actual (working minutes,
 * @p n ≥ 1) against @p limit_minutes.
 * @param mean receives the mean in working minutes, rounded to nearest (may be NULL).
 * @param reduction_bp receives (1 − mean / limit) in basis points (100 bp = 1 %), rounded to
 *        nearest; negative when the mean exceeds the limit.
 * @return TTHC_OK; TTHC_ERANGE (limit ≤ 0, a negative time); TTHC_EINVAL (NULL, n = 0).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_reduction_achieved(int32_t limit_minutes, const int32_t *actual,
                                             size_t n, int32_t *mean, int32_t *reduction_bp);
/** @} */

/* ============================================================================================ */
/** @name Procedure records
 * @{ */


/**
 * New record with a validated code and a name (both copied).
 * @return TTHC_OK; TTHC_ESYNTAX (code, details in @p err); TTHC_EUTF8 (name);
 *         TTHC_EINVAL (NULL, empty name); TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_new(const char *code, const char *name, tthc_proc **out,
                                   tthc_error *err);
/** Free a record that is not in a catalog; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_proc_free(tthc_proc *proc);

/* Setters: strings are copied and must be valid UTF-8 (TTHC_EUTF8); NULL clears an optional
 * string. A record owned by a catalog is frozen: setters return TTHC_EFROZEN. */

/** Field (lĩnh vực): @p code as the national database writes it ("G15-TP07"; may be NULL) and
 * name ("Hộ tịch"). TTHC_EINVAL for a NULL record. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_set_field(tthc_proc *proc, const char *code, const char *name);
/** Implementing level. TTHC_EINVAL outside the enumeration. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_set_level(tthc_proc *proc, tthc_proc_level level);
/** Implementing agency (cơ quan thực hiện). @since 0.1.0 */
TTHC_API tthc_status tthc_proc_set_agency(tthc_proc *proc, const char *agency);
/** Online service level. TTHC_EINVAL outside the enumeration. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_set_online(tthc_proc *proc, tthc_online online);
/** Inter-agency (liên thông) procedure: nonzero = yes. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_set_interagency(tthc_proc *proc, int interagency);
/** Where the record's facts come from (free text: URLs, documents). @since 0.1.0 */
TTHC_API tthc_status tthc_proc_set_source(tthc_proc *proc, const char *source);
/**
 * The provincial decision that published the procedure: its number ("658/QĐ-UBND") and date.
 * @p number NULL clears the decision. TTHC_ERANGE for an invalid date. @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_set_decision(tthc_proc *proc, const char *number, tthc_date date);
/**
 * Add a fee or charge collected on the channels in @p channels (mask of `1u << tthc_channel`).
 * @param amount đồng, 0 to 10^15 (0 = free, e.g. "miễn lệ phí").
 * @return TTHC_OK; TTHC_ERANGE (amount); TTHC_EINVAL (mask 0 or with unknown bits, kind);
 *         TTHC_EUTF8; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_add_fee(tthc_proc *proc, unsigned channels, tthc_fee_kind kind,
                                       int64_t amount, const char *description);
/** Add a required document (thành phần hồ sơ): name and numbers of originals and copies
 * (0–99 each). @since 0.1.0 */
TTHC_API tthc_status tthc_proc_add_document(tthc_proc *proc, const char *name, int originals,
                                            int copies);
/** Add a result (kết quả thực hiện: "Giấy khai sinh"). @since 0.1.0 */
TTHC_API tthc_status tthc_proc_add_result(tthc_proc *proc, const char *result);
/**
 * Add a legal basis (căn cứ pháp lý) as published ("Nghị định số 123/2015/NĐ-CP ngày
 * 15/11/2015 …"). The first legal document reference in it is parsed with the text module and
 * kept (tthc_proc_legal_basis()); a text without one is kept as is. @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_add_legal_basis(tthc_proc *proc, const char *text);
/**
 * Attach an internal process; the record takes ownership of @p process (also on failure, when it
 * is freed). NULL detaches and frees the current one.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_set_process(tthc_proc *proc, tthc_process *process);
/**
 * Statutory limit on the channels in @p channels (mask of `1u << tthc_channel`), with the
 * published wording @p phrase kept verbatim (NULL: the canonical wording of tthc_limit_format()).
 * @return TTHC_OK; TTHC_EINVAL (mask, invalid limit); TTHC_EUTF8; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_set_limit(tthc_proc *proc, unsigned channels, tthc_limit limit,
                                         const char *phrase);
/**
 * A note on the limit in the published wording that the limit itself cannot carry, e.g.
 * "Trường hợp cần xác minh thì thời hạn giải quyết không quá 08 ngày làm việc" (NULL clears).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_set_limit_note(tthc_proc *proc, const char *note);
/**
 * Parse @p phrase with tthc_limit_parse() and set it on @p channels; the phrase is kept.
 * @return as tthc_limit_parse() (the error quotes the phrase), plus TTHC_EINVAL, TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_set_limit_text(tthc_proc *proc, unsigned channels,
                                              const char *phrase, tthc_error *err);

/* Getters: strings are borrowed from the record (valid as long as it lives), NULL if not set.
 * A NULL record gives NULL / 0 / the "unknown" value. */

/** National code, "1.001193". @since 0.1.0 */
TTHC_API const char *tthc_proc_code(const tthc_proc *proc);
/** Name. @since 0.1.0 */
TTHC_API const char *tthc_proc_name(const tthc_proc *proc);
/** Field code ("G15-TP07") or NULL. @since 0.1.0 */
TTHC_API const char *tthc_proc_field_code(const tthc_proc *proc);
/** Field name ("Hộ tịch") or NULL. @since 0.1.0 */
TTHC_API const char *tthc_proc_field_name(const tthc_proc *proc);
/** Implementing level. @since 0.1.0 */
TTHC_API tthc_proc_level tthc_proc_level_of(const tthc_proc *proc);
/** Implementing agency or NULL. @since 0.1.0 */
TTHC_API const char *tthc_proc_agency(const tthc_proc *proc);
/** Online service level. @since 0.1.0 */
TTHC_API tthc_online tthc_proc_online(const tthc_proc *proc);
/** 1 if inter-agency (liên thông), else 0. @since 0.1.0 */
TTHC_API int tthc_proc_interagency(const tthc_proc *proc);
/** Source text or NULL. @since 0.1.0 */
TTHC_API const char *tthc_proc_source(const tthc_proc *proc);
/** Publishing decision: number (borrowed) and date. TTHC_ENOTFOUND if none; out pointers may
 * be NULL. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_decision(const tthc_proc *proc, const char **number,
                                        tthc_date *date);
/** Number of fees. @since 0.1.0 */
TTHC_API size_t tthc_proc_fee_count(const tthc_proc *proc);
/** Fee @p i; out pointers may be NULL. TTHC_ERANGE if out of range. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_fee(const tthc_proc *proc, size_t i, unsigned *channels,
                                   tthc_fee_kind *kind, int64_t *amount,
                                   const char **description);
/** Number of documents. @since 0.1.0 */
TTHC_API size_t tthc_proc_document_count(const tthc_proc *proc);
/** Document @p i. TTHC_ERANGE if out of range. @since 0.1.0 */
TTHC_API tthc_status tthc_proc_document(const tthc_proc *proc, size_t i, const char **name,
                                        int *originals, int *copies);
/** Number of results. @since 0.1.0 */
TTHC_API size_t tthc_proc_result_count(const tthc_proc *proc);
/** Result @p i, NULL if out of range. @since 0.1.0 */
TTHC_API const char *tthc_proc_result(const tthc_proc *proc, size_t i);
/** Number of legal bases. @since 0.1.0 */
TTHC_API size_t tthc_proc_legal_basis_count(const tthc_proc *proc);
/**
 * Legal basis @p i: the text as published and, when the text module recognises a legal document
 * reference in it, its number ("123/2015/NĐ-CP", "60/2014/QH13", "658/QĐ-UBND"), type
 * ("Nghị định", static) and date (0 if the text gives none). Out pointers may be NULL; NULL /
 * 0 when not found.
 * @return TTHC_OK; TTHC_ERANGE if out of range; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_legal_basis(const tthc_proc *proc, size_t i, const char **text,
                                           const char **number, const char **type,
                                           tthc_date *date);
/** Internal process or NULL. @since 0.1.0 */
TTHC_API const tthc_process *tthc_proc_process(const tthc_proc *proc);
/** Note on the limit (tthc_proc_set_limit_note()) or NULL. @since 0.1.0 */
TTHC_API const char *tthc_proc_limit_note(const tthc_proc *proc);
/**
 * Statutory limit for @p channel and its published wording (borrowed); either out pointer may be
 * NULL.
 * @return TTHC_OK; TTHC_ENOTFOUND if no limit is published for that channel; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_proc_limit(const tthc_proc *proc, tthc_channel channel,
                                     tthc_limit *limit, const char **phrase);
/** @} */

/* ============================================================================================ */
/** @name Catalogs
 * @{ */


/** New empty builder. @since 0.1.0 */
TTHC_API tthc_status tthc_catalog_builder_new(tthc_catalog_builder **out);
/** Free a builder and the records it still holds; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_catalog_builder_free(tthc_catalog_builder *builder);
/**
 * Add a record. The builder takes ownership of @p proc in every case (on failure it is freed).
 * @return TTHC_OK; TTHC_EEXIST if a record with the same code is already there;
 *         TTHC_EINVAL; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_catalog_builder_add(tthc_catalog_builder *builder, tthc_proc *proc);
/** Rules the catalog will carry (copied; NULL = defaults). @since 0.1.0 */
TTHC_API tthc_status tthc_catalog_builder_set_rules(tthc_catalog_builder *builder,
                                                    const tthc_proc_rules *rules);
/** Title and source of the catalog as a whole (copied, may be NULL). @since 0.1.0 */
TTHC_API tthc_status tthc_catalog_builder_set_info(tthc_catalog_builder *builder,
                                                   const char *title, const char *source);
/**
 * Freeze the records into an immutable catalog (search keys and orders computed once). The
 * builder is emptied and may be reused or freed.
 * @return TTHC_OK; TTHC_ENOMEM (the builder keeps its records); TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_catalog_build(tthc_catalog_builder *builder, tthc_catalog **out);
/** Free a catalog and its records; NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_catalog_free(tthc_catalog *catalog);
/** Number of records. @since 0.1.0 */
TTHC_API size_t tthc_catalog_count(const tthc_catalog *catalog);
/** Record @p i in Vietnamese dictionary order of the names (ties by code); NULL if out of range.
 * Iterate with `for (i = 0; i < tthc_catalog_count(c); i++)`. @since 0.1.0 */
TTHC_API const tthc_proc *tthc_catalog_at(const tthc_catalog *catalog, size_t i);
/** The catalog's rules (never NULL for a catalog). @since 0.1.0 */
TTHC_API const tthc_proc_rules *tthc_catalog_rules(const tthc_catalog *catalog);
/** Title and source of the catalog (borrowed, NULL if not set). @since 0.1.0 */
TTHC_API const char *tthc_catalog_title(const tthc_catalog *catalog);
/** @copydoc tthc_catalog_title */
TTHC_API const char *tthc_catalog_source(const tthc_catalog *catalog);
/**
 * Look a record up by national code (O(log n)).
 * @return TTHC_OK; TTHC_ENOTFOUND; TTHC_EINVAL (NULL arguments).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_catalog_get(const tthc_catalog *catalog, const char *code,
                                      const tthc_proc **out);

/** How a search result matched, best first. @since 0.1.0 */
typedef enum tthc_match {
  TTHC_MATCH_EXACT = 0,     /**< the folded query equals the folded name (or the code) */
  TTHC_MATCH_PREFIX = 1,    /**< the folded name starts with the folded query */
  TTHC_MATCH_ALL_WORDS = 2, /**< every query word is a word of the name */
  TTHC_MATCH_SOME_WORDS = 3 /**< some query words are words of the name */
} tthc_match;

/** Key of a match kind: "exact", "prefix", "all_words", "some_words". @since 0.1.0 */
TTHC_API const char *tthc_match_name(tthc_match match);

/**
 * Search names accent- and case-insensitively ("khai sinh", "KHAI SINH", "Khai Sinh" and
 * "khai sinh" all find "Đăng ký khai sinh"). Query and names are folded (diacritics removed, đ→d,
 * lower case, punctuation to spaces). A word matches a name word if equal; the last query word
 * also matches as a prefix (search-as-you-type). Results are ranked by ::tthc_match, then by the
 * number of query words matched, then a contiguous phrase before scattered words, then fewer
 * extra words, then dictionary order. A query that is a national code finds that record only.
 * @param results receives up to @p cap records (may be NULL when @p cap is 0).
 * @param matches receives the match kind of each result (may be NULL).
 * @param found receives the total number of results (may exceed @p cap).
 * @return TTHC_OK (also when nothing matched: *found = 0); TTHC_EUTF8; TTHC_EINVAL;
 *         TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_catalog_search(const tthc_catalog *catalog, const char *query,
                                         size_t len, const tthc_proc **results,
                                         tthc_match *matches, size_t cap, size_t *found);

/**
 * Select records in dictionary order by field, level and online service.
 * @param field a field name or code, compared folded; NULL for any.
 * @param levels mask of `1u << tthc_proc_level`; 0 for any.
 * @param online mask of `1u << tthc_online`; 0 for any.
 * @param results, cap, found as in tthc_catalog_search().
 * @return TTHC_OK; TTHC_EUTF8; TTHC_EINVAL; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_catalog_filter(const tthc_catalog *catalog, const char *field,
                                         unsigned levels, unsigned online,
                                         const tthc_proc **results, size_t cap, size_t *found);
/** @} */

/* ============================================================================================ */
/** @name Publication windows
 * After the provincial (or ministerial) decision publishing a procedure, the procedure must be
 * posted at the counter and published online within a number of working days: by default 5 for
 * provinces and 10 for ministries (766 indicator 1.2, FACTS §6.1), configurable in the rules.
 * @{ */

/** Who issued the publishing decision. @since 0.1.0 */
typedef enum tthc_issuer {
  TTHC_ISSUER_PROVINCE = 0, /**< provincial People's Committee chairman */
  TTHC_ISSUER_MINISTRY = 1  /**< minister / head of a central agency */
} tthc_issuer;

/** Where a procedure is published. @since 0.1.0 */
typedef enum tthc_publish_place {
  TTHC_PUBLISH_COUNTER = 0, /**< posted (niêm yết) at the one-stop counter */
  TTHC_PUBLISH_ONLINE = 1   /**< published on the portal / national database */
} tthc_publish_place;

/**
 * The last dates to post at the counter and online: the N-th working day after @p decision
 * (N from ::TTHC_RULE_PUBLISH_PROVINCE_COUNTER … _MINISTRY_ONLINE; N = 0 means the decision date
 * itself, or the next working day when that is not one).
 * @param counter_by, online_by receive the dates (may be NULL).
 * @return TTHC_OK; TTHC_ERANGE outside the calendar; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_publication_deadlines(const tthc_cal *cal, tthc_date decision,
                                                tthc_issuer issuer, const tthc_proc_rules *rules,
                                                tthc_date *counter_by, tthc_date *online_by);

/**
 * Did posting on @p posted comply? *on_time = 1 when @p posted is no later than the deadline
 * for @p place. @p late_days receives the working days after the deadline (0 when on time;
 * counted as the working days in (deadline, posted]); may be NULL.
 * @return TTHC_OK; TTHC_ERANGE (a date outside the calendar, or @p posted before the
 *         decision); TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_publication_check(const tthc_cal *cal, tthc_date decision,
                                            tthc_issuer issuer, tthc_publish_place place,
                                            tthc_date posted, const tthc_proc_rules *rules,
                                            int *on_time, int32_t *late_days);
/** @} */

/* ============================================================================================ */
/** @name JSON (schema: docs/procedure.md)
 * @{ */

/**
 * Load a catalog from JSON text. Every problem is reported with the JSON path and what is wrong,
 * e.g. `$.procedures[12].limit: "05 ngay" is not a statutory limit: …`; syntax errors and
 * invalid UTF-8 carry line, column (characters) and byte offset. Nothing is built unless the
 * whole document is valid.
 * @return TTHC_OK; TTHC_ESYNTAX (JSON syntax); TTHC_EUTF8; TTHC_EFORMAT (schema: wrong
 *         type, missing or unknown key, bad value); TTHC_EEXIST (duplicate code);
 *         TTHC_ENOMEM; TTHC_EINVAL (NULL).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_catalog_load_json(const char *json, size_t len, tthc_catalog **out,
                                            tthc_error *err);
/** Load a catalog from a JSON file; as tthc_catalog_load_json(), plus TTHC_EIO when the file
 * cannot be read (the message names the path). @since 0.1.0 */
TTHC_API tthc_status tthc_catalog_load_file(const char *path, tthc_catalog **out,
                                            tthc_error *err);
/** Flags of the JSON writers. @since 0.1.0 */
typedef enum tthc_json_flags {
  TTHC_JSON_COMPACT = 0,   /**< one line */
  TTHC_JSON_INDENT = 1u    /**< indented by 2 spaces, one key per line */
} tthc_json_flags;
/**
 * Write a catalog as JSON in the schema tthc_catalog_load_json() reads (load(save(c)) gives an
 * equal catalog). Records in code order.
 * @param out receives a NUL-terminated string to release with tthc_free().
 * @param len receives its length (may be NULL).
 * @return TTHC_OK; TTHC_ENOMEM; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_catalog_to_json_alloc(const tthc_catalog *catalog, unsigned flags,
                                                char **out, size_t *len);
/** One record as a JSON object (the element schema of "procedures"). @since 0.1.0 */
TTHC_API tthc_status tthc_proc_to_json_alloc(const tthc_proc *proc, unsigned flags, char **out,
                                             size_t *len);
/** @} */

#ifdef __cplusplus
}
#endif
#endif /* TTHC_PROCEDURE_H */
