/*
 * The PDF back end's builder (render/pdf/builder.c) on small inputs, with
 * the fonts of the repository's map: which face sets Latin in each role,
 * full-width letters, term marks against their term, balanced lines and
 * the widths that no break may cut.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/pdf/layout.h"
#include "util/utf8.h"

static L l;
static pc_fontmap map;
static pc_diags diags;

/* A role's Latin face as pdf.c chooses it: the map's, else its own. */
static int latin_face(pc_font_role role, int face)
{
	pc_font_role lr = pc_font_latin_role(role);
	return map.path[lr] ? pc_dev_face(l.dev, lr) : face;
}

static void setup(void)
{
	memset(&l, 0, sizeof l);
	pc_diags_init(&diags, false);
	if (!pc_fontmap_load(&map, PLANCC_SOURCE_DIR "/fonts/fonts.map", &diags))
		cr_skip_test("the fonts of fonts/fonts.map are not installed");
	l.d = &diags;
	l.dev = pc_dev_new(&map);
	l.br = pc_breaker_new();
	l.f.body = pc_dev_face(l.dev, PC_FONT_BODY);
	l.f.bold = pc_dev_face(l.dev, PC_FONT_BOLD);
	l.f.head = pc_dev_face(l.dev, PC_FONT_HEADING);
	l.f.table = pc_dev_face(l.dev, PC_FONT_TABLE);
	l.f.latin = latin_face(PC_FONT_BODY, l.f.body);
	l.f.bold_latin = latin_face(PC_FONT_BOLD, l.f.bold);
	l.f.head_latin = latin_face(PC_FONT_HEADING, l.f.head);
	l.f.table_latin = latin_face(PC_FONT_TABLE, l.f.table);
	l.f.code = map.path[PC_FONT_CODE] ? pc_dev_face(l.dev, PC_FONT_CODE) : l.f.table;
	l.p.cur_box = -1;
}

static void teardown(void)
{
	free(l.p.g.v);
	free(l.p.drawn.v);
	free(l.p.styles.v);
	free(l.p.style_slots);
	free(l.p.ops.v);
	free(l.p.items.v);
	pc_lines_free(&l.lines);
	pdf_break_memos_free(&l);
	pc_breaker_free(l.br);
	pc_dev_free(l.dev);
	pc_fontmap_free(&map);
	pc_diags_free(&diags);
}

TestSuite(builder, .init = setup, .fini = teardown);

/* The glyphs of s in style st; returns the first one's index. */
static size_t add(const char *s, sty st)
{
	size_t g0 = pdf_glyph_end(&l);
	pdf_add_str(&l, s, &st);
	return g0;
}

/* The text of glyphs [a, b). */
static char *text_of(size_t a, size_t b)
{
	static char buf[256];
	size_t n = 0;
	for (size_t i = a; i < b && n + 4 < sizeof buf; i++)
		n += pc_utf8_encode(l.p.g.v[i].cp, buf + n);
	buf[n] = '\0';
	return buf;
}

/* Whether the face sets glyph a narrower than b (proportional Latin). */
static bool narrower(int face, const char *a, const char *b)
{
	size_t g0 = add(a, pdf_sty(face, 10, 0)), g1 = add(b, pdf_sty(face, 10, 0));
	return l.p.g.v[g0].fw < l.p.g.v[g1].fw * 0.7f;
}

Test(builder, latin_is_proportional_in_every_role)
{
	/* body text: the Japanese face, its Latin in the companion face */
	cr_assert_neq(l.f.latin, l.f.body, "the map gives body text a Latin face");
	size_t g0 = add("令和6年NPO", pdf_sty(l.f.body, 10, 0));
	cr_assert_eq(l.p.g.v[g0].face, l.f.body, "kanji stay in the body face");
	cr_assert_eq(l.p.g.v[g0 + 2].face, l.f.latin, "digits in its Latin face");
	cr_assert_eq(l.p.g.v[g0 + 4].face, l.f.latin, "letters in its Latin face");
	/* every role: an I narrower than an M */
	int roles[] = {l.f.body, l.f.bold, l.f.head, l.f.table};
	for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++)
		cr_expect(narrower(roles[r], "I", "M"), "role %zu sets Latin fixed-width", r);
	/* code keeps fixed-width Latin */
	sty code = pdf_sty(l.f.code, 10, 0);
	code.latin = false;
	g0 = add("IM", code);
	cr_assert_eq(l.p.g.v[g0].face, l.f.code);
	cr_assert_float_eq(l.p.g.v[g0].fw, l.p.g.v[g0 + 1].fw, 1e-4);
}

