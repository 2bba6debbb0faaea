/* tthc catalog FILE search|show|plan|list: a procedure catalog as the counter uses it. */
#include <stdlib.h>
#include <string.h>

#include "cli_calendar.h"

#define CMD "catalog"

static const char *const usage_text =
    "usage: tthc catalog FILE search TEXT... [--json]\n"
    "       tthc catalog FILE show CODE [--json]\n"
    "       tthc catalog FILE plan CODE --received DATETIME [--channel direct|online|postal]\n"
    "                                   [--incomplete] [--cutoff HH:MM|none] [--json]\n"
    "                                   [calendar options]\n"
    "       tthc catalog FILE list [--field NAME] [--level LEVEL] [--online none|partial|full]\n"
    "                              [--json]\n"
    "FILE is a JSON catalog (docs/procedure.md). search finds procedures by name, accent- and\n"
    "case-insensitively (\"khai sinh\", \"KHAI SINH\"), best first. show prints one record.\n"
    "plan computes, for a dossier received at DATETIME on the national working calendar, the\n"
    "statutory due instant, the due instant of each step of the internal process, whether the\n"
    "dossier can be handled the same day at the counter (4 tại chỗ) and why, and the 30 % and\n"
    "50 % reduction targets with the reduced step budgets (the percentages, the cut-off and\n"
    "the 4-at-place fields come from the catalog's rules). list shows the records in\n"
    "Vietnamese dictionary order, optionally filtered.\n"
    "Calendar options (plan):\n" CLI_CAL_HELP;

/* ---- small formatting helpers ------------------------------------------------------------- */

/* Working minutes as "2 ngày 4 giờ" style text in days (8-hour default) and hours. */
static void fmt_minutes(int32_t m, int32_t per_day, char *out, size_t cap) {
  int32_t d = m / per_day, rest = m % per_day, h = rest / 60, mi = rest % 60;
  if (m == 0) snprintf(out, cap, "0");
  else if (rest == 0) snprintf(out, cap, "%d working day%s", (int)d, d == 1 ? "" : "s");
  else if (rest * 2 == per_day) snprintf(out, cap, "%d.5 working days", (int)d);
  else if (d == 0 && mi == 0) snprintf(out, cap, "%d working hour%s", (int)h, h == 1 ? "" : "s");
  else snprintf(out, cap, "%d d %d h %d min", (int)d, (int)h, (int)mi);
}

static int32_t minutes_per_day(const tthc_catalog *c) {
  int64_t v = 480;
  tthc_proc_rules_get(tthc_catalog_rules(c), TTHC_RULE_MINUTES_PER_DAY, &v);
  return (int32_t)v;
}

static json_t *jstr_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *jtime(tthc_datetime t) {
  char b[TTHC_DATETIME_STRLEN];
  cli_fmt_datetime(t, b);
  return json_string(b);
}

static bool load(const char *file, tthc_catalog **out) {
  tthc_error err;
  tthc_status st = tthc_catalog_load_file(file, out, &err);
  if (st == TTHC_OK) return true;
  cli_input_error(CMD, "%s: %s", file, err.message[0] ? err.message : tthc_strerror(st));
  return false;
}

static bool find(const tthc_catalog *c, const char *file, const char *code, const tthc_proc **p) {
  tthc_error err;
  if (tthc_proc_code_check(code, strlen(code), &err) != TTHC_OK) {
    cli_input_error(CMD, "%s", err.message);
    return false;
  }
  if (tthc_catalog_get(c, code, p) != TTHC_OK) {
    cli_input_error(CMD, "no procedure with code %s in %s", code, file);
    return false;
  }
  return true;
}

/* ---- search and list ---------------------------------------------------------------------- */

static json_t *brief_json(const tthc_proc *p) {
  return json_pack("{s:s,s:s,s:o,s:s,s:s}", "code", tthc_proc_code(p), "name", tthc_proc_name(p),
                   "field", jstr_or_null(tthc_proc_field_name(p)), "level",
                   tthc_proc_level_name(tthc_proc_level_of(p)), "online",
                   tthc_online_name(tthc_proc_online(p)));
}

