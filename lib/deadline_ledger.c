/* The clock ledger of one dossier: timestamped entries (pause, resume, supplementation rounds,
 * extension, finish), kept as they came. Nothing derived is stored: the due instant, the
 * working time used and whether the dossier is overdue are recomputed from the entries for
 * the instant asked, so the past can be asked about and an entry can never leave stale state.
 *
 * Model: a count starts at `origin` with a budget of working time (from the origin to the due
 * instant the limit gives). Stops (pauses, and supplementation under SUBTRACT) push the due
 * instant by the working time they lasted. Supplementation under RESTART starts a new count
 * from the receipt of the complete dossier (NĐ 61 art. 19(4)). An extension replaces the due
 * instant with the new appointment; stops after it push that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_internal.h"

typedef struct lentry {
  tthc_ledger_kind kind;
  tthc_datetime at, new_due;
} lentry;

struct tthc_ledger {
  const tthc_cal *cal;
  const tthc_hours *h;
  tthc__policy p;
  tthc_limit limit;
  lentry *e;
  size_t n, cap;
};

tthc_status tthc_ledger_new(const tthc_cal *cal, const tthc_hours *hours,
                            const tthc_deadline_policy *policy, tthc_datetime received,
                            tthc_limit limit, tthc_ledger **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!cal || !tthc__limit_valid(limit), TTHC_EINVAL);
  tthc_ledger *l = calloc(1, sizeof *l);
  TTHC_RETURN_IF(!l, TTHC_ENOMEM);
  l->cal = cal, l->h = tthc__hours(hours), l->limit = limit;
  tthc__policy_get(policy, &l->p);
  l->cap = 8;
  l->e = malloc(l->cap * sizeof *l->e);
  if (!l->e) {
    free(l);
    return TTHC_ENOMEM;
  }
  l->e[0] = (lentry){TTHC_LEDGER_RECEIVED, received, 0};
  l->n = 1;
  tthc_ledger_status st;
  tthc_status s = tthc_ledger_status_at(l, received, &st);
  if (s != TTHC_OK) {
    tthc_ledger_free(l);
    return s;
  }
  *out = l;
  return TTHC_OK;
}

void tthc_ledger_free(tthc_ledger *l) {
  if (!l) return;
  free(l->e);
  free(l);
}

size_t tthc_ledger_count(const tthc_ledger *l) { return l ? l->n : 0; }

tthc_status tthc_ledger_entry(const tthc_ledger *l, size_t i, tthc_ledger_kind *kind,
                              tthc_datetime *at, tthc_datetime *new_due) {
  if (kind) *kind = TTHC_LEDGER_RECEIVED;
  if (at) *at = 0;
  if (new_due) *new_due = 0;
  TTHC_RETURN_IF(!l, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= l->n, TTHC_ERANGE);
  if (kind) *kind = l->e[i].kind;
  if (at) *at = l->e[i].at;
  if (new_due) *new_due = l->e[i].new_due;
  return TTHC_OK;
}

/* A count: its origin, the due instant `base` reached with `base_stopped` of stops, and the
 * budget of working time it allows. */
typedef struct count {
  tthc_datetime origin, base;
  int64_t budget, stopped, base_stopped;
} count;

static tthc_status count_from(const tthc_ledger *l, tthc_datetime received, count *c) {
  tthc__start st;
  tthc__due du;
  TTHC_TRY(tthc__deadline_start(l->cal, l->h, &l->p, received, l->limit, &st));
  TTHC_TRY(tthc__deadline_from_start(l->cal, l->h, &l->p, st.start, l->limit, &du));
  c->origin = st.start, c->base = du.due, c->stopped = c->base_stopped = 0;
  return tthc_hours_between(l->cal, l->h, c->origin, c->base, &c->budget);
}

