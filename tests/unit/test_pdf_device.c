/*
 * The PDF device (render/pdf/device.h): the page content it writes itself
 * is what libharu's page functions write, pages can be drawn on again,
 * saving into memory and into the output give the same file; its font
 * programs (fontprog.h) and compression worker (zworker.h).
 */
#include <criterion/criterion.h>
#include <hpdf.h>
#include <hpdf_pages.h>
#include <libdeflate.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fonts/fontmap.h"
#include "render/pdf/device.h"
#include "render/pdf/fontprog.h"
#include "render/pdf/zworker.h"
#include "support.h"
#include "util/buf.h"
#include "util/output.h"

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (!memcmp(hay + i, needle, m))
			return hay + i;
	return NULL;
}

/* The object whose number follows key (as in "/Length 12 0 R"). */
static long number_of(const char *pdf, size_t n, const char *ref)
{
	char head[32];
	snprintf(head, sizeof head, "\n%d 0 obj\n", atoi(ref));
	const char *num = find(pdf, n, head, strlen(head));
	cr_assert(num);
	return atol(num + strlen(head));
}

/* The decompressed content of every FlateDecode stream of a PDF whose
 * only such streams are page contents, in file order, joined by "|". */
static char *page_contents(const pc_buf *b)
{
	pc_buf all = {0};
	const char *p = b->data, *end = b->data + b->len;
	while ((p = find(p, (size_t)(end - p), "/Filter /FlateDecode", 20))) {
		const char *dict = p;
		while (dict > b->data && memcmp(dict, "<<", 2))
			dict--;
		const char *len = find(dict, (size_t)(end - dict), "/Length ", 8);
		const char *s = find(p, (size_t)(end - p), "stream\r\n", 8);
		cr_assert(len && s);
		long zn = number_of(b->data, b->len, len + 8);
		size_t cap = 1 << 20, got = 0;
		char *raw = malloc(cap);
		struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
		cr_assert_eq(libdeflate_zlib_decompress(dc, s + 8, (size_t)zn, raw, cap, &got),
		             LIBDEFLATE_SUCCESS, "not zlib data");
		libdeflate_free_decompressor(dc);
		if (all.len)
			pc_buf_putc(&all, '|');
		pc_buf_put(&all, raw, got);
		free(raw);
		p = s + 8 + zn;
	}
	pc_buf_putc(&all, '\0');
	return all.data;
}

static pc_fontmap no_fonts;

/* Numbers whose text is easy to get wrong: rounding at the fifth decimal,
 * tiny negatives, the page size. */
static const float X[] = {0.1f,      1.0f / 3,  2.0f / 3,   841.89f, 595.276f, 12.34567f,
                          0.000004f, 0.999996f, 99.999999f, 7.5f,    100.0f};
#define NX (sizeof X / sizeof X[0])

/* The shapes drawn by the device, and by libharu's page functions with
 * the same numbers, give the same content. */
