/* SPDX-License-Identifier: ISC */
/* Atomic replacement: content, modes, temporary files, and failures that
 * must leave the previous file exactly as it was. The failures are real:
 * a file size limit makes write(2) fail with EFBIG in a child process. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic.h"
#include "xalloc.h"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/xmppgw-atomic.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	umask(022);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static char *in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void put_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
}

/* The whole file, NUL-terminated. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = xmalloc(1 << 20);
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* How many entries the test folder holds: temporary files must not stay. */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

START_TEST(t_new_file)
{
	char *path = in_dir("new.yaml"), *err = NULL, *text;

	ck_assert_int_eq(atomic_write(path, "version: 1\n", 11, 0644, &err), 0);
	ck_assert_ptr_null(err);
	text = slurp(path);
	ck_assert_str_eq(text, "version: 1\n");
	ck_assert_uint_eq(mode_of(path), 0644);
	ck_assert_int_eq(entries(), 1);
	free(text);
	free(path);
}
END_TEST

START_TEST(t_new_file_umask)
{
	char *a = in_dir("a"), *b = in_dir("b"), *err = NULL;

	umask(027);
	ck_assert_int_eq(atomic_write(a, "x", 1, 0644, &err), 0);
	ck_assert_uint_eq(mode_of(a), 0640);
	/* 0600 or stricter is taken as is, whatever the umask. */
	umask(0277);
	ck_assert_int_eq(atomic_write(b, "x", 1, 0600, &err), 0);
	ck_assert_uint_eq(mode_of(b), 0600);
	umask(022);
	free(a);
	free(b);
}
END_TEST

START_TEST(t_replace_keeps_mode)
{
	char *path = in_dir("dep.yaml"), *err = NULL, *text;

	put_file(path, "a long old content that is longer than the new one\n", 0640);
	ck_assert_int_eq(atomic_write(path, "new\n", 4, 0644, &err), 0);
	text = slurp(path);
	ck_assert_str_eq(text, "new\n");
	ck_assert_uint_eq(mode_of(path), 0640);
	free(text);
	put_file(path, "old\n", 0600);
	ck_assert_int_eq(atomic_write(path, "newer\n", 6, 0644, &err), 0);
	ck_assert_uint_eq(mode_of(path), 0600);
	ck_assert_int_eq(entries(), 1);
	free(path);
}
END_TEST

START_TEST(t_bare_name)
{
	char *err = NULL, *text, *cwd = getcwd(NULL, 0);

	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(atomic_write("plain.yaml", "one\n", 4, 0644, &err), 0);
	ck_assert_int_eq(atomic_write("plain.yaml", "two\n", 4, 0644, &err), 0);
	text = slurp("plain.yaml");
	ck_assert_str_eq(text, "two\n");
	ck_assert_int_eq(entries(), 1);
	ck_assert_int_eq(chdir(cwd), 0);
	free(text);
	free(cwd);
}
END_TEST