/* Replay the first n entries that are not after `at`. */
static tthc_status replay(const tthc_ledger *l, size_t n, tthc_datetime at,
                          tthc_ledger_status *o) {
  const tthc_cal *cal = l->cal;
  const tthc_hours *h = l->h;
  int restart = l->p.v[TTHC_POLICY_SUPPLEMENT] == TTHC_SUPPLEMENT_RESTART;
  count c;
  tthc_datetime stop_since = 0, finish = 0;
  int64_t w;
  memset(o, 0, sizeof *o);
  TTHC_TRY(count_from(l, l->e[0].at, &c));
  o->state = TTHC_CLOCK_RUNNING;
  for (size_t i = 1; i < n && l->e[i].at <= at; i++) {
    const lentry *e = &l->e[i];
    switch (e->kind) {
      case TTHC_LEDGER_SUPPLEMENT_REQUEST:
        o->supplement_rounds++;
        /* fall through */
      case TTHC_LEDGER_PAUSE:
        o->state = e->kind == TTHC_LEDGER_PAUSE ? TTHC_CLOCK_PAUSED
                                                : TTHC_CLOCK_AWAITING_SUPPLEMENT;
        stop_since = e->at;
        break;
      case TTHC_LEDGER_SUPPLEMENT_RECEIVED:
        if (restart) {
          TTHC_TRY(tthc_hours_between(cal, h, c.origin, stop_since, &w));
          if (w - c.stopped > c.budget) o->overdue_before_restart = 1;
          TTHC_TRY(count_from(l, e->at, &c));
          o->state = TTHC_CLOCK_RUNNING;
          break;
        }
        /* SUBTRACT takes the citizen's time out like a pause */
        /* fall through */
      case TTHC_LEDGER_RESUME:
        TTHC_TRY(tthc_hours_between(cal, h, stop_since, e->at, &w));
        c.stopped += w;
        o->state = TTHC_CLOCK_RUNNING;
        break;
      case TTHC_LEDGER_EXTEND:
        w = 0;
        if (o->state == TTHC_CLOCK_PAUSED)
          TTHC_TRY(tthc_hours_between(cal, h, stop_since, e->at, &w));
        c.base = e->new_due;
        c.base_stopped = c.stopped + w;
        TTHC_TRY(tthc_hours_between(cal, h, c.origin, c.base, &c.budget));
        c.budget -= c.base_stopped;
        o->extensions++;
        break;
      case TTHC_LEDGER_FINISH:
        o->state = TTHC_CLOCK_FINISHED;
        finish = e->at;
        break;
      default:
        return TTHC_EINVAL;
    }
  }
  tthc_datetime end = o->state == TTHC_CLOCK_FINISHED ? finish : at;
  int stopped_now = o->state == TTHC_CLOCK_PAUSED || o->state == TTHC_CLOCK_AWAITING_SUPPLEMENT;
  int64_t cur = 0, total;
  if (stopped_now) TTHC_TRY(tthc_hours_between(cal, h, stop_since, end, &cur));
  TTHC_TRY(tthc_hours_between(cal, h, c.origin, end, &total));
  o->start = c.origin;
  o->budget = c.budget;
  o->used = total - c.stopped - cur;
  o->remaining = c.budget - o->used;
  o->stopped = c.stopped + cur;
  if (o->state == TTHC_CLOCK_AWAITING_SUPPLEMENT && restart) {
    count next; /* where a new count would end if the complete dossier came now */
    TTHC_TRY(count_from(l, at, &next));
    o->due = next.base;
  } else {
    int64_t extra = c.stopped + cur - c.base_stopped;
    o->due = c.base;
    if (extra > 0) TTHC_TRY(tthc_hours_add(cal, h, c.base, extra, &o->due));
  }
  o->overdue = end > o->due;
  if (o->overdue) TTHC_TRY(tthc_hours_between(cal, h, o->due, end, &o->late_by));
  return TTHC_OK;
}

tthc_status tthc_ledger_status_at(const tthc_ledger *l, tthc_datetime at,
                                  tthc_ledger_status *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!l || at < l->e[0].at, TTHC_EINVAL);
  return replay(l, l->n, at, out);
}

const char *tthc_ledger_kind_name(tthc_ledger_kind kind) {
  static const char *const n[] = {"received", "pause", "resume", "supplement_request",
                                  "supplement_received", "extend", "finish"};
  return (unsigned)kind <= TTHC_LEDGER_FINISH ? n[kind] : NULL;
}

