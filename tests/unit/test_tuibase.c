/* SPDX-License-Identifier: ISC */
/* The tui base library alone: this program links libxgtuibase.a, the few
 * model objects it uses (xalloc, strlist, utf8) and ncurses, and nothing of
 * the session, the screens or the wizards. curses runs on a pipe for its
 * keys and /dev/null for its output; what the base cannot decide reaches
 * the hooks given to term_open. */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strlist.h"
#include "tui/canvas.h"
#include "tui/term.h"
#include "wizards/wizard.h"

/* What the hooks saw. */
static struct {
	int report_fd; /* signalled writes the signal number here */
	int saves, quits, helps;
	bool quit_answer;
	char help_title[64], help_text[64];
} seen;

static void h_signalled(struct tui *t, int sig)
{
	(void)t;
	if (write(seen.report_fd, &sig, sizeof sig) != (ssize_t)sizeof sig)
		_exit(3);
}

static void h_save(struct tui *t)
{
	seen.saves++;
	tui_set_status(t, false, "Saved %s", t->file);
}

static bool h_quit(struct tui *t)
{
	(void)t;
	seen.quits++;
	return seen.quit_answer;
}

static void h_help(struct tui *t, const struct wpage *page)
{
	(void)t;
	seen.helps++;
	snprintf(seen.help_title, sizeof seen.help_title, "%s", page->title);
	snprintf(seen.help_text, sizeof seen.help_text, "%s", page->help);
}

static const struct tui_hooks hooks = {
	.signalled = h_signalled, .save = h_save, .quit = h_quit, .help = h_help,
};

/* Opens the screen with keys read from a pipe (returns its write end) and
 * the output thrown away, as a terminal of 80x24. */
static int open_on_pipe(struct tui *t)
{
	int p[2], null = open("/dev/null", O_WRONLY);

	ck_assert_int_ge(null, 0);
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(dup2(p[0], STDIN_FILENO), STDIN_FILENO);
	ck_assert_int_eq(dup2(null, STDOUT_FILENO), STDOUT_FILENO);
	close(p[0]);
	close(null);
	setenv("TERM", "xterm", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	memset(t, 0, sizeof *t);
	t->file = "/srv/edge/contoso.yaml";
	ck_assert_int_eq(term_open(t, &hooks), 0);
	ck_assert_ptr_eq(t->hooks, &hooks);
	return p[1];
}

static void type(int fd, const char *keys)
{
	ck_assert_int_eq(write(fd, keys, strlen(keys)), (ssize_t)strlen(keys));
}

static void paint(struct tcanvas *cv, WINDOW *w, void *arg)
{
	(*(int *)arg)++;
	werase(w);
	tcanvas_frame(cv, w, "the hint", false, false);
}

START_TEST(t_canvas_keys)
{
	struct tui t;
	int fd = open_on_pipe(&t), painted = 0;
	static const struct wpage page = {.id = "list", .title = "List title", .help = "List help"};
	struct tcanvas *cv = tcanvas_open(&t, &page, paint, &painted);
	struct tkey k;

	ck_assert_int_eq(painted, 1);
	type(fd, "\x0f"); /* Ctrl-O */
	k = tcanvas_key(cv, -1);
	ck_assert_int_eq(k.act, TK_NONE);
	ck_assert_int_eq(seen.saves, 1);
	ck_assert_str_eq(t.status, "Saved /srv/edge/contoso.yaml");
	ck_assert_int_eq(painted, 2);

	type(fd, "\x07"); /* Ctrl-G: any key clears the status first */
	k = tcanvas_key(cv, -1);
	ck_assert_int_eq(k.act, TK_NONE);
	ck_assert_ptr_null(t.status);
	ck_assert_int_eq(seen.helps, 1);
	ck_assert_str_eq(seen.help_title, "List title");
	ck_assert_str_eq(seen.help_text, "List help");

	type(fd, "\x18"); /* Ctrl-X, the user stays */
	ck_assert_int_eq(tcanvas_key(cv, -1).act, TK_NONE);
	seen.quit_answer = true;
	type(fd, "\x18"); /* Ctrl-X, the user leaves */
	ck_assert_int_eq(tcanvas_key(cv, -1).act, TK_QUIT);
	ck_assert_int_eq(seen.quits, 2);

	type(fd, "a");
	k = tcanvas_key(cv, -1);
	ck_assert_int_eq(k.act, TK_CHAR);
	ck_assert_int_eq(k.ch, L'a');
	ck_assert_int_eq(seen.saves, 1);
	ck_assert_int_eq(tcanvas_key(cv, 0).act, TK_NONE); /* nothing typed */

	tcanvas_close(cv);
	term_close(&t);
	close(fd);
}
END_TEST

/* SIGHUP or SIGTERM: the key loop hands the signal to the session's hook
 * and the program ends with 128 + the signal. */
static const int signals[] = {SIGHUP, SIGTERM, SIGINT, SIGQUIT};

START_TEST(t_signal_hook)
{
	int report[2], got = 0, status = 0;
	pid_t pid;

	ck_assert_int_eq(pipe(report), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct tui t;

		close(report[0]);
		seen.report_fd = report[1];
		open_on_pipe(&t);
		raise(signals[_i]);
		tui_getkey(&t, -1);
		_exit(0); /* not reached: the signal ends the key loop */
	}
	close(report[1]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status), "the program ended by %s, not by _exit",
		      WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "?");
	ck_assert_int_eq(WEXITSTATUS(status), 128 + signals[_i]);
	ck_assert_int_eq(read(report[0], &got, sizeof got), (ssize_t)sizeof got);
	ck_assert_int_eq(got, signals[_i]);
	close(report[0]);
}
END_TEST

