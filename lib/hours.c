/* Working hours: sessions per weekday and season, working-time arithmetic on a calendar.
 *
 * The calendar says which days are worked; the sessions say when within a worked day the clock
 * runs. Working time is measured in seconds inside sessions only. Whole working days are
 * skipped with the calendar's O(1) arithmetic when every day has the same working length. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_internal.h"

#define DAY_SEC TTHC_SECONDS_PER_DAY

/* 08:00-12:00 and 13:00-17:00 on every weekday: the calendar decides which days work. */
#define DEFAULT_DAY {2, {8 * 3600, 13 * 3600}, {12 * 3600, 17 * 3600}, 8 * 3600}

static const tthc_hours default_hours = {
    .week = {{0}, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY,
             DEFAULT_DAY},
    .nseason = 0,
    .day_length = 28800,
    .uniform = 28800,
};

const tthc_hours *tthc__hours(const tthc_hours *h) { return h ? h : &default_hours; }

tthc_status tthc_hours_new(tthc_hours **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  tthc_hours *h = malloc(sizeof *h);
  TTHC_RETURN_IF(!h, TTHC_ENOMEM);
  memcpy(h, &default_hours, sizeof *h);
  *out = h;
  return TTHC_OK;
}

void tthc_hours_free(tthc_hours *h) { free(h); }

/* Recompute h->uniform: every table that can apply to a working day has the same length. */
static void update_uniform(tthc_hours *h) {
  int32_t u = h->week[1].total;
  for (int wd = 2; wd <= 7; wd++)
    if (h->week[wd].total != u) u = 0;
  for (int i = 0; i < h->nseason; i++)
    if (h->season[i].day.total != u) u = 0;
  h->uniform = u;
  h->version++;
}

/* ---- session specs "07:00-11:30,13:30-17:00" ------------------------------------------- */

typedef struct spec_parser {
  const char *s;
  size_t len, pos;
  tthc_error *err;
} spec_parser;

static tthc_status spec_err(spec_parser *p, tthc_status st, size_t at, const char *why) {
  char q[96];
  tthc__quote(q, sizeof q, p->s, p->len, 64);
  int32_t col = tthc__utf8_columns(p->s, at) + 1;
  return tthc__error_set(p->err, st, 1, col, (int64_t)at,
                         "invalid working hours %s at column %d: %s", q, (int)col, why);
}

static void skip_spaces(spec_parser *p) {
  while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')) p->pos++;
}

/* H:MM or HH:MM (also HHhMM); 24:00 allowed (end of day). */
static tthc_status spec_time(spec_parser *p, int32_t *out) {
  skip_spaces(p);
  size_t start = p->pos;
  int h = 0, m = 0, nd = 0;
  while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9' && nd < 3)
    h = h * 10 + (p->s[p->pos++] - '0'), nd++;
  if (nd == 0 || nd > 2) return spec_err(p, TTHC_ESYNTAX, start, "expected a time HH:MM");
  if (p->pos >= p->len || (p->s[p->pos] != ':' && p->s[p->pos] != 'h'))
    return spec_err(p, TTHC_ESYNTAX, p->pos, "expected ':' between hours and minutes");
  p->pos++;
  for (nd = 0; nd < 2; nd++) {
    if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
      return spec_err(p, TTHC_ESYNTAX, p->pos, "expected two digits of minutes");
    m = m * 10 + (p->s[p->pos++] - '0');
  }
  if (m > 59) return spec_err(p, TTHC_EDATE, start, "minutes out of range 0-59");
  if (h > 24 || (h == 24 && m != 0))
    return spec_err(p, TTHC_EDATE, start, "time out of range 00:00-24:00");
  *out = h * 3600 + m * 60;
  skip_spaces(p);
  return TTHC_OK;
}

