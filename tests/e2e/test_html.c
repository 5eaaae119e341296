/*
 * The HTML site (docs/html.md). Every built site is crawled twice: by the
 * C crawler below (every internal href and src reaches a file and an id,
 * lang="ja", one h1 and no skipped level per page, unique ids, no nested
 * links, no external URL in src/href/url()) and by tests/html/crawl.py
 * (the same seen through Python's HTML parser, plus an element allow-list).
 * Then the content: hostile text stays inert, ids cannot clash, terms and
 * references link where they should, the glossary is in reading order.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support.h"

/* ---- a small crawler of the site plancc writes ---- */

#define MAX_PAGES 512

typedef struct site {
	char dir[4096]; /* OUT/html */
	char *name[MAX_PAGES], *text[MAX_PAGES];
	size_t n;
} site;

static void site_load(site *s, const char *out)
{
	memset(s, 0, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "%s/html", out);
	DIR *d = opendir(s->dir);
	cr_assert_not_null(d, "no %s", s->dir);
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".html") || s->n == MAX_PAGES)
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", s->dir, e->d_name);
		s->name[s->n] = strdup(e->d_name);
		s->text[s->n++] = read_whole(path, NULL);
	}
	closedir(d);
}

static void site_free(site *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->name[i]);
		free(s->text[i]);
	}
}

static const char *site_page(const site *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->text[i];
	return NULL;
}

/* The value of an attribute starting at v (after the opening quote),
 * entities and (with pct) percent escapes decoded, into out. */
static void attr_value(const char *v, bool pct, char *out, size_t size)
{
	size_t o = 0;
	static const struct {
		const char *ent, *ch;
	} ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	while (*v && *v != '"' && o + 1 < size) {
		bool done = false;
		for (size_t k = 0; k < 5 && !done; k++)
			if (!strncmp(v, ents[k].ent, strlen(ents[k].ent))) {
				out[o++] = ents[k].ch[0];
				v += strlen(ents[k].ent);
				done = true;
			}
		if (done)
			continue;
		unsigned byte;
		if (pct && *v == '%' && sscanf(v + 1, "%2x", &byte) == 1) {
			out[o++] = (char)byte;
			v += 3;
		} else
			out[o++] = *v++;
	}
	out[o] = '\0';
}

static bool page_has_id(const char *text, const char *id)
{
	char needle[1024];
	snprintf(needle, sizeof needle, " id=\"%s\"", id);
	return strstr(text, needle) != NULL;
}

static bool is_external(const char *url)
{
	if (!strncmp(url, "//", 2))
		return true;
	const char *c = url;
	while ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z'))
		c++;
	return *c == ':' && c > url; /* any scheme: http:, https:, javascript:, data: */
}

