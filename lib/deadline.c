/* deadline: the intake policy, where the clock starts, due instants, explanations,
 * vectorised working-day arithmetic and postal transit times.
 *
 * Conventions (docs/deadline.md): the clock starts at the receipt instant when it is inside a
 * working session no later than the cut-off, else at the next working session; a period in
 * days is counted from the day after the start day (Civil Code art. 147) and ends at the end
 * of its last day's working hours (or at the start's clock time); a period in hours runs from
 * the start instant; calendar days and months roll forward off non-working days (art. 148(5)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_internal.h"

#define DAY_SEC TTHC_SECONDS_PER_DAY

/* ---- policy -------------------------------------------------------------------------------- */

#define NPARAM 5
struct tthc_deadline_policy {
  tthc__policy p;
};

static const tthc__policy policy_defaults = {
    {15 * 3600, TTHC_DUE_END_OF_DAY, 1, TTHC_SUPPLEMENT_RESTART, 1}};
static const int64_t policy_lo[NPARAM] = {-1, 0, 0, 0, 0};
static const int64_t policy_hi[NPARAM] = {DAY_SEC, 1, 1, 1, 100};

void tthc__policy_get(const tthc_deadline_policy *p, tthc__policy *out) {
  *out = p ? p->p : policy_defaults;
}

tthc_status tthc_deadline_policy_new(tthc_deadline_policy **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = malloc(sizeof **out);
  TTHC_RETURN_IF(!*out, TTHC_ENOMEM);
  (*out)->p = policy_defaults;
  return TTHC_OK;
}

void tthc_deadline_policy_free(tthc_deadline_policy *p) { free(p); }

tthc_status tthc_deadline_policy_set(tthc_deadline_policy *p, tthc_policy_param key,
                                     int64_t value) {
  TTHC_RETURN_IF(!p || (unsigned)key >= NPARAM, TTHC_EINVAL);
  TTHC_RETURN_IF(value < policy_lo[key] || value > policy_hi[key], TTHC_ERANGE);
  p->p.v[key] = value;
  return TTHC_OK;
}

tthc_status tthc_deadline_policy_get(const tthc_deadline_policy *p, tthc_policy_param key,
                                     int64_t *value) {
  TTHC_RETURN_IF(!value, TTHC_EINVAL);
  *value = 0;
  TTHC_RETURN_IF((unsigned)key >= NPARAM, TTHC_EINVAL);
  *value = p ? p->p.v[key] : policy_defaults.v[key];
  return TTHC_OK;
}

/* ---- start and due ------------------------------------------------------------------------- */

static tthc_datetime at_tod(tthc_date d, int32_t tod) { return (tthc_datetime)d * DAY_SEC + tod; }

tthc_status tthc__deadline_start(const tthc_cal *cal, const tthc_hours *h, const tthc__policy *p,
                                 tthc_datetime received, tthc_limit limit, tthc__start *out) {
  memset(out, 0, sizeof *out);
  out->cutoff = -1;
  int32_t cutoff = (int32_t)p->v[TTHC_POLICY_CUTOFF];
  if ((limit.flags & TTHC_LIMIT_CUTOFF_NEXT_DAY) && limit.cutoff >= 0 &&
      p->v[TTHC_POLICY_PHRASE_CUTOFF])
    cutoff = limit.cutoff;
  if (limit.unit == TTHC_LIMIT_IMMEDIATE) cutoff = -1;
  tthc_date d = tthc_datetime_date(received);
  int32_t tod = tthc_datetime_time_of_day(received);
  tthc_day_kind kind;
  const tthc_cal_entry *entry;
  int work;
  TTHC_TRY(tthc_cal_day(cal, d, &kind, &entry));
  TTHC_TRY(tthc__is_work(cal, d, &work));
  if (work) {
    const tthc__day *day = tthc__hours_day(h, d);
    out->reason = TTHC_REASON_AFTER_HOURS;
    if (tod < day->e[day->n - 1] && cutoff >= 0 && tod > cutoff) {
      out->reason = TTHC_REASON_CUTOFF;
      out->cutoff = cutoff;
    } else {
      for (int i = 0; i < day->n; i++) {
        if (tod < day->s[i]) {
          out->start = at_tod(d, day->s[i]);
          out->reason = i == 0 ? TTHC_REASON_BEFORE_HOURS : TTHC_REASON_BREAK;
          return TTHC_OK;
        }
        if (tod < day->e[i]) {
          out->start = received;
          out->reason = TTHC_REASON_IN_HOURS;
          return TTHC_OK;
        }
      }
    }
  } else {
    int open = 0;
    TTHC_TRY(tthc_hours_is_open(cal, h, received, &open));
    out->reason = open ? TTHC_REASON_RECEPTION_DAY : TTHC_REASON_NON_WORKING_DAY;
    out->kind = kind;
    out->entry = entry;
  }
  tthc_date nd;
  TTHC_TRY(tthc_cal_next_workday(cal, d, &nd));
  out->start = at_tod(nd, tthc__hours_day(h, nd)->s[0]);
  return TTHC_OK;
}

