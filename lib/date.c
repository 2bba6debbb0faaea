/* date: civil day numbers, Vietnam local date-times, ISO 8601. */
#include <stdio.h>
#include <string.h>

#include "core_internal.h"
#include "tthc/date.h"

#define DT_MIN ((int64_t)TTHC_DATE_MIN * TTHC_SECONDS_PER_DAY)
#define DT_MAX ((int64_t)TTHC_DATE_MAX * TTHC_SECONDS_PER_DAY + TTHC_SECONDS_PER_DAY - 1)

int tthc_date_is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int tthc_date_days_in_month(int year, int month) {
  static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return len[month - 1] + (month == 2 && tthc_date_is_leap_year(year));
}

int tthc_date_is_valid(tthc_date d) { return d >= TTHC_DATE_MIN && d <= TTHC_DATE_MAX; }

/* Days since 1970-01-01 of y-m-d (proleptic Gregorian; era algorithm, valid for any year). */
static int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = tthc__floordiv(y, 400);
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d) {
  z += 719468;
  int64_t era = tthc__floordiv(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
  int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (mm <= 2));
  *m = mm;
  *d = dd;
}

tthc_status tthc_date_from_ymd(int year, int month, int day, tthc_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(year < 1 || year > 9999, TTHC_ERANGE);
  TTHC_RETURN_IF(day < 1 || day > tthc_date_days_in_month(year, month), TTHC_EDATE);
  *out = (tthc_date)days_from_civil(year, month, day);
  return TTHC_OK;
}

tthc_status tthc_date_to_ymd(tthc_date d, int *year, int *month, int *day) {
  int y = 0, m = 0, dd = 0;
  tthc_status st = TTHC_ERANGE;
  if (tthc_date_is_valid(d)) {
    civil_from_days(d, &y, &m, &dd);
    st = TTHC_OK;
  }
  if (year) *year = y;
  if (month) *month = m;
  if (day) *day = dd;
  return st;
}

int tthc_date_weekday(tthc_date d) {
  /* 1970-01-01 was a Thursday (4). */
  return (int)tthc__floormod((int64_t)d + 3, 7) + 1;
}

tthc_status tthc_date_day_of_year(tthc_date d, int *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  int y;
  TTHC_TRY(tthc_date_to_ymd(d, &y, NULL, NULL));
  *out = (int)(d - days_from_civil(y, 1, 1)) + 1;
  return TTHC_OK;
}

tthc_status tthc_date_iso_week(tthc_date d, int *iso_year, int *week) {
  int y, wy = 0, wk = 0;
  tthc_status st = tthc_date_to_ymd(d, &y, NULL, NULL);
  if (st == TTHC_OK) {
    /* The ISO week of d is the week of its Thursday. */
    int64_t thursday = (int64_t)d - tthc_date_weekday(d) + 4;
    int ty, tm, td;
    civil_from_days(thursday, &ty, &tm, &td);
    wy = ty;
    wk = (int)((thursday - days_from_civil(ty, 1, 1)) / 7) + 1;
  }
  if (iso_year) *iso_year = wy;
  if (week) *week = wk;
  return st;
}

tthc_status tthc_date_add_days(tthc_date d, int64_t days, tthc_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  int64_t r;
  TTHC_RETURN_IF(!tthc_date_is_valid(d), TTHC_ERANGE);
  TTHC_RETURN_IF(tthc__add_i64(d, days, &r), TTHC_ERANGE);
  TTHC_RETURN_IF(r < TTHC_DATE_MIN || r > TTHC_DATE_MAX, TTHC_ERANGE);
  *out = (tthc_date)r;
  return TTHC_OK;
}

int64_t tthc_date_diff_days(tthc_date from, tthc_date to) { return (int64_t)to - from; }

/* ---- parsing ---------------------------------------------------------------------------- */

typedef struct parser {
  const char *s;
  size_t len, pos;
  const char *what; /* "date" or "date-time" for messages */
  tthc_error *err;
} parser;

static tthc_status perr(parser *p, tthc_status st, size_t at, const char *fmt, ...)
    TTHC_PRINTF(4, 5);

