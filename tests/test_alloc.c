/* alloc: allocation-failure sweep. Every representative operation is run with its N-th
 * allocation failing, for N = 1, 2, … until it runs without reaching N. Each run must return
 * TTHC_ENOMEM (or succeed, when the failure is absorbed), leave the objects it was given as
 * they were, and leak nothing; any crash fails the test (and ASan / valgrind watch it too).
 *
 * How failures are injected (test binary only; the library has no allocator hook and no global
 * state): this executable is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,
 * --wrap=free, so every allocation made by libtthc.a and by this file goes through the
 * __wrap_* functions below, which count, fail the N-th, and track the live blocks. jansson's
 * allocations go through the same functions by json_set_alloc_funcs() (a process-wide jansson
 * setting: acceptable in a test binary). jansson 2.14's decoder does not always report its own
 * allocation failures: its lexer drops characters it cannot append to a string (lex_save
 * ignores the failure) and a document then loads with altered strings, which libtthc may
 * reject as malformed, and some failures come back as syntax errors. A failure injected inside
 * json_loadb() may therefore end in another error than TTHC_ENOMEM; the sweep accepts that
 * (never a crash, a leak or a changed object) and counts it. Not covered: allocations made inside libical (export
 * through its object model, RRULE evaluation) and utf8proc (its NFC/NFD mapping), which call
 * the C library's malloc from their own shared objects; libtthc checks and maps their NULL
 * results (docs/hardening.md lists them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <execinfo.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/dossier_gen.h"
#include "tthc.h"

/* ---- the wrapped allocator ------------------------------------------------------------------ */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static long g_fail_at;   /* fail the allocation with this number (1-based); 0: never */
static long g_calls;     /* allocations counted since arm() */
static int g_counting;   /* 1 while an operation runs (count, fail, track) */
#define LIVE_CAP (1u << 16)
static void *g_live[LIVE_CAP]; /* open addressing; (void *)1 = deleted */
static size_t g_nlive;

static size_t slot_of(const void *p) { return ((uintptr_t)p >> 4) * 2654435761u % LIVE_CAP; }

static void live_add(void *p) {
  if (!p || !g_counting) return;
  size_t i = slot_of(p);
  while (g_live[i] && g_live[i] != (void *)1) i = (i + 1) % LIVE_CAP;
  g_live[i] = p;
  if (++g_nlive > LIVE_CAP / 2) {
    fprintf(stderr, "test_alloc: too many live blocks\n");
    abort();
  }
}

static void live_del(void *p) {
  if (!p) return;
  for (size_t i = slot_of(p), k = 0; g_live[i] && k < LIVE_CAP; i = (i + 1) % LIVE_CAP, k++)
    if (g_live[i] == p) {
      g_live[i] = (void *)1;
      g_nlive--;
      return;
    }
}

static int g_trace; /* TTHC_ALLOC_TRACE set: print where the failed allocation was made */
static int g_in_decoder;  /* the failed allocation was jansson's, inside json_loadb() */
static int g_jansson;     /* set while jansson allocates through json_malloc() */

static int should_fail(void) {
  if (!g_counting || ++g_calls != g_fail_at) return 0;
  if (g_jansson) { /* who is asking: jansson's decoder or its encoder? */
    void *frames[24];
    g_counting = 0;
    int n = backtrace(frames, 24);
    char **names = backtrace_symbols(frames, n);
    for (int i = 0; names && i < n; i++)
      if (strstr(names[i], "json_load")) g_in_decoder = 1;
    __real_free(names);
    g_counting = 1;
  }
  if (g_trace) {
    void *frames[16];
    g_counting = 0;
    int n = backtrace(frames, 16);
    fprintf(stderr, "-- allocation %ld fails here:\n", g_calls);
    backtrace_symbols_fd(frames, n, 2);
    g_counting = 1;
  }
  return 1;
}

void *__wrap_malloc(size_t n) {
  if (should_fail()) return NULL;
  void *p = __real_malloc(n);
  live_add(p);
  return p;
}

void *__wrap_calloc(size_t n, size_t m) {
  if (should_fail()) return NULL;
  void *p = __real_calloc(n, m);
  live_add(p);
  return p;
}

void *__wrap_realloc(void *p, size_t n) {
  if (should_fail()) return NULL; /* p stays valid, as realloc leaves it */
  void *q = __real_realloc(p, n);
  if (q) {
    live_del(p);
    live_add(q);
  }
  return q;
}

void __wrap_free(void *p) {
  live_del(p);
  __real_free(p);
}

static void *json_malloc(size_t n) {
  g_jansson = 1;
  void *p = __wrap_malloc(n);
  g_jansson = 0;
  return p;
}
static void json_free(void *p) { __wrap_free(p); }

