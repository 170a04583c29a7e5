/* SPDX-License-Identifier: ISC */
/* The terminal: whether it can be used at all, raw modes, colours, and the
 * signals. A dropped SSH link (SIGHUP) or a SIGTERM must not lose what was
 * typed, and must not write to a terminal that is gone: the handler only
 * sets a flag; the key loop (which wakes at least every TERM_POLL_MS) has the
 * session write the draft (its signalled hook) and leaves with _exit,
 * restoring the tty modes by ioctl only. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "i18n.h"
#include "tui/term.h"
#include "xalloc.h"

volatile sig_atomic_t term_signal;

static struct tui *term_app;    /* for the exit and fatal hooks */
static struct termios term_saved;
static bool term_saved_ok;
static attr_t theme[TA_COUNT];

const char *term_unusable(void)
{
	const char *term = getenv("TERM");
	int err = 0;
	bool ok;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return _("standard input and output are not a terminal");
	if (!term || !*term)
		return _("TERM is not set");
	if (strcmp(term, "dumb") == 0)
		return _("TERM=dumb cannot move the cursor");
	if (setupterm(term, STDOUT_FILENO, &err) != OK || err != 1)
		return _("the terminal type in TERM is unknown here (no terminfo entry)");
	ok = cursor_address != NULL && cursor_address != (char *)-1;
	del_curterm(cur_term);
	return ok ? NULL : _("the terminal type in TERM cannot move the cursor");
}

static void on_signal(int sig)
{
	term_signal = sig;
}

static void catch(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns at once */
	sigaction(sig, &sa, NULL);
}

/* The process is going away without a terminal to talk to: put the tty
 * modes back (an ioctl, nothing written) in case the terminal is still
 * there (a SIGTERM from another shell). */
static void term_modes_back(void)
{
	if (term_saved_ok)
		tcsetattr(STDIN_FILENO, TCSANOW, &term_saved);
}

static void term_restore(void)
{
	if (term_app && term_app->curses_on && !term_signal) {
		term_app->curses_on = false;
		endwin();
	}
}

static void theme_init(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");

	t->colors = has_colors() && !(nc && *nc);
	theme[TA_NORMAL] = A_NORMAL;
	theme[TA_TITLE] = A_REVERSE;
	theme[TA_HEAD] = A_BOLD;
	theme[TA_FIELD] = A_UNDERLINE;
	theme[TA_FOCUS] = A_REVERSE;
	theme[TA_ERROR] = A_BOLD;
	theme[TA_WARN] = A_BOLD;
	theme[TA_DIM] = A_DIM;
	theme[TA_MARK] = A_BOLD;
	theme[TA_FRAME] = A_NORMAL;
	if (!t->colors)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_YELLOW, -1);
	theme[TA_TITLE] = COLOR_PAIR(1) | A_BOLD;
	theme[TA_ERROR] = COLOR_PAIR(2) | A_BOLD;
	theme[TA_WARN] = COLOR_PAIR(3) | A_BOLD;
}

attr_t tattr(enum tattr a)
{
	return theme[a];
}

void tattr_set(WINDOW *w, enum tattr a)
{
	wattrset(w, (int)theme[a]);
}

static void modes(void)
{
	struct termios tio;

	raw();
	noecho();
	nonl();
	/* Ctrl-O (VDISCARD) and Ctrl-V (VLNEXT) only reach us without IEXTEN. */
	if (tcgetattr(STDIN_FILENO, &tio) == 0 && (tio.c_lflag & IEXTEN)) {
		tio.c_lflag &= ~(tcflag_t)IEXTEN;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
}

int term_open(struct tui *t, const struct tui_hooks *hooks)
{
	t->hooks = hooks;
	term_saved_ok = tcgetattr(STDIN_FILENO, &term_saved) == 0;
	/* Before newterm, so curses leaves these signals to us. */
	catch(SIGHUP);
	catch(SIGTERM);
	catch(SIGINT);
	catch(SIGQUIT);
	signal(SIGPIPE, SIG_IGN);
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	t->screen = newterm(NULL, stdout, stdin);
	if (!t->screen)
		return -1;
	set_term(t->screen);
	term_app = t;
	t->curses_on = true;
	atexit(term_restore);
	xalloc_set_fatal_hook(term_restore);
	modes();
	theme_init(t);
	curs_set(1);
	t->keys = newwin(1, 1, 0, 0);
	keypad(t->keys, TRUE);
	keys_define_alternates();
	return 0;
}

void term_close(struct tui *t)
{
	if (t->keys)
		delwin(t->keys);
	t->keys = NULL;
	term_restore();
	if (t->screen)
		delscreen(t->screen);
	t->screen = NULL;
	term_app = NULL;
}

void term_check_signal(struct tui *t)
{
	int sig = term_signal;

	if (!sig)
		return;
	t->hooks->signalled(t, sig);
	if (sig == SIGINT || sig == SIGQUIT) {
		/* Sent from another shell: the terminal is still ours. */
		term_signal = 0;
		term_restore();
		term_signal = sig;
	}
	term_modes_back();
	_exit(128 + sig);
}

void term_suspend(void)
{
	struct sigaction dfl, old;

	def_prog_mode();
	endwin();
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);
	/* Here again after SIGCONT (fg). */
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
}

bool term_too_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS;
}
