/* procedure: limits in working time, process plans on a calendar, 4-at-place, publication. */
#include <stdlib.h>
#include <string.h>

#include "procedure_internal.h"

static int64_t rule(const tthc_proc_rules *r, tthc_proc_rule k) {
  int64_t v = 0;
  tthc_proc_rules_get(r, k, &v);
  return v;
}

/* ---- limits in working minutes ------------------------------------------------------------ */

tthc_status tthc_proc_limit_minutes(tthc_limit limit, const tthc_proc_rules *rules,
                                    int32_t *minutes) {
  TTHC_RETURN_IF(!minutes, TTHC_EINVAL);
  *minutes = 0;
  TTHC_RETURN_IF(limit.value < 0 || limit.milli < 0 || limit.milli > 999, TTHC_EINVAL);
  int64_t per_unit;
  switch (limit.unit) {
    case TTHC_LIMIT_WORKING_DAYS: per_unit = rule(rules, TTHC_RULE_MINUTES_PER_DAY); break;
    case TTHC_LIMIT_WORKING_HOURS: per_unit = 60; break;
    case TTHC_LIMIT_WITHIN_DAY:
      *minutes = (int32_t)rule(rules, TTHC_RULE_MINUTES_PER_DAY);
      return TTHC_OK;
    case TTHC_LIMIT_IMMEDIATE: return TTHC_OK;
    case TTHC_LIMIT_CALENDAR_DAYS:
    case TTHC_LIMIT_MONTHS: return TTHC_EUNSUPPORTED;
    default: return TTHC_EINVAL;
  }
  /* value + milli/1000 units, rounded to the nearest minute */
  int64_t m = (int64_t)limit.value * per_unit + ((int64_t)limit.milli * per_unit + 500) / 1000;
  TTHC_RETURN_IF(m > INT32_MAX, TTHC_ERANGE);
  *minutes = (int32_t)m;
  return TTHC_OK;
}

tthc_status tthc_process_fit(const tthc_process *p, tthc_limit limit,
                             const tthc_proc_rules *rules, int *fits, int32_t *budget,
                             int32_t *limit_minutes) {
  if (budget) *budget = 0;
  if (limit_minutes) *limit_minutes = 0;
  TTHC_RETURN_IF(!fits, TTHC_EINVAL);
  *fits = 0;
  TTHC_RETURN_IF(!p, TTHC_EINVAL);
  int32_t lm;
  TTHC_TRY(tthc_proc_limit_minutes(limit, rules, &lm));
  int32_t total = tthc_process_total(p);
  *fits = total <= lm;
  if (budget) *budget = total;
  if (limit_minutes) *limit_minutes = lm;
  return TTHC_OK;
}

/* ---- plans -------------------------------------------------------------------------------- */

tthc_status tthc_process_plan(const tthc_process *p, const tthc_cal *cal,
                              const tthc_hours *hours, const tthc_deadline_policy *policy,
                              const tthc_limit *limit, tthc_datetime received,
                              tthc_datetime *starts, tthc_datetime *dues, size_t cap,
                              size_t *count, tthc_datetime *statutory_due) {
  if (statutory_due) *statutory_due = 0;
  TTHC_RETURN_IF(!count, TTHC_EINVAL);
  *count = 0;
  TTHC_RETURN_IF(!p || !cal || (cap && (!starts || !dues)), TTHC_EINVAL);
  *count = p->nsteps;
  TTHC_RETURN_IF(p->nsteps > cap && (starts || dues), TTHC_ENOSPC);
  tthc_limit l;
  if (limit) l = *limit;
  else TTHC_TRY(tthc_limit_make(0, TTHC_LIMIT_WITHIN_DAY, &l));
  tthc_datetime t, due;
  TTHC_TRY(tthc_deadline_due(cal, hours, policy, received, l, &t, &due));
  for (size_t i = 0; i < p->nsteps; i++) {
    const proc_step *s = &p->steps[i];
    tthc_datetime begin = t;
    if (s->counted && s->minutes > 0)
      TTHC_TRY(tthc_hours_add(cal, hours, t, (int64_t)s->minutes * 60, &t));
    if (i < cap && starts) starts[i] = begin, dues[i] = t;
  }
  if (limit && statutory_due) *statutory_due = due;
  return TTHC_OK;
}