static tthc_status parse_spec(const char *s, size_t len, int allow_empty, tthc__day *out,
                              tthc_error *err) {
  spec_parser p = {s, len, 0, err};
  tthc__day d;
  memset(&d, 0, sizeof d);
  skip_spaces(&p);
  if (p.pos == len) {
    if (allow_empty) {
      *out = d;
      return TTHC_OK;
    }
    return spec_err(&p, TTHC_ESYNTAX, 0,
                    "a working day needs at least one session (days off belong in the calendar)");
  }
  for (;;) {
    size_t at = p.pos;
    int32_t a = 0, b = 0;
    TTHC_TRY(spec_time(&p, &a));
    if (p.pos < len && p.s[p.pos] == '-') p.pos++;
    else if (p.pos + 3 <= len && memcmp(p.s + p.pos, "\xE2\x80\x93", 3) == 0) p.pos += 3;
    else return spec_err(&p, TTHC_ESYNTAX, p.pos, "expected '-' between start and end");
    TTHC_TRY(spec_time(&p, &b));
    if (a == DAY_SEC) return spec_err(&p, TTHC_EDATE, at, "a session cannot start at 24:00");
    if (b <= a) return spec_err(&p, TTHC_EDATE, at, "a session must end after it starts");
    if (d.n > 0 && a < d.e[d.n - 1])
      return spec_err(&p, TTHC_EDATE, at, "sessions must be in order and must not overlap");
    if (d.n == TTHC_HOURS_MAX_SESSIONS)
      return spec_err(&p, TTHC_ERANGE, at, "at most 4 sessions per day");
    d.s[d.n] = a, d.e[d.n] = b, d.n++;
    d.total += b - a;
    if (p.pos == len) break;
    if (p.s[p.pos] != ',' && p.s[p.pos] != ';')
      return spec_err(&p, TTHC_ESYNTAX, p.pos, "expected ',' between sessions");
    p.pos++;
  }
  *out = d;
  return TTHC_OK;
}

tthc_status tthc_hours_set_sessions(tthc_hours *h, unsigned weekday_mask, const char *spec,
                                    size_t len, tthc_error *err) {
  if (!h || !spec) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  if (!(weekday_mask & TTHC_WEEKDAYS_ALL))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "the weekday mask selects no weekday");
  tthc__day d;
  TTHC_TRY(parse_spec(spec, len, 0, &d, err));
  for (int wd = 1; wd <= 7; wd++)
    if (weekday_mask & TTHC_WEEKDAY_BIT(wd)) h->week[wd] = d;
  update_uniform(h);
  return TTHC_OK;
}

tthc_status tthc_hours_set_reception(tthc_hours *h, unsigned weekday_mask, const char *spec,
                                     size_t len, tthc_error *err) {
  if (!h || (!spec && len)) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  if (!(weekday_mask & TTHC_WEEKDAYS_ALL))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "the weekday mask selects no weekday");
  tthc__day d;
  TTHC_TRY(parse_spec(spec ? spec : "", len, 1, &d, err));
  for (int wd = 1; wd <= 7; wd++)
    if (weekday_mask & TTHC_WEEKDAY_BIT(wd)) h->reception[wd] = d;
  return TTHC_OK;
}

tthc_status tthc_hours_add_season(tthc_hours *h, int from_month, int from_day, int to_month,
                                  int to_day, unsigned weekday_mask, const char *spec,
                                  size_t len, tthc_error *err) {
  if (!h || !spec) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  if (!(weekday_mask & TTHC_WEEKDAYS_ALL))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "the weekday mask selects no weekday");
  /* 2024 is a leap year: 29/2 is a valid boundary. */
  if (tthc_date_days_in_month(2024, from_month) < from_day || from_day < 1 ||
      tthc_date_days_in_month(2024, to_month) < to_day || to_day < 1)
    return tthc__error_set(err, TTHC_EDATE, 0, 0, -1, "season %d/%d-%d/%d: no such day",
                           from_day, from_month, to_day, to_month);
  if (h->nseason == TTHC__MAX_SEASONS)
    return tthc__error_set(err, TTHC_ERANGE, 0, 0, -1, "at most %d seasons",
                           TTHC__MAX_SEASONS);
  tthc__season s;
  TTHC_TRY(parse_spec(spec, len, 0, &s.day, err));
  s.from_md = from_month * 32 + from_day;
  s.to_md = to_month * 32 + to_day;
  s.mask = weekday_mask;
  h->season[h->nseason++] = s;
  update_uniform(h);
  return TTHC_OK;
}

