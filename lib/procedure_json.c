/* procedure: JSON load and save of catalogs (jansson). The schema is in docs/procedure.md.
 * Every error names the JSON path ($.procedures[12].limit) and the problem; nothing is built
 * unless the whole document is valid. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_internal.h"
#include "procedure_internal.h"

/* ---- paths and errors --------------------------------------------------------------------- */

typedef struct ctx {
  char path[256];
  size_t len;
  tthc_error *err;
  tthc_proc_rules *rules;       /* rules of the document (defaults until "rules" is read) */
  int64_t record;               /* index in "procedures", -1 outside */
} ctx;

static size_t path_push_key(ctx *c, const char *key) {
  size_t old = c->len;
  int n = snprintf(c->path + c->len, sizeof c->path - c->len, ".%s", key);
  if (n > 0) c->len = c->len + (size_t)n < sizeof c->path ? c->len + (size_t)n : sizeof c->path - 1;
  return old;
}

static size_t path_push_index(ctx *c, size_t i) {
  size_t old = c->len;
  int n = snprintf(c->path + c->len, sizeof c->path - c->len, "[%zu]", i);
  if (n > 0) c->len = c->len + (size_t)n < sizeof c->path ? c->len + (size_t)n : sizeof c->path - 1;
  return old;
}

static void path_pop(ctx *c, size_t old) {
  c->len = old;
  c->path[old] = '\0';
}

static void fail_set(ctx *c, tthc_status st, const char *fmt, ...) TTHC_PRINTF(3, 4);
static void fail_set(ctx *c, tthc_status st, const char *fmt, ...) {
  char msg[TTHC_ERROR_MESSAGE_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  tthc__error_set(c->err, st, 0, 0, -1, "%s: %s", c->path, msg);
  tthc__error_record(c->err, c->record, st);
}

/* Report a problem at the current path and evaluate to its status (never TTHC_OK). A macro so
 * that the status is visible where it is returned (the static analyzer does not follow
 * variadic calls); ST must have no side effects. */
#define fail(c, st, ...) (fail_set((c), (st), __VA_ARGS__), (st))

static const char *type_name(const json_t *v) {
  switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
  }
}

static tthc_status expect(ctx *c, const json_t *v, json_type t, const char *what) {
  if (json_typeof(v) == t || (t == JSON_TRUE && json_is_boolean(v))) return TTHC_OK;
  return fail(c, TTHC_EFORMAT, "expected %s, found %s", what, type_name(v));
}

static tthc_status get_string(ctx *c, const json_t *v, bool nonempty, const char **out) {
  TTHC_TRY(expect(c, v, JSON_STRING, "a string"));
  *out = json_string_value(v);
  if (nonempty && !**out) return fail(c, TTHC_EFORMAT, "must not be empty");
  return TTHC_OK;
}

static tthc_status get_int(ctx *c, const json_t *v, int64_t lo, int64_t hi, int64_t *out) {
  TTHC_TRY(expect(c, v, JSON_INTEGER, "an integer"));
  json_int_t x = json_integer_value(v);
  if (x < lo || x > hi)
    return fail(c, TTHC_EFORMAT, "%lld is out of range %lld-%lld", (long long)x, (long long)lo,
                (long long)hi);
  *out = x;
  return TTHC_OK;
}

/* Map a library status from a setter to a message at the current path. */
static tthc_status setter(ctx *c, tthc_status st) {
  if (st == TTHC_OK) return st;
  if (st == TTHC_ENOMEM) return fail(c, st, "out of memory");
  return fail(c, st == TTHC_EUTF8 ? TTHC_EUTF8 : TTHC_EFORMAT, "%s", tthc_strerror(st));
}

/* Look a key up in a name table; -1 if absent. */
static int lookup(const char *key, const char *const *names, int n) {
  for (int i = 0; i < n; i++)
    if (strcmp(key, names[i]) == 0) return i;
  return -1;
}

static tthc_status unknown_key(ctx *c, const char *key) {
  char q[96];
  tthc__quote(q, sizeof q, key, strlen(key), 48);
  return fail(c, TTHC_EFORMAT, "unknown key %s", q);
}

static tthc_status missing_key(ctx *c, const char *key) {
  return fail(c, TTHC_EFORMAT, "missing required key \"%s\"", key);
}

static tthc_status enum_value(ctx *c, const json_t *v, const char *const *names, int n, int *out) {
  const char *s;
  TTHC_TRY(get_string(c, v, false, &s));
  int i = lookup(s, names, n);
  if (i < 0) {
    char q[96], list[160] = "";
    tthc__quote(q, sizeof q, s, strlen(s), 48);
    for (int k = 0; k < n; k++) {
      size_t l = strlen(list);
      snprintf(list + l, sizeof list - l, "%s\"%s\"", k ? ", " : "", names[k]);
    }
    return fail(c, TTHC_EFORMAT, "%s is not one of %s", q, list);
  }
  *out = i;
  return TTHC_OK;
}

/* ---- walkers ------------------------------------------------------------------------------ */

/* Call fn(c, k, value, state) for each member of object o, k being the index of its key in
 * keys; the key is on the path meanwhile. An unknown key is an error. */
typedef tthc_status (*member_fn)(ctx *c, int k, const json_t *v, void *state);

static tthc_status members(ctx *c, const json_t *o, const char *const *keys, int n,
                           member_fn fn, void *state) {
  TTHC_TRY(expect(c, o, JSON_OBJECT, "an object"));
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)o, key, v) {
    size_t old = path_push_key(c, key);
    int k = lookup(key, keys, n);
    tthc_status st = k < 0 ? unknown_key(c, key) : fn(c, k, v, state);
    path_pop(c, old);
    TTHC_TRY(st);
  }
  return TTHC_OK;
}