/* ---- 4-at-place --------------------------------------------------------------------------- */

static const struct {
  unsigned flag;
  const char *name, *en, *vi;
} reason_texts[] = {
    {TTHC_FOURPLACE_FIELD_LISTED, "field_listed",
     "the field is one of the 4-at-place fields",
     "lĩnh vực thuộc danh mục 4 tại chỗ"},
    {TTHC_FOURPLACE_FIELD_NOT_LISTED, "field_not_listed",
     "the field is not one of the 4-at-place fields",
     "lĩnh vực không thuộc danh mục 4 tại chỗ"},
    {TTHC_FOURPLACE_LIMIT_SHORT, "limit_short",
     "the limit is short enough for the same day",
     "thời hạn giải quyết đủ ngắn để giải quyết trong ngày"},
    {TTHC_FOURPLACE_LIMIT_MEDIUM, "limit_medium",
     "the limit qualifies only with a complete dossier",
     "thời hạn giải quyết chỉ đủ điều kiện khi hồ sơ đầy đủ, hợp lệ"},
    {TTHC_FOURPLACE_LIMIT_LONG, "limit_long",
     "the limit is too long for the same day",
     "thời hạn giải quyết quá dài để giải quyết trong ngày"},
    {TTHC_FOURPLACE_LIMIT_CALENDAR, "limit_calendar",
     "the limit is in calendar days or months",
     "thời hạn giải quyết tính theo ngày hoặc tháng dương lịch"},
    {TTHC_FOURPLACE_NO_LIMIT, "no_limit",
     "no limit is published for this channel",
     "không công bố thời hạn giải quyết cho hình thức nộp này"},
    {TTHC_FOURPLACE_COMPLETE, "complete",
     "the dossier is complete",
     "hồ sơ đầy đủ, hợp lệ"},
    {TTHC_FOURPLACE_INCOMPLETE, "incomplete",
     "the dossier is not complete",
     "hồ sơ chưa đầy đủ, hợp lệ"},
    {TTHC_FOURPLACE_BEFORE_CUTOFF, "before_cutoff",
     "received before the cut-off",
     "tiếp nhận trước giờ giới hạn"},
    {TTHC_FOURPLACE_AFTER_CUTOFF, "after_cutoff",
     "received after the cut-off",
     "tiếp nhận sau giờ giới hạn"},
    {TTHC_FOURPLACE_CLOSED, "closed",
     "received outside working hours or on a non-working day",
     "tiếp nhận ngoài giờ làm việc hoặc ngày nghỉ"},
    {TTHC_FOURPLACE_FITS_TODAY, "fits_today",
     "the four steps fit into the rest of the working day",
     "bốn bước vừa với thời gian làm việc còn lại trong ngày"},
    {TTHC_FOURPLACE_NO_TIME_LEFT, "no_time_left",
     "not enough working time is left today for the four steps",
     "không đủ thời gian làm việc còn lại trong ngày cho bốn bước"},
};

const char *tthc_fourplace_reason_name(unsigned reason) {
  for (size_t i = 0; i < sizeof reason_texts / sizeof reason_texts[0]; i++)
    if (reason_texts[i].flag == reason) return reason_texts[i].name;
  return "";
}

const char *tthc_fourplace_reason_text(unsigned reason, int vietnamese) {
  for (size_t i = 0; i < sizeof reason_texts / sizeof reason_texts[0]; i++)
    if (reason_texts[i].flag == reason) return vietnamese ? reason_texts[i].vi : reason_texts[i].en;
  return "";
}