START_TEST(t_title_bar)
{
	struct tui t;
	int fd = open_on_pipe(&t);
	WINDOW *w = newwin(1, COLS, 0, 0);
	char row[128] = "";

	tui_title_bar(&t, w, "XMPP federated partners");
	ck_assert_int_gt(mvwinnstr(w, 0, 0, row, COLS), 0);
	ck_assert_ptr_nonnull(strstr(row, " XMPP federated partners "));
	/* The file's name alone, at the right edge with one space after it. */
	ck_assert_ptr_null(strstr(row, "/srv/edge"));
	ck_assert_str_eq(row + COLS - (int)strlen("contoso.yaml "), "contoso.yaml ");
	delwin(w);
	term_close(&t);
	close(fd);
}
END_TEST

START_TEST(t_wrap)
{
	struct strlist out = {0};

	tui_wrap("one two three", 7, &out);
	ck_assert_uint_eq(out.n, 2);
	ck_assert_str_eq(out.v[0], "one two");
	ck_assert_str_eq(out.v[1], "three");
	tui_wrap("a\nb c", 3, &out);
	ck_assert_uint_eq(out.n, 2);
	ck_assert_str_eq(out.v[0], "a");
	ck_assert_str_eq(out.v[1], "b c");
	/* Cells, not bytes: "São Paulo" is 9 cells in 10 bytes. */
	tui_wrap("São Paulo", 9, &out);
	ck_assert_uint_eq(out.n, 1);
	ck_assert_int_eq(tui_width("São Paulo"), 9);
	strlist_free(&out);
}
END_TEST

static Suite *tuibase_suite(void)
{
	Suite *s = suite_create("tuibase");
	TCase *tc = tcase_create("base");

	tcase_add_test(tc, t_canvas_keys);
	tcase_add_loop_test(tc, t_signal_hook, 0, (int)(sizeof signals / sizeof *signals));
	tcase_add_test(tc, t_title_bar);
	tcase_add_test(tc, t_wrap);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tuibase_suite());
	int failures;

	/* Each test opens curses on its own stdin and stdout. */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