/* A face with fixed Latin and a companion in the map: the companion sets
 * the Latin of that role. */
Test(builder, a_role_with_fixed_latin_uses_its_companion)
{
	pc_fontmap m;
	pc_diags d;
	pc_diags_init(&d, false);
	char dir[] = "/tmp/plancc-map-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/fonts.map", dir);
	FILE *f = fopen(path, "w");
	fputs("body = BIZUDMincho-Regular.ttf\nbold = BIZUDGothic-Bold.ttf\n"
	      "heading = BIZUDGothic-Bold.ttf\ntable = BIZUDGothic-Regular.ttf\n"
	      "table-latin = BIZUDPGothic-Regular.ttf\n",
	      f);
	fclose(f);
	cr_assert(pc_fontmap_load(&m, path, &d));
	pc_dev *dev = pc_dev_new(&m);
	pc_dev *keep = l.dev;
	l.dev = dev;
	l.f.table = pc_dev_face(dev, PC_FONT_TABLE);
	l.f.table_latin = pc_dev_face(dev, PC_FONT_TABLE_LATIN);
	l.f.bold = pc_dev_face(dev, PC_FONT_BOLD);
	l.f.bold_latin = l.f.bold; /* none in the map */
	l.f.body = l.f.head = l.f.latin = l.f.head_latin = -1;
	size_t g0 = add("表2", pdf_sty(l.f.table, 10, 0));
	cr_assert_eq(l.p.g.v[g0 + 1].face, l.f.table_latin);
	cr_assert(narrower(l.f.table, "I", "M"));
	cr_assert_not(narrower(l.f.bold, "I", "M"), "without a companion, fixed as the face");
	l.dev = keep;
	pc_dev_free(dev);
	pc_fontmap_free(&m);
	pc_diags_free(&d);
	unlink(path);
	rmdir(dir);
}

Test(builder, full_width_letters_and_digits_print_as_latin)
{
	size_t g0 = add("SDGｓと１２３人", pdf_sty(l.f.body, 10, 0));
	cr_assert_str_eq(text_of(g0, l.p.g.n), "SDGsと123人");
	cr_assert_eq(l.p.g.v[g0 + 3].face, l.f.latin);
	pdf_prepare(&l, g0, l.p.g.n);
	/* no Japanese–Latin space inside the word: 「SDG ｓ」 never */
	cr_assert_float_eq(l.p.g.v[g0 + 3].gap, 0, 1e-6);
	/* the same in code: as written */
	sty code = pdf_sty(l.f.table, 10, 0);
	code.latin = false;
	g0 = add("ｓ", code);
	cr_assert_eq(l.p.g.v[g0].cp, 0xFF53);
}

/* A term, its raised mark as inline.c sets it, and the text after. */
static size_t term_with_mark(const char *term, const char *mark, const char *after)
{
	size_t g0 = add(term, pdf_sty(l.f.body, 10.5f, 0));
	sty m = pdf_sty(l.f.table, 10.5f * 0.62f, 0);
	m.rise = 10.5f * 0.38f;
	size_t mk = add(mark, m);
	for (size_t i = mk; i < l.p.g.n; i++)
		l.p.g.v[i].flags |= PC_G_GLUE;
	add(after, pdf_sty(l.f.body, 10.5f, 0));
	pdf_prepare(&l, g0, l.p.g.n);
	return mk;
}

Test(builder, a_mark_sits_tight_against_its_term)
{
	/* 「NPO※」, not 「NPO ※」; 「※1」 without a space inside */
	size_t mk = term_with_mark("NPO", "※1", "が");
	cr_assert_float_eq(l.p.g.v[mk].gap, 0, 1e-6, "space before ※");
	cr_assert_float_eq(l.p.g.v[mk + 1].gap, 0, 1e-6, "space inside ※1");
	cr_assert_float_eq(l.p.g.v[mk + 2].gap, 0, 1e-6, "space after ※1");
	/* on the baseline too (the glossary box): 「※1 NPO」 */
	size_t m = add("※1", pdf_sty(l.f.table, 9.5f, 0));
	pdf_prepare(&l, m, l.p.g.n);
	cr_assert_float_eq(l.p.g.v[m + 1].gap, 0, 1e-6, "space inside ※1 on the baseline");
	/* text on the baseline keeps its quarter em */
	size_t g0 = add("人口10万人", pdf_sty(l.f.body, 10, 0));
	pdf_prepare(&l, g0, l.p.g.n);
	cr_assert_float_eq(l.p.g.v[g0 + 2].gap, 2.5f, 1e-4);
}

