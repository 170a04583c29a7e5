/* SPDX-License-Identifier: ISC */
/* cli: the command line, a thin front end over the same actions the screens
 * run. Each command takes the arguments after its name (argv[0] is the
 * command's name) and returns the exit status: 0 done or valid, 1 checked
 * and found problems, 2 usage, I/O or unreadable input. Messages go to
 * stderr as "xmppgw: FILE:LINE:COL: text". */
#ifndef XMPPGW_CLI_H
#define XMPPGW_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "deployment.h"

#define CLI_OK 0
#define CLI_PROBLEMS 1
#define CLI_USAGE 2

struct cli_args;

/* The commands, as cli/table.c lists them: each gets its options and
 * operands already read (cli/table.h). */
int cmd_cert_import(const struct cli_args *a);
int cmd_cert_pfx(const struct cli_args *a);
int cmd_check(const struct cli_args *a);
int cmd_csr(const struct cli_args *a);
int cmd_dns(const struct cli_args *a);
int cmd_export(const struct cli_args *a);
int cmd_partners_list(const struct cli_args *a);
int cmd_partners_add(const struct cli_args *a);
int cmd_partners_remove(const struct cli_args *a);
int cmd_probe(const struct cli_args *a);

/* Shared by the commands: loads path, prints every diagnostic to stderr,
 * and returns CLI_OK with *out set when the file has no errors; otherwise
 * the exit status to use (*out NULL). path "-" reads standard input (into
 * memory, within the same size limit), named CLI_STDIN_NAME in messages. */
#define CLI_STDIN_NAME "<stdin>"
/* path as messages show it: CLI_STDIN_NAME for "-". */
const char *cli_shown(const char *path);
int cli_load(const char *path, struct deployment **out);
/* Every command that writes the deployment file first takes its lock
 * (model/fsafe.h), waiting XMPPGW_LOCK_WAIT seconds (default 10) for
 * another writer, then reads the file under it: the same as cli_load, with
 * *lock set to the lock to release with fsafe_unlock (-1 on failure). */
int cli_load_locked(const char *path, struct deployment **out, int *lock);
/* XMPPGW_LOCK_WAIT in milliseconds (default 10 s; a bad value is said
 * and the default used). */
int cli_lock_wait_ms(void);
/* On a locale whose character set is neither UTF-8 nor ASCII, asks the
 * catalog for UTF-8 and makes stderr (and stdout when out_too: not for the
 * full-screen program, which writes the terminal through curses) convert
 * UTF-8 to that set (cli/charset.c). Called before any output; a second
 * call may add stdout. */
void cli_charset_streams(bool out_too);
/* Standard output without the conversion, for bytes that are a file's
 * (export -o -); flushes the converted one first. */
FILE *cli_raw_stdout(void);
/* Prints "xmppgw: " + the formatted message + newline to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A descriptor number; false when s is not one. */
bool cli_parse_fd(const char *s, int *fd);

#define CLI_SECRET_MAX 1023
/* The first line of fd without its line end: a passphrase or password.
 * On a terminal, prompt is shown and the typing is not echoed. NULL with
 * *err (caller frees) when unreadable, empty or too long. The process is
 * not dumpable from the prompt until cli_secret_free, which wipes it. */
char *cli_read_secret(int fd, const char *prompt, char **err);
void cli_secret_free(char *s);
/* path (as given on the command line, from the current folder) as seen
 * from base, the deployment file's folder: relative when inside it, so the
 * folder can move as a whole; absolute otherwise. A path that does not
 * exist yet needs its folder to. NULL (errno set) when that fails. */
char *cli_path_from_base(const char *path, const char *base);
/* A number of milliseconds from 1 to max into *out; -1 after saying why. */
int cli_parse_ms(const char *option, const char *s, int max, int *out);

#endif
