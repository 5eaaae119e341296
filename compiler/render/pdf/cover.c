/*
 * PDF back end, the print edition's cover (docs/pdf.md "印刷版"):
 * print/cover.pdf, one spread 表4 | 背 | 表1 with the spine as wide as the
 * body's leaves are thick. 表1 is the booklet's cover page drawn again
 * beside the spine; the spine carries the title and the city in vertical
 * text when it is wide enough.
 */
#include <string.h>

#include "../../util/utf8.h"
#include "layout.h"

#define MM(v) ((float)(v)*72.0f / 25.4f)

/* The spine's width for a body of pages: one paper thickness a leaf
 * (saddle stitching folds the sheets: no flat spine). */
float pdf_cover_spine(const pdf_print *p, int pages)
{
	if (p->binding == PC_BIND_SADDLE)
		return 0;
	return MM(p->paper_mm * (float)((pages + 1) / 2));
}

/* Vertical forms of the punctuation a title may hold (縦書き). */
static uint32_t vertical_form(uint32_t cp)
{
	switch (cp) {
	case 0x3001:
		return 0xFE11; /* 、 */
	case 0x3002:
		return 0xFE12; /* 。 */
	case 0x300C:
		return 0xFE41; /* 「 */
	case 0x300D:
		return 0xFE42; /* 」 */
	case 0xFF08:
		return 0xFE35; /* （ */
	case 0xFF09:
		return 0xFE36; /* ） */
	case 0x2015:
	case 0x2014:
		return 0xFE31; /* ― */
	default:
		return cp;
	}
}

/* Code points of s (UTF-8), at most max; their number. */
static size_t code_points(const char *s, uint32_t *cps, size_t max)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len && n < max;) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		if (cp != ' ' && cp != 0x3000)
			cps[n++] = vertical_form(cp);
	}
	return n;
}

/* Characters set one under the other, each centred on the axis x, from
 * baseline top downward. */
static void vertical_text(L *l, const uint32_t *cps, size_t n, float x, float top, float size)
{
	for (size_t i = 0; i < n; i++) {
		char u[5] = {0};
		u[pc_utf8_encode(cps[i], u)] = '\0';
		float base = top - size * (float)(i + 1) * 1.05f + size * 0.12f;
		pdf_draw_text(l, u, l->f.head, size, C_WHITE, x - size, base, AL_CENTER, 2 * size);
	}
}

/* The spine: the title from the top, the city at the foot, upright
 * characters in white on the accent, as large as the width allows (at
 * most 14 pt) and small enough for the height; nothing when the spine is
 * narrower than 4 mm. */
static void spine_text(L *l, float x0, float spine)
{
	if (spine < MM(4))
		return;
	const pc_meta *m = &l->doc->meta;
	uint32_t title[128], city[64];
	size_t nt = code_points(m->title ? m->title : "", title, 128);
	size_t nc = code_points(m->city ? m->city : "", city, 64);
	float room = PC_DEV_PAGE_H - 2 * MM(20);
	float size = spine * 0.62f;
	if (size > 14)
		size = 14;
	float need = (float)(nt + nc + 2) * size * 1.05f;
	if (need > room)
		size = room / ((float)(nt + nc + 2) * 1.05f);
	if (size < 5)
		return; /* a long title on a thin spine: left off rather than unreadable */
	float axis = x0 + spine / 2;
	vertical_text(l, title, nt, axis, PC_DEV_PAGE_H - MM(20), size);
	vertical_text(l, city, nc, axis, MM(20) + (float)nc * size * 1.05f, size);
}

/* 表4, the back: the issuer and the city low on the page. */
static void back_cover(L *l)
{
	const pc_meta *m = &l->doc->meta;
	float y = MM(40);
	if (m->print.issuer) {
		pdf_draw_text(l, m->print.issuer, l->f.table, 10, C_TEXT, BLOCK_X, y, AL_CENTER,
		              BLOCK_W);
		y += 16;
	}
	if (m->city)
		pdf_draw_text(l, m->city, l->f.head, 14, C_TEXT, BLOCK_X, y, AL_CENTER, BLOCK_W);
}

