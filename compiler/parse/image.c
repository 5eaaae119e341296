/*
 * Images (docs/format.md §9): a relative path inside the plan folder to a PNG or
 * JPEG file. Nothing is fetched; symbolic links may not lead outside.
 */
#include <limits.h>
#include <png.h>
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

/* Larger images are refused rather than decoded (memory stays bounded). */
#define MAX_PIXELS (64u * 1024 * 1024)

/*
 * Decodes a PNG completely with libpng's simplified API (which reports
 * errors instead of jumping out). The PDF back end hands the file to
 * libharu, whose libpng error handler aborts the process on a damaged
 * file: a file that passes here is one it can read.
 */
static const char *png_problem(const char *path)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path))
		return "PNG として読めません";
	if (!img.width || !img.height || (unsigned long long)img.width * img.height > MAX_PIXELS) {
		png_image_free(&img);
		return "画像が大きすぎます（6,400 万画素まで）";
	}
	img.format = PNG_FORMAT_RGBA;
	void *pixels = malloc(PNG_IMAGE_SIZE(img));
	int ok = pixels && png_image_finish_read(&img, NULL, pixels, 0, NULL);
	free(pixels);
	png_image_free(&img);
	return ok ? NULL : "PNG ファイルが壊れています";
}

/* A JPEG needs a start-of-frame marker with a size before its image data;
 * that is what the PDF back end reads from it. */
static const char *jpeg_problem(const unsigned char *b, size_t n)
{
	size_t i = 2;
	while (i + 4 <= n) {
		if (b[i] != 0xFF)
			return "JPEG ファイルが壊れています";
		unsigned m = b[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		size_t len = (size_t)b[i + 2] << 8 | b[i + 3];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (i + 9 > n || len < 8)
				return "JPEG ファイルが壊れています";
			unsigned h = (unsigned)b[i + 5] << 8 | b[i + 6],
			         w = (unsigned)b[i + 7] << 8 | b[i + 8];
			return w && h ? NULL : "JPEG の大きさが 0 です";
		}
		if (m == 0xDA || len < 2)
			break;
		i += 2 + len;
	}
	return "JPEG ファイルが壊れています";
}

/* NULL when the file is a readable PNG or JPEG, else what is wrong. */
static const char *image_problem(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return "読めません";
	size_t cap = 1 << 16;
	unsigned char *b = pc_xmalloc(cap);
	size_t n = fread(b, 1, cap, f);
	fclose(f);
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	const char *why = "PNG でも JPEG でもありません";
	if (n >= 8 && !memcmp(b, png_sig, 8))
		why = png_problem(path);
	else if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		why = jpeg_problem(b, n);
	free(b);
	return why;
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
	const char *why = image_problem(real_file);
	if (why) {
		pc_diag(p->diags, PC_E_IMAGE_FORMAT, pos.file, pos.line, pos.col, url, why);
		return;
	}
	img->u.link.path = rel;
}
