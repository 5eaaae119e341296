/*
 * The PDF drawing device over libharu 2.3.0 (see device.h). Text is
 * written as raw operators (Tm, Tj with Identity-H codes = BMP code
 * points) because HPDF_Page_ShowText re-measures every string through the
 * encoder; libharu is still told the font (Tf) so that it lands in the
 * page's resources, and every drawn glyph was measured first so that its
 * outline is embedded.
 */
#include "device.h"

#include <hpdf.h>
#include <hpdf_error.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/arena.h"
#include "../../util/utf8.h"
#include "haru.h"
#include <libdeflate.h>

#define WIDTH_UNKNOWN INT16_MIN

typedef struct face {
	const char *path;
	HPDF_Font font;  /* NULL until first needed */
	int16_t *widths; /* 65536 entries; WIDTH_UNKNOWN, -1 missing, else width */
} face;

typedef struct image {
	char *path;
	HPDF_Image img; /* NULL when it failed to load */
	float w, h;
} image;

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
	int npages;
	HPDF_Destination *dests;
	size_t ndests, capdests;
	HPDF_Outline *outlines;
	size_t noutlines, capoutlines;
	HPDF_ExtGState multiply; /* created on first use */
	/* drawing state of the current page */
	HPDF_Page page;
	HPDF_Stream stream;
	bool in_text;
	int cur_face;
	float cur_size, cur_gap, cur_lw;
	uint32_t cur_fill, cur_stroke;
	int cur_dash; /* -1 unknown, 0 solid, 1 dotted */
	/* compressed stream bodies, kept until the document is freed */
	pc_haru_body **bodies;
	size_t nbodies, capbodies;
	struct libdeflate_compressor *zc;
};

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
	for (int i = 0; i < PC_FONT_ROLES; i++)
		d->role_face[i] = -1;
	d->pdf = HPDF_New(on_error, d);
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
	if (d->pdf)
		HPDF_Free(d->pdf);
	for (int i = 0; i < d->nfaces; i++)
		free(d->faces[i].widths);
	for (size_t i = 0; i < d->nimages; i++)
		free(d->images[i].path);
	free(d->images);
	free(d->pages);
	free(d->dests);
	free(d->outlines);
	for (size_t i = 0; i < d->nbodies; i++) {
		free((void *)d->bodies[i]->data);
		free(d->bodies[i]);
	}
	free(d->bodies);
	if (d->zc)
		libdeflate_free_compressor(d->zc);
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
	const char *name = HPDF_LoadTTFontFromFile(d->pdf, f->path, HPDF_TRUE);
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
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (cp >= 0x20 && HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cp) == 0)
		w = -1;
	else
		w = (int16_t)HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
	f->widths[cp] = w;
	return w;
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
		im->img = png ? HPDF_LoadPngImageFromFile(d->pdf, path)
		              : HPDF_LoadJpegImageFromFile(d->pdf, path);
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

void pc_dev_pages(pc_dev *d, int n)
{
	d->pages = pc_xcalloc((size_t)(n > 0 ? n : 1), sizeof *d->pages);
	for (int i = 0; i < n && !d->err; i++) {
		d->pages[i] = HPDF_AddPage(d->pdf);
		HPDF_Page_SetSize(d->pages[i], HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		d->npages++;
	}
}

static void end_text(pc_dev *d)
{
	if (d->in_text) {
		HPDF_Page_EndText(d->page);
		d->in_text = false;
	}
}

void pc_dev_page(pc_dev *d, int i)
{
	if (d->page)
		end_text(d);
	d->page = (i >= 0 && i < d->npages) ? d->pages[i] : NULL;
	d->stream = d->page ? ((HPDF_PageAttr)d->page->attr)->stream : NULL;
	d->in_text = false;
	d->cur_face = -1;
	d->cur_size = d->cur_gap = -1;
	d->cur_lw = -1;
	d->cur_fill = d->cur_stroke = PC_DEV_NONE - 1; /* PDF default is black */
	d->cur_dash = -1;
}

/* Writes a number with at most 3 decimals and no trailing zeros. */
static char *num(char *p, float v)
{
	long m = (long)(v * 1000.0f + (v < 0 ? -0.5f : 0.5f));
	if (m < 0) {
		*p++ = '-';
		m = -m;
	}
	p += sprintf(p, "%ld", m / 1000);
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

static void raw(pc_dev *d, const char *s)
{
	HPDF_Stream_WriteStr(d->stream, s);
}

static void set_fill(pc_dev *d, uint32_t rgb)
{
	if (d->cur_fill == rgb)
		return;
	d->cur_fill = rgb;
	HPDF_Page_SetRGBFill(d->page, (float)(rgb >> 16 & 255) / 255.0f,
	                     (float)(rgb >> 8 & 255) / 255.0f, (float)(rgb & 255) / 255.0f);
}

static void set_stroke(pc_dev *d, uint32_t rgb)
{
	if (d->cur_stroke == rgb)
		return;
	d->cur_stroke = rgb;
	HPDF_Page_SetRGBStroke(d->page, (float)(rgb >> 16 & 255) / 255.0f,
	                       (float)(rgb >> 8 & 255) / 255.0f, (float)(rgb & 255) / 255.0f);
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
		HPDF_Page_BeginText(d->page);
		d->in_text = true;
	}
	if (d->cur_face != fi || d->cur_size != size) {
		HPDF_Page_SetFontAndSize(d->page, font, size);
		d->cur_face = fi;
		d->cur_size = size;
	}
	if (d->cur_gap != gap) {
		HPDF_Page_SetCharSpace(d->page, gap);
		d->cur_gap = gap;
	}
	set_fill(d, rgb);
	char buf[96], *p = buf;
	p = stpcpy(p, "1 0 0 1 ");
	p = num(p, x);
	*p++ = ' ';
	p = num(p, y);
	p = stpcpy(p, " Tm <");
	raw(d, buf);
	static const char hex[] = "0123456789ABCDEF";
	char chunk[4 * 64 + 1];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i] > 0xFFFF ? 0x3013 : cps[i];
		chunk[k++] = hex[c >> 12 & 15];
		chunk[k++] = hex[c >> 8 & 15];
		chunk[k++] = hex[c >> 4 & 15];
		chunk[k++] = hex[c & 15];
		if (k == sizeof chunk - 1) {
			chunk[k] = '\0';
			raw(d, chunk);
			k = 0;
		}
	}
	chunk[k] = '\0';
	raw(d, chunk);
	raw(d, "> Tj\n");
}