tthc_status tthc_hours_set_day_length(tthc_hours *h, int32_t seconds) {
  TTHC_RETURN_IF(!h, TTHC_EINVAL);
  TTHC_RETURN_IF(seconds < 3600 || seconds > DAY_SEC, TTHC_ERANGE);
  h->day_length = seconds;
  return TTHC_OK;
}

int32_t tthc_hours_day_length(const tthc_hours *h) { return tthc__hours(h)->day_length; }

const tthc__day *tthc__hours_day(const tthc_hours *h, tthc_date d) {
  int wd = tthc_date_weekday(d);
  for (int i = h->nseason - 1; i >= 0; i--) {
    const tthc__season *s = &h->season[i];
    if (!(s->mask & TTHC_WEEKDAY_BIT(wd))) continue;
    int m, dd;
    if (tthc_date_to_ymd(d, NULL, &m, &dd) != TTHC_OK) break;
    int32_t md = m * 32 + dd;
    int in = s->from_md <= s->to_md ? (md >= s->from_md && md <= s->to_md)
                                    : (md >= s->from_md || md <= s->to_md);
    if (in) return &s->day;
  }
  return &h->week[wd];
}

int32_t tthc__day_offset(const tthc__day *day, int32_t tod) {
  int32_t off = 0;
  for (int i = 0; i < day->n; i++) {
    if (tod <= day->s[i]) break;
    off += (tod < day->e[i] ? tod : day->e[i]) - day->s[i];
  }
  return off;
}

int32_t tthc__day_locate(const tthc__day *day, int32_t off) {
  if (off <= 0) return day->s[0];
  for (int i = 0; i < day->n; i++) {
    int32_t len = day->e[i] - day->s[i];
    if (off <= len) return day->s[i] + off;
    off -= len;
  }
  return day->e[day->n - 1];
}

tthc_status tthc__is_work(const tthc_cal *cal, tthc_date d, int *out) {
  return tthc_cal_is_workday(cal, d, out);
}

static tthc_datetime at_tod(tthc_date d, int32_t tod) {
  return (tthc_datetime)d * DAY_SEC + tod;
}

tthc_datetime tthc__day_end(const tthc_hours *h, tthc_date d) {
  const tthc__day *day = tthc__hours_day(h, d);
  return at_tod(d, day->e[day->n - 1]);
}

tthc_status tthc_hours_sessions(const tthc_hours *h, tthc_date d, int32_t *starts,
                                int32_t *ends, size_t cap, size_t *count) {
  TTHC_RETURN_IF(!count, TTHC_EINVAL);
  *count = 0;
  TTHC_RETURN_IF((!starts || !ends) && cap > 0, TTHC_EINVAL);
  const tthc__day *day = tthc__hours_day(tthc__hours(h), d);
  *count = (size_t)day->n;
  TTHC_RETURN_IF(cap < (size_t)day->n, TTHC_ENOSPC);
  for (int i = 0; i < day->n; i++) starts[i] = day->s[i], ends[i] = day->e[i];
  return TTHC_OK;
}

tthc_status tthc_hours_format(const tthc_hours *h, tthc_date d, char *buf, size_t cap,
                              size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!buf && cap > 0, TTHC_EINVAL);
  const tthc__day *day = tthc__hours_day(tthc__hours(h), d);
  char tmp[TTHC_HOURS_MAX_SESSIONS * 12 + 1];
  size_t n = 0;
  for (int i = 0; i < day->n; i++)
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s%02d:%02d-%02d:%02d", i ? "," : "",
                          (int)(day->s[i] / 3600), (int)(day->s[i] / 60 % 60),
                          (int)(day->e[i] / 3600), (int)(day->e[i] / 60 % 60));
  if (needed) *needed = n;
  TTHC_RETURN_IF(cap < n + 1, TTHC_ENOSPC);
  memcpy(buf, tmp, n + 1);
  return TTHC_OK;
}

