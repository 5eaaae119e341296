/* The PDF back end's line layout core (render/pdf/text.h): kinsoku,
 * Latin words and numbers, punctuation spacing and justified widths. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "render/pdf/text.h"
#include "util/utf8.h"

#define SIZE 10.0f

static pc_breaker *br;
static pc_glyph g[4096];
static size_t ng;
static pc_lines lines;

static void setup(void)
{
	br = pc_breaker_new();
	memset(&lines, 0, sizeof lines);
}

static void teardown(void)
{
	pc_breaker_free(br);
	pc_lines_free(&lines);
}

TestSuite(pdf_text, .init = setup, .fini = teardown);

/* Glyphs with the metrics of a Japanese font with half-width Latin:
 * everything full width but ASCII (half) and the space (quarter). */
static void glyphs(const char *s)
{
	ng = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len && ng < 4096;) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		pc_glyph *q = &g[ng++];
		memset(q, 0, sizeof *q);
		q->cp = cp;
		q->size = SIZE;
		q->fw = cp == ' ' ? SIZE / 4 : cp < 0x80 ? SIZE / 2 : SIZE;
		q->link = -1;
	}
	pc_text_prepare(g, ng);
}

static size_t set(float width, float first, float rest)
{
	pc_parshape sh = {width, first, rest, false, false};
	lines.len = 0;
	return pc_text_break(br, g, ng, &sh, &lines);
}

static bool in(uint32_t cp, const char *set)
{
	size_t len = strlen(set);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = pc_utf8_decode(set + i, len - i, &c);
		i += k ? k : 1;
		if (c == cp)
			return true;
	}
	return false;
}

static const char *NO_START =
    "、。，．」』）〕】〉》ー・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々！？：；";
static const char *NO_END = "「『（〔【〈《";

static void check_kinsoku(void)
{
	for (size_t k = 0; k < lines.len; k++) {
		const pc_line *l = &lines.items[k];
		cr_assert(l->end > l->start, "line %zu is empty", k);
		if (k > 0)
			cr_expect(!in(g[l->start].cp, NO_START), "line %zu starts with U+%04X", k,
			          (unsigned)g[l->start].cp);
		if (!l->last)
			cr_expect(!in(g[l->end - 1].cp, NO_END), "line %zu ends with U+%04X", k,
			          (unsigned)g[l->end - 1].cp);
	}
}

static void check_widths(void)
{
	for (size_t k = 0; k < lines.len; k++) {
		const pc_line *l = &lines.items[k];
		float right = pc_line_right(g, l);
		cr_expect(right <= l->left + l->avail + 0.02f, "line %zu overflows: %f > %f", k,
		          right, l->left + l->avail);
		if (!l->last)
			cr_expect(fabsf(right - (l->left + l->avail)) < 0.02f,
			          "justified line %zu ends at %f, not %f", k, right,
			          l->left + l->avail);
	}
}

Test(pdf_text, period_never_starts_a_line)
{
	/* ten characters fit; the eleventh is 。 */
	glyphs("あいうえおかきくけこ。さしすせそたちつてと。");
	set(10 * SIZE, 0, 0);
	cr_assert_gt(lines.len, 1);
	check_kinsoku();
	check_widths();
}

Test(pdf_text, closing_brackets_and_small_kana)
{
	const char *texts[] = {
	    "あいうえおかきくけ」こさしすせそたちつてとなにぬねの",
	    "あいうえおかきくけっこさしすせそたちつてとなにぬねの",
	    "あいうえおかきくけーこさしすせそたちつてとなにぬねの",
	    "あいうえおかきくけゃこさしすせそたちつてとなにぬねの",
	    "あいうえおかきくけ・こさしすせそたちつてとなにぬねの",
	    "あいうえおかきくけ）』。こさしすせそたちつてとなにぬねの",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		glyphs(texts[i]);
		set(10 * SIZE, 0, 0);
		check_kinsoku();
		check_widths();
	}
}