static void arm(long n) {
  g_in_decoder = 0;
  memset(g_live, 0, sizeof g_live);
  g_nlive = 0;
  g_calls = 0;
  g_fail_at = n;
  g_counting = 1;
}

/* Stop counting; returns the number of allocations the operation made. */
static long disarm(void) {
  g_counting = 0;
  return g_calls;
}

/* Run the statements with injection suspended (snapshots of the objects under test). */
#define PAUSED(...)              \
  do {                           \
    int saved_ = g_counting;     \
    g_counting = 0;              \
    __VA_ARGS__;                 \
    g_counting = saved_;         \
  } while (0)

/* ---- the sweep --------------------------------------------------------------------------- */

typedef struct opctx opctx;
typedef tthc_status (*op_fn)(opctx *c);

struct opctx {
  const char *name;
  int changed;       /* set by an op when a failed call modified an object it was given */
  const char *where; /* which call */
  /* shared, read-only inputs built outside the sweep */
  const tthc_cal *cal;
  const tthc_catalog *catalog;
  tthc_date d2025;
};

static int g_ops_run;
static long g_decoder_misreports; /* see the file comment */

static void sweep(opctx *c, op_fn op) {
  long n;
  for (n = 1;; n++) {
    c->changed = 0, c->where = NULL;
    arm(n);
    tthc_status st = op(c);
    long calls = disarm();
    if ((st != TTHC_OK && st != TTHC_ENOMEM) || c->changed || g_nlive) {
      g_trace = getenv("TTHC_ALLOC_TRACE") != NULL; /* run it again to show where */
      if (g_trace) arm(n), op(c), disarm();
      g_trace = 0;
    }
    if (st != TTHC_OK && st != TTHC_ENOMEM && g_in_decoder)
      g_decoder_misreports++; /* jansson hid or misreported its allocation failure */
    else if (st != TTHC_OK && st != TTHC_ENOMEM)
      fail_msg("%s: allocation %ld failed: status %s, expected TTHC_ENOMEM", c->name, n,
               tthc_status_name(st));
    if (c->changed)
      fail_msg("%s: allocation %ld failed in %s, which changed its object", c->name, n,
               c->where ? c->where : "?");
    if (g_nlive != 0)
      fail_msg("%s: allocation %ld failed: %zu blocks leaked", c->name, n, g_nlive);
    if (st == TTHC_OK && calls < n) break; /* ran to the end without reaching allocation n */
    if (n > 200000) fail_msg("%s: does not terminate", c->name);
  }
  g_ops_run++;
  if (getenv("TTHC_ALLOC_VERBOSE"))
    printf("alloc: %-14s %5ld allocations swept (%ld jansson decoder failures not reported as "
           "TTHC_ENOMEM so far)\n",
           c->name, n - 1, g_decoder_misreports);
  assert_true(n > 1); /* the operation allocates: the sweep did something */
}

/* A status that is not ENOMEM inside an op that cannot fail otherwise: report it as is. */
#define TRY(expr)                            \
  do {                                       \
    tthc_status st_ = (expr);                \
    if (st_ != TTHC_OK) {                    \
      st = st_;                              \
      goto out;                              \
    }                                        \
  } while (0)

/* A call on an object that must be left unchanged when it fails: snapshot before, compare. */
#define TRY_UNCHANGED(fp, obj, expr)                          \
  do {                                                        \
    uint64_t before_, after_;                                 \
    PAUSED(before_ = fp(obj));                                \
    tthc_status st_ = (expr);                                 \
    if (st_ != TTHC_OK) {                                     \
      PAUSED(after_ = fp(obj));                               \
      if (before_ != after_) c->changed = 1, c->where = #expr; \
      st = st_;                                               \
      goto out;                                               \
    }                                                         \
  } while (0)

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

static uint64_t fnv_str(uint64_t h, const char *s) { return fnv(h, s ? s : "", s ? strlen(s) + 1 : 1); }