void pc_dev_span_begin(pc_dev *d, const char *actual)
{
	if (!d->page || d->err)
		return;
	raw(d, "/Span <</ActualText <FEFF");
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(actual);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = pc_utf8_decode(actual + i, len - i, &cp);
		i += k ? k : 1;
		uint16_t units[2];
		int nu = 1;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			units[0] = (uint16_t)(0xD800 + (cp >> 10));
			units[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
			nu = 2;
		} else
			units[0] = (uint16_t)cp;
		for (int u = 0; u < nu; u++) {
			char h[5] = {hex[units[u] >> 12], hex[units[u] >> 8 & 15],
			             hex[units[u] >> 4 & 15], hex[units[u] & 15], 0};
			raw(d, h);
		}
	}
	raw(d, ">>> BDC\n");
}

void pc_dev_span_end(pc_dev *d)
{
	if (!d->page || d->err)
		return;
	raw(d, "EMC\n");
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
	HPDF_Page_GSave(d->page);
	if (d->multiply)
		HPDF_Page_SetExtGState(d->page, d->multiply);
}

void pc_dev_multiply_end(pc_dev *d)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	HPDF_Page_GRestore(d->page);
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
		if (d->cur_lw != lw) {
			HPDF_Page_SetLineWidth(d->page, lw);
			d->cur_lw = lw;
		}
		if (d->cur_dash != 0) {
			raw(d, "[] 0 d\n");
			HPDF_Page_SetLineCap(d->page, HPDF_BUTT_END);
			d->cur_dash = 0;
		}
	}
	return true;
}

static void end_shape(pc_dev *d, uint32_t fill, uint32_t stroke)
{
	if (fill != PC_DEV_NONE && stroke != PC_DEV_NONE)
		HPDF_Page_FillStroke(d->page);
	else if (fill != PC_DEV_NONE)
		HPDF_Page_Fill(d->page);
	else
		HPDF_Page_Stroke(d->page);
}

void pc_dev_rect(pc_dev *d, float x, float y, float w, float h, uint32_t fill, uint32_t stroke,
                 float lw)
{
	if (!begin_shape(d, fill, stroke, lw))
		return;
	HPDF_Page_Rectangle(d->page, x, y, w, h);
	end_shape(d, fill, stroke);
}

void pc_dev_line(pc_dev *d, float x1, float y1, float x2, float y2, uint32_t rgb, float lw,
                 bool dotted)
{
	if (!d->page || d->err)
		return;
	end_text(d);
	set_stroke(d, rgb);
	if (d->cur_lw != lw) {
		HPDF_Page_SetLineWidth(d->page, lw);
		d->cur_lw = lw;
	}
	if (d->cur_dash != (int)dotted) {
		/* libharu refuses a zero dash length, which round dots need */
		if (dotted) {
			raw(d, "[0 3] 0 d\n");
			HPDF_Page_SetLineCap(d->page, HPDF_ROUND_END);
		} else {
			raw(d, "[] 0 d\n");
			HPDF_Page_SetLineCap(d->page, HPDF_BUTT_END);
		}
		d->cur_dash = dotted;
	}
	HPDF_Page_MoveTo(d->page, x1, y1);
	HPDF_Page_LineTo(d->page, x2, y2);
	HPDF_Page_Stroke(d->page);
}

