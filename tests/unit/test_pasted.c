/*
 * Characters pasted from PDFs and Word (load/pasted.c) and the coverage of
 * the fonts (fonts/coverage.c): what is replaced and what is kept, the one
 * warning per file and its place, and which characters a face lacks.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fonts/coverage.h"
#include "load/load.h"
#include "plancc.h"
#include "support.h"

static pc_arena *A;
static pc_diags D;

static void setup(void)
{
	A = pc_arena_new();
	pc_diags_init(&D, false);
}

static void teardown(void)
{
	pc_diags_free(&D);
	pc_arena_free(A);
}

TestSuite(pasted, .init = setup, .fini = teardown);
TestSuite(coverage, .init = setup, .fini = teardown);

/* Runs the replacement over a copy of s; returns the new text. */
static char *replaced(const char *s)
{
	size_t len = strlen(s);
	char *t = pc_arena_alloc(A, len + 1);
	memcpy(t, s, len + 1);
	size_t n = pc_replace_pasted(A, "00.md", t, len, &D);
	cr_assert_leq(n, len, "never longer");
	cr_assert_eq(t[n], '\0');
	return t;
}

Test(pasted, nothing_to_replace_is_left_alone)
{
	const char *s = "本文①と㎡と（全角）、ｐではなくＰ。ー\tタブ";
	cr_assert_str_eq(replaced(s), s);
	cr_assert_eq(D.len, 0, "no warning");
}

Test(pasted, radicals_become_kanji)
{
	/* ⼈ (Kangxi, NFKC) and ⻑ ⻄ (the supplement, by the table) */
	cr_assert_str_eq(replaced("⼈口と⻑期と⻄部"), "人口と長期と西部");
	cr_assert_eq(D.len, 1, "one warning for the file");
	cr_assert(strstr(D.items[0].msg, "「⼈」→「人」"), "%s", D.items[0].msg);
	cr_assert(strstr(D.items[0].msg, "3 字"), "%s", D.items[0].msg);
	cr_assert_eq(D.items[0].line, 1);
	cr_assert_eq(D.items[0].col, 1);
}

Test(pasted, radicals_without_a_kanji_stay)
{
	/* U+2E88 (KNIFE ONE) has no equivalent in the BMP: kept, no warning */
	cr_assert_str_eq(replaced("\u2E88"), "\u2E88");
	cr_assert_eq(D.len, 0);
}

Test(pasted, spaces_and_zero_width)
{
	cr_assert_str_eq(replaced("#\u00A01 章\n\u200B# 2 章\nソフト\u00ADハイフン\u2060"),
	                 "# 1 章\n# 2 章\nソフトハイフン");
	cr_assert_eq(D.len, 1);
	cr_assert(strstr(D.items[0].msg, "ノーブレークスペース 1 字"), "%s", D.items[0].msg);
	cr_assert(strstr(D.items[0].msg, "ゼロ幅の文字 3 字"), "%s", D.items[0].msg);
	/* the first replacement's place: line 1, column 2 */
	cr_assert_eq(D.items[0].line, 1);
	cr_assert_eq(D.items[0].col, 2);
}

Test(pasted, zero_width_joiner_is_kept)
{
	cr_assert_str_eq(replaced("a\u200Db"), "a\u200Db");
	cr_assert_eq(D.len, 0);
}

Test(pasted, halfwidth_katakana_joins_its_marks)
{
	cr_assert_str_eq(replaced("行 2\nｺﾐｭﾆﾃｨﾊﾞｽ･ｶﾞｲﾄﾞ"), "行 2\nコミュニティバス・ガイド");
	cr_assert_eq(D.len, 1);
	cr_assert(
	    strstr(D.items[0].msg, "半角カナ「ｺﾐｭﾆﾃｨﾊﾞｽ･ｶﾞｲﾄﾞ」→「コミュニティバス・ガイド」"),
	    "%s", D.items[0].msg);
	cr_assert_eq(D.items[0].line, 2);
	cr_assert_eq(D.items[0].col, 1);
}

Test(pasted, a_loaded_heading_after_a_zero_width_space_is_a_heading)
{
	pc_diags d;
	pc_doc *doc = compile_text("---\ntitle: 計画\n---\n\u200B# 3 環境\n\n本文\n", &d);
	cr_assert_eq(doc->sections.len, 1);
	const pc_node *s = doc->sections.items[0];
	cr_assert_str_eq(s->u.section->number, "3");
	cr_assert_str_eq(s->u.section->title, "環境");
	compile_text_done(doc, &d);
}

/* ---- coverage ---- */

static pc_coverage *load_sample_fonts(pc_fontmap *fonts)
{
	memset(fonts, 0, sizeof *fonts);
	cr_assert(pc_fontmap_load(fonts, PLANCC_SOURCE_DIR "/fonts/fonts.map", &D),
	          "the sample font map (scripts/setup installs its fonts)");
	pc_coverage *c = pc_coverage_load(fonts, &D);
	cr_assert_not_null(c);
	return c;
}

Test(coverage, what_the_faces_have)
{
	pc_fontmap fonts;
	pc_coverage *c = load_sample_fonts(&fonts);
	for (int r = 0; r < PC_FONT_ROLES; r++) {
		cr_assert(pc_coverage_has(c, r, 'A'));
		cr_assert(pc_coverage_has(c, r, 0x3042), "あ");
		cr_assert(pc_coverage_has(c, r, 0x4EBA), "人");
		cr_assert(pc_coverage_has(c, r, 0x2460), "①");
		cr_assert(pc_coverage_has(c, r, '\t'), "controls take no glyph");
		cr_assert_not(pc_coverage_has(c, r, 0x0E01), "Thai is not in BIZ UD");
		cr_assert_not(pc_coverage_has(c, r, 0x1F600), "nothing beyond the BMP");
	}
	pc_coverage_free(c);
	pc_fontmap_free(&fonts);
}

Test(coverage, a_file_that_is_no_font_is_an_error)
{
	char *dir = tmp_dir();
	write_file(dir, "bad.ttf", "not a font at all");
	char map[4096];
	snprintf(map, sizeof map, "%s/fonts.map", dir);
	write_file(dir, "fonts.map",
	           "body = bad.ttf\nbold = bad.ttf\nheading = bad.ttf\ntable = bad.ttf\n");
	pc_fontmap fonts = {0};
	cr_assert(pc_fontmap_load(&fonts, map, &D));
	cr_assert_null(pc_coverage_load(&fonts, &D));
	cr_assert_eq(D.errors, 1);
	cr_assert(strstr(D.items[0].msg, "bad.ttf"), "%s", D.items[0].msg);
	pc_fontmap_free(&fonts);
	remove_tree(dir);
	free(dir);
}

Test(coverage, the_check_reports_at_the_character)
{
	pc_fontmap fonts;
	pc_coverage *c = load_sample_fonts(&fonts);
	pc_diags d;
	pc_doc *doc =
	    compile_text("---\ntitle: 計画\n---\n# 1 章\n\n本文「\u0E01」と**\u0E02**。\n", &d);
	pc_check_glyphs(doc, c, &D);
	cr_assert_eq(D.len, 2);
	cr_assert_eq(D.items[0].line, 6);
	cr_assert_eq(D.items[0].col, 4);
	cr_assert(strstr(D.items[0].msg, "U+0E01"), "%s", D.items[0].msg);
	cr_assert_eq(D.items[1].col, 9, "inside the strong run");
	compile_text_done(doc, &d);
	pc_coverage_free(c);
	pc_fontmap_free(&fonts);
}