static uint64_t cal_fp(const tthc_cal *cal) {
  uint64_t h = 14695981039346656037ull;
  unsigned rest = tthc_cal_weekly_rest(cal);
  h = fnv(h, &rest, sizeof rest);
  tthc_cal_iter *it = NULL;
  if (tthc_cal_iter_new(cal, tthc_cal_first_date(cal), tthc_cal_last_date(cal), &it) != TTHC_OK)
    return 0;
  for (const tthc_cal_entry *e; (e = tthc_cal_iter_next(it)) != NULL;) {
    tthc_date d = tthc_cal_entry_date(e);
    tthc_day_kind k = tthc_cal_entry_kind(e);
    h = fnv(fnv(h, &d, sizeof d), &k, sizeof k);
    h = fnv_str(fnv_str(fnv_str(h, tthc_cal_entry_name_vi(e)), tthc_cal_entry_name_en(e)),
                tthc_cal_entry_source(e));
  }
  tthc_cal_iter_free(it);
  int y0, y1;
  tthc_date_to_ymd(tthc_cal_first_date(cal), &y0, NULL, NULL);
  tthc_date_to_ymd(tthc_cal_last_date(cal), &y1, NULL, NULL);
  for (int y = y0; y <= y1; y++) {
    tthc_year_status s;
    tthc_cal_year_status(cal, y, &s);
    h = fnv(h, &s, sizeof s);
  }
  return h;
}

static uint64_t builder_fp(const tthc_cal_builder *b) {
  tthc_cal *cal = NULL;
  if (tthc_cal_build(b, &cal) != TTHC_OK) return 0;
  uint64_t h = cal_fp(cal);
  tthc_cal_free(cal);
  return h;
}

static uint64_t dossier_fp(const tthc_dossier *d) {
  char *j = NULL;
  if (tthc_io_dossier_to_json_alloc(d, &j) != TTHC_OK) return 0;
  uint64_t h = fnv_str(14695981039346656037ull, j);
  tthc_free(j);
  return h;
}

static uint64_t agg_fp(const tthc_agg *a) {
  uint64_t h = 14695981039346656037ull;
  for (int r = 0; r <= TTHC_SKIP_ERROR; r++) {
    int64_t s = tthc_agg_skipped(a, r);
    h = fnv(h, &s, sizeof s);
  }
  for (size_t g = 0; g < tthc_agg_group_count(a); g++) {
    tthc_agg_key k;
    if (tthc_agg_group(a, g, &k) != TTHC_OK) return 0;
    h = fnv_str(fnv_str(fnv_str(h, k.unit), k.field), k.label);
    for (int id = 0; id < TTHC__COUNT_N; id++) {
      int64_t v;
      tthc_agg_count(a, g, id, &v);
      h = fnv(h, &v, sizeof v);
    }
    tthc_time_stats t;
    tthc_agg_time(a, g, &t);
    h = fnv(fnv(fnv(h, &t.count, 8), &t.sum, 8), &t.median_lo, 8);
    h = fnv(fnv(fnv(h, &t.median_hi, 8), &t.median_exact, sizeof t.median_exact), &t.max, 8);
  }
  return h;
}

/* ---- operations ------------------------------------------------------------------------- */

static const char SCHEDULE[] =
    "{\"year\":2026,\"status\":\"official\",\"days\":[{\"date\":\"2026-01-01\",\"kind\":\"holiday\","
    "\"name_vi\":\"Tết Dương lịch\",\"name_en\":\"New Year's Day\"},{\"date\":\"2026-01-02\","
    "\"kind\":\"swap_off\",\"name_vi\":\"Nghỉ hoán đổi\"},{\"date\":\"2026-01-10\",\"kind\":"
    "\"makeup_workday\",\"name_vi\":\"Làm bù\",\"source\":\"Thông báo\"}]}";

static tthc_status op_calendar(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_cal_builder *b = NULL;
  tthc_cal *cal = NULL, *nat = NULL;
  tthc_cal_iter *it = NULL;
  tthc_date d;
  TRY(tthc_cal_new_vietnam(2025, 2025, &nat));
  TRY(tthc_cal_builder_new(2025, 2026, TTHC_CAL_DEFAULT, &b));
  TRY(tthc_date_from_ymd(2025, 3, 12, &d));
  TRY_UNCHANGED(builder_fp, b,
                tthc_cal_builder_add_day(b, d, TTHC_DAY_LOCAL, "Ngày giải phóng tỉnh",
                                         "Liberation day", "QĐ 1/QĐ-UBND"));
  TRY_UNCHANGED(builder_fp, b,
                tthc_cal_builder_add_day(b, d + 1, TTHC_DAY_HOLIDAY, "Lễ hội", NULL, NULL));
  TRY_UNCHANGED(builder_fp, b, tthc_cal_builder_remove_day(b, d + 7));
  TRY_UNCHANGED(builder_fp, b, tthc_cal_builder_set_year_status(b, 2025, TTHC_YEAR_OFFICIAL));
  TRY_UNCHANGED(builder_fp, b, tthc_cal_builder_load_json(b, SCHEDULE, strlen(SCHEDULE), NULL));
  TRY(tthc_cal_build(b, &cal));
  TRY(tthc_cal_iter_new(cal, d - 60, d + 60, &it));
  size_t n = 0;
  while (tthc_cal_iter_next(it)) n++;
  if (n < 3) st = TTHC_EINVAL;
out:
  tthc_cal_iter_free(it);
  tthc_cal_free(cal);
  tthc_cal_free(nat);
  tthc_cal_builder_free(b);
  return st;
}

