/*
 * The PDF drawing device over libharu 2.3.0 (see device.h).
 *
 * libharu builds the document: pages and their resources, fonts, images,
 * annotations, destinations, the outline and the cross-reference table.
 * The content of each page, though, is written here as raw PDF operators
 * into a buffer of the device (the operators and numbers libharu's page
 * functions would write, so pages look exactly as they did), handed to the
 * compression worker when the page is done, and given to libharu as
 * finished zlib data when the document is saved: libharu compresses
 * nothing itself. Text uses Identity-H codes (= BMP code points) and every
 * drawn glyph was measured first, so libharu embeds its outline. What this
 * relies on in libharu's internals is in haru.c.
 */
#include "device.h"

#include <hpdf.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/arena.h"
#include "../../util/utf8.h"
#include "fontprog.h"
#include "haru.h"
#include "harumem.h"
#include "tags.h"
#include "zworker.h"

/*
 * libdeflate levels, chosen by measurement (bench/README.md). Everything is
 * compressed on the worker: page content while the next pages are drawn
 * (level 1: twice the speed of 6 for 11 % more bytes on the bulk of the
 * work); font programs, the fonts' maps and images from when the pages
 * are made (the layout is final then), at level 5 (as small as 6 for
 * these, and faster).
 */
#define PAGE_LEVEL 1
#define FONT_LEVEL 5
#define DATA_LEVEL 5

#define WIDTH_UNKNOWN INT16_MIN

/* One of libharu's streams, compressed on the worker; libharu reads body
 * when saving. */
typedef struct stream_job {
	pc_zjob job;
	pc_haru_body body;
} stream_job;

typedef struct face {
	const char *path;
	HPDF_Font font;  /* NULL until first needed */
	int16_t *widths; /* 65536 entries; WIDTH_UNKNOWN, -1 missing, else width */
	/* the embedded program, built on the worker for the glyphs used when
	 * it was given (a copy of libharu's marks) */
	stream_job prog;
	uint8_t *used;
	size_t nused;
	size_t prog_len; /* uncompressed; 0 when the file could not be read */
	bool prog_given;
	struct stream_job *maps[2]; /* its /CIDToGIDMap and /ToUnicode streams */
} face;

typedef struct image {
	char *path;
	HPDF_Image img; /* NULL when it failed to load */
	float w, h;
	bool kept_rgb; /* a print device could not convert it */
} image;

/* A page's content once drawn: compressed on the worker, then read by
 * libharu from body when the document is saved. */
typedef struct page_out {
	pc_zjob job;
	size_t raw_len; /* what was given, to take the page back */
	bool given;
	pc_haru_body body;
} page_out;

/* A place linked to: links write it into themselves; an outline entry
 * needs libharu's destination object, made the first time one asks. */
typedef struct place_to {
	int page; /* -1: none (a page never made, or the print edition) */
	float top;
	HPDF_Destination obj;
} place_to;

struct pc_dev {
	HPDF_Doc pdf;
	HPDF_STATUS err, err_detail;
	char errtext[128];
	face faces[PC_FONT_ROLES];
	int nfaces;
	int role_face[PC_FONT_ROLES]; /* -1 until asked */
	const pc_fontmap *map;
	image *images;
	size_t nimages, capimages;
	HPDF_Page *pages;
	page_out *out; /* one per page */
	int npages;
	place_to *dests;
	size_t ndests, capdests;
	HPDF_Outline *outlines;
	size_t noutlines, capoutlines;
	HPDF_ExtGState multiply; /* created on first use */
	pc_zworker *zw;          /* started with the pages */
	/* libharu's other streams (fonts' maps, images) */
	stream_job **streams;
	size_t nstreams, capstreams;
	/* the current page: its index, content so far and drawing state */
	HPDF_Page page;
	int cur;
	uint8_t *buf;
	size_t len, cap;
	bool in_text;
	int cur_face;
	float cur_size, cur_gap, cur_lw;
	uint32_t cur_fill, cur_stroke;
	int cur_dash; /* -1 unknown, 0 solid, 1 dotted */
	/* a print device (pc_dev_set_print): its colour conversion and page */
	pc_dev_cmyk_fn cmyk; /* NULL: a screen device, colours in RGB */
	const pc_dev *from;  /* adopted from (pc_dev_adopt): its font programs may serve */
	float trim_w, trim_h, bleed, margin;
	int page_level; /* libdeflate level of page content: PAGE_LEVEL unless set */
	/* tagging (tags.h): the tree written when saving, the title for its
	 * metadata, the last link annotation made */
	pc_tags *tags;
	char *title;
	HPDF_Annotation last_annot;
};

static bool one_shot;

void pc_dev_set_one_shot(bool on)
{
#if defined(__SANITIZE_ADDRESS__)
	on = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	on = false;
#endif
#endif
	one_shot = on;
}

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	pc_dev *d = user;
	if (!d->err) {
		d->err = code;
		d->err_detail = detail;
		snprintf(d->errtext, sizeof d->errtext, "libharu error 0x%04X (detail %u)",
		         (unsigned)code, (unsigned)detail);
	}
}

pc_dev *pc_dev_new(const pc_fontmap *map)
{
	pc_dev *d = pc_xcalloc(1, sizeof *d);
	d->map = map;
	d->page_level = PAGE_LEVEL;
	for (int i = 0; i < PC_FONT_ROLES; i++)
		d->role_face[i] = -1;
	pc_harumem_acquire();
	d->pdf = HPDF_NewEx(on_error, pc_harumem_alloc, pc_harumem_free, 0, d);
	if (!d->pdf) {
		snprintf(d->errtext, sizeof d->errtext, "libharu could not start");
		d->err = 1;
		return d;
	}
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	/* A page tree instead of one flat list: the flat list stops at 8,191
	 * entries per array in libharu, and plans of thousands of pages exist. */
	HPDF_SetPagesConfiguration(d->pdf, 256);
	return d;
}