/* The start's clock time on day dd: the same time when it is working time there, else the
 * same working offset into the day. */
static tthc_datetime same_time(const tthc_hours *h, tthc_date dd, tthc_datetime start) {
  const tthc__day *day = tthc__hours_day(h, dd);
  int32_t tod = tthc_datetime_time_of_day(start);
  for (int i = 0; i < day->n; i++)
    if (tod >= day->s[i] && tod < day->e[i]) return at_tod(dd, tod);
  int32_t off = tthc__day_offset(tthc__hours_day(h, tthc_datetime_date(start)), tod);
  return at_tod(dd, tthc__day_locate(day, off < day->total ? off : day->total));
}

static tthc_status add_months(tthc_date d, int32_t months, tthc_date *out) {
  int y, m, dd;
  TTHC_TRY(tthc_date_to_ymd(d, &y, &m, &dd));
  int64_t total = (int64_t)y * 12 + (m - 1) + months;
  TTHC_RETURN_IF(total < 12 || total > 9999 * 12 + 11, TTHC_ERANGE);
  int y2 = (int)(total / 12), m2 = (int)(total % 12) + 1, dim = tthc_date_days_in_month(y2, m2);
  return tthc_date_from_ymd(y2, m2, dd < dim ? dd : dim, out);
}

tthc_status tthc__deadline_from_start(const tthc_cal *cal, const tthc_hours *h,
                                      const tthc__policy *p, tthc_datetime start,
                                      tthc_limit limit, tthc__due *out) {
  tthc_date ds = tthc_datetime_date(start), dd = ds;
  int same = p->v[TTHC_POLICY_DUE_TIME] == TTHC_DUE_SAME_TIME;
  memset(out, 0, sizeof *out);
  out->due_day = out->target = ds;
  out->reason = TTHC_REASON_END_OF_DAY;
  switch (limit.unit) {
    case TTHC_LIMIT_IMMEDIATE:
      out->due = start;
      out->reason = TTHC_REASON_IMMEDIATE;
      return TTHC_OK;
    case TTHC_LIMIT_WITHIN_DAY:
      out->due = tthc__day_end(h, ds);
      return TTHC_OK;
    case TTHC_LIMIT_WORKING_DAYS:
      if (limit.value == 0 && limit.milli == 0) { /* N = 0 is "within the day" */
        out->due = tthc__day_end(h, ds);
        return TTHC_OK;
      }
      TTHC_TRY(tthc_cal_add_workdays(cal, ds, limit.value, &dd));
      out->due_day = out->target = dd;
      out->due = same ? same_time(h, dd, start) : tthc__day_end(h, dd);
      out->reason = same ? TTHC_REASON_SAME_TIME : TTHC_REASON_END_OF_DAY;
      if (limit.milli) {
        int64_t frac = (int64_t)limit.milli * h->day_length / 1000;
        TTHC_TRY(tthc_hours_add(cal, h, out->due, frac, &out->due));
        out->reason = TTHC_REASON_WORKING_TIME;
      }
      return TTHC_OK;
    case TTHC_LIMIT_WORKING_HOURS: {
      int64_t secs = (int64_t)limit.value * 3600 + (int64_t)limit.milli * 3600 / 1000;
      TTHC_TRY(tthc_hours_add(cal, h, start, secs, &out->due));
      out->due_day = out->target = tthc_datetime_date(out->due);
      out->reason = TTHC_REASON_WORKING_TIME;
      return TTHC_OK;
    }
    case TTHC_LIMIT_CALENDAR_DAYS:
      TTHC_TRY(tthc_date_add_days(ds, limit.value, &out->target));
      break;
    case TTHC_LIMIT_MONTHS:
      TTHC_TRY(add_months(ds, limit.value, &out->target));
      break;
    default:
      return TTHC_EINVAL;
  }
  /* Calendar days and months: a non-working last day moves to the next working day. */
  TTHC_TRY(tthc_cal_add_workdays(cal, out->target, 0, &dd));
  out->due_day = dd;
  if (same && dd == out->target) {
    out->due = same_time(h, dd, start);
    out->reason = TTHC_REASON_SAME_TIME;
  } else {
    out->due = tthc__day_end(h, dd);
  }
  return TTHC_OK;
}