static tthc_status op_ical(opctx *c) {
  tthc_status st = TTHC_OK;
  char *ics = NULL;
  size_t len;
  tthc_cal_builder *b = NULL;
  tthc_cal *cal = NULL;
  TRY(tthc_ical_export_alloc(c->cal, c->d2025, c->d2025 + 120, &ics, &len));
  TRY(tthc_cal_builder_new(2025, 2025, TTHC_CAL_EMPTY, &b));
  TRY_UNCHANGED(builder_fp, b, tthc_ical_import(b, ics, len, NULL));
  TRY(tthc_cal_build(b, &cal));
out:
  tthc_cal_free(cal);
  tthc_cal_builder_free(b);
  tthc_free(ics);
  return st;
}

static const char CATALOG[] =
    "{\"format\":\"tthc-catalog\",\"version\":1,\"title\":\"Thử\",\"procedures\":["
    "{\"code\":\"1.001193\",\"name\":\"Đăng ký khai sinh\",\"field\":{\"code\":\"G15-TP07\","
    "\"name\":\"Hộ tịch\"},\"level\":\"commune\",\"agency\":\"UBND xã\",\"limit\":\"Trong ngày; "
    "nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo\",\"fees\":[{\"amount\":8000,"
    "\"kind\":\"charge\",\"channels\":[\"direct\"],\"description\":\"lệ phí\"}],\"online\":"
    "\"partial\",\"documents\":[{\"name\":\"Tờ khai\",\"originals\":1,\"copies\":0}],"
    "\"results\":[\"Giấy khai sinh\"],\"legal_bases\":[\"Luật Hộ tịch số 60/2014/QH13\"]},"
    "{\"code\":\"2.000908\",\"name\":\"Chứng thực bản sao từ bản chính\",\"level\":\"commune\","
    "\"limit\":\"Trong ngày\"}]}";

static tthc_status op_catalog(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_catalog *cat = NULL, *built = NULL;
  tthc_catalog_builder *cb = NULL;
  tthc_proc *p = NULL;
  tthc_process *pr = NULL;
  char *json = NULL, *one = NULL;
  size_t len;
  (void)c;
  TRY(tthc_catalog_load_json(CATALOG, strlen(CATALOG), &cat, NULL));
  TRY(tthc_catalog_to_json_alloc(cat, TTHC_JSON_INDENT, &json, &len));
  TRY(tthc_proc_to_json_alloc(tthc_catalog_at(cat, 0), 0, &one, &len));
  const tthc_proc *res[4];
  tthc_match m[4];
  size_t found;
  TRY(tthc_catalog_search(cat, "khai sinh", 9, res, m, 4, &found));
  TRY(tthc_catalog_filter(cat, "Hộ tịch", 0, 0, res, 4, &found));
  /* a record built by hand and a catalog built from it */
  TRY(tthc_proc_new("1.000001", "Thủ tục thử", &p, NULL));
  TRY(tthc_proc_set_field(p, "G01", "Lĩnh vực"));
  TRY(tthc_proc_set_agency(p, "UBND xã"));
  TRY(tthc_proc_add_fee(p, TTHC_CHANNELS_ALL, TTHC_FEE_CHARGE, 10000, "phí"));
  TRY(tthc_proc_add_document(p, "Đơn", 1, 0));
  TRY(tthc_proc_add_result(p, "Kết quả"));
  TRY(tthc_proc_add_legal_basis(p, "Nghị định số 07/2025/NĐ-CP ngày 09/01/2025"));
  TRY(tthc_proc_set_limit_text(p, TTHC_CHANNELS_ALL, "05 ngày làm việc", NULL));
  TRY(tthc_proc_set_limit_note(p, "ghi chú"));
  TRY(tthc_process_new(&pr));
  TRY(tthc_process_add_step(pr, TTHC_PROCESS_RECEIVE, "Tiếp nhận", "Một cửa", 240, 1,
                            "0,5 ngày"));
  TRY(tthc_process_add_step(pr, TTHC_PROCESS_RETURN, "Trả", NULL, 0, 0, NULL));
  st = tthc_proc_set_process(p, pr); /* takes it, also on failure */
  pr = NULL;
  TRY(st);
  TRY(tthc_catalog_builder_new(&cb));
  TRY(tthc_catalog_builder_set_info(cb, "Danh mục", "nguồn"));
  st = tthc_catalog_builder_add(cb, p); /* takes p, also on failure */
  p = NULL;
  TRY(st);
  TRY(tthc_catalog_build(cb, &built));
out:
  tthc_catalog_free(built);
  tthc_catalog_builder_free(cb);
  tthc_process_free(pr);
  tthc_proc_free(p);
  tthc_free(one);
  tthc_free(json);
  tthc_catalog_free(cat);
  return st;
}

