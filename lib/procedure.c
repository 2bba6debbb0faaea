/* procedure: national codes, enumerations, rule sets and procedure records. */
#include <stdlib.h>
#include <string.h>

#include "procedure_internal.h"

/* ---- helpers ------------------------------------------------------------------------------ */

char *tthc__proc_strndup(const char *s, size_t n) {
  char *r = malloc(n + 1);
  if (!r) return NULL;
  memcpy(r, s, n);
  r[n] = '\0';
  return r;
}

tthc_status tthc__proc_setstr(char **slot, const char *s) {
  char *copy = NULL;
  if (s) {
    size_t n = strlen(s);
    TTHC_RETURN_IF(!tthc__proc_utf8_ok(s, n), TTHC_EUTF8);
    copy = tthc__proc_strndup(s, n);
    TTHC_RETURN_IF(!copy, TTHC_ENOMEM);
  }
  free(*slot);
  *slot = copy;
  return TTHC_OK;
}

tthc_status tthc__proc_setstr2(char **a, const char *sa, char **b, const char *sb) {
  char *ca = NULL, *cb = NULL;
  tthc_status st = tthc__proc_setstr(&ca, sa);
  if (st == TTHC_OK) st = tthc__proc_setstr(&cb, sb);
  if (st != TTHC_OK) {
    free(ca);
    free(cb);
    return st;
  }
  free(*a);
  free(*b);
  *a = ca, *b = cb;
  return TTHC_OK;
}

void *tthc__proc_push(void **v, size_t *n, size_t sz) {
  char *grown = realloc(*v, (*n + 1) * sz);
  if (!grown) return NULL;
  *v = grown;
  memset(grown + *n * sz, 0, sz);
  return grown + (*n)++ * sz;
}

bool tthc__proc_utf8_ok(const char *s, size_t len) {
  return tthc__proc_utf8_bad(s, len, false) == len;
}

size_t tthc__proc_utf8_bad(const char *s, size_t len, bool nul_ok) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = tthc__utf8_decode(p + i, len - i, &cp);
    if (cp == TTHC__UTF8_INVALID || (cp == 0 && !nul_ok)) return i;
    i += n;
  }
  return len;
}

/* ---- national codes ----------------------------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Validate the first 8 bytes as D.DDDDDD; on error fill err quoting the whole input. */
static tthc_status code_check(const char *s, size_t len, size_t avail, tthc_error *err) {
  char q[96];
  tthc__quote(q, sizeof q, s, avail, 48);
  if (len == 0)
    return tthc__error_set(err, TTHC_ESYNTAX, 1, 1, 0,
                           "invalid procedure code \"\": expected D.DDDDDD (one digit, a dot, "
                           "six digits)");
  if (!is_digit(s[0]))
    return tthc__error_set(err, TTHC_ESYNTAX, 1, 1, 0,
                           "invalid procedure code %s at column 1: expected a digit", q);
  if (len < 2 || s[1] != '.')
    return tthc__error_set(err, TTHC_ESYNTAX, 1, 2, 1,
                           "invalid procedure code %s at column 2: expected '.' after the "
                           "first digit", q);
  size_t i = 2;
  while (i < len && i < 8 && is_digit(s[i])) i++;
  if (i < 8) {
    int32_t col = tthc__utf8_columns(s, i) + 1;
    return tthc__error_set(err, TTHC_ESYNTAX, 1, col, (int64_t)i,
                           "invalid procedure code %s at column %d: expected 6 digits after "
                           "the dot, found %d", q, (int)col, (int)(i - 2));
  }
  return TTHC_OK;
}

tthc_status tthc_proc_code_check(const char *s, size_t len, tthc_error *err) {
  if (!s) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "procedure code is NULL");
  TTHC_TRY(code_check(s, len, len, err));
  if (len > 8) {
    char q[96];
    tthc__quote(q, sizeof q, s, len, 48);
    return tthc__error_set(err, TTHC_ESYNTAX, 1, 9, 8,
                           "invalid procedure code %s at column 9: unexpected characters after "
                           "the 6 digits", q);
  }
  return TTHC_OK;
}

