/*
 * The booklet PDF read back with the tools a reader has: pdftotext (every
 * paragraph, kinsoku, word boxes inside the text block, page references),
 * qpdf (a valid file, the outline), and byte comparison of two builds.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "support.h"
#include "util/buf.h"
#include "util/utf8.h"

/* The page geometry of render/pdf/layout.c (points). */
#define PAGE_W    595.276
#define PAGE_H    841.89
#define BLOCK_W   420.0
#define BLOCK_X   ((PAGE_W - BLOCK_W) / 2)
#define BLOCK_TOP 76.0
#define BLOCK_H   (37 * 18.375)

static const char *paragraphs[] = {
    "本市では、平成24年度に「第1次みどり市総合計画」を策定し、「人と自然が響きあう、安心と活力のま"
    "ち」を将来像として、さまざまな施策に取り組んできました。この間、人口減少や少子高齢化の進行、大"
    "規"
    "模災害の発生、デジタル技術の急速な進展など、本市を取り巻く社会経済情勢は大きく変化しています"
    "。",
    "こうした変化に的確に対応し、市民と行政が将来像を共有しながら、協働によるまちづくりを進めるため"
    "、"
    "今後10年間のまちづくりの指針となる「第2次みどり市総合計画」を策定します。",
    "ICT（Information and Communication "
    "Technology）の活用やDX（デジタル・トランスフォーメーション）を"
    "推進し、2030年までに行政手続の90%をオンライン化することを目指します。",
    "①市民参画の推進に向けた取組を、地域の実情に応じて段階的に進め、市民一人ひとりが主体的にまちづ"
    "く"
    "りに関わることができる環境を整えます。",
    "住民自治協議会の活動を支援し、地域の特性を活かしたまちづくり計画の策定と実践を促進します。また"
    "、"
    "地域担当職員制度を充実させ、地域と行政のパイプ役を強化します。",
    "市民一人ひとりが地域に関心を持ち、多様な主体が互いに連携しながら、地域の課題を自ら解決できるま"
    "ち"
    "を目指します。",
    "健全で効率的な行財政運営により、持続可能な行政サービスが提供されているまちを目指します。",
};

static char *plan_dir;

static void write_plan(void)
{
	plan_dir = tmp_dir();
	char *a = NULL;
	size_t alen = 0;
	FILE *f = open_memstream(&a, &alen);
	fprintf(f,
	        "---\ntitle: 第2次みどり市総合計画\nsubtitle: 後期基本計画\ncity: みどり市\n"
	        "period: 2022-2031\nedition: 2026年3月\ndraft: true\n---\n\n"
	        "# 序論 {#intro}\n\n## 1 "
	        "計画策定の趣旨\n\n%s\n\n%s詳しくは[](ref:trust)を参照してください。\n\n"
	        "計画の推進にあたっては、[ダイバーシティ](term:)の考え方を大切にします。\n\n%s\n\n%"
	        "s\n\n"
	        "- 基本構想：まちの将来像と、それを実現するための基本目標を示すものです。\n"
	        "- 基本計画：基本構想を実現するための施策を体系的に示すものです。\n\n"
	        "1. 第一段階として、現状を分析します。\n2. 第二段階として、課題を整理します。\n",
	        paragraphs[0], paragraphs[1], paragraphs[2], paragraphs[3]);
	fclose(f);
	write_file(plan_dir, "00-intro.md", a);
	free(a);
	f = open_memstream(&a, &alen);
	fprintf(
	    f,
	    "# 7 みんなでつくる持続可能なまち {label=政策}\n\n"
	    "## 7-1 みんなが主役のまちづくり {#participation label=施策 sdgs=11,16,17}\n\n"
	    "### 目指す姿\n\n%s\n\n### 現状と課題\n\n%s\n\n"
	    "```indicators caption=\"成果指標\"\n"
	    "指標名\t把握方法\t現在値 (H29年度)\t中間目標値 (R4年度)\t最終目標値 (R8年度)\n"
	    "NPO・ボランティア登録団体数\t市を拠点とする団体の合計\t93 団体\t105 団体\t113 団体\n"
	    "自治会加入率\t自治会加入世帯数÷全世帯数\t68.5%%\t70.0%%\t72.0%%\n```\n\n"
	    "### 用語解説\n\n```glossary\n用語\t読み\t説明\n"
	    "ダイバーシティ\t\t国籍や性別、年齢などの違いを受け入れ、多様な価値観や発想を活かすこと"
	    "。\n"
	    "地域担当職員制度\tちいきたんとうしょくいんせいど\t市の職員が担当する地域を持ち、地域の"
	    "活動を支援する制度。\n"
	    "```\n\n"
	    "## 7-2 信頼される行財政運営 {#trust label=施策 sdgs=16,17}\n\n### 目指す姿\n\n%s\n\n"
	    "### 現状と課題\n\n詳細は[](ref:participation)を参照してください。\n\n"
	    "```table id=projects caption=\"主な事業\"\n事業名\t内容\t担当課\n",
	    paragraphs[5], paragraphs[4], paragraphs[6]);
	for (int i = 1; i <= 70; i++)
		fprintf(f,
		        "事業%02d\t事業%"
		        "02dの内容として、地域の実情に応じた取組を行い、市民サービスの向上と業務の"
		        "効率化を図ります。\t担当課%d\n",
		        i, i, i % 7 + 1);
	fprintf(f, "```\n\n外字の𠮷野家も扱います。\n");
	fclose(f);
	write_file(plan_dir, "07-admin.md", a);
	free(a);
}

