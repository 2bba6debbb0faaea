/* indicator: recurring report deadlines (iCalendar RRULE via libical) moved off days off. */
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "indicator_internal.h"

#define MAX_RULE 512
#define MAX_OCCURRENCES 100000

/* @p at is an offset in @p rule, which starts @p skip bytes into the caller's text (after an
 * "RRULE:" prefix): positions are reported in the caller's text. */
static tthc_status rule_error(tthc_error *err, tthc_status st, const char *rule, size_t len,
                              size_t skip, size_t at, const char *what) {
  at += skip;
  char q[96];
  tthc__quote(q, sizeof q, rule, len, 60);
  return tthc__error_set(err, st, 1, (int32_t)at + 1, (int64_t)at, "recurrence rule %s: %s", q,
                         what);
}

/* Check the rule before libical sees it (libical asserts on some input and keeps a global
 * errno): the characters, the length, and a FREQ of a day or longer. */
static tthc_status check_rule(const char *s, size_t n, size_t skip, tthc_error *err) {
  if (n == 0 || n > MAX_RULE)
    return rule_error(err, TTHC_ESYNTAX, s, n, skip, 0, "must be 1-512 bytes long");
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(";=,:+-", c)))
      return rule_error(err, TTHC_ESYNTAX, s, n, skip, i,
                        "only uppercase letters, digits and ;=,:+- are allowed");
  }
  const char *f = NULL;
  for (size_t i = 0; i + 5 <= n; i++)
    if ((i == 0 || s[i - 1] == ';') && memcmp(s + i, "FREQ=", 5) == 0) f = s + i + 5;
  if (!f) return rule_error(err, TTHC_ESYNTAX, s, n, skip, 0, "FREQ is missing");
  static const char *const ok[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  static const char *const fine[] = {"SECONDLY", "MINUTELY", "HOURLY"};
  size_t fl = (size_t)(s + n - f);
  const char *semi = memchr(f, ';', fl);
  if (semi) fl = (size_t)(semi - f);
  /* libical 3.0 evaluates BYWEEKNO wrongly (FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO gives a Tuesday
   * and dates out of order): refuse it rather than return wrong deadlines. */
  for (size_t i = 0; i + 9 <= n; i++)
    if ((i == 0 || s[i - 1] == ';') && memcmp(s + i, "BYWEEKNO=", 9) == 0)
      return rule_error(err, TTHC_EUNSUPPORTED, s, n, skip, i, "BYWEEKNO is not supported");
  for (size_t k = 0; k < 4; k++)
    if (strlen(ok[k]) == fl && memcmp(f, ok[k], fl) == 0) return TTHC_OK;
  for (size_t k = 0; k < 3; k++)
    if (strlen(fine[k]) == fl && memcmp(f, fine[k], fl) == 0)
      return rule_error(err, TTHC_EUNSUPPORTED, s, n, skip, (size_t)(f - s),
                        "a report deadline recurs daily at the finest");
  return rule_error(err, TTHC_ESYNTAX, s, n, skip, (size_t)(f - s),
                    "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
}

tthc_status tthc_schedule_dates(const char *rrule, size_t len, tthc_date start,
                                const tthc_cal *cal, tthc_date from, tthc_date to,
                                tthc_date *nominal, tthc_date *due, size_t cap, size_t *count,
                                tthc_error *err) {
  if (count) *count = 0;
  if (!rrule || !cal || !count || (cap && !due) || to < from)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "bad argument");
  size_t skip = 0;
  if (len >= 6 && memcmp(rrule, "RRULE:", 6) == 0) rrule += 6, len -= 6, skip = 6;
  TTHC_TRY(check_rule(rrule, len, skip, err));
  int y, m, d;
  if (tthc_date_to_ymd(start, &y, &m, &d) != TTHC_OK || y < 1900 || y > 2199)
    return tthc__error_set(err, TTHC_ERANGE, 0, 0, -1, "the start date must be in 1900-2199");
  char text[MAX_RULE + 1], dts[16];
  memcpy(text, rrule, len);
  text[len] = '\0';
  snprintf(dts, sizeof dts, "%04d%02d%02d", y % 10000, m & 15, d & 31);
  icalerror_clear_errno();
  struct icalrecurrencetype rule = icalrecurrencetype_from_string(text);
  if (rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    return rule_error(err, TTHC_ESYNTAX, rrule, len, skip, 0,
                      "is not a valid RRULE (RFC 5545)");
  }
  icalrecur_iterator *it = icalrecur_iterator_new(rule, icaltime_from_string(dts));
  if (!it) {
    icalerror_clear_errno();
    return rule_error(err, TTHC_ESYNTAX, rrule, len, skip, 0,
                      "cannot be evaluated (a value out of range?)");
  }
  tthc_status st = TTHC_OK;
  size_t n = 0, steps = 0;
  tthc_date last = 0;
  for (struct icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it)) {
    tthc_date day;
    if (tthc_date_from_ymd(t.year, t.month, t.day, &day) != TTHC_OK || day > to) break;
    if (++steps > MAX_OCCURRENCES) {
      st = TTHC_ERANGE;
      break;
    }
    if (steps > 1 && day <= last) { /* a libical defect: never hand out such a list */
      st = TTHC_EUNSUPPORTED;
      break;
    }
    last = day;
    if (day < from) continue;
    int work = 0;
    tthc_date moved = day;
    st = tthc_cal_is_workday(cal, day, &work);
    if (st == TTHC_OK && !work) st = tthc_cal_prev_workday(cal, day, &moved);
    if (st != TTHC_OK) break;
    if (n < cap) {
      due[n] = moved;
      if (nominal) nominal[n] = day;
    }
    n++;
  }
  icalrecur_iterator_free(it);
  icalerror_clear_errno();
  *count = n;
  if (st == TTHC_ERANGE && steps > MAX_OCCURRENCES)
    return tthc__error_set(err, st, 0, 0, -1, "more than %d occurrences", MAX_OCCURRENCES);
  if (st == TTHC_EUNSUPPORTED)
    return rule_error(err, st, rrule, len, skip, 0,
                      "libical returned its occurrences out of order; rule not supported");
  if (st != TTHC_OK) return tthc__error_set(err, st, 0, 0, -1, "a date outside the calendar");
  return n > cap ? TTHC_ENOSPC : TTHC_OK;
}
