/*
 * Load: read the plan folder's chapter files in byte order of their names,
 * check that each is readable UTF-8 without NUL bytes, normalise line ends
 * and take the front matter off the first file (docs/format.md §2, §12).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../plancc.h"
#include "../util/utf8.h"
#include "load.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_chapter_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* Lists the chapter files (regular files named *.md, not hidden), sorted. */
static char **list_chapters(pc_doc *doc, pc_diags *d, size_t *count)
{
	*count = 0;
	DIR *dir = opendir(doc->dir);
	if (!dir) {
		pc_diag(d, PC_E_DIR_OPEN, doc->dir, 0, 0, pc_errno_text(errno));
		return NULL;
	}
	pc_vec names = {0};
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!is_chapter_name(e->d_name))
			continue;
		char *path = pc_arena_printf(doc->arena, "%s/%s", doc->dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
			continue; /* a folder named x.md is not a chapter */
		pc_vec_push(doc->arena, &names, pc_arena_strdup(doc->arena, e->d_name));
	}
	closedir(dir);
	if (names.len)
		qsort(names.items, names.len, sizeof(char *), cmp_names);
	*count = names.len;
	return (char **)names.items;
}

/* Reads a whole file; NULL with errno set on failure. */
static char *read_file(pc_doc *doc, const char *path, size_t *len, pc_diags *d, const char *name)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return NULL;
	}
	if ((size_t)st.st_size > PC_MAX_FILE_BYTES) {
		pc_diag(d, PC_E_FILE_TOO_BIG, name, 0, 0, (size_t)st.st_size, PC_MAX_FILE_BYTES);
		fclose(f);
		errno = 0;
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = pc_arena_alloc(doc->arena, cap);
	size_t got;
	while (n < cap - 1 && (got = fread(buf + n, 1, cap - 1 - n, f)) > 0)
		n += got;
	int err = ferror(f);
	fclose(f);
	if (err) {
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* CRLF and lone CR become LF, in place; a leading BOM is dropped. */
static size_t normalize_newlines(char *s, size_t len)
{
	size_t r = 0, w = 0;
	if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
	    (unsigned char)s[2] == 0xBF)
		r = 3;
	for (; r < len; r++) {
		if (s[r] == '\r') {
			s[w++] = '\n';
			if (r + 1 < len && s[r + 1] == '\n')
				r++;
		} else {
			s[w++] = s[r];
		}
	}
	s[w] = '\0';
	return w;
}

static void index_lines(pc_doc *doc, pc_source *src)
{
	size_t n = 1;
	for (size_t i = 0; i < src->len; i++)
		if (src->text[i] == '\n')
			n++;
	size_t *lines = pc_arena_alloc(doc->arena, n * sizeof *lines);
	size_t k = 0;
	lines[k++] = 0;
	for (size_t i = 0; i < src->len; i++)
		if (src->text[i] == '\n' && k < n)
			lines[k++] = i + 1;
	src->lines = lines;
	src->nlines = n;
}

/* Line (1-based) and character column of a byte offset. */
static void locate(const pc_source *src, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*col = (unsigned)pc_utf8_count(src->text + src->lines[lo], off - src->lines[lo]) + 1;
}

unsigned pc_source_col(const pc_source *src, unsigned line, unsigned byte_col)
{
	if (!src || line == 0 || line > src->nlines || byte_col == 0)
		return byte_col;
	size_t start = src->lines[line - 1];
	size_t end = line < src->nlines ? src->lines[line] : src->len;
	size_t off = byte_col - 1;
	if (off > end - start)
		off = end - start;
	return (unsigned)pc_utf8_count(src->text + start, off) + 1;
}

const pc_source *pc_doc_source(const pc_doc *doc, const char *name)
{
	for (size_t i = 0; i < doc->nsources; i++)
		if (strcmp(doc->sources[i].name, name) == 0)
			return &doc->sources[i];
	return NULL;
}

/* Reports the first invalid byte and the first NUL; true when clean. */
static bool check_bytes(const pc_source *src, const char *raw, size_t rawlen, pc_diags *d)
{
	bool ok = true;
	size_t bad = pc_utf8_validate(raw, rawlen);
	const char *nul = memchr(raw, '\0', rawlen);
	/* Locations are computed on the normalised text, which has the same
	 * bytes up to the first CR; recompute lines for a raw offset. */
	pc_source tmp = *src;
	if (bad < rawlen) {
		unsigned line, col;
		locate(&tmp, bad, &line, &col);
		pc_diag(d, PC_E_UTF8, src->name, line, col, (unsigned char)raw[bad]);
		ok = false;
	}
	if (nul) {
		unsigned line, col;
		locate(&tmp, (size_t)(nul - raw), &line, &col);
		pc_diag(d, PC_E_NUL, src->name, line, col);
		ok = false;
	}
	return ok;
}

/* Makes text (len bytes, writable, one spare byte) the source's text. */
/* A line over PC_MAX_LINE_BYTES is an error: cmark and the PDF's line
 * breaker would take hundreds of megabytes for it, and no author writes
 * such a paragraph on purpose (it is usually pasted data). */
static bool check_line_lengths(const pc_source *src, pc_diags *d)
{
	for (size_t k = 0; k < src->nlines; k++) {
		size_t end = k + 1 < src->nlines ? src->lines[k + 1] - 1 : src->len;
		size_t n = end - src->lines[k];
		if (n > PC_MAX_LINE_BYTES) {
			pc_diag(d, PC_E_LINE_TOO_LONG, src->name, (unsigned)(k + 1), 1, n,
			        PC_MAX_LINE_BYTES);
			return false;
		}
	}
	return true;
}

static void take_text(pc_doc *doc, pc_source *src, char *text, size_t len, pc_diags *d)
{
	/* Normalise first so that line numbers of byte errors match what an
	 * editor shows; NUL and invalid bytes survive normalisation. */
	len = normalize_newlines(text, len);
	src->text = text;
	src->len = len;
	index_lines(doc, src);
	src->ok = check_bytes(src, text, len, d) && check_line_lengths(src, d);
	if (!src->ok)
		return;
	/* Characters pasted from PDFs and Word become the ones meant before
	 * anything reads the text; lines keep their numbers. */
	size_t clean = pc_replace_pasted(doc->arena, src->name, text, len, d);
	if (clean != len) {
		src->len = clean;
		index_lines(doc, src);
	}
}

/* True when path, with its symbolic links followed, is inside the plan
 * folder; otherwise records an error. A chapter linked from elsewhere
 * would publish a file the author never meant to be part of the plan. */
static bool inside_plan(const pc_doc *doc, const pc_source *src, const char *path, pc_diags *d)
{
	char real_dir[PATH_MAX], real_file[PATH_MAX];
	if (!realpath(path, real_file) || !realpath(doc->dir, real_dir))
		return true; /* reading it reports the error */
	size_t n = strlen(real_dir);
	if (!strncmp(real_file, real_dir, n) && (real_file[n] == '/' || !strcmp(real_dir, "/")))
		return true;
	pc_diag(d, PC_E_CHAPTER_OUTSIDE, src->name, 0, 0, real_file);
	return false;
}

static void load_one(pc_doc *doc, pc_source *src, pc_diags *d)
{
	char *path = pc_arena_printf(doc->arena, "%s/%s", doc->dir, src->name);
	size_t len = 0;
	if (!inside_plan(doc, src, path, d)) {
		src->text = "";
		return;
	}
	errno = 0;
	char *text = read_file(doc, path, &len, d, src->name);
	if (!text) {
		if (errno)
			pc_diag(d, PC_E_READ, src->name, 0, 0, pc_errno_text(errno));
		src->text = "";
		return;
	}
	take_text(doc, src, text, len, d);
}

void pc_load_memory(pc_doc *doc, const char *name, const char *data, size_t len, pc_diags *d)
{
	pc_source *sources = pc_arena_alloc(doc->arena, (doc->nsources + 1) * sizeof *sources);
	if (doc->nsources)
		memcpy(sources, doc->sources, doc->nsources * sizeof *sources);
	pc_source *src = &sources[doc->nsources];
	doc->sources = sources;
	doc->nsources++;
	src->name = pc_arena_strdup(doc->arena, name);
	if (len > PC_MAX_FILE_BYTES) {
		pc_diag(d, PC_E_FILE_TOO_BIG, src->name, 0, 0, len, PC_MAX_FILE_BYTES);
		src->text = "";
		return;
	}
	char *text = pc_arena_alloc(doc->arena, len + 1);
	memcpy(text, data, len);
	take_text(doc, src, text, len, d);
}

void pc_load(pc_doc *doc, pc_diags *d)
{
	size_t n;
	char **names = list_chapters(doc, d, &n);
	if (!names && d->errors)
		return;
	if (n == 0) {
		pc_diag(d, PC_E_NO_FILES, doc->dir, 0, 0);
		return;
	}
	doc->sources = pc_arena_alloc(doc->arena, n * sizeof *doc->sources);
	doc->nsources = n;
	for (size_t i = 0; i < n; i++) {
		doc->sources[i].name = names[i];
		load_one(doc, &doc->sources[i], d);
	}
}