tthc_status tthc_hours_is_open(const tthc_cal *cal, const tthc_hours *h, tthc_datetime t,
                               int *out) {
  TTHC_RETURN_IF(!cal || !out, TTHC_EINVAL);
  *out = 0;
  h = tthc__hours(h);
  tthc_date d = tthc_datetime_date(t);
  int32_t tod = tthc_datetime_time_of_day(t);
  tthc_day_kind kind;
  TTHC_TRY(tthc_cal_day(cal, d, &kind, NULL));
  int work;
  TTHC_TRY(tthc__is_work(cal, d, &work));
  const tthc__day *day = work ? tthc__hours_day(h, d)
                         : kind == TTHC_DAY_WEEKLY_REST ? &h->reception[tthc_date_weekday(d)]
                                                        : NULL;
  for (int i = 0; day && i < day->n; i++)
    if (tod >= day->s[i] && tod < day->e[i]) *out = 1;
  return TTHC_OK;
}

tthc_status tthc_hours_next_start(const tthc_cal *cal, const tthc_hours *h, tthc_datetime t,
                                  tthc_datetime *out) {
  TTHC_RETURN_IF(!cal || !out, TTHC_EINVAL);
  *out = 0;
  h = tthc__hours(h);
  tthc_date d = tthc_datetime_date(t);
  int32_t tod = tthc_datetime_time_of_day(t);
  int work;
  TTHC_TRY(tthc__is_work(cal, d, &work));
  if (work) {
    const tthc__day *day = tthc__hours_day(h, d);
    for (int i = 0; i < day->n; i++)
      if (tod < day->e[i]) {
        *out = at_tod(d, tod > day->s[i] ? tod : day->s[i]);
        return TTHC_OK;
      }
  }
  tthc_date nd;
  TTHC_TRY(tthc_cal_next_workday(cal, d, &nd));
  *out = at_tod(nd, tthc__hours_day(h, nd)->s[0]);
  return TTHC_OK;
}

/* The instant `rem` (> 0) working seconds into the working days strictly after `base`. */
static tthc_status add_after_day(const tthc_cal *cal, const tthc_hours *h, tthc_date base,
                                 int64_t rem, tthc_datetime *out) {
  tthc_date d = base;
  if (h->uniform > 0) {
    int64_t L = h->uniform, skip = (rem - 1) / L;
    TTHC_RETURN_IF(skip >= INT32_MAX, TTHC_ERANGE);
    TTHC_TRY(tthc_cal_add_workdays(cal, base, (int32_t)(skip + 1), &d));
    rem -= skip * L;
    *out = at_tod(d, tthc__day_locate(tthc__hours_day(h, d), (int32_t)rem));
    return TTHC_OK;
  }
  for (;;) {
    TTHC_TRY(tthc_cal_next_workday(cal, d, &d));
    const tthc__day *day = tthc__hours_day(h, d);
    if (rem <= day->total) {
      *out = at_tod(d, tthc__day_locate(day, (int32_t)rem));
      return TTHC_OK;
    }
    rem -= day->total;
  }
}

tthc_status tthc_hours_add(const tthc_cal *cal, const tthc_hours *h, tthc_datetime t,
                           int64_t seconds, tthc_datetime *out) {
  TTHC_RETURN_IF(!cal || !out || seconds < 0, TTHC_EINVAL);
  *out = 0;
  h = tthc__hours(h);
  if (seconds == 0) return tthc_hours_next_start(cal, h, t, out);
  tthc_date d = tthc_datetime_date(t);
  int work;
  TTHC_TRY(tthc__is_work(cal, d, &work));
  int64_t rem = seconds;
  if (work) {
    const tthc__day *day = tthc__hours_day(h, d);
    int32_t off = tthc__day_offset(day, tthc_datetime_time_of_day(t));
    if (rem <= day->total - off) {
      *out = at_tod(d, tthc__day_locate(day, off + (int32_t)rem));
      return TTHC_OK;
    }
    rem -= day->total - off;
  }
  return add_after_day(cal, h, d, rem, out);
}

