/* bench_catalog: a procedure catalog the size of a national one.
 *
 * Builds (at run time) a catalog of 6,300 records — 25 real commune-level names × 63 provinces ×
 * 4 levels, each with a field, a limit phrase and a four-step process — then times in one
 * process: building (fold and collation keys, both orders), lookup by code, ranked search,
 * iteration in Vietnamese order, JSON save and load of the whole catalog, per-step plans and
 * 4-at-place checks on the national calendar. Baselines measured in the same process:
 * lookup against a binary search over the code strings (strcmp), search against a bare
 * substring scan of the same folded names, JSON load against jansson's parse alone.
 * usage: bench_catalog [--short]   (--short: 25 × 4 × 4 records, checks that everything runs) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>

#include "tthc.h"

static const char *const NAMES[] = {
    "Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Đăng ký nhận cha, mẹ, con",
    "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "Đăng ký lại khai sinh",
    "Đăng ký lại kết hôn", "Đăng ký lại khai tử", "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
    "Cấp bản sao trích lục hộ tịch", "Cấp giấy xác nhận tình trạng hôn nhân",
    "Đăng ký giám hộ", "Đăng ký chấm dứt giám hộ", "Liên thông thủ tục hành chính về đăng ký "
    "khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
    "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực hợp đồng, giao dịch liên quan "
    "đến tài sản là động sản, quyền sử dụng đất và nhà ở", "Chứng thực di chúc",
    "Chứng thực văn bản từ chối nhận di sản", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp "
    "đồng, giao dịch", "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở",
    "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng",
    "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
    "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "Cấp giấy chứng nhận thân nhân liệt sĩ"};
#define NNAMES (sizeof NAMES / sizeof *NAMES)

static const char *const PROVINCES[] = {
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang",
    "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn",
    "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "TP. Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái"};
#define NPROV (sizeof PROVINCES / sizeof *PROVINCES)

static const char *const FIELDS[] = {"Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Người có công"};
static const char *const LIMITS[] = {"Trong ngày", "03 ngày làm việc", "05 ngày làm việc",
                                     "10 ngày làm việc", "20 ngày làm việc"};
static const char *const QUERIES[] = {"khai sinh", "KHAI SINH", "dang ky ket hon ha noi",
                                      "chứng thực bản sao", "tro cap lam nha", "xyz khong co"};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#define CHECK(x)                                                                 \
  do {                                                                           \
    tthc_status st_ = (x);                                                       \
    if (st_ != TTHC_OK) {                                                        \
      fprintf(stderr, "bench_catalog: %s: %s\n", #x, tthc_strerror(st_));        \
      exit(1);                                                                   \
    }                                                                            \
  } while (0)

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static tthc_proc *make(size_t i, size_t nprov) {
  size_t name = i % NNAMES, prov = i / NNAMES % nprov, level = i / NNAMES / nprov;
  char code[48], full[512];
  snprintf(code, sizeof code, "%zu.%06zu", level + 1, i);
  snprintf(full, sizeof full, "%s tại %s (cấp %zu)", NAMES[name], PROVINCES[prov], level + 1);
  tthc_proc *p = NULL;
  CHECK(tthc_proc_new(code, full, &p, NULL));
  CHECK(tthc_proc_set_field(p, NULL, FIELDS[name < 14 ? 0 : name < 20 ? 1 : name < 23 ? 2 : 3]));
  CHECK(tthc_proc_set_level(p, (tthc_proc_level)(1 + level % 4)));
  const char *limit = LIMITS[i % 5];
  CHECK(tthc_proc_set_limit_text(p, TTHC_CHANNELS_ALL, limit, NULL));
  if (i % 5 >= 2) { /* a process whose budgets add up to the limit */
    int days = i % 5 == 2 ? 5 : i % 5 == 3 ? 10 : 20;
    tthc_process *pr = NULL;
    CHECK(tthc_process_new(&pr));
    CHECK(tthc_process_add_step(pr, TTHC_PROCESS_RECEIVE, "Tiếp nhận", "Một cửa", 240, 1, NULL));
    CHECK(tthc_process_add_step(pr, TTHC_PROCESS_APPRAISE, "Thẩm định", "Công chức",
                                (days - 2) * 480, 1, NULL));
    CHECK(tthc_process_add_step(pr, TTHC_PROCESS_APPROVE, "Phê duyệt", "Chủ tịch", 720, 1, NULL));
    CHECK(tthc_process_add_step(pr, TTHC_PROCESS_RETURN, "Trả kết quả", "Một cửa", 0, 0, NULL));
    CHECK(tthc_proc_set_process(p, pr));
  }
  return p;
}