/* Call fn(c, element, state) for each element of array a, with [i] on the path. */
typedef tthc_status (*element_fn)(ctx *c, const json_t *v, void *state);

static tthc_status elements(ctx *c, const json_t *a, const char *what, element_fn fn,
                            void *state) {
  TTHC_TRY(expect(c, a, JSON_ARRAY, what));
  for (size_t i = 0; i < json_array_size(a); i++) {
    size_t old = path_push_index(c, i);
    tthc_status st = fn(c, json_array_get(a, i), state);
    path_pop(c, old);
    TTHC_TRY(st);
  }
  return TTHC_OK;
}

/* A boolean member (true or false) into an int. */
static tthc_status get_bool(ctx *c, const json_t *v, int *out) {
  TTHC_TRY(expect(c, v, JSON_TRUE, "a boolean"));
  *out = json_is_true(v);
  return TTHC_OK;
}

/* ---- rules -------------------------------------------------------------------------------- */

static const char *const level_keys[] = {"unknown", "central", "province", "district", "commune"};
static const char *const channel_keys[] = {"direct", "online", "postal"};
static const char *const online_keys[] = {"none", "partial", "full", "unknown"};
static const char *const fee_keys[] = {"fee", "charge"};
static const char *const round_keys[] = {"down", "nearest", "up"};
static const char *const step_keys[] = {"receive", "assign",   "appraise", "review", "approve",
                                        "issue",   "transfer", "return",   "other"};

static tthc_status set_rule(ctx *c, const json_t *v, tthc_proc_rule r, int64_t lo, int64_t hi) {
  int64_t x;
  TTHC_TRY(get_int(c, v, lo, hi, &x));
  return setter(c, tthc_proc_rules_set(c->rules, r, x));
}

/* "HH:MM" to seconds after midnight. */
static tthc_status get_clock(ctx *c, const json_t *v, int64_t *out) {
  const char *s;
  TTHC_TRY(get_string(c, v, false, &s));
  if (strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' &&
      s[1] <= '9' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9') {
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h < 24) {
      *out = h * 3600 + m * 60;
      return TTHC_OK;
    }
  }
  char q[64];
  tthc__quote(q, sizeof q, s, strlen(s), 32);
  return fail(c, TTHC_EFORMAT, "%s is not a time of day HH:MM", q);
}

/* A member that sets one rule: state is the table of (rule, lo, hi) indexed by key. */
typedef struct rule_slot {
  tthc_proc_rule rule;
  int64_t lo, hi;
} rule_slot;

static tthc_status rule_member(ctx *c, int k, const json_t *v, void *state) {
  const rule_slot *slots = state;
  return set_rule(c, v, slots[k].rule, slots[k].lo, slots[k].hi);
}

static tthc_status field_element(ctx *c, const json_t *v, void *state) {
  (void)state;
  const char *f;
  TTHC_TRY(get_string(c, v, true, &f));
  return setter(c, tthc_proc_rules_add_field(c->rules, f));
}

static tthc_status fourplace_member(ctx *c, int k, const json_t *v, void *state) {
  (void)state;
  static const char *const steps[] = {"receive", "appraise", "approve", "return"};
  static const rule_slot step_slots[] = {{TTHC_RULE_FOURPLACE_RECEIVE, 0, 14400},
                                         {TTHC_RULE_FOURPLACE_APPRAISE, 0, 14400},
                                         {TTHC_RULE_FOURPLACE_APPROVE, 0, 14400},
                                         {TTHC_RULE_FOURPLACE_RETURN, 0, 14400}};
  int64_t t;
  switch (k) {
    case 0:
      TTHC_TRY(expect(c, v, JSON_ARRAY, "an array of field names"));
      tthc_proc_rules_clear_fields(c->rules);
      return elements(c, v, "an array of field names", field_element, NULL);
    case 1: return set_rule(c, v, TTHC_RULE_FOURPLACE_SHORT_MAX, 0, 14400);
    case 2: return set_rule(c, v, TTHC_RULE_FOURPLACE_COMPLETE_MAX, 0, 14400);
    case 3:
      TTHC_TRY(get_clock(c, v, &t));
      return setter(c, tthc_proc_rules_set(c->rules, TTHC_RULE_FOURPLACE_CUTOFF, t));
    default: return members(c, v, steps, 4, rule_member, (void *)step_slots);
  }
}

static tthc_status target_element(ctx *c, const json_t *v, void *state) {
  int *i = state;
  return set_rule(c, v, (*i)++ ? TTHC_RULE_REDUCTION_HIGH : TTHC_RULE_REDUCTION_LOW, 1, 99);
}

static tthc_status reduction_member(ctx *c, int k, const json_t *v, void *state) {
  (void)state;
  int m = 0;
  switch (k) {
    case 0: return set_rule(c, v, TTHC_RULE_REDUCTION_MIN, 0, 14400);
    case 1:
      TTHC_TRY(expect(c, v, JSON_ARRAY, "an array of two percentages"));
      if (json_array_size(v) != 2)
        return fail(c, TTHC_EFORMAT, "expected two percentages, found %zu", json_array_size(v));
      return elements(c, v, "an array", target_element, &m);
    case 2: return set_rule(c, v, TTHC_RULE_REDUCTION_ROUND, 1, 1440);
    case 3:
      TTHC_TRY(enum_value(c, v, round_keys, 3, &m));
      return setter(c, tthc_proc_rules_set(c->rules, TTHC_RULE_REDUCTION_ROUND_MODE, m));
    default: return set_rule(c, v, TTHC_RULE_REDUCTION_STEP_ROUND, 1, 1440);
  }
}