void pc_dev_free(pc_dev *d)
{
	if (!d)
		return;
	pc_zworker_free(d->zw); /* waits for what it was given */
	if (d->pdf && !one_shot)
		HPDF_Free(d->pdf);
	pc_harumem_release(one_shot);
	for (int i = 0; i < d->nfaces; i++) {
		free(d->faces[i].widths);
		free(d->faces[i].used);
		free(d->faces[i].prog.job.z);
	}
	for (size_t i = 0; i < d->nimages; i++)
		free(d->images[i].path);
	for (int i = 0; d->out && i < d->npages; i++)
		free(d->out[i].job.z);
	for (size_t i = 0; i < d->nstreams; i++) {
		free(d->streams[i]->job.z);
		free(d->streams[i]);
	}
	free(d->streams);
	free(d->out);
	free(d->buf);
	free(d->images);
	free(d->pages);
	free(d->dests);
	free(d->outlines);
	pc_tags_free(d->tags);
	free(d->title);
	free(d);
}

const char *pc_dev_error(const pc_dev *d)
{
	return d->err ? d->errtext : NULL;
}

int pc_dev_face(pc_dev *d, pc_font_role role)
{
	if (d->role_face[role] >= 0)
		return d->role_face[role];
	const char *path = d->map->path[role];
	if (!path)
		return d->role_face[role] = pc_dev_face(d, PC_FONT_BODY);
	for (int i = 0; i < d->nfaces; i++)
		if (!strcmp(d->faces[i].path, path))
			return d->role_face[role] = i;
	face *f = &d->faces[d->nfaces];
	f->path = path;
	f->widths = pc_xmalloc(65536 * sizeof *f->widths);
	for (size_t i = 0; i < 65536; i++)
		f->widths[i] = WIDTH_UNKNOWN;
	return d->role_face[role] = d->nfaces++;
}

/* Fetches the libharu font of a face on first use. */
static HPDF_Font face_font(pc_dev *d, int fi)
{
	face *f = &d->faces[fi];
	if (f->font || d->err)
		return f->font;
	const char *name = pc_haru_load_ttf(d->pdf, f->path);
	if (name)
		f->font = HPDF_GetFont(d->pdf, name, "UTF-8");
	return f->font;
}

int pc_dev_width(pc_dev *d, int fi, uint32_t cp)
{
	if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	face *f = &d->faces[fi];
	int16_t w = f->widths[cp];
	if (w != WIDTH_UNKNOWN)
		return w;
	HPDF_Font font = face_font(d, fi);
	if (!font)
		return 500; /* the error is reported by pc_dev_save */
	if (cp >= 0x20 && !pc_haru_has_glyph(font, (uint16_t)cp))
		w = -1;
	else
		w = (int16_t)HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
	f->widths[cp] = w;
	return w;
}

/* A PNG decoded onto white, each pixel converted by the device's colour
 * conversion, as a CMYK image; NULL when it cannot be read. */
static HPDF_Image load_png_cmyk(pc_dev *d, const char *path)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path))
		return NULL;
	img.format = PNG_FORMAT_RGB;
	size_t n = (size_t)img.width * img.height;
	uint8_t *rgb = malloc(n * 3), *cmyk = malloc(n * 4);
	png_color white = {255, 255, 255};
	HPDF_Image out = NULL;
	if (rgb && cmyk && png_image_finish_read(&img, &white, rgb, 0, NULL)) {
		uint32_t last = 0xFFFFFFFFu;
		float c[4] = {0};
		for (size_t i = 0; i < n; i++) {
			uint32_t v = (uint32_t)rgb[3 * i] << 16 | (uint32_t)rgb[3 * i + 1] << 8 |
			             rgb[3 * i + 2];
			if (v != last) {
				d->cmyk(v, c);
				last = v;
			}
			for (int k = 0; k < 4; k++)
				cmyk[4 * i + k] = (uint8_t)(c[k] * 255.0f + 0.5f);
		}
		out = HPDF_LoadRawImageFromMem(d->pdf, cmyk, img.width, img.height,
		                               HPDF_CS_DEVICE_CMYK, 8);
	}
	png_image_free(&img);
	free(rgb);
	free(cmyk);
	return out;
}

int pc_dev_image(pc_dev *d, const char *path, float *w, float *h)
{
	for (size_t i = 0; i < d->nimages; i++)
		if (!strcmp(d->images[i].path, path)) {
			*w = d->images[i].w;
			*h = d->images[i].h;
			return d->images[i].img ? (int)i : -1;
		}
	if (d->nimages == d->capimages) {
		d->capimages = d->capimages ? d->capimages * 2 : 8;
		d->images = pc_xrealloc(d->images, d->capimages * sizeof *d->images);
	}
	image *im = &d->images[d->nimages];
	memset(im, 0, sizeof *im);
	im->path = pc_xstrdup(path);
	if (!d->err) {
		size_t n = strlen(path);
		bool png = n > 4 && !strcasecmp(path + n - 4, ".png");
		if (d->cmyk && png)
			im->img = load_png_cmyk(d, path);
		else
			im->img = png ? HPDF_LoadPngImageFromFile(d->pdf, path)
			              : HPDF_LoadJpegImageFromFile(d->pdf, path);
		im->kept_rgb = d->cmyk && !png;
		if (!im->img || d->err) {
			/* A bad image must not poison the whole document. */
			HPDF_ResetError(d->pdf);
			d->err = 0;
			im->img = NULL;
		} else {
			im->w = (float)HPDF_Image_GetWidth(im->img);
			im->h = (float)HPDF_Image_GetHeight(im->img);
		}
	}
	*w = im->w;
	*h = im->h;
	d->nimages++;
	return im->img ? (int)d->nimages - 1 : -1;
}

