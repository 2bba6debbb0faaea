/* gen_text_data: writes lib/text_data.c, the Vietnamese letter and legacy-encoding tables of the
 * text module, from the charts below (facts, written by hand from the published charts) and
 * checks every chart against Unicode's own data through utf8proc.
 *
 * usage: gen_text_data OUT.c      (the ctest `gen_text` diffs OUT.c with lib/text_data.c)
 *
 * Sources of the charts:
 * - the Vietnamese alphabet: Unicode code charts (Latin-1 Supplement, Latin Extended-A/B,
 *   Latin Extended Additional); checked here by decomposing each letter with utf8proc.
 * - TCVN3: TCVN 5712:1993. Decoding reads the VN1 repertoire (the superset with capital toned
 *   letters in C0 and 0x80-0xFF, as in glibc's TCVN5712-1 table); encoding writes VN3 (ABC), the
 *   8-bit set in real use, which has no capital toned vowels.
 * - VISCII: RFC 1456 (the Vietnamese Standardization Working Group's chart).
 * - VNI-Windows: the VNI font chart (base ASCII letter + one mark byte; đ, ơ, ư and the toned i
 *   are single bytes); bytes outside the VNI set read as Windows-1252, which VNI fonts extend.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NL 13
static const char *const ALPHA[2][NL] = {
    {"aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị", "oòỏõóọ", "ôồổỗốộ",
     "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ", "đ"},
    {"AÀẢÃÁẠ", "ĂẰẲẴẮẶ", "ÂẦẨẪẤẬ", "EÈẺẼÉẸ", "ÊỀỂỄẾỆ", "IÌỈĨÍỊ", "OÒỎÕÓỌ", "ÔỒỔỖỐỘ",
     "ƠỜỞỠỚỢ", "UÙỦŨÚỤ", "ƯỪỬỮỨỰ", "YỲỶỸÝỴ", "Đ"}};
static const char BASE[NL] = {'a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 'o', 'u', 'u', 'y', 'd'};
/* modifier: 0 none, 1 breve U+0306, 2 circumflex U+0302, 3 horn U+031B */
static const int MOD[NL] = {0, 1, 2, 0, 2, 0, 0, 2, 3, 0, 3, 0, 0};
static const int32_t MODMARK[4] = {0, 0x0306, 0x0302, 0x031B};
static const int32_t TONEMARK[6] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323};

/* TCVN 5712 VN1: 0x00-0x17 (letters at 01 02 04 05 06 11-17) and 0x80-0xFF. */
static const uint16_t TCVN_LOW[0x18] = {
    0x0000, 0x00DA, 0x1EE4, 0x0003, 0x1EEA, 0x1EEC, 0x1EEE, 0x0007, 0x0008, 0x0009, 0x000A, 0x000B,
    0x000C, 0x000D, 0x000E, 0x000F, 0x0010, 0x1EE8, 0x1EF0, 0x1EF2, 0x1EF6, 0x1EF8, 0x00DD, 0x1EF4};
static const uint16_t TCVN_HIGH[0x80] = {
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8, /* 80 */
    0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128, /* 88 */
    0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8, /* 90 */
    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168, /* 98 */
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, /* A0 */
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, /* A8 */
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, /* B0 */
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, /* B8 */
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, /* C0 */
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, /* C8 */
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, /* D0 */
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, /* D8 */
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, /* E0 */
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, /* E8 */
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, /* F0 */
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0}; /* F8 */

/* VISCII (RFC 1456): letters at 02 05 06 14 19 1E and 0x80-0xFF. */
static const uint16_t VISCII_C0[6][2] = {{0x02, 0x1EB2}, {0x05, 0x1EB4}, {0x06, 0x1EAA},
                                         {0x14, 0x1EF6}, {0x19, 0x1EF8}, {0x1E, 0x1EF4}};
