/* Test helpers (see support.h). */
#include "support.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/unicode.h"

char *tmp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char *t = malloc(4096);
	snprintf(t, 4096, "%s/plancc-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(t)) {
		perror("mkdtemp");
		abort();
	}
	return t;
}

static void make_parents(char *path)
{
	for (char *c = path + 1; *c; c++)
		if (*c == '/') {
			*c = '\0';
			mkdir(path, 0777);
			*c = '/';
		}
}

void write_bytes(const char *dir, const char *name, const void *data, size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	make_parents(path);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		abort();
	}
	fwrite(data, 1, len, f);
	fclose(f);
}

void write_file(const char *dir, const char *name, const char *text)
{
	write_bytes(dir, name, text, strlen(text));
}

char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

char *read_fd(int fd)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (cap - n < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	return buf;
}

run_result run_plancc(const char *cwd, const char *const *argv)
{
	run_result res = {0};
	/* stdout and stderr go to temporary files, read after the child
	 * ends: no pipe can fill up and block it. */
	char outp[] = "/tmp/plancc-out-XXXXXX", errp[] = "/tmp/plancc-err-XXXXXX";
	int outfd = mkstemp(outp), errfd = mkstemp(errp);
	pid_t pid = fork();
	if (pid == 0) {
		if (cwd && chdir(cwd) != 0)
			_exit(127);
		dup2(outfd, 1);
		dup2(errfd, 2);
		int argc = 0;
		while (argv[argc])
			argc++;
		char **args = calloc((size_t)argc + 2, sizeof *args);
		args[0] = (char *)PLANCC_BIN;
		for (int i = 0; i < argc; i++)
			args[i + 1] = (char *)argv[i];
		execv(PLANCC_BIN, args);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	res.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	lseek(outfd, 0, SEEK_SET);
	lseek(errfd, 0, SEEK_SET);
	res.out = read_fd(outfd);
	res.err = read_fd(errfd);
	close(outfd);
	close(errfd);
	unlink(outp);
	unlink(errp);
	return res;
}

void run_free(run_result *r)
{
	free(r->out);
	free(r->err);
}

void remove_tree(const char *dir)
{
	pid_t pid = fork();
	if (pid == 0) {
		execlp("rm", "rm", "-rf", dir, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

bool has_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);
	for (const char *l = text; l && *l;) {
		if (!strncmp(l, prefix, n))
			return true;
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	return false;
}

int count_lines(const char *text, const char *needle)
{
	int count = 0;
	for (const char *l = text; l && *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		const char *hit = strstr(l, needle);
		if (hit && hit < l + len)
			count++;
		l = e ? e + 1 : NULL;
	}
	return count;
}

run_result plancc(const char *arg, ...)
{
	const char *argv[16];
	int n = 0;
	va_list ap;
	va_start(ap, arg);
	for (const char *a = arg; a && n < 15; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return run_plancc(NULL, argv);
}

pc_doc *compile_plan(const char *first, const char *second, char **dir, pc_diags *d)
{
	*dir = tmp_dir();
	write_file(*dir, "00.md", first);
	if (second)
		write_file(*dir, "01.md", second);
	pc_diags_init(d, false);
	pc_options opt = {0};
	return pc_compile(*dir, &opt, d);
}

void compile_done(pc_doc *doc, char *dir, pc_diags *d)
{
	pc_doc_free(doc);
	pc_diags_free(d);
	remove_tree(dir);
	free(dir);
}

pc_doc *compile_text(const char *md, pc_diags *d)
{
	pc_diags_init(d, false);
	return pc_compile_memory(".", "00.md", md, strlen(md), NULL, d);
}

void compile_text_done(pc_doc *doc, pc_diags *d)
{
	pc_doc_free(doc);
	pc_diags_free(d);
	pc_unicode_cleanup();
}

char *capture(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	if (!p) {
		if (status)
			*status = 128;
		return strdup("");
	}
	char *out = read_fd(fileno(p));
	int st = pclose(p);
	if (status)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
	return out;
}

double seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int count_in(const char *s, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);
	for (const char *p = s; len && (p = strstr(p, needle)); p += len)
		n++;
	return n;
}