static tthc_status publication_member(ctx *c, int k, const json_t *v, void *state) {
  (void)state;
  static const char *const where[] = {"counter_days", "online_days"};
  static const rule_slot slots[2][2] = {
      {{TTHC_RULE_PUBLISH_PROVINCE_COUNTER, 0, 365}, {TTHC_RULE_PUBLISH_PROVINCE_ONLINE, 0, 365}},
      {{TTHC_RULE_PUBLISH_MINISTRY_COUNTER, 0, 365}, {TTHC_RULE_PUBLISH_MINISTRY_ONLINE, 0, 365}}};
  return members(c, v, where, 2, rule_member, (void *)slots[k]);
}

static tthc_status rules_member(ctx *c, int k, const json_t *v, void *state) {
  (void)state;
  static const char *const fourplace[] = {"fields", "short_max_minutes", "complete_max_minutes",
                                          "cutoff", "step_minutes"};
  static const char *const reduction[] = {"min_minutes", "targets", "round_minutes", "round",
                                          "step_round_minutes"};
  static const char *const publication[] = {"province", "ministry"};
  switch (k) {
    case 0: return set_rule(c, v, TTHC_RULE_MINUTES_PER_DAY, 60, 1440);
    case 1: return members(c, v, fourplace, 5, fourplace_member, NULL);
    case 2: return members(c, v, reduction, 5, reduction_member, NULL);
    default: return members(c, v, publication, 2, publication_member, NULL);
  }
}

static tthc_status load_rules(ctx *c, const json_t *o) {
  static const char *const keys[] = {"minutes_per_day", "four_at_place", "reduction",
                                     "publication"};
  return members(c, o, keys, 4, rules_member, NULL);
}

/* ---- procedures --------------------------------------------------------------------------- */

static tthc_status limit_at(ctx *c, tthc_proc *p, unsigned channels, const json_t *v) {
  const char *phrase;
  TTHC_TRY(get_string(c, v, true, &phrase));
  tthc_error e;
  tthc_error_clear(&e);
  tthc_status st = tthc_proc_set_limit_text(p, channels, phrase, &e);
  if (st == TTHC_ENOMEM) return fail(c, st, "out of memory");
  if (st != TTHC_OK) return fail(c, st == TTHC_EUTF8 ? st : TTHC_EFORMAT, "%s", e.message);
  return TTHC_OK;
}

static tthc_status limit_member(ctx *c, int k, const json_t *v, void *state) {
  return limit_at(c, state, 1u << k, v);
}

static tthc_status load_limit(ctx *c, tthc_proc *p, const json_t *v) {
  if (json_is_string(v)) return limit_at(c, p, TTHC_CHANNELS_ALL, v);
  if (!json_is_object(v))
    return fail(c, TTHC_EFORMAT, "expected a string or an object of channels, found %s",
                type_name(v));
  if (json_object_size(v) == 0)
    return fail(c, TTHC_EFORMAT, "expected at least one channel (direct, online, postal)");
  return members(c, v, channel_keys, 3, limit_member, p);
}

static tthc_status channel_element(ctx *c, const json_t *v, void *state) {
  int ch;
  TTHC_TRY(enum_value(c, v, channel_keys, 3, &ch));
  *(unsigned *)state |= 1u << ch;
  return TTHC_OK;
}

typedef struct fee_state {
  int64_t amount;
  int kind;
  const char *desc;
  unsigned mask;
} fee_state;

static tthc_status fee_member(ctx *c, int k, const json_t *v, void *state) {
  fee_state *f = state;
  switch (k) {
    case 0: return get_int(c, v, 0, INT64_C(1000000000000000), &f->amount);
    case 1: return enum_value(c, v, fee_keys, 2, &f->kind);
    case 2: return get_string(c, v, false, &f->desc);
    default:
      TTHC_TRY(expect(c, v, JSON_ARRAY, "an array of channels"));
      if (json_array_size(v) == 0) return fail(c, TTHC_EFORMAT, "expected at least one channel");
      f->mask = 0;
      return elements(c, v, "an array of channels", channel_element, &f->mask);
  }
}

static tthc_status fee_element(ctx *c, const json_t *o, void *state) {
  static const char *const keys[] = {"amount", "kind", "description", "channels"};
  fee_state f = {-1, TTHC_FEE_CHARGE, NULL, TTHC_CHANNELS_ALL};
  TTHC_TRY(members(c, o, keys, 4, fee_member, &f));
  if (f.amount < 0) return missing_key(c, "amount");
  return setter(c, tthc_proc_add_fee(state, f.mask, (tthc_fee_kind)f.kind, f.amount, f.desc));
}

typedef struct doc_state {
  const char *name;
  int64_t originals, copies;
} doc_state;

static tthc_status doc_member(ctx *c, int k, const json_t *v, void *state) {
  doc_state *d = state;
  if (k == 0) return get_string(c, v, true, &d->name);
  return get_int(c, v, 0, 99, k == 1 ? &d->originals : &d->copies);
}

static tthc_status doc_element(ctx *c, const json_t *o, void *state) {
  static const char *const keys[] = {"name", "originals", "copies"};
  doc_state d = {NULL, 1, 0};
  if (json_is_string(o)) {
    TTHC_TRY(get_string(c, o, true, &d.name));
  } else if (!json_is_object(o)) {
    return fail(c, TTHC_EFORMAT, "expected a string or an object, found %s", type_name(o));
  } else {
    TTHC_TRY(members(c, o, keys, 3, doc_member, &d));
    if (!d.name) return missing_key(c, "name");
  }
  return setter(c, tthc_proc_add_document(state, d.name, (int)d.originals, (int)d.copies));
}

static tthc_status result_element(ctx *c, const json_t *v, void *state) {
  const char *s;
  TTHC_TRY(get_string(c, v, true, &s));
  return setter(c, tthc_proc_add_result(state, s));
}

static tthc_status basis_element(ctx *c, const json_t *v, void *state) {
  const char *s;
  TTHC_TRY(get_string(c, v, true, &s));
  return setter(c, tthc_proc_add_legal_basis(state, s));
}

