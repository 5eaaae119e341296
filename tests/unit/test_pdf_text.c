/* The PDF back end's line layout core (render/pdf/text.h): kinsoku,
 * Latin words and numbers, punctuation spacing and justified widths. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
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
		if (l->hang) { /* a 、 or 。 starting at the measure, past it */
			const pc_glyph *q = &g[l->end - 1];
			cr_expect(in(q->cp, "、。，．"), "line %zu hangs U+%04X", k,
			          (unsigned)q->cp);
			right = q->x - q->off;
		}
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

/* ---- Paragraph-level choices (total fit) ----------------------------- */

static size_t set_shape(pc_parshape sh)
{
	lines.len = 0;
	return pc_text_break(br, g, ng, &sh, &lines);
}

/* Index of the first glyph with code point cp at or after from. */
static size_t find_cp(uint32_t cp, size_t from)
{
	for (size_t i = from; i < ng; i++)
		if (g[i].cp == cp)
			return i;
	cr_assert_fail("U+%04X not found", (unsigned)cp);
	return 0;
}

/* Distance from glyph i to the next one on the same line. */
static float step_after(size_t i)
{
	return g[i + 1].x - g[i + 1].off - (g[i].x - g[i].off);
}

/* How much wider a justified line is set than its natural width, in em. */
static float stretch_of(const pc_line *l)
{
	float nat = 0;
	for (size_t i = l->start; i < l->end; i++)
		nat += g[i].adv + (i > l->start ? g[i].gap : 0);
	const pc_glyph *q = &g[l->end - 1];
	if (q->trail > 0 && q->cls != PC_CC_NOSTART)
		nat -= q->trail;
	return (pc_line_right(g, l) - l->left - nat) / SIZE;
}