tthc_status tthc_proc_code_extract(const char *s, size_t len, char out[TTHC_PROC_CODE_SIZE],
                                   tthc_error *err) {
  if (out) out[0] = '\0';
  if (!s || !out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  TTHC_TRY(code_check(s, len, len, err));
  if (len > 8 && s[8] != '.') {
    char q[96];
    tthc__quote(q, sizeof q, s, len, 48);
    return tthc__error_set(err, TTHC_ESYNTAX, 1, 9, 8,
                           "invalid procedure code %s at column 9: expected the end or '.' "
                           "after the 6 digits", q);
  }
  memcpy(out, s, 8);
  out[8] = '\0';
  return TTHC_OK;
}

/* ---- enumerations ------------------------------------------------------------------------- */

tthc_status tthc_online_from_legacy(int level, int presence_required, tthc_online *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = TTHC_ONLINE_NONE;
  TTHC_RETURN_IF(level < 1 || level > 4, TTHC_ERANGE);
  if (level == 1) *out = TTHC_ONLINE_NONE;
  else if (level == 4 && !presence_required) *out = TTHC_ONLINE_FULL;
  else *out = TTHC_ONLINE_PARTIAL;
  return TTHC_OK;
}

const char *tthc_proc_level_name(tthc_proc_level level) {
  static const char *const names[] = {"unknown", "central", "province", "district", "commune"};
  return (unsigned)level < 5 ? names[level] : "?";
}

const char *tthc_proc_level_name_vi(tthc_proc_level level) {
  static const char *const names[] = {"Không rõ", "Cấp trung ương", "Cấp tỉnh", "Cấp huyện",
                                      "Cấp xã"};
  return (unsigned)level < 5 ? names[level] : "?";
}

const char *tthc_channel_name(tthc_channel channel) {
  static const char *const names[] = {"direct", "online", "postal"};
  return (unsigned)channel < TTHC_CHANNEL_COUNT ? names[channel] : "?";
}

const char *tthc_online_name(tthc_online online) {
  static const char *const names[] = {"none", "partial", "full", "unknown"};
  return (unsigned)online < 4 ? names[online] : "?";
}

const char *tthc_process_step_kind_name(tthc_process_step_kind kind) {
  static const char *const names[] = {"receive", "assign", "appraise", "review", "approve",
                                      "issue",   "transfer", "return", "other"};
  return (unsigned)kind <= TTHC_PROCESS_OTHER ? names[kind] : "?";
}

const char *tthc_match_name(tthc_match match) {
  static const char *const names[] = {"exact", "prefix", "all_words", "some_words"};
  return (unsigned)match <= TTHC_MATCH_SOME_WORDS ? names[match] : "?";
}

/* ---- rule sets ---------------------------------------------------------------------------- */

/* The default 4-at-place fields (FACTS "not confirmed" 9: data, not law) and their folds. */
static const char *const default_fields[] = {"Chứng thực", "Hộ tịch", "Bảo trợ xã hội",
                                             "Người có công"};
static const char *const default_fields_fold[] = {"chung thuc", "ho tich", "bao tro xa hoi",
                                                  "nguoi co cong"};

static const tthc_proc_rules default_rules = {
    .v =
        {
            [TTHC_RULE_MINUTES_PER_DAY] = 480,
            [TTHC_RULE_FOURPLACE_SHORT_MAX] = 480,
            [TTHC_RULE_FOURPLACE_COMPLETE_MAX] = 2400,
            [TTHC_RULE_FOURPLACE_CUTOFF] = 15 * 3600,
            [TTHC_RULE_FOURPLACE_RECEIVE] = 15,
            [TTHC_RULE_FOURPLACE_APPRAISE] = 60,
            [TTHC_RULE_FOURPLACE_APPROVE] = 30,
            [TTHC_RULE_FOURPLACE_RETURN] = 15,
            [TTHC_RULE_REDUCTION_MIN] = 960,
            [TTHC_RULE_REDUCTION_LOW] = 30,
            [TTHC_RULE_REDUCTION_HIGH] = 50,
            [TTHC_RULE_REDUCTION_ROUND] = 240,
            [TTHC_RULE_REDUCTION_ROUND_MODE] = TTHC_ROUND_DOWN,
            [TTHC_RULE_REDUCTION_STEP_ROUND] = 30,
            [TTHC_RULE_PUBLISH_PROVINCE_COUNTER] = 5,
            [TTHC_RULE_PUBLISH_PROVINCE_ONLINE] = 5,
            [TTHC_RULE_PUBLISH_MINISTRY_COUNTER] = 10,
            [TTHC_RULE_PUBLISH_MINISTRY_ONLINE] = 10,
        },
    .fields = (char **)default_fields,
    .fields_fold = (char **)default_fields_fold,
    .nfields = 4,
};

const tthc_proc_rules *tthc__proc_rules_default(void) { return &default_rules; }

const char *tthc_proc_rule_name(tthc_proc_rule rule) {
  static const char *const names[TTHC_RULE__COUNT] = {
      "minutes_per_day",          "fourplace_short_max",      "fourplace_complete_max",
      "fourplace_cutoff",         "fourplace_receive",        "fourplace_appraise",
      "fourplace_approve",        "fourplace_return",         "reduction_min",
      "reduction_low",            "reduction_high",           "reduction_round",
      "reduction_round_mode",     "reduction_step_round",     "publish_province_counter",
      "publish_province_online",  "publish_ministry_counter", "publish_ministry_online"};
  return (unsigned)rule < TTHC_RULE__COUNT ? names[rule] : NULL;
}

static bool rule_in_bounds(tthc_proc_rule rule, int64_t v) {
  switch (rule) {
    case TTHC_RULE_MINUTES_PER_DAY: return v >= 60 && v <= 1440;
    case TTHC_RULE_FOURPLACE_CUTOFF: return v >= 0 && v <= 86399;
    case TTHC_RULE_REDUCTION_LOW:
    case TTHC_RULE_REDUCTION_HIGH: return v >= 1 && v <= 99;
    case TTHC_RULE_REDUCTION_ROUND:
    case TTHC_RULE_REDUCTION_STEP_ROUND: return v >= 1 && v <= 1440;
    case TTHC_RULE_REDUCTION_ROUND_MODE: return v >= TTHC_ROUND_DOWN && v <= TTHC_ROUND_UP;
    case TTHC_RULE_PUBLISH_PROVINCE_COUNTER:
    case TTHC_RULE_PUBLISH_PROVINCE_ONLINE:
    case TTHC_RULE_PUBLISH_MINISTRY_COUNTER:
    case TTHC_RULE_PUBLISH_MINISTRY_ONLINE: return v >= 0 && v <= 365;
    default: return v >= 0 && v <= 14400;
  }
}

static void rules_free_fields(tthc_proc_rules *r) {
  if (r->fields == (char **)default_fields) {
    r->fields = NULL, r->fields_fold = NULL, r->nfields = 0;
    return;
  }
  for (size_t i = 0; i < r->nfields; i++) free(r->fields[i]), free(r->fields_fold[i]);
  free(r->fields);
  free(r->fields_fold);
  r->fields = NULL, r->fields_fold = NULL, r->nfields = 0;
}

tthc_status tthc__proc_rules_copy(const tthc_proc_rules *src, tthc_proc_rules **out) {
  *out = NULL;
  tthc_proc_rules *r = calloc(1, sizeof *r);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  memcpy(r->v, src->v, sizeof r->v);
  for (size_t i = 0; i < src->nfields; i++) {
    tthc_status st = tthc_proc_rules_add_field(r, src->fields[i]);
    if (st != TTHC_OK) {
      tthc_proc_rules_free(r);
      return st;
    }
  }
  *out = r;
  return TTHC_OK;
}

tthc_status tthc_proc_rules_copy(const tthc_proc_rules *src, tthc_proc_rules **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  return tthc__proc_rules_copy(src ? src : &default_rules, out);
}

tthc_status tthc_proc_rules_new(tthc_proc_rules **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  return tthc__proc_rules_copy(&default_rules, out);
}

void tthc_proc_rules_free(tthc_proc_rules *rules) {
  if (!rules || rules == &default_rules) return;
  rules_free_fields(rules);
  free(rules);
}

tthc_status tthc_proc_rules_set(tthc_proc_rules *rules, tthc_proc_rule rule, int64_t value) {
  TTHC_RETURN_IF(!rules || (unsigned)rule >= TTHC_RULE__COUNT, TTHC_EINVAL);
  TTHC_RETURN_IF(!rule_in_bounds(rule, value), TTHC_ERANGE);
  rules->v[rule] = value;
  return TTHC_OK;
}

tthc_status tthc_proc_rules_get(const tthc_proc_rules *rules, tthc_proc_rule rule,
                                int64_t *out) {
  TTHC_RETURN_IF(!out || (unsigned)rule >= TTHC_RULE__COUNT, TTHC_EINVAL);
  *out = (rules ? rules : &default_rules)->v[rule];
  return TTHC_OK;
}

bool tthc__proc_rules_has_field(const tthc_proc_rules *r, const char *fold) {
  if (!r) r = &default_rules;
  for (size_t i = 0; fold && i < r->nfields; i++)
    if (strcmp(r->fields_fold[i], fold) == 0) return true;
  return false;
}

tthc_status tthc_proc_rules_add_field(tthc_proc_rules *rules, const char *field) {
  TTHC_RETURN_IF(!rules || rules == &default_rules || !field || !*field, TTHC_EINVAL);
  size_t n = strlen(field);
  TTHC_RETURN_IF(!tthc__proc_utf8_ok(field, n), TTHC_EUTF8);
  char *fold = tthc__proc_fold(field, n);
  TTHC_RETURN_IF(!fold, TTHC_ENOMEM);
  if (!*fold) {
    free(fold);
    return TTHC_EINVAL;
  }
  if (tthc__proc_rules_has_field(rules, fold)) {
    free(fold);
    return TTHC_OK;
  }
  char *copy = tthc__proc_strndup(field, n);
  char **f = realloc(rules->fields, (rules->nfields + 1) * sizeof *f);
  if (f) rules->fields = f;
  char **ff = f ? realloc(rules->fields_fold, (rules->nfields + 1) * sizeof *ff) : NULL;
  if (ff) rules->fields_fold = ff;
  if (!copy || !f || !ff) {
    free(copy);
    free(fold);
    return TTHC_ENOMEM;
  }
  rules->fields[rules->nfields] = copy;
  rules->fields_fold[rules->nfields] = fold;
  rules->nfields++;
  return TTHC_OK;
}

void tthc_proc_rules_clear_fields(tthc_proc_rules *rules) {
  if (rules && rules != &default_rules) rules_free_fields(rules);
}

size_t tthc_proc_rules_field_count(const tthc_proc_rules *rules) {
  return (rules ? rules : &default_rules)->nfields;
}

const char *tthc_proc_rules_field(const tthc_proc_rules *rules, size_t i) {
  const tthc_proc_rules *r = rules ? rules : &default_rules;
  return i < r->nfields ? r->fields[i] : NULL;
}

/* ---- records ------------------------------------------------------------------------------ */

tthc_status tthc_proc_new(const char *code, const char *name, tthc_proc **out,
                          tthc_error *err) {
  if (out) *out = NULL;
  if (!code || !name || !out)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  TTHC_TRY(tthc_proc_code_check(code, strlen(code), err));
  size_t n = strlen(name);
  if (!tthc__proc_utf8_ok(name, n))
    return tthc__error_set(err, TTHC_EUTF8, 0, 0, -1, "procedure name is not valid UTF-8");
  if (n == 0) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "procedure name is empty");
  tthc_proc *p = calloc(1, sizeof *p);
  if (!p || !(p->name = tthc__proc_strndup(name, n))) {
    free(p);
    return tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, NULL);
  }
  memcpy(p->code, code, TTHC_PROC_CODE_SIZE);
  p->online = TTHC_ONLINE_UNKNOWN;
  *out = p;
  return TTHC_OK;
}

