/*
 * End-to-end tests of the diagnostics (docs/format.md §12): one small plan per
 * problem the format names, run through the real plancc binary. Each test
 * asserts the `FILE:LINE:COL:` prefix (the column where it is meaningful),
 * the severity word, a key word of the message and the exit status.
 *
 * Every plan is written into its own temporary folder, removed afterwards.
 * Line numbers are given in comments beside the source lines.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

/* Lines 1–3 of every first file: front matter with a title. */
#define FM "---\ntitle: テスト計画\n---\n"

static char *plan; /* this test's plan folder */

static void setup(void)
{
	plan = tmp_dir();
}

/* Also called by a test before it skips, since Criterion runs no .fini
 * after cr_skip_test; hence idempotent. */
static void teardown(void)
{
	if (!plan)
		return;
	/* Permissions a test took away are given back so rm can clean up. */
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwX '%s' 2>/dev/null", plan);
	if (system(cmd) == -1)
		perror("system");
	remove_tree(plan);
	free(plan);
	plan = NULL;
}

TestSuite(diagnostics, .init = setup, .fini = teardown, .timeout = 60);

static run_result check(void)
{
	return plancc("check", plan, NULL);
}

/* The first line of text starting with prefix and containing w1 and w2
 * (either may be NULL), as a new string; NULL when there is none. */
static char *find_line(const char *text, const char *prefix, const char *w1, const char *w2)
{
	size_t n = strlen(prefix);
	for (const char *l = text; l && *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		if (len >= n && !strncmp(l, prefix, n)) {
			char *line = strndup(l, len);
			if ((!w1 || strstr(line, w1)) && (!w2 || strstr(line, w2)))
				return line;
			free(line);
		}
		l = e ? e + 1 : NULL;
	}
	return NULL;
}

/* The last non-empty line of text (a new string). */
static char *last_line(const char *text)
{
	size_t len = strlen(text);
	while (len && text[len - 1] == '\n')
		len--;
	size_t start = len;
	while (start && text[start - 1] != '\n')
		start--;
	return strndup(text + start, len - start);
}

/* A line starting with prefix exists and contains word. */
#define expect_diag(r, prefix, word)                                                               \
	do {                                                                                       \
		char *l_ = find_line((r)->err, (prefix), (word), NULL);                            \
		cr_assert(l_ != NULL,                                                              \
		          "expected a line starting with \"%s\" containing \"%s\"; "               \
		          "stderr was:\n%s",                                                       \
		          (prefix), (word), (r)->err);                                             \
		free(l_);                                                                          \
	} while (0)

/* The same where the column is not asserted: the severity is checked on
 * the same line. */
#define expect_diag_sev(r, prefix, sev, word)                                                      \
	do {                                                                                       \
		char *l_ = find_line((r)->err, (prefix), ": " sev ": ", (word));                   \
		cr_assert(l_ != NULL,                                                              \
		          "expected a line starting with \"%s\", severity %s, "                    \
		          "containing \"%s\"; stderr was:\n%s",                                    \
		          (prefix), sev, (word), (r)->err);                                        \
		free(l_);                                                                          \
	} while (0)

#define expect_status(r, want)                                                                     \
	cr_assert_eq((r)->status, (want), "exit status %d, expected %d; stderr was:\n%s",          \
	             (r)->status, (want), (r)->err)

#define expect_count(r, errors, warnings)                                                          \
	do {                                                                                       \
		char *l_ = last_line((r)->err);                                                    \
		char want_[128];                                                                   \
		snprintf(want_, sizeof want_, "plancc: エラー %d 件、警告 %d 件", (errors),        \
		         (warnings));                                                              \
		cr_assert_str_eq(l_, want_, "last line of stderr; stderr was:\n%s", (r)->err);     \
		free(l_);                                                                          \
	} while (0)

/* ---- annotations ---- */