/* ---- libharu's streams, compressed on the worker -------------------- */

/* Gives dict's bytes to the worker and has libharu read the result. */
/* The compressed bytes of like (a stream of the device d adopted), when
 * they are the zlib data of raw: d copies them instead of compressing
 * raw again. NULL otherwise. */
static uint8_t *same_stream(const pc_dev *d, const stream_job *like, const uint8_t *raw, size_t n,
                            size_t *z_len)
{
	if (!like || !d->from)
		return NULL;
	pc_zworker_wait(d->from->zw, (pc_zjob *)&like->job);
	if (!like->job.z || like->job.raw_len != n)
		return NULL;
	uint8_t *back = pc_xmalloc(n ? n : 1);
	bool same = pc_zinflate(like->job.z, like->job.z_len, back, n) && !memcmp(back, raw, n);
	free(back);
	if (!same)
		return NULL;
	uint8_t *z = pc_xmalloc(like->job.z_len);
	memcpy(z, like->job.z, like->job.z_len);
	*z_len = like->job.z_len;
	return z;
}

/* Gives dict's bytes to the worker (or copies like's, when the same) and
 * has libharu read the result; the job, or NULL when libharu compresses
 * the stream itself. */
static stream_job *give_stream_like(pc_dev *d, HPDF_Dict dict, const stream_job *like)
{
	size_t n;
	uint8_t *raw = pc_haru_stream_bytes(dict, &n);
	if (!raw)
		return NULL;
	stream_job *sj = pc_xcalloc(1, sizeof *sj);
	if (!pc_haru_set_deflated(dict, &sj->body)) {
		free(raw);
		free(sj);
		return NULL; /* libharu compresses it */
	}
	if (d->nstreams == d->capstreams) {
		d->capstreams = d->capstreams ? d->capstreams * 2 : 32;
		d->streams = pc_xrealloc(d->streams, d->capstreams * sizeof *d->streams);
	}
	d->streams[d->nstreams++] = sj;
	sj->job.raw_len = n;
	sj->job.level = DATA_LEVEL;
	sj->job.z = same_stream(d, like, raw, n, &sj->job.z_len);
	if (sj->job.z) {
		free(raw);
		sj->job.done = true; /* never given: waiting for it returns at once */
		return sj;
	}
	sj->job.raw = raw;
	pc_zworker_give(d->zw, &sj->job);
	return sj;
}

static void give_stream(pc_dev *d, HPDF_Dict dict)
{
	give_stream_like(d, dict, NULL);
}

static void give_each_stream(void *ctx, HPDF_Dict dict)
{
	give_stream(ctx, dict);
}

/* The worker's half of a font program: build it, then compress it. */
static void make_program(pc_zjob *job)
{
	face *f = job->arg;
	job->raw = pc_fontprog_subset_file(f->path, f->used, f->nused, &job->raw_len);
	f->prog_len = job->raw ? job->raw_len : 0;
}

/*
 * The program of the device's face f copied from the device it adopted,
 * when that one's program was made for the same glyphs (the print edition
 * draws the screen's glyphs again): no second subsetting and compressing.
 * False when there is none to copy.
 */
static bool copy_program(pc_dev *d, face *f, const uint8_t *used, size_t n)
{
	int i = (int)(f - d->faces);
	if (!d->from || i >= d->from->nfaces)
		return false;
	face *src = &((pc_dev *)d->from)->faces[i];
	if (!src->prog_given || strcmp(src->path, f->path) || src->nused != n ||
	    memcmp(src->used, used, n) != 0)
		return false;
	pc_zworker_wait(d->from->zw, &src->prog.job);
	if (!src->prog.job.z || !src->prog_len)
		return false;
	if (f->prog_given)
		pc_zworker_wait(d->zw, &f->prog.job);
	free(f->prog.job.z);
	memset(&f->prog.job, 0, sizeof f->prog.job);
	f->prog.job.z = pc_xmalloc(src->prog.job.z_len);
	memcpy(f->prog.job.z, src->prog.job.z, src->prog.job.z_len);
	f->prog.job.z_len = src->prog.job.z_len;
	f->prog.job.done = true; /* never given to the worker: waiting returns at once */
	f->prog_len = src->prog_len;
	f->used = pc_xrealloc(f->used, n ? n : 1);
	memcpy(f->used, used, n);
	f->nused = n;
	f->prog_given = true;
	return true;
}

/* Gives the worker the font program of f for the glyphs marked so far. */
static void give_program(pc_dev *d, face *f)
{
	size_t n;
	const uint8_t *used = pc_haru_used_glyphs(f->font, &n);
	if (!used)
		return;
	if (copy_program(d, f, used, n))
		return;
	if (f->prog_given)
		pc_zworker_wait(d->zw, &f->prog.job); /* it reads f->used */
	if (n != f->nused) {
		f->used = pc_xrealloc(f->used, n ? n : 1);
		f->nused = n;
	}
	memcpy(f->used, used, n);
	free(f->prog.job.z);
	memset(&f->prog.job, 0, sizeof f->prog.job);
	f->prog.job.make = make_program;
	f->prog.job.arg = f;
	f->prog.job.level = FONT_LEVEL;
	f->prog_given = true;
	pc_zworker_give(d->zw, &f->prog.job);
}

/* True when libharu marked glyphs of f since its program was given. */
static bool program_stale(const face *f)
{
	size_t n;
	const uint8_t *used = pc_haru_used_glyphs(f->font, &n);
	return used && (n != f->nused || memcmp(used, f->used, n) != 0);
}

/* Gives the worker a font's program and maps (libharu gives them no
 * filter until it writes the font, so they are named here). */
