/* Development scaffold, removed once every command is in. */
#include "config.h"
#include <stdio.h>
#include "cli/cli.h"
#define PENDING(f) int f(int argc, char **argv) __attribute__((weak)); \
	int f(int argc, char **argv) { (void)argc; (void)argv; fputs("pending\n", stderr); return 2; }
PENDING(cmd_csr)
PENDING(cmd_dns)
PENDING(cmd_export)
PENDING(cmd_partners)
int tui_main(const char *path) __attribute__((weak));
int tui_main(const char *path) { (void)path; fputs("pending\n", stderr); return 2; }