Test(pdf_text, opening_bracket_never_ends_a_line)
{
	glyphs("あいうえおかきくけ「こさしす」せそたちつてとなにぬねの");
	set(10 * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	for (size_t k = 0; k + 1 < lines.len; k++)
		cr_expect_neq(g[lines.items[k].end - 1].cp, 0x300C);
}

Test(pdf_text, latin_words_stay_whole)
{
	glyphs(
	    "これはInternationalizationとLocalizationの例で、人口は123,456人、割合は12.5%です。");
	set(12 * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	const char *words[] = {"Internationalization", "Localization", "123,456", "12.5%"};
	for (size_t w = 0; w < 4; w++) {
		/* find the word and check that no line starts inside it */
		size_t n = 0;
		const char *p = words[w];
		for (size_t i = 0; i + strlen(p) <= ng; i++) {
			bool eq = true;
			for (size_t j = 0; p[j]; j++)
				if (g[i + j].cp != (uint32_t)(unsigned char)p[j]) {
					eq = false;
					break;
				}
			if (!eq)
				continue;
			n++;
			for (size_t k = 0; k < lines.len; k++)
				cr_expect(!(lines.items[k].start > i &&
				            lines.items[k].start < i + strlen(p)),
				          "'%s' split by line %zu", p, k);
		}
		cr_expect_eq(n, 1, "'%s' not found", p);
	}
}

Test(pdf_text, overlong_word_is_split_and_marked)
{
	/* 45 letters of 5 pt on lines of 80 pt: no break opportunity fits */
	glyphs("語はPneumonoultramicroscopicsilicovolcanoconiosisです。");
	set(8 * SIZE, 0, 0);
	cr_assert_gt(lines.len, 2);
	bool split = false;
	for (size_t k = 1; k < lines.len; k++)
		split |= (g[lines.items[k].start].flags & PC_G_SPLIT) != 0;
	cr_expect(split, "no line was marked as split inside the word");
	for (size_t k = 0; k < lines.len; k++)
		cr_expect(pc_line_right(g, &lines.items[k]) <= 8 * SIZE + 0.02f,
		          "line %zu overflows", k);
}

Test(pdf_text, justified_lines_fill_the_measure)
{
	glyphs("本市では、平成24年度に「第1次みどり市総合計画」を策定し、「人と自然が響きあう、安心"
	       "と活"
	       "力のまち」を将来像として、さまざまな施策に取り組んできました。この間、人口減少や少"
	       "子高齢"
	       "化の進行、大規模災害の発生、デジタル技術（DX）の急速な進展など、本市を取り巻く社会"
	       "経済情"
	       "勢は大きく変化しています。");
	size_t n = set(40 * SIZE, SIZE, 0);
	cr_assert_gt(n, 2);
	check_kinsoku();
	check_widths();
	/* the last line is flush left: it ends before the measure */
	const pc_line *last = &lines.items[lines.len - 1];
	cr_expect(last->last);
	cr_expect_lt(pc_line_right(g, last), last->left + last->avail - 0.5f);
	/* first-line indent of one em */
	cr_expect_float_eq(g[lines.items[0].start].x, SIZE, 0.01);
	cr_expect_float_eq(lines.items[1].left, 0, 0.01);
}

Test(pdf_text, hanging_indent)
{
	glyphs("①市民参画の推進に向けた取組を、地域の実情に応じて段階的に進め、市民一人ひとりが主体"
	       "的に"
	       "まちづくりに関わることができる環境を整えます。");
	set(20 * SIZE, 0, SIZE);
	cr_assert_gt(lines.len, 1);
	for (size_t k = 1; k < lines.len; k++)
		cr_expect_float_eq(lines.items[k].left, SIZE, 0.01);
	check_widths();
}

Test(pdf_text, punctuation_pairs_lose_half_an_em)
{
	glyphs("「あ」「い」、（う）。");
	/* 」 followed by 「: the closing bracket keeps only its glyph half */
	cr_expect_float_eq(g[2].adv, SIZE / 2, 0.01);
	/* 」 followed by 、 */
	cr_expect_float_eq(g[5].adv, SIZE / 2, 0.01);
	/* 、 followed by （ */
	cr_expect_float_eq(g[6].adv, SIZE / 2, 0.01);
	/* ） followed by 。 */
	cr_expect_float_eq(g[9].adv, SIZE / 2, 0.01);
	/* 。 at the end keeps its advance until the line end drops the blank */
	cr_expect_float_eq(g[10].adv, SIZE, 0.01);
}

Test(pdf_text, quarter_em_between_japanese_and_latin)
{
	glyphs("日本Japan語123。");
	cr_expect_float_eq(g[2].gap, SIZE / 4, 0.01); /* 本|J */
	cr_expect_float_eq(g[3].gap, 0, 0.01);        /* inside the word */
	cr_expect_float_eq(g[7].gap, SIZE / 4, 0.01); /* n|語 */
	cr_expect_float_eq(g[8].gap, SIZE / 4, 0.01); /* 語|1 */
	cr_expect_float_eq(g[11].gap, 0, 0.01);       /* 3|。: none beside punctuation */
}

Test(pdf_text, line_end_squeezes_punctuation)
{
	/* 11 full-width glyphs, two of them commas with half an em of blank
	 * each: they fit in 10 ems, not in 9.5 */
	glyphs("あいう、えおか、きくけ");
	cr_assert_float_eq(g[3].fw, SIZE, 0.01);
	set(10 * SIZE, 0, 0);
	cr_expect_eq(lines.len, 1, "two half-em squeezes make room for an 11th glyph");
	check_widths();
	glyphs("あいう、えおか、きくけ");
	set(9.5f * SIZE, 0, 0);
	cr_expect_eq(lines.len, 2);
	check_kinsoku();
	check_widths();
}

Test(pdf_text, forced_break)
{
	glyphs("あいう\xE2\x80\xA8えお"); /* U+2028 */
	set(20 * SIZE, 0, 0);
	cr_assert_eq(lines.len, 2);
	cr_expect(lines.items[0].last, "a line before a forced break is not justified");
	cr_expect_eq(g[lines.items[1].start].cp, 0x3048);
}

Test(pdf_text, classes)
{
	cr_expect_eq(pc_text_class(0x3002), PC_CC_PERIOD);
	cr_expect_eq(pc_text_class(0x3001), PC_CC_COMMA);
	cr_expect_eq(pc_text_class(0x300C), PC_CC_OPEN);
	cr_expect_eq(pc_text_class(0x300D), PC_CC_CLOSE);
	cr_expect_eq(pc_text_class(0x30FC), PC_CC_NOSTART);
	cr_expect_eq(pc_text_class(0x3083), PC_CC_NOSTART);
	cr_expect_eq(pc_text_class('A'), PC_CC_LATIN);
	cr_expect_eq(pc_text_class(0x65E5), PC_CC_CJK);
	cr_expect_eq(pc_text_class(0x203B), PC_CC_CJK); /* ※ */
}