static tthc_status op_deadline(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_hours *h = NULL;
  tthc_deadline_policy *pol = NULL;
  tthc_deadline_result *r = NULL;
  tthc_ledger *l = NULL;
  tthc_limit lim;
  tthc_datetime t, s, due;
  char buf[256];
  static const char limit[] = "Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ";
  TRY(tthc_limit_parse(limit, strlen(limit), &lim, NULL));
  TRY(tthc_datetime_parse("2025-01-24T16:10", 16, &t, NULL));
  TRY(tthc_hours_new(&h));
  TRY(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, "07:30-11:30,13:30-17:00", 23, NULL));
  TRY(tthc_hours_add_season(h, 10, 16, 4, 15, TTHC_WEEKDAYS_ALL, "08:00-12:00,13:00-17:00", 23,
                            NULL));
  TRY(tthc_deadline_policy_new(&pol));
  TRY(tthc_deadline_due(c->cal, h, pol, t, lim, &s, &due));
  TRY(tthc_deadline_explain(c->cal, h, pol, t, lim, &r));
  for (size_t i = 0; i < tthc_deadline_result_step_count(r); i++) {
    tthc_deadline_step step;
    TRY(tthc_deadline_result_step(r, i, &step));
    TRY(tthc_deadline_step_describe(&step, 1, buf, sizeof buf, NULL));
  }
  TRY(tthc_ledger_new(c->cal, h, pol, t, lim, &l));
  static const tthc_ledger_kind kinds[] = {TTHC_LEDGER_PAUSE, TTHC_LEDGER_RESUME,
                                           TTHC_LEDGER_SUPPLEMENT_REQUEST,
                                           TTHC_LEDGER_SUPPLEMENT_RECEIVED, TTHC_LEDGER_FINISH};
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
    size_t before = tthc_ledger_count(l);
    st = tthc_ledger_add(l, kinds[i], t + 86400 * (int64_t)(i + 1), TTHC_DATETIME_NONE, NULL);
    if (st != TTHC_OK) {
      if (tthc_ledger_count(l) != before) c->changed = 1, c->where = "tthc_ledger_add";
      goto out;
    }
  }
  tthc_ledger_status ls;
  TRY(tthc_ledger_status_at(l, t + 86400 * 10, &ls));
out:
  tthc_ledger_free(l);
  tthc_deadline_result_free(r);
  tthc_deadline_policy_free(pol);
  tthc_hours_free(h);
  return st;
}

static tthc_status op_text(opctx *c) {
  tthc_status st = TTHC_OK;
  static const char vi[] = "Thủ tục hành chính: đăng ký khai sinh, THƯỜNG TRÚ — Hoà/Hòa 🙂";
  char *a = NULL, *b = NULL, *x = NULL, *d = NULL;
  unsigned char *k = NULL;
  size_t al, bl, kl, xl, dl;
  int cmp;
  (void)c;
  TRY(tthc_text_normalize_alloc(vi, strlen(vi), TTHC_TEXT_NFD, &a, &al, NULL));
  TRY(tthc_text_fold_alloc(a, al, 0, &b, &bl, NULL));
  TRY(tthc_text_collation_key_alloc(vi, strlen(vi), 0, &k, &kl, NULL));
  TRY(tthc_text_compare(vi, strlen(vi), a, al, 0, &cmp, NULL));
  static const char plain[] = "Thủ tục hành chính: đăng ký khai sinh";
  TRY(tthc_text_encode_alloc(plain, strlen(plain), TTHC_ENC_VNI, 0, &x, &xl, NULL));
  TRY(tthc_text_decode_alloc(x, xl, TTHC_ENC_VNI, 0, &d, &dl, NULL));
  if (dl != strlen(plain) || memcmp(d, plain, dl) != 0) st = TTHC_EINVAL;
out:
  tthc_free(a), tthc_free(b), tthc_free(k), tthc_free(x), tthc_free(d);
  return st;
}