Test(diagnostics, undefined_term)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                      /* 4 */
	              "# 1 総論\n"                              /* 5 */
	              "\n"                                      /* 6 */
	              "本文に[未定義語](term:)があります。\n"); /* 7 */
	run_result r = check();
	expect_diag(&r, "00-a.md:7:4: error: ", "未定義語");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, undefined_term_named_in_url)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                                      /* 4 */
	              "# 1 総論\n"                                              /* 5 */
	              "\n"                                                      /* 6 */
	              "本文に[多様な主体](term:ダイバーシティ)があります。\n"); /* 7 */
	run_result r = check();
	expect_diag(&r, "00-a.md:7:4: error: ", "ダイバーシティ");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, unknown_ref)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                  /* 4 */
	              "# 1 総論 {#intro}\n"                 /* 5 */
	              "\n"                                  /* 6 */
	              "詳しくは[](ref:nowhere)を参照。\n"); /* 7 */
	run_result r = check();
	expect_diag(&r, "00-a.md:7:5: error: ", "nowhere");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, empty_ref_id)
{
	write_file(plan, "00-a.md",
	           FM "\n"                           /* 4 */
	              "# 1 総論\n"                   /* 5 */
	              "\n"                           /* 6 */
	              "詳しくは[](ref:)を参照。\n"); /* 7 */
	run_result r = check();
	expect_diag(&r, "00-a.md:7:5: error: ", "参照先の id が空");
	expect_status(&r, 1);
	run_free(&r);
}

/* An empty table is reported even when another error came before it
 * (the decision once depended on the plan's error count). */
Test(diagnostics, empty_table_after_another_error)
{
	write_file(plan, "00-a.md",
	           FM "\n"                   /* 4 */
	              "# 1 総論 {sdgs=99}\n" /* 5 */
	              "\n"                   /* 6 */
	              "```table\n"           /* 7 */
	              "\n"                   /* 8: blank lines only */
	              "\n"                   /* 9 */
	              "```\n");              /* 10 */
	run_result r = check();
	expect_diag(&r, "00-a.md:5:", "sdgs");
	expect_diag(&r, "00-a.md:7:1: error: ", "表が空です");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, known_ref_is_clean)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                /* 4 */
	              "# 1 総論 {#intro}\n"               /* 5 */
	              "\n"                                /* 6 */
	              "詳しくは[](ref:intro)を参照。\n"); /* 7 */
	run_result r = check();
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "no diagnostics expected, got:\n%s", r.err);
	run_free(&r);
}

/* ---- ids and attributes ---- */

Test(diagnostics, duplicate_id)
{
	write_file(plan, "00-a.md",
	           FM "\n"                   /* 4 */
	              "# 1 総論 {#a}\n"      /* 5 */
	              "\n"                   /* 6 */
	              "## 1-1 施策 {#a}\n"); /* 7 */
	run_result r = check();
	expect_diag(&r, "00-a.md:7:1: error: ", "「a」");
	expect_diag(&r, "00-a.md:7:1: error: ", "00-a.md:5");
	cr_assert_eq(count_lines(r.err, "00-a.md:5:"), 0, "the first use is not the error:\n%s",
	             r.err);
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, duplicate_id_across_files)
{
	write_file(plan, "00-a.md", FM "\n# 1 総論 {#a}\n"); /* heading on line 5 */
	write_file(plan, "01-b.md", "\n## 1-1 施策 {#a}\n"); /* heading on line 2 */
	run_result r = check();
	expect_diag(&r, "01-b.md:2:1: error: ", "00-a.md:5");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, bad_id_characters)
{
	/* "# 1 総論 {#日本}": the '#' of the id is character 9. */
	write_file(plan, "00-a.md",
	           FM "\n"                   /* 4 */
	              "# 1 総論 {#日本}\n"); /* 5 */
	run_result r = check();
	expect_diag(&r, "00-a.md:5:9: error: ", "日本");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, bad_sdgs_value)
{
	/* "# 1 総論 {sdgs=18}": the key starts at character 9. */
	write_file(plan, "00-a.md",
	           FM "\n"                     /* 4 */
	              "# 1 総論 {sdgs=18}\n"); /* 5 */
	run_result r = check();
	expect_diag(&r, "00-a.md:5:9: error: ", "sdgs");
	expect_diag(&r, "00-a.md:5:9: error: ", "18");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, a_chapter_with_only_its_title_warns)
{
	write_file(plan, "00-a.md",
	           FM "\n# 1 総論 {#a}\n\n本文です。\n\n" /* 4-8 */
	              "# 2 各論\n"                        /* 9 */
	              "<!-- 後で書く -->\n");
	run_result r = check();
	expect_diag(&r, "00-a.md:9:1: warning: ", "各論");
	expect_status(&r, 0);
	expect_count(&r, 0, 1);
	run_free(&r);
}