void tthc_proc_free(tthc_proc *p) {
  if (!p) return;
  free(p->name);
  free(p->field_code);
  free(p->field_name);
  free(p->agency);
  for (int c = 0; c < TTHC_CHANNEL_COUNT; c++) free(p->limits[c].phrase);
  free(p->limit_note);
  for (size_t i = 0; i < p->nfees; i++) free(p->fees[i].description);
  free(p->fees);
  for (size_t i = 0; i < p->ndocs; i++) free(p->docs[i].name);
  free(p->docs);
  for (size_t i = 0; i < p->nresults; i++) free(p->results[i]);
  free(p->results);
  for (size_t i = 0; i < p->nbases; i++) free(p->bases[i].text), free(p->bases[i].number);
  free(p->bases);
  free(p->decision_number);
  free(p->source);
  tthc_process_free(p->process);
  free(p->fold);
  free(p->coll);
  free(p->fold_field);
  free(p);
}

#define SETTER_GUARD(p)                  \
  do {                                   \
    if (!(p)) return TTHC_EINVAL;        \
    if ((p)->frozen) return TTHC_EFROZEN; \
  } while (0)

tthc_status tthc_proc_set_field(tthc_proc *p, const char *code, const char *name) {
  SETTER_GUARD(p);
  return tthc__proc_setstr2(&p->field_code, code, &p->field_name, name);
}