static bool have_tools(void)
{
	int st;
	free(capture("command -v pdftotext >/dev/null && command -v qpdf >/dev/null && echo ok",
	             &st));
	return st == 0;
}

/* Text without white space (ASCII and U+3000) and without term marks. */
static char *squeeze(const char *s)
{
	size_t len = strlen(s);
	char *o = malloc(len + 1), *p = o;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s + i, len - i, &cp);
		if (!k)
			k = 1;
		if (!(cp == ' ' || cp == '\n' || cp == '\t' || cp == '\f' || cp == 0x3000 ||
		      cp == 0x203B)) {
			memcpy(p, s + i, k);
			p += k;
		}
		i += k;
	}
	*p = '\0';
	return o;
}

static char *out_dir;
static run_result build_result;

static void build(void)
{
	if (!have_tools())
		cr_skip_test("pdftotext or qpdf is not installed");
	write_plan();
	out_dir = tmp_dir();
	const char *argv[] = {"build",    plan_dir, "-o",      out_dir,
	                      "--format", "pdf",    "--fonts", PLANCC_SOURCE_DIR "/fonts/fonts.map",
	                      NULL};
	build_result = run_plancc(NULL, argv);
	cr_assert_eq(build_result.status, 0, "plancc failed: %s", build_result.err);
}

static void cleanup(void)
{
	if (getenv("PLANCC_TEST_KEEP")) /* to look at the PDF after a failure */
		fprintf(stderr, "kept %s and %s\n", plan_dir, out_dir);
	else if (plan_dir)
		remove_tree(plan_dir);
	if (out_dir && !getenv("PLANCC_TEST_KEEP"))
		remove_tree(out_dir);
	run_free(&build_result);
	free(plan_dir);
	free(out_dir);
	plan_dir = out_dir = NULL;
}

TestSuite(pdf, .init = build, .fini = cleanup, .timeout = 120);

static char *pdf_text(const char *extra, int *status)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "pdftotext %s '%s/plan.pdf' - 2>&1", extra, out_dir);
	return capture(cmd, status);
}

Test(pdf, every_paragraph_comes_back)
{
	int st;
	char *text = pdf_text("", &st);
	cr_assert_eq(st, 0);
	cr_expect(!strstr(text, "Syntax Warning") && !strstr(text, "Syntax Error"),
	          "poppler warns: %.300s", text);
	char *flat = squeeze(text);
	for (size_t i = 0; i < sizeof paragraphs / sizeof paragraphs[0]; i++) {
		char *want = squeeze(paragraphs[i]);
		cr_expect(strstr(flat, want), "paragraph %zu missing from the PDF text", i);
		free(want);
	}
	free(flat);
	free(text);
}

Test(pdf, no_line_starts_with_a_forbidden_character)
{
	static const char *forbidden =
	    "、。，．」』）〕】ー・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々";
	int st;
	char *text = pdf_text("", &st);
	size_t flen = strlen(forbidden);
	/* ・ may start a line as the bullet of a list item or of a paragraph of
	 * 現状と課題: the text after it then starts a line of the sources */
	char path[8192];
	snprintf(path, sizeof path, "%s/00-intro.md", plan_dir);
	char *src1 = read_whole(path, NULL);
	snprintf(path, sizeof path, "%s/07-admin.md", plan_dir);
	char *src2 = read_whole(path, NULL);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		while (*line == ' ' || *line == '\f')
			line++;
		uint32_t cp;
		if (!*line || !pc_utf8_decode(line, strlen(line), &cp))
			continue;
		if (cp == 0x30FB) {
			char start[32];
			snprintf(start, sizeof start, "\n%.9s", line + 3);
			char item[32];
			snprintf(item, sizeof item, "- %.9s", line + 3);
			if (strstr(src1, start) || strstr(src2, start) || strstr(src1, item) ||
			    strstr(src2, item))
				continue;
		}
		for (size_t i = 0; i < flen;) {
			uint32_t c;
			size_t k = pc_utf8_decode(forbidden + i, flen - i, &c);
			i += k ? k : 1;
			cr_expect_neq(cp, c, "a line starts with U+%04X: %s", (unsigned)cp, line);
		}
	}
	free(src1);
	free(src2);
	free(text);
}

