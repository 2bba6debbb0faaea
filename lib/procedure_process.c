/* procedure: internal processes (steps and budgets) and reduction arithmetic. */
#include <stdlib.h>
#include <string.h>

#include "procedure_internal.h"

/* a / b rounded half away from zero (b > 0). */
static int64_t div_round(int64_t a, int64_t b) {
  return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

/* ---- processes ---------------------------------------------------------------------------- */

tthc_status tthc_process_new(tthc_process **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = calloc(1, sizeof **out);
  return *out ? TTHC_OK : TTHC_ENOMEM;
}

static void step_clear(proc_step *s) {
  free(s->description);
  free(s->role);
  free(s->budget_text);
}

void tthc_process_free(tthc_process *p) {
  if (!p) return;
  for (size_t i = 0; i < p->nsteps; i++) step_clear(&p->steps[i]);
  free(p->steps);
  free(p);
}

tthc_status tthc_process_add_step(tthc_process *p, tthc_process_step_kind kind,
                                  const char *description, const char *role, int32_t minutes,
                                  int counted, const char *budget_text) {
  TTHC_RETURN_IF(!p || (unsigned)kind > TTHC_PROCESS_OTHER, TTHC_EINVAL);
  TTHC_RETURN_IF(minutes < 0 || minutes > 14400, TTHC_ERANGE);
  TTHC_RETURN_IF(!counted && minutes != 0, TTHC_EINVAL);
  proc_step s = {.kind = kind, .minutes = minutes, .counted = counted != 0};
  tthc_status st = tthc__proc_setstr(&s.description, description);
  if (st == TTHC_OK) st = tthc__proc_setstr(&s.role, role);
  if (st == TTHC_OK) st = tthc__proc_setstr(&s.budget_text, budget_text);
  proc_step *slot = st == TTHC_OK ? tthc__proc_push((void **)&p->steps, &p->nsteps, sizeof s)
                                  : NULL;
  if (!slot) {
    step_clear(&s);
    return st == TTHC_OK ? TTHC_ENOMEM : st;
  }
  *slot = s;
  return TTHC_OK;
}

size_t tthc_process_step_count(const tthc_process *p) { return p ? p->nsteps : 0; }

tthc_status tthc_process_step(const tthc_process *p, size_t i, tthc_process_step_kind *kind,
                              const char **description, const char **role, int32_t *minutes,
                              int *counted, const char **budget_text) {
  TTHC_RETURN_IF(!p, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= p->nsteps, TTHC_ERANGE);
  const proc_step *s = &p->steps[i];
  if (kind) *kind = s->kind;
  if (description) *description = s->description;
  if (role) *role = s->role;
  if (minutes) *minutes = s->minutes;
  if (counted) *counted = s->counted;
  if (budget_text) *budget_text = s->budget_text;
  return TTHC_OK;
}

int32_t tthc_process_total(const tthc_process *p) {
  int32_t t = 0;
  for (size_t i = 0; p && i < p->nsteps; i++)
    if (p->steps[i].counted) t += p->steps[i].minutes;
  return t;
}

tthc_process *tthc__process_clone(const tthc_process *p) {
  tthc_process *c = NULL;
  if (tthc_process_new(&c) != TTHC_OK) return NULL;
  for (size_t i = 0; i < p->nsteps; i++) {
    const proc_step *s = &p->steps[i];
    if (tthc_process_add_step(c, s->kind, s->description, s->role, s->minutes, s->counted,
                              s->budget_text) != TTHC_OK) {
      tthc_process_free(c);
      return NULL;
    }
  }
  return c;
}

/* ---- budget phrases ----------------------------------------------------------------------- */

typedef struct token {
  const char *s;  /* start in the input */
  size_t len;     /* bytes */
  char *fold;     /* folded token */
} token;

/* Split at ASCII white space; fold each token. Returns the count, -1 on allocation failure. */
static int tokenize(const char *s, size_t len, token *t, int max) {
  int n = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    if (i >= len) break;
    size_t b = i;
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') i++;
    if (n == max) return n + 1; /* too many: caller reports the extra token */
    t[n].s = s + b, t[n].len = i - b;
    t[n].fold = tthc__proc_fold(s + b, i - b);
    if (!t[n].fold) {
      for (int k = 0; k < n; k++) free(t[k].fold);
      return -1;
    }
    n++;
  }
  return n;
}