/* Sets glyphs [g0, end) as a ragged cell w wide; the lines' texts. */
static size_t cell_lines(size_t g0, float w, bool balance, char out[][256], size_t max)
{
	pc_parshape sh = {w, 0, 0, true, true};
	if (balance)
		pdf_balance_lines(&l, g0, l.p.g.n, &sh);
	l.lines.len = 0;
	size_t nl = pdf_break(&l, g0, l.p.g.n, &sh, &l.lines);
	for (size_t k = 0; k < nl && k < max; k++)
		memcpy(out[k], text_of(g0 + l.lines.items[k].start, g0 + l.lines.items[k].end),
		       256);
	return nl;
}

/* Characters on a line, 。 and 、 aside. */
static size_t chars_of(const char *s)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += pc_utf8_decode(s + i, len - i, &cp);
		n += cp != 0x3002 && cp != 0x3001;
	}
	return n;
}

/* At some widths filling lines one by one leaves one character on the
 * last line of these cells (「…受診者｜数」); balanced lines never do,
 * nor does the plain breaker, which weighs the whole cell. */
Test(builder, balanced_cells_leave_no_lone_character)
{
	static const char *cells[] = {
	    "休日夜間急患センターの年間受診者数", "市立みなと野病院の常勤医師数",
	    "市ホームページのアクセス件数", "地域の見守り活動に参加する人の割合"};
	int lone = 0;
	for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++)
		for (float w = 40; w <= 160; w += 2) {
			char a[16][256], b[16][256];
			size_t g0 = add(cells[c], pdf_sty(l.f.table, 9, 0));
			size_t greedy = cell_lines(g0, w, false, a, 16);
			for (size_t i = g0; i < l.p.g.n; i++)
				l.p.g.v[i].flags = 0;
			size_t even = cell_lines(g0, w, true, b, 16);
			cr_assert_eq(even, greedy, "%s at %g: as many lines", cells[c], w);
			/* every character here is one 9-point em */
			size_t per = (size_t)(w / 9), chars = chars_of(cells[c]);
			lone += per > 0 && chars > per && chars % per == 1;
			if (greedy > 1)
				cr_expect_geq(chars_of(a[greedy - 1]), 2,
				              "%s at %g, plain: last line 「%s」", cells[c], w,
				              a[greedy - 1]);
			if (even > 1)
				cr_expect_geq(chars_of(b[even - 1]), 2,
				              "%s at %g: last line 「%s」", cells[c], w,
				              b[even - 1]);
		}
	cr_assert_gt(lone, 0, "filling lines one by one leaves a lone character at some width");
}

Test(builder, balanced_lines_break_before_a_bracket_not_inside_a_word)
{
	char a[8][256];
	/* greedy: 「住民基本台帳（転入｜数－転出数）」 */
	size_t g0 = add("住民基本台帳（転入数－転出数）", pdf_sty(l.f.table, 9, 0));
	size_t nl = cell_lines(g0, 78, true, a, 8);
	cr_assert_eq(nl, 2);
	cr_assert_str_eq(a[0], "住民基本台帳");
	cr_assert_str_eq(a[1], "（転入数－転出数）");
}

/* Whether a breaking cut 「まちづくり」. */
static bool cuts_machizukuri(char lines[][256], size_t n)
{
	for (size_t k = 0; k + 1 < n; k++) {
		size_t len = strlen(lines[k]);
		if ((len >= 6 && !strcmp(lines[k] + len - 6, "まち") &&
		     !strncmp(lines[k + 1], "づくり", 9)) ||
		    (len >= 3 && !strcmp(lines[k] + len - 3, "ま") &&
		     !strncmp(lines[k + 1], "ちづくり", 12)))
			return true;
	}
	return false;
}

/* Chapter titles of 22 pt, 19 characters to the line: wherever the line
 * ends, a balanced title keeps 「まちづくり」 whole and its lines even. */
