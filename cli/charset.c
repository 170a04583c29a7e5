/* SPDX-License-Identifier: ISC */
/* The terminal's character set at the edge of the command line. Inside,
 * all text is UTF-8: the deployment's values, and the catalog's messages
 * (asked for in UTF-8, so the model's escaping of stray bytes leaves them
 * whole). On a locale whose set is neither UTF-8 nor the C locale's ASCII
 * (pt_BR.ISO-8859-1 on a Latin-1 PuTTY), standard output and standard
 * error become streams that convert each UTF-8 character to that set: "São
 * Paulo" and "válidas" read as such, and a character the set lacks is
 * written <U+XXXX>, so nothing is lost. Bytes that are no UTF-8 (a file
 * name in the locale's own set) go out as they are. */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <wchar.h>

#include "cli/cli.h"
#include "i18n.h"
#include "utf8.h"

struct conv {
	FILE *to;     /* the stream the converted bytes go to */
	char pend[4]; /* a UTF-8 sequence cut between two writes */
	size_t npend;
};

static struct conv out_conv, err_conv;
static FILE *raw_stdout;

/* The length a UTF-8 sequence starting with byte b announces (1: none). */
static size_t announced(unsigned char b)
{
	return b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 1;
}

static void put_char(FILE *to, unsigned cp)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t m;

	memset(&st, 0, sizeof st);
	m = wcrtomb(mb, (wchar_t)cp, &st);
	if (m == (size_t)-1)
		fprintf(to, "<U+%04X>", cp);
	else
		fwrite(mb, 1, m, to);
}

/* The bytes of s[0..len) that form whole characters; returns how many were
 * taken (a sequence cut at the end is left). */
static size_t convert(FILE *to, const char *s, size_t len, bool last)
{
	size_t i = 0;

	while (i < len) {
		size_t want = announced((unsigned char)s[i]), n;
		char seq[5] = {0};
		unsigned cp;

		if (want > 1 && len - i < want && !last)
			break;
		memcpy(seq, s + i, want <= len - i ? want : len - i);
		n = want > 1 ? utf8_decode(seq, &cp) : 0;
		if (n < 2) {
			fputc(s[i++], to);
			continue;
		}
		put_char(to, cp);
		i += n;
	}
	return i;
}

static ssize_t conv_write(void *cookie, const char *buf, size_t size)
{
	struct conv *c = cookie;
	size_t i = 0;

	/* Complete a sequence cut at the previous write first. */
	while (c->npend && i < size) {
		c->pend[c->npend++] = buf[i++];
		if (c->npend == announced((unsigned char)c->pend[0]) ||
		    ((unsigned char)buf[i - 1] & 0xC0) != 0x80) {
			convert(c->to, c->pend, c->npend, true);
			c->npend = 0;
		}
	}
	i += convert(c->to, buf + i, size - i, false);
	memcpy(c->pend, buf + i, size - i);
	c->npend = size - i;
	return fflush(c->to) == 0 ? (ssize_t)size : -1;
}

static int conv_close(void *cookie)
{
	struct conv *c = cookie;

	convert(c->to, c->pend, c->npend, true);
	c->npend = 0;
	return fflush(c->to);
}

static FILE *conv_open(struct conv *c, FILE *to, int mode)
{
	static const cookie_io_functions_t io = {.write = conv_write, .close = conv_close};
	FILE *f;

	c->to = to;
	f = fopencookie(c, "w", io);
	if (f)
		setvbuf(f, NULL, mode, BUFSIZ);
	return f ? f : to;
}

static bool local_charset(void)
{
	const char *cs = nl_langinfo(CODESET);

	return strcmp(cs, "UTF-8") != 0 && strcmp(cs, "ANSI_X3.4-1968") != 0;
}

void cli_charset_streams(bool out_too)
{
	static bool err_done, out_done;

	if (!raw_stdout)
		raw_stdout = stdout;
	if (!local_charset())
		return;
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	if (!err_done)
		stderr = conv_open(&err_conv, stderr, _IONBF);
	err_done = true;
	if (out_too && !out_done)
		stdout = conv_open(&out_conv, stdout, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	out_done = out_done || out_too;
}

FILE *cli_raw_stdout(void)
{
	if (raw_stdout && raw_stdout != stdout)
		fflush(stdout);
	return raw_stdout ? raw_stdout : stdout;
}