/* Problems of the whole site, one line each in report; returns their count. */
static int crawl_c(const site *s, char *report, size_t size)
{
	int problems = 0;
	size_t used = 0;
#define PROBLEM(...)                                                                               \
	do {                                                                                       \
		problems++;                                                                        \
		if (used < size)                                                                   \
			used += (size_t)snprintf(report + used, size - used, __VA_ARGS__);         \
	} while (0)
	report[0] = '\0';
	for (size_t i = 0; i < s->n; i++) {
		const char *t = s->text[i], *name = s->name[i];
		if (!t) {
			PROBLEM("%s: unreadable\n", name);
			continue;
		}
		if (!strstr(t, "<html lang=\"ja\">"))
			PROBLEM("%s: no lang=\"ja\"\n", name);
		/* headings: one h1, no level skipped */
		int h1 = 0, prev = 0;
		for (const char *p = t; (p = strstr(p, "<h")); p++) {
			if (p[2] < '1' || p[2] > '6' || (p[3] != '>' && p[3] != ' '))
				continue;
			int lv = p[2] - '0';
			h1 += lv == 1;
			if (prev && lv > prev + 1)
				PROBLEM("%s: h%d after h%d\n", name, lv, prev);
			prev = lv;
		}
		if (h1 != 1)
			PROBLEM("%s: %d h1\n", name, h1);
		/* ids unique */
		for (const char *p = t; (p = strstr(p, " id=\"")); p++) {
			char id[1024], needle[1100];
			attr_value(p + 5, false, id, sizeof id);
			snprintf(needle, sizeof needle, " id=\"%s\"", id);
			if (strstr(p + 1, needle))
				PROBLEM("%s: id %s twice\n", name, id);
		}
		/* no link inside a link */
		for (const char *p = t; (p = strstr(p, "<a ")); p++) {
			const char *close = strstr(p, "</a>"), *inner = strstr(p + 1, "<a ");
			if (inner && close && inner < close)
				PROBLEM("%s: nested link at byte %td\n", name, p - t);
		}
		/* every href and src */
		static const char *attrs[] = {" href=\"", " src=\""};
		for (size_t a = 0; a < 2; a++)
			for (const char *p = t; (p = strstr(p, attrs[a])); p++) {
				char url[4096];
				attr_value(p + strlen(attrs[a]), true, url, sizeof url);
				if (is_external(url)) {
					PROBLEM("%s: external or scheme URL %s\n", name, url);
					continue;
				}
				char *hash = strchr(url, '#');
				const char *frag = hash ? hash + 1 : NULL;
				if (hash)
					*hash = '\0';
				const char *file = *url ? url : name;
				char path[8192];
				struct stat st;
				snprintf(path, sizeof path, "%s/%s", s->dir, file);
				if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
					PROBLEM("%s: link to missing file %s\n", name, file);
					continue;
				}
				const char *target = site_page(s, file);
				if (frag && (!target || !page_has_id(target, frag)))
					PROBLEM("%s: link to missing id %s#%s\n", name, file, frag);
			}
	}
	char css_path[8192];
	snprintf(css_path, sizeof css_path, "%s/style.css", s->dir);
	char *css = read_whole(css_path, NULL);
	if (!css)
		PROBLEM("style.css missing\n");
	else {
		if (strstr(css, "url(") || strstr(css, "@import") || strstr(css, "http"))
			PROBLEM("style.css loads something\n");
		free(css);
	}
	return problems;
#undef PROBLEM
}

static void crawl(const char *out)
{
	site s;
	site_load(&s, out);
	cr_assert_gt(s.n, 0);
	char report[8192];
	int n = crawl_c(&s, report, sizeof report);
	site_free(&s);
	cr_assert_eq(n, 0, "%d problems:\n%s", n, report);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 %s/html/crawl.py %s/html >/dev/null", PLANCC_TESTS_DIR,
	         out);
	cr_assert_eq(system(cmd), 0, "crawl.py found problems (run it on %s/html)", out);
}

static run_result build_status(const char *plan, const char *out, const char *extra)
{
	const char *argv[] = {"build", plan, "-o", out, "--format", "html", extra, NULL};
	return run_plancc(NULL, argv);
}