static void brief_line(const tthc_proc *p, const char *extra) {
  const char *f = tthc_proc_field_name(p);
  printf("%s  %s  [%s]%s%s\n", tthc_proc_code(p), tthc_proc_name(p), f ? f : "-",
         extra ? "  " : "", extra ? extra : "");
}

static int do_search(const tthc_catalog *c, const char *query, bool json) {
  size_t n = 0;
  tthc_status st = tthc_catalog_search(c, query, strlen(query), NULL, NULL, 0, &n);
  if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
  const tthc_proc **r = calloc(n ? n : 1, sizeof *r);
  tthc_match *m = calloc(n ? n : 1, sizeof *m);
  if (!r || !m) {
    free(r), free(m);
    return cli_input_error(CMD, "out of memory");
  }
  tthc_catalog_search(c, query, strlen(query), r, m, n, &n);
  int rc = CLI_OK;
  if (json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
      json_t *o = brief_json(r[i]);
      json_object_set_new(o, "match", json_string(tthc_match_name(m[i])));
      json_array_append_new(arr, o);
    }
    rc = cli_print_json(json_pack("{s:s,s:I,s:o}", "query", query, "count", (json_int_t)n,
                                  "results", arr));
  } else {
    for (size_t i = 0; i < n; i++) brief_line(r[i], tthc_match_name(m[i]));
  }
  free(r), free(m);
  return rc;
}

static int do_list(const tthc_catalog *c, const char *field, const char *level,
                   const char *online, bool json) {
  unsigned lm = 0, om = 0;
  if (level) {
    int l = -1;
    for (int i = 0; i <= TTHC_LEVEL_COMMUNE; i++)
      if (!strcmp(level, tthc_proc_level_name((tthc_proc_level)i))) l = i;
    if (l < 0)
      return cli_usage_error(CMD, "--level must be central, province, district, commune or "
                                  "unknown, not '%s'", level);
    lm = 1u << l;
  }
  if (online) {
    int o = -1;
    for (int i = 0; i <= TTHC_ONLINE_UNKNOWN; i++)
      if (!strcmp(online, tthc_online_name((tthc_online)i))) o = i;
    if (o < 0)
      return cli_usage_error(CMD, "--online must be none, partial, full or unknown, not '%s'",
                             online);
    om = 1u << o;
  }
  size_t n = 0;
  tthc_status st = tthc_catalog_filter(c, field, lm, om, NULL, 0, &n);
  if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
  const tthc_proc **r = calloc(n ? n : 1, sizeof *r);
  if (!r) return cli_input_error(CMD, "out of memory");
  tthc_catalog_filter(c, field, lm, om, r, n, &n);
  int rc = CLI_OK;
  if (json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(arr, brief_json(r[i]));
    rc = cli_print_json(json_pack("{s:I,s:o}", "count", (json_int_t)n, "procedures", arr));
  } else {
    for (size_t i = 0; i < n; i++) brief_line(r[i], NULL);
  }
  free(r);
  return rc;
}

/* ---- show --------------------------------------------------------------------------------- */

static json_t *limit_json(const tthc_proc *p, tthc_channel ch, const tthc_proc_rules *rules) {
  tthc_limit l;
  const char *phrase;
  if (tthc_proc_limit(p, ch, &l, &phrase) != TTHC_OK) return json_null();
  int32_t m;
  json_t *minutes = tthc_proc_limit_minutes(l, rules, &m) == TTHC_OK ? json_integer(m)
                                                                      : json_null();
  char cut[16];
  if (l.cutoff >= 0) snprintf(cut, sizeof cut, "%02d:%02d", l.cutoff / 3600, l.cutoff % 3600 / 60);
  return json_pack("{s:s,s:i,s:i,s:s,s:o,s:o}", "phrase", phrase, "value", (int)l.value, "milli",
                   (int)l.milli, "unit", tthc_limit_unit_name(l.unit), "cutoff",
                   l.cutoff >= 0 ? json_string(cut) : json_null(), "working_minutes", minutes);
}

