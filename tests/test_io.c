/* io: JSON Lines and CSV reading and writing, errors with line and field, skip or stop,
 * round trips, splitting for parallel reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier_internal.h"
#include "gen/dossier_gen.h"
#include "io_internal.h"
#include "test_support.h"
#include "tthc.h"

static tthc_io_reader *mem_reader(const char *text, int format) {
  tthc_io_reader *r;
  tthc_error err;
  tthc_status st = tthc_io_reader_new_mem(text, strlen(text), format, 0, &r, &err);
  if (st != TTHC_OK) fail_msg("reader: %s", err.message);
  return r;
}

/* Read the next record, which must succeed. */
static void next_ok(tthc_io_reader *r, tthc_dossier *d) {
  int got;
  tthc_error err;
  tthc_error_clear(&err);
  tthc_status st = tthc_io_reader_next(r, d, &got, &err);
  if (st != TTHC_OK) fail_msg("next: %s", err.message);
  assert_int_equal(got, 1);
}

static void next_end(tthc_io_reader *r, tthc_dossier *d) {
  int got = 9;
  assert_int_equal(tthc_io_reader_next(r, d, &got, NULL), TTHC_OK);
  assert_int_equal(got, 0);
}

/* The next record must fail with st, at line/column, naming fragment. */
static void next_bad(tthc_io_reader *r, tthc_dossier *d, tthc_status st, int line, int column,
                     const char *fragment) {
  int got = 9;
  tthc_error err;
  tthc_error_clear(&err);
  assert_int_equal(tthc_io_reader_next(r, d, &got, &err), st);
  assert_int_equal(got, 0);
  assert_int_equal(err.status, st);
  assert_int_equal(err.line, line);
  if (column >= 0) assert_int_equal(err.column, column);
  if (!strstr(err.message, fragment)) fail_msg("message '%s' lacks '%s'", err.message, fragment);
}

static tthc_dossier_status st_at(const tthc_dossier *d, tthc_datetime t) {
  tthc_dossier_status s;
  assert_int_equal(tthc_dossier_status_at(d, t, 0, NULL, &s), TTHC_OK);
  return s;
}

/* ---- reading ------------------------------------------------------------------------- */

static void test_jsonl_portal_fields(void **state) {
  (void)state;
  const char *text =
      "{\"MaHoSo\":\"000.00.31.H26-250303-0001\",\"MaTTHC\":\"1.001193\",\"DonViXuLy\":\"UBND xã A\","
      "\"MaLinhVuc\":\"Hộ tịch\",\"KenhThucHien\":2,\"NgayTiepNhan\":\"20250303090000\","
      "\"NgayHenTra\":\"2025-03-07\",\"NgayKetThucXuLy\":\"2025-03-07 16:30:00\","
      "\"NgayTra\":\"20250310080000\",\"HinhThucTra\":\"post\",\"DuocThanhToanTrucTuyen\":1,"
      "\"HoSoCoThanhPhanSoHoa\":\"1\",\"TruongKhac\":\"ignored\"}\n"
      "\n"
      "{\"code\":\"B\",\"received_at\":\"03/03/2025 08:00\",\"accepted_at\":null}\r\n";
  tthc_io_reader *r = mem_reader(text, TTHC_IO_JSONL);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  next_ok(r, d);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), "000.00.31.H26-250303-0001");
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "UBND xã A");
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_FIELD), "Hộ tịch");
  int64_t v;
  tthc_dossier_get_int(d, TTHC_DOSSIER_CHANNEL, &v);
  assert_int_equal(v, TTHC_CHANNEL_ONLINE);
  tthc_dossier_get_int(d, TTHC_DOSSIER_FLAGS, &v);
  assert_int_equal(v, TTHC_DOSSIER_FLAG_DIGITISED);
  tthc_dossier_get_int(d, TTHC_DOSSIER_RECEIVED_AT, &v);
  assert_int_equal(v, DT(2025, 3, 3, 9, 0, 0));
  /* events: paid (at receipt), accepted, result, returned */
  assert_int_equal(tthc_dossier_event_count(d), 4);
  tthc_dossier_status s = st_at(d, DT(2025, 4, 1, 0, 0, 0));
  assert_int_equal(s.due, DT(2025, 3, 7, 23, 59, 59)); /* a date-only appointment: end of day */
  assert_int_equal(s.category, TTHC_CAT_ON_TIME);
  assert_int_equal(s.paid_online, 1);
  assert_int_equal(s.return_channel, TTHC_RETURN_POST);
  assert_int_equal(s.state, TTHC_STATE_RETURNED);
  next_ok(r, d); /* the blank line is skipped */
  assert_int_equal(tthc_dossier_event_count(d), 0);
  assert_int_equal(st_at(d, DT(2025, 4, 1, 0, 0, 0)).category, TTHC_CAT_PENDING);
  assert_int_equal(tthc_io_reader_records(r), 2);
  next_end(r, d);
  next_end(r, d);
  tthc_io_reader_free(r);
  tthc_dossier_free(d);
}

