/* Private to the deadline module (deadline*.c, hours.c). Not installed. */
#ifndef TTHC_DEADLINE_INTERNAL_H
#define TTHC_DEADLINE_INTERNAL_H

#include "core_internal.h"
#include "tthc/deadline.h"

/* The sessions of one day: [s[i], e[i]) in seconds after midnight, increasing, and their
 * total working length. */
typedef struct tthc__day {
  int32_t n;
  int32_t s[TTHC_HOURS_MAX_SESSIONS];
  int32_t e[TTHC_HOURS_MAX_SESSIONS];
  int32_t total;
} tthc__day;

#define TTHC__MAX_SEASONS 16

typedef struct tthc__season {
  int32_t from_md, to_md; /* month * 32 + day */
  unsigned mask;
  tthc__day day;
} tthc__season;

struct tthc_hours {
  tthc__day week[8];      /* index 1..7 = ISO weekday */
  tthc__day reception[8]; /* reception sessions on weekly-rest days (n = 0: none) */
  tthc__season season[TTHC__MAX_SEASONS];
  int32_t nseason;
  int32_t day_length; /* nominal working day in seconds */
  int32_t uniform;    /* the common working length of every day if all are equal, else 0 */
  uint32_t version;   /* changes whenever the sessions of a working day change */
};

/* NULL -> the built-in defaults (a static const object: no global mutable state). */
const tthc_hours *tthc__hours(const tthc_hours *h);

/* The sessions that apply on date d (season or weekday table). */
const tthc__day *tthc__hours_day(const tthc_hours *h, tthc_date d);

/* Working seconds of `day` before time of day `tod` (0..total). */
int32_t tthc__day_offset(const tthc__day *day, int32_t tod);

/* Time of day at working offset `off` of `day`: 0 -> the first session's start; an offset at
 * a session boundary -> the end of the earlier session. */
int32_t tthc__day_locate(const tthc__day *day, int32_t off);

/* Is d a working day of cal (ERANGE outside). */
tthc_status tthc__is_work(const tthc_cal *cal, tthc_date d, int *out);

/* End of the last session of working day d, as an instant. */
tthc_datetime tthc__day_end(const tthc_hours *h, tthc_date d);

/* tthc_hours_between() for many instants on one calendar and hours: per day of a span of the
 * calendar, the working seconds of the working days before it and its sessions, built on first
 * use and rebuilt when the hours change. Owned by one thread. */
typedef struct tthc__hours_cache tthc__hours_cache;
/* h may be NULL (the defaults); both are borrowed. */
tthc_status tthc__hours_cache_new(const tthc_cal *cal, const tthc_hours *h,
                                  tthc__hours_cache **out);
void tthc__hours_cache_free(tthc__hours_cache *c);
/* Exactly tthc_hours_between(cal, h, from, to, seconds), statuses included. */
tthc_status tthc__hours_between_cached(tthc__hours_cache *c, tthc_datetime from,
                                       tthc_datetime to, int64_t *seconds);

/* The policy values (NULL -> defaults). */
typedef struct tthc__policy {
  int64_t v[5];
} tthc__policy;
void tthc__policy_get(const tthc_deadline_policy *p, tthc__policy *out);

/* Where the clock starts and why. */
typedef struct tthc__start {
  tthc_datetime start;
  tthc_step_reason reason;
  tthc_day_kind kind;          /* NON_WORKING_DAY / RECEPTION_DAY: kind of the receipt day */
  const tthc_cal_entry *entry; /* and its entry */
  int32_t cutoff;              /* the cut-off that applied (seconds), -1 none */
} tthc__start;

typedef struct tthc__due {
  tthc_datetime due;
  tthc_date due_day;   /* the day the count ended on (before fractions) */
  tthc_date target;    /* calendar days/months: the last day before rolling */
  tthc_step_reason reason;
} tthc__due;

tthc_status tthc__deadline_start(const tthc_cal *cal, const tthc_hours *h, const tthc__policy *p,
                                 tthc_datetime received, tthc_limit limit, tthc__start *out);
tthc_status tthc__deadline_from_start(const tthc_cal *cal, const tthc_hours *h,
                                      const tthc__policy *p, tthc_datetime start,
                                      tthc_limit limit, tthc__due *out);
int tthc__limit_valid(tthc_limit limit);

/* Short weekday names for messages: "Mon" / "T2". */
const char *tthc__weekday_abbr(tthc_date d, int vietnamese);

#endif