static void print_limits(const tthc_proc *p) {
  const char *ph[TTHC_CHANNEL_COUNT] = {0};
  for (int ch = 0; ch < TTHC_CHANNEL_COUNT; ch++)
    tthc_proc_limit(p, (tthc_channel)ch, NULL, &ph[ch]);
  bool same = ph[0] && ph[1] && ph[2] && !strcmp(ph[0], ph[1]) && !strcmp(ph[0], ph[2]);
  if (same) {
    printf("  Limit:        %s\n", ph[0]);
  } else {
    bool first = true;
    for (int ch = 0; ch < TTHC_CHANNEL_COUNT; ch++) {
      if (!ph[ch]) continue;
      printf("  %-14s%s: %s\n", first ? "Limit:" : "", tthc_channel_name((tthc_channel)ch), ph[ch]);
      first = false;
    }
    if (first) printf("  Limit:        (not published)\n");
  }
  if (tthc_proc_limit_note(p)) printf("  Limit note:   %s\n", tthc_proc_limit_note(p));
}

static void print_channels(unsigned mask, char *out, size_t cap) {
  out[0] = '\0';
  if (mask == TTHC_CHANNELS_ALL) {
    snprintf(out, cap, "all channels");
    return;
  }
  for (int ch = 0; ch < TTHC_CHANNEL_COUNT; ch++)
    if (mask & (1u << ch)) {
      size_t l = strlen(out);
      snprintf(out + l, cap - l, "%s%s", l ? ", " : "", tthc_channel_name((tthc_channel)ch));
    }
}

static int do_show(const tthc_catalog *c, const tthc_proc *p, bool json) {
  const tthc_proc_rules *rules = tthc_catalog_rules(c);
  if (json) {
    char *s = NULL;
    if (tthc_proc_to_json_alloc(p, 0, &s, NULL) != TTHC_OK)
      return cli_input_error(CMD, "out of memory");
    json_t *rec = json_loads(s, 0, NULL);
    tthc_free(s);
    json_t *lim = json_object();
    for (int ch = 0; ch < TTHC_CHANNEL_COUNT; ch++)
      json_object_set_new(lim, tthc_channel_name((tthc_channel)ch), limit_json(p, ch, rules));
    return cli_print_json(json_pack("{s:o,s:o}", "procedure", rec, "limits", lim));
  }
  const char *fc = tthc_proc_field_code(p), *fn = tthc_proc_field_name(p);
  printf("%s  %s\n", tthc_proc_code(p), tthc_proc_name(p));
  if (fn) printf("  Field:        %s%s%s%s\n", fn, fc ? " (" : "", fc ? fc : "", fc ? ")" : "");
  printf("  Level:        %s (%s)\n", tthc_proc_level_name(tthc_proc_level_of(p)),
         tthc_proc_level_name_vi(tthc_proc_level_of(p)));
  if (tthc_proc_agency(p)) printf("  Agency:       %s\n", tthc_proc_agency(p));
  print_limits(p);
  for (size_t i = 0; i < tthc_proc_fee_count(p); i++) {
    unsigned ch;
    tthc_fee_kind k;
    int64_t amount;
    const char *d;
    char chs[64];
    tthc_proc_fee(p, i, &ch, &k, &amount, &d);
    print_channels(ch, chs, sizeof chs);
    printf("  %-14s%lld đồng (%s, %s)%s%s\n", i ? "" : "Fees:", (long long)amount,
           k == TTHC_FEE_FEE ? "phí" : "lệ phí", chs, d ? ": " : "", d ? d : "");
  }
  printf("  Online:       %s\n", tthc_online_name(tthc_proc_online(p)));
  printf("  Inter-agency: %s\n", tthc_proc_interagency(p) ? "yes (liên thông)" : "no");
  for (size_t i = 0; i < tthc_proc_document_count(p); i++) {
    const char *n;
    int o, cp;
    tthc_proc_document(p, i, &n, &o, &cp);
    printf("  %-14s- %s (%d original%s, %d cop%s)\n", i ? "" : "Documents:", n, o,
           o == 1 ? "" : "s", cp, cp == 1 ? "y" : "ies");
  }
  for (size_t i = 0; i < tthc_proc_result_count(p); i++)
    printf("  %-14s- %s\n", i ? "" : "Results:", tthc_proc_result(p, i));
  for (size_t i = 0; i < tthc_proc_legal_basis_count(p); i++) {
    const char *t, *num;
    tthc_proc_legal_basis(p, i, &t, &num, NULL, NULL);
    printf("  %-14s- %s%s%s%s\n", i ? "" : "Legal bases:", t, num ? " [" : "", num ? num : "",
           num ? "]" : "");
  }
  const char *dn;
  tthc_date dd;
  if (tthc_proc_decision(p, &dn, &dd) == TTHC_OK) {
    char ds[TTHC_DATE_STRLEN];
    cli_fmt_date(dd, ds);
    printf("  Decision:     %s of %s\n", dn, ds);
  }
  const tthc_process *pr = tthc_proc_process(p);
  int32_t per_day = minutes_per_day(c);
  for (size_t i = 0; i < tthc_process_step_count(pr); i++) {
    tthc_process_step_kind k;
    const char *d, *role, *bt;
    int32_t m;
    int counted;
    char dur[48];
    tthc_process_step(pr, i, &k, &d, &role, &m, &counted, &bt);
    fmt_minutes(m, per_day, dur, sizeof dur);
    printf("  %-14s%zu. %-9s %s%s%s  (%s)\n", i ? "" : "Process:", i + 1,
           tthc_process_step_kind_name(k), role ? role : "", role && d ? ": " : "", d ? d : "",
           counted ? (bt ? bt : dur) : "not counted");
  }
  if (tthc_proc_source(p)) printf("  Source:       %s\n", tthc_proc_source(p));
  return CLI_OK;
}