static const uint16_t VISCII_HIGH[0x80] = {
    0x1EA0, 0x1EAE, 0x1EB0, 0x1EB6, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAC, /* 80 */
    0x1EBC, 0x1EB8, 0x1EBE, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EC6, 0x1ED0, /* 88 */
    0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8, 0x1EE2, 0x1EDA, 0x1EDC, 0x1EDE, /* 90 */
    0x1ECA, 0x1ECE, 0x1ECC, 0x1EC8, 0x1EE6, 0x0168, 0x1EE4, 0x1EF2, /* 98 */
    0x00D5, 0x1EAF, 0x1EB1, 0x1EB7, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAD, /* A0 */
    0x1EBD, 0x1EB9, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7, 0x1ED1, /* A8 */
    0x1ED3, 0x1ED5, 0x1ED7, 0x1EE0, 0x01A0, 0x1ED9, 0x1EDD, 0x1EDF, /* B0 */
    0x1ECB, 0x1EF0, 0x1EE8, 0x1EEA, 0x1EEC, 0x01A1, 0x1EDB, 0x01AF, /* B8 */
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x1EA2, 0x0102, 0x1EB3, 0x1EB5, /* C0 */
    0x00C8, 0x00C9, 0x00CA, 0x1EBA, 0x00CC, 0x00CD, 0x0128, 0x1EF3, /* C8 */
    0x0110, 0x1EE9, 0x00D2, 0x00D3, 0x00D4, 0x1EA1, 0x1EF7, 0x1EEB, /* D0 */
    0x1EED, 0x00D9, 0x00DA, 0x1EF9, 0x1EF5, 0x00DD, 0x1EE1, 0x01B0, /* D8 */
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x1EA3, 0x0103, 0x1EEF, 0x1EAB, /* E0 */
    0x00E8, 0x00E9, 0x00EA, 0x1EBB, 0x00EC, 0x00ED, 0x0129, 0x1EC9, /* E8 */
    0x0111, 0x1EF1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x1ECF, 0x1ECD, /* F0 */
    0x1EE5, 0x00F9, 0x00FA, 0x0169, 0x1EE7, 0x00FD, 0x1EE3, 0x1EEE}; /* F8 */

/* VNI-Windows, lowercase (capitals: every byte minus 0x20). A toned letter is its base letter
 * (ASCII, or the single byte of ơ/ư) followed by a mark byte; đ and the toned i and ỵ are single
 * bytes. Marks in tone order (ngang, huyền, hỏi, ngã, sắc, nặng): */
static const uint8_t VNI_TONE[6] = {0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF};  /* after a e o u y ơ ư */
static const uint8_t VNI_CIRC[6] = {0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4}; /* â ê ô */
static const uint8_t VNI_BREVE[6] = {0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB}; /* ă */
static const uint8_t VNI_I[6] = {'i', 0xEC, 0xE6, 0xF3, 0xED, 0xF2};
#define VNI_OW 0xF4
#define VNI_UW 0xF6
#define VNI_YDOT 0xEE
#define VNI_DD 0xF1
/* Windows-1252 0x80-0x9F (0 = undefined); 0xA0-0xFF are Latin-1. */
static const uint16_t CP1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static int fail(const char *msg, const char *what) {
  fprintf(stderr, "gen_text_data: %s: %s\n", msg, what);
  exit(1);
}

static uint16_t cp_of[2][NL][6];

static void load_alphabet(void) {
  for (int u = 0; u < 2; u++)
    for (int l = 0; l < NL; l++) {
      const uint8_t *p = (const uint8_t *)ALPHA[u][l];
      for (int t = 0; t < (l == 12 ? 1 : 6); t++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) fail("bad UTF-8 in the alphabet", ALPHA[u][l]);
        p += n;
        cp_of[u][l][t] = (uint16_t)cp;
        /* Check against Unicode: the decomposition is base + modifier + tone, and the case. */
        utf8proc_int32_t d[8];
        int last;
        utf8proc_ssize_t nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
        int32_t want[3], nw = 0;
        want[nw++] = u ? BASE[l] - 32 : BASE[l];
        if (MOD[l] == 3) want[nw++] = MODMARK[3];
        if (TONEMARK[t] == 0x0323) want[nw++] = 0x0323;
        if (MOD[l] == 1 || MOD[l] == 2) want[nw++] = MODMARK[MOD[l]];
        if (t && TONEMARK[t] != 0x0323) want[nw++] = TONEMARK[t];
        if (l == 12) nw = 0; /* đ has no decomposition */
        if (l == 12 ? nd != 1 : (nd != nw || memcmp(d, want, sizeof(int32_t) * (size_t)nw) != 0))
          fail("letter does not decompose as expected", ALPHA[u][l]);
        if (u && utf8proc_tolower(cp) != cp_of[0][l][t])
          fail("upper/lower case pair mismatch", ALPHA[u][l]);
      }
    }
}

