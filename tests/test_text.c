/* text: normalisation and tone placement, folding, collation, legacy encodings, numbers, amounts,
 * dates, references, offset maps, idempotence and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_internal.h"
#include "tthc.h"

static char *norm(const char *s, unsigned flags) {
  static char buf[1024];
  tthc_error e;
  size_t n;
  tthc_status st = tthc_text_normalize(s, strlen(s), flags, buf, sizeof buf, &n, NULL, &e);
  if (st != TTHC_OK) fail_msg("normalize(%s): %s", s, e.message);
  assert_int_equal(n, strlen(buf));
  return buf;
}

static void check_tone(const char *in, const char *trad, const char *modern) {
  char t[256];
  strcpy(t, norm(in, 0));
  if (strcmp(t, trad)) fail_msg("traditional %s: got %s, want %s", in, t, trad);
  strcpy(t, norm(in, TTHC_TEXT_TONE_MODERN));
  if (strcmp(t, modern)) fail_msg("modern %s: got %s, want %s", in, t, modern);
  /* idempotent, and the two placements convert into each other */
  assert_string_equal(norm(trad, 0), trad);
  assert_string_equal(norm(modern, TTHC_TEXT_TONE_MODERN), modern);
  assert_string_equal(norm(modern, 0), trad);
}

static void test_tone_placement(void **state) {
  (void)state;
  struct { const char *in, *trad, *modern; } c[] = {
      {"hoà", "hòa", "hoà"},       {"hòa", "hòa", "hoà"},       {"khoẻ", "khỏe", "khoẻ"},
      {"thuỷ", "thủy", "thuỷ"},    {"thủy", "thủy", "thuỷ"},    {"hoàng", "hoàng", "hoàng"},
      {"hòang", "hoàng", "hoàng"}, {"khuỳnh", "khuỳnh", "khuỳnh"}, {"khùynh", "khuỳnh", "khuỳnh"},
      {"hoạch", "hoạch", "hoạch"}, {"thuyền", "thuyền", "thuyền"}, {"quý", "quý", "quý"},
      {"qúy", "quý", "quý"},       {"quỳnh", "quỳnh", "quỳnh"}, {"giữa", "giữa", "giữa"},
      {"giưã", "giữa", "giữa"},    {"giếng", "giếng", "giếng"}, {"gì", "gì", "gì"},
      {"gìn", "gìn", "gìn"},       {"thuở", "thuở", "thuở"},    {"thủơ", "thuở", "thuở"},
      {"muốn", "muốn", "muốn"},    {"múôn", "muốn", "muốn"},    {"người", "người", "người"},
      {"ngừơi", "người", "người"}, {"ưởng", "ưởng", "ưởng"},    {"cuả", "của", "của"},
      {"của", "của", "của"},       {"quả", "quả", "quả"},       {"HOÀ", "HÒA", "HOÀ"},
      {"HÒA", "HÒA", "HOÀ"},       {"Thuỷ", "Thủy", "Thuỷ"},    {"Uỷ ban", "Ủy ban", "Uỷ ban"},
      {"ÚY", "ÚY", "UÝ"},          {"tòan", "toàn", "toàn"},    {"khuỷu", "khuỷu", "khuỷu"},
      {"ngoài", "ngoài", "ngoài"}, {"Nguyễn", "Nguyễn", "Nguyễn"}, {"nghiêng", "nghiêng", "nghiêng"},
      {"CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI"},
      {"Hoàng-Anh", "Hoàng-Anh", "Hoàng-Anh"}, {"Hoà-Bình", "Hòa-Bình", "Hoà-Bình"},
      {"file hellò", "file hellò", "file hellò"}, {"NĐ-CP", "NĐ-CP", "NĐ-CP"},
      {"Hoà2023", "Hoà2023", "Hoà2023"}, {"", "", ""},
      {"Đắk Lắk", "Đắk Lắk", "Đắk Lắk"}, {"mía kìa", "mía kìa", "mía kìa"},
  };
  for (size_t i = 0; i < sizeof c / sizeof *c; i++) check_tone(c[i].in, c[i].trad, c[i].modern);
}