static tthc_status op_dossier(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_dossier *d = NULL, *copy = NULL;
  tthc_datetime t;
  (void)c;
  TRY(tthc_datetime_parse("2025-03-03T08:30", 16, &t, NULL));
  TRY(tthc_dossier_new("000.00.31.H26-250303-0001", t, &d));
  TRY_UNCHANGED(dossier_fp, d, tthc_dossier_set_text(d, TTHC_DOSSIER_UNIT, "UBND xã An Bình"));
  TRY_UNCHANGED(dossier_fp, d, tthc_dossier_set_text(d, TTHC_DOSSIER_PROCEDURE, "1.001193"));
  static const struct {
    int kind;
    int64_t at, due;
    const char *text;
  } evs[] = {
      {TTHC_EVENT_ACCEPTED, 600, 3 * 86400, NULL},
      {TTHC_EVENT_STEP_DONE, 3600, 0, "thẩm định"},
      {TTHC_EVENT_PAUSED, 7200, 0, "chờ xác minh"},
      {TTHC_EVENT_RESUMED, 86400, 0, NULL},
      {TTHC_EVENT_APOLOGY, 2 * 86400, 5 * 86400, "xin lỗi"},
      {TTHC_EVENT_RESULT_ISSUED, 4 * 86400, 0, NULL},
      {TTHC_EVENT_RESULT_RETURNED, 4 * 86400 + 600, 0, NULL},
  };
  for (size_t i = 0; i < sizeof evs / sizeof *evs; i++) {
    tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
    e.kind = evs[i].kind, e.at = t + evs[i].at, e.text = evs[i].text;
    if (evs[i].due) e.due = t + evs[i].due;
    if (e.kind == TTHC_EVENT_RESULT_RETURNED) e.channel = TTHC_RETURN_COUNTER;
    TRY_UNCHANGED(dossier_fp, d, tthc_dossier_append(d, &e, NULL));
  }
  TRY(tthc_dossier_clone(d, &copy));
  tthc_dossier_status s;
  tthc_dossier_clock clock;
  memset(&clock, 0, sizeof clock);
  clock.cal = c->cal;
  TRY(tthc_dossier_status_at(copy, t + 5 * 86400, 0, &clock, &s));
  TRY(tthc_dossier_reset(copy, "x", t));
out:
  tthc_dossier_free(copy);
  tthc_dossier_free(d);
  return st;
}

static tthc_status op_aggregate(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_agg *a = NULL, *b = NULL, *r = NULL;
  tthc_dossier *d = NULL;
  tthc_index766 *ix = NULL;
  tthc_targets *tg = NULL;
  tthc_recon *rc = NULL;
  tthc_datetime as_of;
  TRY(tthc_datetime_parse("2025-12-31T17:00", 16, &as_of, NULL));
  TRY(tthc_agg_new(TTHC_BY_UNIT | TTHC_BY_PROCEDURE | TTHC_BY_PERIOD, TTHC_PERIOD_MONTH, as_of,
                   &a));
  TRY(tthc_agg_new(TTHC_BY_UNIT | TTHC_BY_PROCEDURE | TTHC_BY_PERIOD, TTHC_PERIOD_MONTH, as_of,
                   &b));
  tthc_dossier_clock clock;
  memset(&clock, 0, sizeof clock);
  clock.cal = c->cal;
  TRY(tthc_agg_set_clock(a, &clock));
  TRY(tthc_agg_set_clock(b, &clock));
  TRY(tthc_agg_set_catalog(a, c->catalog));
  TRY(tthc_agg_set_catalog(b, c->catalog));
  TRY(tthc_recon_new(0, 0, &rc));
  TRY(tthc_dossier_new(NULL, 0, &d));
  gen g;
  gen_init(&g, 7, 3, 5);
  for (int i = 0; i < 12; i++) {
    PAUSED(gen_next(&g, d));
    TRY_UNCHANGED(agg_fp, i % 2 ? a : b, tthc_agg_add(i % 2 ? a : b, d, NULL));
    TRY(tthc_recon_add(rc, i % 3 == 0, d));
  }
  TRY(tthc_recon_finish(rc));
  TRY(tthc_agg_merge(a, b)); /* on ENOMEM a is documented as partly merged */
  TRY(tthc_agg_rollup(a, TTHC_BY_UNIT, &r));
  TRY(tthc_index766_default(&ix));
  tthc_index766_result res;
  TRY(tthc_index766_score(ix, r, 0, NULL, 0, &res));
  static const char tj[] = "{\"name\":\"t\",\"targets\":[{\"rate\":\"online\",\"min\":\"85%\"}]}";
  TRY(tthc_targets_from_json(tj, strlen(tj), &tg, NULL));
  tthc_target_check chk;
  TRY(tthc_targets_check(tg, 0, r, 0, &chk));
out:
  tthc_recon_free(rc);
  tthc_targets_free(tg);
  tthc_index766_free(ix);
  tthc_dossier_free(d);
  tthc_agg_free(r);
  tthc_agg_free(b);
  tthc_agg_free(a);
  return st;
}