/* ---- plan --------------------------------------------------------------------------------- */

typedef struct plan_ctx {
  const tthc_catalog *c;
  const tthc_proc *p;
  tthc_channel ch;
  tthc_datetime received;
  int complete;
  const tthc_cal *cal;
  const tthc_deadline_policy *policy;
  const tthc_proc_rules *rules;
} plan_ctx;

static json_t *steps_json(const tthc_process *pr, const tthc_datetime *st, const tthc_datetime *du,
                          bool with_text) {
  json_t *arr = json_array();
  for (size_t i = 0; i < tthc_process_step_count(pr); i++) {
    tthc_process_step_kind k;
    const char *d, *role, *bt;
    int32_t m;
    int counted;
    tthc_process_step(pr, i, &k, &d, &role, &m, &counted, &bt);
    json_t *o = json_pack("{s:s,s:I,s:b}", "kind", tthc_process_step_kind_name(k), "minutes",
                          (json_int_t)m, "counted", counted);
    if (with_text) {
      json_object_set_new(o, "description", jstr_or_null(d));
      json_object_set_new(o, "role", jstr_or_null(role));
      json_object_set_new(o, "budget", jstr_or_null(bt));
    }
    if (st) json_object_set_new(o, "start", jtime(st[i]));
    if (du) json_object_set_new(o, "due", jtime(du[i]));
    json_array_append_new(arr, o);
  }
  return arr;
}

static int plan_fail(tthc_status st) {
  if (st == TTHC_ERANGE || st == TTHC_EUNSUPPORTED)
    return cli_input_error(CMD, "the dates fall outside the working calendar (%s)",
                           tthc_strerror(st));
  return cli_status_error(CMD, st, NULL);
}