/* Members that are all strings: state is an array of slots indexed by key. */
static tthc_status string_member(ctx *c, int k, const json_t *v, void *state) {
  return get_string(c, v, true, &((const char **)state)[k]);
}

static tthc_status load_field(ctx *c, tthc_proc *p, const json_t *o) {
  static const char *const keys[] = {"code", "name"};
  const char *s[2] = {NULL, NULL};
  if (json_is_string(o)) {
    TTHC_TRY(get_string(c, o, true, &s[1]));
  } else if (!json_is_object(o)) {
    return fail(c, TTHC_EFORMAT, "expected a string or an object, found %s", type_name(o));
  } else {
    TTHC_TRY(members(c, o, keys, 2, string_member, s));
    if (!s[1]) return missing_key(c, "name");
  }
  return setter(c, tthc_proc_set_field(p, s[0], s[1]));
}

typedef struct online_state {
  int64_t level;
  int presence;
} online_state;

static tthc_status online_member(ctx *c, int k, const json_t *v, void *state) {
  online_state *o = state;
  return k == 0 ? get_int(c, v, 1, 4, &o->level) : get_bool(c, v, &o->presence);
}

static tthc_status load_online(ctx *c, tthc_proc *p, const json_t *o) {
  static const char *const keys[] = {"legacy_level", "presence_required"};
  int on;
  if (json_is_string(o)) {
    TTHC_TRY(enum_value(c, o, online_keys, 4, &on));
    return setter(c, tthc_proc_set_online(p, (tthc_online)on));
  }
  if (!json_is_object(o))
    return fail(c, TTHC_EFORMAT, "expected \"none\", \"partial\", \"full\" or an object, found %s",
                type_name(o));
  online_state s = {0, 0};
  TTHC_TRY(members(c, o, keys, 2, online_member, &s));
  if (!s.level) return missing_key(c, "legacy_level");
  tthc_online legacy;
  tthc_online_from_legacy((int)s.level, s.presence, &legacy);
  return setter(c, tthc_proc_set_online(p, legacy));
}

static tthc_status load_decision(ctx *c, tthc_proc *p, const json_t *o) {
  static const char *const keys[] = {"number", "date"};
  const char *s[2] = {NULL, NULL};
  TTHC_TRY(members(c, o, keys, 2, string_member, s));
  if (!s[0]) return missing_key(c, "number");
  if (!s[1]) return missing_key(c, "date");
  tthc_date d;
  tthc_error e;
  tthc_error_clear(&e);
  if (tthc_date_parse(s[1], strlen(s[1]), &d, &e) != TTHC_OK) {
    size_t old = path_push_key(c, "date");
    tthc_status st = fail(c, TTHC_EFORMAT, "%s", e.message);
    path_pop(c, old);
    return st;
  }
  return setter(c, tthc_proc_set_decision(p, s[0], d));
}

typedef struct step_state {
  int kind, counted, budget_counted;
  const char *desc, *role, *budget;
  int64_t minutes;
  int32_t budget_minutes;
} step_state;

static tthc_status step_member(ctx *c, int k, const json_t *v, void *state) {
  step_state *s = state;
  switch (k) {
    case 0: return enum_value(c, v, step_keys, 9, &s->kind);
    case 1: return get_string(c, v, false, &s->desc);
    case 2: return get_string(c, v, false, &s->role);
    case 3: {
      TTHC_TRY(get_string(c, v, true, &s->budget));
      int64_t mpd = 480;
      tthc_proc_rules_get(c->rules, TTHC_RULE_MINUTES_PER_DAY, &mpd);
      tthc_error e;
      tthc_error_clear(&e);
      tthc_status b = tthc_process_parse_budget(s->budget, strlen(s->budget), (int32_t)mpd,
                                                &s->budget_minutes, &s->budget_counted, &e);
      return b == TTHC_OK ? b : fail(c, b == TTHC_ENOMEM ? b : TTHC_EFORMAT, "%s", e.message);
    }
    case 4: return get_int(c, v, 0, 14400, &s->minutes);
    default: return get_bool(c, v, &s->counted);
  }
}

static tthc_status step_element(ctx *c, const json_t *o, void *state) {
  static const char *const keys[] = {"kind", "description", "role", "budget", "minutes",
                                     "counted"};
  step_state s = {.kind = -1, .counted = -1, .budget_counted = 1, .minutes = -1};
  TTHC_TRY(members(c, o, keys, 6, step_member, &s));
  if (s.kind < 0) return missing_key(c, "kind");
  if (s.budget && s.minutes >= 0)
    return fail(c, TTHC_EFORMAT, "give either \"budget\" or \"minutes\", not both");
  if (!s.budget && s.minutes < 0) return missing_key(c, "budget");
  int32_t m = s.budget ? s.budget_minutes : (int32_t)s.minutes;
  int cnt = s.counted >= 0 ? s.counted : (s.budget ? s.budget_counted : 1);
  if (s.budget && s.counted >= 0 && s.counted != s.budget_counted)
    return fail(c, TTHC_EFORMAT, "\"counted\" contradicts the budget \"%s\"", s.budget);
  if (!cnt && m != 0)
    return fail(c, TTHC_EFORMAT, "an uncounted step cannot have %d minutes", (int)m);
  return setter(c, tthc_process_add_step(state, (tthc_process_step_kind)s.kind, s.desc, s.role,
                                         m, cnt, s.budget));
}

static tthc_status process_member(ctx *c, int k, const json_t *v, void *state) {
  (void)k;
  TTHC_TRY(expect(c, v, JSON_ARRAY, "an array"));
  if (json_array_size(v) == 0) return fail(c, TTHC_EFORMAT, "expected at least one step");
  return elements(c, v, "an array", step_element, state);
}