/* Start and due of one receipt; NULL hours or policy mean the defaults. */
static tthc_status compute(const tthc_cal *cal, const tthc_hours *hours,
                           const tthc_deadline_policy *policy, tthc_datetime received,
                           tthc_limit limit, tthc__start *st, tthc__due *du) {
  TTHC_RETURN_IF(!cal || !tthc__limit_valid(limit), TTHC_EINVAL);
  const tthc_hours *h = tthc__hours(hours);
  tthc__policy p;
  tthc__policy_get(policy, &p);
  TTHC_TRY(tthc__deadline_start(cal, h, &p, received, limit, st));
  return tthc__deadline_from_start(cal, h, &p, st->start, limit, du);
}

tthc_status tthc_deadline_due(const tthc_cal *cal, const tthc_hours *hours,
                              const tthc_deadline_policy *policy, tthc_datetime received,
                              tthc_limit limit, tthc_datetime *start, tthc_datetime *due) {
  if (start) *start = 0;
  TTHC_RETURN_IF(!due, TTHC_EINVAL);
  *due = 0;
  tthc__start st;
  tthc__due du;
  TTHC_TRY(compute(cal, hours, policy, received, limit, &st, &du));
  if (start) *start = st.start;
  *due = du.due;
  return TTHC_OK;
}

tthc_status tthc_deadline_due_many(const tthc_cal *cal, const tthc_hours *hours,
                                   const tthc_deadline_policy *policy,
                                   const tthc_datetime *received, const tthc_limit *limits,
                                   size_t count, tthc_datetime *due, size_t *first_error) {
  if (first_error) *first_error = count;
  TTHC_RETURN_IF(!cal || ((!received || !limits || !due) && count > 0), TTHC_EINVAL);
  tthc_status first = TTHC_OK;
  for (size_t i = 0; i < count; i++) {
    tthc__start st;
    tthc__due du;
    tthc_status s = compute(cal, hours, policy, received[i], limits[i], &st, &du);
    due[i] = s == TTHC_OK ? du.due : INT64_MIN;
    if (s != TTHC_OK && first == TTHC_OK) {
      first = s;
      if (first_error) *first_error = i;
    }
  }
  return first;
}

/* ---- explanations ------------------------------------------------------------------------- */

struct tthc_deadline_result {
  tthc_datetime received, start, due;
  tthc_limit limit;
  size_t n, cap;
  tthc_deadline_step *steps;
};

static tthc_status push(tthc_deadline_result *r, const tthc_deadline_step *s) {
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    tthc_deadline_step *ns = realloc(r->steps, cap * sizeof *ns);
    TTHC_RETURN_IF(!ns, TTHC_ENOMEM);
    r->steps = ns, r->cap = cap;
  }
  r->steps[r->n++] = *s;
  return TTHC_OK;
}

static tthc_status push_simple(tthc_deadline_result *r, tthc_step_kind kind,
                               tthc_step_reason reason, tthc_datetime at) {
  tthc_deadline_step s;
  memset(&s, 0, sizeof s);
  s.kind = kind, s.reason = reason, s.at = at, s.date = tthc_datetime_date(at);
  return push(r, &s);
}

/* A SKIP step for every non-working day in [from, to]. */
static tthc_status push_skips(const tthc_cal *cal, tthc_deadline_result *r, tthc_date from,
                              tthc_date to) {
  for (tthc_date d = from; d <= to; d++) {
    int work;
    tthc_deadline_step s;
    memset(&s, 0, sizeof s);
    TTHC_TRY(tthc__is_work(cal, d, &work));
    if (work) continue;
    TTHC_TRY(tthc_cal_day(cal, d, &s.day_kind, &s.entry));
    s.kind = TTHC_STEP_SKIP, s.date = d, s.at = (tthc_datetime)d * DAY_SEC;
    TTHC_TRY(push(r, &s));
  }
  return TTHC_OK;
}

