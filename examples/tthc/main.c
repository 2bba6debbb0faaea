/* tthc: reference calculators over libtthc. `tthc help` lists the subcommands. */
#include <string.h>

#include "cli.h"

static const struct {
  const char *name;
  cli_command_fn fn;
  const char *summary;
} commands[] = {
#define X(name, fn, summary) {#name, fn, summary},
#include "commands.def"
#undef X
};

static void usage(FILE *f) {
  fprintf(f,
          "usage: tthc COMMAND [OPTIONS] [ARGS]\n"
          "Reference calculators for Vietnamese administrative procedures (libtthc %s).\n\n"
          "Commands:\n",
          tthc_version());
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf(f,
          "\n`tthc COMMAND --help` describes one command. Most take --json.\n"
          "Exit status: 0 success, 1 bad input (message on stderr), 2 usage error.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *name = argv[1];
  if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(name, "--version")) name = "version";
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(name, commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "tthc: unknown command '%s' (see tthc --help)\n", name);
  return CLI_USAGE;
}