Test(pdf, words_stay_inside_the_text_block)
{
	int st;
	char *html = pdf_text("-bbox", &st);
	cr_assert_eq(st, 0);
	int words = 0;
	for (char *p = strstr(html, "<word "); p; p = strstr(p + 1, "<word ")) {
		double x0, y0, x1, y1;
		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0,
		           &x1, &y1) != 4)
			continue;
		words++;
		/* a comma or full stop ending a line keeps its blank half em
		 * past the measure (the ink stops at the measure) */
		cr_expect(x0 >= BLOCK_X - 1 && x1 <= BLOCK_X + BLOCK_W + 10.5 / 2 + 1,
		          "word outside the measure: %.80s", p);
		bool body = y0 >= BLOCK_TOP - 1 && y1 <= BLOCK_TOP + BLOCK_H + 1;
		bool header = y1 < BLOCK_TOP - 10 && y0 > 30;
		bool footer = y0 > PAGE_H - 60 && y1 < PAGE_H - 25;
		cr_expect(body || header || footer, "word outside the text block: %.80s", p);
	}
	cr_expect_gt(words, 100); /* a justified line extracts as one word (ActualText) */
	free(html);
}

/* The first page after the contents on which pdftotext finds both needles
 * (1-based), or 0. */
static int page_of(const char *needle, const char *needle2, int pages)
{
	for (int p = 1; p <= pages; p++) {
		if (p <= 2)
			continue; /* the cover and the contents */
		char extra[64];
		snprintf(extra, sizeof extra, "-f %d -l %d", p, p);
		int st;
		char *t = pdf_text(extra, &st);
		char *flat = squeeze(t);
		bool found = strstr(flat, needle) && strstr(flat, needle2);
		free(flat);
		free(t);
		if (found)
			return p;
	}
	return 0;
}

/* The pages of OUT/plan.pdf, as pdfinfo counts them. */
static int pages_in(const char *out)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s/plan.pdf'", out);
	char *info = capture(cmd, NULL);
	char *p = strstr(info, "Pages:");
	int n = p ? atoi(p + 6) : 0;
	free(info);
	return n;
}

static int page_count(void)
{
	return pages_in(out_dir);
}

Test(pdf, page_references_are_the_real_pages)
{
	int st;
	char *flat = squeeze(pdf_text("", &st));
	struct {
		const char *ref, *label, *title;
	} refs[] = {
	    {"7-2信頼される行財政運営（p.", "施策7-2", "信頼される行財政運営"},
	    {"7-1みんなが主役のまちづくり（p.", "施策7-1", "みんなが主役のまちづくり"},
	};
	int pages = page_count();
	cr_assert_gt(pages, 5);
	for (size_t i = 0; i < 2; i++) {
		char *p = strstr(flat, refs[i].ref);
		cr_assert(p, "reference '%s' not printed", refs[i].ref);
		int printed = atoi(p + strlen(refs[i].ref));
		int found = page_of(refs[i].label, refs[i].title, pages);
		cr_expect_eq(printed, found, "%s printed p.%d, heading on p.%d", refs[i].title,
		             printed, found);
	}
	free(flat);
}

Test(pdf, index_lists_the_pages_of_each_term)
{
	int pages = page_count();
	char extra[64];
	/* -layout keeps an entry and its pages (after the dot leader, which
	 * is drawn, not text) on one line */
	snprintf(extra, sizeof extra, "-layout -f %d -l %d", pages, pages);
	int st;
	char *last = pdf_text(extra, &st);
	cr_assert(strstr(last, "索引"), "no index on the last page");
	char *p = strstr(last, "ダイバーシティ");
	cr_assert(p, "ダイバーシティ not in the index");
	p += strlen("ダイバーシティ");
	while (*p == ' ' || !strncmp(p, "　", 3))
		p += *p == ' ' ? 1 : 3;
	int listed = 0;
	while (*p >= '0' && *p <= '9') {
		int n = (int)strtol(p, &p, 10);
		char e2[64];
		snprintf(e2, sizeof e2, "-f %d -l %d", n, n);
		char *t = pdf_text(e2, &st);
		cr_expect(strstr(t, "ダイバーシティ"), "index says p.%d, the term is not there", n);
		free(t);
		listed++;
		if (!strncmp(p, ", ", 2))
			p += 2;
	}
	cr_expect_eq(listed, 2, "one use and one definition, on different pages");
	free(last);
}