static tthc_status explain_steps(const tthc_cal *cal, tthc_deadline_result *r,
                                 const tthc__start *st, const tthc__due *du) {
  tthc_limit l = r->limit;
  tthc_date dr = tthc_datetime_date(r->received), ds = tthc_datetime_date(st->start);
  tthc_deadline_step s;
  TTHC_TRY(push_simple(r, TTHC_STEP_RECEIVED, TTHC_REASON_NONE, r->received));
  TTHC_TRY(push_skips(cal, r, dr, ds - 1));
  memset(&s, 0, sizeof s);
  s.kind = TTHC_STEP_START, s.reason = st->reason, s.at = st->start, s.date = ds;
  s.day_kind = st->kind, s.entry = st->entry;
  s.count = st->reason == TTHC_REASON_CUTOFF ? st->cutoff : 0;
  TTHC_TRY(push(r, &s));
  memset(&s, 0, sizeof s);
  s.kind = TTHC_STEP_COUNT, s.at = st->start, s.date = ds, s.date2 = du->target;
  s.count = l.value, s.milli = l.milli, s.unit = l.unit;
  TTHC_TRY(push(r, &s));
  int calendar = l.unit == TTHC_LIMIT_CALENDAR_DAYS || l.unit == TTHC_LIMIT_MONTHS;
  if (!calendar) TTHC_TRY(push_skips(cal, r, ds + 1, tthc_datetime_date(du->due) - 1));
  if (calendar && du->due_day != du->target) {
    memset(&s, 0, sizeof s);
    s.kind = TTHC_STEP_ROLL, s.date = du->target, s.date2 = du->due_day;
    s.at = (tthc_datetime)du->target * DAY_SEC;
    TTHC_TRY(tthc_cal_day(cal, du->target, &s.day_kind, &s.entry));
    TTHC_TRY(push(r, &s));
    TTHC_TRY(push_skips(cal, r, du->target, du->due_day - 1));
  }
  return push_simple(r, TTHC_STEP_DUE, du->reason, du->due);
}

tthc_status tthc_deadline_explain(const tthc_cal *cal, const tthc_hours *hours,
                                  const tthc_deadline_policy *policy, tthc_datetime received,
                                  tthc_limit limit, tthc_deadline_result **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  tthc__start st;
  tthc__due du;
  TTHC_TRY(compute(cal, hours, policy, received, limit, &st, &du));
  tthc_deadline_result *r = calloc(1, sizeof *r);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  r->received = received, r->start = st.start, r->due = du.due, r->limit = limit;
  tthc_status s = explain_steps(cal, r, &st, &du);
  if (s != TTHC_OK) {
    tthc_deadline_result_free(r);
    return s;
  }
  *out = r;
  return TTHC_OK;
}

void tthc_deadline_result_free(tthc_deadline_result *r) {
  if (!r) return;
  free(r->steps);
  free(r);
}

tthc_datetime tthc_deadline_result_received(const tthc_deadline_result *r) {
  return r ? r->received : 0;
}
tthc_datetime tthc_deadline_result_start(const tthc_deadline_result *r) {
  return r ? r->start : 0;
}
tthc_datetime tthc_deadline_result_due(const tthc_deadline_result *r) { return r ? r->due : 0; }
tthc_limit tthc_deadline_result_limit(const tthc_deadline_result *r) {
  tthc_limit zero = {0, 0, TTHC_LIMIT_WORKING_DAYS, 0, -1};
  return r ? r->limit : zero;
}
size_t tthc_deadline_result_step_count(const tthc_deadline_result *r) { return r ? r->n : 0; }

