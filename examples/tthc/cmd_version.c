#include "cli.h"

int cmd_version(int argc, char **argv) {
  bool json = false, help = false;
  const char *pos[1];
  cli_opt opts[] = {{"--json", false, NULL, &json}, {0}};
  if (cli_parse(argc, argv, opts, pos, 0, &help) < 0) return CLI_USAGE;
  if (help) {
    puts("usage: tthc version [--json]\nPrint the version of the linked libtthc.");
    return CLI_OK;
  }
  if (json) return cli_print_json(json_pack("{s:s,s:i}", "version", tthc_version(), "number",
                                            tthc_version_number()));
  puts(tthc_version());
  return CLI_OK;
}