static void build(const char *plan, const char *out)
{
	run_result r = build_status(plan, out, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
}

static char *page(const char *out, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/html/%s", out, name);
	char *s = read_whole(path, NULL);
	cr_assert_not_null(s, "%s missing", name);
	return s;
}

/* The text of s from the first from up to the next to (both included). */
static char *between(const char *s, const char *from, const char *to)
{
	const char *a = strstr(s, from);
	cr_assert_not_null(a, "no %s", from);
	const char *b = strstr(a + strlen(from), to);
	cr_assert_not_null(b, "no %s after %s", to, from);
	return strndup(a, (size_t)(b - a) + strlen(to));
}

/* ---- the sample plan ---- */

Test(html, sample_site_crawls_clean)
{
	char *out = tmp_dir();
	build(PLANCC_SOURCE_DIR "/source-docs", out);
	crawl(out);
	/* every chapter has its page, and the site's own pages are there */
	const char *pages[] = {"index.html",
	                       "glossary.html",
	                       "terms.html",
	                       "indicators.html",
	                       "style.css",
	                       "c-anshin.html",
	                       "images/images/location.png"};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		free(page(out, pages[i]));
	remove_tree(out);
	free(out);
}

/* ---- a small plan with every feature ---- */

static const char *PLAN_A =
    "---\ntitle: テスト市総合計画\nsubtitle: 後期基本計画\ncity: テスト市\n"
    "period: 2022-2031\nedition: 2026年3月\ndraft: true\n---\n\n"
    "前書きの段落です。[](ref:c2)を参照。\n\n"
    "# 1 安心のまち {#c1 sdgs=3}\n\n"
    "## 1-1 医療 {#m11 label=施策 sdgs=3,10}\n\n"
    "### 目指す姿 {#v11}\n\n"
    "[ダイバーシティ](term:)のあるまち。ダイバーシティを大切に。ダイバーシティ。\n\n"
    "### 現状と課題 {#i11}\n\n"
    "- ダイバーシティが進む。[](ref:m21)を見てください。\n- NPOの活動。\n\n"
    "```indicators id=kpi1 caption=\"施策1-1の成果指標\"\n"
    "指標名\t現在値 (H29年度)\t目標値 (R8年度)\n登録団体数\t93 団体\t113 団体\n```\n\n"
    "![位置図](<figs/地図 1.png>)\n\n"
    "[住民自治協議会](index:じゅうみんじちきょうぎかい)の会議。\n\n"
    "### 用語解説\n\n"
    "```glossary\n用語\t読み\t説明\t別名\n"
    "ダイバーシティ\t\t多様な価値観を活かすこと。\t多様性:たようせい\n"
    "経常収支比率\tけいじょうしゅうしひりつ\t経常的な経費の割合。\t\n"
    "NPO\t\t非営利団体。\t\n"
    "あいさつ運動\tあいさつうんどう\t声をかける運動。\t\n"
    "カード\t\t札。\t\n"
    "かがみ\t\t鏡。\t\n"
    "未読語\t\t読みのない漢字の用語。\t\n```\n";

static const char *PLAN_A2 = "# 2 にぎわい {#c2}\n\n## 2-1 観光 {#m21}\n\n"
                             "ダイバーシティとNPO。[](ref:kpi1)と[1-1へ](ref:m11)。"
                             "[経常収支比率](term:)。\n\n"
                             "```table caption=\"とても広い表\"\n"
                             "区分\t内容\n主な事業\t説明の文\n```\n";

static char *build_a(char **plan)
{
	*plan = tmp_dir();
	char *out = tmp_dir();
	write_file(*plan, "00.md", PLAN_A);
	write_file(*plan, "01.md", PLAN_A2);
	size_t len;
	char *png = read_whole(PLANCC_SOURCE_DIR "/source-docs/images/location.png", &len);
	cr_assert_not_null(png);
	write_bytes(*plan, "figs/地図 1.png", png, len);
	free(png);
	build(*plan, out);
	return out;
}

static void done(char *plan, char *out)
{
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

Test(html, small_plan_crawls_clean)
{
	char *plan, *out = build_a(&plan);
	crawl(out);
	done(plan, out);
}

Test(html, cover_contents_and_navigation)
{
	char *plan, *out = build_a(&plan);
	char *s = page(out, "index.html");
	const char *cover[] = {"<h1>テスト市総合計画</h1>",
	                       "後期基本計画",
	                       "テスト市",
	                       "2022-2031",
	                       "2026年3月",
	                       "class=\"draft\"",
	                       "前書きの段落です。",
	                       "<a class=\"ref\" href=\"c-c2.html#c2\">2 にぎわい</a>",
	                       "href=\"c-c1.html\">1 安心のまち</a>",
	                       "href=\"c-c1.html#m11\">1-1 医療</a>",
	                       "href=\"terms.html\"",
	                       "href=\"glossary.html\"",
	                       "href=\"indicators.html\"",
	                       "rel=\"next\" href=\"c-c1.html\""};
	for (size_t i = 0; i < sizeof cover / sizeof cover[0]; i++)
		cr_assert_not_null(strstr(s, cover[i]), "index.html lacks %s", cover[i]);
	free(s);
	/* breadcrumb, previous/next and the draft banner on every other page */
	const char *pages[] = {"c-c1.html", "c-c2.html", "glossary.html", "terms.html",
	                       "indicators.html"};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		s = page(out, pages[i]);
		cr_assert_not_null(strstr(s, "<nav class=\"crumbs\""), "%s", pages[i]);
		cr_assert_not_null(strstr(s, "rel=\"prev\""), "%s", pages[i]);
		/* inside the banner landmark, where a screen reader finds it */
		char *header = between(s, "<header class=\"site\">", "</header>");
		cr_assert_not_null(strstr(header, "<p class=\"draft\" role=\"note\">"), "%s",
		                   pages[i]);
		free(header);
		free(s);
	}
	done(plan, out);
}

Test(html, sections_badges_tables_images)
{
	char *plan, *out = build_a(&plan);
	char *s = page(out, "c-c1.html");
	const char *want[] = {
	    "<section id=\"c1\"",
	    "<section id=\"m11\"",
	    "<h1><span class=\"num\">1</span> 安心のまち</h1>",
	    "<h2><span class=\"label\">施策</span><span class=\"num\">1-1</span> 医療</h2>",
	    "<h3>目指す姿</h3>",
	    "role-vision",
	    "role-issues",
	    "<span class=\"vh\">SDGs目標3 すべての人に健康と福祉を</span>",
	    "title=\"SDGs目標10 人や国の不平等をなくそう\"",
	    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
	    "aria-labelledby=\"cap.1\"><table id=\"kpi1\" class=\"kpi\"><caption "
	    "id=\"cap.1\">施策1-1の成果指標</caption>",
	    "<th scope=\"col\">現在値 (H29年度)<br>2017年度</th>",
	    "<th scope=\"row\">登録団体数</th>",
	    "<img src=\"images/figs/%E5%9C%B0%E5%9B%B3%201.png\" alt=\"位置図\"",
	    "<dt id=\"term."};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		cr_assert_not_null(strstr(s, want[i]), "c-c1.html lacks %s", want[i]);
	free(s);
	s = page(out, "c-c2.html");
	cr_assert_not_null(strstr(s, "<caption id=\"cap.1\">とても広い表</caption>"));
	cr_assert_not_null(
	    strstr(s, "<a class=\"ref\" href=\"c-c1.html#kpi1\">表「施策1-1の成果指標」</a>"));
	cr_assert_not_null(strstr(s, "<a class=\"ref\" href=\"c-c1.html#m11\">1-1へ</a>"));
	free(s);
	char path[4096];
	snprintf(path, sizeof path, "%s/html/images/figs/地図 1.png", out);
	size_t len = 0;
	char *png = read_whole(path, &len);
	cr_assert(png && len > 8 && !memcmp(png, "\x89PNG", 4), "image not copied");
	free(png);
	s = page(out, "indicators.html");
	cr_assert_not_null(strstr(s, "<h2>1 安心のまち</h2>"));
	cr_assert_not_null(strstr(s, "登録団体数"));
	cr_assert_not_null(strstr(s, "H29年度"));
	cr_assert_not_null(strstr(s, "href=\"c-c1.html#m11\""));
	free(s);
	done(plan, out);
}

Test(html, terms_marked_once_per_section_with_tooltip)
{
	char *plan, *out = build_a(&plan);
	char *s = page(out, "c-c1.html");
	/* 目指す姿: the explicit reference is the mark; later occurrences are plain */
	char *vision = between(s, "<section id=\"v11\"", "</section>");
	cr_assert_eq(count_in(vision, "class=\"term\""), 1, "%s", vision);
	char *tip = between(vision, "aria-describedby=\"", "\"");
	char id[64];
	sscanf(tip + strlen("aria-describedby=\""), "%63[^\"]", id);
	char want[256];
	snprintf(want, sizeof want, "<span class=\"tip\" role=\"tooltip\" id=\"%s\">", id);
	cr_assert_not_null(strstr(vision, want), "%s", vision);
	cr_assert_not_null(strstr(vision, "多様な価値観を活かすこと。"));
	/* 現状と課題: the first occurrence of each term */
	char *issues = between(s, "<section id=\"i11\"", "</ul>");
	cr_assert_eq(count_in(issues, "class=\"term\""), 2, "%s", issues);
	cr_assert_not_null(strstr(issues, "<a class=\"ref\" href=\"c-c2.html#m21\">2-1 観光</a>"));
	free(vision);
	free(tip);
	free(issues);
	free(s);
	/* on another page, the link leads to the defining glossary box */
	s = page(out, "c-c2.html");
	cr_assert_not_null(strstr(s, "<a class=\"term\" href=\"c-c1.html#term."));
	free(s);
	done(plan, out);
}

Test(html, glossary_in_reading_order)
{
	char *plan, *out = build_a(&plan);
	char *s = page(out, "glossary.html");
	/* katakana reads as hiragana; Latin after kana; kanji without reading last */
	const char *order[] = {"あいさつ運動",   "カード", "かがみ", "経常収支比率",
	                       "ダイバーシティ", "NPO",    "未読語"};
	const char *prev = s;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		char dt[256];
		snprintf(dt, sizeof dt, "\">%s", order[i]);
		const char *at = strstr(s, dt);
		cr_assert_not_null(at, "%s missing", order[i]);
		cr_assert_gt(at, prev, "%s out of order", order[i]);
		prev = at;
	}
	free(s);
	done(plan, out);
}