static void test_jsonl_events(void **state) {
  (void)state;
  const char *text =
      "{\"code\":\"E\",\"unit\":\"U\",\"received_at\":\"2025-03-03T09:00\",\"events\":["
      "{\"kind\":\"accepted\",\"at\":\"2025-03-03T09:00\",\"due\":\"2025-03-07T17:00\"},"
      "{\"kind\":\"step_done\",\"at\":\"2025-03-04T09:00\",\"step\":\"thẩm định\"},"
      "{\"kind\":\"paused\",\"at\":\"2025-03-04T10:00\",\"reason\":\"chờ \\\"xác minh\\\"\"},"
      "{\"kind\":\"resumed\",\"at\":\"2025-03-05T10:00\"},"
      "{\"kind\":\"apology\",\"at\":\"2025-03-06T10:00\",\"due\":\"2025-03-12T17:00\"},"
      "{\"kind\":\"result_issued\",\"at\":\"2025-03-11T10:00\",\"electronic\":true},"
      "{\"kind\":\"result_returned\",\"at\":\"2025-03-11T11:00\",\"channel\":\"electronic\"}]}\n";
  tthc_io_reader *r = mem_reader(text, TTHC_IO_JSONL);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  next_ok(r, d);
  assert_int_equal(tthc_dossier_event_count(d), 7);
  tthc_dossier_event e;
  tthc_dossier_event_get(d, 2, &e);
  assert_string_equal(e.text, "chờ \"xác minh\"");
  tthc_dossier_event_get(d, 4, &e);
  assert_int_equal(e.flags & TTHC_EVENT_FLAG_LATE, 0); /* the pause moved the due to 03-08 */
  tthc_dossier_status s = st_at(d, DT(2025, 4, 1, 0, 0, 0));
  assert_int_equal(s.category, TTHC_CAT_EARLY);
  assert_int_equal(s.result_electronic, 1);
  assert_int_equal(s.return_channel, TTHC_RETURN_ELECTRONIC);
  /* to JSON and back gives the same dossier */
  char *json;
  assert_int_equal(tthc_io_dossier_to_json_alloc(d, &json), TTHC_OK);
  tthc_dossier *d2;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d2), TTHC_OK);
  tthc_error err;
  assert_int_equal(tthc_io_dossier_from_json(json, strlen(json), d2, &err), TTHC_OK);
  char *json2;
  assert_int_equal(tthc_io_dossier_to_json_alloc(d2, &json2), TTHC_OK);
  assert_string_equal(json, json2);
  tthc_free(json);
  tthc_free(json2);
  tthc_dossier_free(d2);
  tthc_io_reader_free(r);
  tthc_dossier_free(d);
}

static void test_csv_read(void **state) {
  (void)state;
  const char *text =
      "\xEF\xBB\xBF" "MaHoSo;unit;received_at;due;result_at;pause_reason;paused_at;resumed_at;"
      "channel;Unknown\r\n"
      "A1;\"UBND xã A; thôn 2\";2025-03-03T09:00;2025-03-07T17:00;2025-03-07T18:00;;;;counter;x\r\n"
      "A2;\"UBND \"\"xã\"\" B\";2025-03-03T09:00;2025-03-07T17:00;2025-03-07T18:00;\"chờ\n"
      "xác minh\";2025-03-04T09:00;2025-03-05T09:00;1;\r\n"
      "A3;U;2025-03-03T09:00;;;;;;;";
  tthc_io_reader *r = mem_reader(text, TTHC_IO_CSV);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  next_ok(r, d);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "UBND xã A; thôn 2");
  int64_t ch;
  tthc_dossier_get_int(d, TTHC_DOSSIER_CHANNEL, &ch);
  assert_int_equal(ch, TTHC_CHANNEL_DIRECT); /* "counter" */
  assert_int_equal(st_at(d, DT(2025, 4, 1, 0, 0, 0)).category, TTHC_CAT_LATE);
  next_ok(r, d);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "UBND \"xã\" B");
  tthc_dossier_event e;
  tthc_dossier_event_get(d, 1, &e);
  assert_string_equal(e.text, "chờ\nxác minh");
  tthc_dossier_get_int(d, TTHC_DOSSIER_CHANNEL, &ch);
  assert_int_equal(ch, TTHC_CHANNEL_DIRECT); /* KenhThucHien 1 */
  assert_int_equal(st_at(d, DT(2025, 4, 1, 0, 0, 0)).category, TTHC_CAT_EARLY);
  next_ok(r, d); /* last line without a newline */
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), "A3");
  tthc_dossier_get_int(d, TTHC_DOSSIER_CHANNEL, &ch);
  assert_int_equal(ch, -1); /* not recorded */
  assert_int_equal(st_at(d, DT(2025, 4, 1, 0, 0, 0)).category, TTHC_CAT_ON_TRACK);
  next_end(r, d);
  tthc_io_reader_free(r);
  tthc_dossier_free(d);
}