Test(diagnostics, good_sdgs_are_clean)
{
	write_file(plan, "00-a.md", FM "\n# 1 総論 {#a sdgs=15,16,17}\n\n本文です。\n");
	run_result r = check();
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "no diagnostics expected, got:\n%s", r.err);
	run_free(&r);
}

/* ---- glossary ---- */

Test(diagnostics, duplicate_term)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                                 /* 4 */
	              "# 1 総論\n"                                         /* 5 */
	              "\n"                                                 /* 6 */
	              "```glossary\n"                                      /* 7 */
	              "用語\t読み\t説明\n"                                 /* 8 */
	              "協働\tきょうどう\t市民と行政が力を合わせること。\n" /* 9 */
	              "```\n"                                              /* 10 */
	              "\n"                                                 /* 11 */
	              "## 1-1 施策\n"                                      /* 12 */
	              "\n"                                                 /* 13 */
	              "```glossary\n"                                      /* 14 */
	              "用語\t読み\t説明\n"                                 /* 15 */
	              "協働\tきょうどう\t二度目の定義。\n"                 /* 16 */
	              "```\n");                                            /* 17 */
	run_result r = check();
	expect_diag(&r, "00-a.md:16:1: error: ", "協働");
	expect_diag(&r, "00-a.md:16:1: error: ", "00-a.md:9");
	cr_assert_eq(count_lines(r.err, "00-a.md:9:"), 0, "the first definition is fine:\n%s",
	             r.err);
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, kanji_term_without_reading_warns)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                       /* 4 */
	              "# 1 総論\n"                               /* 5 */
	              "\n"                                       /* 6 */
	              "```glossary\n"                            /* 7 */
	              "用語\t読み\t説明\n"                       /* 8 */
	              "協働\t\t市民と行政が力を合わせること。\n" /* 9 */
	              "```\n");                                  /* 10 */
	run_result r = check();
	expect_diag(&r, "00-a.md:9:1: warning: ", "協働");
	expect_status(&r, 0);
	expect_count(&r, 0, 1);
	run_free(&r);
}

Test(diagnostics, kanji_term_without_reading_strict_errs)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                       /* 4 */
	              "# 1 総論\n"                               /* 5 */
	              "\n"                                       /* 6 */
	              "```glossary\n"                            /* 7 */
	              "用語\t読み\t説明\n"                       /* 8 */
	              "協働\t\t市民と行政が力を合わせること。\n" /* 9 */
	              "```\n");                                  /* 10 */
	run_result r = plancc("check", plan, "--strict", NULL);
	expect_diag(&r, "00-a.md:9:1: error: ", "協働");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, kana_and_latin_terms_need_no_reading)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                         /* 4 */
	              "# 1 総論\n"                                 /* 5 */
	              "\n"                                         /* 6 */
	              "```glossary\n"                              /* 7 */
	              "用語\t読み\t説明\n"                         /* 8 */
	              "ダイバーシティ\t\t多様性を活かすこと。\n"   /* 9 */
	              "NPO\t\t「Non-Profit Organization」の略。\n" /* 10 */
	              "```\n");                                    /* 11 */
	run_result r = plancc("check", plan, "--strict", NULL);
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "no diagnostics expected, got:\n%s", r.err);
	run_free(&r);
}

/* ---- tables and indicators ---- */