int main(int argc, char **argv) {
  int is_short = argc > 1 && !strcmp(argv[1], "--short");
  if (argc > 1 && !is_short) return fprintf(stderr, "usage: bench_catalog [--short]\n"), 2;
  size_t nprov = is_short ? 4 : NPROV, n = NNAMES * nprov * 4;
  int reps = is_short ? 1 : 20;

  double t0 = now();
  tthc_catalog_builder *b = NULL;
  CHECK(tthc_catalog_builder_new(&b));
  for (size_t i = 0; i < n; i++) CHECK(tthc_catalog_builder_add(b, make(i, nprov)));
  double t_make = now() - t0;
  t0 = now();
  tthc_catalog *c = NULL;
  CHECK(tthc_catalog_build(b, &c));
  double t_build = now() - t0;
  tthc_catalog_builder_free(b);

  /* Lookup by code: every record in a shuffled order, several rounds. */
  unsigned long long sum = 0;
  char(*codes)[16] = malloc(n * sizeof *codes);
  if (!codes) return fprintf(stderr, "out of memory\n"), 1;
  for (size_t i = 0; i < n; i++)
    memcpy(codes[i], tthc_proc_code(tthc_catalog_at(c, (i * 7919) % n)), TTHC_PROC_CODE_SIZE);
  t0 = now();
  for (int r = 0; r < reps * 10; r++)
    for (size_t i = 0; i < n; i++) {
      const tthc_proc *p;
      CHECK(tthc_catalog_get(c, codes[i], &p));
      sum += (unsigned char)tthc_proc_code(p)[7];
    }
  double t_get = now() - t0, gets = (double)n * reps * 10;
  /* Baseline: bsearch with strcmp over the sorted code strings. */
  char **sorted = malloc(n * sizeof *sorted);
  if (!sorted) return fprintf(stderr, "out of memory\n"), 1;
  for (size_t i = 0; i < n; i++) sorted[i] = codes[i];
  qsort(sorted, n, sizeof *sorted, cmp_str);
  t0 = now();
  for (int r = 0; r < reps * 10; r++)
    for (size_t i = 0; i < n; i++) {
      char *key = codes[i];
      char **hit = bsearch(&key, sorted, n, sizeof *sorted, cmp_str);
      if (!hit) return fprintf(stderr, "bench_catalog: baseline lookup failed\n"), 1;
      sum += (unsigned char)(*hit)[7];
    }
  double t_get_base = now() - t0;
  free(sorted);
  free(codes);

  /* Ranked search. */
  size_t found_total = 0;
  const tthc_proc **res = malloc(n * sizeof(tthc_proc *));
  tthc_match *m = malloc(n * sizeof *m);
  if (!res || !m) return fprintf(stderr, "out of memory\n"), 1;
  t0 = now();
  for (int r = 0; r < reps; r++)
    for (size_t q = 0; q < sizeof QUERIES / sizeof *QUERIES; q++) {
      size_t found = 0;
      CHECK(tthc_catalog_search(c, QUERIES[q], strlen(QUERIES[q]), res, m, n, &found));
      found_total += found;
    }
  double t_search = now() - t0, searches = (double)reps * (sizeof QUERIES / sizeof *QUERIES);
  /* Baseline: fold the names once, then strstr each folded query through them. */
  char **folds = malloc(n * sizeof *folds), *fq[sizeof QUERIES / sizeof *QUERIES];
  if (!folds) return fprintf(stderr, "out of memory\n"), 1;
  for (size_t i = 0; i < n; i++) {
    const char *nm = tthc_proc_name(tthc_catalog_at(c, i));
    CHECK(tthc_text_fold_alloc(nm, strlen(nm), 0, &folds[i], NULL, NULL));
  }
  for (size_t q = 0; q < sizeof QUERIES / sizeof *QUERIES; q++)
    CHECK(tthc_text_fold_alloc(QUERIES[q], strlen(QUERIES[q]), 0, &fq[q], NULL, NULL));
  size_t base_hits = 0;
  t0 = now();
  for (int r = 0; r < reps; r++)
    for (size_t q = 0; q < sizeof QUERIES / sizeof *QUERIES; q++)
      for (size_t i = 0; i < n; i++) base_hits += strstr(folds[i], fq[q]) != NULL;
  double t_search_base = now() - t0;
  for (size_t i = 0; i < n; i++) tthc_free(folds[i]);
  for (size_t q = 0; q < sizeof QUERIES / sizeof *QUERIES; q++) tthc_free(fq[q]);
  free(folds);

  /* Iteration in Vietnamese order. */
  t0 = now();
  for (int r = 0; r < reps * 10; r++)
    for (size_t i = 0; i < tthc_catalog_count(c); i++)
      sum += (unsigned char)tthc_proc_name(tthc_catalog_at(c, i))[0];
  double t_iter = now() - t0;

  /* JSON save and load of the whole catalog. */
  char *json = NULL;
  size_t len = 0;
  t0 = now();
  CHECK(tthc_catalog_to_json_alloc(c, 0, &json, &len));
  double t_save = now() - t0;
  tthc_catalog *c2 = NULL;
  tthc_error err;
  t0 = now();
  tthc_status st = tthc_catalog_load_json(json, len, &c2, &err);
  double t_load = now() - t0;
  if (st != TTHC_OK) return fprintf(stderr, "bench_catalog: reload: %s\n", err.message), 1;
  if (tthc_catalog_count(c2) != n) return fprintf(stderr, "bench_catalog: reload lost records\n"), 1;
  tthc_catalog_free(c2);
  t0 = now();
  json_t *root = json_loadb(json, len, 0, NULL);
  double t_parse = now() - t0;
  if (!root) return fprintf(stderr, "bench_catalog: jansson cannot read the output\n"), 1;
  json_decref(root);

  /* Plans and 4-at-place checks on the national calendar. */
  tthc_cal *cal = NULL;
  CHECK(tthc_cal_new_vietnam(2024, 2027, &cal));
  tthc_datetime received;
  CHECK(tthc_datetime_parse("2025-01-24T16:10", 16, &received, NULL));
  size_t plans = 0, eligible = 0;
  t0 = now();
  for (int r = 0; r < reps; r++)
    for (size_t i = 0; i < n; i++) {
      const tthc_proc *p = tthc_catalog_at(c, i);
      tthc_limit l;
      tthc_datetime stt[8], due[8], stat = 0;
      size_t k = 0;
      if (tthc_proc_process(p) && tthc_proc_limit(p, TTHC_CHANNEL_DIRECT, &l, NULL) == TTHC_OK) {
        CHECK(tthc_process_plan(tthc_proc_process(p), cal, NULL, NULL, &l,
                                received + (int64_t)(i % 40) * 3600, stt, due, 8, &k, &stat));
        sum += (unsigned long long)stat, plans++;
      }
      int ok = 0;
      unsigned why = 0;
      CHECK(tthc_fourplace_plan(p, TTHC_CHANNEL_DIRECT, NULL, cal, NULL, received - 8 * 3600, 1,
                                &ok, &why, NULL));
      eligible += (size_t)ok;
    }
  double t_plan = now() - t0;

  if (is_short) {
    printf("bench_catalog --short: %zu records, %zu search hits, %zu plans, %zu same-day "
           "(checksum %llu)\n",
           n, found_total, plans, eligible, sum);
  } else {
    printf("bench_catalog: %zu records (%zu names x %zu provinces x 4 levels)\n", n, NNAMES,
           nprov);
    printf("  make records     %8.2f ms   (tthc_proc_new, setters, processes)\n",
           t_make * 1e3);
    printf("  build/freeze     %8.2f ms   (fold + collation keys, two sorts)\n", t_build * 1e3);
    printf("  get by code      %8.1f ns each   (bsearch on code strings: %.1f ns, %.1fx)\n",
           t_get / gets * 1e9, t_get_base / gets * 1e9, t_get_base / t_get);
    printf("  ranked search    %8.1f us per query over %zu records (%zu hits in all)\n",
           t_search / searches * 1e6, n, found_total);
    printf("                   bare strstr scan of the folded names: %.1f us (%zu hits), "
           "ranked is %.1fx\n",
           t_search_base / searches * 1e6, base_hits, t_search / t_search_base);
    printf("  iterate (order)  %8.1f ns per record\n", t_iter / ((double)n * reps * 10) * 1e9);
    printf("  JSON save        %8.2f ms   (%.1f MB, %.0f MB/s)\n", t_save * 1e3, len / 1e6,
           len / 1e6 / t_save);
    printf("  JSON load        %8.2f ms   (%.0f MB/s, with validation; jansson's parse alone "
           "%.2f ms, %.1fx)\n",
           t_load * 1e3, len / 1e6 / t_load, t_parse * 1e3, t_load / t_parse);
    printf("  process plans    %8.2f us each, 4-at-place plans included (%zu plans, %zu "
           "same-day)\n",
           t_plan / ((double)n * reps) * 1e6, plans, eligible);
  }
  tthc_free(json);
  free(res), free(m);
  tthc_cal_free(cal);
  tthc_catalog_free(c);
  return 0;
}