static int packed(uint32_t cp) {
  for (int u = 0; u < 2; u++)
    for (int l = 0; l < NL; l++)
      for (int t = 0; t < 6; t++)
        if (cp_of[u][l][t] && cp_of[u][l][t] == cp) return 1 + (l * 6 + t) * 2 + u;
  return 0;
}

/* Print n values as a C initializer with nested braces for the trailing dimension sizes dims
 * (innermost last); values are unsigned, printed in hex when wide. */
static void print_vals(FILE *f, const char *decl, const unsigned *v, size_t n, int wide,
                       const size_t *dims, int nd) {
  fprintf(f, "%s = {", decl);
  size_t per_line = wide ? 8 : 16;
  for (size_t i = 0; i < n; i++) {
    int opens = 0;
    size_t block = 1;
    for (int d = nd - 1; d >= 1; d--) {
      block *= dims[d];
      if (i % block == 0) opens++;
    }
    if (i) {
      int closes = 0;
      block = 1;
      for (int d = nd - 1; d >= 1; d--) {
        block *= dims[d];
        if (i % block == 0) closes++;
      }
      for (int c = 0; c < closes; c++) fputc('}', f);
      fputc(',', f);
    }
    if (nd > 1 ? opens > 0 : i % per_line == 0) fputs("\n   ", f);
    fputc(' ', f);
    for (int c = 0; c < opens; c++) fputc('{', f);
    if (wide) fprintf(f, "0x%04X", v[i]);
    else fprintf(f, "%3u", v[i]);
  }
  for (int d = 1; d < nd; d++) fputc('}', f);
  fprintf(f, "};\n\n");
}

static void print_u8(FILE *f, const char *decl, const uint8_t *v, size_t n, const size_t *dims,
                     int nd) {
  unsigned *w = malloc(n * sizeof *w);
  for (size_t i = 0; i < n; i++) w[i] = v[i];
  print_vals(f, decl, w, n, 0, dims, nd);
  free(w);
}

static void print_u16(FILE *f, const char *decl, const uint16_t *v, size_t n, const size_t *dims,
                      int nd) {
  unsigned *w = malloc(n * sizeof *w);
  for (size_t i = 0; i < n; i++) w[i] = v[i];
  print_vals(f, decl, w, n, 1, dims, nd);
  free(w);
}

static const size_t D1[1] = {0}, D3[3] = {2, NL, 6}, D4[4] = {2, NL, 6, 2};

/* Encode tables of a single-byte chart: letters + "other" sorted pairs. vn3 drops capital
 * toned letters (TCVN3/ABC has none). */
