/*
 * Images (FORMAT.md §7): a relative path inside the plan folder to a PNG or
 * JPEG file. Nothing is fetched; symbolic links may not lead outside.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static bool has_scheme(const char *url)
{
	if (!strncmp(url, "//", 2))
		return true;
	const char *c = url;
	while ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
	       *c == '+' || *c == '-' || *c == '.')
		c++;
	return c > url && *c == ':';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX escapes (a Markdown editor may write them for spaces). */
static char *percent_decode(pc_arena *a, const char *s)
{
	char *out = pc_arena_alloc(a, strlen(s) + 1), *w = out;
	for (; *s; s++) {
		if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*w++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	return out;
}

/* Removes "." segments and resolves ".."; false when it climbs out. */
static bool normalize_relative(char *path)
{
	char *segs[PATH_MAX / 2];
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(path, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..")) {
			if (n == 0)
				return false;
			n--;
			continue;
		}
		if (n < sizeof segs / sizeof segs[0])
			segs[n++] = t;
	}
	char buf[PATH_MAX];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		size_t sl = strlen(segs[i]);
		if (len + sl + 2 >= sizeof buf)
			return false;
		if (i)
			buf[len++] = '/';
		memcpy(buf + len, segs[i], sl);
		len += sl;
	}
	buf[len] = '\0';
	memcpy(path, buf, len + 1);
	return len > 0;
}

static bool is_png_or_jpeg(const char *path)
{
	unsigned char m[8] = {0};
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t n = fread(m, 1, sizeof m, f);
	fclose(f);
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	return (n == 8 && !memcmp(m, png, 8)) || (n >= 3 && m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF);
}

void pc_image_check(pc_parser *p, pc_node *img)
{
	pc_doc *doc = p->doc;
	const char *url = img->u.link.url;
	pc_pos pos = img->pos;
	if (has_scheme(url)) {
		pc_diag(p->diags, PC_E_IMAGE_URL, pos.file, pos.line, pos.col, url);
		return;
	}
	if (url[0] == '/') {
		pc_diag(p->diags, PC_E_IMAGE_ABSOLUTE, pos.file, pos.line, pos.col, url);
		return;
	}
	char *rel = percent_decode(doc->arena, url);
	if (!normalize_relative(rel)) {
		pc_diag(p->diags, PC_E_IMAGE_OUTSIDE, pos.file, pos.line, pos.col, url);
		return;
	}
	char *full = pc_arena_printf(doc->arena, "%s/%s", doc->dir, rel);
	char real_dir[PATH_MAX], real_file[PATH_MAX];
	if (!realpath(full, real_file)) {
		pc_diag(p->diags, PC_E_IMAGE_MISSING, pos.file, pos.line, pos.col, url);
		return;
	}
	/* A symbolic link inside the folder may still point outside it. */
	if (!realpath(doc->dir, real_dir) || strncmp(real_file, real_dir, strlen(real_dir)) != 0 ||
	    real_file[strlen(real_dir)] != '/') {
		pc_diag(p->diags, PC_E_IMAGE_OUTSIDE, pos.file, pos.line, pos.col, url);
		return;
	}
	if (!is_png_or_jpeg(real_file)) {
		pc_diag(p->diags, PC_E_IMAGE_FORMAT, pos.file, pos.line, pos.col, url);
		return;
	}
	img->u.link.path = rel;
}