static tthc_status load_process(ctx *c, tthc_proc *p, const json_t *o) {
  static const char *const keys[] = {"steps"};
  tthc_process *pr = NULL;
  TTHC_TRY(expect(c, o, JSON_OBJECT, "an object"));
  if (!json_object_get(o, "steps")) return missing_key(c, "steps");
  if (tthc_process_new(&pr) != TTHC_OK) return fail(c, TTHC_ENOMEM, "out of memory");
  tthc_status st = members(c, o, keys, 1, process_member, pr);
  if (st != TTHC_OK) {
    tthc_process_free(pr);
    return st;
  }
  return setter(c, tthc_proc_set_process(p, pr));
}

enum {
  K_CODE, K_NAME, K_FIELD, K_LEVEL, K_AGENCY, K_LIMIT, K_LIMIT_NOTE, K_FEES, K_ONLINE,
  K_INTERAGENCY, K_DOCUMENTS, K_RESULTS, K_LEGAL, K_DECISION, K_PROCESS, K_SOURCE, K__COUNT
};
static const char *const proc_keys[K__COUNT] = {
    "code",        "name",      "field",     "level",   "agency",      "limit",
    "limit_note",  "fees",      "online",    "interagency", "documents", "results",
    "legal_bases", "decision",  "process",   "source"};

static tthc_status proc_member(ctx *c, int k, const json_t *v, void *state) {
  tthc_proc *p = state;
  const char *s;
  int x;
  switch (k) {
    case K_CODE:
    case K_NAME: return TTHC_OK; /* read first by load_proc() */
    case K_FIELD: return load_field(c, p, v);
    case K_LEVEL:
      TTHC_TRY(enum_value(c, v, level_keys, 5, &x));
      return setter(c, tthc_proc_set_level(p, (tthc_proc_level)x));
    case K_AGENCY:
      TTHC_TRY(get_string(c, v, true, &s));
      return setter(c, tthc_proc_set_agency(p, s));
    case K_LIMIT: return load_limit(c, p, v);
    case K_LIMIT_NOTE:
      TTHC_TRY(get_string(c, v, true, &s));
      return setter(c, tthc_proc_set_limit_note(p, s));
    case K_FEES: return elements(c, v, "an array", fee_element, p);
    case K_ONLINE: return load_online(c, p, v);
    case K_INTERAGENCY:
      TTHC_TRY(get_bool(c, v, &x));
      return setter(c, tthc_proc_set_interagency(p, x));
    case K_DOCUMENTS: return elements(c, v, "an array", doc_element, p);
    case K_RESULTS: return elements(c, v, "an array", result_element, p);
    case K_LEGAL: return elements(c, v, "an array", basis_element, p);
    case K_DECISION: return load_decision(c, p, v);
    case K_PROCESS: return load_process(c, p, v);
    default:
      TTHC_TRY(get_string(c, v, true, &s));
      return setter(c, tthc_proc_set_source(p, s));
  }
}

/* A named member read before the others (code, name), its key on the path. */
static tthc_status first_string(ctx *c, const json_t *o, const char *key, bool nonempty,
                                const char **out) {
  const json_t *v = json_object_get(o, key);
  if (!v) return missing_key(c, key);
  size_t old = path_push_key(c, key);
  tthc_status st = get_string(c, v, nonempty, out);
  if (st == TTHC_OK && strcmp(key, "code") == 0) {
    tthc_error e;
    tthc_error_clear(&e);
    if (tthc_proc_code_check(*out, strlen(*out), &e) != TTHC_OK)
      st = fail(c, TTHC_EFORMAT, "%s", e.message);
  }
  path_pop(c, old);
  return st;
}

static tthc_status load_proc(ctx *c, const json_t *o, tthc_proc **out) {
  *out = NULL;
  TTHC_TRY(expect(c, o, JSON_OBJECT, "an object"));
  /* code and name first: the record cannot exist without them. */
  const char *cs, *ns;
  if (!json_object_get(o, "code")) return missing_key(c, "code");
  if (!json_object_get(o, "name")) return missing_key(c, "name");
  TTHC_TRY(first_string(c, o, "code", false, &cs));
  TTHC_TRY(first_string(c, o, "name", true, &ns));
  tthc_proc *p = NULL;
  tthc_status st = tthc_proc_new(cs, ns, &p, NULL);
  if (st != TTHC_OK) return fail(c, st, "%s", tthc_strerror(st));
  st = members(c, o, proc_keys, K__COUNT, proc_member, p);
  if (st != TTHC_OK) {
    tthc_proc_free(p);
    return st;
  }
  *out = p;
  return TTHC_OK;
}

/* ---- documents ---------------------------------------------------------------------------- */

/* Line and column (characters) of byte offset off in s. */
static void position(const char *s, size_t off, int32_t *line, int32_t *col) {
  size_t ls = 0;
  *line = 1;
  for (size_t i = 0; i < off; i++)
    if (s[i] == '\n') (*line)++, ls = i + 1;
  *col = tthc__utf8_columns(s + ls, off - ls) + 1;
}