Test(device, shapes_are_written_as_libharu_writes_them)
{
	pc_dev *d = pc_dev_new(&no_fonts);
	pc_dev_pages(d, 1);
	pc_dev_page(d, 0);
	HPDF_Doc ref = HPDF_New(NULL, NULL);
	HPDF_Page page = HPDF_AddPage(ref);
	HPDF_Stream raw = ((HPDF_PageAttr)page->attr)->stream;
	bool dash = false;
	for (size_t i = 0; i < NX; i++) {
		float x = X[i], y = X[(i + 3) % NX], w = X[(i + 5) % NX], lw = X[(i + 7) % NX];
		uint32_t fill = 0x102030u * (uint32_t)(i + 1) & 0xFFFFFF, stroke = 0xFF8000u - i;
		pc_dev_rect(d, x, -y, w, y, fill, stroke, lw);
		HPDF_Page_SetRGBFill(page, (float)(fill >> 16 & 255) / 255.0f,
		                     (float)(fill >> 8 & 255) / 255.0f,
		                     (float)(fill & 255) / 255.0f);
		HPDF_Page_SetRGBStroke(page, (float)(stroke >> 16 & 255) / 255.0f,
		                       (float)(stroke >> 8 & 255) / 255.0f,
		                       (float)(stroke & 255) / 255.0f);
		HPDF_Page_SetLineWidth(page, lw);
		if (!dash) {
			HPDF_Stream_WriteStr(raw, "[] 0 d\n");
			HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
			dash = true;
		}
		HPDF_Page_Rectangle(page, x, -y, w, y);
		HPDF_Page_FillStroke(page);
		pc_dev_circle(d, x, y, w, PC_DEV_NONE, stroke, lw);
		HPDF_Page_Circle(page, x, y, w);
		HPDF_Page_Stroke(page);
		pc_dev_line(d, x, y, w, -x, stroke, lw, false);
		HPDF_Page_MoveTo(page, x, y);
		HPDF_Page_LineTo(page, w, -x);
		HPDF_Page_Stroke(page);
	}
	pc_buf out = {0};
	cr_assert(pc_dev_save(d, &out), "%s", pc_dev_error(d));
	char *got = page_contents(&out);
	HPDF_SaveToStream(ref);
	HPDF_UINT32 n = HPDF_GetStreamSize(ref);
	char *want_pdf = malloc(n + 1);
	HPDF_ReadFromStream(ref, (HPDF_BYTE *)want_pdf, &n);
	const char *s = find(want_pdf, n, "stream\r\n", 8) + 8;
	const char *e = find(s, n - (size_t)(s - want_pdf), "\nendstream", 10);
	cr_assert(s && e);
	cr_assert_eq(strlen(got), (size_t)(e - s), "%zu bytes, libharu wrote %zu", strlen(got),
	             (size_t)(e - s));
	cr_assert(!memcmp(got, s, (size_t)(e - s)), "device:\n%s\nlibharu:\n%.*s", got,
	          (int)(e - s), s);
	free(got);
	free(want_pdf);
	pc_buf_free(&out);
	HPDF_Free(ref);
	pc_dev_free(d);
}

/* A page can be drawn on again after others (its content is taken back
 * from the worker). */
Test(device, a_page_can_be_drawn_on_again)
{
	pc_dev *d = pc_dev_new(&no_fonts);
	pc_dev_pages(d, 3);
	pc_dev_page(d, 0);
	pc_dev_rect(d, 1, 1, 1, 1, 0, PC_DEV_NONE, 0);
	pc_dev_page(d, 1);
	pc_dev_rect(d, 2, 2, 2, 2, 0, PC_DEV_NONE, 0);
	pc_dev_page(d, 2);
	pc_dev_page(d, 0);
	pc_dev_rect(d, 3, 3, 3, 3, 0, PC_DEV_NONE, 0);
	pc_buf out = {0};
	cr_assert(pc_dev_save(d, &out));
	char *got = page_contents(&out);
	cr_assert_str_eq(got, "0 0 0 rg\n1 1 1 1 re\nf\n0 0 0 rg\n3 3 3 3 re\nf\n"
	                      "|0 0 0 rg\n2 2 2 2 re\nf\n|");
	free(got);
	pc_buf_free(&out);
	pc_dev_free(d);
}

static pc_fontmap fonts;
static pc_diags diags;

static void with_fonts(void)
{
	pc_diags_init(&diags, false);
	cr_assert(pc_fontmap_load(&fonts, PLANCC_SOURCE_DIR "/fonts/fonts.map", &diags));
}

static void without_fonts(void)
{
	pc_fontmap_free(&fonts);
	pc_diags_free(&diags);
}

/* A small document with text in two faces, a glyph first measured while
 * drawing (its face's program is built again), a link and an outline.
 * early: the programs are begun (pc_dev_prepare_fonts) before the last
 * glyph before the pages is measured, as after a first layout pass. */