const char *tthc_clock_state_name(tthc_clock_state state) {
  static const char *const n[] = {"running", "paused", "awaiting_supplement", "finished"};
  return (unsigned)state <= TTHC_CLOCK_FINISHED ? n[state] : NULL;
}

/* May an entry of `kind` follow a clock in `state`? */
static int allowed(tthc_ledger_kind kind, tthc_clock_state state) {
  switch (kind) {
    case TTHC_LEDGER_PAUSE:
    case TTHC_LEDGER_SUPPLEMENT_REQUEST: return state == TTHC_CLOCK_RUNNING;
    case TTHC_LEDGER_RESUME: return state == TTHC_CLOCK_PAUSED;
    case TTHC_LEDGER_SUPPLEMENT_RECEIVED: return state == TTHC_CLOCK_AWAITING_SUPPLEMENT;
    case TTHC_LEDGER_EXTEND: return state == TTHC_CLOCK_RUNNING || state == TTHC_CLOCK_PAUSED;
    case TTHC_LEDGER_FINISH: return state != TTHC_CLOCK_FINISHED;
    default: return 0;
  }
}

static void fmt_dt(tthc_datetime t, char out[TTHC_DATETIME_STRLEN]) {
  if (tthc_datetime_format(t, 0, out, TTHC_DATETIME_STRLEN, NULL) != TTHC_OK) snprintf(out, TTHC_DATETIME_STRLEN, "?");
}

tthc_status tthc_ledger_add(tthc_ledger *l, tthc_ledger_kind kind, tthc_datetime at,
                            tthc_datetime new_due, tthc_error *err) {
  char a[TTHC_DATETIME_STRLEN], b[TTHC_DATETIME_STRLEN];
  if (!l) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "ledger is NULL");
  const char *name = tthc_ledger_kind_name(kind);
  if (!name || kind == TTHC_LEDGER_RECEIVED)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "%s entries cannot be added",
                           name ? "the receipt is the first entry; further received"
                                : "unknown kind of");
  const lentry *last = &l->e[l->n - 1];
  fmt_dt(at, a);
  fmt_dt(last->at, b);
  if (at < last->at)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1,
                           "%s at %s is out of time order: the last entry (%s) is at %s", name,
                           a, tthc_ledger_kind_name(last->kind), b);
  tthc_ledger_status st;
  TTHC_TRY(replay(l, l->n, at, &st));
  if (!allowed(kind, st.state))
    return tthc__error_set(err, TTHC_ESTATE, 0, 0, -1, "%s at %s is not allowed: the clock is %s",
                           name, a, tthc_clock_state_name(st.state));
  if (kind == TTHC_LEDGER_EXTEND) {
    if (st.extensions >= l->p.v[TTHC_POLICY_MAX_EXTENSIONS])
      return tthc__error_set(err, TTHC_ESTATE, 0, 0, -1,
                             "extend at %s is not allowed: %d extension(s) already (the "
                             "policy allows %d)", a, (int)st.extensions,
                             (int)l->p.v[TTHC_POLICY_MAX_EXTENSIONS]);
    fmt_dt(st.due, b);
    if (new_due <= st.due) {
      fmt_dt(new_due, a);
      return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1,
                             "the new appointment %s is not later than the current due %s", a,
                             b);
    }
  }
  if (l->n == l->cap) {
    lentry *ne = realloc(l->e, l->cap * 2 * sizeof *ne);
    if (!ne) return tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, "out of memory");
    l->e = ne, l->cap *= 2;
  }
  l->e[l->n++] = (lentry){kind, at, kind == TTHC_LEDGER_EXTEND ? new_due : 0};
  tthc_status s = replay(l, l->n, at, &st);
  if (s != TTHC_OK) {
    l->n--; /* leave the ledger as it was */
    return tthc__error_set(err, s, 0, 0, -1, "%s at %s: %s", name, a, tthc_strerror(s));
  }
  return TTHC_OK;
}