Test(diagnostics, tab_row_with_too_many_cells)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                    /* 4 */
	              "# 1 総論\n"                            /* 5 */
	              "\n"                                    /* 6 */
	              "```indicators\n"                       /* 7 */
	              "指標名\t現在値\t目標値\n"              /* 8 */
	              "登録団体数\t93 団体\t113 団体\t余分\n" /* 9 */
	              "会員数\t10 人\n"            /* 10: omitted trailing cell is fine */
	              "参加者数\t5 人\t8 人\t\t\n" /* 11: trailing empty cells are fine */
	              "```\n");                    /* 12 */
	run_result r = check();
	expect_diag(&r, "00-a.md:9:1: error: ", "4 個");
	expect_diag(&r, "00-a.md:9:1: error: ", "3 個");
	cr_assert_eq(count_lines(r.err, "00-a.md:10:"), 0, "row 10 is fine:\n%s", r.err);
	cr_assert_eq(count_lines(r.err, "00-a.md:11:"), 0, "row 11 is fine:\n%s", r.err);
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, pipe_row_with_too_few_cells)
{
	write_file(plan, "00-a.md",
	           FM "\n"                             /* 4 */
	              "# 1 総論\n"                     /* 5 */
	              "\n"                             /* 6 */
	              "```indicators\n"                /* 7 */
	              "| 指標名 | 現在値 | 目標値 |\n" /* 8 */
	              "| --- | --- | --- |\n"          /* 9 */
	              "| 登録団体数 | 93 団体 |\n"     /* 10 */
	              "| 会員数 | 10 人 | 20 人 |\n"   /* 11 */
	              "```\n");                        /* 12 */
	run_result r = check();
	expect_diag(&r, "00-a.md:10:1: error: ", "2 個");
	expect_diag(&r, "00-a.md:10:1: error: ", "3 個");
	cr_assert_eq(count_lines(r.err, "00-a.md:11:"), 0, "row 11 is fine:\n%s", r.err);
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, indicators_without_name_column)
{
	write_file(plan, "00-a.md",
	           FM "\n"                     /* 4 */
	              "# 1 総論\n"             /* 5 */
	              "\n"                     /* 6 */
	              "```indicators\n"        /* 7 */
	              "把握方法\t目標値\n"     /* 8 */
	              "団体の合計\t113 団体\n" /* 9 */
	              "```\n");                /* 10 */
	run_result r = check();
	expect_diag(&r, "00-a.md:8:1: error: ", "指標名");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, era_and_gregorian_disagree)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                   /* 4 */
	              "# 1 総論\n"                           /* 5 */
	              "\n"                                   /* 6 */
	              "```indicators\n"                      /* 7 */
	              "指標名\t目標値〔平成29(2018)年度〕\n" /* 8 */
	              "登録団体数\t113 団体\n"               /* 9 */
	              "```\n");                              /* 10 */
	run_result r = check();
	/* The header cell starts at character 5; the year inside the
	 * bracket at 9. Either is a fair column; the line is what matters. */
	expect_diag_sev(&r, "00-a.md:8:", "error", "2018");
	expect_diag(&r, "00-a.md:8:", "2017");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, era_and_gregorian_agree)
{
	write_file(plan, "00-a.md",
	           FM "\n# 1 総論\n\n```indicators\n"
	              "指標名\t目標値〔平成29(2017)年度〕\n"
	              "登録団体数\t113 団体\n"
	              "```\n");
	run_result r = check();
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "no diagnostics expected, got:\n%s", r.err);
	run_free(&r);
}

Test(diagnostics, heisei_past_31_warns)
{
	write_file(plan, "00-a.md",
	           FM "\n"                                           /* 4 */
	              "# 1 総論\n"                                   /* 5 */
	              "\n"                                           /* 6 */
	              "```indicators\n"                              /* 7 */
	              "指標名\t現在値 (H29年度)\t目標値 (H34年度)\n" /* 8 */
	              "登録団体数\t93 団体\t113 団体\n"              /* 9 */
	              "```\n");                                      /* 10 */
	run_result r = check();
	expect_diag_sev(&r, "00-a.md:8:", "warning", "2022");
	expect_diag(&r, "00-a.md:8:", "令和4年度");
	expect_status(&r, 0);
	expect_count(&r, 0, 1);
	run_free(&r);
}

Test(diagnostics, heisei_past_31_in_cell_override)
{
	write_file(plan, "00-a.md",
	           FM "\n"                               /* 4 */
	              "# 1 総論\n"                       /* 5 */
	              "\n"                               /* 6 */
	              "```indicators\n"                  /* 7 */
	              "指標名\t目標値\n"                 /* 8 */
	              "登録団体数\t113 団体 @ H34年度\n" /* 9 */
	              "```\n");                          /* 10 */
	run_result r = check();
	expect_diag_sev(&r, "00-a.md:9:", "warning", "2022");
	expect_status(&r, 0);
	run_free(&r);
}

Test(diagnostics, midterm_outside_range_warns)
{
	/* Midterm cell: "指標A\t100 件\t" is 10 characters, so column 11. */
	write_file(plan, "00-a.md",
	           FM "\n"                                   /* 4 */
	              "# 1 総論\n"                           /* 5 */
	              "\n"                                   /* 6 */
	              "```indicators\n"                      /* 7 */
	              "指標名\t現在値\t中間目標値\t目標値\n" /* 8 */
	              "指標A\t100 件\t200 件\t150 件\n"      /* 9 */
	              "指標B\t100 件\t120 件\t150 件\n"      /* 10: inside the range */
	              "```\n");                              /* 11 */
	run_result r = check();
	expect_diag(&r, "00-a.md:9:11: warning: ", "200 件");
	cr_assert_eq(count_lines(r.err, "00-a.md:10:"), 0, "row 10 is fine:\n%s", r.err);
	expect_status(&r, 0);
	expect_count(&r, 0, 1);
	run_free(&r);
}