Test(builder, a_title_breaks_evenly_and_keeps_its_words)
{
	static const char *const before = "市民の一人ひとりが主役となり新しい時代を拓く";
	int cut = 0;
	for (size_t k = 10; k <= 22; k++) {
		char title[512] = "", a[8][256], b[8][256];
		/* the first k characters, then the word */
		size_t len = strlen(before), at = 0;
		for (size_t n = 0; n < k && at < len; n++) {
			uint32_t cp;
			at += pc_utf8_decode(before + at, len - at, &cp);
		}
		memcpy(title, before, at);
		strcat(title, "まちづくりの推進");
		size_t g0 = add(title, pdf_sty(l.f.head, 22, 0));
		size_t greedy = cell_lines(g0, 420, false, a, 8);
		cut += cuts_machizukuri(a, greedy);
		for (size_t i = g0; i < l.p.g.n; i++)
			l.p.g.v[i].flags = 0;
		size_t nl = cell_lines(g0, 420, true, b, 8);
		cr_expect_not(cuts_machizukuri(b, nl), "「%s｜%s」", b[0], b[1]);
		if (nl == 2) {
			size_t n0 = chars_of(b[0]), n1 = chars_of(b[1]);
			cr_expect_leq(n0 > n1 ? n0 - n1 : n1 - n0, 8, "「%s｜%s」", b[0], b[1]);
		}
	}
	cr_assert_gt(cut, 0, "greedy breaking cuts 「まちづくり」 somewhere");
}

Test(builder, the_widest_unbreakable_piece)
{
	/* a number alone, and a number with its counter after a space, as
	 * tables write values: 「2,800,000｜人」 never */
	size_t g0 = add("値は、2,800,000 とする", pdf_sty(l.f.table, 9, 0));
	float number = 0;
	for (size_t i = g0 + 3; i < g0 + 12; i++)
		number += l.p.g.v[i].fw;
	float w = pdf_unbreakable_width(&l, g0, l.p.g.n, false);
	cr_assert_float_eq(w, number, 0.01f, "the number %g, measured %g", number, w);
	g0 = add("市の人口は、2,800,000 人です", pdf_sty(l.f.table, 9, 0));
	float counted = 0;
	for (size_t i = g0 + 6; i < g0 + 17; i++)
		counted += l.p.g.v[i].fw;
	w = pdf_unbreakable_width(&l, g0, l.p.g.n, false);
	cr_assert_float_eq(w, counted, 0.01f, "the number and 人 %g, measured %g", counted, w);
	/* glued glyphs go with the one before them */
	g0 = add("令和8年度", pdf_sty(l.f.table, 9, 0));
	for (size_t i = g0 + 1; i < l.p.g.n; i++)
		l.p.g.v[i].flags |= PC_G_GLUE;
	float whole = pdf_unbreakable_width(&l, g0, l.p.g.n, false), natural = 0;
	for (size_t i = g0; i < l.p.g.n; i++)
		natural += l.p.g.v[i].adv + (i > g0 ? l.p.g.v[i].gap : 0);
	cr_assert_float_eq(whole, natural, 0.01f, "all of 令和8年度: %g, measured %g", natural,
	                   whole);
}

Test(builder, a_breaking_reused_from_an_earlier_pass_is_the_same)
{
	const char *s =
	    "計画の推進にあたっては、市民と行政が将来像を共有し、協働によるまちづくりを進"
	    "めます。";
	pc_parshape sh = {120, 9, 0, false, false};
	size_t a = add(s, pdf_sty(l.f.body, 10.5f, 0));
	l.lines.len = 0;
	size_t n1 = pdf_break(&l, a, l.p.g.n, &sh, &l.lines);
	pc_line first[16];
	memcpy(first, l.lines.items, n1 * sizeof *first);
	size_t b = add(s, pdf_sty(l.f.body, 10.5f, 0));
	l.lines.len = 0;
	size_t n2 = pdf_break(&l, b, l.p.g.n, &sh, &l.lines);
	cr_assert_eq(n1, n2);
	cr_assert_eq(memcmp(first, l.lines.items, n1 * sizeof *first), 0);
	for (size_t i = 0; i < l.p.g.n - b; i++)
		cr_assert_float_eq(l.p.g.v[a + i].x, l.p.g.v[b + i].x, 1e-6);
	/* another measure is another breaking */
	sh.width = 200;
	size_t c = add(s, pdf_sty(l.f.body, 10.5f, 0));
	l.lines.len = 0;
	cr_assert_lt(pdf_break(&l, c, l.p.g.n, &sh, &l.lines), n1);
}

/* Committing turns the glyphs being set into drawn glyphs under the same
 * numbers: the same code point, position, advance, link, source and
 * flags, and its face, size, rise and colour as one of a few shared
 * styles. Glyphs made after a commit are numbered on. */