static void give_font(pc_dev *d, face *f)
{
	HPDF_Dict maps[2];
	pc_haru_fix_tounicode(f->font);
	pc_haru_font_maps(f->font, &maps[0], &maps[1]);
	/* the same font's maps in the adopted device: the same bytes */
	int i = (int)(f - d->faces);
	const face *like = d->from && i < d->from->nfaces ? &d->from->faces[i] : NULL;
	for (int k = 0; k < 2; k++)
		if (maps[k])
			f->maps[k] = give_stream_like(d, maps[k], like ? like->maps[k] : NULL);
	give_program(d, f);
}

/*
 * Once the layout is final (the pages are made), every font's program
 * and the streams libharu has made so far (the fonts' maps, images) go to
 * the worker, to be compressed while the pages are drawn.
 */
static void refresh_programs(pc_dev *d);

void pc_dev_prepare_fonts(pc_dev *d)
{
	if (d->err)
		return;
	if (!d->zw)
		d->zw = pc_zworker_new();
	for (int i = 0; i < d->nfaces; i++)
		if (d->faces[i].font && !d->faces[i].prog_given)
			give_font(d, &d->faces[i]);
	refresh_programs(d);
}

static void give_document_streams(pc_dev *d)
{
	for (int i = 0; i < d->nfaces; i++)
		if (d->faces[i].font && !d->faces[i].prog_given)
			give_font(d, &d->faces[i]);
	pc_haru_each_deflated_stream(d->pdf, give_each_stream, d);
}