tthc_status tthc_fourplace_check(const tthc_proc *p, tthc_channel channel,
                                 const tthc_proc_rules *rules, int complete, int *eligible,
                                 unsigned *reasons) {
  if (reasons) *reasons = 0;
  TTHC_RETURN_IF(!eligible, TTHC_EINVAL);
  *eligible = 0;
  TTHC_RETURN_IF(!p || (unsigned)channel >= TTHC_CHANNEL_COUNT, TTHC_EINVAL);
  unsigned r = 0;
  char *ff = NULL;
  if (p->field_name && !(ff = tthc__proc_fold(p->field_name, strlen(p->field_name))))
    return TTHC_ENOMEM;
  bool field_ok = ff && tthc__proc_rules_has_field(rules, ff);
  free(ff);
  r |= field_ok ? TTHC_FOURPLACE_FIELD_LISTED : TTHC_FOURPLACE_FIELD_NOT_LISTED;
  r |= complete ? TTHC_FOURPLACE_COMPLETE : TTHC_FOURPLACE_INCOMPLETE;
  bool limit_ok = false;
  const proc_limit *l = &p->limits[channel];
  int32_t m = 0;
  tthc_status st = l->set ? tthc_proc_limit_minutes(l->limit, rules, &m) : TTHC_ENOTFOUND;
  if (st == TTHC_ENOTFOUND) {
    r |= TTHC_FOURPLACE_NO_LIMIT;
  } else if (st == TTHC_EUNSUPPORTED) {
    r |= TTHC_FOURPLACE_LIMIT_CALENDAR;
  } else if (st != TTHC_OK) {
    return st;
  } else if (m <= rule(rules, TTHC_RULE_FOURPLACE_SHORT_MAX)) {
    r |= TTHC_FOURPLACE_LIMIT_SHORT, limit_ok = true;
  } else if (m <= rule(rules, TTHC_RULE_FOURPLACE_COMPLETE_MAX)) {
    r |= TTHC_FOURPLACE_LIMIT_MEDIUM, limit_ok = complete != 0;
  } else {
    r |= TTHC_FOURPLACE_LIMIT_LONG;
  }
  *eligible = field_ok && limit_ok;
  if (reasons) *reasons = r;
  return TTHC_OK;
}

tthc_status tthc_fourplace_plan(const tthc_proc *p, tthc_channel channel,
                                const tthc_proc_rules *rules, const tthc_cal *cal,
                                const tthc_hours *hours, tthc_datetime received, int complete,
                                int *eligible, unsigned *reasons, tthc_datetime dues[4]) {
  if (dues) memset(dues, 0, 4 * sizeof *dues);
  if (reasons) *reasons = 0;
  TTHC_RETURN_IF(!cal || !eligible, TTHC_EINVAL);
  unsigned r = 0;
  TTHC_TRY(tthc_fourplace_check(p, channel, rules, complete, eligible, &r));
  tthc_date d = tthc_datetime_date(received);
  int32_t tod = tthc_datetime_time_of_day(received);
  int work = 0;
  TTHC_TRY(tthc_cal_is_workday(cal, d, &work));
  int32_t st[TTHC_HOURS_MAX_SESSIONS], en[TTHC_HOURS_MAX_SESSIONS];
  size_t ns = 0;
  TTHC_TRY(tthc_hours_sessions(hours, d, st, en, TTHC_HOURS_MAX_SESSIONS, &ns));
  bool open = work && ns > 0 && tod < en[ns - 1];
  bool ok = *eligible != 0;
  if (!open) {
    r |= TTHC_FOURPLACE_CLOSED, ok = false;
  } else if (tod > rule(rules, TTHC_RULE_FOURPLACE_CUTOFF)) {
    r |= TTHC_FOURPLACE_AFTER_CUTOFF, ok = false;
  } else {
    r |= TTHC_FOURPLACE_BEFORE_CUTOFF;
  }
  if (open) {
    /* Working time left today from the first working instant at or after the receipt. */
    tthc_datetime start, end = (tthc_datetime)d * TTHC_SECONDS_PER_DAY + en[ns - 1];
    int64_t left = 0;
    TTHC_TRY(tthc_hours_next_start(cal, hours, received, &start));
    TTHC_TRY(tthc_hours_between(cal, hours, start, end, &left));
    static const tthc_proc_rule steps[4] = {TTHC_RULE_FOURPLACE_RECEIVE,
                                            TTHC_RULE_FOURPLACE_APPRAISE,
                                            TTHC_RULE_FOURPLACE_APPROVE,
                                            TTHC_RULE_FOURPLACE_RETURN};
    int64_t nominal[4], total = 0;
    for (int i = 0; i < 4; i++) total += nominal[i] = rule(rules, steps[i]) * 60;
    if (left < total || left <= 0) {
      r |= TTHC_FOURPLACE_NO_TIME_LEFT, ok = false;
    } else {
      r |= TTHC_FOURPLACE_FITS_TODAY;
      if (ok && dues) {
        int64_t cum = 0;
        for (int i = 0; i < 4; i++) {
          cum += nominal[i];
          /* share of the time left, whole minutes; the return step ends with the day */
          int64_t off = i == 3 || total == 0 ? left : left * cum / total / 60 * 60;
          TTHC_TRY(tthc_hours_add(cal, hours, start, off, &dues[i]));
        }
      }
    }
  }
  *eligible = ok;
  if (reasons) *reasons = r;
  return TTHC_OK;
}

