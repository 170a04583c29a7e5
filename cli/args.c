/* SPDX-License-Identifier: ISC */
/* The command table at work: finding the row, reading its options, the
 * help and usage texts, the suggestion for a mistyped command. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "diag.h"
#include "i18n.h"
#include "xalloc.h"

#define HELP_WIDTH 79

const char *cli_arg(const struct cli_args *a, const char *name)
{
	for (size_t i = 0; a->cmd->opts[i].name; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0)
			return a->value[i];
	/* A name missing from the table is a mistake in the program. */
	abort();
}

const struct cli_command *cli_find(const char *name, const char *sub)
{
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];

		if (strcmp(c->name, name) == 0 && (!sub || (c->sub && strcmp(c->sub, sub) == 0)))
			return c;
	}
	return NULL;
}

/* ---- the suggestion ------------------------------------------------------ */

#define SUGGEST_MAX_LEN 32

/* Damerau-Levenshtein distance (optimal string alignment) of two short
 * words; a word longer than SUGGEST_MAX_LEN is far from everything. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

const char *cli_suggest(const char *word, const char *sub_of)
{
	size_t best = SIZE_MAX, max = strlen(word) <= 4 ? 1 : 2;
	const char *found = NULL;

	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];
		const char *name = sub_of ? c->sub : c->name;
		size_t d;

		if (sub_of && (strcmp(c->name, sub_of) != 0 || !c->sub))
			continue;
		d = distance(word, name);
		if (d <= max && d < best) {
			best = d;
			found = name;
		}
	}
	return found;
}

/* ---- help and usage ------------------------------------------------------ */

/* The word at text: up to a space outside brackets, so that a synopsis's
 * "[--sasl V]" stays on one line. */
static size_t word_len(const char *text)
{
	size_t n = 0;
	int depth = 0;

	for (; text[n] && (text[n] != ' ' || depth > 0); n++)
		if (text[n] == '[')
			depth++;
		else if (text[n] == ']' && depth > 0)
			depth--;
	return n;
}

/* text after prefix, broken at spaces before HELP_WIDTH; the following
 * lines indented under the command's first operand. */
static void print_wrapped(FILE *out, const char *prefix, const char *text, size_t indent)
{
	size_t col = strlen(prefix);

	fputs(prefix, out);
	while (*text) {
		size_t word = word_len(text);

		if (col > indent && col + 1 + word > HELP_WIDTH) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > strlen(prefix)) {
			fputc(' ', out);
			col++;
		}
		fwrite(text, 1, word, out);
		col += word;
		text += word;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

static void print_synopsis(FILE *out, const char *prefix, const struct cli_command *c)
{
	print_wrapped(out, prefix, _(c->synopsis), strlen(prefix) + 7);
}

int cli_usage(const char *name, const char *sub)
{
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];

		if (strcmp(c->name, name) == 0 && (!sub || !c->sub || strcmp(c->sub, sub) == 0)) {
			char *line = xasprintf(_("usage: %s"), _(c->synopsis));
			/* Wrapped as --help wraps it, under the first operand. */
			size_t indent = strlen("xmppgw: ") + strcspn(line, " ") + 8;

			print_wrapped(stderr, "xmppgw: ", line, indent);
			free(line);
		}
	}
	return CLI_USAGE;
}

/* "A|B|C" as "A, B, C". */
static char *choices_text(const char *choices)
{
	char *s = xmalloc(strlen(choices) * 2 + 1), *p = s;

	for (; *choices; choices++)
		if (*choices == '|')
			p = stpcpy(p, ", ");
		else
			*p++ = *choices;
	*p = '\0';
	return s;
}

#define OPTION_COLUMN 29

static void print_option(FILE *out, const struct cli_option *o)
{
	char *head = o->alias ? xasprintf("%s, %s%s%s", o->alias, o->name, o->arg ? " " : "",
					  o->arg ? o->arg : "")
			      : xasprintf("    %s%s%s", o->name, o->arg ? " " : "",
					  o->arg ? o->arg : "");
	char *prefix = xasprintf("  %-*s ", OPTION_COLUMN - 3, head);

	if (strlen(prefix) > OPTION_COLUMN) {
		fprintf(out, "  %s\n", head);
		sprintf(prefix, "%*s", OPTION_COLUMN, "");
	}
	print_wrapped(out, prefix, _(o->help), OPTION_COLUMN);
	if (o->kind == CLI_VALUE_CHOICE) {
		char *list = choices_text(o->choices);
		/* TRANSLATORS: the values an option takes, "true, false". */
		char *line = xasprintf(_("One of: %s."), list);

		sprintf(prefix, "%*s", OPTION_COLUMN, "");
		print_wrapped(out, prefix, line, OPTION_COLUMN);
		free(line);
		free(list);
	}
	free(prefix);
	free(head);
}