void pc_dev_circle(pc_dev *d, float x, float y, float r, uint32_t fill, uint32_t stroke, float lw)
{
	if (!begin_shape(d, fill, stroke, lw))
		return;
	HPDF_Page_Circle(d->page, x, y, r);
	end_shape(d, fill, stroke);
}

void pc_dev_draw_image(pc_dev *d, int img, float x, float y, float w, float h)
{
	if (!d->page || d->err || img < 0 || (size_t)img >= d->nimages || !d->images[img].img)
		return;
	end_text(d);
	HPDF_Page_DrawImage(d->page, d->images[img].img, x, y, w, h);
}

int pc_dev_dest(pc_dev *d, int page, float top)
{
	if (d->ndests == d->capdests) {
		d->capdests = d->capdests ? d->capdests * 2 : 64;
		d->dests = pc_xrealloc(d->dests, d->capdests * sizeof *d->dests);
	}
	HPDF_Destination dst = NULL;
	if (!d->err && page >= 0 && page < d->npages) {
		/* [page /XYZ left top null]: SetXYZ refuses a zoom of 0 ("keep"). */
		dst = HPDF_Page_CreateDestination(d->pages[page]);
		if (dst) {
			HPDF_Array_Clear(dst);
			HPDF_Array_Add(dst, d->pages[page]);
			HPDF_Array_AddName(dst, "XYZ");
			HPDF_Array_AddReal(dst, 0);
			HPDF_Array_AddReal(dst, top);
			HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
		}
	}
	d->dests[d->ndests] = dst;
	return (int)d->ndests++;
}

void pc_dev_link(pc_dev *d, float x, float y, float w, float h, int dest)
{
	if (!d->page || d->err || dest < 0 || (size_t)dest >= d->ndests || !d->dests[dest])
		return;
	HPDF_Rect r = {x, y, x + w, y + h};
	HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(d->page, r, d->dests[dest]);
	if (a)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

void pc_dev_uri(pc_dev *d, float x, float y, float w, float h, const char *uri)
{
	if (!d->page || d->err)
		return;
	HPDF_Rect r = {x, y, x + w, y + h};
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(d->page, r, uri);
	if (a)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

int pc_dev_outline(pc_dev *d, int parent, const char *title, int dest, bool open)
{
	if (d->noutlines == d->capoutlines) {
		d->capoutlines = d->capoutlines ? d->capoutlines * 2 : 64;
		d->outlines = pc_xrealloc(d->outlines, d->capoutlines * sizeof *d->outlines);
	}
	HPDF_Outline o = NULL;
	if (!d->err) {
		HPDF_Outline up = parent >= 0 ? d->outlines[parent] : NULL;
		o = HPDF_CreateOutline(d->pdf, up, title, HPDF_GetEncoder(d->pdf, "UTF-8"));
		if (o) {
			if (dest >= 0 && (size_t)dest < d->ndests && d->dests[dest])
				HPDF_Outline_SetDestination(o, d->dests[dest]);
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

static void deflate_stream(void *ctx, HPDF_Dict dict)
{
	pc_dev *d = ctx;
	size_t n;
	if (!d->zc)
		d->zc = libdeflate_alloc_compressor(6); /* zlib's default, which libharu used */
	uint8_t *raw = d->zc ? pc_haru_stream_bytes(dict, &n) : NULL;
	if (!raw)
		return; /* libharu compresses it */
	size_t cap = libdeflate_zlib_compress_bound(d->zc, n);
	uint8_t *z = pc_xmalloc(cap);
	size_t zn = libdeflate_zlib_compress(d->zc, raw, n, z, cap);
	free(raw);
	pc_haru_body *b = pc_xcalloc(1, sizeof *b);
	b->data = z;
	b->len = zn;
	if (d->nbodies == d->capbodies) {
		d->capbodies = d->capbodies ? d->capbodies * 2 : 64;
		d->bodies = pc_xrealloc(d->bodies, d->capbodies * sizeof *d->bodies);
	}
	d->bodies[d->nbodies++] = b;
	pc_haru_set_deflated(dict, b);
}

bool pc_dev_save(pc_dev *d, pc_buf *out)
{
	if (d->page)
		pc_dev_page(d, -1);
	if (d->err)
		return false;
	for (int i = 0; i < d->nfaces; i++)
		if (d->faces[i].font) {
			pc_haru_fix_tounicode(d->faces[i].font);
			pc_haru_font_finish(d->faces[i].font);
		}
	pc_haru_each_deflated_stream(d->pdf, deflate_stream, d);
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK || d->err)
		return false;
	HPDF_ResetStream(d->pdf);
	for (;;) {
		HPDF_BYTE chunk[65536];
		HPDF_UINT32 n = sizeof chunk;
		HPDF_STATUS st = HPDF_ReadFromStream(d->pdf, chunk, &n);
		if (n)
			pc_buf_put(out, (const char *)chunk, n);
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK)
			return false;
	}
	HPDF_ResetError(d->pdf);
	return !d->err || d->err == HPDF_STREAM_EOF;
}