Test(html, term_index_with_jump_bar)
{
	char *plan, *out = build_a(&plan);
	char *s = page(out, "terms.html");
	char *bar = between(s, "<nav class=\"jump\"", "</nav>");
	const char *rows[] = {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"};
	for (size_t i = 0; i < 10; i++) {
		char a[64];
		snprintf(a, sizeof a, ">%s<", rows[i]);
		cr_assert_not_null(strstr(bar, a), "row %s missing", rows[i]);
	}
	for (char c = 'A'; c <= 'Z'; c++) {
		char a[8] = {'>', c, '<', 0};
		cr_assert_not_null(strstr(bar, a), "letter %c missing", c);
	}
	/* rows with entries link, the others do not */
	cr_assert_not_null(strstr(bar, "\">あ</a>"));
	cr_assert_not_null(strstr(bar, "\">N</a>"));
	cr_assert_not_null(strstr(bar, "<span class=\"off\">C<"));
	free(bar);
	/* alias → term, index: entry with its place */
	cr_assert_not_null(
	    strstr(s, "<span class=\"entry\">多様性</span> → <a href=\"c-c1.html#term."));
	char *entry = between(s, "<span class=\"entry\">住民自治協議会</span>", "</li>");
	cr_assert_not_null(strstr(entry, "href=\"c-c1.html#"), "%s", entry);
	free(entry);
	free(s);
	done(plan, out);
}

/* ---- hostile text ---- */

static const char *HOSTILE =
    "---\ntitle: <script>alert(\"t\")</script>計画 & \"市\"\ncity: '><img src=x onerror=alert(1)>\n"
    "subtitle: </title><script>s()</script>\nperiod: \"2022\" & <b>\nedition: '<i>'\n"
    "---\n\n# 1 <b onclick=\"x()\">章</b> \"quoted\" {#c1 label=\"<施策> & \\\"x\\\"\"}\n\n"
    "<script>alert('block')</script>\n\n"
    "本文に<span onmouseover=\"x()\">生のHTML</span>と[危険](javascript:alert(1))と"
    "[<用語>](term:)と[](ref:kpi)と[<em>索引</em>&\"](index:さくいん)と"
    "[外](//evil.example/x)と[データ](data:text/html,<script>x</script>)。\n\n"
    "![<\"alt\">&'](a.png \"<title>\")\n\n"
    "```indicators id=kpi caption=\"<script>cap</script>\"\n"
    "指標名\t目標値 (R8年度)\n<img src=x onerror=alert(2)>\t5 <b>件</b>\n```\n\n"
    "```table caption=\"<x> & 'y'\"\n<th>\t\"a\" & 'b'\n<td onclick=1>\t</table>\n```\n\n"
    "```glossary\n用語\t読み\t説明\t別名\n<用語>\tようご\t\"説明\" & <script>d</script>\t"
    "<別>&\"'\n```\n";

Test(html, hostile_text_stays_inert)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md", HOSTILE);
	size_t len;
	char *png = read_whole(PLANCC_SOURCE_DIR "/source-docs/images/location.png", &len);
	write_bytes(plan, "a.png", png, len);
	free(png);
	build(plan, out);
	crawl(out);
	const char *pages[] = {"index.html", "c-c1.html", "glossary.html", "terms.html",
	                       "indicators.html"};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char *s = page(out, pages[i]);
		/* the one script is the site's own */
		cr_assert_eq(count_in(s, "<script"), 1, "%s has a script element", pages[i]);
		cr_assert_not_null(strstr(s, "<script src=\"site.js\" defer></script>\n</head>"));
		cr_assert_null(strstr(s, "<img src=x"), "%s has the author's img", pages[i]);
		cr_assert_null(strstr(s, "javascript:"), "%s links to javascript:", pages[i]);
		cr_assert_null(strstr(s, "data:text"), "%s links to data:", pages[i]);
		cr_assert_null(strstr(s, "evil.example"), "%s links outside", pages[i]);
		const char *tags[] = {"<b>",  "<b ",    "<i>",         "<span onmouseover",
		                      "<x>",  "<th>",   "<td onclick", "</table>\t",
		                      "<別>", "<用語>", "<施策>",      "</title><"};
		for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
			cr_assert_null(strstr(s, tags[k]), "%s has the author's %s", pages[i],
			               tags[k]);
		cr_assert_null(strstr(s, "=\"\"<"), "%s: an attribute was closed early", pages[i]);
		free(s);
	}
	char *s = page(out, "c-c1.html");
	/* shown as text, escaped */
	const char *want[] = {"&lt;b onclick=&quot;x()&quot;&gt;章&lt;/b&gt;",
	                      "&lt;施策&gt; &amp;",
	                      "&lt;<span lang=\"en\">script&gt;cap&lt;/script</span>&gt;",
	                      "alt=\"&lt;&quot;alt&quot;&gt;&amp;&#39;\"",
	                      "\">&lt;x&gt; &amp; &#39;y&#39;</caption>",
	                      "&quot;a&quot; &amp; &#39;b&#39;",
	                      "&lt;<span lang=\"en\">td onclick=1</span>&gt;"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		cr_assert_not_null(strstr(s, want[i]), "c-c1.html lacks %s", want[i]);
	free(s);
	s = page(out, "index.html");
	cr_assert_not_null(strstr(s, "<title>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;計画 "
	                             "&amp; &quot;市&quot;</title>"));
	cr_assert_not_null(
	    strstr(s, "&#39;&gt;&lt;<span lang=\"en\">img src=x onerror=alert(1</span>)&gt;"));
	free(s);
	s = page(out, "terms.html");
	cr_assert_not_null(strstr(s, "&lt;別&gt;&amp;&quot;&#39;"));
	free(s);
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

Test(html, hostile_id_is_refused_and_nothing_written)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md", "---\ntitle: 計画\n---\n# 章 {#a\"b'c&d}\n");
	run_result r = build_status(plan, out, NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	char path[4096];
	snprintf(path, sizeof path, "%s/html/index.html", out);
	char *s = read_whole(path, NULL);
	cr_assert_null(s, "a page was written");
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

/* The ids the back end makes up can never meet the plan's. */
Test(html, plan_ids_cannot_clash_with_the_sites_own)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md",
	           "---\ntitle: 計画\n---\n# 1 章 {#main}\n\n## 1-1 節 {#tip-1}\n\n"
	           "[NPO](term:)と[NPOの話](ref:term-0)。\n\n## 1-2 節 {#term-0}\n\nNPO\n\n"
	           "## 1-3 {#grp-0}\n\n## 1-4 {#e-0}\n\n## 1-5 {#toc-h}\n\n## 1-6 {#pc}\n\n"
	           "```glossary\n用語\t読み\t説明\nNPO\t\t非営利団体。\n```\n");
	build(plan, out);
	crawl(out); /* unique ids, no nested links (the term inside the ref) */
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
	crawl(out);
	char *s = page(out, "c-s_1.html");
	cr_assert_not_null(strstr(s, "<h2>深い見出し</h2>"), "%s", s);
	cr_assert_not_null(strstr(s, "<h3>さらに</h3>"));
	free(s);
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

Test(html, draft_option_adds_the_banner)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md", "---\ntitle: 計画\n---\n# 章\n\n本文\n");
	build(plan, out);
	char *s = page(out, "index.html");
	cr_assert_null(strstr(s, "class=\"draft\""));
	free(s);
	run_result r = build_status(plan, out, "--draft");
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	s = page(out, "c-s_1.html");
	cr_assert_not_null(strstr(s, "class=\"draft\""));
	free(s);
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

/* ---- accessibility: tests/plans/site, a plan written to exercise it ---- */

static char *build_site_plan(void)
{
	char *out = tmp_dir();
	build(PLANCC_SOURCE_DIR "/tests/plans/site", out);
	crawl(out);
	return out;
}

/* Every table has a caption, untitled ones named after their section,
 * none twice on a page; its box is labelled by it. */
Test(html, every_table_has_a_caption_of_its_own)
{
	char *out = build_site_plan();
	char *s = page(out, "c-machi.html");
	const char *want[] = {
	    "aria-labelledby=\"cap.1\"><table><caption id=\"cap.1\">1-1 "
	    "情報の届くまち「主な事業」の表"
	    "</caption>",
	    "<caption id=\"cap.2\">1-1 情報の届くまち「主な事業」の表（2）</caption>",
	    "<caption id=\"cap.3\">事業の予定</caption>",
	    "<caption id=\"cap.4\">事業の予定（2）</caption>",
	    "<caption id=\"cap.5\">1-1 情報の届くまちの成果指標</caption>",
	    "<caption id=\"cap.6\">1-1 情報の届くまちの成果指標（2）</caption>",
	    /* a reference to an untitled table names it as its caption does */
	    "<a class=\"ref\" href=\"#kpi-en\">表「1-1 情報の届くまちの成果指標」</a>"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		cr_assert_not_null(strstr(s, want[i]), "c-machi.html lacks %s", want[i]);
	free(s);
	remove_tree(out);
	free(out);
}

/* Headers written with the English field names print the Japanese ones,
 * directions too; a dash cell is read as 該当なし. */
Test(html, english_headers_print_japanese_and_dashes_read_as_none)
{
	char *out = build_site_plan();
	char *s = page(out, "c-machi.html");
	char *kpi = between(s, "<table id=\"kpi-en\"", "</table>");
	const char *want[] = {"<th scope=\"col\">指標名</th>",
	                      "<th scope=\"col\">把握方法</th>",
	                      "<th scope=\"col\">基準値 (2024年度)</th>",
	                      "<th scope=\"col\">中間目標値 (2029年度)</th>",
	                      "<th scope=\"col\">目標値 (2031年度)</th>",
	                      "<th scope=\"col\">方向</th>",
	                      "<td>増加</td>",
	                      "<td>減少</td>",
	                      "<td><span class=\"nil\"><span aria-hidden=\"true\">－</span><span "
	                      "class=\"vh\">該当なし</span></span></td>"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		cr_assert_not_null(strstr(kpi, want[i]), "the table lacks %s:\n%s", want[i], kpi);
	const char *gone[] = {"baseline", "midterm", "target", "direction", ">up<", ">down<"};
	for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
		cr_assert_null(strstr(kpi, gone[i]), "the table still prints %s", gone[i]);
	free(kpi);
	/* in a plain table too */
	cr_assert_not_null(
	    strstr(s, "<td><span class=\"nil\"><span aria-hidden=\"true\">－</span>"));
	free(s);
	/* and in the appendix, where a value is missing */
	s = page(out, "indicators.html");
	cr_assert_not_null(strstr(s, "<span class=\"vh\">該当なし</span>"));
	free(s);
	remove_tree(out);
	free(out);
}

/* English runs carry lang="en"; abbreviations stay Japanese; a phrase the
 * source broke over lines is one run. */
Test(html, english_runs_are_marked)
{
	char *out = build_site_plan();
	char *s = page(out, "index.html");
	cr_assert_not_null(strstr(s, "「<span lang=\"en\">Minatodai Smart Harbor</span>」"));
	cr_assert_not_null(strstr(s, "<span lang=\"en\">open data for everyone</span>"), "%s", s);
	cr_assert_not_null(strstr(s, "略語の ICT や SDGs は"));
	free(s);
	s = page(out, "c-machi.html");
	cr_assert_not_null(strstr(s, "<span lang=\"en\">Digital Transformation</span>"));
	cr_assert_not_null(strstr(s, "Wi-Fi の場所"));
	cr_assert_not_null(strstr(s, "（<span lang=\"en\">open data</span>）"), "in the tooltip");
	free(s);
	s = page(out, "glossary.html");
	cr_assert_not_null(strstr(s, "（<span lang=\"en\">open data</span>）"));
	free(s);
	remove_tree(out);
	free(out);
}

/* The site's script and style: written, referenced by every page; A4 in
 * print with the header (the plan's title) kept. */
Test(html, script_and_print_style)
{
	char *out = build_site_plan();
	char *js = page(out, "site.js");
	cr_assert_not_null(strstr(js, "Escape"));
	cr_assert_not_null(strstr(js, "aria-describedby"));
	free(js);
	char *css = page(out, "style.css");
	cr_assert_not_null(strstr(css, "@page{size:A4"));
	char *print = between(css, "@media print{", "}\n");
	cr_assert_null(strstr(print, "header.site,"), "the header is hidden in print: %s", print);
	cr_assert_not_null(strstr(print, "header.site .title"));
	free(print);
	free(css);
	remove_tree(out);
	free(out);
}