/* `xmppgw COMMAND [SUB] --help`: every row the words name. */
static int help_command(const char *name, const char *sub)
{
	bool first = true;

	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];

		if (strcmp(c->name, name) != 0 || (sub && c->sub && strcmp(c->sub, sub) != 0))
			continue;
		if (!first)
			putchar('\n');
		first = false;
		print_synopsis(stdout, _("Usage: "), c);
		print_wrapped(stdout, "", _(c->summary), 0);
		printf("\n%s\n", _("Options:"));
		for (size_t j = 0; c->opts[j].name; j++)
			print_option(stdout, &c->opts[j]);
		print_wrapped(stdout, "  -h, --help                 ", _("show this help and exit"),
			      OPTION_COLUMN);
		print_wrapped(stdout, "      --                     ",
			      _("end the options: what follows are operands"), OPTION_COLUMN);
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_USAGE;
}

void cli_help_commands(FILE *out)
{
	for (size_t i = 0; i < cli_ncommands; i++) {
		print_synopsis(out, "  ", &cli_commands[i]);
		print_wrapped(out, "      ", _(cli_commands[i].summary), 6);
	}
}

void cli_help_synopses(FILE *out)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		print_synopsis(out, "  ", &cli_commands[i]);
}

void cli_help_all(FILE *out)
{
	fputs(_("Usage: xmppgw [FILE]\n"
		"       xmppgw COMMAND [OPTION...] [--] OPERAND...\n"
		"       xmppgw COMMAND --help\n"
		"       xmppgw --help | --version\n"
		"\n"
		"Without a command, the full-screen program on FILE (default ./xmppgw.yaml),\n"
		"offered for creation when missing. FILE is taken as a file when it exists,\n"
		"holds a '/' or ends in .yaml or .yml; any other word must be a command.\n"
		"\n"
		"Commands:\n"), out);
	cli_help_commands(out);
	fputs(_("\n"
		"FILE may be - (standard input) for the commands that only read it; -o -\n"
		"writes to standard output.\n"
		"Exit status: 0 done or valid, 1 problems found, 2 usage, I/O or unreadable\n"
		"input.\n"
		"See xmppgw(1) and xmppgw.yaml(5).\n"), out);
}

/* ---- reading the options ------------------------------------------------- */

enum { ARG_OK, ARG_HELP, ARG_BAD };

/* The option at *i of c: its index, moving *i past a separate value, and
 * *value set; -1 when unknown or its value is missing. */
static int match_option(const struct cli_command *c, int argc, char **argv, int *i,
			const char **value)
{
	const char *s = argv[*i];

	for (int k = 0; c->opts[k].name; k++) {
		const struct cli_option *o = &c->opts[k];
		const char *names[] = {o->name, o->alias};

		for (int n = 0; n < 2 && names[n]; n++) {
			size_t len = strlen(names[n]);

			if (strncmp(s, names[n], len) != 0)
				continue;
			if (!o->arg && s[len] == '\0')
				return *value = o->name, k;
			if (o->arg && s[len] == '=' && names[n][1] == '-')
				return *value = s + len + 1, k;
			/* -oOUT, as getopt takes it. */
			if (o->arg && s[len] && names[n][1] != '-')
				return *value = s + len, k;
			if (o->arg && s[len] == '\0' && *i + 1 < argc)
				return *value = argv[++*i], k;
		}
	}
	return -1;
}

static int bad_option(const struct cli_command *c, const char *s)
{
	char *shown = NULL;

	if (strncmp(s, "--passphrase", 12) == 0 || strncmp(s, "--pfx-passphrase", 16) == 0 ||
	    strncmp(s, "--password", 10) == 0)
		cli_error("%s", _("a passphrase or password is never taken on the command line, "
				  "where other users can read it; use --passphrase-fd N or "
				  "--pfx-passphrase-fd M"));
	else
		cli_error(_("unknown option or missing value: %s"), shown = diag_escape(s));
	free(shown);
	cli_usage(c->name, c->sub);
	return ARG_BAD;
}

/* An empty word ('' from an unset shell variable) names no file nor value:
 * said as such, rather than as "cannot open ''" or a save into the folder. */