START_TEST(t_missing_folder)
{
	char *path = in_dir("nowhere/dep.yaml"), *err = NULL;

	ck_assert_int_eq(atomic_write(path, "x", 1, 0644, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_ptr_nonnull(strstr(err, strerror(ENOENT)));
	ck_assert_int_eq(entries(), 0);
	free(err);
	free(path);
}
END_TEST

START_TEST(t_directory_refused)
{
	char *path = in_dir("sub"), *err = NULL;

	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(atomic_write(path, "x", 1, 0644, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, strerror(EISDIR)));
	free(err);
	err = NULL;
	ck_assert_int_eq(atomic_write("", "x", 1, 0644, &err), -1);
	free(err);
	free(path);
}
END_TEST

/* The link stays a link; the file it names gets the new bytes. */
START_TEST(t_symlink_followed)
{
	char *target = in_dir("real.yaml"), *link = in_dir("link.yaml"), *err = NULL, *text;
	struct stat st;

	put_file(target, "old\n", 0640);
	ck_assert_int_eq(symlink("real.yaml", link), 0);
	ck_assert_int_eq(atomic_write(link, "new\n", 4, 0644, &err), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	text = slurp(target);
	ck_assert_str_eq(text, "new\n");
	ck_assert_uint_eq(mode_of(target), 0640);
	ck_assert_int_eq(entries(), 2);
	free(text);
	free(target);
	free(link);
}
END_TEST

/* A name the program chose itself: the link is replaced, the file it
 * named stays as it was, and the old file's mode is not kept. */
START_TEST(t_nofollow_replaces_link)
{
	char *target = in_dir("real.yaml"), *link = in_dir("link.yaml"), *err = NULL, *text;
	struct stat st;

	put_file(target, "old\n", 0644);
	ck_assert_int_eq(symlink("real.yaml", link), 0);
	ck_assert_int_eq(atomic_write_nofollow(link, "new\n", 4, 0600, &err), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	text = slurp(target);
	ck_assert_str_eq(text, "old\n");
	free(text);
	text = slurp(link);
	ck_assert_str_eq(text, "new\n");
	free(text);
	put_file(target, "loose\n", 0644);
	ck_assert_int_eq(atomic_write_nofollow(target, "tight\n", 6, 0600, &err), 0);
	ck_assert_uint_eq(mode_of(target), 0600);
	ck_assert_int_eq(entries(), 2);
	free(target);
	free(link);
}
END_TEST

/* In a child limited to 4 KiB per file (SIGXFSZ ignored, so write(2)
 * returns EFBIG), replacing path with 64 KiB must fail; the exit status
 * says whether the error was reported as it should be. */
static int write_too_big(const char *path)
{
	struct rlimit rl = {4096, 4096};
	size_t len = 65536;
	char *buf = xmalloc(len), *err = NULL;
	int ok;

	memset(buf, 'n', len);
	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 3;
	if (atomic_write(path, buf, len, 0644, &err) != -1)
		return 1;
	ok = err && strstr(err, path) && strstr(err, strerror(EFBIG));
	free(err);
	free(buf);
	return ok ? 0 : 2;
}

START_TEST(t_failure_midway_keeps_old_file)
{
	char *path = in_dir("dep.yaml"), *before, *after;
	const char *old = "version: 1\n# the previous content, byte for byte\n";
	int status;
	pid_t pid;

	put_file(path, old, 0640);
	before = slurp(path);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(write_too_big(path));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	after = slurp(path);
	ck_assert_str_eq(after, before);
	ck_assert_str_eq(after, old);
	ck_assert_uint_eq(mode_of(path), 0640);
	ck_assert_int_eq(entries(), 1);
	free(before);
	free(after);
	free(path);
}
END_TEST

/* The same when there was no file yet: nothing appears. */
START_TEST(t_failure_midway_new_file)
{
	char *path = in_dir("dep.yaml");
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(write_too_big(path));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(entries(), 0);
	free(path);
}
END_TEST

START_TEST(t_empty_content)
{
	char *path = in_dir("empty"), *err = NULL, *text;

	put_file(path, "something\n", 0644);
	ck_assert_int_eq(atomic_write(path, "", 0, 0644, &err), 0);
	text = slurp(path);
	ck_assert_str_eq(text, "");
	free(text);
	free(path);
}
END_TEST

/* The rule for every output, in both writers: a link in a sticky
 * world-writable folder is refused, the file it names untouched. */
START_TEST(t_link_in_sticky_folder_refused)
{
	char *shared = in_dir("shared"), *target = in_dir("victim"), *link, *err = NULL, *text;

	put_file(target, "victim\n", 0644);
	ck_assert_int_eq(mkdir(shared, 0777), 0);
	ck_assert_int_eq(chmod(shared, 01777), 0);
	link = xasprintf("%s/out", shared);
	ck_assert_int_eq(symlink(target, link), 0);
	ck_assert_int_eq(atomic_write(link, "new\n", 4, 0644, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, link));
	ck_assert_ptr_nonnull(strstr(err, "sticky world-writable folder"));
	free(err);
	err = NULL;
	ck_assert_int_eq(atomic_write_nofollow(link, "new\n", 4, 0600, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "sticky world-writable folder"));
	free(err);
	text = slurp(target);
	ck_assert_str_eq(text, "victim\n");
	free(text);
	ck_assert_int_eq(unlink(link), 0);
	ck_assert_int_eq(rmdir(shared), 0);
	free(link);
	free(target);
	free(shared);
}
END_TEST

/* Another user's link (root can give one away) is refused even outside
 * a shared folder; ours is not. */
START_TEST(t_foreign_link_refused)
{
	char *target = in_dir("victim"), *link = in_dir("link"), *err = NULL, *text;

	if (geteuid() != 0)
		return;
	put_file(target, "victim\n", 0644);
	ck_assert_int_eq(symlink("victim", link), 0);
	ck_assert_int_eq(atomic_link_refused(link, &err), 0);
	ck_assert_int_eq(lchown(link, 65534, 65534), 0);
	ck_assert_int_eq(atomic_link_refused(link, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "owned by another user"));
	free(err);
	err = NULL;
	ck_assert_int_eq(atomic_write_nofollow(link, "new\n", 4, 0600, &err), -1);
	free(err);
	text = slurp(target);
	ck_assert_str_eq(text, "victim\n");
	free(text);
	free(target);
	free(link);
}
END_TEST

static Suite *atomic_suite(void)
{
	Suite *s = suite_create("atomic");
	TCase *tc = tcase_create("write");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, t_new_file);
	tcase_add_test(tc, t_new_file_umask);
	tcase_add_test(tc, t_replace_keeps_mode);
	tcase_add_test(tc, t_bare_name);
	tcase_add_test(tc, t_missing_folder);
	tcase_add_test(tc, t_directory_refused);
	tcase_add_test(tc, t_symlink_followed);
	tcase_add_test(tc, t_nofollow_replaces_link);
	tcase_add_test(tc, t_failure_midway_keeps_old_file);
	tcase_add_test(tc, t_failure_midway_new_file);
	tcase_add_test(tc, t_empty_content);
	tcase_add_test(tc, t_link_in_sticky_folder_refused);
	tcase_add_test(tc, t_foreign_link_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(atomic_suite());
	int failures;

	srunner_run_all(sr, CK_ENV);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures != 0;
}