/* Parse "0,5", "07", "2.5", "1/2" into num/den; false if not a number. */
static bool parse_number(const char *s, size_t len, int64_t *num, int64_t *den) {
  int64_t a = 0, b = 1;
  size_t i = 0, digits = 0;
  while (i < len && s[i] >= '0' && s[i] <= '9' && a < 100000) a = a * 10 + (s[i++] - '0'), digits++;
  if (!digits) return false;
  if (i < len && (s[i] == ',' || s[i] == '.')) {
    size_t fd = 0;
    i++;
    while (i < len && s[i] >= '0' && s[i] <= '9' && fd < 4)
      a = a * 10 + (s[i++] - '0'), b *= 10, fd++;
    if (!fd) return false;
  } else if (i < len && s[i] == '/') {
    int64_t d = 0;
    size_t dd = 0;
    i++;
    while (i < len && s[i] >= '0' && s[i] <= '9' && d < 100000) d = d * 10 + (s[i++] - '0'), dd++;
    if (!dd || d == 0) return false;
    b = d;
  }
  if (i != len) return false;
  *num = a, *den = b;
  return true;
}

tthc_status tthc_process_parse_budget(const char *s, size_t len, int32_t minutes_per_day,
                                      int32_t *minutes, int *counted, tthc_error *err) {
  if (minutes) *minutes = 0;
  if (counted) *counted = 0;
  if (!s || !minutes || !counted || minutes_per_day < 60 || minutes_per_day > 1440)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "invalid argument");
  if (!tthc__proc_utf8_ok(s, len))
    return tthc__error_set(err, TTHC_EUTF8, 0, 0, -1, "step budget is not valid UTF-8");
  char q[120];
  tthc__quote(q, sizeof q, s, len, 64);
  token t[8];
  int n = tokenize(s, len, t, 7);
  if (n < 0) return tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, NULL);
  tthc_status st = TTHC_OK;
  int bad = -1; /* index of the offending token, n for "missing at the end" */
  const char *why = NULL;
  int64_t num = 0, den = 1, unit = 0;
  if (n == 0) {
    bad = 0, why = "expected a number and a unit (ngày, giờ, phút) or \"không tính\"";
  } else if (n > 7) {
    bad = 7, why = "too many words";
  } else if (strcmp(t[0].fold, "khong") == 0 && n >= 2 && strcmp(t[1].fold, "tinh") == 0) {
    *counted = 0; /* "không tính thời gian", "không tính vào thời gian giải quyết" */
  } else if (!parse_number(t[0].s, t[0].len, &num, &den)) {
    bad = 0, why = "expected a number such as 0,5 or 07";
  } else if (n < 2) {
    bad = n, why = "expected a unit after the number: ngày, giờ or phút";
  } else {
    if (strcmp(t[1].fold, "ngay") == 0) unit = minutes_per_day;
    else if (strcmp(t[1].fold, "gio") == 0) unit = 60;
    else if (strcmp(t[1].fold, "phut") == 0) unit = 1;
    else bad = 1, why = "expected a unit: ngày, giờ or phút";
    if (bad < 0 && n > 2) {
      if (n == 4 && strcmp(t[2].fold, "lam") == 0 && strcmp(t[3].fold, "viec") == 0) {
        /* "ngày làm việc", "giờ làm việc" */
      } else {
        bad = 2, why = "unexpected words after the unit (only \"làm việc\" may follow)";
      }
    }
    if (bad < 0) {
      int64_t m = div_round(num * unit, den);
      if (m > 30 * (int64_t)minutes_per_day) {
        st = tthc__error_set(err, TTHC_ERANGE, 1, 1, 0,
                             "step budget %s is longer than 30 working days", q);
      } else {
        *minutes = (int32_t)m;
        *counted = 1;
      }
    }
  }
  if (bad >= 0) {
    size_t off = bad < n && bad < 7 ? (size_t)(t[bad].s - s) : len;
    int32_t col = tthc__utf8_columns(s, off) + 1;
    st = tthc__error_set(err, TTHC_ESYNTAX, 1, col, (int64_t)off,
                         "invalid step budget %s at column %d: %s", q, (int)col, why);
  }
  for (int k = 0; k < n && k < 7; k++) free(t[k].fold);
  return st;
}

/* ---- reductions --------------------------------------------------------------------------- */

static int64_t rule(const tthc_proc_rules *r, tthc_proc_rule k) {
  int64_t v = 0;
  tthc_proc_rules_get(r, k, &v);
  return v;
}