/* ---- publication windows ------------------------------------------------------------------ */

static tthc_status publish_by(const tthc_cal *cal, tthc_date decision, tthc_issuer issuer,
                              tthc_publish_place place, const tthc_proc_rules *rules,
                              tthc_date *out) {
  static const tthc_proc_rule keys[2][2] = {
      {TTHC_RULE_PUBLISH_PROVINCE_COUNTER, TTHC_RULE_PUBLISH_PROVINCE_ONLINE},
      {TTHC_RULE_PUBLISH_MINISTRY_COUNTER, TTHC_RULE_PUBLISH_MINISTRY_ONLINE}};
  TTHC_RETURN_IF((unsigned)issuer > TTHC_ISSUER_MINISTRY || (unsigned)place > TTHC_PUBLISH_ONLINE,
                 TTHC_EINVAL);
  return tthc_cal_add_workdays(cal, decision, (int32_t)rule(rules, keys[issuer][place]), out);
}

tthc_status tthc_publication_deadlines(const tthc_cal *cal, tthc_date decision,
                                       tthc_issuer issuer, const tthc_proc_rules *rules,
                                       tthc_date *counter_by, tthc_date *online_by) {
  if (counter_by) *counter_by = 0;
  if (online_by) *online_by = 0;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  tthc_date c, o;
  TTHC_TRY(publish_by(cal, decision, issuer, TTHC_PUBLISH_COUNTER, rules, &c));
  TTHC_TRY(publish_by(cal, decision, issuer, TTHC_PUBLISH_ONLINE, rules, &o));
  if (counter_by) *counter_by = c;
  if (online_by) *online_by = o;
  return TTHC_OK;
}

tthc_status tthc_publication_check(const tthc_cal *cal, tthc_date decision, tthc_issuer issuer,
                                   tthc_publish_place place, tthc_date posted,
                                   const tthc_proc_rules *rules, int *on_time,
                                   int32_t *late_days) {
  if (late_days) *late_days = 0;
  TTHC_RETURN_IF(!on_time, TTHC_EINVAL);
  *on_time = 0;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  TTHC_RETURN_IF(posted < decision, TTHC_ERANGE);
  tthc_date by;
  TTHC_TRY(publish_by(cal, decision, issuer, place, rules, &by));
  int32_t late = 0;
  if (posted > by) TTHC_TRY(tthc_cal_count_workdays(cal, by + 1, posted, &late));
  *on_time = posted <= by;
  if (late_days) *late_days = late;
  return TTHC_OK;
}