static void test_bad_records_skip_or_stop(void **state) {
  (void)state;
  const char *text =
      "code,received_at,due,result_at,refused_at,channel\n"
      "ok1,2025-03-03T09:00,2025-03-07T17:00,,,\n"
      "bad-date,2025-03-03T09:00,2025-13-07,,,\n"
      "bad-order,2025-03-03T09:00,2025-03-07T17:00,2025-03-02T10:00,,\n"
      "no-reason,2025-03-03T09:00,,,2025-03-04T10:00,\n"
      "bad-channel,2025-03-03T09:00,,,,fax\n"
      "short,2025-03-03T09:00\n"
      "no-receipt,,,,,\n"
      "ok2,2025-03-03T09:00,,,,2\n";
  tthc_io_reader *r = mem_reader(text, TTHC_IO_CSV);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  next_ok(r, d);
  next_bad(r, d, TTHC_EFORMAT, 3, 27, "field 'due' value \"2025-13-07\": is not a date-time");
  next_bad(r, d, TTHC_ESTATE, 4, 45, "field 'result_at'");
  next_bad(r, d, TTHC_EFORMAT, 5, -1, "'refusal_reason': is required");
  next_bad(r, d, TTHC_EFORMAT, 6, 33, "'channel' value \"fax\": is not a channel");
  next_bad(r, d, TTHC_EFORMAT, 7, 1, "line 7: the row has 2 fields, the header has 6");
  next_bad(r, d, TTHC_EFORMAT, 8, 0, "'received_at': is missing");
  next_ok(r, d); /* skipped the bad ones; the good record after them is intact */
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), "ok2");
  assert_int_equal(tthc_io_reader_records(r), 8);
  next_end(r, d);
  tthc_io_reader_free(r);

  /* error record numbers and byte offsets */
  r = mem_reader(text, TTHC_IO_CSV);
  next_ok(r, d);
  tthc_error err;
  int got;
  tthc_error_clear(&err);
  assert_int_equal(tthc_io_reader_next(r, d, &got, &err), TTHC_EFORMAT);
  assert_int_equal(err.record, 1);
  assert_int_equal(err.offset, (int64_t)(strstr(text, "2025-13-07") - text));
  tthc_io_reader_free(r);

  /* JSON errors: syntax with the column, wrong types, duplicate keys, events + flat */
  const char *json =
      "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\"}\n"
      "{\"code\":\"b\",\"received_at\":\"2025-03-03T09:00\",}\n"
      "[1,2]\n"
      "{\"code\":\"c\",\"received_at\":\"2025-03-03T09:00\",\"channel\":[2]}\n"
      "{\"code\":\"d\",\"received_at\":\"2025-03-03T09:00\",\"code\":\"e\"}\n"
      "{\"code\":\"f\",\"received_at\":\"2025-03-03T09:00\",\"result_at\":\"2025-03-04T09:00\","
      "\"events\":[]}\n"
      "{\"code\":\"g\",\"received_at\":\"2025-03-03T09:00\",\"events\":[{\"kind\":\"resumed\","
      "\"at\":\"2025-03-04T09:00\"}]}\n"
      "{\"code\":\"h\",\"received_at\":\"2025-03-03T09:00\",\"events\":[{\"kind\":\"jump\"}]}\n"
      "{\"code\":\"\xff\",\"received_at\":\"2025-03-03T09:00\"}\n"
      "{\"code\":\"i\",\"received_at\":\"2025-03-03T09:00\"}";
  r = mem_reader(json, TTHC_IO_JSONL);
  next_ok(r, d);
  next_bad(r, d, TTHC_ESYNTAX, 2, -1, "line 2: invalid JSON");
  next_bad(r, d, TTHC_EFORMAT, 3, 1, "not a JSON object");
  next_bad(r, d, TTHC_EFORMAT, 4, 46, "'channel': must be a string, an integer");
  next_bad(r, d, TTHC_ESYNTAX, 5, -1, "duplicate");
  next_bad(r, d, TTHC_EFORMAT, 6, 46, "'result_at': cannot be combined with \"events\"");
  next_bad(r, d, TTHC_ESTATE, 7, 46, "event 0: cannot append 'resumed'");
  next_bad(r, d, TTHC_EFORMAT, 8, 46, "event 0 has no valid \"kind\"");
  next_bad(r, d, TTHC_ESYNTAX, 9, -1, "invalid JSON"); /* jansson rejects invalid UTF-8 */
  next_ok(r, d);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), "i");
  next_end(r, d);
  tthc_io_reader_free(r);

  /* strict mode: an unknown field is an error */
  tthc_error e2;
  assert_int_equal(tthc_io_reader_new_mem("code,colour\n", 12, TTHC_IO_CSV, TTHC_IO_STRICT, &r, &e2),
                   TTHC_EFORMAT);
  assert_null(r);
  assert_non_null(strstr(e2.message, "line 1: header column \"colour\": is not a known column"));
  assert_int_equal(e2.column, 6);
  assert_int_equal(tthc_io_reader_new_mem("code,MaHoSo\n", 12, TTHC_IO_CSV, 0, &r, &e2),
                   TTHC_EFORMAT);
  assert_non_null(strstr(e2.message, "already has a column"));
  assert_int_equal(tthc_io_reader_new_mem("", 0, TTHC_IO_CSV, 0, &r, &e2), TTHC_EFORMAT);
  assert_non_null(strstr(e2.message, "no header"));
  const char *sj = "{\"code\":\"a\",\"received_at\":\"2025-03-03\",\"colour\":1}\n";
  assert_int_equal(tthc_io_reader_new_mem(sj, strlen(sj), TTHC_IO_JSONL, TTHC_IO_STRICT, &r, NULL),
                   TTHC_OK);
  next_bad(r, d, TTHC_EFORMAT, 1, 40, "'colour': is not a known field");
  tthc_io_reader_free(r);

  /* invalid UTF-8 in a CSV row: reported at its column, the next row is fine */
  const char *u8 = "code,unit,received_at\nok,U,2025-03-03\nbad,UBND x\xc3,2025-03-03\nok2,\"x\xffy\",2025-03-03\nok3,U,2025-03-03\n";
  r = mem_reader(u8, TTHC_IO_CSV);
  next_ok(r, d);
  next_bad(r, d, TTHC_EUTF8, 3, 11, "line 3: invalid UTF-8");
  next_bad(r, d, TTHC_EUTF8, 4, 7, "line 4: invalid UTF-8");
  next_ok(r, d);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), "ok3");
  tthc_io_reader_free(r);

  /* an unterminated quote: the rest of the input is one bad record */
  const char *uq = "code,received_at\nx,2025-03-03\n\"y,2025-03-03\nz,2025-03-03\n";
  r = mem_reader(uq, TTHC_IO_CSV);
  next_ok(r, d);
  next_bad(r, d, TTHC_ESYNTAX, 3, 1, "not closed");
  next_end(r, d);
  tthc_io_reader_free(r);

  /* NULLs and bad arguments */
  assert_int_equal(tthc_io_reader_new_mem(NULL, 3, TTHC_IO_CSV, 0, &r, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_io_reader_new_mem("x", 1, TTHC_IO_AUTO, 0, &r, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_io_reader_new_mem("x", 1, TTHC_IO_JSONL, 8, &r, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_io_reader_next(NULL, d, &got, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_io_reader_open("/nonexistent/x.csv", 0, 0, &r, &e2), TTHC_EIO);
  assert_non_null(strstr(e2.message, "/nonexistent/x.csv"));
  tthc_io_reader_free(NULL);
  tthc_dossier_free(d);
}

/* ---- round trips through files ---------------------------------------------------------- */

static char *tmp_path(const char *suffix) {
  static int n;
  char *p = malloc(256);
  snprintf(p, 256, "/tmp/tthc_test_io_%d_%d%s", (int)getpid(), n++, suffix);
  return p;
}

static void roundtrip(int format, const char *suffix, int quotes) {
  enum { N = 6000 };
  char *path = tmp_path(suffix);
  gen g;
  gen_init(&g, 42, 30, 40);
  g.quotes = quotes;
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  tthc_io_writer *w;
  assert_int_equal(tthc_io_writer_open(path, format, &w, NULL), TTHC_OK);
  for (int i = 0; i < N; i++) {
    gen_next(&g, d);
    assert_int_equal(tthc_io_writer_write(w, d), TTHC_OK);
  }
  assert_int_equal(tthc_io_writer_close(w), TTHC_OK);
  /* read back and compare each record's JSON with a fresh generation */
  gen_init(&g, 42, 30, 40);
  g.quotes = quotes;
  tthc_io_reader *r;
  tthc_error err;
  assert_int_equal(tthc_io_reader_open(path, TTHC_IO_AUTO, TTHC_IO_STRICT, &r, &err), TTHC_OK);
  tthc_dossier *back;
  assert_int_equal(tthc_dossier_new(NULL, 0, &back), TTHC_OK);
  for (int i = 0; i < N; i++) {
    gen_next(&g, d);
    next_ok(r, back);
    char *a, *b;
    assert_int_equal(tthc_io_dossier_to_json_alloc(d, &a), TTHC_OK);
    assert_int_equal(tthc_io_dossier_to_json_alloc(back, &b), TTHC_OK);
    if (strcmp(a, b)) fail_msg("record %d differs:\n%s\n%s", i, a, b);
    tthc_free(a);
    tthc_free(b);
  }
  next_end(r, back);
  assert_true(tthc_io_reader_bytes(r) > 0);
  tthc_io_reader_free(r);
  tthc_dossier_free(back);
  tthc_dossier_free(d);
  unlink(path);
  free(path);
}

static void test_roundtrip_jsonl(void **state) {
  (void)state;
  roundtrip(TTHC_IO_JSONL, ".jsonl", 1);
}

static void test_roundtrip_csv(void **state) {
  (void)state;
  roundtrip(TTHC_IO_CSV, ".csv", 1);
}

/* A file larger than the reader's window: records straddle refills. */
static void test_large_file(void **state) {
  (void)state;
  char *path = tmp_path(".csv");
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs("code,received_at,pause_reason\n", f);
  enum { N = 40000 };
  for (int i = 0; i < N; i++)
    fprintf(f, "C%06d,2025-03-03T09:00,\"%s %d\"\n", i,
            i % 3 ? "một lý do khá dài, có dấu phẩy" : "xuống\ndòng", i);
  fclose(f);
  tthc_io_reader *r;
  assert_int_equal(tthc_io_reader_open(path, TTHC_IO_CSV, 0, &r, NULL), TTHC_OK);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  for (int i = 0; i < N; i++) {
    next_ok(r, d);
    char want[16];
    snprintf(want, sizeof want, "C%06d", i);
    assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), want);
  }
  next_end(r, d);
  tthc_io_reader_free(r);
  tthc_dossier_free(d);
  unlink(path);
  free(path);
}

/* Splitting: parts read with new_mem_like give exactly the records, in order, with the right
 * line numbers in errors. */
static void split_check(const char *text, int format, int parts, int expect_records,
                        int bad_line) {
  tthc_io_reader *r0 = mem_reader(text, format);
  size_t body;
  int64_t line0;
  assert_int_equal(tthc_io_reader_body(r0, &body, &line0), TTHC_OK);
  size_t cuts[9];
  int64_t lines[8];
  size_t len = strlen(text) - body;
  assert_int_equal(tthc_io_split(text + body, len, format, parts, cuts, lines), TTHC_OK);
  assert_int_equal(cuts[0], 0);
  assert_int_equal(cuts[parts], len);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  int total = 0, errors = 0;
  for (int k = 0; k < parts; k++) {
    assert_true(cuts[k] <= cuts[k + 1]);
    tthc_io_reader *r;
    assert_int_equal(tthc_io_reader_new_mem_like(r0, text + body + cuts[k], cuts[k + 1] - cuts[k],
                                                 line0 + lines[k], 0, &r),
                     TTHC_OK);
    for (;;) {
      int got;
      tthc_error err;
      tthc_error_clear(&err);
      tthc_status st = tthc_io_reader_next(r, d, &got, &err);
      if (st != TTHC_OK) {
        /* the only bad record is the one with "BAD" on line bad_line of the input */
        assert_int_equal(err.line, bad_line);
        errors++;
        continue;
      }
      if (!got) break;
      total++;
    }
    tthc_io_reader_free(r);
  }
  assert_int_equal(total, expect_records);
  assert_int_equal(errors, 1);
  tthc_dossier_free(d);
  tthc_io_reader_free(r0);
}

static void test_split(void **state) {
  (void)state;
  const char *csv =
      "code,received_at,pause_reason\n"
      "a,2025-03-03T09:00,\"x\ny\"\n"
      "b,BAD,\n"
      "c,2025-03-03T09:00,\"p,\nq\nr\"\n"
      "d,2025-03-03T09:00,\n"
      "e,2025-03-03T09:00,\"\"\"\"\n"
      "f,2025-03-03T09:00,z\n";
  for (int p = 1; p <= 8; p++) split_check(csv, TTHC_IO_CSV, p, 5, 4);
  /* a ',' file with a literal quote after ';' (not a cell start there): the reader does not
   * open a quoted field at 'x;"y', so the newlines inside "p…r" on lines 3-5 are quoted; a cut
   * must not fall on lines 4 or 5 whichever separator the splitter assumes */
  const char *semi =
      "code,received_at,pause_reason\n"
      "a,2025-03-03T09:00,x;\"y\n"
      "c,2025-03-03T09:00,\"p\nq\nr\"\n"
      "b,BAD,\n"
      "d,2025-03-03T09:00,z\n"
      "e,2025-03-03T09:00,\"s\nt\"\n";
  for (int p = 1; p <= 8; p++) split_check(semi, TTHC_IO_CSV, p, 4, 6);
  /* the same with ';' as the separator and a literal quote after ',' */
  char comma[256];
  assert_true(strlen(semi) < sizeof comma);
  for (size_t i = 0; i <= strlen(semi); i++)
    comma[i] = semi[i] == ',' ? ';' : semi[i] == ';' ? ',' : semi[i];
  for (int p = 1; p <= 8; p++) split_check(comma, TTHC_IO_CSV, p, 4, 6);
  const char *jl =
      "{\"code\":\"a\",\"received_at\":\"2025-03-03\"}\n"
      "{\"code\":\"b\",\"received_at\":\"2025-03-03\"}\n"
      "{\"code\":\"c\",\"received_at\":\"2025-03-03\"}\n"
      "{\"code\":\"d\",\"received_at\":\"BAD\"}\n"
      "{\"code\":\"e\",\"received_at\":\"2025-03-03\"}\n";
  for (int p = 1; p <= 8; p++) split_check(jl, TTHC_IO_JSONL, p, 4, 4);
  size_t cuts[3];
  assert_int_equal(tthc_io_split(NULL, 0, TTHC_IO_CSV, 2, cuts, NULL), TTHC_OK);
  assert_int_equal(tthc_io_split("x", 1, TTHC_IO_CSV, 0, cuts, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_io_split("x", 1, 7, 1, cuts, NULL), TTHC_EINVAL);
}

/* What a reader says record by record: status, line and message of each, "ok" for a dossier. */
static void outcomes(tthc_io_reader *r, tthc_dossier *d, char *out, size_t cap) {
  size_t n = strlen(out);
  for (;;) {
    int got;
    tthc_error err;
    tthc_error_clear(&err);
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    if (st == TTHC_OK && !got) break;
    int w = snprintf(out + n, cap - n, "%d %d %s\n", (int)st, (int)err.line,
                     st == TTHC_OK ? "ok" : err.message);
    assert_true(w > 0 && (size_t)w < cap - n);
    n += (size_t)w;
  }
}

/* Random CSV texts made of separators of both kinds, quotes, newlines and blanks: read in parts
 * they give exactly what they give whole (every status, line and message), whichever separator
 * the header sets. */
static void test_split_random(void **state) {
  (void)state;
  static const char alphabet[] = "ab,;\"\n\n \"";
  uint32_t seed = 12345;
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  static char text[512], whole[16384], parts[16384];
  for (int round = 0; round < 400; round++) {
    const char *head = round % 2 ? "code;pause_reason\n" : "code,pause_reason\n";
    size_t n = strlen(head);
    memcpy(text, head, n);
    seed = seed * 1103515245u + 12345u;
    size_t len = n + (seed >> 16) % 200;
    while (n < len) {
      seed = seed * 1103515245u + 12345u;
      text[n++] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
    }
    text[n] = '\0';
    tthc_io_reader *r0 = mem_reader(text, TTHC_IO_CSV);
    whole[0] = '\0';
    outcomes(r0, d, whole, sizeof whole);
    tthc_io_reader_free(r0);
    r0 = mem_reader(text, TTHC_IO_CSV);
    size_t body, cuts[9];
    int64_t line0, lines[8];
    assert_int_equal(tthc_io_reader_body(r0, &body, &line0), TTHC_OK);
    for (int k = 2; k <= 8; k++) {
      assert_int_equal(tthc_io_split(text + body, n - body, TTHC_IO_CSV, k, cuts, lines), TTHC_OK);
      parts[0] = '\0';
      for (int i = 0; i < k; i++) {
        tthc_io_reader *r;
        assert_int_equal(tthc_io_reader_new_mem_like(r0, text + body + cuts[i],
                                                     cuts[i + 1] - cuts[i], line0 + lines[i], 0,
                                                     &r),
                         TTHC_OK);
        outcomes(r, d, parts, sizeof parts);
        tthc_io_reader_free(r);
      }
      if (strcmp(whole, parts) != 0)
        fail_msg("round %d, %d parts: text\n%s\nwhole\n%s\nparts\n%s", round, k, text, whole,
                 parts);
    }
    tthc_io_reader_free(r0);
  }
  tthc_dossier_free(d);
}

static void test_writer_errors(void **state) {
  (void)state;
  tthc_io_writer *w;
  tthc_error err;
  assert_int_equal(tthc_io_writer_open("/nonexistent/dir/x.csv", 0, &w, &err), TTHC_EIO);
  assert_null(w);
  assert_non_null(strstr(err.message, "cannot create"));
  assert_int_equal(tthc_io_writer_open(NULL, 0, &w, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_io_writer_close(NULL), TTHC_OK);
  assert_int_equal(tthc_io_writer_write(NULL, NULL), TTHC_EINVAL);
  char *s = (char *)1;
  assert_int_equal(tthc_io_dossier_to_json_alloc(NULL, &s), TTHC_EINVAL);
  assert_null(s);
  /* /dev/full makes every write fail */
  if (access("/dev/full", W_OK) == 0) {
    assert_int_equal(tthc_io_writer_open("/dev/full", TTHC_IO_JSONL, &w, NULL), TTHC_OK);
    tthc_dossier *d;
    assert_int_equal(tthc_dossier_new("x", 0, &d), TTHC_OK);
    tthc_status st = TTHC_OK;
    for (int i = 0; i < 10000 && st == TTHC_OK; i++) st = tthc_io_writer_write(w, d);
    tthc_status cst = tthc_io_writer_close(w);
    assert_true(st == TTHC_EIO || cst == TTHC_EIO);
    tthc_dossier_free(d);
  }
}

/* ---- fast paths: the same records and errors as without them ------------------------- */

/* Every record of a CSV text read with the fast paths or without any (tthc__io_reader_general):
 * each record's JSON or its error (status, line, column, offset, record number, message). */
static char *read_all(const char *text, size_t len, bool general) {
  tthc_io_reader *r;
  tthc_error err;
  assert_int_equal(tthc_io_reader_new_mem(text, len, TTHC_IO_CSV, 0, &r, &err), TTHC_OK);
  tthc__io_reader_general(r, general);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  size_t cap = 4096, n = 0;
  char *out = malloc(cap);
  out[0] = '\0';
  for (;;) {
    int got;
    tthc_error_clear(&err);
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    if (st == TTHC_OK && !got) break;
    char *js = NULL;
    if (st == TTHC_OK) assert_int_equal(tthc_io_dossier_to_json_alloc(d, &js), TTHC_OK);
    size_t need = (js ? strlen(js) : 0) + sizeof err.message + 64;
    if (n + need > cap) out = realloc(out, cap = (cap + need) * 2);
    if (st != TTHC_OK)
      n += (size_t)snprintf(out + n, cap - n, "error %d %d:%d@%lld #%lld %s\n", (int)st,
                            (int)err.line, (int)err.column, (long long)err.offset,
                            (long long)err.record, err.message);
    else
      n += (size_t)snprintf(out + n, cap - n, "%s\n", js);
    tthc_free(js);
  }
  tthc_dossier_free(d);
  tthc_io_reader_free(r);
  return out;
}

static void same_both_ways(const char *text, size_t len, const char *what) {
  char *fast = read_all(text, len, false), *general = read_all(text, len, true);
  if (strcmp(fast, general)) {
    size_t i = 0;
    while (fast[i] == general[i]) i++;
    while (i > 0 && fast[i - 1] != '\n') i--;
    fail_msg("%s: the fast paths differ at\n  fast:    %.300s\n  general: %.300s", what,
             fast + i, general + i);
  }
  free(fast), free(general);
}

/* xorshift for the random variants below (the tests are reproducible). */
static uint64_t rnd_state = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  rnd_state ^= rnd_state << 13, rnd_state ^= rnd_state >> 7, rnd_state ^= rnd_state << 17;
  return (unsigned)(rnd_state >> 33) % n;
}

/* Append text to a CSV cell being built, doubling quotes. */
static size_t put_quoted(char *dst, const char *s) {
  size_t n = 0;
  dst[n++] = '"';
  for (; *s; s++) {
    if (*s == '"') dst[n++] = '"';
    dst[n++] = *s;
  }
  dst[n++] = '"';
  return n;
}

/* Event logs in CSV cells: the library's own form (read without jansson) and every departure
 * from it (escapes, other types, duplicates, numbers, white space, bad JSON, impossible
 * events): the same dossiers and the same errors either way. */
static void test_fast_events_same_results(void **state) {
  (void)state;
  static const char *const cells[] = {
      "[]",
      " [ ] ",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"due\":\"2025-03-05T17:00:00\"},"
      "{\"kind\":\"supplement_requested\",\"at\":\"2025-03-03T09:00:00\",\"reason\":\"thiếu\"},"
      "{\"kind\":\"supplement_received\",\"at\":\"2025-03-04T09:00:00\"},"
      "{\"kind\":\"supplement_requested\",\"at\":\"2025-03-04T10:00:00\"},"
      "{\"kind\":\"supplement_received\",\"at\":\"2025-03-05T10:00:00\"},"
      "{\"kind\":\"result_issued\",\"at\":\"2025-03-06T10:00:00\",\"electronic\":true,"
      "\"digitised\":false},"
      "{\"kind\":\"result_returned\",\"at\":\"2025-03-06T11:00:00\",\"channel\":\"post\"}]",
      "[ {\"kind\" : \"accepted\" , \"at\" : \"2025-03-03T08:30\" } ]\n",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":2},"
      "{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"channel\":1,\"gateway\":2}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":7}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":-3}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":1.0}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":01}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":-0}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":1e0}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":12345678901}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":true}]",
      "[{\"kind\":\"paid_online\",\"at\":\"2025-03-03T08:00:00\",\"gateway\":\"1\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"result_issued\","
      "\"at\":\"2025-03-04T08:30:00\"},{\"kind\":\"result_returned\",\"at\":\"2025-03-04T09:00\","
      "\"channel\":\"nowhere\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"kind\":\"refused\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"note\":\"x\",\"n\":3,\"b\":null}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"note\":{\"a\":1}}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"note\":[1,2]}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"due\":null}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"due\":5}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"due\":\"2025-03-03\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"due\":\"2025-03-02T08:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"03/03/2025 08:30\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-02-30T08:30:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T24:30:00\"}]",
      "[{\"kind\":\"accepted\"}]",
      "[{\"at\":\"2025-03-03T08:30:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"paused\","
      "\"at\":\"2025-03-03T09:00:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"paused\","
      "\"at\":\"2025-03-03T09:00:00\",\"reason\":\"\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"paused\","
      "\"at\":\"2025-03-03T09:00:00\",\"reason\":5,\"step\":\"chờ\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"step_done\","
      "\"at\":\"2025-03-03T09:00:00\",\"step\":\"thẩm định\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"paused\","
      "\"at\":\"2025-03-03T09:00:00\",\"step\":\"bước\",\"reason\":\"lý do\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"paused\","
      "\"at\":\"2025-03-03T09:00:00\",\"reason\":\"a\\\"b\\u00e1\\n\"}]",
      "[{\"kind\":\"result_issued\",\"at\":\"2025-03-03T08:30:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"accepted\","
      "\"at\":\"2025-03-03T08:40:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},{\"kind\":\"apology\","
      "\"at\":\"2025-03-04T08:30:00\",\"due\":\"2025-03-20T17:00\",\"reason\":\"quá tải\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"electronic\":1}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"electronic\":null}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"late\":true}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"}] x",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"},]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",}]",
      "[{\"kind\":\"accepted\" \"at\":\"2025-03-03T08:30:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"}",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"}]]",
      "{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\"}",
      "[1, \"x\", null]",
      "[{\"kind\":\"no_such_kind\",\"at\":\"2025-03-03T08:30:00\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"x\":tru}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"x\":truex}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"x\":nul}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"x\":\"\t\"}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"x\":-}]",
      "[{\"kind\":\"accepted\",\"at\":\"2025-03-03T08:30:00\",\"x\":--1}]",
  };
  enum { NC = sizeof cells / sizeof *cells, VARIANTS = 1500 };
  const char *head = "code,received_at,paid_online,events\n";
  size_t cap = 1 << 20, n = strlen(head);
  char *csv = malloc(cap);
  memcpy(csv, head, n);
  /* each cell as it is, then random edits of the valid ones */
  static const char *const edits[] = {" ", "\"", ",", ":", "{", "}", "[", "]", "\\", "0", "9",
                                      "-", "e", ".", "true", "null", "\"kind\":", "x", "T",
                                      "\xc3\xa1", "\"due\":\"2025-03-09\""};
  for (int v = 0; v < NC + VARIANTS; v++) {
    char cell[2048];
    snprintf(cell, sizeof cell, "%s", cells[v < NC ? (unsigned)v : rnd(8)]);
    for (int k = v < NC ? 0 : 1 + (int)rnd(3); k > 0; k--) {
      size_t len = strlen(cell), at = rnd((unsigned)len + 1);
      const char *e = edits[rnd(sizeof edits / sizeof *edits)];
      size_t el = rnd(3) ? strlen(e) : 0, del = rnd(3) == 0 ? rnd(4) : 0;
      if (at + del > len) del = len - at;
      if (len - del + el + 1 > sizeof cell) continue;
      memmove(cell + at + el, cell + at + del, len - at - del + 1);
      memcpy(cell + at, e, el);
    }
    n += (size_t)snprintf(csv + n, cap - n, "C%d,2025-03-03T08:00,%d,", v, v % 7 == 0);
    n += put_quoted(csv + n, cell);
    csv[n++] = '\n';
  }
  csv[n] = '\0';
  same_both_ways(csv, n, "event logs");
  free(csv);
}