/* Working seconds of the working days strictly between a and b (a < b). */
static tthc_status days_between(const tthc_cal *cal, const tthc_hours *h, tthc_date a,
                                tthc_date b, int64_t *out) {
  *out = 0;
  if (b - a < 2) return TTHC_OK;
  if (h->uniform > 0) {
    int32_t n;
    TTHC_TRY(tthc_cal_count_workdays(cal, a + 1, b - 1, &n));
    *out = (int64_t)n * h->uniform;
    return TTHC_OK;
  }
  tthc_date d = a;
  for (;;) {
    TTHC_TRY(tthc_cal_next_workday(cal, d, &d));
    if (d >= b) return TTHC_OK;
    *out += tthc__hours_day(h, d)->total;
  }
}

/* Working seconds of day d before time tod (0 on a non-working day). */
static tthc_status day_before(const tthc_cal *cal, const tthc_hours *h, tthc_date d,
                              int32_t tod, int32_t *before, int32_t *total) {
  int work;
  TTHC_TRY(tthc__is_work(cal, d, &work));
  const tthc__day *day = tthc__hours_day(h, d);
  *before = work ? tthc__day_offset(day, tod) : 0;
  *total = work ? day->total : 0;
  return TTHC_OK;
}

tthc_status tthc_hours_between(const tthc_cal *cal, const tthc_hours *h, tthc_datetime from,
                               tthc_datetime to, int64_t *seconds) {
  TTHC_RETURN_IF(!cal || !seconds, TTHC_EINVAL);
  *seconds = 0;
  if (to < from) {
    TTHC_TRY(tthc_hours_between(cal, h, to, from, seconds));
    *seconds = -*seconds;
    return TTHC_OK;
  }
  h = tthc__hours(h);
  tthc_date da = tthc_datetime_date(from), db = tthc_datetime_date(to);
  int32_t ba, ta, bb, tb;
  TTHC_TRY(day_before(cal, h, da, tthc_datetime_time_of_day(from), &ba, &ta));
  TTHC_TRY(day_before(cal, h, db, tthc_datetime_time_of_day(to), &bb, &tb));
  if (da == db) {
    *seconds = bb - ba;
    return TTHC_OK;
  }
  int64_t mid;
  TTHC_TRY(days_between(cal, h, da, db, &mid));
  *seconds = (int64_t)(ta - ba) + mid + bb;
  return TTHC_OK;
}

/* ---- the cache of tthc__hours_between_cached() ---------------------------------------- */

/* Days added on either side of the dates that make the table grow, and its largest span. */
#define CACHE_MARGIN 366
#define CACHE_MAX_DAYS 16384

struct tthc__hours_cache {
  const tthc_cal *cal;
  const tthc_hours *h; /* resolved: never NULL */
  uint32_t version;    /* of h when the table was built */
  tthc_date lo, hi;    /* the table covers [lo, hi); empty when lo == hi */
  int64_t *before;     /* working seconds of the working days in [lo, lo + i), i <= hi - lo */
  const tthc__day **day; /* sessions of day lo + i, NULL on a day off */
  size_t cap;
};

tthc_status tthc__hours_cache_new(const tthc_cal *cal, const tthc_hours *h,
                                  tthc__hours_cache **out) {
  *out = NULL;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  tthc__hours_cache *c = calloc(1, sizeof *c);
  TTHC_RETURN_IF(!c, TTHC_ENOMEM);
  c->cal = cal;
  c->h = tthc__hours(h);
  *out = c;
  return TTHC_OK;
}

void tthc__hours_cache_free(tthc__hours_cache *c) {
  if (!c) return;
  free(c->before);
  free(c->day);
  free(c);
}

/* Cover [lo, hi) (inside the calendar): false if that cannot be done (then the table is empty
 * or unchanged). */
