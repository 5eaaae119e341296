/*
 * Unit tests of the English runs (model/lang.h): which stretches of ASCII
 * in Japanese text are marked English, where they begin and end, and
 * that abbreviations on their own stay Japanese.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model/lang.h"

/* The English runs of s joined by '|' ("" when none). */
static char *runs(const char *s)
{
	static char out[4096];
	out[0] = 0;
	pc_lang_run r;
	size_t from = 0, len = strlen(s);
	while (pc_lang_next_english(s, len, from, &r)) {
		cr_assert(r.off >= from && r.off + r.len <= len);
		if (out[0])
			strcat(out, "|");
		strncat(out, s + r.off, r.len);
		from = r.off + r.len;
	}
	return out;
}

TestSuite(lang);

Test(lang, abbreviations_alone_stay_japanese)
{
	const char *japanese[] = {"ICTを活用します。",
	                          "SDGsの目標",
	                          "NPO法人",
	                          "DXの推進",
	                          "AIとIoT",
	                          "R6年度",
	                          "10 ha",
	                          "t-CO2",
	                          "Wi-Fiの整備",
	                          "PDCAとKPIs",
	                          "SaaS",
	                          "ＩＣＴ（全角）",
	                          "",
	                          "２０２４年"};
	for (size_t i = 0; i < sizeof japanese / sizeof *japanese; i++)
		cr_assert_str_empty(runs(japanese[i]), "%s → %s", japanese[i], runs(japanese[i]));
}

Test(lang, prose_words_make_a_run_english)
{
	cr_assert_str_eq(runs("「Smart City」を目指します。"), "Smart City");
	cr_assert_str_eq(runs("Society 5.0の実現"), "Society 5.0");
	cr_assert_str_eq(runs("合言葉はLet's go!です"), "Let's go");
	cr_assert_str_eq(runs("ICT and AIの活用"), "ICT and AI");
	cr_assert_str_eq(runs("iPhoneとe-Tax"), "iPhone|e-Tax");
	cr_assert_str_eq(runs("Reservation by phone remains the main way."),
	                 "Reservation by phone remains the main way");
}

Test(lang, runs_begin_at_a_letter_and_end_at_a_letter_or_digit)
{
	cr_assert_str_eq(runs("（2030 Agenda for Sustainable Development）"),
	                 "Agenda for Sustainable Development");
	cr_assert_str_eq(runs("  hello world.  "), "hello world");
	cr_assert_str_eq(runs("(see page 12)"), "see page 12");
	cr_assert_str_eq(runs("Open Data、そしてBig Data。"), "Open Data|Big Data");
}

Test(lang, runs_are_byte_ranges_of_the_text)
{
	const char *s = "まちのWell-beingを高める";
	pc_lang_run r;
	cr_assert(pc_lang_next_english(s, strlen(s), 0, &r));
	cr_assert_eq(r.off, strlen("まちの"));
	cr_assert_eq(r.len, strlen("Well-being"));
	cr_assert_not(pc_lang_next_english(s, strlen(s), r.off + r.len, &r));
	/* a range that stops inside the run ends it there */
	cr_assert(pc_lang_next_english(s, strlen("まちのWell"), 0, &r));
	cr_assert_eq(r.len, 4);
}

Test(lang, long_text_is_linear)
{
	size_t n = 4u << 20;
	char *s = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = "ab, "[i % 4];
	s[n] = 0;
	pc_lang_run r;
	cr_assert_not(pc_lang_next_english(s, n, 0, &r), "two-letter words are not prose");
	free(s);
}