static pc_dev *text_document_of(bool early)
{
	pc_dev *d = pc_dev_new(&fonts);
	int body = pc_dev_face(d, PC_FONT_BODY), table = pc_dev_face(d, PC_FONT_TABLE);
	const uint32_t a[] = {0x8A08, 0x753B}, b[] = {0x5E02, 0x6C11}, next[] = {0x6B21};
	for (int i = 0; i < 2; i++) {
		pc_dev_width(d, body, a[i]);
		pc_dev_width(d, table, b[i]);
	}
	if (early)
		pc_dev_prepare_fonts(d);
	pc_dev_width(d, table, next[0]); /* 次: after the programs were begun */
	pc_dev_pages(d, 2);
	pc_dev_page(d, 0);
	pc_dev_text(d, body, 12, 72, 700, 0, a, 2, 0);
	int dst = pc_dev_dest(d, 1, 800);
	pc_dev_link(d, 72, 690, 24, 12, dst);
	pc_dev_page(d, 1);
	const uint32_t late[] = {0x58F0}; /* 声: measured after the pages were made */
	pc_dev_width(d, table, late[0]);
	pc_dev_text(d, table, 10.5f, 72, 700, 0.25f, b, 2, 0x336699);
	pc_dev_text(d, table, 10.5f, 93, 700, 0.25f, late, 1, 0x336699);
	pc_dev_text(d, table, 10.5f, 114, 700, 0.25f, next, 1, 0x336699);
	pc_dev_page(d, -1);
	pc_dev_outline(d, -1, "計画", dst, true);
	pc_dev_info(d, "計画", "市", NULL, 0);
	return d;
}

static pc_dev *text_document(void)
{
	return text_document_of(false);
}

/* Programs begun before the last glyphs are measured are built again
 * with them: the file is the one made when they were begun with the
 * pages. */
Test(device, font_programs_begun_early_embed_every_glyph, .init = with_fonts, .fini = without_fonts)
{
	pc_dev *late = text_document_of(false), *early = text_document_of(true);
	pc_buf a = {0}, b = {0};
	cr_assert(pc_dev_save(late, &a), "%s", pc_dev_error(late));
	cr_assert(pc_dev_save(early, &b), "%s", pc_dev_error(early));
	cr_assert(a.len == b.len && !memcmp(a.data, b.data, a.len),
	          "programs begun early differ (%zu and %zu bytes)", a.len, b.len);
	pc_buf_free(&a);
	pc_buf_free(&b);
	pc_dev_free(late);
	pc_dev_free(early);
}

Test(device, saved_in_memory_or_into_the_output_the_file_is_the_same, .init = with_fonts,
     .fini = without_fonts)
{
	pc_dev *d = text_document();
	pc_buf mem = {0};
	cr_assert(pc_dev_save(d, &mem), "%s", pc_dev_error(d));
	char *dir = tmp_dir();
	pc_diags od;
	pc_diags_init(&od, false);
	pc_output *o = pc_output_begin(dir, &od);
	cr_assert(pc_dev_write(d, o, "sub/plan.pdf"), "%s", pc_dev_error(d));
	cr_assert(pc_output_commit(o));
	char path[4200];
	snprintf(path, sizeof path, "%s/sub/plan.pdf", dir);
	size_t n;
	char *file = read_whole(path, &n);
	cr_assert(file);
	cr_assert_eq(n, mem.len);
	cr_assert(!memcmp(file, mem.data, n), "two saves of one document differ");
	char cmd[4300];
	snprintf(cmd, sizeof cmd, "pdftotext %s - 2>&1", path);
	char *txt = capture(cmd, NULL);
	cr_assert(strstr(txt, "計画") && strstr(txt, "市民声"), "extracted: %s", txt);
	snprintf(cmd, sizeof cmd, "qpdf --check %s 2>&1", path);
	int st;
	char *q = capture(cmd, &st);
	cr_assert(st == 0 && strstr(q, "No syntax or stream encoding errors"), "%s", q);
	snprintf(cmd, sizeof cmd, "pdffonts %s 2>&1 | grep -c 'CID TrueType.*yes yes yes'", path);
	char *pf = capture(cmd, NULL);
	cr_assert_eq(atoi(pf), 2, "both faces embedded: %s", pf);
	free(pf);
	free(q);
	free(txt);
	free(file);
	remove_tree(dir);
	free(dir);
	pc_diags_free(&od);
	pc_buf_free(&mem);
	pc_dev_free(d);
}