/* Instants in every shape, valid or not, in time and appointment columns. */
static void test_fast_instants_same_results(void **state) {
  (void)state;
  size_t cap = 1 << 20, n = 0;
  char *csv = malloc(cap);
  n += (size_t)snprintf(csv + n, cap - n, "code,received_at,accepted_at,due,result_at\n");
  static const char alpha[] = "0123456789-T: /x\xc3\xa1";
  for (int i = 0; i < 6000; i++) {
    char t[4][40];
    for (int k = 0; k < 4; k++) {
      int y = (int)rnd(10000), mo = (int)rnd(14), d = (int)rnd(33), h = (int)rnd(25),
          mi = (int)rnd(61), s = (int)rnd(61);
      if (rnd(2)) y = 2024 + (int)rnd(3), mo = 1 + (int)rnd(12), d = 1 + (int)rnd(31),
                  h = (int)rnd(24), mi = (int)rnd(60), s = (int)rnd(60);
      int len = snprintf(t[k], sizeof t[k], "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
      if (rnd(3) == 0) len = 16;                       /* without seconds */
      if (rnd(8) == 0) len = 10;                       /* a date alone */
      if (rnd(4) == 0) t[k][rnd((unsigned)len)] = alpha[rnd(sizeof alpha - 1)];
      t[k][len] = '\0';
      if (rnd(10) == 0) snprintf(t[k], sizeof t[k], "%02d/%02d/%04d 08:00", d, mo, y);
    }
    n += (size_t)snprintf(csv + n, cap - n, "C%d,%s,%s,%s,%s\n", i, t[0], rnd(3) ? t[1] : "",
                          t[2], rnd(2) ? t[3] : "");
  }
  same_both_ways(csv, n, "instants");
  free(csv);
}

/* Generated dossiers (with quoted reasons and event logs), whole and with random damage. */
static void test_fast_rows_same_results(void **state) {
  (void)state;
  char *path = tmp_path(".csv");
  gen g;
  gen_init(&g, 99, 40, 30);
  g.quotes = 1;
  size_t len;
  char *generated = gen_csv(&g, 2500, path, &len);
  free(path);
  assert_non_null(generated);
  char *csv = malloc(len * 2 + 1); /* room for the damage below */
  memcpy(csv, generated, len + 1);
  free(generated);
  same_both_ways(csv, len, "generated rows");
  /* damage: bytes replaced, inserted or deleted after the header */
  static const char *const edits[] = {"x", "\"", ",", ";", "\xff", "\xc3", "\r", "\n", "0", "-",
                                      ":", "T", "", "2025-02-30T10:00:00", "none", "yes", "9",
                                      "[{\"kind\":\"accepted\",\"at\":\"2025-01-01T08:00\"}]"};
  size_t body = (size_t)(strchr(csv, '\n') - csv) + 1;
  for (int k = 0; k < 1500; k++) {
    size_t at = body + rnd((unsigned)(len - body)), del = rnd(3) ? 1 : rnd(12);
    const char *e = edits[rnd(sizeof edits / sizeof *edits)];
    size_t el = strlen(e);
    if (at + del > len) del = len - at;
    memmove(csv + at + el, csv + at + del, len - at - del + 1);
    memcpy(csv + at, e, el);
    len = len - del + el;
  }
  same_both_ways(csv, len, "damaged rows");
  free(csv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_jsonl_portal_fields),
      cmocka_unit_test(test_jsonl_events),
      cmocka_unit_test(test_csv_read),
      cmocka_unit_test(test_bad_records_skip_or_stop),
      cmocka_unit_test(test_roundtrip_jsonl),
      cmocka_unit_test(test_roundtrip_csv),
      cmocka_unit_test(test_large_file),
      cmocka_unit_test(test_split),
      cmocka_unit_test(test_split_random),
      cmocka_unit_test(test_writer_errors),
      cmocka_unit_test(test_fast_events_same_results),
      cmocka_unit_test(test_fast_instants_same_results),
      cmocka_unit_test(test_fast_rows_same_results),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