static tthc_status load_doc(ctx *c, const json_t *root, tthc_catalog **out) {
  static const char *const keys[] = {"format", "version", "title", "source", "rules",
                                     "procedures"};
  TTHC_TRY(expect(c, root, JSON_OBJECT, "an object"));
  /* The rules come first: step budgets need the length of a working day. */
  const json_t *rules = json_object_get(root, "rules"), *procs = NULL;
  if (rules) {
    size_t old = path_push_key(c, "rules");
    tthc_status st = load_rules(c, rules);
    path_pop(c, old);
    TTHC_TRY(st);
  }
  const char *title = NULL, *source = NULL;
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)root, key, v) {
    size_t old = path_push_key(c, key);
    tthc_status st = TTHC_OK;
    switch (lookup(key, keys, 6)) {
      case 0: {
        const char *f;
        if ((st = get_string(c, v, false, &f)) == TTHC_OK && strcmp(f, "tthc-catalog") != 0)
          st = fail(c, TTHC_EFORMAT, "expected \"tthc-catalog\"");
        break;
      }
      case 1: {
        int64_t ver;
        if ((st = get_int(c, v, 0, INT32_MAX, &ver)) == TTHC_OK && ver != 1)
          st = fail(c, TTHC_EUNSUPPORTED, "version %lld is not supported (this library reads 1)",
                    (long long)ver);
        break;
      }
      case 2: st = get_string(c, v, false, &title); break;
      case 3: st = get_string(c, v, false, &source); break;
      case 4: break;
      case 5: procs = v; break;
      default: st = unknown_key(c, key);
    }
    path_pop(c, old);
    TTHC_TRY(st);
  }
  if (!procs) return missing_key(c, "procedures");
  tthc_catalog_builder *b = NULL;
  if (tthc_catalog_builder_new(&b) != TTHC_OK) return fail(c, TTHC_ENOMEM, "out of memory");
  size_t old = path_push_key(c, "procedures");
  tthc_status st = expect(c, procs, JSON_ARRAY, "an array");
  for (size_t i = 0; st == TTHC_OK && i < json_array_size(procs); i++) {
    size_t o2 = path_push_index(c, i);
    c->record = (int64_t)i;
    tthc_proc *p = NULL;
    st = load_proc(c, json_array_get(procs, i), &p);
    if (st == TTHC_OK) {
      char code[TTHC_PROC_CODE_SIZE];
      memcpy(code, p->code, sizeof code);
      st = tthc_catalog_builder_add(b, p);
      if (st == TTHC_EEXIST) {
        size_t first = 0;
        for (; first < i; first++) {
          const char *fc = json_string_value(json_object_get(json_array_get(procs, first), "code"));
          if (fc && strcmp(fc, code) == 0) break;
        }
        size_t o3 = path_push_key(c, "code");
        st = fail(c, TTHC_EEXIST, "duplicate code \"%s\" (first at $.procedures[%zu])", code,
                  first);
        path_pop(c, o3);
      } else if (st != TTHC_OK) {
        st = fail(c, st, "%s", tthc_strerror(st));
      }
    }
    path_pop(c, o2);
  }
  c->record = -1;
  path_pop(c, old);
  if (st == TTHC_OK) st = setter(c, tthc_catalog_builder_set_rules(b, c->rules));
  if (st == TTHC_OK) st = setter(c, tthc_catalog_builder_set_info(b, title, source));
  if (st == TTHC_OK && (st = tthc_catalog_build(b, out)) != TTHC_OK)
    st = fail(c, st, "out of memory");
  tthc_catalog_builder_free(b);
  return st;
}

tthc_status tthc_catalog_load_json(const char *json, size_t len, tthc_catalog **out,
                                   tthc_error *err) {
  if (out) *out = NULL;
  if (err) tthc_error_clear(err);
  if (!json || !out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  /* jansson rejects invalid UTF-8 too, but says less precisely where */
  size_t bad = tthc__proc_utf8_bad(json, len, true);
  if (bad < len) {
    int32_t line, col;
    position(json, bad, &line, &col);
    return tthc__error_set(err, TTHC_EUTF8, line, col, (int64_t)bad,
                           "line %d, column %d: invalid UTF-8 (byte 0x%02X)", (int)line, (int)col,
                           (unsigned char)json[bad]);
  }
  json_error_t je;
  int oom;
  json_t *root = tthc__json_loadb(json, len, JSON_REJECT_DUPLICATES, &je, &oom);
  if (oom)
    return tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, "out of memory reading the JSON text");
  if (!root) {
    int line = je.line > 0 ? je.line : 1, col = je.column > 0 ? je.column : 1;
    return tthc__error_set(err, TTHC_ESYNTAX, line, col, je.position,
                           "line %d, column %d: JSON syntax error: %s", line, col, je.text);
  }
  ctx c = {.path = "$", .len = 1, .err = err, .record = -1};
  tthc_status st = tthc_proc_rules_new(&c.rules);
  if (st == TTHC_OK) st = load_doc(&c, root, out);
  else tthc__error_set(err, st, 0, 0, -1, NULL);
  tthc_proc_rules_free(c.rules);
  json_decref(root);
  return st;
}

tthc_status tthc_catalog_load_file(const char *path, tthc_catalog **out, tthc_error *err) {
  if (out) *out = NULL;
  if (!path || !out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  char q[200];
  tthc__quote(q, sizeof q, path, strlen(path), 160);
  FILE *f = fopen(path, "rb");
  if (!f) return tthc__error_set(err, TTHC_EIO, 0, 0, -1, "cannot open %s: %s", q, strerror(errno));
  char *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len == cap) {
      size_t ncap = cap ? cap * 2 : 65536;
      char *g = realloc(buf, ncap);
      if (!g) {
        free(buf);
        fclose(f);
        return tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, NULL);
      }
      buf = g, cap = ncap;
    }
    size_t r = fread(buf + len, 1, cap - len, f);
    len += r;
    if (r == 0) break;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    return tthc__error_set(err, TTHC_EIO, 0, 0, -1, "cannot read %s", q);
  }
  tthc_status st = tthc_catalog_load_json(buf, len, out, err);
  free(buf);
  return st;
}

/* ---- writing ------------------------------------------------------------------------------ */

/* Append j to array a when ok, else release it; json_array_append_new() releases the value
 * itself when it fails, so j must not be released again. */
static bool append(json_t *a, json_t *j, bool ok) {
  if (!ok) {
    json_decref(j);
    return false;
  }
  return json_array_append_new(a, j) == 0;
}