static int do_plan(const plan_ctx *x, bool json) {
  const tthc_proc *p = x->p;
  const tthc_process *pr = tthc_proc_process(p);
  int32_t per_day = minutes_per_day(x->c);
  tthc_limit limit;
  const char *phrase = NULL;
  bool has_limit = tthc_proc_limit(p, x->ch, &limit, &phrase) == TTHC_OK;
  /* Statutory due and per-step dues. */
  size_t n = tthc_process_step_count(pr);
  tthc_datetime *st = calloc(n + 1, sizeof *st), *du = calloc(n + 1, sizeof *du);
  if (!st || !du) {
    free(st), free(du);
    return cli_input_error(CMD, "out of memory");
  }
  tthc_datetime start = 0, due = 0;
  tthc_status s = TTHC_OK;
  if (has_limit) s = tthc_deadline_due(x->cal, NULL, x->policy, x->received, limit, &start, &due);
  if (s == TTHC_OK && pr)
    s = tthc_process_plan(pr, x->cal, NULL, x->policy, has_limit ? &limit : NULL, x->received, st,
                          du, n, &n, NULL);
  if (s != TTHC_OK) {
    free(st), free(du);
    return plan_fail(s);
  }
  int fits = -1;
  int32_t budget = 0, lm = 0;
  if (pr && has_limit && tthc_process_fit(pr, limit, x->rules, &fits, &budget, &lm) != TTHC_OK)
    fits = -1;
  /* 4-at-place. */
  int eligible = 0;
  unsigned reasons = 0;
  tthc_datetime fp[4];
  s = tthc_fourplace_plan(p, x->ch, x->rules, x->cal, NULL, x->received, x->complete, &eligible,
                          &reasons, fp);
  if (s != TTHC_OK) {
    free(st), free(du);
    return plan_fail(s);
  }
  /* Reductions. */
  int64_t pct[2] = {30, 50};
  tthc_proc_rules_get(x->rules, TTHC_RULE_REDUCTION_LOW, &pct[0]);
  tthc_proc_rules_get(x->rules, TTHC_RULE_REDUCTION_HIGH, &pct[1]);
  int32_t limit_min = 0;
  tthc_status lst =
      has_limit ? tthc_proc_limit_minutes(limit, x->rules, &limit_min) : TTHC_ENOTFOUND;
  bool reducible = lst == TTHC_OK;
  int32_t target[2] = {0, 0};
  tthc_process *reduced[2] = {NULL, NULL};
  tthc_datetime rdue[2] = {0, 0};
  for (int k = 0; k < 2 && reducible; k++) {
    if (tthc_reduction_target(limit_min, (int)pct[k], x->rules, &target[k]) != TTHC_OK) {
      reducible = false;
      break;
    }
    if (pr && tthc_process_total(pr) > 0 &&
        tthc_process_scale(pr, target[k], x->rules, &reduced[k]) == TTHC_OK) {
      size_t rn = tthc_process_step_count(reduced[k]);
      tthc_datetime *rs = calloc(rn, sizeof *rs), *rd = calloc(rn, sizeof *rd);
      if (rs && rd && tthc_process_plan(reduced[k], x->cal, NULL, x->policy, &limit, x->received,
                                        rs, rd, rn, &rn, NULL) == TTHC_OK && rn)
        rdue[k] = rd[rn - 1];
      free(rs), free(rd);
    }
  }
  char rec[TTHC_DATETIME_STRLEN];
  cli_fmt_datetime(x->received, rec);
  int rc = CLI_OK;
  if (json) {
    json_t *j = json_pack("{s:s,s:s,s:s,s:s}", "code", tthc_proc_code(p), "name",
                          tthc_proc_name(p), "received", rec, "channel", tthc_channel_name(x->ch));
    json_object_set_new(j, "limit", limit_json(p, x->ch, x->rules));
    json_object_set_new(j, "start", has_limit ? jtime(start) : json_null());
    json_object_set_new(j, "due", has_limit ? jtime(due) : json_null());
    json_object_set_new(j, "steps", pr ? steps_json(pr, st, du, true) : json_array());
    json_object_set_new(j, "process_fits", fits < 0 ? json_null() : json_boolean(fits));
    json_t *why = json_array();
    for (unsigned b = 1; b && b <= TTHC_FOURPLACE_NO_TIME_LEFT; b <<= 1)
      if (reasons & b)
        json_array_append_new(why, json_pack("{s:s,s:s,s:s}", "code", tthc_fourplace_reason_name(b),
                                             "en", tthc_fourplace_reason_text(b, 0), "vi",
                                             tthc_fourplace_reason_text(b, 1)));
    json_t *fpd = eligible ? json_pack("{s:o,s:o,s:o,s:o}", "receive", jtime(fp[0]), "appraise",
                                       jtime(fp[1]), "approve", jtime(fp[2]), "return",
                                       jtime(fp[3]))
                           : json_null();
    json_object_set_new(j, "same_day", json_pack("{s:b,s:b,s:o,s:o}", "eligible", eligible,
                                                 "complete", x->complete, "reasons", why, "dues",
                                                 fpd));
    json_t *reds = json_array();
    for (int k = 0; k < 2 && reducible; k++) {
      json_t *o = json_pack("{s:I,s:I,s:f}", "percent", (json_int_t)pct[k], "minutes",
                            (json_int_t)target[k], "working_days", (double)target[k] / per_day);
      json_object_set_new(o, "steps", reduced[k] ? steps_json(reduced[k], NULL, NULL, false)
                                                 : json_null());
      json_object_set_new(o, "due", reduced[k] && rdue[k] ? jtime(rdue[k]) : json_null());
      json_array_append_new(reds, o);
    }
    json_object_set_new(j, "reductions", reds);
    rc = cli_print_json(j);
  } else {
    char a[TTHC_DATETIME_STRLEN], b[TTHC_DATETIME_STRLEN], dur[48];
    printf("%s  %s\n", tthc_proc_code(p), tthc_proc_name(p));
    printf("Received:  %s (%s, %s dossier)\n", rec, tthc_channel_name(x->ch),
           x->complete ? "complete" : "incomplete");
    if (has_limit) {
      cli_fmt_datetime(start, a);
      cli_fmt_datetime(due, b);
      printf("Limit:     %s\n", phrase);
      printf("Start:     %s\nDue:       %s\n", a, b);
    } else {
      printf("Limit:     none published for the %s channel\n", tthc_channel_name(x->ch));
    }
    if (pr) {
      fmt_minutes(tthc_process_total(pr), per_day, dur, sizeof dur);
      printf("Internal process (%s%s):\n", dur,
             fits < 0 ? "" : fits ? ", fits the limit" : ", EXCEEDS the limit");
      for (size_t i = 0; i < n; i++) {
        tthc_process_step_kind k;
        const char *role, *bt;
        int32_t m;
        int counted;
        tthc_process_step(pr, i, &k, NULL, &role, &m, &counted, &bt);
        cli_fmt_datetime(st[i], a);
        cli_fmt_datetime(du[i], b);
        fmt_minutes(m, per_day, dur, sizeof dur);
        printf("  %zu. %-9s %-20s %s -> %s  %s\n", i + 1, tthc_process_step_kind_name(k),
               counted ? (bt ? bt : dur) : "not counted", a, b, role ? role : "");
      }
    } else {
      printf("Internal process: none in the catalog\n");
    }
    printf("Same day (4 tại chỗ): %s\n", eligible ? "yes" : "no");
    const unsigned against = TTHC_FOURPLACE_FIELD_NOT_LISTED | TTHC_FOURPLACE_LIMIT_LONG |
                             TTHC_FOURPLACE_LIMIT_CALENDAR | TTHC_FOURPLACE_NO_LIMIT |
                             TTHC_FOURPLACE_INCOMPLETE | TTHC_FOURPLACE_AFTER_CUTOFF |
                             TTHC_FOURPLACE_CLOSED | TTHC_FOURPLACE_NO_TIME_LEFT;
    for (unsigned bit = 1; bit && bit <= TTHC_FOURPLACE_NO_TIME_LEFT; bit <<= 1)
      if (reasons & bit)
        printf("  %s %s\n", (bit & against) ? "[x]" : "[ok]", tthc_fourplace_reason_text(bit, 0));
    if (eligible) {
      static const char *const names[4] = {"receive", "appraise", "approve", "return"};
      for (int i = 0; i < 4; i++) {
        cli_fmt_datetime(fp[i], a);
        printf("  %-9s by %s\n", names[i], a + 11);
      }
    }
    if (!reducible) {
      printf("Reduction targets: not applicable (%s)\n",
             lst == TTHC_ENOTFOUND      ? "no limit for this channel"
             : lst == TTHC_EUNSUPPORTED ? "the limit is not in working time"
                                        : "the limit is below the rules' minimum");
    } else {
      printf("Reduction targets:\n");
      for (int k = 0; k < 2; k++) {
        fmt_minutes(target[k], per_day, dur, sizeof dur);
        printf("  -%lld %%: %s (%d working minutes)", (long long)pct[k], dur, (int)target[k]);
        if (rdue[k]) {
          cli_fmt_datetime(rdue[k], a);
          printf(", reduced process done by %s", a);
        }
        printf("\n");
        for (size_t i = 0; reduced[k] && i < tthc_process_step_count(reduced[k]); i++) {
          tthc_process_step_kind sk;
          int32_t m;
          int counted;
          tthc_process_step(reduced[k], i, &sk, NULL, NULL, &m, &counted, NULL);
          if (!counted) continue;
          fmt_minutes(m, per_day, dur, sizeof dur);
          printf("     %zu. %-9s %s\n", i + 1, tthc_process_step_kind_name(sk), dur);
        }
      }
    }
  }
  tthc_process_free(reduced[0]);
  tthc_process_free(reduced[1]);
  free(st), free(du);
  return rc;
}