static bool cache_build(tthc__hours_cache *c, tthc_date lo, tthc_date hi) {
  size_t n = (size_t)(hi - lo);
  if (n + 1 > c->cap) {
    int64_t *b = realloc(c->before, (n + 1) * sizeof *b);
    if (!b) return false;
    c->before = b;
    const tthc__day **d = realloc(c->day, n * sizeof *d); // NOLINT(bugprone-sizeof-expression)
    if (!d) return false;
    c->day = d;
    c->cap = n + 1;
  }
  c->lo = c->hi = 0;
  c->before[0] = 0;
  for (size_t i = 0; i < n; i++) {
    int work;
    if (tthc__is_work(c->cal, lo + (tthc_date)i, &work) != TTHC_OK) return false;
    c->day[i] = work ? tthc__hours_day(c->h, lo + (tthc_date)i) : NULL;
    c->before[i + 1] = c->before[i] + (work ? c->day[i]->total : 0);
  }
  c->lo = lo, c->hi = hi;
  c->version = c->h->version;
  return true;
}

/* Make the table cover days a <= b if the calendar has them and the span stays bounded. */
static bool cache_cover(tthc__hours_cache *c, tthc_date a, tthc_date b) {
  if (c->version != c->h->version) c->lo = c->hi = 0; /* the hours changed */
  if (c->lo < c->hi && a >= c->lo && b < c->hi) return true;
  tthc_date first = tthc_cal_first_date(c->cal), last = tthc_cal_last_date(c->cal);
  if (a < first || b > last) return false;
  int64_t lo = (int64_t)a - CACHE_MARGIN, hi = (int64_t)b + 1 + CACHE_MARGIN;
  if (c->lo < c->hi) lo = lo < c->lo ? lo : c->lo, hi = hi > c->hi ? hi : c->hi;
  if (lo < first) lo = first;
  if (hi > (int64_t)last + 1) hi = (int64_t)last + 1;
  if (hi - lo > CACHE_MAX_DAYS) return false;
  return cache_build(c, (tthc_date)lo, (tthc_date)hi);
}

/* Working seconds of the cached days before time of day tod of day d (in the table). */
static int64_t cache_at(const tthc__hours_cache *c, tthc_date d, int32_t tod) {
  size_t i = (size_t)(d - c->lo);
  const tthc__day *day = c->day[i];
  return c->before[i] + (day ? tthc__day_offset(day, tod) : 0);
}

/* Day and time of day of an instant (one division). */
static void split_instant(tthc_datetime t, tthc_date *d, int32_t *tod) {
  int64_t q = t / DAY_SEC, r = t - q * DAY_SEC;
  if (r < 0) q--, r += DAY_SEC;
  *d = (tthc_date)q, *tod = (int32_t)r;
}

tthc_status tthc__hours_between_cached(tthc__hours_cache *c, tthc_datetime from,
                                       tthc_datetime to, int64_t *seconds) {
  /* the working seconds of the days strictly between, plus the parts of the end days, is the
   * difference of the running totals at both instants (see tthc_hours_between) */
  if (from <= to) {
    tthc_date da, db;
    int32_t ta, tb;
    split_instant(from, &da, &ta);
    split_instant(to, &db, &tb);
    if (cache_cover(c, da, db)) {
      *seconds = cache_at(c, db, tb) - cache_at(c, da, ta);
      return TTHC_OK;
    }
  }
  return tthc_hours_between(c->cal, c->h, from, to, seconds);
}

void tthc_hours_split(const tthc_hours *h, int64_t seconds, int64_t *days, int32_t *hours,
                      int32_t *minutes) {
  int64_t L = tthc__hours(h)->day_length, a = seconds < 0 ? -seconds : seconds;
  int sign = seconds < 0 ? -1 : 1;
  if (days) *days = sign * (a / L);
  if (hours) *hours = (int32_t)(sign * (a % L / 3600));
  if (minutes) *minutes = (int32_t)(sign * (a % L % 3600 / 60));
}