tthc_status tthc_proc_set_level(tthc_proc *p, tthc_proc_level level) {
  SETTER_GUARD(p);
  TTHC_RETURN_IF((unsigned)level > TTHC_LEVEL_COMMUNE, TTHC_EINVAL);
  p->level = level;
  return TTHC_OK;
}

tthc_status tthc_proc_set_agency(tthc_proc *p, const char *agency) {
  SETTER_GUARD(p);
  return tthc__proc_setstr(&p->agency, agency);
}

tthc_status tthc_proc_set_online(tthc_proc *p, tthc_online online) {
  SETTER_GUARD(p);
  TTHC_RETURN_IF((unsigned)online > TTHC_ONLINE_UNKNOWN, TTHC_EINVAL);
  p->online = online;
  return TTHC_OK;
}

tthc_status tthc_proc_set_interagency(tthc_proc *p, int interagency) {
  SETTER_GUARD(p);
  p->interagency = interagency != 0;
  return TTHC_OK;
}

tthc_status tthc_proc_set_source(tthc_proc *p, const char *source) {
  SETTER_GUARD(p);
  return tthc__proc_setstr(&p->source, source);
}

tthc_status tthc_proc_set_decision(tthc_proc *p, const char *number, tthc_date date) {
  SETTER_GUARD(p);
  if (number) TTHC_RETURN_IF(!tthc_date_is_valid(date), TTHC_ERANGE);
  TTHC_TRY(tthc__proc_setstr(&p->decision_number, number));
  p->has_decision = number != NULL;
  p->decision_date = number ? date : 0;
  return TTHC_OK;
}