Test(pdf, split_table_repeats_its_header)
{
	int pages = page_count(), with_rows = 0;
	for (int p = 1; p <= pages; p++) {
		char extra[64];
		snprintf(extra, sizeof extra, "-f %d -l %d", p, p);
		int st;
		char *t = pdf_text(extra, &st);
		char *flat = squeeze(t);
		if (strstr(flat, "の内容として")) {
			with_rows++;
			cr_expect(strstr(flat, "事業名") && strstr(flat, "担当課"),
			          "page %d has rows but no header row", p);
		}
		free(flat);
		free(t);
	}
	cr_expect_geq(with_rows, 2, "the 70-row table should span pages");
}

Test(pdf, outline_mirrors_the_sections)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "qpdf --json --json-key=outlines '%s/plan.pdf'", out_dir);
	int st;
	char *json = capture(cmd, &st);
	cr_assert_eq(st, 0);
	int n = 0;
	for (char *p = strstr(json, "\"title\""); p; p = strstr(p + 1, "\"title\""))
		n++;
	/* 序論, 1, 政策7, 7-1 and its 3 blocks, 7-2 and its 2 blocks; then
	 * the appendices 成果指標一覧, 用語解説 and 索引 */
	cr_expect_eq(n, 13, "outline entries: %d", n);
	cr_expect(strstr(json, "成果指標一覧") && strstr(json, "用語解説") && strstr(json, "索引"));
	free(json);
}

Test(pdf, valid_and_reproducible)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "qpdf --check '%s/plan.pdf' 2>&1", out_dir);
	int st;
	char *out = capture(cmd, &st);
	cr_expect_eq(st, 0, "qpdf --check: %s", out);
	free(out);
	char *again = tmp_dir();
	const char *argv[] = {"build",    plan_dir, "-o",      again,
	                      "--format", "pdf",    "--fonts", PLANCC_SOURCE_DIR "/fonts/fonts.map",
	                      NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0);
	char p1[8192], p2[8192];
	snprintf(p1, sizeof p1, "%s/plan.pdf", out_dir);
	snprintf(p2, sizeof p2, "%s/plan.pdf", again);
	size_t n1, n2;
	char *a = read_whole(p1, &n1), *b = read_whole(p2, &n2);
	cr_assert(a && b);
	cr_expect(n1 == n2 && !memcmp(a, b, n1), "two builds differ");
	free(a);
	free(b);
	run_free(&r);
	remove_tree(again);
	free(again);
}

Test(pdf, missing_glyph_is_a_warning_with_a_stand_in)
{
	cr_expect(strstr(build_result.err, "07-admin.md:") && strstr(build_result.err, "U+20BB7"),
	          "no warning: %s", build_result.err);
	int st;
	char *text = pdf_text("", &st);
	cr_expect(strstr(text, "〓野家"), "no visible stand-in");
	free(text);
}

/* Tests below build plans of their own. */
static void no_setup(void)
{
}

Test(pdf_errors, strict_missing_glyph_writes_nothing, .init = no_setup)
{
	char *dir = tmp_dir(), *out = tmp_dir();
	write_file(dir, "00.md", "---\ntitle: 計画\n---\n\n# 章\n\n𩸽の話。\n");
	const char *argv[] = {"build",    dir,        "-o",
	                      out,        "--format", "pdf",
	                      "--strict", "--fonts",  PLANCC_SOURCE_DIR "/fonts/fonts.map",
	                      NULL};
	run_result r = run_plancc(NULL, argv);
	cr_expect_eq(r.status, 1);
	cr_expect(strstr(r.err, "00.md:7:1: error:") && strstr(r.err, "U+29E3D"), "%s", r.err);
	char path[8192];
	snprintf(path, sizeof path, "%s/plan.pdf", out);
	char *pdf = read_whole(path, NULL);
	cr_expect_null(pdf, "plan.pdf written despite the error");
	free(pdf);
	run_free(&r);
	remove_tree(dir);
	remove_tree(out);
	free(dir);
	free(out);
}