static void test_nfc_nfd(void **state) {
  (void)state;
  /* NFD input (o + grave, a) gives NFC; NFD output agrees with utf8proc */
  assert_string_equal(norm("ho\xCC\x80" "a", 0), "hòa");
  assert_string_equal(norm("ho\xCC\x80" "a", TTHC_TEXT_TONE_KEEP), "hòa");
  const char *t = "Cộng hòa xã hội chủ nghĩa Việt Nam, Ñandú, Ελλάδα, 한국어, ﬁ";
  char *mine = norm(t, TTHC_TEXT_NFD | TTHC_TEXT_TONE_KEEP);
  utf8proc_uint8_t *ref = NULL;
  utf8proc_map((const utf8proc_uint8_t *)t, (utf8proc_ssize_t)strlen(t), &ref,
               UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
  assert_string_equal(mine, (char *)ref);
  free(ref);
  char copy[1024];
  strcpy(copy, mine); /* input and output buffers must not overlap */
  assert_string_equal(norm(copy, TTHC_TEXT_TONE_KEEP), t);
  /* every letter of the alphabet, both cases, NFC and NFD, against utf8proc */
  for (int u = 0; u < 2; u++)
    for (int l = 0; l < TTHC__NLETTERS; l++)
      for (int k = 0; k < 6; k++) {
        if (!tthc__vn_cp[u][l][k]) continue;
        char in[8] = {0};
        tthc__utf8_encode(tthc__vn_cp[u][l][k], in);
        utf8proc_uint8_t *d = NULL;
        utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)strlen(in), &d,
                     UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
        assert_string_equal(norm(in, TTHC_TEXT_NFD), (char *)d);
        assert_string_equal(norm((char *)d, 0), in);
        free(d);
      }
  /* a tone typed before the circumflex is not canonically ấ: left as NFC says */
  assert_string_equal(norm("a\xCC\x81\xCC\x82", 0), "á\xCC\x82");
  /* two tone marks: not a syllable, untouched */
  assert_string_equal(norm("hóà", 0), "hóà");
  /* U+0F73 has combining class 0 but decomposes into marks of classes 129 and 130: they belong
   * to the ú before it and go before its acute (class 230); found by fuzz_normalize */
  const char *tib[] = {"\xC3\xBA\xE0\xBD\xB3", "a\xE0\xBD\xB3\xC3\xBA\xE0\xBD\xB3\xC3\xBA",
                       "\xE0\xBD\xB3u\xCC\x81\xE0\xBD\xB5\xE0\xBE\x81"};
  for (size_t i = 0; i < sizeof tib / sizeof *tib; i++) {
    unsigned how[] = {0, TTHC_TEXT_NFD, TTHC_TEXT_NFD | TTHC_TEXT_TONE_KEEP};
    for (size_t h = 0; h < 3; h++) {
      utf8proc_uint8_t *want = NULL;
      utf8proc_map((const utf8proc_uint8_t *)tib[i], (utf8proc_ssize_t)strlen(tib[i]), &want,
                   UTF8PROC_STABLE | ((how[h] & TTHC_TEXT_NFD) ? UTF8PROC_DECOMPOSE
                                                              : UTF8PROC_COMPOSE));
      char once[256];
      strcpy(once, norm(tib[i], how[h]));
      assert_string_equal(once, (char *)want);
      assert_string_equal(norm(once, how[h]), once);
      free(want);
    }
  }
  assert_string_equal(norm("\xC3\xBA\xE0\xBD\xB3", TTHC_TEXT_NFD),
                      "u\xE0\xBD\xB1\xE0\xBD\xB2\xCC\x81");
}