Test(builder, settled_glyphs_keep_what_drawing_needs)
{
	sty body = pdf_sty(l.f.body, BODY_SIZE, C_TEXT);
	sty red = pdf_sty(l.f.body, BODY_SIZE, 0xFF0000u);
	red.link = 7;
	red.rise = 2.5f;
	add("本文A", body);
	pdf_commit_glyphs(&l);
	cr_assert_eq(pdf_glyph_end(&l), 3, "numbers go on after a commit");
	cr_assert_eq(add("赤", red), 3);
	add("本文", body);
	pdf_glyph(&l, 4)->src = 9;
	size_t n = pdf_glyph_end(&l);
	cr_assert_eq(n, 6);
	pc_glyph before[6];
	for (size_t i = 3; i < n; i++) {
		pdf_glyph(&l, i)->x = 10.0f * (float)i;
		pdf_glyph(&l, i)->flags = (uint8_t)(i == 3 ? PC_G_HIDDEN : i == 4 ? PC_G_EN : 0);
		before[i] = *pdf_glyph(&l, i);
	}
	pdf_settle_glyphs(&l);
	cr_assert_null(l.p.g.v, "the glyph records are let go before drawing");
	cr_assert_eq(l.p.drawn.n, n);
	for (size_t i = 3; i < n; i++) {
		const pdf_dglyph *d = &l.p.drawn.v[i];
		cr_expect_eq(d->src, before[i].src);
		const pdf_gstyle *st = pdf_dglyph_style(&l, d);
		cr_expect_eq(d->cp, before[i].cp, "glyph %zu", i);
		cr_expect_float_eq(d->x, before[i].x, 1e-6);
		cr_expect_float_eq(d->fw, before[i].fw, 1e-6);
		cr_expect_eq(d->link, before[i].link);
		cr_expect_eq(d->flags, before[i].flags);
		cr_expect_eq(st->face, before[i].face);
		cr_expect_float_eq(st->size, before[i].size, 1e-6);
		cr_expect_float_eq(st->rise, before[i].rise, 1e-6);
		cr_expect_eq(st->rgb, before[i].rgb);
	}
	/* 本, 文 (body), A (its Latin face), 赤 (red, raised): three styles
	 * when the body has a Latin companion, two without */
	size_t want = l.f.latin != l.f.body ? 3 : 2;
	cr_expect_eq(l.p.styles.n, want);
	cr_expect_eq(l.p.drawn.v[0].style, l.p.drawn.v[4].style, "one style for one look");
	cr_expect_neq(l.p.drawn.v[0].style, l.p.drawn.v[3].style);
}

/* What drawing may give back after each page: nothing a later page
 * draws, including a table's header row repeated from an earlier page. */
Test(builder, pages_keep_what_later_pages_draw)
{
	/* ops: 0 header text [0,10), 1 its rule, 2 a row [10,20), 3 a row
	 * [20,30), 4 a paragraph [30,40) */
	static const size_t g[5][2] = {{0, 10}, {0, 0}, {10, 20}, {20, 30}, {30, 40}};
	for (int i = 0; i < 5; i++) {
		op o = {0};
		o.kind = g[i][1] ? OP_TEXT : OP_RECT;
		o.g0 = g[i][0];
		o.g1 = g[i][1];
		PUSH(l.p.ops, o);
	}
	l.p.drawn.v = calloc(40, sizeof *l.p.drawn.v);
	l.p.drawn.n = l.p.drawn.cap = 40;
	/* items: the header row (ops 0–1), two rows, the paragraph */
	static const size_t it[4][2] = {{0, 2}, {2, 3}, {3, 4}, {4, 5}};
	for (int i = 0; i < 4; i++) {
		item t = {0};
		t.op0 = it[i][0];
		t.op1 = it[i][1];
		PUSH(l.p.items, t);
	}
	/* page 0: header, row 1; page 1: the header again, row 2; page 2:
	 * the paragraph */
	static const int pl[5][2] = {{0, 0}, {1, 0}, {0, 1}, {2, 1}, {3, 2}};
	for (int i = 0; i < 5; i++) {
		place p = {pl[i][0], pl[i][1], 0, 0};
		PUSH(l.pg.places, p);
	}
	pdf_low *lo = pdf_page_lows(&l, 3);
	cr_expect(lo[0].op == 0 && lo[0].g == 0);
	cr_expect(lo[1].op == 0 && lo[1].g == 0,
	          "page 1 repeats the header row: op %zu glyph %zu may not go", lo[1].op, lo[1].g);
	cr_expect(lo[2].op == 4 && lo[2].g == 30, "after page 1: op %zu glyph %zu", lo[2].op,
	          lo[2].g);
	cr_expect(lo[3].op == 5 && lo[3].g == 40, "after the last page: everything");
	free(lo);
	free(l.pg.places.v);
}
