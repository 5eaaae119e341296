/*
 * Indicator charts and the indicators appendix through the CLI: one chart
 * per indicator that can be drawn, in the HTML (inline SVG with the values
 * in words) and in the PDF (vector paths whose ActualText is the same
 * words); none with `charts: false`; the appendix 成果指標一覧 in the PDF
 * with every indicator, in the contents and the outline.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char *PLAN_FMT =
    "---\ntitle: 指標計画\n%s---\n"
    "# 1 健康なまち\n\n"
    "## 1-1 健診の充実\n\n"
    "```indicators\n"
    "指標名\t現在値 (H29年度)\t中間目標値 (R4年度)\t最終目標値 (R8年度)\t実績値 (R6年度)\n"
    "特定健康診査の受診率\t38.2%\t50.0%\t60.0%\t44.1%\n"
    "成人の喫煙率\t16.8%\t14.0%\t12.0%\t14.9%\n"
    "相談につながった件数\t312 件\t－\t増加\t\n"
    "```\n\n"
    "## 1-2 地域の見守り\n\n"
    "```indicators\n"
    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\n"
    "見守り協定の締結数\t12 件\t40 件\n"
    "```\n";

static char *dir, *out;

static void build(const char *front, const char *formats)
{
	char plan[4096];
	snprintf(plan, sizeof plan, PLAN_FMT, front);
	dir = tmp_dir();
	out = tmp_dir();
	write_file(dir, "00.md", plan);
	run_result r = plancc("build", dir, "-o", out, "--format", formats, NULL);
	cr_assert_eq(r.status, 0, "build failed: %s", r.err);
	run_free(&r);
}

static void cleanup(void)
{
	remove_tree(dir);
	remove_tree(out);
	free(dir);
	free(out);
}

static char *page(const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/html/%s", out, name);
	char *s = read_whole(path, NULL);
	cr_assert(s, "%s missing", path);
	return s;
}

/* Without line breaks and spaces: a table cell may wrap anywhere. */
static void squeeze(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++)
		if (*r != '\n' && *r != ' ')
			*w++ = *r;
	*w = '\0';
}

static char *pdf_text(void)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s/plan.pdf' - 2>&1", out);
	int st;
	char *t = capture(cmd, &st);
	cr_assert_eq(st, 0, "pdftotext: %s", t);
	return t;
}

static const char *ALT_1 = "特定健康診査の受診率：基準値 2017年度 38.2%、中間目標値 2022年度 "
                           "50.0%、目標値 2026年度 60.0%、実績値 2024年度 44.1%（達成率 27.1%）";
static const char *ALT_3 = "見守り協定の締結数：基準値 2024年度 12 件、目標値 2031年度 40 件";

Test(charts, html_has_one_svg_per_chartable_indicator)
{
	build("", "html");
	char *c = page("c-s1.html");
	/* the third indicator has one number only: no chart */
	cr_expect_eq(count_in(c, "<svg "), 3, "%d charts", count_in(c, "<svg "));
	cr_expect_eq(count_in(c, "role=\"img\""), 3);
	cr_expect(strstr(c, ALT_1), "the text alternative of the first chart");
	cr_expect(strstr(c, ALT_3));
	cr_expect_null(strstr(c, "相談につながった件数："), "a chart for a single value");
	/* results are drawn as a second series, with a key saying so */
	cr_expect_eq(count_in(c, "<rect "), 2, "one square per result");
	cr_expect_eq(count_in(c, "class=\"key-actual\""), 1, "a key for results once");
	/* every title id is unique and referenced */
	cr_expect(strstr(c, "aria-labelledby=\"chart.0\"") && strstr(c, "id=\"chart.0\""));
	cr_expect(strstr(c, "id=\"chart.2\"") && !strstr(c, "id=\"chart.3\""));
	free(c);
	cleanup();
}

Test(charts, charts_false_turns_them_off)
{
	build("charts: false\n", "html,pdf");
	char *c = page("c-s1.html");
	cr_expect_eq(count_in(c, "<svg"), 0);
	free(c);
	char *t = pdf_text();
	cr_expect_null(strstr(t, ALT_3), "a chart in the PDF");
	/* the appendix stays */
	cr_expect(strstr(t, "成果指標一覧"));
	free(t);
	cleanup();
}

Test(charts, pdf_charts_speak_their_values)
{
	build("", "pdf");
	char *t = pdf_text();
	/* the chart's labels are replaced by its words when extracted */
	cr_expect(strstr(t, ALT_1), "no text alternative for the first chart in:\n%s", t);
	cr_expect(strstr(t, ALT_3));
	cr_expect_null(strstr(t, "相談につながった件数："));
	free(t);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "qpdf --check '%s/plan.pdf' >/dev/null 2>&1", out);
	cr_expect_eq(system(cmd), 0, "qpdf --check");
	cleanup();
}

Test(charts, pdf_appendix_lists_every_indicator_by_measure)
{
	build("", "pdf");
	char *t = pdf_text();
	squeeze(t);
	/* the appendix: after the title, the chapter, both measures and every
	 * indicator in plan order, with its values and the rate */
	const char *a = strstr(t, "成果指標一覧");
	const char *first = a;
	cr_assert(a, "no appendix title");
	/* the contents lists it first: take the last occurrence (the page) */
	for (const char *p = a; (p = strstr(p + 1, "成果指標一覧"));)
		a = p;
	cr_expect_neq(first, a, "the appendix is not in the contents");
	const char *order[] = {
	    "1健康なまち",          "1-1健診の充実",   "特定健康診査の受診率", "成人の喫煙率",
	    "相談につながった件数", "1-2地域の見守り", "見守り協定の締結数",   "27.1%"};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		cr_expect(strstr(a, order[i]), "the appendix lacks %s", order[i]);
	const char *p = a;
	for (size_t i = 0; i + 1 < 7; i++) {
		const char *q = strstr(p, order[i]);
		cr_expect(q, "%s out of order", order[i]);
		if (q)
			p = q;
	}
	free(t);
	cleanup();
}
