/* plancc glossary: the glossary alone as CSV, Markdown, HTML and PDF. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static char *plan, *out;

static void setup(void)
{
	plan = tmp_dir();
	out = tmp_dir();
	write_file(plan, "00.md",
	           "---\ntitle: 計画\n---\n# 1 まち "
	           "{#town}\n\n本文。\n\n```glossary\n用語\t読み\t説明\t別名\n"
	           "協働\tきょうどう\t力を \"合わせて\"、ともに取り組むこと。\t\n"
	           "ダイバーシティ\t\t違いを活かすこと。\t多様性:たようせい\n```\n\n"
	           "# 2 しごと {#work}\n\n```glossary\n用語\t説明\nNPO\t非営利の団体。\n```\n");
}

static void teardown(void)
{
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

static run_result glossary(const char *file, const char *chapters)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", out, file);
	const char *argv[] = {"glossary", plan, "-o", path, chapters ? "--chapter" : NULL,
	                      chapters,   NULL};
	return run_plancc(NULL, argv);
}

static int sh(const char *fmt, const char *a, const char *b)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, fmt, a, b);
	return system(cmd);
}

TestSuite(glossary, .init = setup, .fini = teardown);

Test(glossary, csv_opens_as_a_spreadsheet_would)
{
	run_result r = glossary("g.csv", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	cr_assert_eq(sh("python3 %s/plans/check_glossary_csv.py %s/g.csv 協働 ダイバーシティ NPO",
	                PLANCC_TESTS_DIR, out),
	             0);
	char path[4096];
	snprintf(path, sizeof path, "%s/g.csv", out);
	char *s = read_whole(path, NULL);
	/* RFC 4180: quotes doubled, the field quoted */
	cr_assert_not_null(strstr(s, "\"力を \"\"合わせて\"\"、ともに取り組むこと。\""), "%s", s);
	/* reading order: きょうどう, だいばーしてぃ, then Latin */
	char *k = strstr(s, "協働"), *d = strstr(s, "ダイバーシティ"), *n = strstr(s, "\r\nNPO");
	cr_assert(k && d && n && k < d && d < n);
	free(s);
}

Test(glossary, chapters_pick_terms)
{
	run_result r = glossary("g.csv", "work");
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	cr_assert_eq(
	    sh("python3 %s/plans/check_glossary_csv.py %s/g.csv NPO", PLANCC_TESTS_DIR, out), 0);
	r = glossary("g2.csv", "1");
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	cr_assert_eq(sh("python3 %s/plans/check_glossary_csv.py %s/g2.csv 協働 ダイバーシティ",
	                PLANCC_TESTS_DIR, out),
	             0);
	r = glossary("g3.csv", "nowhere");
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "nowhere"));
	run_free(&r);
}

Test(glossary, markdown_is_a_glossary_block_of_the_format)
{
	run_result r = glossary("g.md", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	/* Pasted into another plan, it defines the same terms. */
	char path[4096];
	snprintf(path, sizeof path, "%s/g.md", out);
	char *md = read_whole(path, NULL);
	char *again = tmp_dir();
	char *text = malloc(strlen(md) + 64);
	sprintf(text, "---\ntitle: 別の計画\n---\n%s", md);
	write_file(again, "00.md", text);
	char o2[2048];
	snprintf(o2, sizeof o2, "%s/j", out);
	const char *argv[] = {"build", again, "-o", o2, "--format", "json", NULL};
	r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	snprintf(path, sizeof path, "%s/plan.json", o2);
	char *json = read_whole(path, NULL);
	cr_assert_eq(count_lines(json, "\"term\": "), 3);
	cr_assert_not_null(strstr(json, "\"reading\": \"たようせい\""));
	free(json);
	free(md);
	free(text);
	remove_tree(again);
	free(again);
}

Test(glossary, html_and_pdf)
{
	run_result r = glossary("g.html", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	char path[4096];
	snprintf(path, sizeof path, "%s/g.html", out);
	char *s = read_whole(path, NULL);
	cr_assert_not_null(strstr(s, "<html lang=\"ja\">"));
	cr_assert_not_null(strstr(s, "&quot;合わせて&quot;"));
	free(s);
	r = glossary("g.pdf", "town");
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	cr_assert_eq(sh("qpdf --check %s/g.pdf >/dev/null && pdftotext %s/g.pdf - | tr -d ' \\n' | "
	                "grep -q 協働",
	                out, out),
	             0);
	cr_assert_neq(sh("pdftotext %s/g.pdf - | grep -q NPO%s", out, ""), 0,
	              "NPO is defined in chapter 2");
}

Test(glossary, needs_a_known_extension)
{
	run_result r = glossary("g.txt", NULL);
	cr_assert_eq(r.status, 2);
	run_free(&r);
}