/* ---- front matter ---- */

Test(diagnostics, unknown_front_matter_key_warns)
{
	write_file(plan, "00-a.md",
	           "---\n"               /* 1 */
	           "title: テスト計画\n" /* 2 */
	           "colour: blue\n"      /* 3 */
	           "---\n"               /* 4 */
	           "\n"                  /* 5 */
	           "# 1 総論\n"          /* 6 */
	           "\n本文です。\n");
	run_result r = check();
	expect_diag(&r, "00-a.md:3:1: warning: ", "colour");
	expect_status(&r, 0);
	expect_count(&r, 0, 1);
	run_free(&r);
}

Test(diagnostics, missing_title)
{
	write_file(plan, "00-a.md",
	           "---\n"            /* 1 */
	           "city: みどり市\n" /* 2 */
	           "---\n"            /* 3 */
	           "\n"               /* 4 */
	           "# 1 総論\n"       /* 5 */
	           "\n本文です。\n");
	run_result r = check();
	expect_diag(&r, "00-a.md:1:1: error: ", "title");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, missing_front_matter_means_missing_title)
{
	write_file(plan, "00-a.md", "# 1 総論\n\n本文。\n");
	run_result r = check();
	expect_diag(&r, "00-a.md:1:1: error: ", "title");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, late_front_matter)
{
	write_file(plan, "01-a.md", FM "\n# 1 総論\n");
	write_file(plan, "02-x.md",
	           "---\n"             /* 1 */
	           "title: 別の表題\n" /* 2 */
	           "---\n"             /* 3 */
	           "\n"                /* 4 */
	           "## 1-1 施策\n");   /* 5 */
	run_result r = check();
	expect_diag(&r, "02-x.md:1:1: error: ", "01-a.md");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, thematic_break_opening_a_later_file_is_not_front_matter)
{
	write_file(plan, "01-a.md", FM "\n# 1 総論\n");
	write_file(plan, "02-x.md", "---\n\n本文です。\n\n---\n\n## 1-1 施策\n");
	run_result r = check();
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "no diagnostics expected, got:\n%s", r.err);
	run_free(&r);
}

Test(diagnostics, unclosed_front_matter)
{
	write_file(plan, "00-a.md", "---\ntitle: テスト計画\n\n# 1 総論\n");
	run_result r = check();
	expect_diag(&r, "00-a.md:1:1: error: ", "---");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, bad_front_matter_value)
{
	/* "draft: maybe": the value starts at character 8. */
	write_file(plan, "00-a.md", "---\ntitle: テスト計画\ndraft: maybe\n---\n");
	run_result r = check();
	expect_diag(&r, "00-a.md:3:8: error: ", "maybe");
	expect_status(&r, 1);
	run_free(&r);
	/* a choice: the message says what may be written */
	write_file(plan, "00-a.md", "---\ntitle: テスト計画\nchapter-start: left\n---\n");
	r = check();
	expect_diag(&r, "00-a.md:3:16: error: ", "right か any");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, table_id_duplicates_heading_id)
{
	write_file(plan, "00-a.md",
	           FM "\n"              /* 4 */
	              "# 1 総論 {#k}\n" /* 5 */
	              "\n"              /* 6 */
	              "```table id=k\n" /* 7 */
	              "項目\t内容\n"    /* 8 */
	              "```\n");         /* 9 */
	run_result r = check();
	expect_diag(&r, "00-a.md:7:1: error: ", "00-a.md:5");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, duplicate_term_across_files)
{
	write_file(plan, "00-a.md",
	           FM "\n# 1 総論\n\n```glossary\n"
	              "用語\t読み\t説明\n"
	              "協働\tきょうどう\t一度目。\n" /* 9 */
	              "```\n");
	write_file(plan, "01-b.md",
	           "## 1-1 施策\n"                /* 1 */
	           "\n"                           /* 2 */
	           "```glossary\n"                /* 3 */
	           "読み\t用語\t説明\n"           /* 4 */
	           "きょうどう\t協働\t二度目。\n" /* 5: the term cell is character 7 */
	           "```\n");
	run_result r = check();
	expect_diag(&r, "01-b.md:5:7: error: ", "00-a.md:9");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, undefined_term_in_table_cell)
{
	/* The cell starts at character 4, the link two characters later. */
	write_file(plan, "00-a.md",
	           FM "\n"                          /* 4 */
	              "# 1 総論\n"                  /* 5 */
	              "\n"                          /* 6 */
	              "```table\n"                  /* 7 */
	              "項目\t説明\n"                /* 8 */
	              "事業\t本文[未定義](term:)\n" /* 9 */
	              "```\n");                     /* 10 */
	run_result r = check();
	expect_diag(&r, "00-a.md:9:6: error: ", "未定義");
	expect_status(&r, 1);
	run_free(&r);
}