tthc_status tthc_proc_add_fee(tthc_proc *p, unsigned channels, tthc_fee_kind kind,
                              int64_t amount, const char *description) {
  SETTER_GUARD(p);
  TTHC_RETURN_IF(channels == 0 || (channels & ~TTHC_CHANNELS_ALL), TTHC_EINVAL);
  TTHC_RETURN_IF((unsigned)kind > TTHC_FEE_CHARGE, TTHC_EINVAL);
  TTHC_RETURN_IF(amount < 0 || amount > INT64_C(1000000000000000), TTHC_ERANGE);
  char *d = NULL;
  TTHC_TRY(tthc__proc_setstr(&d, description));
  proc_fee *f = tthc__proc_push((void **)&p->fees, &p->nfees, sizeof *f);
  if (!f) {
    free(d);
    return TTHC_ENOMEM;
  }
  f->channels = channels, f->kind = kind, f->amount = amount, f->description = d;
  return TTHC_OK;
}

tthc_status tthc_proc_add_document(tthc_proc *p, const char *name, int originals, int copies) {
  SETTER_GUARD(p);
  TTHC_RETURN_IF(!name || !*name, TTHC_EINVAL);
  TTHC_RETURN_IF(originals < 0 || originals > 99 || copies < 0 || copies > 99, TTHC_ERANGE);
  char *n = NULL;
  TTHC_TRY(tthc__proc_setstr(&n, name));
  proc_doc *d = tthc__proc_push((void **)&p->docs, &p->ndocs, sizeof *d);
  if (!d) {
    free(n);
    return TTHC_ENOMEM;
  }
  d->name = n, d->originals = originals, d->copies = copies;
  return TTHC_OK;
}