static void test_invalid_utf8(void **state) {
  (void)state;
  char buf[64];
  tthc_error e;
  size_t n;
  assert_int_equal(tthc_text_normalize("ab\xC3", 3, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EUTF8);
  assert_int_equal(e.offset, 2);
  assert_int_equal(tthc_text_normalize("a\xED\xA0\x80z", 5, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EUTF8);
  assert_int_equal(e.offset, 1);
  assert_non_null(strstr(e.message, "invalid UTF-8 at byte 1"));
  assert_int_equal(tthc_text_normalize("a\xE1\xBA" "b", 4, TTHC_TEXT_REPLACE_INVALID, buf, sizeof buf, &n, NULL, &e), TTHC_OK);
  assert_string_equal(buf, "a\xEF\xBF\xBD" "b");
  assert_int_equal(tthc_text_fold("x\xFFy", 3, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EUTF8);
  assert_int_equal(e.offset, 1);
  assert_int_equal(tthc_text_fold("x\xFFy", 3, TTHC_TEXT_REPLACE_INVALID, buf, sizeof buf, &n, NULL, &e), TTHC_OK);
  assert_string_equal(buf, "x y");
  unsigned char key[64];
  assert_int_equal(tthc_text_collation_key("\x80", 1, 0, key, sizeof key, &n, &e), TTHC_EUTF8);
}

static void test_buffers_and_nulls(void **state) {
  (void)state;
  char buf[8];
  size_t n = 99;
  tthc_error e;
  assert_int_equal(tthc_text_normalize("Hoà bình", strlen("Hoà bình"), 0, NULL, 0, &n, NULL, &e), TTHC_ENOSPC);
  assert_int_equal(n, strlen("Hòa bình"));
  assert_int_equal(tthc_text_normalize("Hoà bình", strlen("Hoà bình"), 0, buf, sizeof buf, &n, NULL, &e), TTHC_ENOSPC);
  assert_int_equal(tthc_text_normalize(NULL, 3, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EINVAL);
  assert_int_equal(tthc_text_normalize(NULL, 0, 0, buf, sizeof buf, &n, NULL, &e), TTHC_OK);
  assert_string_equal(buf, "");
  assert_int_equal(tthc_text_normalize("a", 1, TTHC_TEXT_TONE_MODERN | TTHC_TEXT_TONE_KEEP, buf,
                                       sizeof buf, &n, NULL, &e), TTHC_EINVAL);
  char *out = (char *)1;
  size_t ol;
  assert_int_equal(tthc_text_normalize_alloc("\xFF", 1, 0, &out, &ol, &e), TTHC_EUTF8);
  assert_null(out);
  assert_int_equal(tthc_text_normalize_alloc("thuỷ", strlen("thuỷ"), 0, &out, &ol, &e), TTHC_OK);
  assert_string_equal(out, "thủy");
  assert_int_equal(ol, strlen("thủy"));
  tthc_free(out);
  assert_int_equal(tthc_text_fold_alloc("", 0, 0, &out, &ol, NULL), TTHC_OK);
  assert_string_equal(out, "");
  tthc_free(out);
  assert_int_equal(tthc_text_fold_alloc("a", 1, 0, NULL, &ol, NULL), TTHC_EINVAL);
}

static void test_offset_map(void **state) {
  (void)state;
  const char *in = "Ông HOA\xCC\x80 (Đoàn  Kết)";
  char buf[128];
  size_t map[128], n;
  assert_int_equal(tthc_text_normalize(in, strlen(in), 0, buf, sizeof buf, &n, map, NULL), TTHC_OK);
  assert_string_equal(buf, "Ông HÒA (Đoàn  Kết)");
  assert_int_equal(map[n], strlen(in));
  for (size_t i = 1; i <= n; i++) assert_true(map[i] >= map[i - 1]);
  /* "HÒA" in the output is "HOÀ" (with a combining mark) in the input */
  const char *hit = strstr(buf, "HÒA");
  size_t a = (size_t)(hit - buf), b = a + strlen("HÒA");
  assert_int_equal(map[a], 5);
  assert_int_equal(map[b], 5 + strlen("HOA\xCC\x80"));
  /* fold: the hit "doan ket" maps back to "Đoàn  Kết" */
  assert_int_equal(tthc_text_fold(in, strlen(in), 0, buf, sizeof buf, &n, map, NULL), TTHC_OK);
  assert_string_equal(buf, "ong hoa doan ket");
  hit = strstr(buf, "doan ket");
  a = (size_t)(hit - buf), b = a + 8;
  const char *orig = strstr(in, "Đoàn");
  assert_int_equal(map[a], (size_t)(orig - in));
  assert_int_equal(map[b - 1], (size_t)(strstr(in, "t)") - in));
}

static void test_fold(void **state) {
  (void)state;
  const char *same[] = {"Đoàn  Kết", "ĐOÀN KẾT", "doan ket", "  đoàn-kết!  ", "Ðoàn Kết",
                        "Đoa\xCC\x80n Kê\xCC\x81t"};
  char buf[64];
  size_t n;
  for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
    assert_int_equal(tthc_text_fold(same[i], strlen(same[i]), 0, buf, sizeof buf, &n, NULL, NULL), TTHC_OK);
    assert_string_equal(buf, "doan ket");
  }
  tthc_text_fold("Straße №5 Ελλάδα", strlen("Straße №5 Ελλάδα"), 0, buf, sizeof buf, &n, NULL, NULL);
  assert_string_equal(buf, "strasse 5 ελλαδα"); /* № is a symbol */
  char again[64];
  tthc_text_fold(buf, n, 0, again, sizeof again, &n, NULL, NULL);
  assert_string_equal(again, buf);
}

static int cmp(const char *a, const char *b) {
  int r;
  assert_int_equal(tthc_text_compare(a, strlen(a), b, strlen(b), 0, &r, NULL), TTHC_OK);
  return r;
}

static void test_collation(void **state) {
  (void)state;
  /* alphabet order and tones: ngang < huyền < hỏi < ngã < sắc < nặng */
  const char *order[] = {"a", "à", "ả", "ã", "á", "ạ", "ă", "â", "b", "c", "d", "đ", "e", "ê",
                         "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s",
                         "t", "u", "ư", "v", "x", "y"};
  for (size_t i = 1; i < sizeof order / sizeof *order; i++)
    if (cmp(order[i - 1], order[i]) >= 0) fail_msg("%s should sort before %s", order[i - 1], order[i]);
  /* syllable by syllable, as dictionaries do; case only breaks ties */
  assert_true(cmp("ba", "ba ba") < 0);
  assert_true(cmp("ba ba", "bà") < 0);
  assert_true(cmp("bà", "bà ba") < 0);
  assert_true(cmp("Đào", "Dương") > 0);
  assert_true(cmp("an", "An") < 0);
  assert_true(cmp("An", "ăn") < 0);
  assert_true(cmp("Nguyễn Văn A", "Nguyễn Văn An") < 0);
  assert_true(cmp("Nguyễn Văn Ân", "Nguyễn Văn Anh") > 0);
  assert_int_equal(cmp("Hòa", "Hoà"), 0);
  assert_int_equal(cmp("Hòa", "Ho\xCC\x80" "a"), 0);
  assert_true(cmp("Hòa", "HÒA") < 0);
  unsigned char k[8];
  size_t n;
  assert_int_equal(tthc_text_collation_key("Hòa", 4, 0, k, 2, &n, NULL), TTHC_ENOSPC);
  assert_true(n > 2);
}

/* ---- legacy encodings ------------------------------------------------------------------------ */

static void alphabet(char *all, char *vn3) {
  all[0] = vn3[0] = '\0';
  for (int u = 0; u < 2; u++)
    for (int l = 0; l < TTHC__NLETTERS; l++)
      for (int t = 0; t < 6; t++) {
        uint32_t cp = tthc__vn_cp[u][l][t];
        if (!cp) continue;
        char b[8] = {0};
        tthc__utf8_encode(cp, b);
        strcat(all, b), strcat(all, " ");
        if (!u || !t) strcat(vn3, b), strcat(vn3, " ");
      }
}

static void roundtrip(tthc_encoding enc, const char *text) {
  char *e, *d;
  size_t el, dl;
  tthc_error err;
  if (tthc_text_encode_alloc(text, strlen(text), enc, 0, &e, &el, &err))
    fail_msg("encode %s: %s", tthc_text_encoding_name(enc), err.message);
  if (tthc_text_decode_alloc(e, el, enc, 0, &d, &dl, &err))
    fail_msg("decode %s: %s", tthc_text_encoding_name(enc), err.message);
  if (strcmp(d, text)) fail_msg("%s round trip: %s", tthc_text_encoding_name(enc), d);
  tthc_free(e), tthc_free(d);
}

static void test_legacy_roundtrip(void **state) {
  (void)state;
  static char all[4096], vn3[4096];
  alphabet(all, vn3);
  roundtrip(TTHC_ENC_TCVN3, vn3);
  roundtrip(TTHC_ENC_VISCII, all);
  roundtrip(TTHC_ENC_VNI, all);
  roundtrip(TTHC_ENC_VIQR, all);
  const char *doc = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Đường "
                    "Nguyễn Huệ, số 12; (ghi chú: \"đã nộp\") địa chỉ d\\dd? a^b";
  for (int e = TTHC_ENC_TCVN3; e <= TTHC_ENC_VIQR; e++) roundtrip((tthc_encoding)e, doc);
}

static void test_legacy_known_bytes(void **state) {
  (void)state;
  char buf[64];
  size_t n;
  /* "Hoµ" is "Hoà" in TCVN3 (à = 0xB5); "Vieät" is "Việt" in VNI; VISCII 0xD5 is ạ */
  assert_int_equal(tthc_text_decode("Ho\xB5", 3, TTHC_ENC_TCVN3, 0, buf, sizeof buf, &n, NULL, NULL), TTHC_OK);
  assert_string_equal(buf, "Hoà");
  assert_int_equal(tthc_text_decode("Vie\xE4t", 5, TTHC_ENC_VNI, 0, buf, sizeof buf, &n, NULL, NULL), TTHC_OK);
  assert_string_equal(buf, "Việt");
  assert_int_equal(tthc_text_decode("\xD5", 1, TTHC_ENC_VISCII, 0, buf, sizeof buf, &n, NULL, NULL), TTHC_OK);
  assert_string_equal(buf, "ạ");
  assert_int_equal(tthc_text_decode("Vie^.t Nam, dda^u?", 18, TTHC_ENC_VIQR, 0, buf, sizeof buf, &n, NULL, NULL), TTHC_OK);
  assert_string_equal(buf, "Việt Nam, đâu?");
  assert_int_equal(tthc_text_decode("cu? ca?i", 8, TTHC_ENC_VIQR, 0, buf, sizeof buf, &n, NULL, NULL), TTHC_OK);
  assert_string_equal(buf, "củ cải");
  /* bad bytes */
  tthc_error e;
  assert_int_equal(tthc_text_decode("ab\xF9", 3, TTHC_ENC_VNI, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EFORMAT);
  assert_int_equal(e.offset, 2);
  assert_int_equal(tthc_text_decode("n\xF9", 2, TTHC_ENC_VNI, TTHC_TEXT_REPLACE_INVALID, buf, sizeof buf, &n, NULL, &e), TTHC_OK);
  assert_int_equal(tthc_text_decode("a\x81", 2, TTHC_ENC_VNI, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EFORMAT);
  assert_int_equal(tthc_text_decode("a", 1, (tthc_encoding)42, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EINVAL);
  /* offset map of a decode */
  size_t map[16];
  assert_int_equal(tthc_text_decode("Vie\xE4t", 5, TTHC_ENC_VNI, 0, buf, sizeof buf, &n, map, NULL), TTHC_OK);
  assert_int_equal(map[2], 2); /* ệ came from bytes 2-3, "e" and the mark byte */
  assert_int_equal(map[strlen("Việ")], 4);
  assert_int_equal(map[strlen("Việt")], 5);
}

static void test_encode_reports(void **state) {
  (void)state;
  char buf[64];
  size_t n, offs[8], count;
  uint32_t cps[8];
  tthc_error e;
  const char *t = "Ấn ĐỊNH € x";
  assert_int_equal(tthc_text_encode(t, strlen(t), TTHC_ENC_TCVN3, 0, buf, sizeof buf, &n, NULL, &e), TTHC_EENCODING);
  assert_int_equal(e.offset, 0);
  assert_non_null(strstr(e.message, "U+1EA4"));
  assert_non_null(strstr(e.message, "3 such characters"));
  assert_int_equal(tthc_text_encode_check(t, strlen(t), TTHC_ENC_TCVN3, offs, cps, 8, &count, NULL), TTHC_OK);
  assert_int_equal(count, 3);
  assert_int_equal(cps[0], 0x1EA4), assert_int_equal(offs[0], 0);
  assert_int_equal(cps[1], 0x1ECA), assert_int_equal(offs[1], strlen("Ấn Đ"));
  assert_int_equal(cps[2], 0x20AC);
  assert_int_equal(tthc_text_encode(t, strlen(t), TTHC_ENC_TCVN3, TTHC_TEXT_SUBSTITUTE, buf, sizeof buf, &n, NULL, &e), TTHC_OK);
  assert_int_equal((unsigned char)buf[0], 0xCA); /* ấ's byte */
  assert_int_equal(buf[n - 3], '?');
  assert_int_equal(tthc_text_encode_check("ok", 2, TTHC_ENC_VISCII, NULL, NULL, 0, &count, NULL), TTHC_OK);
  assert_int_equal(count, 0);
}

static void test_detect(void **state) {
  (void)state;
  const char *doc = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. "
                    "Ủy ban nhân dân xã Tân Hồng thông báo về việc tiếp nhận hồ sơ của người dân";
  for (int e = TTHC_ENC_UTF8; e <= TTHC_ENC_VIQR; e++) {
    char *b;
    size_t bl;
    unsigned fl = e == TTHC_ENC_TCVN3 ? TTHC_TEXT_SUBSTITUTE : 0;
    if (e == TTHC_ENC_UTF8) bl = strlen(doc), b = memcpy(malloc(bl + 1), doc, bl + 1);
    else assert_int_equal(tthc_text_encode_alloc(doc, strlen(doc), (tthc_encoding)e, fl, &b, &bl, NULL), TTHC_OK);
    tthc_encoding got;
    double conf;
    assert_int_equal(tthc_text_detect(b, bl, &got, &conf, NULL), TTHC_OK);
    if ((int)got != e) fail_msg("detected %s for %s", tthc_text_encoding_name(got), tthc_text_encoding_name((tthc_encoding)e));
    assert_true(conf > 0.5);
    free(b);
  }
  tthc_encoding got;
  double conf;
  assert_int_equal(tthc_text_detect("hello world", 11, &got, &conf, NULL), TTHC_OK);
  assert_int_equal(got, TTHC_ENC_UTF8);
  assert_int_equal(tthc_text_detect("\xB5", 1, &got, &conf, NULL), TTHC_OK);
  assert_int_equal(got, TTHC_ENC_UNKNOWN); /* one byte: could be à in TCVN3 or another letter */
  assert_int_equal(tthc_text_detect(NULL, 3, &got, &conf, NULL), TTHC_EINVAL);
  tthc_encoding enc;
  assert_int_equal(tthc_text_encoding_from_name("VNI", &enc), TTHC_OK);
  assert_int_equal(enc, TTHC_ENC_VNI);
  assert_int_equal(tthc_text_encoding_from_name("latin9", &enc), TTHC_ENOTFOUND);
  assert_string_equal(tthc_text_encoding_name(TTHC_ENC_VISCII), "viscii");
  assert_string_equal(tthc_text_encoding_name((tthc_encoding)99), "unknown");
}

/* ---- numbers, amounts, dates, references -------------------------------------------------- */

static void test_numbers(void **state) {
  (void)state;
  struct { const char *in; int64_t units; int scale, pct; const char *fmt; } ok[] = {
      {"87,03", 8703, 2, 0, "87,03"},          {"1.234.567,5", 12345675, 1, 0, "1.234.567,5"},
      {"87,03%", 8703, 2, 1, "87,03%"},        {"87,03 %", 8703, 2, 1, "87,03%"},
      {"-2.000", -2000, 0, 0, "-2.000"},       {"1005000", 1005000, 0, 0, "1.005.000"},
      {"0,5", 5, 1, 0, "0,5"},                 {"999.999.999.999.999.999", 999999999999999999, 0, 0, "999.999.999.999.999.999"}};
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    tthc_decimal d;
    int pct;
    char buf[64];
    assert_int_equal(tthc_text_number_parse(ok[i].in, strlen(ok[i].in), &d, &pct, NULL), TTHC_OK);
    assert_true(d.units == ok[i].units);
    assert_int_equal(d.scale, ok[i].scale);
    assert_int_equal(pct, ok[i].pct);
    assert_int_equal(tthc_text_number_format(d, pct ? TTHC_NUMBER_PERCENT : 0, buf, sizeof buf, NULL), TTHC_OK);
    assert_string_equal(buf, ok[i].fmt);
  }
  struct { const char *in; tthc_status st; int col; } bad[] = {
      {"1.5", TTHC_ESYNTAX, 3},    {"1.23.456", TTHC_ESYNTAX, 3}, {"1234.567", TTHC_ESYNTAX, 1},
      {"1,", TTHC_ESYNTAX, 3},     {"", TTHC_ESYNTAX, 1},         {"12a", TTHC_ESYNTAX, 3},
      {"1234567890123456789", TTHC_ERANGE, 1}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_decimal d;
    tthc_error e;
    assert_int_equal(tthc_text_number_parse(bad[i].in, strlen(bad[i].in), &d, NULL, &e), bad[i].st);
    assert_int_equal(e.column, bad[i].col);
  }
  char small[3];
  size_t n;
  tthc_decimal v = {12345, 0};
  assert_int_equal(tthc_text_number_format(v, 0, small, sizeof small, &n), TTHC_ENOSPC);
  assert_int_equal(n, 6);
  v.scale = 19;
  assert_int_equal(tthc_text_number_format(v, 0, small, sizeof small, &n), TTHC_ERANGE);
}

static void test_amount_words(void **state) {
  (void)state;
  struct { int64_t v; unsigned f; const char *w; } c[] = {
      {50000, TTHC_WORDS_CAPITALIZE | TTHC_WORDS_DONG, "Năm mươi nghìn đồng"},
      {1005000, TTHC_WORDS_CAPITALIZE, "Một triệu không trăm linh năm nghìn"},
      {0, 0, "không"}, {5, 0, "năm"}, {10, 0, "mười"}, {11, 0, "mười một"}, {14, 0, "mười bốn"},
      {15, 0, "mười lăm"}, {21, 0, "hai mươi mốt"}, {24, 0, "hai mươi tư"}, {25, 0, "hai mươi lăm"},
      {105, 0, "một trăm linh năm"}, {105, TTHC_WORDS_SOUTHERN, "một trăm lẻ năm"},
      {110, 0, "một trăm mười"}, {1001, 0, "một nghìn không trăm linh một"},
      {1000000, 0, "một triệu"}, {1000005, 0, "một triệu không trăm linh năm"},
      {2500000, TTHC_WORDS_SOUTHERN, "hai triệu năm trăm ngàn"},
      {1000000000, 0, "một tỷ"}, {1000050000, 0, "một tỷ không trăm năm mươi nghìn"},
      {5003000000000, 0, "năm nghìn không trăm linh ba tỷ"},
      {1000000000000000000, 0, "một tỷ tỷ"}, {-41, TTHC_WORDS_CAPITALIZE, "Âm bốn mươi mốt"},
      {INT64_MIN, 0, "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm "
                     "ba mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám "
                     "trăm linh tám"}};
  for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
    char buf[512];
    assert_int_equal(tthc_text_amount_words(c[i].v, c[i].f, buf, sizeof buf, NULL), TTHC_OK);
    assert_string_equal(buf, c[i].w);
  }
  char small[4];
  size_t n;
  assert_int_equal(tthc_text_amount_words(5, 0, small, sizeof small, &n), TTHC_ENOSPC);
  assert_int_equal(n, strlen("năm"));
}

static void test_dates(void **state) {
  (void)state;
  tthc_date want, d;
  tthc_date_from_ymd(2023, 4, 20, &want);
  const char *ok[] = {"ngày 20 tháng 4 năm 2023", "20/4/2023", "20-04-2023", "20.04.2023",
                      "Ngày 20 tháng 04 năm 2023", "NGÀY 20 THÁNG 4 NĂM 2023", "  ngày 20/4/2023 "};
  size_t pl;
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    assert_int_equal(tthc_text_date_parse(ok[i], strlen(ok[i]), &d, &pl, NULL), TTHC_OK);
    assert_int_equal(d, want);
    assert_int_equal(pl, 0);
  }
  const char *head = "Tân Hồng, ngày 20 tháng 4 năm 2023";
  assert_int_equal(tthc_text_date_parse(head, strlen(head), &d, &pl, NULL), TTHC_OK);
  assert_int_equal(d, want);
  assert_int_equal(pl, strlen("Tân Hồng"));
  char buf[96];
  size_t n;
  assert_int_equal(tthc_text_date_format(d, head, pl, 0, buf, sizeof buf, &n), TTHC_OK);
  assert_string_equal(buf, head);
  tthc_date_from_ymd(2023, 8, 8, &d);
  tthc_text_date_format(d, NULL, 0, 0, buf, sizeof buf, &n);
  assert_string_equal(buf, "ngày 08 tháng 8 năm 2023");
  tthc_text_date_format(d, NULL, 0, TTHC_TEXT_DATE_NUMERIC, buf, sizeof buf, &n);
  assert_string_equal(buf, "08/8/2023");
  tthc_date_from_ymd(2025, 1, 5, &d);
  tthc_text_date_format(d, NULL, 0, TTHC_TEXT_DATE_CAPITALIZE, buf, sizeof buf, &n);
  assert_string_equal(buf, "Ngày 05 tháng 01 năm 2025");
  tthc_text_date_format(d, NULL, 0, TTHC_TEXT_DATE_NO_PAD, buf, sizeof buf, &n);
  assert_string_equal(buf, "ngày 5 tháng 1 năm 2025");
  struct { const char *in; tthc_status st; const char *needle; } bad[] = {
      {"ngày 30 tháng 2 năm 2023", TTHC_EDATE, "does not exist"},
      {"20/13/2023", TTHC_EDATE, "month 13"},
      {"20/4/0", TTHC_ERANGE, "year 0"},
      {"20/4-2023", TTHC_ESYNTAX, "same separator"},
      {"ngày 20 tháng 4", TTHC_ESYNTAX, "năm"},
      {"20/4/2023 rồi", TTHC_ESYNTAX, "after the date"},
      {", ngày 20/4/2023", TTHC_ESYNTAX, "empty place"},
      {"hôm nay", TTHC_ESYNTAX, "day"},
      {"20/4/\xFF", TTHC_EUTF8, "UTF-8"}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_error e;
    tthc_status st = tthc_text_date_parse(bad[i].in, strlen(bad[i].in), &d, &pl, &e);
    if (st != bad[i].st || !strstr(e.message, bad[i].needle))
      fail_msg("%s: status %d message %s", bad[i].in, st, e.message);
  }
  assert_int_equal(tthc_text_date_parse("x", 1, NULL, NULL, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_text_date_format(TTHC_DATE_MAX + 1, NULL, 0, 0, buf, sizeof buf, &n), TTHC_ERANGE);
}

static void test_refs(void **state) {
  (void)state;
  tthc_text_ref r;
  tthc_error e;
  const char *s = "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018";
  assert_int_equal(tthc_text_ref_parse(s, strlen(s), &r, &e), TTHC_OK);
  assert_string_equal(r.type, "Nghị định");
  assert_int_equal(r.number, 61);
  assert_int_equal(r.year, 2018);
  assert_memory_equal(s + r.symbol_offset, "NĐ-CP", r.symbol_length);
  assert_memory_equal(s + r.issuer_offset, "CP", r.issuer_length);
  tthc_date d;
  tthc_date_from_ymd(2018, 4, 23, &d);
  assert_true(r.has_date);
  assert_int_equal(r.date, d);
  struct { const char *in, *type; int64_t num; int year; const char *sym, *iss; } c[] = {
      {"Quyết định số 1661/QĐ-UBND ngày 08/8/2023", "Quyết định", 1661, 0, "QĐ-UBND", "UBND"},
      {"51/2020/QĐ-UBND", "Quyết định", 51, 2020, "QĐ-UBND", "UBND"},
      {"Công văn 12729/VPCP-KGVX", "Công văn", 12729, 0, "VPCP-KGVX", "VPCP"},
      {"Thông tư 01/2018/TT-VPCP", "Thông tư", 1, 2018, "TT-VPCP", "VPCP"},
      {"Luật số 45/2019/QH14", "Luật", 45, 2019, "QH14", "QH14"},
      {"45/2019/QH14", NULL, 45, 2019, "QH14", "QH14"},
      {"Số: /CV-UBND", "Công văn", -1, 0, "CV-UBND", "UBND"},
      {"Số:      /QĐ-UBND", "Quyết định", -1, 0, "QĐ-UBND", "UBND"},
      {"Số: …/2023/NĐ-CP", "Nghị định", -1, 2023, "NĐ-CP", "CP"},
      {"QUYẾT ĐỊNH SỐ 585/QĐ-UBND.HC", "Quyết định", 585, 0, "QĐ-UBND.HC", "UBND.HC"},
      {"Chỉ thị 05/CT-TTg", "Chỉ thị", 5, 0, "CT-TTg", "TTg"}};
  for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
    if (tthc_text_ref_parse(c[i].in, strlen(c[i].in), &r, &e) != TTHC_OK) fail_msg("%s: %s", c[i].in, e.message);
    if (c[i].type) assert_string_equal(r.type, c[i].type);
    else assert_null(r.type);
    assert_true(r.number == c[i].num);
    assert_int_equal(r.year, c[i].year);
    assert_int_equal(r.symbol_length, strlen(c[i].sym));
    assert_memory_equal(c[i].in + r.symbol_offset, c[i].sym, r.symbol_length);
    assert_memory_equal(c[i].in + r.issuer_offset, c[i].iss, r.issuer_length);
  }
  const char *bad[] = {"", "hello", "20/4/2023", "61/2018/", "xem 61/2018/NĐ-CP", "61/2018/NĐ-CP abc",
                       "1/2"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(tthc_text_ref_parse(bad[i], strlen(bad[i]), &r, &e), TTHC_ESYNTAX);
  assert_int_equal(tthc_text_ref_parse("61/2018/NĐ-CP ngày 31/2/2018", strlen("61/2018/NĐ-CP ngày 31/2/2018"), &r, &e), TTHC_EDATE);
  /* find every reference, with byte offsets */
  const char *text = "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ; Quyết định "
                     "số 1661/QĐ-UBND; ngày 20/4/2023 nộp 1/2 hồ sơ theo 51/2020/QĐ-UBND.";
  const char *want[] = {"Nghị định số 61/2018/NĐ-CP ngày 23/4/2018", "Quyết định số 1661/QĐ-UBND",
                        "51/2020/QĐ-UBND"};
  size_t from = 0, k = 0;
  while (tthc_text_ref_find(text, strlen(text), from, &r) == TTHC_OK) {
    assert_true(k < 3);
    assert_int_equal(r.length, strlen(want[k]));
    assert_memory_equal(text + r.offset, want[k], r.length);
    from = r.offset + r.length, k++;
  }
  assert_int_equal(k, 3);
  assert_int_equal(tthc_text_ref_find(text, strlen(text), 0, NULL), TTHC_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tone_placement), cmocka_unit_test(test_nfc_nfd),
      cmocka_unit_test(test_invalid_utf8),   cmocka_unit_test(test_buffers_and_nulls),
      cmocka_unit_test(test_offset_map),     cmocka_unit_test(test_fold),
      cmocka_unit_test(test_collation),      cmocka_unit_test(test_legacy_roundtrip),
      cmocka_unit_test(test_legacy_known_bytes), cmocka_unit_test(test_encode_reports),
      cmocka_unit_test(test_detect),         cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_amount_words),   cmocka_unit_test(test_dates),
      cmocka_unit_test(test_refs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