/* ---- images ---- */

/* A real 1×1 RGB PNG (the compiler decodes images, not just their
 * signature). */
static const unsigned char png_bytes[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00,
    0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0xf8, 0xff, 0xff, 0x3f, 0x00, 0x05, 0xfe, 0x02, 0xfe, 0x0d, 0xef, 0x46,
    0xb8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

/* A plan whose line 7 is "図：" followed by an image with the given URL
 * (so the image starts at character 3). */
static void image_plan(const char *url)
{
	char text[1024];
	snprintf(text, sizeof text,
	         FM "\n"              /* 4 */
	            "# 1 総論\n"      /* 5 */
	            "\n"              /* 6 */
	            "図：![x](%s)\n", /* 7 */
	         url);
	write_file(plan, "00-a.md", text);
}

Test(diagnostics, image_outside_folder)
{
	image_plan("../x.png");
	run_result r = check();
	expect_diag(&r, "00-a.md:7:3: error: ", "../x.png");
	expect_diag(&r, "00-a.md:7:3: error: ", "外");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, image_outside_folder_through_subfolder)
{
	write_bytes(plan, "img/ok.png", png_bytes, sizeof png_bytes);
	image_plan("img/../../x.png");
	run_result r = check();
	expect_diag(&r, "00-a.md:7:3: error: ", "外");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, image_symlink_leading_outside)
{
	/* The link is inside the folder; what it points to is not. */
	char *outside = tmp_dir();
	write_bytes(outside, "x.png", png_bytes, sizeof png_bytes);
	char target[4200], link[4200];
	snprintf(target, sizeof target, "%s/x.png", outside);
	snprintf(link, sizeof link, "%s/link.png", plan);
	cr_assert_eq(symlink(target, link), 0);
	image_plan("link.png");
	run_result r = check();
	remove_tree(outside);
	free(outside);
	expect_diag(&r, "00-a.md:7:3: error: ", "外");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, image_absolute_path)
{
	image_plan("/tmp/x.png");
	run_result r = check();
	expect_diag(&r, "00-a.md:7:3: error: ", "絶対パス");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, image_url)
{
	image_plan("https://example.com/x.png");
	run_result r = check();
	expect_diag(&r, "00-a.md:7:3: error: ", "https://example.com/x.png");
	expect_diag(&r, "00-a.md:7:3: error: ", "ネットワーク");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, image_missing)
{
	image_plan("img/none.png");
	run_result r = check();
	expect_diag(&r, "00-a.md:7:3: error: ", "img/none.png");
	expect_diag(&r, "00-a.md:7:3: error: ", "見つかりません");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, image_present_is_clean)
{
	write_bytes(plan, "img/ok.png", png_bytes, sizeof png_bytes);
	image_plan("img/ok.png");
	run_result r = check();
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "no diagnostics expected, got:\n%s", r.err);
	run_free(&r);
}

/* ---- bytes and files ---- */

Test(diagnostics, invalid_utf8_byte)
{
	write_file(plan, "00-a.md", FM "\n# 1 総論\n");
	static const char bytes[] = "## 1-1 施策\n"     /* 1 */
	                            "\n"                /* 2 */
	                            "本文\xffです。\n"; /* 3: the byte is character 3 */
	write_bytes(plan, "01-b.md", bytes, sizeof bytes - 1);
	run_result r = check();
	expect_diag(&r, "01-b.md:3:3: error: ", "0xFF");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, invalid_utf8_in_first_file)
{
	static const char bytes[] = FM /* 1-3 */
	    "\xc3(\n";                 /* 4: a lead byte without its continuation */
	write_bytes(plan, "00-a.md", bytes, sizeof bytes - 1);
	run_result r = check();
	expect_diag(&r, "00-a.md:4:1: error: ", "0xC3");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, nul_byte)
{
	write_file(plan, "00-a.md", FM "\n# 1 総論\n");
	static const char bytes[] = "## 1-1 施策\n" /* 1 */
	                            "\n"            /* 2 */
	                            "ab\0c\n";      /* 3: the NUL is character 3 */
	write_bytes(plan, "01-b.md", bytes, sizeof bytes - 1);
	run_result r = check();
	expect_diag(&r, "01-b.md:3:3: error: ", "NUL");
	expect_status(&r, 1);
	expect_count(&r, 1, 0);
	run_free(&r);
}