tthc_status tthc_proc_add_result(tthc_proc *p, const char *result) {
  SETTER_GUARD(p);
  TTHC_RETURN_IF(!result || !*result, TTHC_EINVAL);
  char *r = NULL;
  TTHC_TRY(tthc__proc_setstr(&r, result));
  char **slot = tthc__proc_push((void **)&p->results, &p->nresults, sizeof *slot);
  if (!slot) {
    free(r);
    return TTHC_ENOMEM;
  }
  *slot = r;
  return TTHC_OK;
}

tthc_status tthc_proc_add_legal_basis(tthc_proc *p, const char *text) {
  SETTER_GUARD(p);
  TTHC_RETURN_IF(!text || !*text, TTHC_EINVAL);
  char *t = NULL, *num = NULL;
  const char *type = NULL;
  tthc_date date = 0;
  TTHC_TRY(tthc__proc_setstr(&t, text));
  tthc_status st = tthc__proc_find_ref(t, &num, &type, &date);
  proc_basis *b = st == TTHC_OK ? tthc__proc_push((void **)&p->bases, &p->nbases, sizeof *b)
                                : NULL;
  if (!b) {
    free(t);
    free(num);
    return TTHC_ENOMEM;
  }
  b->text = t, b->number = num, b->type = type, b->date = date;
  return TTHC_OK;
}

tthc_status tthc_proc_set_process(tthc_proc *p, tthc_process *process) {
  if (!p || p->frozen) {
    tthc_process_free(process);
    return p ? TTHC_EFROZEN : TTHC_EINVAL;
  }
  tthc_process_free(p->process);
  p->process = process;
  return TTHC_OK;
}

tthc_status tthc_proc_set_limit(tthc_proc *p, unsigned channels, tthc_limit limit,
                                const char *phrase) {
  SETTER_GUARD(p);
  TTHC_RETURN_IF(channels == 0 || (channels & ~TTHC_CHANNELS_ALL), TTHC_EINVAL);
  char canon[256]; /* formatting also validates the limit */
  TTHC_RETURN_IF(tthc_limit_format(limit, TTHC_LIMIT_FORMAT_VI, canon, sizeof canon, NULL) !=
                     TTHC_OK,
                 TTHC_EINVAL);
  if (!phrase) phrase = canon;
  char *copies[TTHC_CHANNEL_COUNT] = {0};
  for (int c = 0; c < TTHC_CHANNEL_COUNT; c++) {
    if (!(channels & (1u << c))) continue;
    tthc_status st = tthc__proc_setstr(&copies[c], phrase);
    if (st != TTHC_OK) {
      for (int k = 0; k < TTHC_CHANNEL_COUNT; k++) free(copies[k]);
      return st;
    }
  }
  for (int c = 0; c < TTHC_CHANNEL_COUNT; c++) {
    if (!(channels & (1u << c))) continue;
    free(p->limits[c].phrase);
    p->limits[c].phrase = copies[c];
    p->limits[c].limit = limit;
    p->limits[c].set = true;
  }
  return TTHC_OK;
}

tthc_status tthc_proc_set_limit_note(tthc_proc *p, const char *note) {
  SETTER_GUARD(p);
  return tthc__proc_setstr(&p->limit_note, note);
}

tthc_status tthc_proc_set_limit_text(tthc_proc *p, unsigned channels, const char *phrase,
                                     tthc_error *err) {
  if (!p || !phrase) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  if (p->frozen) return tthc__error_set(err, TTHC_EFROZEN, 0, 0, -1, "the record is frozen");
  tthc_limit limit;
  TTHC_TRY(tthc_limit_parse(phrase, strlen(phrase), &limit, err));
  tthc_status st = tthc_proc_set_limit(p, channels, limit, phrase);
  if (st != TTHC_OK) return tthc__error_set(err, st, 0, 0, -1, NULL);
  return TTHC_OK;
}

/* ---- getters ------------------------------------------------------------------------------ */