/* One group past TTHC_AGG_EXACT_VALUES timed dossiers: its exact values move to the histogram
 * (a failure there must neither lose nor double-count them), then two such aggregates merge. */
static tthc_status op_histogram(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_agg *a = NULL, *b = NULL;
  tthc_dossier *d = NULL;
  tthc_datetime as_of, t;
  (void)c;
  TRY(tthc_datetime_parse("2025-12-31T17:00", 16, &as_of, NULL));
  TRY(tthc_agg_new(0, 0, as_of, &a));
  TRY(tthc_agg_new(0, 0, as_of, &b));
  TRY(tthc_dossier_new(NULL, 0, &d));
  for (int i = 0; i < TTHC_AGG_EXACT_VALUES + 6; i++) {
    PAUSED({
      tthc_datetime_parse("2025-03-03T08:00", 16, &t, NULL);
      tthc_dossier_reset(d, "x", t);
      tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
      e.kind = TTHC_EVENT_ACCEPTED, e.at = t, e.due = t + 86400 * 5;
      tthc_dossier_append(d, &e, NULL);
      /* 64 values of whole minutes, then days: the 65th needs a new histogram chunk just
       * after the 64 exact values moved there */
      e.kind = TTHC_EVENT_RESULT_ISSUED, e.due = TTHC_DATETIME_NONE;
      e.at = t + (i < TTHC_AGG_EXACT_VALUES ? 60 * (i + 1) : 86400 * 2 + 3600 * i);
      tthc_dossier_append(d, &e, NULL);
    });
    TRY_UNCHANGED(agg_fp, a, tthc_agg_add(a, d, NULL));
    TRY(tthc_agg_add(b, d, NULL));
  }
  TRY(tthc_agg_merge(a, b));
  tthc_time_stats ts;
  TRY(tthc_agg_time(a, 0, &ts));
  if (ts.count != 2 * (TTHC_AGG_EXACT_VALUES + 6)) st = TTHC_EINVAL;
out:
  tthc_dossier_free(d);
  tthc_agg_free(b);
  tthc_agg_free(a);
  return st;
}

static tthc_status op_index766_json(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_index766 *ix = NULL, *back = NULL;
  char *json = NULL;
  (void)c;
  TRY(tthc_index766_default(&ix));
  TRY(tthc_index766_to_json_alloc(ix, &json));
  TRY(tthc_index766_from_json(json, strlen(json), &back, NULL));
out:
  tthc_index766_free(back);
  tthc_free(json);
  tthc_index766_free(ix);
  return st;
}

static const char JSONL[] =
    "{\"code\":\"E\",\"unit\":\"U\",\"procedure\":\"1.001193\",\"received_at\":\"2025-03-03T09:00\","
    "\"events\":[{\"kind\":\"accepted\",\"at\":\"2025-03-03T09:00\",\"due\":\"2025-03-07T17:00\"},"
    "{\"kind\":\"paused\",\"at\":\"2025-03-04T10:00\",\"reason\":\"chờ \\\"xác minh\\\"\"},"
    "{\"kind\":\"resumed\",\"at\":\"2025-03-05T10:00\"},"
    "{\"kind\":\"result_issued\",\"at\":\"2025-03-06T10:00\",\"electronic\":true}]}\n"
    "{\"MaHoSo\":\"000.00.31.H26-250303-0001\",\"MaTTHC\":\"1.001193\",\"NgayTiepNhan\":"
    "\"20250303080000\",\"NgayHenTra\":\"20250305170000\",\"NgayKetThucXuLy\":\"20250304100000\","
    "\"KenhThucHien\":2}\n";
static const char CSV[] =
    "code;unit;received_at;accepted_at;due;result_at;channel;events\r\n"
    "\"A;1\";\"UBND \"\"x\"\"\";2025-03-03T08:00;2025-03-03T08:30;2025-03-05T17:00;"
    "2025-03-04T10:00;online;\r\n"
    "B;U;2025-03-03T09:00;;;;postal;\"[{\"\"kind\"\":\"\"accepted\"\",\"\"at\"\":"
    "\"\"2025-03-03T09:00\"\"}]\"\r\n";

