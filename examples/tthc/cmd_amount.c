/* tthc amount: an amount of money in Vietnamese words, as fee receipts write it. */
#include <string.h>

#include "cli.h"

int cmd_amount(int argc, char **argv) {
  bool help = false, json = false, dong = false, southern = false;
  const char *pos[1];
  cli_opt opts[] = {{"--json", false, NULL, &json},
                    {"--dong", false, NULL, &dong},
                    {"--southern", false, NULL, &southern},
                    {0}};
  int n = cli_parse(argc, argv, opts, pos, 1, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts("usage: tthc amount AMOUNT [--dong] [--southern] [--json]\n"
         "Writes an amount in Vietnamese words as fee receipts do: tthc amount 1.005.000 prints\n"
         "\"Một triệu không trăm linh năm nghìn\". AMOUNT is written the Vietnamese way (1.005.000\n"
         "or 1005000); a trailing \"đồng\" or \"đ\" (or --dong) appends \"đồng\". --southern says\n"
         "\"ngàn\" and \"lẻ\" instead of \"nghìn\" and \"linh\".");
    return CLI_OK;
  }
  if (n == 0) return cli_usage_error("amount", "expected an amount (see tthc amount --help)");
  size_t len = strlen(pos[0]);
  static const char *const units[] = {" đồng", "đồng", " đ", "đ"};
  for (size_t k = 0; k < 4; k++) {
    size_t ul = strlen(units[k]);
    if (len > ul && !strcmp(pos[0] + len - ul, units[k])) {
      len -= ul, dong = true;
      break;
    }
  }
  tthc_decimal v;
  tthc_error err;
  tthc_status st = tthc_text_number_parse(pos[0], len, &v, NULL, &err);
  if (st != TTHC_OK) return cli_status_error("amount", st, &err);
  if (v.scale != 0)
    return cli_input_error("amount", "the amount %s has decimals; amounts in words are whole dong", pos[0]);
  char words[512];
  unsigned flags = TTHC_WORDS_CAPITALIZE | (dong ? TTHC_WORDS_DONG : 0) | (southern ? TTHC_WORDS_SOUTHERN : 0);
  tthc_text_amount_words(v.units, flags, words, sizeof words, NULL);
  if (json) {
    char num[64];
    tthc_text_number_format(v, 0, num, sizeof num, NULL);
    return cli_print_json(json_pack("{s:I,s:s,s:s}", "amount", (json_int_t)v.units, "formatted", num,
                                    "words", words));
  }
  puts(words);
  return CLI_OK;
}