static tthc_status perr(parser *p, tthc_status st, size_t at, const char *fmt, ...) {
  char quoted[96], why[160];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  tthc__quote(quoted, sizeof quoted, p->s, p->len, 64);
  int32_t col = tthc__utf8_columns(p->s, at) + 1;
  tthc__error_set(p->err, st, 1, col, (int64_t)at, "invalid %s %s at column %d: %s", p->what,
                  quoted, (int)col, why);
  return st;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Read exactly n digits. */
static tthc_status digits(parser *p, int n, const char *field, int *out) {
  int v = 0;
  *out = 0;
  for (int i = 0; i < n; i++) {
    if (p->pos >= p->len)
      return perr(p, TTHC_ESYNTAX, p->pos, "input ends where the %s (%d digits) was expected",
                  field, n);
    char c = p->s[p->pos];
    if (!is_digit(c))
      return perr(p, TTHC_ESYNTAX, p->pos, "expected a digit of the %s (%d digits)", field, n);
    v = v * 10 + (c - '0');
    p->pos++;
  }
  *out = v;
  return TTHC_OK;
}

static tthc_status expect(parser *p, char c, const char *after) {
  if (p->pos >= p->len)
    return perr(p, TTHC_ESYNTAX, p->pos, "input ends where '%c' after the %s was expected", c,
                after);
  if (p->s[p->pos] != c)
    return perr(p, TTHC_ESYNTAX, p->pos, "expected '%c' after the %s", c, after);
  p->pos++;
  return TTHC_OK;
}

/* Validate year/month/day read at columns ystart, mstart, dstart. */
static tthc_status check_ymd(parser *p, int y, int m, int d, size_t ystart, size_t mstart,
                             size_t dstart, tthc_date *out) {
  static const char *const month_names[12] = {"January", "February", "March",     "April",
                                              "May",     "June",     "July",      "August",
                                              "September", "October", "November", "December"};
  if (y < 1) return perr(p, TTHC_ERANGE, ystart, "year 0 is outside the supported range 1-9999");
  if (m < 1 || m > 12)
    return perr(p, TTHC_EDATE, mstart, "month %d is out of range 1-12", m);
  if (d < 1 || d > tthc_date_days_in_month(y, m))
    return perr(p, TTHC_EDATE, dstart, "day %d does not exist in %s %d (it has %d days)", d,
                month_names[m - 1], y, tthc_date_days_in_month(y, m));
  return tthc_date_from_ymd(y, m, d, out);
}

static tthc_status parse_ymd(parser *p, tthc_date *out) {
  int y, m, d;
  size_t ys = p->pos, ms, ds;
  TTHC_TRY(digits(p, 4, "year", &y));
  if (p->pos < p->len && is_digit(p->s[p->pos]))
    return perr(p, TTHC_ERANGE, ys, "the year has more than 4 digits (supported: 1-9999)");
  TTHC_TRY(expect(p, '-', "year"));
  ms = p->pos;
  TTHC_TRY(digits(p, 2, "month", &m));
  TTHC_TRY(expect(p, '-', "month"));
  ds = p->pos;
  TTHC_TRY(digits(p, 2, "day", &d));
  return check_ymd(p, y, m, d, ys, ms, ds, out);
}

static tthc_status at_end(parser *p) {
  if (p->pos != p->len)
    return perr(p, TTHC_ESYNTAX, p->pos, "unexpected trailing characters");
  return TTHC_OK;
}

tthc_status tthc_date_parse(const char *s, size_t len, tthc_date *out, tthc_error *err) {
  parser p = {s, len, 0, "date", err};
  if (!out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "output pointer is NULL");
  *out = 0;
  if (!s) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "date text is NULL");
  if (len == 0) return tthc__error_set(err, TTHC_ESYNTAX, 1, 1, 0, "empty date: expected YYYY-MM-DD");
  tthc_date d = 0;
  TTHC_TRY(parse_ymd(&p, &d));
  TTHC_TRY(at_end(&p));
  *out = d;
  return TTHC_OK;
}

static tthc_status check_clock(parser *p, int h, int mi, int sec, size_t hs, size_t ms,
                               size_t ss) {
  if (h > 23) return perr(p, TTHC_EDATE, hs, "hour %d is out of range 0-23", h);
  if (mi > 59) return perr(p, TTHC_EDATE, ms, "minute %d is out of range 0-59", mi);
  if (sec > 59) return perr(p, TTHC_EDATE, ss, "second %d is out of range 0-59", sec);
  return TTHC_OK;
}