static int empty_word(const struct cli_command *c, const char *option)
{
	if (option)
		cli_error(_("%s needs a file name, and the one given is empty."), option);
	else
		cli_error("%s", _("an operand is empty: an empty word names no file and no "
				  "value."));
	cli_usage(c->name, c->sub);
	return ARG_BAD;
}

/* argv[first..] into a: options anywhere before `--`, operands in order. */
static int read_args(const struct cli_command *c, int argc, char **argv, int first,
		     struct cli_args *a)
{
	bool options = true;

	for (int i = first; i < argc; i++) {
		const char *s = argv[i], *v;
		int k;

		if (options && strcmp(s, "--") == 0) {
			options = false;
		} else if (options && (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0)) {
			return ARG_HELP;
		} else if (options && s[0] == '-' && s[1]) {
			if ((k = match_option(c, argc, argv, &i, &v)) < 0)
				return bad_option(c, s);
			if (c->opts[k].kind == CLI_VALUE_FILE && !*v)
				return empty_word(c, c->opts[k].name);
			a->value[k] = v;
		} else if (!*s) {
			return empty_word(c, NULL);
		} else {
			a->operand[a->noperands++] = argv[i];
		}
	}
	return ARG_OK;
}

/* A command that writes FILE cannot write it back to standard input. */
static bool reads_only(const struct cli_args *a)
{
	int file = a->cmd->choices ? 1 : 0;
	char *name;

	if (!a->cmd->writes || a->noperands <= file || strcmp(a->operand[file], "-") != 0)
		return true;
	name = a->cmd->sub ? xasprintf("%s %s", a->cmd->name, a->cmd->sub)
			   : xstrdup(a->cmd->name);
	cli_error(_("xmppgw %s writes the deployment file: '-' (standard input) cannot stand "
		    "for it; name the file"), name);
	free(name);
	return false;
}

static int run_row(const struct cli_command *c, int argc, char **argv, int first)
{
	struct cli_args a = {.cmd = c};
	size_t nopts = 0;
	int rc;

	while (c->opts[nopts].name)
		nopts++;
	a.value = xcalloc(nopts + 1, sizeof *a.value);
	a.operand = xcalloc((size_t)argc + 1, sizeof *a.operand);
	rc = read_args(c, argc, argv, first, &a);
	if (rc == ARG_HELP)
		rc = help_command(c->name, c->sub);
	else if (rc == ARG_BAD)
		rc = CLI_USAGE;
	else
		rc = reads_only(&a) ? c->run(&a) : CLI_USAGE;
	free(a.operand);
	free(a.value);
	return rc;
}

/* ---- dispatch ------------------------------------------------------------ */

static int not_a_command(const char *typed, const char *of)
{
	const char *near = cli_suggest(typed, of);
	/* The word as typed, its control characters shown rather than sent
	 * to the terminal. */
	char *word = diag_escape(typed);

	if (near && of)
		cli_error(_("'%s' is not a %s command; did you mean '%s'?"), word, of, near);
	else if (near)
		cli_error(_("'%s' is not a command; did you mean '%s'?"), word, near);
	else if (of)
		cli_error(_("'%s' is not a %s command; see 'xmppgw %s --help'."), word, of, of);
	else
		cli_error(_("'%s' is not a command; see 'xmppgw --help'."), word);
	free(word);
	return CLI_USAGE;
}

int cli_dispatch(int argc, char **argv)
{
	const struct cli_command *c = cli_find(argv[1], NULL);
	const char *sub = argc > 2 ? argv[2] : "";

	if (!c)
		return not_a_command(argv[1], NULL);
	if (!c->sub)
		return run_row(c, argc, argv, 2);
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0)
		return help_command(c->name, NULL);
	if (!*sub)
		return cli_usage(c->name, NULL);
	c = cli_find(argv[1], sub);
	if (!c)
		return not_a_command(sub, argv[1]);
	return run_row(c, argc, argv, 3);
}

/* ---- the table for the tests --------------------------------------------- */

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

void cli_dump(FILE *out)
{
	static const char *const kinds[] = {"text", "file", "choice"};

	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];

		fprintf(out, "command\t%s\t%s\t%s\t%d\t%d\t%s\n", c->name, or_dash(c->sub),
			or_dash(c->choices), c->more_files, c->writes, c->synopsis);
		for (size_t j = 0; c->opts[j].name; j++) {
			const struct cli_option *o = &c->opts[j];

			fprintf(out, "option\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c->name,
				or_dash(c->sub), o->name, or_dash(o->alias), or_dash(o->arg),
				kinds[o->kind], or_dash(o->choices));
		}
	}
}