const char *tthc_proc_code(const tthc_proc *p) { return p ? p->code : NULL; }
const char *tthc_proc_name(const tthc_proc *p) { return p ? p->name : NULL; }
const char *tthc_proc_field_code(const tthc_proc *p) { return p ? p->field_code : NULL; }
const char *tthc_proc_field_name(const tthc_proc *p) { return p ? p->field_name : NULL; }
tthc_proc_level tthc_proc_level_of(const tthc_proc *p) { return p ? p->level : TTHC_LEVEL_UNKNOWN; }
const char *tthc_proc_agency(const tthc_proc *p) { return p ? p->agency : NULL; }
tthc_online tthc_proc_online(const tthc_proc *p) { return p ? p->online : TTHC_ONLINE_UNKNOWN; }
int tthc_proc_interagency(const tthc_proc *p) { return p && p->interagency; }
const char *tthc_proc_source(const tthc_proc *p) { return p ? p->source : NULL; }
const tthc_process *tthc_proc_process(const tthc_proc *p) { return p ? p->process : NULL; }
const char *tthc_proc_limit_note(const tthc_proc *p) { return p ? p->limit_note : NULL; }

tthc_status tthc_proc_limit(const tthc_proc *p, tthc_channel channel, tthc_limit *limit,
                            const char **phrase) {
  if (phrase) *phrase = NULL;
  if (limit) memset(limit, 0, sizeof *limit), limit->cutoff = -1;
  TTHC_RETURN_IF(!p || (unsigned)channel >= TTHC_CHANNEL_COUNT, TTHC_EINVAL);
  const proc_limit *l = &p->limits[channel];
  TTHC_RETURN_IF(!l->set, TTHC_ENOTFOUND);
  if (limit) *limit = l->limit;
  if (phrase) *phrase = l->phrase;
  return TTHC_OK;
}
size_t tthc_proc_fee_count(const tthc_proc *p) { return p ? p->nfees : 0; }
size_t tthc_proc_document_count(const tthc_proc *p) { return p ? p->ndocs : 0; }
size_t tthc_proc_result_count(const tthc_proc *p) { return p ? p->nresults : 0; }
size_t tthc_proc_legal_basis_count(const tthc_proc *p) { return p ? p->nbases : 0; }

const char *tthc_proc_result(const tthc_proc *p, size_t i) {
  return p && i < p->nresults ? p->results[i] : NULL;
}

tthc_status tthc_proc_decision(const tthc_proc *p, const char **number, tthc_date *date) {
  if (number) *number = NULL;
  if (date) *date = 0;
  TTHC_RETURN_IF(!p, TTHC_EINVAL);
  TTHC_RETURN_IF(!p->has_decision, TTHC_ENOTFOUND);
  if (number) *number = p->decision_number;
  if (date) *date = p->decision_date;
  return TTHC_OK;
}

tthc_status tthc_proc_fee(const tthc_proc *p, size_t i, unsigned *channels, tthc_fee_kind *kind,
                          int64_t *amount, const char **description) {
  TTHC_RETURN_IF(!p, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= p->nfees, TTHC_ERANGE);
  const proc_fee *f = &p->fees[i];
  if (channels) *channels = f->channels;
  if (kind) *kind = f->kind;
  if (amount) *amount = f->amount;
  if (description) *description = f->description;
  return TTHC_OK;
}

tthc_status tthc_proc_document(const tthc_proc *p, size_t i, const char **name, int *originals,
                               int *copies) {
  TTHC_RETURN_IF(!p, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= p->ndocs, TTHC_ERANGE);
  if (name) *name = p->docs[i].name;
  if (originals) *originals = p->docs[i].originals;
  if (copies) *copies = p->docs[i].copies;
  return TTHC_OK;
}

tthc_status tthc_proc_legal_basis(const tthc_proc *p, size_t i, const char **text,
                                  const char **number, const char **type, tthc_date *date) {
  if (text) *text = NULL;
  if (number) *number = NULL;
  if (type) *type = NULL;
  if (date) *date = 0;
  TTHC_RETURN_IF(!p, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= p->nbases, TTHC_ERANGE);
  if (text) *text = p->bases[i].text;
  if (number) *number = p->bases[i].number;
  if (type) *type = p->bases[i].type;
  if (date) *date = p->bases[i].date;
  return TTHC_OK;
}
