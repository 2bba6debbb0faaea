/* bench_text: Vietnamese text normalisation and folding against utf8proc's own NFC.
 *
 * Builds (at run time, nothing committed) a corpus of >= 50 MB of Vietnamese administrative text
 * by repeating the documents below, then times in one process:
 *   1. utf8proc_map(UTF8PROC_COMPOSE | UTF8PROC_STABLE) — bare NFC, the baseline;
 *   2. tthc_text_normalize (NFC + traditional tone placement);
 *   3. tthc_text_fold (search key).
 * Goals: normalisation within 1.5x of bare NFC; fold >= 300 MB/s.
 * usage: bench_text [--short]   (--short: a 256 KB corpus, checks that everything runs) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "tthc.h"

/* Realistic procedure text: headings, names, addresses, legal references, fees, both tone
 * placements and a little NFD, as real dossiers mix them. */
static const char *const DOCS[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "ỦY BAN NHÂN DÂN XÃ TÂN HỒNG\nSố: 1661/QĐ-UBND\nTân Hồng, ngày 08 tháng 8 năm 2023\n"
    "QUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính được sửa đổi, bổ sung trong lĩnh "
    "vực hộ tịch thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 "
    "năm 2015; Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ "
    "chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính; Căn cứ Thông tư số "
    "01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ hướng dẫn thi hành một số quy định "
    "của Nghị định số 61/2018/NĐ-CP; Xét đề nghị của Công chức Tư pháp - Hộ tịch xã.\n",
    "QUYẾT ĐỊNH:\nĐiều 1. Công bố kèm theo Quyết định này danh mục 12 thủ tục hành chính được "
    "sửa đổi, bổ sung. Thời hạn giải quyết: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ. "
    "Lệ phí: 50.000 đồng (Năm mươi nghìn đồng). Trường hợp hồ sơ chưa đầy đủ, chưa hợp lệ thì "
    "trong thời hạn 01 ngày làm việc, công chức tiếp nhận hồ sơ phải hướng dẫn người nộp hồ sơ "
    "bổ sung, hoàn thiện hồ sơ theo quy định.\nĐiều 2. Quyết định này có hiệu lực thi hành kể "
    "từ ngày ký. Chánh Văn phòng HĐND và UBND xã, Công chức Tư pháp - Hộ tịch và các tổ chức, "
    "cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.\n",
    "PHIẾU TIẾP NHẬN VÀ HẸN TRẢ KẾT QUẢ\nMã hồ sơ: 000.00.20.H56-230808-0001\nBộ phận tiếp nhận "
    "và trả kết quả xã Tân Hồng tiếp nhận hồ sơ của: Ông Nguyễn Văn Hoà; Bà Trần Thị Thuỷ; Anh "
    "Lê Hoàng Quý; Chị Phạm Khánh Huyền; Ông Đoàn Kết Thuỳ; Bà Võ Thị Khoẻ. Địa chỉ: số 12, "
    "đường Nguyễn Huệ, khóm 3, phường Hoà Thuận, thành phố Cao Lãnh, tỉnh Đồng Tháp. Số điện "
    "thoại: 0277 3851 234. Nội dung yêu cầu giải quyết: Đăng ký khai sinh kết hợp nhận cha, mẹ, "
    "con. Thời gian nhận hồ sơ: 16 giờ 10 phút, ngày 24/01/2025. Thời gian trả kết quả giải "
    "quyết hồ sơ: 16 giờ 10 phút, ngày 03/02/2025. Vào Sổ theo dõi hồ sơ, Quyển số: 01.\n",
    "Ho\xcc\x80 so\xcc\x9b\xcc\x89 gô\xcc\x80m: To\xcc\x9b\xcc\x80 khai đăng ky\xcc\x81 khai "
    "sinh theo mâ\xcc\x83u; Giâ\xcc\x81y chư\xcc\x81ng sinh; Văn ba\xcc\x89n u\xcc\x89y quyê\xcc\x80n "
    "(nê\xcc\x81u co\xcc\x81). Người nộp hồ sơ ký, ghi rõ họ tên. Công văn 12729/VPCP-KGVX ngày "
    "25/12/2025 về việc nghỉ Tết Dương lịch; Luật số 45/2019/QH14; Quyết định số 51/2020/QĐ-UBND."
    " Tỷ lệ hồ sơ đúng hạn: 87,03%; số hồ sơ đã giải quyết: 1.234.567.\n"};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int is_short = argc > 1 && !strcmp(argv[1], "--short");
  size_t target = is_short ? (256u << 10) : (50u << 20) + (1u << 20);
  char *corpus = malloc(target + 4096);
  size_t n = 0;
  for (size_t k = 0; n < target; k++) {
    size_t l = strlen(DOCS[k % 4]);
    memcpy(corpus + n, DOCS[k % 4], l);
    n += l;
  }
  double mb = (double)n / (1024.0 * 1024.0);
  printf("corpus: %.1f MB of Vietnamese administrative text (%s)\n", mb, is_short ? "short" : "full");

  double t0 = now();
  utf8proc_uint8_t *nfc = NULL;
  utf8proc_ssize_t nl = utf8proc_map((const utf8proc_uint8_t *)corpus, (utf8proc_ssize_t)n, &nfc,
                                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  double t_nfc = now() - t0;
  if (nl < 0) return fprintf(stderr, "utf8proc_map failed\n"), 1;

  size_t cap = 2 * n + 16, need;
  char *out = malloc(cap);
  t0 = now();
  tthc_status st = tthc_text_normalize(corpus, n, 0, out, cap, &need, NULL, NULL);
  double t_norm = now() - t0;
  if (st != TTHC_OK || need == 0) return fprintf(stderr, "normalize failed: %d\n", st), 1;
  t0 = now();
  st = tthc_text_normalize(corpus, n, TTHC_TEXT_TONE_KEEP, out, cap, &need, NULL, NULL);
  double t_keep = now() - t0;
  if (st != TTHC_OK || need != (size_t)nl || memcmp(out, nfc, need) != 0)
    return fprintf(stderr, "tone-keeping NFC differs from utf8proc's NFC\n"), 1;
  t0 = now();
  st = tthc_text_fold(corpus, n, 0, out, cap, &need, NULL, NULL);
  double t_fold = now() - t0;
  if (st != TTHC_OK || need == 0) return fprintf(stderr, "fold failed: %d\n", st), 1;
  size_t *map = malloc(cap * sizeof *map);
  t0 = now();
  st = tthc_text_fold(corpus, n, 0, out, cap, &need, map, NULL);
  double t_fold_map = now() - t0;
  if (st != TTHC_OK) return 1;

  printf("%-44s %8.1f MB/s  (%.3f s)\n", "utf8proc NFC (baseline)", mb / t_nfc, t_nfc);
  printf("%-44s %8.1f MB/s  (%.3f s)  %.2fx the baseline's time\n", "tthc NFC + traditional tone placement",
         mb / t_norm, t_norm, t_norm / t_nfc);
  printf("%-44s %8.1f MB/s  (%.3f s)  %.2fx\n", "tthc NFC, tones kept (== utf8proc output)", mb / t_keep,
         t_keep, t_keep / t_nfc);
  printf("%-44s %8.1f MB/s  (%.3f s)\n", "tthc fold", mb / t_fold, t_fold);
  printf("%-44s %8.1f MB/s  (%.3f s)\n", "tthc fold with offset map", mb / t_fold_map, t_fold_map);
  printf("goals: normalisation <= 1.5x baseline: %s; fold >= 300 MB/s: %s\n",
         t_norm <= 1.5 * t_nfc ? "met" : "NOT met", mb / t_fold >= 300 ? "met" : "NOT met");
  free(nfc), free(out), free(map), free(corpus);
  return 0;
}