static tthc_status op_io(opctx *c) {
  tthc_status st = TTHC_OK;
  tthc_io_reader *r = NULL, *part = NULL;
  tthc_io_writer *w = NULL;
  tthc_dossier *d = NULL;
  char *json = NULL;
  char path[64];
  snprintf(path, sizeof path, "/tmp/tthc_test_alloc_%ld.csv", (long)getpid());
  (void)c;
  TRY(tthc_dossier_new(NULL, 0, &d));
  for (int f = 0; f < 2; f++) {
    const char *text = f ? CSV : JSONL;
    int format = f ? TTHC_IO_CSV : TTHC_IO_JSONL;
    TRY(tthc_io_reader_new_mem(text, strlen(text), format, 0, &r, NULL));
    TRY(tthc_io_writer_open(path, format, &w, NULL));
    for (;;) {
      int got = 0;
      TRY(tthc_io_reader_next(r, d, &got, NULL));
      if (!got) break;
      TRY(tthc_io_writer_write(w, d));
      TRY(tthc_io_dossier_to_json_alloc(d, &json));
      TRY(tthc_io_dossier_from_json(json, strlen(json), d, NULL));
      tthc_free(json);
      json = NULL;
    }
    st = tthc_io_writer_close(w);
    w = NULL;
    TRY(st);
    size_t body, cuts[3];
    int64_t line;
    TRY(tthc_io_reader_body(r, &body, &line));
    TRY(tthc_io_split(text + body, strlen(text) - body, format, 2, cuts, NULL));
    TRY(tthc_io_reader_new_mem_like(r, text + body, cuts[1], line, 0, &part));
    int got = 0;
    TRY(tthc_io_reader_next(part, d, &got, NULL));
    tthc_io_reader_free(part), part = NULL;
    tthc_io_reader_free(r), r = NULL;
  }
  TRY(tthc_io_reader_open(path, TTHC_IO_AUTO, 0, &r, NULL));
  int got = 0;
  TRY(tthc_io_reader_next(r, d, &got, NULL));
out:
  tthc_io_writer_close(w);
  tthc_io_reader_free(part);
  tthc_io_reader_free(r);
  tthc_dossier_free(d);
  tthc_free(json);
  unlink(path);
  return st;
}

/* ---- tests ------------------------------------------------------------------------------ */

static opctx g_ctx;

static int setup(void **state) {
  (void)state;
  json_set_alloc_funcs(json_malloc, json_free);
  tthc_cal *cal = NULL;
  tthc_catalog *cat = NULL;
  if (tthc_cal_new_vietnam(2024, 2026, &cal) != TTHC_OK) return -1;
  if (tthc_catalog_load_json(CATALOG, strlen(CATALOG), &cat, NULL) != TTHC_OK) return -1;
  g_ctx.cal = cal;
  g_ctx.catalog = cat;
  tthc_date_from_ymd(2025, 1, 1, &g_ctx.d2025);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tthc_cal_free((tthc_cal *)g_ctx.cal);
  tthc_catalog_free((tthc_catalog *)g_ctx.catalog);
  return 0;
}

#define SWEEP_TEST(fn)                   \
  static void test_##fn(void **state) {  \
    (void)state;                         \
    g_ctx.name = #fn;                    \
    sweep(&g_ctx, op_##fn);              \
  }
SWEEP_TEST(calendar)
SWEEP_TEST(ical)
SWEEP_TEST(catalog)
SWEEP_TEST(deadline)
SWEEP_TEST(text)
SWEEP_TEST(dossier)
SWEEP_TEST(aggregate)
SWEEP_TEST(histogram)
SWEEP_TEST(index766_json)
SWEEP_TEST(io)

/* The harness itself: a failure is injected exactly where asked and a leak is seen. */
static void test_harness(void **state) {
  (void)state;
  /* Called through volatile pointers: the optimiser may not reason about these calls (under
   * -O2 with ASan, GCC treated the direct malloc(8) calls as known-successful). */
  void *(*volatile m)(size_t) = malloc;
  void *(*volatile ca)(size_t, size_t) = calloc;
  arm(2);
  void *a = m(8), *b = m(8), *c = ca(1, 8);
  long calls = disarm();
  assert_non_null(a);
  assert_null(b);
  assert_non_null(c);
  assert_int_equal(calls, 3);
  assert_int_equal(g_nlive, 2);
  free(a);
  free(c);
  assert_int_equal(g_nlive, 0);
  /* jansson allocates through the wrappers too */
  arm(1);
  json_t *j = json_object();
  disarm();
  assert_null(j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_harness),  cmocka_unit_test(test_calendar),
      cmocka_unit_test(test_ical),     cmocka_unit_test(test_catalog),
      cmocka_unit_test(test_deadline), cmocka_unit_test(test_text),
      cmocka_unit_test(test_dossier),  cmocka_unit_test(test_aggregate),
      cmocka_unit_test(test_histogram),
      cmocka_unit_test(test_index766_json), cmocka_unit_test(test_io),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
