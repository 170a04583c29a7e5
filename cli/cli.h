/* cli: the command line, a thin front end over the same actions the screens
 * run. Each command takes the arguments after its name (argv[0] is the
 * command's name) and returns the exit status: 0 done or valid, 1 checked
 * and found problems, 2 usage, I/O or unreadable input. Messages go to
 * stderr as "xmppgw: FILE:LINE:COL: text". */
#ifndef XMPPGW_CLI_H
#define XMPPGW_CLI_H

#include "deployment.h"

#define CLI_OK 0
#define CLI_PROBLEMS 1
#define CLI_USAGE 2

int cmd_check(int argc, char **argv);
int cmd_csr(int argc, char **argv);
int cmd_dns(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_partners(int argc, char **argv);
int cmd_probe(int argc, char **argv);
/* The full-screen program on path (created on request when missing). */
int tui_main(const char *path);

/* Shared by the commands: loads path, prints every diagnostic to stderr,
 * and returns CLI_OK with *out set when the file has no errors; otherwise
 * the exit status to use (*out NULL). */
int cli_load(const char *path, struct deployment **out);
/* Prints "xmppgw: " + the formatted message + newline to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The value of --name VALUE or --name=VALUE at argv[*i] (advancing *i
 * past a separate value), or NULL when argv[*i] is not that option. */
const char *cli_option_value(int argc, char **argv, int *i, const char *name);
/* A number of milliseconds from 1 to max into *out; -1 after saying why. */
int cli_parse_ms(const char *option, const char *s, int max, int *out);

#endif