static tthc_status parse_compact(parser *p, tthc_datetime *out) {
  int y, m, d, h, mi, sec;
  TTHC_TRY(digits(p, 4, "year", &y));
  TTHC_TRY(digits(p, 2, "month", &m));
  TTHC_TRY(digits(p, 2, "day", &d));
  TTHC_TRY(digits(p, 2, "hour", &h));
  TTHC_TRY(digits(p, 2, "minute", &mi));
  TTHC_TRY(digits(p, 2, "second", &sec));
  tthc_date date = 0;
  TTHC_TRY(check_ymd(p, y, m, d, 0, 4, 6, &date));
  TTHC_TRY(check_clock(p, h, mi, sec, 8, 10, 12));
  return tthc_datetime_make(date, h, mi, sec, out);
}

/* Offset: Z | +HH:MM | +HHMM | -HH:MM ; returns seconds east of UTC. */
static tthc_status parse_offset(parser *p, int *offset) {
  char c = p->s[p->pos];
  if (c == 'Z' || c == 'z') {
    p->pos++;
    *offset = 0;
    return TTHC_OK;
  }
  if (c != '+' && c != '-')
    return perr(p, TTHC_ESYNTAX, p->pos, "expected an offset (Z, +HH:MM) or the end of input");
  size_t start = p->pos++;
  int oh, om;
  TTHC_TRY(digits(p, 2, "offset hours", &oh));
  if (p->pos < p->len && p->s[p->pos] == ':') p->pos++;
  TTHC_TRY(digits(p, 2, "offset minutes", &om));
  if (oh > 14 || om > 59)
    return perr(p, TTHC_EDATE, start, "offset %c%02d:%02d is out of range", c, oh, om);
  *offset = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  return TTHC_OK;
}

tthc_status tthc_datetime_parse(const char *s, size_t len, tthc_datetime *out, tthc_error *err) {
  parser p = {s, len, 0, "date-time", err};
  if (!out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "output pointer is NULL");
  *out = 0;
  if (!s) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "date-time text is NULL");
  if (len == 0)
    return tthc__error_set(err, TTHC_ESYNTAX, 1, 1, 0,
                           "empty date-time: expected YYYY-MM-DDTHH:MM[:SS][+07:00]");
  size_t ndig = 0;
  while (ndig < len && is_digit(s[ndig])) ndig++;
  if (ndig == len && len == 14) return parse_compact(&p, out);
  if (ndig == len && len > 4)
    return perr(&p, TTHC_ESYNTAX, 0, "the compact form needs exactly 14 digits "
                "(yyyyMMddHHmmss), not %zu", len);
  tthc_date d = 0;
  TTHC_TRY(parse_ymd(&p, &d));
  int h = 0, mi = 0, sec = 0, offset = TTHC_VN_UTC_OFFSET;
  if (p.pos < p.len) {
    if (p.s[p.pos] != 'T' && p.s[p.pos] != 't' && p.s[p.pos] != ' ')
      return perr(&p, TTHC_ESYNTAX, p.pos, "expected 'T' or a space between date and time");
    p.pos++;
    size_t hs = p.pos, ms, ss = 0;
    TTHC_TRY(digits(&p, 2, "hour", &h));
    TTHC_TRY(expect(&p, ':', "hour"));
    ms = p.pos;
    TTHC_TRY(digits(&p, 2, "minute", &mi));
    if (p.pos < p.len && p.s[p.pos] == ':') {
      p.pos++;
      ss = p.pos;
      TTHC_TRY(digits(&p, 2, "second", &sec));
      if (p.pos < p.len && (p.s[p.pos] == '.' || p.s[p.pos] == ',')) {
        size_t fs = ++p.pos;
        while (p.pos < p.len && is_digit(p.s[p.pos])) p.pos++;
        if (p.pos == fs) return perr(&p, TTHC_ESYNTAX, p.pos, "expected digits of a fraction");
      }
    }
    TTHC_TRY(check_clock(&p, h, mi, sec, hs, ms, ss));
    if (p.pos < p.len) TTHC_TRY(parse_offset(&p, &offset));
  }
  TTHC_TRY(at_end(&p));
  int64_t t = (int64_t)d * TTHC_SECONDS_PER_DAY + h * 3600 + mi * 60 + sec;
  t += TTHC_VN_UTC_OFFSET - offset;
  if (t < DT_MIN || t > DT_MAX)
    return perr(&p, TTHC_ERANGE, 0, "the instant in Vietnam time is outside 0001-9999");
  *out = t;
  return TTHC_OK;
}