/* The glyphs of the cover page's text, measured in the cover's device so
 * that they are embedded there. */
static void measure_cover_page(L *l)
{
	for (size_t q = 0; q < l->pg.places.n && l->pg.places.v[q].page == 0; q++) {
		const item *it = &l->p.items.v[l->pg.places.v[q].item];
		for (size_t k = it->op0; k < it->op1; k++) {
			const op *o = pdf_op_at(l, k);
			if (o->kind != OP_TEXT)
				continue;
			for (size_t g = o->g0; g < o->g1; g++)
				pc_dev_width(l->dev, pdf_dglyph_style(l, pdf_dglyph_at(l, g))->face,
				             pdf_dglyph_at(l, g)->cp);
		}
	}
}

/* The cover page's band (front.c) at its height, across the spread. */
static void spread_band(L *l, const pdf_print *p, float w)
{
	for (size_t q = 0; q < l->pg.places.n && l->pg.places.v[q].page == 0; q++) {
		const item *it = &l->p.items.v[l->pg.places.v[q].item];
		if (!(it->flags & IT_ABS) || it->op1 == it->op0)
			continue;
		const op *band = pdf_op_at(l, it->op0);
		if (band->kind == OP_RECT && band->w >= PC_DEV_PAGE_W - 0.01f)
			pc_dev_rect(l->dev, -p->bleed, PC_DEV_PAGE_H - band->y - band->h,
			            w + 2 * p->bleed, band->h, band->fill, PC_DEV_NONE, 0);
		return;
	}
}

/* Fold marks: where the spine meets the covers, beyond the bleed at the
 * head and the foot. */
static void spine_marks(pc_dev *dev, const pdf_print *p, float x0, float spine)
{
	float b = p->bleed, len = MM(PRINT_MARK_LEN_MM);
	for (int e = 0; e < 2; e++) {
		float x = x0 + (e ? spine : 0);
		pc_dev_mark_line(dev, x, -b, x, -b - len, 0.25f);
		pc_dev_mark_line(dev, x, PC_DEV_PAGE_H + b, x, PC_DEV_PAGE_H + b + len, 0.25f);
	}
}

bool pdf_print_cover(L *l, const pc_fontmap *fonts, int pages, pc_output *o, time_t when)
{
	pdf_print p = pdf_print_settings(&l->doc->meta);
	float spine = pdf_cover_spine(&p, pages);
	float w = 2 * PC_DEV_PAGE_W + spine;
	pc_dev *screen = l->dev;
	pc_dev *dev = pc_dev_new(fonts);
	pc_dev_set_print(dev, pdf_print_cmyk, w, PC_DEV_PAGE_H, p.bleed, p.margin);
	pc_dev_adopt(dev, screen, false);
	l->dev = dev;
	measure_cover_page(l);
	pc_dev_pages(dev, 1);
	pc_dev_page(dev, 0);
	pdf_edition e = {p.bleed, w, PC_DEV_PAGE_H, NULL, &p};
	l->edition = &e;
	spread_band(l, &p, w);
	float x0 = PC_DEV_PAGE_W; /* the spine's left edge */
	if (spine > 0) {
		pc_dev_rect(dev, x0, -p.bleed, spine, PC_DEV_PAGE_H + 2 * p.bleed, C_ACCENT,
		            PC_DEV_NONE, 0);
		spine_text(l, x0, spine);
	}
	pdf_draw_items(l, 0, x0 + spine); /* 表1 */
	back_cover(l);
	if (p.crop_marks) {
		pdf_print_crop_marks(dev, &p, w, PC_DEV_PAGE_H);
		spine_marks(dev, &p, x0, spine);
	}
	pc_dev_page(dev, -1);
	bool ok = pdf_print_finish(l, dev, "print/cover.pdf", when) &&
	          pdf_print_write(l, dev, o, "print/cover.pdf");
	l->dev = screen;
	l->edition = NULL;
	pc_dev_free(dev);
	return ok;
}