void pc_dev_pages(pc_dev *d, int n)
{
	if (d->pages)
		return; /* once per document */
	d->pages = pc_xcalloc((size_t)(n > 0 ? n : 1), sizeof *d->pages);
	d->out = pc_xcalloc((size_t)(n > 0 ? n : 1), sizeof *d->out);
	for (int i = 0; i < n && !d->err; i++) {
		d->pages[i] = HPDF_AddPage(d->pdf);
		HPDF_Page_SetSize(d->pages[i], HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		if (d->cmyk && d->pages[i] &&
		    !pc_haru_page_boxes(d->pages[i], d->trim_w, d->trim_h, d->bleed, d->margin))
			break; /* libharu's error is recorded */
		/* libharu will read the content from out[i].body, filled when saving */
		if (d->pages[i] && pc_haru_set_page_deflated(d->pages[i], &d->out[i].body))
			d->npages++;
	}
	if (!d->zw)
		d->zw = pc_zworker_new();
	give_document_streams(d);
	refresh_programs(d); /* glyphs measured since pc_dev_prepare_fonts */
}

/* ---- the current page's content ---------------------------------------- */

/* Room for n more bytes of content. */
static char *room(pc_dev *d, size_t n)
{
	if (d->len + n > d->cap) {
		size_t cap = d->cap ? d->cap : 16384;
		while (d->len + n > cap)
			cap *= 2;
		d->buf = pc_xrealloc(d->buf, cap);
		d->cap = cap;
	}
	return (char *)d->buf + d->len;
}

static void put(pc_dev *d, const char *s, size_t n)
{
	memcpy(room(d, n), s, n);
	d->len += n;
}

static void raw(pc_dev *d, const char *s)
{
	put(d, s, strlen(s));
}

/* Ends an operator written from tmp up to end. */
static void put_until(pc_dev *d, const char *tmp, const char *end)
{
	put(d, tmp, (size_t)(end - tmp));
}

/*
 * A number as libharu's page functions write it (HPDF_FToA): clamped to
 * ±32767, cut to five decimals in float arithmetic, trailing zeros and
 * point dropped. Writing the same text keeps every page image identical
 * to what libharu's own operators gave.
 */
static char *real(char *p, float v)
{
	if (v > 32767.0f)
		v = 32767.0f;
	else if (v < -32767.0f)
		v = -32767.0f;
	if (v < 0) {
		*p++ = '-';
		v = -v;
	}
	int32_t ip = (int32_t)(v + 0.000005);
	int32_t fp = (int32_t)((float)(v - (float)ip + 0.000005) * 100000);
	char digits[12];
	int k = 0;
	do {
		digits[k++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	while (k)
		*p++ = digits[--k];
	*p++ = '.';
	for (int i = 4; i >= 0; i--) {
		p[i] = (char)('0' + fp % 10);
		fp /= 10;
	}
	p += 5;
	while (p[-1] == '0')
		p--;
	if (p[-1] == '.')
		p--;
	return p;
}

/* Writes a number with at most 3 decimals and no trailing zeros (a text
 * position: a digit loop, not printf, as there is one per run of text). */
static char *num(char *p, float v)
{
	long m = (long)(v * 1000.0f + (v < 0 ? -0.5f : 0.5f));
	if (m < 0) {
		*p++ = '-';
		m = -m;
	}
	char digits[24];
	int k = 0;
	long whole = m / 1000;
	do {
		digits[k++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole > 0);
	while (k)
		*p++ = digits[--k];
	long frac = m % 1000;
	if (frac) {
		*p++ = '.';
		*p++ = (char)('0' + frac / 100);
		if (frac % 100) {
			*p++ = (char)('0' + frac / 10 % 10);
			if (frac % 10)
				*p++ = (char)('0' + frac % 10);
		}
	}
	*p = '\0';
	return p;
}

/* "r g b op" for a colour 0xRRGGBB. */
static void put_rgb(pc_dev *d, uint32_t rgb, const char *op)
{
	char tmp[64], *p = tmp;
	p = real(p, (float)(rgb >> 16 & 255) / 255.0f);
	*p++ = ' ';
	p = real(p, (float)(rgb >> 8 & 255) / 255.0f);
	*p++ = ' ';
	p = real(p, (float)(rgb & 255) / 255.0f);
	p = stpcpy(p, op);
	put_until(d, tmp, p);
}

/* "c m y k op" for a design colour, converted by the print device. */
static void put_cmyk(pc_dev *d, uint32_t rgb, const char *op)
{
	float c[4];
	d->cmyk(rgb, c);
	char tmp[80], *p = tmp;
	for (int i = 0; i < 4; i++) {
		if (i)
			*p++ = ' ';
		p = real(p, c[i]);
	}
	p = stpcpy(p, op);
	put_until(d, tmp, p);
}

/* "/Name op" for a resource of the page, "" when it has none. */
static void put_name(pc_dev *d, const char *name, const char *op)
{
	if (!name)
		return; /* libharu's error is recorded: nothing is saved */
	raw(d, "/");
	raw(d, name);
	raw(d, op);
}

static void end_text(pc_dev *d)
{
	if (d->in_text) {
		raw(d, "ET\n");
		d->in_text = false;
	}
}

/*
 * After the last page, the programs of fonts that have had glyphs measured
 * while drawing (a running head) are built again, while the outline is
 * made and the document is saved.
 */
static void refresh_programs(pc_dev *d)
{
	for (int i = 0; i < d->nfaces; i++)
		if (d->faces[i].prog_given && program_stale(&d->faces[i]))
			give_program(d, &d->faces[i]);
}

/* Hands the current page's content to the worker. */
static void finish_page(pc_dev *d)
{
	end_text(d);
	page_out *po = &d->out[d->cur];
	po->job.raw = d->buf;
	po->job.raw_len = po->raw_len = d->len;
	po->job.make = NULL;
	po->job.level = d->page_level;
	po->given = true;
	d->buf = NULL;
	d->len = d->cap = 0;
	pc_zworker_give(d->zw, &po->job);
	if (d->cur == d->npages - 1)
		refresh_programs(d);
}

/* Takes back a page drawn before, to draw more on it. */
static void reopen_page(pc_dev *d, int i)
{
	page_out *po = &d->out[i];
	pc_zworker_wait(d->zw, &po->job);
	po->given = false;
	room(d, po->raw_len + 1);
	if (!pc_zinflate(po->job.z, po->job.z_len, d->buf, po->raw_len))
		abort(); /* the worker's own output: cannot happen */
	d->len = po->raw_len;
	free(po->job.z);
	po->job.z = NULL;
}

void pc_dev_page(pc_dev *d, int i)
{
	HPDF_Page next = (i >= 0 && i < d->npages) ? d->pages[i] : NULL;
	if (d->page && next == d->page)
		end_text(d);
	else {
		if (d->page)
			finish_page(d);
		if (next && d->out[i].given)
			reopen_page(d, i);
	}
	d->page = next;
	d->cur = next ? i : -1;
	d->in_text = false;
	d->cur_face = -1;
	d->cur_size = d->cur_gap = -1;
	d->cur_lw = -1;
	d->cur_fill = d->cur_stroke = PC_DEV_NONE - 1; /* PDF default is black */
	d->cur_dash = -1;
}

static void set_fill(pc_dev *d, uint32_t rgb)
{
	if (d->cur_fill == rgb)
		return;
	d->cur_fill = rgb;
	if (d->cmyk)
		put_cmyk(d, rgb, " k\n");
	else
		put_rgb(d, rgb, " rg\n");
}

static void set_stroke(pc_dev *d, uint32_t rgb)
{
	if (d->cur_stroke == rgb)
		return;
	d->cur_stroke = rgb;
	if (d->cmyk)
		put_cmyk(d, rgb, " K\n");
	else
		put_rgb(d, rgb, " RG\n");
}

static void set_line_width(pc_dev *d, float lw)
{
	if (d->cur_lw == lw)
		return;
	d->cur_lw = lw;
	char tmp[32], *p = real(tmp, lw);
	p = stpcpy(p, " w\n");
	put_until(d, tmp, p);
}

/* Solid lines with butt ends, or round dots 3 pt apart (a dash of length
 * 0 with round caps). */
static void set_dash(pc_dev *d, bool dotted)
{
	if (d->cur_dash == (int)dotted)
		return;
	d->cur_dash = dotted;
	raw(d, dotted ? "[0 3] 0 d\n1 J\n" : "[] 0 d\n0 J\n");
}

void pc_dev_text(pc_dev *d, int fi, float size, float x, float y, float gap, const uint32_t *cps,
                 size_t n, uint32_t rgb)
{
	if (!d->page || d->err || !n)
		return;
	HPDF_Font font = face_font(d, fi);
	if (!font)
		return;
	if (!d->in_text) {
		raw(d, "BT\n");
		d->in_text = true;
	}
	char tmp[96], *p;
	if (d->cur_face != fi || d->cur_size != size) {
		put_name(d, pc_haru_font_name(d->page, font), " ");
		p = real(tmp, size);
		p = stpcpy(p, " Tf\n");
		put_until(d, tmp, p);
		d->cur_face = fi;
		d->cur_size = size;
	}
	if (d->cur_gap != gap) {
		p = real(tmp, gap);
		p = stpcpy(p, " Tc\n");
		put_until(d, tmp, p);
		d->cur_gap = gap;
	}
	set_fill(d, rgb);
	p = stpcpy(tmp, "1 0 0 1 ");
	p = num(p, x);
	*p++ = ' ';
	p = num(p, y);
	p = stpcpy(p, " Tm <");
	put_until(d, tmp, p);
	static const char hex[] = "0123456789ABCDEF";
	char *h = room(d, 4 * n + 6); /* "> Tj\n" and stpcpy's NUL */
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i] > 0xFFFF ? 0x3013 : cps[i];
		*h++ = hex[c >> 12 & 15];
		*h++ = hex[c >> 8 & 15];
		*h++ = hex[c >> 4 & 15];
		*h++ = hex[c & 15];
	}
	h = stpcpy(h, "> Tj\n");
	d->len = (size_t)((uint8_t *)h - d->buf);
}

/* "<FEFF…>": text as a UTF-16BE string. */
static void put_text_string(pc_dev *d, const char *actual)
{
	raw(d, "<FEFF");
	size_t len = strlen(actual);
	d->len += pc_utf16be_hex_str(actual, len, room(d, 4 * len));
	raw(d, ">");
}

void pc_dev_span_begin(pc_dev *d, const char *actual)
{
	if (!d->page || d->err)
		return;
	raw(d, "/Span <</ActualText ");
	put_text_string(d, actual);
	raw(d, ">> BDC\n");
}

void pc_dev_span_end(pc_dev *d)
{
	if (!d->page || d->err)
		return;
	raw(d, "EMC\n");
}

/* ---- tagging ---------------------------------------------------------- */

void pc_dev_set_tags(pc_dev *d, pc_tags *t)
{
	pc_tags_free(d->tags);
	d->tags = t;
}

/* Marked content begins and ends outside text objects: a sequence that
 * begins inside one would have to end there. */
void pc_dev_mark_begin(pc_dev *d, const char *tag, int mcid, const char *actual)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	char tmp[64], *p = tmp;
	*p++ = '/';
	p = stpcpy(p, tag);
	p = stpcpy(p, " <</MCID ");
	p = num(p, (float)mcid);
	put_until(d, tmp, p);
	if (actual) {
		raw(d, " /ActualText ");
		put_text_string(d, actual);
	}
	raw(d, ">> BDC\n");
}

void pc_dev_artifact_begin(pc_dev *d)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	raw(d, "/Artifact BMC\n");
}