/* json_object_set_new that reports failure (NULL value or no memory). */
static bool put(json_t *o, const char *k, json_t *v) {
  return v && json_object_set_new(o, k, v) == 0;
}

static bool put_str(json_t *o, const char *k, const char *s) {
  return !s || put(o, k, json_string(s));
}

static json_t *channels_json(unsigned mask) {
  json_t *a = json_array();
  for (int ch = 0; a && ch < TTHC_CHANNEL_COUNT; ch++)
    if ((mask & (1u << ch)) && json_array_append_new(a, json_string(channel_keys[ch])) != 0) {
      json_decref(a);
      return NULL;
    }
  return a;
}

static json_t *limit_json(const tthc_proc *p) {
  const proc_limit *l = p->limits;
  bool same = true;
  for (int ch = 1; ch < TTHC_CHANNEL_COUNT; ch++)
    same = same && l[ch].set == l[0].set &&
           (!l[0].set || strcmp(l[ch].phrase, l[0].phrase) == 0);
  if (same) return l[0].set ? json_string(l[0].phrase) : NULL;
  json_t *o = json_object();
  for (int ch = 0; o && ch < TTHC_CHANNEL_COUNT; ch++)
    if (l[ch].set && !put(o, channel_keys[ch], json_string(l[ch].phrase))) {
      json_decref(o);
      return NULL;
    }
  return o;
}

static json_t *process_json(const tthc_process *pr) {
  json_t *o = json_object(), *steps = json_array();
  bool ok = o && steps;
  for (size_t i = 0; ok && i < pr->nsteps; i++) {
    const proc_step *s = &pr->steps[i];
    json_t *j = json_object();
    ok = j && put(j, "kind", json_string(step_keys[s->kind])) &&
         put_str(j, "description", s->description) && put_str(j, "role", s->role);
    if (ok && s->budget_text) ok = put(j, "budget", json_string(s->budget_text));
    else if (ok) {
      ok = put(j, "minutes", json_integer(s->minutes));
      if (ok && !s->counted) ok = put(j, "counted", json_false());
    }
    ok = append(steps, j, ok);
  }
  if (ok && put(o, "steps", steps)) return o;
  if (!ok) json_decref(steps);
  json_decref(o);
  return NULL;
}

static json_t *proc_json(const tthc_proc *p) {
  json_t *o = json_object();
  bool ok = o && put(o, "code", json_string(p->code)) && put(o, "name", json_string(p->name));
  if (ok && p->field_name) {
    json_t *f = json_object();
    ok = f && put_str(f, "code", p->field_code) && put(f, "name", json_string(p->field_name));
    ok = ok ? put(o, "field", f) : (json_decref(f), false);
  }
  if (ok && p->level) ok = put(o, "level", json_string(level_keys[p->level]));
  if (ok) ok = put_str(o, "agency", p->agency);
  if (ok) {
    bool any = false;
    for (int ch = 0; ch < TTHC_CHANNEL_COUNT; ch++) any = any || p->limits[ch].set;
    if (any) ok = put(o, "limit", limit_json(p));
  }
  if (ok) ok = put_str(o, "limit_note", p->limit_note);
  if (ok && p->nfees) {
    json_t *a = json_array();
    ok = a != NULL;
    for (size_t i = 0; ok && i < p->nfees; i++) {
      const proc_fee *f = &p->fees[i];
      json_t *j = json_object();
      ok = j && put(j, "amount", json_integer(f->amount)) &&
           put(j, "kind", json_string(fee_keys[f->kind])) &&
           put_str(j, "description", f->description);
      if (ok && f->channels != TTHC_CHANNELS_ALL)
        ok = put(j, "channels", channels_json(f->channels));
      ok = append(a, j, ok);
    }
    ok = ok ? put(o, "fees", a) : (json_decref(a), false);
  }
  if (ok && p->online != TTHC_ONLINE_UNKNOWN)
    ok = put(o, "online", json_string(online_keys[p->online]));
  if (ok && p->interagency) ok = put(o, "interagency", json_true());
  if (ok && p->ndocs) {
    json_t *a = json_array();
    ok = a != NULL;
    for (size_t i = 0; ok && i < p->ndocs; i++) {
      json_t *j = json_object();
      ok = j && put(j, "name", json_string(p->docs[i].name)) &&
           put(j, "originals", json_integer(p->docs[i].originals)) &&
           put(j, "copies", json_integer(p->docs[i].copies));
      ok = append(a, j, ok);
    }
    ok = ok ? put(o, "documents", a) : (json_decref(a), false);
  }
  if (ok && p->nresults) {
    json_t *a = json_array();
    ok = a != NULL;
    for (size_t i = 0; ok && i < p->nresults; i++)
      ok = json_array_append_new(a, json_string(p->results[i])) == 0;
    ok = ok ? put(o, "results", a) : (json_decref(a), false);
  }
  if (ok && p->nbases) {
    json_t *a = json_array();
    ok = a != NULL;
    for (size_t i = 0; ok && i < p->nbases; i++)
      ok = json_array_append_new(a, json_string(p->bases[i].text)) == 0;
    ok = ok ? put(o, "legal_bases", a) : (json_decref(a), false);
  }
  if (ok && p->has_decision) {
    char d[TTHC_DATE_STRLEN];
    json_t *j = json_object();
    ok = j && tthc_date_format(p->decision_date, d, sizeof d, NULL) == TTHC_OK &&
         put(j, "number", json_string(p->decision_number)) && put(j, "date", json_string(d));
    ok = ok ? put(o, "decision", j) : (json_decref(j), false);
  }
  if (ok && p->process) ok = put(o, "process", process_json(p->process));
  if (ok) ok = put_str(o, "source", p->source);
  if (ok) return o;
  json_decref(o);
  return NULL;
}

