/*
 * The HTML site: every page crawled (links, ids, headings, lang, no
 * external resources: tests/html/crawl.py), and hostile text in every
 * place the author writes stays inert.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static int crawl(const char *out)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 %s/html/crawl.py %s/html", PLANCC_TESTS_DIR, out);
	return system(cmd);
}

static void build(const char *plan, const char *out)
{
	const char *argv[] = {"build", plan, "-o", out, "--format", "html", NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
}

Test(html, sample_site_crawls_clean)
{
	char *out = tmp_dir();
	build(PLANCC_SOURCE_DIR "/source-docs", out);
	cr_assert_eq(crawl(out), 0, "crawl found problems (printed above)");
	/* every chapter has its page, and the site's own pages are there */
	const char *pages[] = {"index.html",
	                       "glossary.html",
	                       "terms.html",
	                       "indicators.html",
	                       "style.css",
	                       "c-anshin.html",
	                       "media/images/location.png"};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/html/%s", out, pages[i]);
		char *s = read_whole(path, NULL);
		cr_assert_not_null(s, "%s missing", pages[i]);
		free(s);
	}
	remove_tree(out);
	free(out);
}

static const char *HOSTILE =
    "---\ntitle: <script>alert(\"t\")</script>計画 & \"市\"\ncity: '><img src=x onerror=alert(1)>\n"
    "---\n\n# 1 <b onclick=\"x()\">章</b> \"quoted\" {#c1 label=\"<施策> & \\\"x\\\"\"}\n\n"
    "<script>alert('block')</script>\n\n"
    "本文に<span onmouseover=\"x()\">生のHTML</span>と[危険](javascript:alert(1))と"
    "[<用語>](term:)と[](ref:kpi)。\n\n"
    "```indicators id=kpi caption=\"<script>cap</script>\"\n"
    "指標名\t目標値 (R8年度)\n<img src=x onerror=alert(2)>\t5 <b>件</b>\n```\n\n"
    "```glossary\n用語\t読み\t説明\n<用語>\tようご\t\"説明\" & <script>d</script>\n```\n";

Test(html, hostile_text_stays_inert)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md", HOSTILE);
	build(plan, out);
	cr_assert_eq(crawl(out), 0, "crawl found problems (printed above)");
	const char *pages[] = {"index.html", "c-c1.html", "glossary.html", "terms.html",
	                       "indicators.html"};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/html/%s", out, pages[i]);
		char *s = read_whole(path, NULL);
		cr_assert_not_null(s, "%s missing", pages[i]);
		cr_assert_null(strstr(s, "<script"), "%s has a script element", pages[i]);
		cr_assert_null(strstr(s, "<img src=x"), "%s has the author's img", pages[i]);
		cr_assert_null(strstr(s, "javascript:"), "%s links to javascript:", pages[i]);
		cr_assert_null(strstr(s, "<b>"), "%s has the author's markup", pages[i]);
		cr_assert_null(strstr(s, "<b "), "%s has the author's markup", pages[i]);
		free(s);
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/html/c-c1.html", out);
	char *s = read_whole(path, NULL);
	/* shown as text, escaped */
	cr_assert_not_null(strstr(s, "&lt;b onclick=&quot;x()&quot;&gt;章&lt;/b&gt;"));
	cr_assert_not_null(strstr(s, "&lt;施策&gt; &amp;"));
	cr_assert_not_null(strstr(s, "&lt;script&gt;cap&lt;/script&gt;"));
	free(s);
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

Test(html, headings_follow_depth_not_markdown_level)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	/* ### straight under # must not give h1 → h3 */
	write_file(plan, "00.md",
	           "---\ntitle: 計画\n---\n# 章\n\n### 深い見出し\n\n本文\n\n###### さらに\n");
	build(plan, out);
	cr_assert_eq(crawl(out), 0);
	char path[4096];
	snprintf(path, sizeof path, "%s/html/c-s_1.html", out);
	char *s = read_whole(path, NULL);
	cr_assert_not_null(s);
	cr_assert_not_null(strstr(s, "<h2>深い見出し</h2>"), "%s", s);
	cr_assert_not_null(strstr(s, "<h3>さらに</h3>"));
	free(s);
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}