Test(pdf_text, a_character_moves_down_rather_than_squeeze_a_comma)
{
	/* 「あいうえお、かきくけ」 is 10 em: on 9.5 em it fits only with the
	 * comma half-width. Moving け down leaves 、 whole and the line ½ em
	 * short, which justification spreads. */
	glyphs("あいうえお、かきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよ。");
	set(9.5f * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	size_t comma = find_cp(0x3001, 0);
	cr_expect_geq(step_after(comma), SIZE - 0.02f, "、 set %f em wide",
	              step_after(comma) / SIZE);
	for (size_t k = 0; k + 1 < lines.len; k++)
		cr_expect_leq(stretch_of(&lines.items[k]), 0.5f + 0.01f, "line %zu stretched %f em",
		              k, stretch_of(&lines.items[k]));
}

Test(pdf_text, a_period_hangs_rather_than_stretch_the_line)
{
	/* ten characters fill the 10-em line and 。 follows: it may not start
	 * the next line and the line has nothing to squeeze, so without
	 * hanging け and こ would go down with it, leaving the line an em
	 * short. Hung, 。 sits past the measure and the line is full. */
	glyphs("あいうえおかきくけこ。さしすせそたちつてとなにぬねのはひふへほ。");
	set(10 * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	size_t period = find_cp(0x3002, 0);
	cr_assert(lines.items[0].hang, "the first line does not hang its 。");
	cr_expect_eq(lines.items[0].end, period + 1);
	cr_expect_float_eq(g[period].x, 10 * SIZE, 0.02, "。 at %f, not at the measure",
	                   g[period].x / SIZE);
	cr_expect_float_eq(g[period - 1].x + SIZE, 10 * SIZE, 0.02);
	for (size_t k = 0; k + 1 < lines.len; k++)
		cr_expect(!lines.items[k].hang || k == 0, "line %zu hangs", k);
	/* ragged text never hangs: 。 goes down with what it needs */
	pc_parshape ragged = {10 * SIZE, 0, 0, true, false, false};
	set_shape(ragged);
	for (size_t k = 0; k < lines.len; k++) {
		cr_expect(!lines.items[k].hang, "ragged line %zu hangs", k);
		cr_expect_leq(pc_line_right(g, &lines.items[k]), 10 * SIZE + 0.02f);
	}
}

Test(pdf_text, a_comma_fitting_in_the_line_does_not_hang)
{
	/* 、 ends the line within the measure: no reason to hang it */
	glyphs("あいうえおかきくけ、こさしすせそたちつてとなにぬねの。");
	set(9.5f * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	cr_expect(!lines.items[0].hang);
	cr_expect_eq(g[lines.items[0].end - 1].cp, 0x3001);
}

Test(pdf_text, gaps_between_japanese_characters_give_a_hundredth_of_an_em)
{
	/* 20 characters on 19.85 em: 0.15 em must go and there is no
	 * punctuation to squeeze; the 19 gaps give up 0.01 em each at most
	 * (0.19 em), so the line holds all 20 instead of being stretched by
	 * 0.85 em with 19 */
	glyphs("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよ。");
	set(19.85f * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	const pc_line *l = &lines.items[0];
	cr_assert_eq(l->end - l->start, 20, "the first line holds %zu characters",
	             l->end - l->start);
	for (size_t i = l->start; i + 1 < l->end; i++) {
		float step = step_after(i);
		cr_expect(step <= SIZE + 0.001f && step >= SIZE - 0.01f * SIZE - 0.001f,
		          "gap after glyph %zu is %f em", i, step / SIZE - 1);
	}
	/* and no more than that: on 19.75 em the 20th character goes down */
	set(19.75f * SIZE, 0, 0);
	cr_expect_eq(lines.items[0].end - lines.items[0].start, 19);
}

Test(pdf_text, squeezing_takes_commas_before_periods)
{
	/* one line of 10 em on 9.5 em: half an em must go, from 、 not 。 */
	glyphs("あいう、えお。かきく");
	set(9.5f * SIZE, 0, 0);
	cr_assert_eq(lines.len, 1);
	check_widths();
	cr_expect_float_eq(step_after(3), SIZE / 2, 0.02, "、 set %f em wide",
	                   step_after(3) / SIZE);
	cr_expect_float_eq(step_after(6), SIZE, 0.02, "。 set %f em wide", step_after(6) / SIZE);
}

/* 「あいうえおかAく、け」 is 10 em (A with its ¼-em spaces is an em) and
 * fits on 9.25 with the spaces at ⅛ em and the blank of 、 squeezed;
 * moving け down instead leaves a line ¾ em short. A 、 is squeezed for
 * that; a 。 keeps its blank (JLREQ does not reduce it) and the line is
 * stretched. */
Test(pdf_text, a_period_keeps_its_blank_where_a_comma_gives_it)
{
	const char *rest = "こさしすせそたちつてとなにぬねの";
	char text[256];
	snprintf(text, sizeof text, "あいうえおかAく、け%s", rest);
	glyphs(text);
	set(9.25f * SIZE, 0, 0);
	check_widths();
	size_t ke = find_cp(0x3051, 0); /* け */
	cr_expect_eq(lines.items[0].end, ke + 1, "、 not squeezed: け moved down");
	cr_expect_float_eq(step_after(ke - 1), SIZE / 2, 0.02, "、 set %f em wide",
	                   step_after(ke - 1) / SIZE);
	snprintf(text, sizeof text, "あいうえおかAく。け%s", rest);
	glyphs(text);
	set(9.25f * SIZE, 0, 0);
	check_widths();
	ke = find_cp(0x3051, 0);
	cr_expect_eq(lines.items[0].end, ke, "。 squeezed to keep け on the line");
}

Test(pdf_text, squeezing_takes_brackets_before_commas)
{
	glyphs("あいう」えお、かきく");
	set(9.5f * SIZE, 0, 0);
	cr_assert_eq(lines.len, 1);
	check_widths();
	cr_expect_float_eq(step_after(3), SIZE / 2, 0.02, "」 set %f em wide",
	                   step_after(3) / SIZE);
	cr_expect_float_eq(step_after(6), SIZE, 0.02, "、 set %f em wide", step_after(6) / SIZE);
}

Test(pdf_text, squeezing_takes_middle_dots_before_commas)
{
	/* ・ has a quarter em of blank on either side (JLREQ cl-05) */
	glyphs("あいう・えお、かきく");
	set(9.5f * SIZE, 0, 0);
	cr_assert_eq(lines.len, 1);
	check_widths();
	cr_expect_float_eq(g[4].x - g[2].x, 1.5f * SIZE, 0.02, "う・え spans %f em",
	                   (g[4].x - g[2].x) / SIZE);
	cr_expect_float_eq(step_after(6), SIZE, 0.02, "、 set %f em wide", step_after(6) / SIZE);
}

Test(pdf_text, squeezing_takes_japanese_latin_spaces_first_down_to_an_eighth)
{
	/* あいう A えお、かきく: 9 em of kana, A (½ em) and two ¼-em spaces =
	 * 10 em; on 9.75 em the spaces give a quarter em and 、 stays whole */
	glyphs("あいうAえお、かきく");
	set(9.75f * SIZE, 0, 0);
	cr_assert_eq(lines.len, 1);
	check_widths();
	cr_expect_float_eq(g[3].x - (g[2].x + SIZE), SIZE / 8, 0.02);
	cr_expect_float_eq(g[4].x - (g[3].x + SIZE / 2), SIZE / 8, 0.02);
	cr_expect_float_eq(step_after(6), SIZE, 0.02, "、 set %f em wide", step_after(6) / SIZE);
	/* and never below an eighth: on 9.6 em the rest comes from 、 */
	glyphs("あいうAえお、かきく");
	set(9.6f * SIZE, 0, 0);
	cr_assert_eq(lines.len, 1);
	cr_expect_float_eq(g[3].x - (g[2].x + SIZE), SIZE / 8, 0.02);
	cr_expect_float_eq(step_after(6), 0.85f * SIZE, 0.02, "、 set %f em wide",
	                   step_after(6) / SIZE);
}

Test(pdf_text, no_paragraph_ends_in_one_or_two_characters)
{
	const char *texts[] = {
	    /* 21 kana and 。 on lines of 10: greedily 10 + 10 + 「ほ。」 */
	    "あいうえおかきくけこさしすせそたちつてとほ。",
	    /* one character and 。 after two full lines of 12 */
	    "本市では地域の担い手を育てるとともに関係機関と連携を深めます。",
	};
	float widths[] = {10, 12};
	for (size_t t = 0; t < 2; t++) {
		glyphs(texts[t]);
		set(widths[t] * SIZE, 0, 0);
		check_kinsoku();
		check_widths();
		cr_assert_gt(lines.len, 1);
		const pc_line *last = &lines.items[lines.len - 1];
		cr_expect_gt(last->end - last->start, 2, "text %zu ends in a line of %zu", t,
		             last->end - last->start);
	}
}

/* 「…くしょ｜う。」 or 「…く｜しょう。」: ょ cannot start a line, and nothing
 * on the first line can be squeezed, so the only way to avoid a last line
 * of one syllable is a first line two ems short. It is taken. */
Test(pdf_text, a_lone_syllable_costs_more_than_two_ems_of_stretch)
{
	glyphs("あいうえおかきくしょう。");
	set(10 * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	cr_assert_eq(lines.len, 2);
	cr_expect_eq(lines.items[1].start, find_cp(0x3057, 0), "the last line is 「%s」",
	             lines.items[1].start == find_cp(0x3046, 3) ? "う。" : "other");
	cr_expect_float_eq(stretch_of(&lines.items[0]), 2, 0.02, "stretched %f em",
	                   stretch_of(&lines.items[0]));
}

/* True if a line ends right after glyph i (and another line follows). */
static bool broken_after(size_t i)
{
	for (size_t k = 0; k + 1 < lines.len; k++)
		if (lines.items[k].end == i + 1)
			return true;
	return false;
}

static bool is_ascii_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

Test(pdf_text, numbers_stay_with_their_counters_at_every_width)
{
	const char *texts[] = {
	    "市内では114団体が活動しており、20歳代から40歳代の参加者は約3か所の拠点で延べ1万2千人"
	    "に達しました。",
	    "計画期間は令和9年2月から令和13年度までで、平成21年に始まった事業を第2次計画として引き"
	    "継"
	    "ぎ、令和元年度の実績1,250件を上回る目標を掲げます。",
	};
	/* the widest run, 1万2千人, is 4.75 em; the first line is indented */
	for (size_t t = 0; t < 2; t++)
		for (float w = 6; w <= 20; w += 0.5f) {
			glyphs(texts[t]);
			set(w * SIZE, SIZE, 0);
			for (size_t i = 0; i + 1 < ng; i++) {
				if (!broken_after(i))
					continue;
				uint32_t a = g[i].cp, c = g[i + 1].cp;
				bool counter = in(c, "団歳か人件年月度次");
				cr_expect(!(is_ascii_digit(a) && counter),
				          "%s: %g em: digit|U+%04X", texts[t], (double)w,
				          (unsigned)c);
				cr_expect(
				    !(a == 0x5E73 || a == 0x4EE4 || a == 0x7B2C), /* 平 令 第 */
				    "%g em: era or 第 split after U+%04X", (double)w, (unsigned)a);
				cr_expect(!(in(c, "万千") && is_ascii_digit(a)), "%g em: digit|万",
				          (double)w);
			}
		}
}

Test(pdf_text, a_value_keeps_its_unit_after_a_space_and_a_slash)
{
	/* table values are written 8,640 件/年: the number, the space, 件, / and
	 * 年 are one piece in a cell as narrow as the piece (5.75 em; the cell
	 * ends with it, as a value cell does: a phrase would take の along) */
	for (float w = 5.75f; w <= 9; w += 0.25f) {
		glyphs("延べ8,640 件/年");
		pc_parshape sh = {w * SIZE, 0, 0, true, true, false};
		set_shape(sh);
		size_t space = find_cp(' ', 0), slash = find_cp('/', 0);
		cr_expect(!broken_after(space) && !broken_after(space - 1), "%g em: 8,640|件",
		          (double)w);
		cr_expect(!broken_after(slash), "%g em: 件/|年", (double)w);
	}
	/* a space before a word that is no counter stays a break */
	glyphs("値は8,640 とする");
	pc_parshape sh = {40 * SIZE, 0, 0, true, false, false};
	uint8_t open[64];
	pc_text_opportunities(br, g, ng, &sh, open);
	cr_expect_eq(open[find_cp(0x3068, 0)], 1, "no break before と");
	glyphs("値は8,640 件/年");
	pc_text_opportunities(br, g, ng, &sh, open);
	cr_expect_eq(open[find_cp(0x4EF6, 0)], 0, "a break before 件");
	cr_expect_eq(open[find_cp(0x5E74, 0)], 0, "a break before 年");
}

Test(pdf_text, era_and_year_stay_together_in_ragged_text)
{
	/* a table cell or heading: 令和 with its year, and the year with its
	 * bracketed Western year, as long as the line can hold them */
	/* 令和8(2026)年度 is 8 em wide */
	for (float w = 8; w <= 14; w += 0.5f) {
		glyphs("目標値は令和8(2026)年度の数値です");
		pc_parshape sh = {w * SIZE, 0, 0, true, false, false};
		set_shape(sh);
		size_t era = find_cp(0x548C, 0); /* 和 */
		cr_expect(!broken_after(era), "%g em: 令和|8", (double)w);
		cr_expect(!broken_after(era + 1), "%g em: 8|(2026)", (double)w);
		cr_expect(!broken_after(era + 7), "%g em: (2026)|年度", (double)w);
	}
}

Test(pdf_text, dates_break_between_their_parts_only_when_needed)
{
	/* 本市の審議会は令和9年 is 11 em and fits on 12, 令和9年2月 does not:
	 * the date goes whole to the next line rather than split after 年 */
	glyphs("本市の審議会は令和9年2月に答申をまとめました。");
	pc_parshape sh = {12 * SIZE, 0, 0, true, false, false};
	set_shape(sh);
	cr_assert_gt(lines.len, 1);
	cr_expect(!broken_after(find_cp(0x5E74, 0)), "令和9年|2月");
	cr_expect(broken_after(find_cp(0x306F, 0)), "not broken before 令和");
}

Test(pdf_text, katakana_compounds_break_at_middle_dots_in_ragged_text)
{
	/* lines after the first are 2 em narrower; the longest word is 7 em */
	const char *text = "ファミリー・サポート・センターとコミュニティ・スクール";
	for (float w = 9; w <= 18; w += 0.5f) {
		glyphs(text);
		pc_parshape sh = {w * SIZE, 0, 2 * SIZE, true, false, false};
		set_shape(sh);
		check_kinsoku();
		for (size_t i = 0; i + 1 < ng; i++)
			if (broken_after(i))
				cr_expect(
				    g[i].cp == 0x30FB || g[i].cp == 0x3068 || g[i + 1].cp == 0x3068,
				    "%g em: broken after U+%04X", (double)w, (unsigned)g[i].cp);
	}
}

Test(pdf_text, a_katakana_word_wider_than_the_line_still_breaks)
{
	glyphs("コミュニケーションネットワーク");
	pc_parshape sh = {5 * SIZE, 0, 0, true, false, false};
	set_shape(sh);
	cr_expect_geq(lines.len, 3);
	for (size_t k = 0; k < lines.len; k++)
		cr_expect_leq(pc_line_right(g, &lines.items[k]), 5 * SIZE + 0.02f,
		              "line %zu overflows", k);
	check_kinsoku();
}

Test(pdf_text, balanced_ragged_lines)
{
	/* 14 characters on 12: balanced, 7 and 7 rather than 12 and 2 */
	glyphs("地域で支え合う安心のまちづくり");
	pc_parshape sh = {12 * SIZE, 0, 0, true, false, true};
	set_shape(sh);
	cr_assert_eq(lines.len, 2);
	size_t a = lines.items[0].end - lines.items[0].start;
	size_t b = lines.items[1].end - lines.items[1].start;
	cr_expect_leq(a > b ? a - b : b - a, 2, "lines of %zu and %zu characters", a, b);
}

Test(pdf_text, min_width_is_the_widest_unbreakable_run)
{
	/* 114団体 (3 digits of ½ em, a ¼-em space, 2 em) is wider than any
	 * single kana */
	glyphs("市内の114団体が参加");
	pc_parshape sh = {40 * SIZE, 0, 0, true, false, false};
	cr_expect_float_eq(pc_text_min_width(br, g, ng, &sh), 3.75f * SIZE, 0.02);
	glyphs("ファミリー・サポート");
	cr_expect_float_eq(pc_text_min_width(br, g, ng, &sh), 6 * SIZE, 0.02);
}

/* Lines and positions of one text set by a breaker of its own. */
typedef struct setting {
	pc_line lines[64];
	size_t nlines;
	float x[128];
} setting;

static void set_alone(const char *text, const pc_parshape *sh, setting *out)
{
	pc_breaker *fresh = pc_breaker_new();
	glyphs(text);
	lines.len = 0;
	pc_text_break(fresh, g, ng, sh, &lines);
	pc_breaker_free(fresh);
	cr_assert_leq(lines.len, 64);
	cr_assert_leq(ng, 128);
	out->nlines = lines.len;
	memcpy(out->lines, lines.items, lines.len * sizeof *out->lines);
	for (size_t i = 0; i < ng; i++)
		out->x[i] = g[i].x;
}

Test(pdf_text, same_text_same_setting)
{
	/* a breaker keeps its arrays from paragraph to paragraph: each text
	 * gets the setting it gets alone, also when another of the same
	 * length came in between */
	const char *texts[2] = {
	    "これはInternationalizationの例で、人口は123,456人です。",
	    "別の段落でthe same length as the first. 123人です", /* as long */
	};
	pc_parshape sh = {8 * SIZE, SIZE, 0, false, false, false};
	setting ref[2];
	set_alone(texts[0], &sh, &ref[0]);
	set_alone(texts[1], &sh, &ref[1]);
	for (size_t round = 0; round < 4; round++) {
		const setting *r = &ref[round % 2];
		glyphs(texts[round % 2]);
		set_shape(sh);
		cr_assert_eq(lines.len, r->nlines, "round %zu", round);
		for (size_t k = 0; k < r->nlines; k++)
			cr_expect(r->lines[k].start == lines.items[k].start &&
			              r->lines[k].end == lines.items[k].end,
			          "round %zu: line %zu differs", round, k);
		for (size_t i = 0; i < ng; i++)
			cr_expect_float_eq(g[i].x, r->x[i], 0.001, "round %zu: glyph %zu", round,
			                   i);
	}
}

Test(pdf_text, a_url_breaks_after_its_dots_and_slashes)
{
	/* ICU gives no break inside www.city.minatono.example.jp (14 em):
	 * broken nowhere, the first line would be stretched by 10 em; broken
	 * after minatono. it is full */
	glyphs(
	    "本計画の全文は市のホームページ（www.city.minatono.example.jp）でご覧いただけます。");
	set(25 * SIZE, 0, 0);
	check_kinsoku();
	check_widths();
	size_t w = find_cp('w', 0), close = find_cp(0xFF09, w);
	bool inside = false;
	for (size_t i = w; i + 1 < close; i++)
		if (broken_after(i)) {
			inside = true;
			cr_expect(in(g[i].cp, "/."), "URL broken after '%c'", (char)g[i].cp);
		}
	cr_expect(inside, "the URL is not broken");
	for (size_t k = 0; k + 1 < lines.len; k++)
		cr_expect_leq(stretch_of(&lines.items[k]), 1.0f, "line %zu stretched %f em", k,
		              stretch_of(&lines.items[k]));
}