/* Left to the end of the process, the document is not taken apart; a
 * device made afterwards works as before. */
Test(device, one_shot_leaves_the_document, .init = with_fonts, .fini = without_fonts)
{
	pc_dev_set_one_shot(true);
	pc_dev *d = text_document();
	pc_buf a = {0}, b = {0};
	cr_assert(pc_dev_save(d, &a));
	pc_dev_free(d);
	pc_dev_set_one_shot(false);
	d = text_document();
	cr_assert(pc_dev_save(d, &b));
	pc_dev_free(d);
	cr_assert(a.len == b.len && !memcmp(a.data, b.data, a.len), "not reproducible");
	pc_buf_free(&a);
	pc_buf_free(&b);
}

/* A write error is the output's to report: the device has no error. */
Test(device, a_write_error_is_reported_once, .init = with_fonts, .fini = without_fonts)
{
	pc_dev *d = text_document();
	char *dir = tmp_dir();
	pc_diags od;
	pc_diags_init(&od, false);
	pc_output *o = pc_output_begin(dir, &od);
	char blocker[4200];
	snprintf(blocker, sizeof blocker, "%s/sub", dir);
	write_file(dir, "sub", "a file where a folder should be");
	cr_assert(!pc_dev_write(d, o, "sub/plan.pdf"));
	cr_assert_null(pc_dev_error(d));
	cr_assert_eq(od.errors, 1);
	pc_output_abort(o);
	remove_tree(dir);
	free(dir);
	pc_diags_free(&od);
	pc_dev_free(d);
}

/* ---- font programs ---------------------------------------------------- */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t sum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i += 4) {
		uint8_t w[4] = {0};
		memcpy(w, p + i, n - i < 4 ? n - i : 4);
		s += be32(w);
	}
	return s;
}

/* A table of a TrueType file; NULL when absent. */
static const uint8_t *table(const uint8_t *f, const char *tag, uint32_t *len)
{
	unsigned n = (unsigned)(f[4] << 8 | f[5]);
	for (unsigned i = 0; i < n; i++) {
		const uint8_t *r = f + 12 + 16 * i;
		if (!memcmp(r, tag, 4)) {
			*len = be32(r + 12);
			return f + be32(r + 8);
		}
	}
	return NULL;
}

static uint32_t glyph_len(const uint8_t *f, unsigned gid)
{
	uint32_t n;
	const uint8_t *head = table(f, "head", &n), *loca = table(f, "loca", &n);
	if (head[51])
		return be32(loca + 4 * (gid + 1)) - be32(loca + 4 * gid);
	return 2u * ((unsigned)(loca[2 * gid + 2] << 8 | loca[2 * gid + 3]) -
	             (unsigned)(loca[2 * gid] << 8 | loca[2 * gid + 1]));
}

Test(fontprog, keeps_the_used_outlines_and_valid_checksums, .init = with_fonts,
     .fini = without_fonts)
{
	size_t n;
	uint8_t *ttf = (uint8_t *)read_whole(fonts.path[PC_FONT_TABLE], &n);
	cr_assert(ttf);
	uint32_t ml;
	unsigned nglyphs = (unsigned)(table(ttf, "maxp", &ml)[4] << 8 | table(ttf, "maxp", &ml)[5]);
	uint8_t *used = calloc(nglyphs, 1);
	unsigned keep[] = {3, 100, 1000, nglyphs - 1};
	for (size_t i = 0; i < 4; i++)
		used[keep[i]] = 1;
	size_t pn;
	uint8_t *prog = pc_fontprog_subset(ttf, n, used, nglyphs, &pn);
	cr_assert(prog);
	cr_assert_eq(pn % 4, 0);
	cr_assert_eq(sum(prog, pn), 0xB1B0AFBAu, "checkSumAdjustment");
	unsigned ntab = (unsigned)(prog[4] << 8 | prog[5]);
	for (unsigned i = 0; i < ntab; i++) {
		const uint8_t *r = prog + 12 + 16 * i;
		uint32_t off = be32(r + 8), len = be32(r + 12);
		cr_assert_eq(off % 4, 0);
		uint32_t s = sum(prog + off, len);
		if (!memcmp(r, "head", 4))
			s -= be32(prog + off + 8);
		cr_assert_eq(s, be32(r + 4), "checksum of %.4s", (const char *)r);
	}
	uint32_t gl;
	cr_assert(table(prog, "glyf", &gl));
	uint32_t want = glyph_len(ttf, 0);
	for (size_t i = 0; i < 4; i++)
		want += glyph_len(ttf, keep[i]);
	cr_assert_eq(gl, want, "glyf holds .notdef and the four glyphs");
	for (unsigned g = 0; g < nglyphs; g++)
		cr_assert_eq(glyph_len(prog, g), g == 0 || used[g] ? glyph_len(ttf, g) : 0,
		             "glyph %u", g);
	free(prog);
	free(used);
	free(ttf);
}

