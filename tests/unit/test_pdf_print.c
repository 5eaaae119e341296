/*
 * The print edition's rules (render/pdf/print.c, cover.c) on their own:
 * the colour conversion, the padding for each binding, the spine's width
 * and the gutter warning. The files themselves are checked end to end by
 * tests/print/check_print.py (ctest print_*).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "render/pdf/layout.h"

static void cmyk_of(uint32_t rgb, float want_c, float want_m, float want_y, float want_k)
{
	float c[4];
	pdf_print_cmyk(rgb, c);
	cr_expect(fabsf(c[0] - want_c) < 0.001f && fabsf(c[1] - want_m) < 0.001f &&
	              fabsf(c[2] - want_y) < 0.001f && fabsf(c[3] - want_k) < 0.001f,
	          "#%06X: %.2f %.2f %.2f %.2f, want %.2f %.2f %.2f %.2f", rgb, c[0], c[1], c[2],
	          c[3], want_c, want_m, want_y, want_k);
}

Test(print, text_black_and_rules_are_k_only)
{
	cmyk_of(C_TEXT, 0, 0, 0, 1);
	cmyk_of(C_RULE, 0, 0, 0, 0.40f);
}

Test(print, greys_are_k_only)
{
	cmyk_of(C_GREY, 0, 0, 0, 0.58f);
	cmyk_of(C_WATERMARK, 0, 0, 0, 0.10f);
	cmyk_of(C_WHITE, 0, 0, 0, 0);
	cmyk_of(0x000000u, 0, 0, 0, 1);
}

Test(print, design_colours_take_their_documented_values)
{
	cmyk_of(C_ACCENT, 0.93f, 0.36f, 0.78f, 0.27f);
	cmyk_of(C_ACCENT_LIGHT, 0.10f, 0.01f, 0.09f, 0);
	cmyk_of(0x19486Au, 1.00f, 0.77f, 0.37f, 0.27f); /* SDG 17 */
}

Test(print, other_colours_take_the_plain_formula)
{
	cmyk_of(0xFF0000u, 0, 1, 1, 0);
	cmyk_of(0x808000u, 0, 0, 1, 0.50f);
}

Test(print, perfect_binding_pads_to_even)
{
	cr_expect_eq(pdf_print_padding(PC_BIND_PERFECT, 103), 1);
	cr_expect_eq(pdf_print_padding(PC_BIND_PERFECT, 104), 0);
	cr_expect_eq(pdf_print_padding(PC_BIND_PERFECT, 1), 1);
}

Test(print, saddle_pads_with_the_cover_to_four)
{
	/* the body and the cover's four pages: a multiple of four */
	cr_expect_eq(pdf_print_padding(PC_BIND_SADDLE, 104), 0);
	cr_expect_eq(pdf_print_padding(PC_BIND_SADDLE, 103), 1);
	cr_expect_eq(pdf_print_padding(PC_BIND_SADDLE, 101), 3);
	for (int n = 1; n < 40; n++)
		cr_expect_eq((n + pdf_print_padding(PC_BIND_SADDLE, n) + 4) % 4, 0);
}

Test(print, spine_is_leaves_times_paper)
{
	pdf_print p;
	memset(&p, 0, sizeof p);
	p.binding = PC_BIND_PERFECT;
	p.paper_mm = 0.1f;
	cr_expect(fabsf(pdf_cover_spine(&p, 104) - 5.2f * 72 / 25.4f) < 0.01f);
	cr_expect(fabsf(pdf_cover_spine(&p, 103) - 5.2f * 72 / 25.4f) < 0.01f);
	p.paper_mm = 0.08f;
	cr_expect(fabsf(pdf_cover_spine(&p, 400) - 16.0f * 72 / 25.4f) < 0.01f);
	p.binding = PC_BIND_SADDLE;
	cr_expect_eq(pdf_cover_spine(&p, 104), 0);
}

Test(print, settings_from_the_front_matter)
{
	pc_meta m;
	memset(&m, 0, sizeof m);
	pdf_print p = pdf_print_settings(&m);
	cr_expect(!p.crop_marks);
	cr_expect_eq(p.binding, PC_BIND_PERFECT);
	cr_expect(fabsf(p.paper_mm - PRINT_PAPER_MM) < 1e-6f);
	cr_expect(fabsf(p.margin - p.bleed) < 1e-6f, "no marks: the MediaBox is the bleed box");
	m.print.crop_marks = true;
	m.print.paper_mm = 0.12f;
	p = pdf_print_settings(&m);
	cr_expect(p.margin > p.bleed + 10 * 72 / 25.4f);
	cr_expect(fabsf(p.paper_mm - 0.12f) < 1e-6f);
}

/* A page with one line of text from x to x + w. */
static size_t gutter_warnings(int page, float x, float w)
{
	L l;
	memset(&l, 0, sizeof l);
	pc_diags d;
	pc_diags_init(&d, false);
	l.d = &d;
	pc_glyph g;
	memset(&g, 0, sizeof g);
	g.cp = 'A';
	g.fw = w;
	PUSH(l.p.g, g);
	pdf_settle_glyphs(&l); /* as before drawing: the check reads drawn glyphs */
	op o;
	memset(&o, 0, sizeof o);
	o.kind = OP_TEXT;
	o.x = x;
	o.g0 = 0;
	o.g1 = 1;
	PUSH(l.p.ops, o);
	item it;
	memset(&it, 0, sizeof it);
	it.op0 = 0;
	it.op1 = 1;
	PUSH(l.p.items, it);
	place p = {0, page, 0, 0};
	PUSH(l.pg.places, p);
	pdf_print_check_gutter(&l, page);
	size_t n = d.warnings;
	free(l.p.drawn.v);
	free(l.p.styles.v);
	free(l.p.style_slots);
	free(l.p.ops.v);
	free(l.p.items.v);
	free(l.pg.places.v);
	pc_diags_free(&d);
	return n;
}

Test(print, text_near_the_gutter_is_a_warning)
{
	float mm = 72 / 25.4f;
	/* page 1 is a right-hand page: its gutter is the left edge */
	cr_expect_eq(gutter_warnings(0, 4 * mm, 50), 1);
	cr_expect_eq(gutter_warnings(0, BLOCK_X, 50), 0);
	/* page 2 is a left-hand page: its gutter is the right edge */
	cr_expect_eq(gutter_warnings(1, PC_DEV_PAGE_W - 50 - 4 * mm, 50), 1);
	cr_expect_eq(gutter_warnings(1, 4 * mm, 50), 0);
}