static void single_byte(FILE *f, const char *name, const uint16_t dec[256], int vn3) {
  uint8_t enc[2][NL][6];
  memset(enc, 0, sizeof enc);
  uint16_t other_cp[256];
  uint8_t other_b[256];
  int nother = 0;
  for (int b = 255; b >= 0; b--) { /* prefer the lowest byte: iterate downwards, overwrite */
    uint16_t cp = dec[b];
    if (cp == 0xFFFF || (cp < 0x80 && cp == b)) continue;
    int p = packed(cp);
    if (p) {
      int u = (p - 1) & 1, lt = (p - 1) >> 1;
      if (vn3 && u && lt % 6 != 0) continue;
      enc[u][lt / 6][lt % 6] = (uint8_t)b;
    } else {
      int k = 0;
      while (k < nother && other_cp[k] != cp) k++;
      other_cp[k] = cp, other_b[k] = (uint8_t)b;
      if (k == nother) nother++;
    }
  }
  for (int u = 0; u < 2; u++) /* ASCII letters encode as themselves */
    for (int l = 0; l < NL; l++)
      if (cp_of[u][l][0] < 0x80) enc[u][l][0] = (uint8_t)cp_of[u][l][0];
  /* Check coverage: every lowercase letter (and, unless VN3, every capital) is representable. */
  for (int u = 0; u < 2; u++)
    for (int l = 0; l < NL; l++)
      for (int t = 0; t < (l == 12 ? 1 : 6); t++)
        if (!enc[u][l][t] && !(vn3 && u && t)) fail("chart misses a letter", name);
  for (int i = 1; i < nother; i++) /* insertion sort by code point */
    for (int j = i; j > 0 && other_cp[j - 1] > other_cp[j]; j--) {
      uint16_t c = other_cp[j];
      other_cp[j] = other_cp[j - 1], other_cp[j - 1] = c;
      uint8_t b = other_b[j];
      other_b[j] = other_b[j - 1], other_b[j - 1] = b;
    }
  char decl[128];
  snprintf(decl, sizeof decl, "const uint16_t tthc__%s_dec[256]", name);
  print_u16(f, decl, dec, 256, D1, 1);
  snprintf(decl, sizeof decl, "const uint8_t tthc__%s_enc[2][TTHC__NLETTERS][6]", name);
  print_u8(f, decl, &enc[0][0][0], sizeof enc, D3, 3);
  fprintf(f, "const tthc__cp_byte tthc__%s_other[] = {", name);
  for (int i = 0; i < nother; i++)
    fprintf(f, "%s%s{0x%04X, 0x%02X}", i ? "," : "", i % 5 ? " " : "\n    ", other_cp[i], other_b[i]);
  fprintf(f, "};\nconst size_t tthc__%s_nother = %d;\n\n", name, nother);
}