Test(diagnostics, unreadable_file)
{
	if (geteuid() == 0) {
		teardown();
		cr_skip_test("root can read a file whatever its mode");
	}
	write_file(plan, "00-a.md", FM "\n# 1 総論\n");
	write_file(plan, "01-b.md", "## 1-1 施策\n");
	char path[4200];
	snprintf(path, sizeof path, "%s/01-b.md", plan);
	cr_assert_eq(chmod(path, 0), 0);
	run_result r = check();
	expect_diag_sev(&r, "01-b.md:", "error", "読めません");
	expect_status(&r, 1);
	run_free(&r);
}

Test(diagnostics, dangling_symlink_is_unreadable)
{
	/* Unreadable even for root: a chapter that is a link to nothing. */
	write_file(plan, "00-a.md", FM "\n# 1 総論\n");
	char link[4200];
	snprintf(link, sizeof link, "%s/01-b.md", plan);
	cr_assert_eq(symlink("/nonexistent/plancc-test/none.md", link), 0);
	run_result r = check();
	expect_diag_sev(&r, "01-b.md:", "error", "読めません");
	expect_status(&r, 1);
	run_free(&r);
}

/* ---- a whole run ---- */

/* File and line of a diagnostic line "FILE:LINE:…"; false for others. */
static bool diag_place(const char *l, size_t len, char *file, size_t fsize, unsigned *line)
{
	const char *c = memchr(l, ':', len);
	if (!c || !strncmp(l, "plancc:", 7))
		return false;
	size_t fl = (size_t)(c - l);
	if (fl >= fsize)
		return false;
	memcpy(file, l, fl);
	file[fl] = '\0';
	char *end;
	*line = (unsigned)strtoul(c + 1, &end, 10);
	if (end == c + 1)
		*line = 0;
	return true;
}

Test(diagnostics, many_errors_all_reported_and_sorted)
{
	/* Recorded out of order: parse errors of both files come before the
	 * resolver's (the undefined term and the ref in 00-a.md, the
	 * duplicate id in 01-b.md). */
	write_file(plan, "00-a.md",
	           FM "\n"                                   /* 4 */
	              "# 1 総論 {#dup}\n"                    /* 5 */
	              "\n"                                   /* 6 */
	              "[未定義](term:)と[](ref:nowhere)。\n" /* 7 */
	              "\n"                                   /* 8 */
	              "```indicators\n"                      /* 9 */
	              "指標名\t現在値\t目標値\n"             /* 10 */
	              "A\t1\t2\t3\t4\n"                      /* 11 */
	              "```\n");                              /* 12 */
	write_file(plan, "01-b.md",
	           "# 2 各論 {#dup sdgs=99}\n"           /* 1 */
	           "\n"                                  /* 2 */
	           "![x](https://example.com/a.png)\n"); /* 3 */
	run_result r = check();
	expect_diag(&r, "00-a.md:7:1: error: ", "未定義");
	expect_diag(&r, "00-a.md:7:14: error: ", "nowhere");
	expect_diag(&r, "00-a.md:11:1: error: ", "5 個");
	expect_diag(&r, "01-b.md:1:1: error: ", "dup");
	expect_diag(&r, "01-b.md:1:14: error: ", "99");
	expect_diag(&r, "01-b.md:3:1: error: ", "https://example.com/a.png");
	expect_status(&r, 1);
	expect_count(&r, 6, 0);

	/* Sorted by file, then line. */
	char prev_file[256] = "", file[256];
	unsigned prev_line = 0, line;
	int n = 0;
	for (const char *l = r.err; *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		if (diag_place(l, len, file, sizeof file, &line)) {
			int c = strcmp(file, prev_file);
			cr_assert(c > 0 || (c == 0 && line >= prev_line),
			          "%s:%u comes after %s:%u; stderr was:\n%s", file, line, prev_file,
			          prev_line, r.err);
			strcpy(prev_file, file);
			prev_line = line;
			n++;
		}
		l = e ? e + 1 : l + len;
	}
	cr_assert_eq(n, 6, "six diagnostic lines expected; stderr was:\n%s", r.err);
	run_free(&r);
}