void pc_dev_mark_end(pc_dev *d)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	raw(d, "EMC\n");
}

void pc_dev_tag_link(pc_dev *d, int elem, const char *contents)
{
	HPDF_Annotation a = d->last_annot;
	d->last_annot = NULL;
	if (!a || d->err || !d->tags)
		return;
	pc_tags_annot(d->tags, elem, d->cur, a, contents);
}

void pc_dev_multiply_begin(pc_dev *d)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	if (!d->multiply) {
		d->multiply = HPDF_CreateExtGState(d->pdf);
		if (d->multiply)
			HPDF_ExtGState_SetBlendMode(d->multiply, HPDF_BM_MULTIPLY);
	}
	raw(d, "q\n");
	if (d->multiply)
		put_name(d, pc_haru_gstate_name(d->page, d->multiply), " gs\n");
}

void pc_dev_multiply_end(pc_dev *d)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	raw(d, "Q\n");
	/* the graphics state is back to what it was: forget the cached one */
	d->cur_face = -1;
	d->cur_size = d->cur_gap = d->cur_lw = -1;
	d->cur_fill = d->cur_stroke = PC_DEV_NONE - 1;
	d->cur_dash = -1;
}

/* Colours, width and a solid line for a shape that is filled, stroked or
 * both (PC_DEV_NONE leaves one out); false when nothing may be drawn. */
static bool begin_shape(pc_dev *d, uint32_t fill, uint32_t stroke, float lw)
{
	if (!d->page || d->err)
		return false;
	end_text(d);
	if (fill != PC_DEV_NONE)
		set_fill(d, fill);
	if (stroke != PC_DEV_NONE) {
		set_stroke(d, stroke);
		set_line_width(d, lw);
		set_dash(d, false);
	}
	return true;
}

static void end_shape(pc_dev *d, uint32_t fill, uint32_t stroke)
{
	if (fill != PC_DEV_NONE && stroke != PC_DEV_NONE)
		raw(d, "B\n");
	else if (fill != PC_DEV_NONE)
		raw(d, "f\n");
	else
		raw(d, "S\n");
}

/* "x y" followed by op. */
static char *point(char *p, float x, float y, const char *op)
{
	p = real(p, x);
	*p++ = ' ';
	p = real(p, y);
	return stpcpy(p, op);
}

void pc_dev_rect(pc_dev *d, float x, float y, float w, float h, uint32_t fill, uint32_t stroke,
                 float lw)
{
	if (!begin_shape(d, fill, stroke, lw))
		return;
	char tmp[96], *p = point(tmp, x, y, " ");
	p = point(p, w, h, " re\n");
	put_until(d, tmp, p);
	end_shape(d, fill, stroke);
}

void pc_dev_line(pc_dev *d, float x1, float y1, float x2, float y2, uint32_t rgb, float lw,
                 bool dotted)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	set_stroke(d, rgb);
	set_line_width(d, lw);
	set_dash(d, dotted);
	char tmp[96], *p = point(tmp, x1, y1, " m\n");
	p = point(p, x2, y2, " l\nS\n");
	put_until(d, tmp, p);
}

/* One quarter of a circle as a Bézier curve, as libharu draws it: control
 * points at KAPPA times the radius. */
static char *curve(char *p, float x1, float y1, float x2, float y2, float x3, float y3)
{
	p = point(p, x1, y1, " ");
	p = point(p, x2, y2, " ");
	return point(p, x3, y3, " c\n");
}

void pc_dev_circle(pc_dev *d, float x, float y, float r, uint32_t fill, uint32_t stroke, float lw)
{
	if (!begin_shape(d, fill, stroke, lw))
		return;
	const float k = 0.552f; /* libharu's KAPPA */
	char tmp[400], *p = point(tmp, x - r, y, " m\n");
	p = curve(p, x - r, y + r * k, x - r * k, y + r, x, y + r);
	p = curve(p, x + r * k, y + r, x + r, y + r * k, x + r, y);
	p = curve(p, x + r, y - r * k, x + r * k, y - r, x, y - r);
	p = curve(p, x - r * k, y - r, x - r, y - r * k, x - r, y);
	put_until(d, tmp, p);
	end_shape(d, fill, stroke);
}