static void vni(FILE *f) {
  uint8_t enc[2][NL][6][2], single[256], mark[256];
  uint16_t dec[256];
  memset(enc, 0, sizeof enc), memset(single, 0, sizeof single), memset(mark, 0, sizeof mark);
  for (int b = 0; b < 256; b++)
    dec[b] = b < 0x80 ? (uint16_t)b : b < 0xA0 ? (CP1252[b - 0x80] ? CP1252[b - 0x80] : 0xFFFF) : (uint16_t)b;
  for (int u = 0; u < 2; u++) {
    uint8_t up = u ? 0x20 : 0;
    for (int l = 0; l < NL; l++)
      for (int t = 0; t < (l == 12 ? 1 : 6); t++) {
        uint8_t b0 = (uint8_t)(BASE[l] - up), b1 = 0;
        if (l == 12) b0 = VNI_DD - up;
        else if (l == 5) b0 = (uint8_t)(VNI_I[t] - up), b1 = 0;
        else if (l == 11 && t == 5) b0 = VNI_YDOT - up;
        else if (MOD[l] == 1) b1 = VNI_BREVE[t] - up;
        else if (MOD[l] == 2) b1 = VNI_CIRC[t] - up;
        else {
          if (MOD[l] == 3) b0 = (uint8_t)((l == 8 ? VNI_OW : VNI_UW) - up);
          b1 = t ? (uint8_t)(VNI_TONE[t] - up) : 0;
        }
        enc[u][l][t][0] = b0, enc[u][l][t][1] = b1;
        if (b1 == 0 && b0 >= 0x80) single[b0] = (uint8_t)(1 + (l * 6 + t) * 2 + u);
        if (b0 >= 0x80) dec[b0] = 0xFFFF;
        if (b1) {
          int m = MOD[l] == 3 ? 0 : MOD[l];
          uint8_t v = (uint8_t)(1 + (m * 6 + t) * 2 + u);
          if (mark[b1] && mark[b1] != v) fail("VNI mark byte with two meanings", ALPHA[u][l]);
          mark[b1] = v;
          dec[b1] = 0xFFFF;
        }
      }
  }
  for (int b = 0x80; b < 256; b++)
    if (single[b] && mark[b]) fail("VNI byte both a letter and a mark", "");
  print_u8(f, "const uint8_t tthc__vni_enc[2][TTHC__NLETTERS][6][2]", &enc[0][0][0][0], sizeof enc, D4, 4);
  print_u8(f, "const uint8_t tthc__vni_single[256]", single, 256, D1, 1);
  print_u8(f, "const uint8_t tthc__vni_mark[256]", mark, 256, D1, 1);
  print_u16(f, "const uint16_t tthc__vni_dec[256]", dec, 256, D1, 1);
  uint16_t ocp[128];
  uint8_t ob[128];
  int n = 0;
  for (int b = 0x80; b < 256; b++)
    if (dec[b] != 0xFFFF) ocp[n] = dec[b], ob[n++] = (uint8_t)b;
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && ocp[j - 1] > ocp[j]; j--) {
      uint16_t c = ocp[j];
      ocp[j] = ocp[j - 1], ocp[j - 1] = c;
      uint8_t x = ob[j];
      ob[j] = ob[j - 1], ob[j - 1] = x;
    }
  fprintf(f, "const tthc__cp_byte tthc__vni_other[] = {");
  for (int i = 0; i < n; i++)
    fprintf(f, "%s%s{0x%04X, 0x%02X}", i ? "," : "", i % 5 ? " " : "\n    ", ocp[i], ob[i]);
  fprintf(f, "};\nconst size_t tthc__vni_nother = %d;\n\n", n);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: gen_text_data OUT.c\n");
    return 2;
  }
  load_alphabet();
  FILE *f = fopen(argv[1], "w");
  if (!f) fail("cannot write", argv[1]);
  fprintf(f, "/* Generated by tests/gen/gen_text.c from the charts it cites; do not edit.\n"
             " * Regenerate: cmake --build BUILD --target regen_text. */\n"
             "#include \"text_internal.h\"\n\n");
  print_u16(f, "const uint16_t tthc__vn_cp[2][TTHC__NLETTERS][6]", &cp_of[0][0][0], 2 * NL * 6, D3, 3);
  uint8_t lat[0x1B1 - 0xC0], ext[0x1EFA - 0x1EA0];
  for (unsigned c = 0xC0; c <= 0x1B0; c++) lat[c - 0xC0] = (uint8_t)packed(c);
  for (unsigned c = 0x1EA0; c <= 0x1EF9; c++) ext[c - 0x1EA0] = (uint8_t)packed(c);
  print_u8(f, "const uint8_t tthc__vn_lat[TTHC__VN_LAT_LAST - TTHC__VN_LAT_FIRST + 1]", lat, sizeof lat, D1, 1);
  print_u8(f, "const uint8_t tthc__vn_ext[TTHC__VN_EXT_LAST - TTHC__VN_EXT_FIRST + 1]", ext, sizeof ext, D1, 1);
  fprintf(f, "const char tthc__vn_base[TTHC__NLETTERS] = \"%.*s\";\n\n", NL, BASE);
  uint8_t mods[NL];
  for (int l = 0; l < NL; l++) mods[l] = (uint8_t)MOD[l];
  print_u8(f, "const uint8_t tthc__vn_mod[TTHC__NLETTERS]", mods, NL, D1, 1);

  uint16_t dec[256];
  for (int b = 0; b < 256; b++) dec[b] = b < 0x18 ? TCVN_LOW[b] : b < 0x80 ? (uint16_t)b : TCVN_HIGH[b - 0x80];
  single_byte(f, "tcvn3", dec, 1);
  for (int b = 0; b < 256; b++) dec[b] = b < 0x80 ? (uint16_t)b : VISCII_HIGH[b - 0x80];
  for (int i = 0; i < 6; i++) dec[VISCII_C0[i][0]] = VISCII_C0[i][1];
  /* VISCII must hold all 134 non-ASCII letters exactly once */
  int seen = 0;
  for (int b = 0; b < 256; b++)
    if (dec[b] >= 0x80 && packed(dec[b])) seen++;
  if (seen != 134) fail("VISCII does not hold 134 letters", "");
  single_byte(f, "viscii", dec, 0);
  vni(f);
  if (fclose(f) != 0) fail("cannot write", argv[1]);
  return 0;
}