Test(diagnostics, clean_plan_prints_nothing)
{
	write_file(plan, "00-a.md", FM "\n# 1 総論\n\n本文です。\n");
	run_result r = check();
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "no diagnostics expected, got:\n%s", r.err);
	run_free(&r);
}

/* ---- line ends and BOM ---- */

/* One plan with diagnostics on several lines, in both files. */
static const char crlf_first[] = "---\n"                                 /* 1 */
                                 "title: テスト計画\n"                   /* 2 */
                                 "colour: blue\n"                        /* 3: warning */
                                 "---\n"                                 /* 4 */
                                 "\n"                                    /* 5 */
                                 "# 1 総論 {sdgs=18}\n"                  /* 6: error, col 9 */
                                 "\n"                                    /* 7 */
                                 "本文に[未定義語](term:)があります。\n" /* 8: error, col 4 */
                                 "\n"                                    /* 9 */
                                 "```indicators\n"                       /* 10 */
                                 "指標名\t現在値\t目標値\n"              /* 11 */
                                 "A\t1\t2\t3\t4\n"                       /* 12: error, col 1 */
                                 "```\n"                                 /* 13 */
                                 "\n"                                    /* 14 */
                                 "図：![x](missing.png)\n";              /* 15: error, col 3 */
static const char crlf_second[] = "## 1-1 施策\n"                        /* 1 */
                                  "\n"                                   /* 2 */
                                  "本文\xffです。\n";                    /* 3: error, col 3 */

/* Writes text with its "\n" line ends replaced by eol, after prefix. */
static void write_converted(const char *dir, const char *name, const char *text, const char *prefix,
                            const char *eol)
{
	size_t cap = strlen(prefix) + strlen(text) * 2 + 1, n = 0;
	char *buf = malloc(cap);
	memcpy(buf, prefix, strlen(prefix));
	n = strlen(prefix);
	for (const char *c = text; *c; c++) {
		if (*c == '\n') {
			memcpy(buf + n, eol, strlen(eol));
			n += strlen(eol);
		} else {
			buf[n++] = *c;
		}
	}
	write_bytes(dir, name, buf, n);
	free(buf);
}

static run_result check_variant(const char *sub, const char *prefix, const char *eol)
{
	char dir[4200];
	snprintf(dir, sizeof dir, "%s/%s", plan, sub);
	write_converted(dir, "00-a.md", crlf_first, prefix, eol);
	write_converted(dir, "01-b.md", crlf_second, prefix, eol);
	return plancc("check", dir, NULL);
}

Test(diagnostics, crlf_and_bom_give_the_same_lines)
{
	run_result lf = check_variant("lf", "", "\n");
	expect_diag(&lf, "00-a.md:3:1: warning: ", "colour");
	expect_diag(&lf, "00-a.md:6:9: error: ", "18");
	expect_diag(&lf, "00-a.md:8:4: error: ", "未定義語");
	expect_diag(&lf, "00-a.md:12:1: error: ", "5 個");
	expect_diag(&lf, "00-a.md:15:3: error: ", "missing.png");
	expect_diag(&lf, "01-b.md:3:3: error: ", "0xFF");
	expect_status(&lf, 1);
	expect_count(&lf, 5, 1);

	static const struct {
		const char *sub, *prefix, *eol;
	} variants[] = {
	    {"crlf", "", "\r\n"},
	    {"bom", "\xef\xbb\xbf", "\n"},
	    {"bom-crlf", "\xef\xbb\xbf", "\r\n"},
	    {"cr", "", "\r"},
	};
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		run_result v = check_variant(variants[i].sub, variants[i].prefix, variants[i].eol);
		cr_assert_eq(v.status, lf.status, "%s: exit %d, LF exit %d", variants[i].sub,
		             v.status, lf.status);
		cr_assert_str_eq(v.err, lf.err, "%s: diagnostics differ from the LF files'",
		                 variants[i].sub);
		run_free(&v);
	}
	run_free(&lf);
}