void pc_dev_draw_image(pc_dev *d, int img, float x, float y, float w, float h)
{
	if (!d->page || d->err || img < 0 || (size_t)img >= d->nimages || !d->images[img].img)
		return;
	end_text(d);
	char tmp[128], *p = stpcpy(tmp, "q\n");
	p = point(p, w, 0, " ");
	p = point(p, 0, h, " ");
	p = point(p, x, y, " cm\n");
	put_until(d, tmp, p);
	put_name(d, pc_haru_image_name(d->page, d->images[img].img), " Do\n");
	raw(d, "Q\n");
}

int pc_dev_dest(pc_dev *d, int page, float top)
{
	if (d->ndests == d->capdests) {
		d->capdests = d->capdests ? d->capdests * 2 : 64;
		d->dests = pc_xrealloc(d->dests, d->capdests * sizeof *d->dests);
	}
	bool ok = !d->cmyk && page >= 0 && page < d->npages && d->pages[page];
	d->dests[d->ndests] = (place_to){ok ? page : -1, top, NULL};
	return (int)d->ndests++;
}

void pc_dev_link(pc_dev *d, float x, float y, float w, float h, int to)
{
	if (!d->page || d->err || d->cmyk || to < 0 || (size_t)to >= d->ndests ||
	    d->dests[to].page < 0)
		return;
	float r[4] = {x, y, x + w, y + h};
	pc_haru_dest where = {d->pages[d->dests[to].page], 0, d->dests[to].top};
	d->last_annot = pc_haru_link(d->pdf, d->page, r, &where, NULL);
}

void pc_dev_uri(pc_dev *d, float x, float y, float w, float h, const char *uri)
{
	if (!d->page || d->err || d->cmyk)
		return;
	float r[4] = {x, y, x + w, y + h};
	d->last_annot = pc_haru_link(d->pdf, d->page, r, NULL, uri);
}

/* libharu's destination object of dest i, made on first use; NULL none. */
static HPDF_Destination outline_dest(pc_dev *d, int i)
{
	if (i < 0 || (size_t)i >= d->ndests || d->dests[i].page < 0)
		return NULL;
	place_to *t = &d->dests[i];
	if (!t->obj) {
		t->obj = HPDF_Page_CreateDestination(d->pages[t->page]);
		if (t->obj)
			pc_haru_dest_xyz(t->obj, d->pages[t->page], 0, t->top);
	}
	return t->obj;
}

int pc_dev_outline(pc_dev *d, int parent, const char *title, int dest, bool open)
{
	if (d->noutlines == d->capoutlines) {
		d->capoutlines = d->capoutlines ? d->capoutlines * 2 : 64;
		d->outlines = pc_xrealloc(d->outlines, d->capoutlines * sizeof *d->outlines);
	}
	HPDF_Outline o = NULL;
	if (!d->err && !d->cmyk) {
		HPDF_Outline up = parent >= 0 ? d->outlines[parent] : NULL;
		o = HPDF_CreateOutline(d->pdf, up, title, HPDF_GetEncoder(d->pdf, "UTF-8"));
		if (o) {
			HPDF_Destination to = outline_dest(d, dest);
			if (to)
				HPDF_Outline_SetDestination(o, to);
			HPDF_Outline_SetOpened(o, open ? HPDF_TRUE : HPDF_FALSE);
		}
	}
	d->outlines[d->noutlines] = o;
	return (int)d->noutlines++;
}

void pc_dev_info(pc_dev *d, const char *title, const char *author, const char *subject, time_t when)
{
	if (d->err)
		return;
	if (title && *title)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, title);
	free(d->title);
	d->title = title ? pc_xstrdup(title) : NULL;
	if (author && *author)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, author);
	if (subject && *subject)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, subject);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "plancc " PLANCC_VERSION);
	struct tm tm;
	gmtime_r(&when, &tm);
	HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	                  tm.tm_sec,         'Z',           0,          0};
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
}

/* ---- the print edition --------------------------------------------- */

void pc_dev_set_print(pc_dev *d, pc_dev_cmyk_fn cmyk, float w, float h, float bleed, float margin)
{
	d->cmyk = cmyk;
	d->trim_w = w;
	d->trim_h = h;
	d->bleed = bleed;
	d->margin = margin > bleed ? margin : bleed;
}

void pc_dev_set_page_level(pc_dev *d, int level)
{
	d->page_level = level;
}

void pc_dev_mark_line(pc_dev *d, float x1, float y1, float x2, float y2, float lw)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	set_line_width(d, lw);
	set_dash(d, false);
	d->cur_stroke = PC_DEV_NONE - 1; /* not a design colour: forget the cached one */
	char tmp[128], *p = stpcpy(tmp, "1 1 1 1 K\n");
	p = point(p, x1, y1, " m\n");
	p = point(p, x2, y2, " l\nS\n");
	put_until(d, tmp, p);
}

void pc_dev_adopt(pc_dev *d, const pc_dev *src, bool all)
{
	/* the same faces under the same handles: the layout's glyphs name them */
	for (int i = d->nfaces; i < src->nfaces; i++) {
		face *f = &d->faces[i];
		f->path = src->faces[i].path;
		f->widths = pc_xmalloc(65536 * sizeof *f->widths);
		for (size_t k = 0; k < 65536; k++)
			f->widths[k] = WIDTH_UNKNOWN;
		d->nfaces++;
	}
	memcpy(d->role_face, src->role_face, sizeof d->role_face);
	d->from = src;
	if (!all)
		return;
	for (int i = 0; i < src->nfaces; i++) {
		const int16_t *w = src->faces[i].widths;
		for (uint32_t cp = 0; cp < 65536; cp++)
			if (w[cp] != WIDTH_UNKNOWN)
				pc_dev_width(d, i, cp);
	}
	for (size_t i = 0; i < src->nimages; i++) {
		float w, h;
		pc_dev_image(d, src->images[i].path, &w, &h);
	}
}