tthc_status tthc_deadline_result_step(const tthc_deadline_result *r, size_t i,
                                      tthc_deadline_step *out) {
  TTHC_RETURN_IF(!r || !out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(i >= r->n, TTHC_ERANGE);
  *out = r->steps[i];
  return TTHC_OK;
}

/* ---- describing steps ---------------------------------------------------------------------- */

const char *tthc__weekday_abbr(tthc_date d, int vietnamese) {
  static const char *const en[8] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char *const vi[8] = {"", "T2", "T3", "T4", "T5", "T6", "T7", "CN"};
  return (vietnamese ? vi : en)[tthc_date_weekday(d)];
}

static const char *kind_text(tthc_day_kind k, int vi) {
  static const char *const en[] = {"working day",      "weekly rest day",
                                   "public holiday",   "compensatory day off",
                                   "swapped day off",  "make-up working day",
                                   "local day off"};
  static const char *const vn[] = {"ngày làm việc", "nghỉ hằng tuần",  "nghỉ lễ, tết",
                                   "nghỉ bù",       "nghỉ hoán đổi",   "ngày làm bù",
                                   "nghỉ theo quy định của địa phương"};
  return (unsigned)k <= TTHC_DAY_LOCAL ? (vi ? vn : en)[k] : "?";
}

typedef struct sbuf {
  char s[512];
  size_t n;
} sbuf;

static void sb(sbuf *b, const char *fmt, ...) TTHC_PRINTF(2, 3);
static void sb(sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (b->n < sizeof b->s) {
    int k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    if (k > 0) b->n += (size_t)k;
    if (b->n >= sizeof b->s) b->n = sizeof b->s - 1;
  }
  va_end(ap);
}

static void sb_instant(sbuf *b, tthc_datetime t, int vi) {
  char x[TTHC_DATETIME_STRLEN];
  unsigned fl = tthc_datetime_time_of_day(t) % 60 ? TTHC_DATETIME_SECONDS : 0;
  if (tthc_datetime_format(t, fl, x, sizeof x, NULL) != TTHC_OK) snprintf(x, sizeof x, "?");
  sb(b, "%s (%s)", x, tthc__weekday_abbr(tthc_datetime_date(t), vi));
}

static void sb_date(sbuf *b, tthc_date d, int vi) {
  char x[TTHC_DATE_STRLEN];
  if (tthc_date_format(d, x, sizeof x, NULL) != TTHC_OK) snprintf(x, sizeof x, "?");
  sb(b, "%s (%s)", x, tthc__weekday_abbr(d, vi));
}

/* "weekly rest day" or "public holiday: Tết Nguyên đán" */
static void sb_closed(sbuf *b, tthc_day_kind k, const tthc_cal_entry *e, int vi) {
  const char *name = e ? (vi ? tthc_cal_entry_name_vi(e) : tthc_cal_entry_name_en(e)) : NULL;
  sb(b, "%s", kind_text(k, vi));
  if (name && *name) sb(b, ": %s", name);
}

static void describe_start(sbuf *b, const tthc_deadline_step *s, int vi) {
  static const char *const en[] = {
      "", "received during working hours",
      "received before the first session; the clock starts when it opens",
      "received between sessions; the clock starts when the next session opens",
      "received after working hours; the clock starts at the next working day's first session",
      "", "", "", "", "", "", ""};
  static const char *const vn[] = {
      "", "tiếp nhận trong giờ làm việc",
      "tiếp nhận trước giờ làm việc; tính từ đầu buổi làm việc",
      "tiếp nhận giữa hai buổi làm việc; tính từ đầu buổi làm việc tiếp theo",
      "tiếp nhận sau giờ làm việc; tính từ đầu giờ ngày làm việc tiếp theo",
      "", "", "", "", "", "", ""};
  sb(b, "%s ", vi ? "bắt đầu tính" : "start");
  sb_instant(b, s->at, vi);
  sb(b, ": ");
  switch (s->reason) {
    case TTHC_REASON_CUTOFF:
      if (s->count % 3600)
        sb(b, vi ? "tiếp nhận sau %d giờ %02d; tính từ đầu giờ ngày làm việc tiếp theo"
                 : "received after the %02d:%02d cut-off; the clock starts at the next working "
                   "day's first session", s->count / 3600, s->count / 60 % 60);
      else
        sb(b, vi ? "tiếp nhận sau %d giờ; tính từ đầu giờ ngày làm việc tiếp theo"
                 : "received after the %02d:00 cut-off; the clock starts at the next working "
                   "day's first session", s->count / 3600);
      break;
    case TTHC_REASON_NON_WORKING_DAY:
    case TTHC_REASON_RECEPTION_DAY:
      if (s->reason == TTHC_REASON_RECEPTION_DAY)
        sb(b, "%s (", vi ? "tiếp nhận trong giờ tiếp nhận của ngày nghỉ"
                         : "received during reception hours of a day off");
      else
        sb(b, "%s (", vi ? "tiếp nhận vào ngày nghỉ" : "received on a non-working day");
      sb_closed(b, s->day_kind, s->entry, vi);
      sb(b, "); %s", vi ? "tính từ đầu giờ ngày làm việc tiếp theo"
                        : "the clock starts at the next working session");
      break;
    default:
      sb(b, "%s", ((unsigned)s->reason < 12 ? (vi ? vn : en)[s->reason] : ""));
  }
}

static void describe_count(sbuf *b, const tthc_deadline_step *s, int vi) {
  tthc_limit l = {s->count, s->milli, s->unit, 0, -1};
  char lt[64];
  if (tthc_limit_format(l, vi ? 0 : TTHC_LIMIT_FORMAT_EN, lt, sizeof lt, NULL) != TTHC_OK)
    snprintf(lt, sizeof lt, "?");
  switch (s->unit) {
    case TTHC_LIMIT_WITHIN_DAY:
      sb(b, vi ? "trong ngày: hạn là cuối ngày " : "within the day: due by the end of ");
      sb_date(b, s->date, vi);
      return;
    case TTHC_LIMIT_IMMEDIATE:
      sb(b, "%s", vi ? "cấp ngay: hạn là thời điểm bắt đầu" : "immediate: due at the start");
      return;
    case TTHC_LIMIT_WORKING_HOURS:
      sb(b, vi ? "tính %s từ thời điểm bắt đầu, chỉ trong giờ làm việc"
               : "count %s from the start instant, inside working sessions only", lt);
      return;
    case TTHC_LIMIT_WORKING_DAYS:
      if (s->count == 0 && s->milli == 0) {
        sb(b, vi ? "0 ngày làm việc: hạn là cuối ngày " : "0 working days: due on the start day ");
        sb_date(b, s->date, vi);
        return;
      }
      /* fall through */
    default:
      break;
  }
  sb(b, vi ? "tính %s kể từ ngày sau ngày " : "count %s after the start day ", lt);
  sb_date(b, s->date, vi);
  sb(b, "%s", vi ? " (Điều 147 Bộ luật Dân sự: không tính ngày bắt đầu)"
                 : " (Civil Code art. 147: the start day itself is not counted)");
  if (s->milli) return;
  sb(b, vi ? ": ngày cuối là " : ": the last day is ");
  sb_date(b, s->date2, vi);
}

tthc_status tthc_deadline_step_describe(const tthc_deadline_step *s, int vi, char *buf,
                                        size_t cap, size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!s || (!buf && cap > 0), TTHC_EINVAL);
  sbuf b;
  b.n = 0, b.s[0] = '\0';
  switch (s->kind) {
    case TTHC_STEP_RECEIVED:
      sb(&b, "%s ", vi ? "tiếp nhận" : "received");
      sb_instant(&b, s->at, vi);
      break;
    case TTHC_STEP_SKIP:
      sb(&b, "%s ", vi ? "bỏ qua" : "skip");
      sb_date(&b, s->date, vi);
      sb(&b, ": ");
      sb_closed(&b, s->day_kind, s->entry, vi);
      break;
    case TTHC_STEP_START:
      describe_start(&b, s, vi);
      break;
    case TTHC_STEP_COUNT:
      describe_count(&b, s, vi);
      break;
    case TTHC_STEP_ROLL:
      sb_date(&b, s->date, vi);
      sb(&b, vi ? " là ngày nghỉ (" : " is not a working day (");
      sb_closed(&b, s->day_kind, s->entry, vi);
      sb(&b, vi ? "): thời hạn kết thúc vào cuối ngày làm việc tiếp theo, "
                : "): the period ends at the end of the next working day, ");
      sb_date(&b, s->date2, vi);
      sb(&b, vi ? " (khoản 5 Điều 148 Bộ luật Dân sự)" : " (Civil Code art. 148(5))");
      break;
    case TTHC_STEP_DUE:
      sb(&b, "%s ", vi ? "hạn" : "due");
      sb_instant(&b, s->at, vi);
      switch (s->reason) {
        case TTHC_REASON_SAME_TIME:
          sb(&b, vi ? ": cùng giờ với thời điểm bắt đầu" : ": the start's clock time on the due day");
          break;
        case TTHC_REASON_WORKING_TIME:
          sb(&b, vi ? ": khi hết thời gian làm việc được tính"
                    : ": when the counted working time has run");
          break;
        case TTHC_REASON_IMMEDIATE:
          sb(&b, vi ? ": ngay khi bắt đầu" : ": at the start");
          break;
        default:
          sb(&b, vi ? ": hết giờ làm việc của ngày đến hạn"
                    : ": end of the last working session of the due day");
      }
      break;
    default:
      return TTHC_EINVAL;
  }
  if (needed) *needed = b.n;
  TTHC_RETURN_IF(cap < b.n + 1, TTHC_ENOSPC);
  memcpy(buf, b.s, b.n + 1);
  return TTHC_OK;
}