Test(fontprog, refuses_what_is_not_a_truetype_font, .init = with_fonts, .fini = without_fonts)
{
	size_t n, pn;
	uint8_t *ttf = (uint8_t *)read_whole(fonts.path[PC_FONT_TABLE], &n);
	uint8_t used[16] = {1, 1, 1};
	/* cut anywhere in the directory and the first tables */
	for (size_t cut = 0; cut < 4096; cut += 7) {
		uint8_t *p = pc_fontprog_subset(ttf, cut, used, 16, &pn);
		cr_assert_null(p, "a font cut at %zu bytes", cut);
	}
	/* table records pointing outside the file */
	uint8_t *bad = malloc(n);
	unsigned ntab = (unsigned)(ttf[4] << 8 | ttf[5]);
	for (unsigned i = 0; i < ntab; i++) {
		memcpy(bad, ttf, n);
		uint8_t *r = bad + 12 + 16 * i + 12;
		r[0] = 0x7F;
		cr_assert_null(pc_fontprog_subset(bad, n, used, 16, &pn), "table %u", i);
	}
	cr_assert_null(pc_fontprog_subset((const uint8_t *)"ttcf", 4, used, 16, &pn));
	cr_assert_null(pc_fontprog_subset_file("/nonexistent.ttf", used, 16, &pn));
	free(bad);
	free(ttf);
}

/* ---- the compression worker ------------------------------------------- */

static void make_text(pc_zjob *job)
{
	size_t k = (size_t)(uintptr_t)job->arg;
	job->raw = malloc(k + 1);
	for (size_t i = 0; i < k; i++)
		job->raw[i] = (uint8_t)('a' + i * k % 26);
	job->raw_len = k;
}

Test(zworker, every_job_comes_back_in_order_and_whole)
{
	enum { N = 300 };
	pc_zjob *jobs = calloc(N, sizeof *jobs);
	pc_zworker *w = pc_zworker_new();
	for (size_t i = 0; i < N; i++) {
		jobs[i].level = 1 + (int)(i % 12);
		if (i % 3 == 0) {
			jobs[i].make = make_text;
			jobs[i].arg = (void *)(uintptr_t)(i * 37);
		} else {
			jobs[i].raw_len = i * 101;
			jobs[i].raw = malloc(jobs[i].raw_len + 1);
			for (size_t k = 0; k < jobs[i].raw_len; k++)
				jobs[i].raw[k] = (uint8_t)(k * i);
		}
		pc_zworker_give(w, &jobs[i]);
	}
	for (size_t i = N; i-- > 0;) {
		pc_zworker_wait(w, &jobs[i]);
		size_t n = i % 3 == 0 ? i * 37 : i * 101;
		uint8_t *back = malloc(n + 1);
		cr_assert(pc_zinflate(jobs[i].z, jobs[i].z_len, back, n), "job %zu", i);
		for (size_t k = 0; k < n; k++)
			cr_assert_eq(back[k],
			             i % 3 == 0 ? (uint8_t)('a' + k * n % 26) : (uint8_t)(k * i));
		free(back);
		free(jobs[i].z);
	}
	pc_zworker_free(w);
	free(jobs);
}
