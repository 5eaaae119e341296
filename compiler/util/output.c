/* Output transactions (temporary files renamed into place). */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
	char **made; /* folders this transaction created, to remove on failure */
	size_t nmade, capmade;
	bool failed;
	pthread_mutex_t lock; /* files, made and failed, written by several threads */
};

static _Thread_local pc_diags *thread_diags;

void pc_output_report_to(pc_diags *d)
{
	thread_diags = d;
}

static void remember_dir(pc_output *o, const char *path)
{
	if (o->nmade == o->capmade) {
		o->capmade = o->capmade ? o->capmade * 2 : 8;
		o->made = pc_xrealloc(o->made, o->capmade * sizeof *o->made);
	}
	o->made[o->nmade++] = pc_xstrdup(path);
}

/* Creates path and its missing parents, remembering each one made. */
static bool make_dirs(pc_output *o, const char *path)
{
	char *p = pc_xstrdup(path);
	bool ok = true;
	for (char *c = p + 1; ok; c++) {
		if (*c == '/' || *c == '\0') {
			char save = *c;
			*c = '\0';
			if (mkdir(p, 0777) == 0)
				remember_dir(o, p);
			else if (errno != EEXIST)
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
	snprintf(msg, sizeof msg, "%s: %s", what, pc_errno_text(errno));
	pc_diag(thread_diags ? thread_diags : o->diags, PC_E_OUTPUT, "", 0, 0, msg);
	pthread_mutex_lock(&o->lock);
	o->failed = true;
	pthread_mutex_unlock(&o->lock);
}

pc_output *pc_output_begin(const char *dir, pc_diags *d)
{
	pc_output *o = pc_xcalloc(1, sizeof *o);
	o->dir = pc_xstrdup(dir);
	o->diags = d;
	pthread_mutex_init(&o->lock, NULL);
	if (!make_dirs(o, dir))
		fail(o, dir);
	return o;
}

const char *pc_output_dir(const pc_output *o)
{
	return o->dir;
}

struct pc_output_file {
	pc_output *o;
	char *tmp, *final;
	int fd;
};

pc_output_file *pc_output_open(pc_output *o, const char *rel)
{
	pthread_mutex_lock(&o->lock);
	bool failed = o->failed;
	pthread_mutex_unlock(&o->lock);
	if (failed)
		return NULL;
	size_t n = strlen(o->dir) + strlen(rel) + 32;
	char *final = pc_xmalloc(n), *tmp = pc_xmalloc(n);
	snprintf(final, n, "%s/%s", o->dir, rel);
	char *slash = strrchr(final, '/');
	*slash = '\0';
	pthread_mutex_lock(&o->lock); /* make_dirs remembers what it made */
	bool dirs = make_dirs(o, final);
	pthread_mutex_unlock(&o->lock);
	*slash = '/';
	snprintf(tmp, n, "%s.tmp-XXXXXX", final);
	int fd = dirs ? mkstemp(tmp) : -1;
	if (fd < 0) {
		fail(o, final);
		free(final);
		free(tmp);
		return NULL;
	}
	pc_output_file *f = pc_xmalloc(sizeof *f);
	*f = (pc_output_file){o, tmp, final, fd};
	return f;
}

bool pc_output_append(pc_output_file *f, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(f->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			fail(f->o, f->final);
			return false;
		}
		p += w;
		len -= (size_t)w;
	}
	return true;
}

static void drop(pc_output_file *f)
{
	free(f->final);
	free(f->tmp);
	free(f);
}

void pc_output_cancel(pc_output_file *f)
{
	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	unlink(f->tmp);
	drop(f);
}

bool pc_output_close(pc_output_file *f)
{
	pc_output *o = f->o;
	fchmod(f->fd, 0644);
	int closed = close(f->fd);
	f->fd = -1;
	if (closed != 0) {
		fail(o, f->final);
		pc_output_cancel(f);
		return false;
	}
	pthread_mutex_lock(&o->lock);
	if (o->len == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->files = pc_xrealloc(o->files, o->cap * sizeof *o->files);
	}
	o->files[o->len++] = (pending){f->tmp, f->final};
	pthread_mutex_unlock(&o->lock);
	free(f);
	return true;
}

bool pc_output_write(pc_output *o, const char *rel, const void *data, size_t len)
{
	pc_output_file *f = pc_output_open(o, rel);
	if (!f)
		return false;
	if (!pc_output_append(f, data, len)) {
		pc_output_cancel(f);
		return false;
	}
	return pc_output_close(f);
}

/* Removes the folders the transaction made, deepest first; rmdir leaves
 * any that hold something. */
static void remove_made_dirs(pc_output *o)
{
	while (o->nmade)
		rmdir(o->made[--o->nmade]);
}

static void release(pc_output *o)
{
	for (size_t i = 0; i < o->nmade; i++)
		free(o->made[i]);
	free(o->made);
	for (size_t i = 0; i < o->len; i++) {
		free(o->files[i].tmp);
		free(o->files[i].final);
	}
	free(o->files);
	free(o->dir);
	pthread_mutex_destroy(&o->lock);
	free(o);
}

/* Moves an existing destination aside under a fresh name, so that it can
 * be put back. *backup is NULL when there was nothing to move. */
static bool move_aside(const char *final, char **backup)
{
	*backup = NULL;
	struct stat st;
	if (lstat(final, &st) != 0)
		return errno == ENOENT;
	size_t n = strlen(final) + 16;
	char *name = pc_xmalloc(n);
	snprintf(name, n, "%s.old-XXXXXX", final);
	int fd = mkstemp(name);
	if (fd < 0) {
		free(name);
		return false;
	}
	close(fd);
	/* rename() replaces the placeholder atomically; it fails (and the
	 * placeholder goes) when the destination is a folder. */
	if (rename(final, name) != 0) {
		int e = errno;
		unlink(name);
		free(name);
		errno = e;
		return false;
	}
	*backup = name;
	return true;
}

/* Puts the first n committed files back as they were before. */
static void roll_back(pending *files, char **backups, size_t n)
{
	while (n--) {
		if (backups[n])
			rename(backups[n], files[n].final);
		else
			unlink(files[n].final);
	}
}

/*
 * Two steps per file: the old file goes aside, the new one takes its
 * place. Should any step fail, every file already replaced is put back,
 * so the folder holds either the whole new build or the whole old one.
 */
bool pc_output_commit(pc_output *o)
{
	if (o->failed) {
		pc_output_abort(o);
		return false;
	}
	char **backups = pc_xcalloc(o->len ? o->len : 1, sizeof *backups);
	size_t done = 0;
	for (; done < o->len; done++) {
		pending *f = &o->files[done];
		if (!move_aside(f->final, &backups[done]))
			break;
		if (rename(f->tmp, f->final) != 0) {
			int e = errno;
			if (backups[done])
				rename(backups[done], f->final);
			free(backups[done]);
			backups[done] = NULL;
			errno = e;
			break;
		}
	}
	bool ok = done == o->len;
	if (!ok) {
		fail(o, o->files[done].final);
		roll_back(o->files, backups, done);
		for (size_t i = done; i < o->len; i++)
			unlink(o->files[i].tmp);
		remove_made_dirs(o);
	}
	for (size_t i = 0; i < done; i++) {
		if (ok && backups[i])
			unlink(backups[i]);
		free(backups[i]);
	}
	free(backups);
	release(o);
	return ok;
}

void pc_output_abort(pc_output *o)
{
	for (size_t i = 0; i < o->len; i++)
		unlink(o->files[i].tmp);
	remove_made_dirs(o);
	release(o);
}
