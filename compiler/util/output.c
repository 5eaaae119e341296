/* Output transactions (temporary files renamed into place). */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

typedef struct pending {
	char *tmp, *final;
} pending;

struct pc_output {
	char *dir;
	pc_diags *diags;
	pending *files;
	size_t len, cap;
	bool failed;
};

static bool make_dirs(const char *path)
{
	char *p = pc_xstrdup(path);
	bool ok = true;
	for (char *c = p + 1; ok; c++) {
		if (*c == '/' || *c == '\0') {
			char save = *c;
			*c = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				ok = false;
			*c = save;
			if (!save)
				break;
		}
	}
	free(p);
	return ok;
}

static void fail(pc_output *o, const char *what)
{
	char msg[1024];
	snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
	pc_diag(o->diags, PC_E_OUTPUT, "", 0, 0, msg);
	o->failed = true;
}

pc_output *pc_output_begin(const char *dir, pc_diags *d)
{
	pc_output *o = pc_xcalloc(1, sizeof *o);
	o->dir = pc_xstrdup(dir);
	o->diags = d;
	if (!make_dirs(dir))
		fail(o, dir);
	return o;
}

const char *pc_output_dir(const pc_output *o)
{
	return o->dir;
}

bool pc_output_write(pc_output *o, const char *rel, const void *data, size_t len)
{
	if (o->failed)
		return false;
	size_t n = strlen(o->dir) + strlen(rel) + 32;
	char *final = pc_xmalloc(n), *tmp = pc_xmalloc(n);
	snprintf(final, n, "%s/%s", o->dir, rel);
	char *slash = strrchr(final, '/');
	*slash = '\0';
	bool dirs = make_dirs(final);
	*slash = '/';
	snprintf(tmp, n, "%s.tmp-XXXXXX", final);
	int fd = dirs ? mkstemp(tmp) : -1;
	if (fd < 0) {
		fail(o, final);
		free(final);
		free(tmp);
		return false;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			fail(o, final);
			close(fd);
			unlink(tmp);
			free(final);
			free(tmp);
			return false;
		}
		p += w;
		left -= (size_t)w;
	}
	fchmod(fd, 0644);
	if (close(fd) != 0) {
		fail(o, final);
		unlink(tmp);
		free(final);
		free(tmp);
		return false;
	}
	if (o->len == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->files = pc_xrealloc(o->files, o->cap * sizeof *o->files);
	}
	o->files[o->len++] = (pending){tmp, final};
	return true;
}

static void release(pc_output *o)
{
	for (size_t i = 0; i < o->len; i++) {
		free(o->files[i].tmp);
		free(o->files[i].final);
	}
	free(o->files);
	free(o->dir);
	free(o);
}

bool pc_output_commit(pc_output *o)
{
	if (o->failed) {
		pc_output_abort(o);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < o->len; i++) {
		if (rename(o->files[i].tmp, o->files[i].final) != 0) {
			fail(o, o->files[i].final);
			unlink(o->files[i].tmp);
			ok = false;
		}
	}
	release(o);
	return ok;
}

void pc_output_abort(pc_output *o)
{
	for (size_t i = 0; i < o->len; i++)
		unlink(o->files[i].tmp);
	release(o);
}