Test(pdf_errors, missing_font_map_is_an_error, .init = no_setup)
{
	char *dir = tmp_dir(), *out = tmp_dir();
	write_file(dir, "00.md", "---\ntitle: 計画\n---\n\n# 章\n\n本文。\n");
	const char *argv[] = {
	    "build", dir, "-o", out, "--format", "pdf", "--fonts", "/nonexistent/fonts.map", NULL};
	run_result r = run_plancc(NULL, argv);
	cr_expect_eq(r.status, 1);
	cr_expect(strstr(r.err, "error"), "%s", r.err);
	run_free(&r);
	remove_tree(dir);
	remove_tree(out);
	free(dir);
	free(out);
}

/* chapter-start: right. Three chapters: the first and the third one page
 * long, the second about two; the contents one page. */
static void write_recto_plan(const char *dir, bool right)
{
	pc_buf b = {0};
	pc_buf_printf(&b, "---\ntitle: 両面印刷の計画\n%s---\n\n",
	              right ? "chapter-start: right\n" : "");
	static const char *names[] = {"一", "二", "三"};
	for (int c = 0; c < 3; c++) {
		pc_buf_printf(&b, "# %d 第%sの章\n\n%sの章の最初の段落です。\n\n", c + 1, names[c],
		              names[c]);
		for (int p = 0; p < (c == 1 ? 40 : 3); p++)
			pc_buf_printf(&b, "%sの章の本文です。計画の内容をここに書きます。\n\n",
			              names[c]);
	}
	pc_buf_putc(&b, '\0');
	write_file(dir, "00.md", b.data);
	pc_buf_free(&b);
}

/* Builds it; returns the number of pages, the text of each in text[]. */
static int build_recto_plan(bool right, char *text[], int max)
{
	char *dir = tmp_dir(), *out = tmp_dir();
	write_recto_plan(dir, right);
	const char *argv[] = {"build",    dir,   "-o",      out,
	                      "--format", "pdf", "--fonts", PLANCC_SOURCE_DIR "/fonts/fonts.map",
	                      NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	int n = pages_in(out);
	cr_assert(n > 0 && n <= max, "%d pages", n);
	char cmd[8192];
	for (int i = 0; i < n; i++) {
		snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d '%s/plan.pdf' -", i + 1, i + 1,
		         out);
		char *t = capture(cmd, NULL);
		text[i] = squeeze(t);
		free(t);
	}
	remove_tree(dir);
	remove_tree(out);
	free(dir);
	free(out);
	return n;
}

/* The 1-based page on which a chapter opens (its first paragraph). */
static int opening_page(char *text[], int n, const char *name)
{
	char first[64];
	snprintf(first, sizeof first, "%sの章の最初の段落です。", name);
	for (int i = 0; i < n; i++)
		if (strstr(text[i], first))
			return i + 1;
	return 0;
}

Test(pdf_errors, chapters_open_on_right_hand_pages_when_asked, .init = no_setup)
{
	if (!have_tools())
		cr_skip_test("pdftotext is not installed");
	char *text[64];
	static const char *names[] = {"一", "二", "三"};
	/* by default chapters follow on the next page, whichever side */
	int n = build_recto_plan(false, text, 64);
	bool some_left = false;
	for (int c = 0; c < 3; c++)
		some_left |= opening_page(text, n, names[c]) % 2 == 0;
	cr_expect(some_left, "the plan should have a chapter on a left-hand page by default");
	for (int i = 0; i < n; i++) {
		cr_expect(text[i][0], "page %d is blank without chapter-start: right", i + 1);
		free(text[i]);
	}
	/* asked: every chapter and the contents on an odd page; a blank page
	 * (not even a page number) only just before one of them */
	n = build_recto_plan(true, text, 64);
	for (int c = 0; c < 3; c++) {
		int p = opening_page(text, n, names[c]);
		cr_expect(p > 0 && p % 2 == 1, "chapter %s opens on page %d", names[c], p);
	}
	for (int i = 0; i < n; i++) {
		bool opens_next = i + 1 < n && (strstr(text[i + 1], "の章の最初の段落です。") ||
		                                strstr(text[i + 1], "目次"));
		if (!text[i][0])
			cr_expect(opens_next && (i + 1) % 2 == 0,
			          "page %d is blank but no chapter follows it", i + 1);
	}
	cr_expect(!text[1][0], "the back of the cover is not blank");
	cr_expect(strstr(text[2], "目次"), "the contents are not on page 3");
	for (int i = 0; i < n; i++)
		free(text[i]);
}