tthc_status tthc_reduction_target(int32_t limit, int percent, const tthc_proc_rules *rules,
                                  int32_t *target) {
  TTHC_RETURN_IF(!target, TTHC_EINVAL);
  *target = 0;
  TTHC_RETURN_IF(percent < 1 || percent > 99, TTHC_ERANGE);
  TTHC_RETURN_IF(limit < rule(rules, TTHC_RULE_REDUCTION_MIN) || limit <= 0, TTHC_ERANGE);
  int64_t unit = rule(rules, TTHC_RULE_REDUCTION_ROUND);
  int64_t a = (int64_t)limit * (100 - percent), b = 100 * unit; /* exact = a / b units */
  int64_t units;
  switch (rule(rules, TTHC_RULE_REDUCTION_ROUND_MODE)) {
    case TTHC_ROUND_UP: units = (a + b - 1) / b; break;
    case TTHC_ROUND_NEAREST: units = div_round(a, b); break;
    default: units = a / b; break;
  }
  int64_t t = units * unit;
  if (t < unit) t = unit;
  if (t > limit) t = limit;
  *target = (int32_t)t;
  return TTHC_OK;
}

tthc_status tthc_process_scale(const tthc_process *p, int32_t target,
                               const tthc_proc_rules *rules, tthc_process **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!p, TTHC_EINVAL);
  int64_t total = tthc_process_total(p);
  TTHC_RETURN_IF(target <= 0 || target > 14400 * 16 || total <= 0, TTHC_ERANGE);
  int64_t g = rule(rules, TTHC_RULE_REDUCTION_STEP_ROUND);
  int64_t units = target / g, rest = target - units * g;
  size_t n = p->nsteps;
  int64_t *alloc = calloc(n ? n : 1, sizeof *alloc), *frac = calloc(n ? n : 1, sizeof *frac);
  tthc_process *c = tthc__process_clone(p);
  if (!alloc || !frac || !c) {
    free(alloc);
    free(frac);
    tthc_process_free(c);
    return TTHC_ENOMEM;
  }
  /* Largest remainder: floor shares, then the leftover units to the largest remainders. */
  int64_t given = 0;
  size_t ncounted = 0;
  for (size_t i = 0; i < n; i++) {
    if (!p->steps[i].counted || p->steps[i].minutes == 0) continue;
    int64_t share = p->steps[i].minutes * units;
    alloc[i] = share / total, frac[i] = share % total;
    given += alloc[i];
    ncounted++;
  }
  for (; given < units; given++) {
    size_t best = n;
    for (size_t i = 0; i < n; i++)
      if (p->steps[i].counted && p->steps[i].minutes > 0 && frac[i] >= 0 &&
          (best == n || frac[i] > frac[best]))
        best = i;
    alloc[best]++;
    frac[best] = -1; /* each step gets at most one extra unit */
  }
  /* Keep every counted step non-empty when there are enough units. */
  if (units >= (int64_t)ncounted) {
    for (size_t i = 0; i < n; i++) {
      if (!p->steps[i].counted || p->steps[i].minutes == 0 || alloc[i] > 0) continue;
      size_t big = n;
      for (size_t k = 0; k < n; k++)
        if (alloc[k] > 1 && (big == n || alloc[k] > alloc[big])) big = k;
      if (big == n) break;
      alloc[big]--, alloc[i]++;
    }
  }
  size_t largest = n;
  for (size_t i = 0; i < n; i++) {
    if (!p->steps[i].counted) continue;
    if (largest == n || alloc[i] > alloc[largest]) largest = i;
  }
  for (size_t i = 0; i < n; i++) {
    if (!c->steps[i].counted) continue;
    c->steps[i].minutes = (int32_t)(alloc[i] * g + (i == largest ? rest : 0));
    free(c->steps[i].budget_text); /* the published wording no longer applies */
    c->steps[i].budget_text = NULL;
  }
  free(alloc);
  free(frac);
  *out = c;
  return TTHC_OK;
}

tthc_status tthc_reduction_achieved(int32_t limit, const int32_t *actual, size_t n,
                                    int32_t *mean, int32_t *reduction_bp) {
  if (mean) *mean = 0;
  if (reduction_bp) *reduction_bp = 0;
  TTHC_RETURN_IF(!actual || n == 0 || !reduction_bp, TTHC_EINVAL);
  TTHC_RETURN_IF(limit <= 0 || n > ((size_t)1 << 31), TTHC_ERANGE);
  int64_t sum = 0; /* < 2^31 values of < 2^31: no overflow */
  for (size_t i = 0; i < n; i++) {
    TTHC_RETURN_IF(actual[i] < 0, TTHC_ERANGE);
    sum += actual[i];
  }
  /* Basis points in double: 53 bits are ample for a ratio shown to 0.01 %. */
  double exact = 10000.0 * ((double)n * limit - (double)sum) / ((double)n * limit);
  double bp = exact >= 0 ? (double)(int64_t)(exact + 0.5) : -(double)(int64_t)(-exact + 0.5);
  TTHC_RETURN_IF(bp < INT32_MIN, TTHC_ERANGE);
  if (mean) *mean = (int32_t)div_round(sum, (int64_t)n);
  *reduction_bp = (int32_t)bp;
  return TTHC_OK;
}