/* ---- entry -------------------------------------------------------------------------------- */

static bool parse_channel(const char *s, tthc_channel *out) {
  for (int ch = 0; ch < TTHC_CHANNEL_COUNT; ch++)
    if (!strcmp(s, tthc_channel_name((tthc_channel)ch))) {
      *out = (tthc_channel)ch;
      return true;
    }
  return false;
}

static bool parse_clock(const char *s, int64_t *out) {
  int h, m;
  if (!strcmp(s, "none")) return *out = -1, true;
  char extra;
  if (strlen(s) != 5 || sscanf(s, "%2d:%2d%c", &h, &m, &extra) != 2 || h > 23 || m > 59 || h < 0 ||
      m < 0)
    return false;
  *out = h * 3600 + m * 60;
  return true;
}

int cmd_catalog(int argc, char **argv) {
  bool json = false, help = false, incomplete = false;
  const char *received = NULL, *channel = NULL, *cutoff = NULL, *field = NULL, *level = NULL,
             *online = NULL;
  const char *pos[32];
  cli_cal_opts calo = {0};
  cli_opt opts[] = {{"--json", false, NULL, &json},
                    {"--received", true, &received, NULL},
                    {"--channel", true, &channel, NULL},
                    {"--incomplete", false, NULL, &incomplete},
                    {"--cutoff", true, &cutoff, NULL},
                    {"--field", true, &field, NULL},
                    {"--level", true, &level, NULL},
                    {"--online", true, &online, NULL},
                    CLI_CAL_OPTIONS(calo),
                    {0}};
  int n = cli_parse(argc, argv, opts, pos, 32, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts(usage_text);
    return CLI_OK;
  }
  if (n < 2) return cli_usage_error(CMD, "expected FILE and a command (see tthc catalog --help)");
  const char *file = pos[0], *verb = pos[1];
  bool is_search = !strcmp(verb, "search"), is_show = !strcmp(verb, "show"),
       is_plan = !strcmp(verb, "plan"), is_list = !strcmp(verb, "list");
  if (!is_search && !is_show && !is_plan && !is_list)
    return cli_usage_error(CMD, "unknown command '%s': expected search, show, plan or list", verb);
  if (is_search && n < 3) return cli_usage_error(CMD, "search needs a TEXT");
  if ((is_show || is_plan) && n != 3)
    return cli_usage_error(CMD, "%s needs exactly one CODE", verb);
  if (is_list && n != 2) return cli_usage_error(CMD, "list takes no argument");
  if (is_plan && !received) return cli_usage_error(CMD, "plan needs --received DATETIME");
  if (!is_plan && (received || channel || incomplete || cutoff || calo.ics || calo.schedule ||
                   calo.culture_day))
    return cli_usage_error(CMD, "--received, --channel, --incomplete, --cutoff and the calendar "
                                "options are for plan");
  if (!is_list && (field || level || online))
    return cli_usage_error(CMD, "--field, --level and --online are for list");
  tthc_channel ch = TTHC_CHANNEL_DIRECT;
  if (channel && !parse_channel(channel, &ch))
    return cli_usage_error(CMD, "--channel must be direct, online or postal, not '%s'", channel);
  int64_t cut = -2; /* -2: not given; -1: none */
  if (cutoff && !parse_clock(cutoff, &cut))
    return cli_usage_error(CMD, "--cutoff must be HH:MM or none, not '%s'", cutoff);
  tthc_datetime rec = 0;
  if (is_plan && !cli_parse_datetime(CMD, received, &rec)) return CLI_BAD_INPUT;

  tthc_catalog *c = NULL;
  if (!load(file, &c)) return CLI_BAD_INPUT;
  int rc;
  const tthc_proc *p = NULL;
  if (is_search) {
    /* The words of TEXT may come as one argument or several. */
    size_t len = 0;
    for (int i = 2; i < n; i++) len += strlen(pos[i]) + 1;
    char *q = malloc(len + 1);
    if (!q) {
      tthc_catalog_free(c);
      return cli_input_error(CMD, "out of memory");
    }
    q[0] = '\0';
    for (int i = 2; i < n; i++) strcat(strcat(q, i > 2 ? " " : ""), pos[i]);
    rc = do_search(c, q, json);
    free(q);
  } else if (is_list) {
    rc = do_list(c, field, level, online, json);
  } else if (!find(c, file, pos[2], &p)) {
    rc = CLI_BAD_INPUT;
  } else if (is_show) {
    rc = do_show(c, p, json);
  } else {
    tthc_date d = tthc_datetime_date(rec);
    tthc_cal *cal = NULL;
    tthc_deadline_policy *policy = NULL;
    tthc_proc_rules *rules = NULL;
    /* A year of room after the receipt for long processes. */
    rc = cli_cal_build_span(CMD, d, d + 366, &calo, &cal);
    if (rc != CLI_OK) {
      tthc_catalog_free(c);
      return rc;
    }
    tthc_status st = tthc_deadline_policy_new(&policy);
    if (st == TTHC_OK) st = tthc_proc_rules_copy(tthc_catalog_rules(c), &rules);
    if (st == TTHC_OK && cut >= -1) {
      /* none: the clock and the 4-at-place check ignore the time of day. */
      st = tthc_deadline_policy_set(policy, TTHC_POLICY_CUTOFF, cut);
      if (st == TTHC_OK) st = tthc_deadline_policy_set(policy, TTHC_POLICY_PHRASE_CUTOFF, 0);
      if (st == TTHC_OK)
        st = tthc_proc_rules_set(rules, TTHC_RULE_FOURPLACE_CUTOFF, cut < 0 ? 86399 : cut);
    }
    if (st != TTHC_OK) {
      rc = plan_fail(st);
    } else {
      plan_ctx x = {c, p, ch, rec, !incomplete, cal, policy, rules};
      rc = do_plan(&x, json);
    }
    tthc_proc_rules_free(rules);
    tthc_deadline_policy_free(policy);
    tthc_cal_free(cal);
  }
  tthc_catalog_free(c);
  return rc;
}