const char *pc_dev_image_kept_rgb(const pc_dev *d, int i)
{
	return i >= 0 && (size_t)i < d->nimages && d->images[i].img && d->images[i].kept_rgb
	           ? d->images[i].path
	           : NULL;
}

int pc_dev_nimages(const pc_dev *d)
{
	return (int)d->nimages;
}

bool pc_dev_pdfx(pc_dev *d, const uint8_t *icc, size_t icc_len, const char *condition_id,
                 const char *condition, const char *xmp, const uint8_t id[16])
{
	if (d->err)
		return false;
	pc_haru_pdfx x = {icc, icc_len, condition_id, condition, xmp, {0}};
	memcpy(x.id, id, 16);
	if (!pc_haru_pdfx_add(d->pdf, &x) && !d->err) {
		d->err = HPDF_FAILD_TO_ALLOC_MEM;
		snprintf(d->errtext, sizeof d->errtext, "libharu could not make the PDF/X objects");
	}
	return !d->err;
}

const char *pc_dev_producer(void)
{
	return pc_haru_producer();
}

/*
 * Embeds each font's program, rebuilt when a glyph was measured after it
 * was given (drawing may measure new text, such as a running head), and
 * has libharu make the rest of the font now. A program that could not be
 * built is left to libharu; the device still compresses it.
 */
static void finish_fonts(pc_dev *d)
{
	for (int i = 0; i < d->nfaces; i++) {
		face *f = &d->faces[i];
		if (!f->font)
			continue;
		if (!f->prog_given)
			give_font(d, f);
		else if (program_stale(f))
			give_program(d, f);
		if (f->prog_given) {
			pc_zworker_wait(d->zw, &f->prog.job);
			f->prog.body.data = f->prog.job.z;
			f->prog.body.len = f->prog.job.z_len;
			if (f->prog_len)
				pc_haru_font_embed(f->font, &f->prog.body, f->prog_len);
		}
		HPDF_Dict file = pc_haru_font_finish(f->font);
		if (file)
			give_stream(d, file);
	}
}

/* The compressed content of every page and stream, as the worker finishes
 * it, for libharu to read when saving (a page never drawn is empty). */
static void finish_streams(pc_dev *d)
{
	for (int i = 0; i < d->npages; i++) {
		page_out *po = &d->out[i];
		if (!po->given) {
			po->job.raw = NULL;
			po->job.raw_len = 0;
			po->job.level = d->page_level;
			po->given = true;
			pc_zworker_give(d->zw, &po->job);
		}
		pc_zworker_wait(d->zw, &po->job);
		po->body.data = po->job.z;
		po->body.len = po->job.z_len;
	}
	for (size_t i = 0; i < d->nstreams; i++) {
		stream_job *sj = d->streams[i];
		pc_zworker_wait(d->zw, &sj->job);
		sj->body.data = sj->job.z;
		sj->body.len = sj->job.z_len;
	}
}

/* Everything still on the worker, given to libharu; false after a
 * libharu error. */
static bool prepare_save(pc_dev *d)
{
	if (d->page)
		pc_dev_page(d, -1);
	if (d->err)
		return false;
	if (!d->zw)
		d->zw = pc_zworker_new(); /* a document without pages */
	if (d->tags &&
	    !pc_tags_write(d->tags, d->pdf, (void *const *)d->pages, d->npages, d->title))
		return false;
	finish_fonts(d);
	/* what was made after the pages: fonts first used while drawing */
	pc_haru_each_deflated_stream(d->pdf, give_each_stream, d);
	finish_streams(d);
	return !d->err;
}

static bool to_buf(void *ctx, const uint8_t *p, size_t n)
{
	pc_buf_put(ctx, (const char *)p, n);
	return true;
}

bool pc_dev_save(pc_dev *d, pc_buf *out)
{
	return prepare_save(d) && pc_haru_save(d->pdf, to_buf, out) == HPDF_OK && !d->err;
}

/* libharu writes in pieces of a few bytes to 4 KB: they are gathered
 * into large writes. */
#define STAGE_SIZE (256 * 1024)

typedef struct sink {
	pc_output_file *file;
	char *stage;
	size_t n;
	bool failed;
} sink;

static bool flush(sink *s)
{
	if (s->n && !s->failed && !pc_output_append(s->file, s->stage, s->n))
		s->failed = true;
	s->n = 0;
	return !s->failed;
}

static bool to_file(void *ctx, const uint8_t *p, size_t n)
{
	sink *s = ctx;
	if (s->n + n > STAGE_SIZE && !flush(s))
		return false;
	if (n > STAGE_SIZE) {
		if (!pc_output_append(s->file, p, n))
			s->failed = true;
		return !s->failed;
	}
	memcpy(s->stage + s->n, p, n);
	s->n += n;
	return true;
}

bool pc_dev_write(pc_dev *d, pc_output *o, const char *rel)
{
	if (!prepare_save(d))
		return false;
	sink s = {pc_output_open(o, rel), NULL, 0, false};
	if (!s.file)
		return false;
	s.stage = pc_xmalloc(STAGE_SIZE);
	HPDF_STATUS st = pc_haru_save(d->pdf, to_file, &s);
	bool ok = st == HPDF_OK && !d->err && flush(&s);
	free(s.stage);
	if (s.failed) {
		/* the output has reported it; the error libharu records for
		 * the stopped save is not one of its own */
		d->err = 0;
	} else if (!ok && !d->err) {
		d->err = st ? st : HPDF_FILE_IO_ERROR;
		snprintf(d->errtext, sizeof d->errtext, "libharu could not save (0x%04X)",
		         (unsigned)d->err);
	}
	if (!ok) {
		pc_output_cancel(s.file);
		return false;
	}
	return pc_output_close(s.file);
}