/* ---- date-times and formatting ---------------------------------------------------------- */

tthc_status tthc_datetime_make(tthc_date d, int hour, int minute, int second,
                               tthc_datetime *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!tthc_date_is_valid(d), TTHC_ERANGE);
  TTHC_RETURN_IF(hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59,
                 TTHC_EDATE);
  *out = (int64_t)d * TTHC_SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  return TTHC_OK;
}

tthc_date tthc_datetime_date(tthc_datetime t) {
  return (tthc_date)tthc__floordiv(t, TTHC_SECONDS_PER_DAY);
}

int32_t tthc_datetime_time_of_day(tthc_datetime t) {
  return (int32_t)tthc__floormod(t, TTHC_SECONDS_PER_DAY);
}

tthc_status tthc_datetime_split(tthc_datetime t, tthc_date *d, int *hour, int *minute,
                                int *second) {
  int ok = t >= DT_MIN && t <= DT_MAX;
  int32_t tod = ok ? tthc_datetime_time_of_day(t) : 0;
  if (d) *d = ok ? tthc_datetime_date(t) : 0;
  if (hour) *hour = tod / 3600;
  if (minute) *minute = tod / 60 % 60;
  if (second) *second = tod % 60;
  return ok ? TTHC_OK : TTHC_ERANGE;
}

tthc_status tthc_datetime_from_unix(int64_t unix_seconds, tthc_datetime *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  int64_t t;
  TTHC_RETURN_IF(tthc__add_i64(unix_seconds, TTHC_VN_UTC_OFFSET, &t), TTHC_ERANGE);
  TTHC_RETURN_IF(t < DT_MIN || t > DT_MAX, TTHC_ERANGE);
  *out = t;
  return TTHC_OK;
}

int64_t tthc_datetime_to_unix(tthc_datetime t) { return t - TTHC_VN_UTC_OFFSET; }

/* Copy a formatted string into the caller's buffer following the library convention. */
static tthc_status emit(const char *tmp, size_t n, char *buf, size_t cap, size_t *needed) {
  if (needed) *needed = n;
  TTHC_RETURN_IF(!buf && cap > 0, TTHC_EINVAL);
  TTHC_RETURN_IF(cap < n + 1, TTHC_ENOSPC);
  memcpy(buf, tmp, n + 1);
  return TTHC_OK;
}

tthc_status tthc_date_format(tthc_date d, char *buf, size_t cap, size_t *needed) {
  int y, m, dd;
  if (needed) *needed = 10;
  TTHC_TRY(tthc_date_to_ymd(d, &y, &m, &dd));
  char tmp[TTHC_DATE_STRLEN];
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, dd);
  return emit(tmp, 10, buf, cap, needed);
}

tthc_status tthc_datetime_format(tthc_datetime t, unsigned flags, char *buf, size_t cap,
                                 size_t *needed) {
  tthc_date d = 0;
  int y, mo, dd, h, mi, s;
  if (needed) *needed = 0;
  TTHC_TRY(tthc_datetime_split(t, &d, &h, &mi, &s));
  TTHC_TRY(tthc_date_to_ymd(d, &y, &mo, &dd));
  char tmp[64];
  int n;
  if (flags & TTHC_DATETIME_COMPACT)
    n = snprintf(tmp, sizeof tmp, "%04d%02d%02d%02d%02d%02d", y, mo, dd, h, mi, s);
  else {
    n = snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d", y, mo, dd, h, mi);
    if (flags & TTHC_DATETIME_SECONDS) n += snprintf(tmp + n, sizeof tmp - (size_t)n, ":%02d", s);
    if (flags & TTHC_DATETIME_OFFSET) n += snprintf(tmp + n, sizeof tmp - (size_t)n, "+07:00");
  }
  return emit(tmp, (size_t)n, buf, cap, needed);
}