/* Attach a new container to o under k and return it (borrowed), NULL on failure. */
static json_t *child(json_t *o, const char *k, json_t *v) {
  if (!o) { /* the parent failed: v is nobody's */
    json_decref(v);
    return NULL;
  }
  return put(o, k, v) ? v : NULL;
}

static json_t *rules_json(const tthc_proc_rules *r) {
  /* Containers are attached as soon as they exist, so one json_decref(o) frees everything. */
  json_t *o = json_object();
  bool ok = o && put(o, "minutes_per_day", json_integer(r->v[TTHC_RULE_MINUTES_PER_DAY]));
  json_t *fp = child(ok ? o : NULL, "four_at_place", json_object());
  json_t *fields = child(fp, "fields", json_array());
  json_t *sm = child(fp, "step_minutes", json_object());
  json_t *red = child(o, "reduction", json_object());
  json_t *tg = child(red, "targets", json_array());
  json_t *pub = child(o, "publication", json_object());
  json_t *pp = child(pub, "province", json_object());
  json_t *pm = child(pub, "ministry", json_object());
  ok = ok && fields && sm && tg && pp && pm;
  for (size_t i = 0; ok && i < r->nfields; i++)
    ok = json_array_append_new(fields, json_string(r->fields[i])) == 0;
  char cut[16];
  int64_t c = r->v[TTHC_RULE_FOURPLACE_CUTOFF];
  snprintf(cut, sizeof cut, "%02d:%02d", (int)(c / 3600), (int)(c % 3600 / 60));
  ok = ok && put(fp, "short_max_minutes", json_integer(r->v[TTHC_RULE_FOURPLACE_SHORT_MAX])) &&
       put(fp, "complete_max_minutes", json_integer(r->v[TTHC_RULE_FOURPLACE_COMPLETE_MAX])) &&
       put(fp, "cutoff", json_string(cut)) &&
       put(sm, "receive", json_integer(r->v[TTHC_RULE_FOURPLACE_RECEIVE])) &&
       put(sm, "appraise", json_integer(r->v[TTHC_RULE_FOURPLACE_APPRAISE])) &&
       put(sm, "approve", json_integer(r->v[TTHC_RULE_FOURPLACE_APPROVE])) &&
       put(sm, "return", json_integer(r->v[TTHC_RULE_FOURPLACE_RETURN])) &&
       put(red, "min_minutes", json_integer(r->v[TTHC_RULE_REDUCTION_MIN])) &&
       json_array_append_new(tg, json_integer(r->v[TTHC_RULE_REDUCTION_LOW])) == 0 &&
       json_array_append_new(tg, json_integer(r->v[TTHC_RULE_REDUCTION_HIGH])) == 0 &&
       put(red, "round_minutes", json_integer(r->v[TTHC_RULE_REDUCTION_ROUND])) &&
       put(red, "round", json_string(round_keys[r->v[TTHC_RULE_REDUCTION_ROUND_MODE]])) &&
       put(red, "step_round_minutes", json_integer(r->v[TTHC_RULE_REDUCTION_STEP_ROUND])) &&
       put(pp, "counter_days", json_integer(r->v[TTHC_RULE_PUBLISH_PROVINCE_COUNTER])) &&
       put(pp, "online_days", json_integer(r->v[TTHC_RULE_PUBLISH_PROVINCE_ONLINE])) &&
       put(pm, "counter_days", json_integer(r->v[TTHC_RULE_PUBLISH_MINISTRY_COUNTER])) &&
       put(pm, "online_days", json_integer(r->v[TTHC_RULE_PUBLISH_MINISTRY_ONLINE]));
  if (ok) return o;
  json_decref(o);
  return NULL;
}

static tthc_status dump(json_t *v, unsigned flags, char **out, size_t *len) {
  if (!v) return TTHC_ENOMEM;
  char *s = tthc__json_dumps(v, (flags & TTHC_JSON_INDENT ? JSON_INDENT(2) : JSON_COMPACT) |
                                    JSON_PRESERVE_ORDER);
  json_decref(v);
  TTHC_RETURN_IF(!s, TTHC_ENOMEM);
  size_t n = strlen(s);
  *out = malloc(n + 1); /* released with tthc_free(), which is free(): copy out of jansson's
                           allocator in case the application replaced it */
  if (*out) memcpy(*out, s, n + 1);
  tthc__json_free(s);
  TTHC_RETURN_IF(!*out, TTHC_ENOMEM);
  if (len) *len = n;
  return TTHC_OK;
}

tthc_status tthc_proc_to_json_alloc(const tthc_proc *p, unsigned flags, char **out, size_t *len) {
  if (out) *out = NULL;
  if (len) *len = 0;
  TTHC_RETURN_IF(!p || !out, TTHC_EINVAL);
  return dump(proc_json(p), flags, out, len);
}

tthc_status tthc_catalog_to_json_alloc(const tthc_catalog *c, unsigned flags, char **out,
                                       size_t *len) {
  if (out) *out = NULL;
  if (len) *len = 0;
  TTHC_RETURN_IF(!c || !out, TTHC_EINVAL);
  json_t *root = json_object(), *procs = json_array();
  bool ok = root && procs && put(root, "format", json_string("tthc-catalog")) &&
            put(root, "version", json_integer(1)) && put_str(root, "title", c->title) &&
            put_str(root, "source", c->source) && put(root, "rules", rules_json(c->rules));
  for (size_t i = 0; ok && i < c->n; i++) {
    json_t *j = proc_json(c->by_code[i]);
    ok = j && json_array_append_new(procs, j) == 0;
  }
  if (ok) return dump(put(root, "procedures", procs) ? root : (json_decref(root), NULL), flags,
                      out, len);
  json_decref(procs);
  json_decref(root);
  return TTHC_ENOMEM;
}