const char *tthc_step_kind_name(tthc_step_kind kind) {
  static const char *const n[] = {"received", "start", "skip", "count", "roll", "due"};
  return (unsigned)kind <= TTHC_STEP_DUE ? n[kind] : NULL;
}

const char *tthc_step_reason_name(tthc_step_reason reason) {
  static const char *const n[] = {"none",        "in_hours",        "before_hours",
                                  "break",       "after_hours",     "cutoff",
                                  "non_working_day", "reception_day", "end_of_day",
                                  "same_time",   "working_time",    "immediate"};
  return (unsigned)reason <= TTHC_REASON_IMMEDIATE ? n[reason] : NULL;
}

/* ---- vectorised working days ---------------------------------------------------------------- */

typedef tthc_status (*cal_fn)(const tthc_cal *, int32_t, int32_t, int32_t *);

/* out[i] = fn(cal, a[i], b[i]); INT32_MIN where it fails; the first failure is reported. */
static tthc_status many(cal_fn fn, const tthc_cal *cal, const int32_t *a, const int32_t *b,
                        size_t count, int32_t *out, size_t *first_error) {
  if (first_error) *first_error = count;
  TTHC_RETURN_IF(!cal || ((!a || !b || !out) && count > 0), TTHC_EINVAL);
  tthc_status first = TTHC_OK;
  for (size_t i = 0; i < count; i++) {
    int32_t r;
    if (fn(cal, a[i], b[i], &r) == TTHC_OK) {
      out[i] = r;
      continue;
    }
    out[i] = INT32_MIN;
    if (first == TTHC_OK && first_error) *first_error = i;
    first = TTHC_ERANGE;
  }
  return first;
}

