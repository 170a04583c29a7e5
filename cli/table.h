/* SPDX-License-Identifier: ISC */
/* table: every command of the command line, written once. The same rows
 * drive the dispatch, the option parsing (`--` ends the options, which may
 * come anywhere before it), `xmppgw --help`, `xmppgw COMMAND --help`, and
 * the hidden `--dump-commands` the tests compare the man page, the README
 * and the bash completion with. Strings are N_() here and _() where shown. */
#ifndef XMPPGW_CLI_TABLE_H
#define XMPPGW_CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What an option's value names, for the completion. */
enum cli_value { CLI_VALUE_TEXT, CLI_VALUE_FILE, CLI_VALUE_CHOICE };

struct cli_option {
	const char *name;    /* "--type" */
	const char *alias;   /* "-o", or NULL */
	const char *arg;     /* the value's placeholder ("T"); NULL: a flag without value */
	enum cli_value kind;
	const char *choices; /* CLI_VALUE_CHOICE: "Federated|PublicVerified|PublicUnverified" */
	const char *help;    /* N_() */
};

struct cli_args;

struct cli_command {
	const char *name;     /* "partners" */
	const char *sub;      /* "add", or NULL for a command without subcommands */
	const char *choices;  /* the first operand's values ("frontend-ps1|edge-ps1|..."), or NULL */
	bool more_files;      /* operands after FILE (and the choice) are files */
	bool writes;          /* writes FILE: standard input cannot stand for it */
	const char *synopsis; /* N_(): one line, "xmppgw partners add FILE --domain D [...]" */
	const char *summary;  /* N_(): one sentence */
	const struct cli_option *opts; /* ends with a NULL name */
	int (*run)(const struct cli_args *a);
};

/* What main hands a command: its row, the options given and the operands
 * (`-` is an operand). */
struct cli_args {
	const struct cli_command *cmd;
	const char **value;  /* per cmd->opts entry: the value (a flag: its name), or NULL */
	char **operand;
	int noperands;
};

extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;

/* The value given for the option named name (a flag: non-NULL when given),
 * or NULL; name must be one of the command's options. */
const char *cli_arg(const struct cli_args *a, const char *name);

/* Runs the command line argv[1..] names (argv[1] is a command). Returns the
 * exit status; prints the usage or help itself. */
int cli_dispatch(int argc, char **argv);
/* The row named name (and sub), or NULL. */
const struct cli_command *cli_find(const char *name, const char *sub);
/* The command name closest to word when it is close enough to be a typo,
 * or NULL: Damerau-Levenshtein distance (optimal string alignment). */
const char *cli_suggest(const char *word, const char *sub_of);
/* `xmppgw --help`: the usage, then cli_help_commands. */
void cli_help_all(FILE *out);
/* Every row's synopsis and summary. */
void cli_help_commands(FILE *out);
/* Every row's synopsis alone: short enough to leave, on a 24-line
 * terminal, the line above it in view. */
void cli_help_synopses(FILE *out);
/* "usage: SYNOPSIS" of every row of name (sub NULL: all its rows) to
 * stderr; returns CLI_USAGE. */
int cli_usage(const char *name, const char *sub);
/* The table for the tests and the completion check, untranslated, one
 * record a line, tab-separated. */
void cli_dump(FILE *out);

#endif