tthc_status tthc_deadline_add_workdays_many(const tthc_cal *cal, const int32_t *dates,
                                            const int32_t *ns, size_t count, int32_t *out,
                                            size_t *first_error) {
  return many(tthc_cal_add_workdays, cal, dates, ns, count, out, first_error);
}

tthc_status tthc_deadline_count_workdays_many(const tthc_cal *cal, const int32_t *from,
                                              const int32_t *to, size_t count, int32_t *out,
                                              size_t *first_error) {
  return many(tthc_cal_count_workdays, cal, from, to, count, out, first_error);
}

/* ---- postal transit (TT 17/2017/TT-BTTTT art. 7; FACTS §4.6) -------------------------------- */

static const struct {
  const char *name;
  int32_t days, with_slip;
} postal[] = {
    {"same_district", 1, 2},
    {"between_districts", 2, 4},
    {"inter_province_major", 3, 6},
    {"inter_province_other", 4, 8},
};

tthc_status tthc_postal_transit_days(tthc_postal_route route, int with_slip, int32_t *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF((unsigned)route > TTHC_POSTAL_INTER_PROVINCE_OTHER, TTHC_EINVAL);
  *out = with_slip ? postal[route].with_slip : postal[route].days;
  return TTHC_OK;
}

tthc_status tthc_postal_arrival(const tthc_cal *cal, tthc_postal_route route, int with_slip,
                                tthc_date j, tthc_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  int32_t n;
  TTHC_TRY(tthc_postal_transit_days(route, with_slip, &n));
  return tthc_cal_add_workdays(cal, j, n, out);
}

const char *tthc_postal_route_name(tthc_postal_route route) {
  return (unsigned)route <= TTHC_POSTAL_INTER_PROVINCE_OTHER ? postal[route].name : NULL;
}
