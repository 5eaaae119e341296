/*
 * The booklet's typesetting decisions above the line: tables (years and
 * phrases kept whole), headings (a style per level, even title lines),
 * bullets and source notes, what is kept with a table, the last index
 * page, the glossary box's ※n, the Latin faces, full-width letters and
 * images under 300 ppi — read back from built PDFs with pdftotext -bbox
 * (every line is one word: its ActualText) and pdffonts.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "util/buf.h"
#include "util/utf8.h"

#define PAGE_W 595.276

typedef struct word {
	int page;
	double x0, y0, x1, y1;
	char text[512];
} word;

typedef struct built {
	char *dir, *out;
	run_result r;
	word *w;
	size_t nw;
} built;

static bool have_tools(void)
{
	int st;
	free(capture("command -v pdftotext >/dev/null && command -v pdffonts >/dev/null && echo ok",
	             &st));
	return st == 0;
}

/* &amp; &lt; &gt; &quot; back to characters. */
static void unescape(char *s)
{
	static const struct {
		const char *ent, *ch;
	} ents[] = {
	    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
	for (char *p = s; (p = strchr(p, '&'));) {
		size_t i = 0;
		for (; i < sizeof ents / sizeof ents[0]; i++) {
			size_t n = strlen(ents[i].ent);
			if (!strncmp(p, ents[i].ent, n)) {
				*p = ents[i].ch[0];
				memmove(p + 1, p + n, strlen(p + n) + 1);
				break;
			}
		}
		p++;
	}
}

/* Every word of the PDF with its page and box. */
static void read_words(built *b)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s/plan.pdf' - 2>/dev/null", b->out);
	char *html = capture(cmd, NULL);
	size_t cap = 0;
	int page = 0;
	for (char *p = html; *p;) {
		char *pg = strstr(p, "<page "), *wd = strstr(p, "<word ");
		if (!wd)
			break;
		if (pg && pg < wd) {
			page++;
			p = pg + 6;
			continue;
		}
		if (b->nw == cap) {
			cap = cap ? 2 * cap : 1024;
			b->w = realloc(b->w, cap * sizeof *b->w);
		}
		word *w = &b->w[b->nw];
		w->page = page;
		char *gt = strchr(wd, '>'), *end = gt ? strstr(gt, "</word>") : NULL;
		if (!end || sscanf(wd, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
		                   &w->x0, &w->y0, &w->x1, &w->y1) != 4)
			break;
		size_t n = (size_t)(end - gt - 1);
		if (n >= sizeof w->text)
			n = sizeof w->text - 1;
		memcpy(w->text, gt + 1, n);
		w->text[n] = '\0';
		unescape(w->text);
		b->nw++;
		p = end;
	}
	free(html);
}

/* Builds the plan of files (name, text, …, NULL) into a PDF. */
static built build_files(const char *fonts, const char *const *files)
{
	built b = {tmp_dir(), tmp_dir(), {0}, NULL, 0};
	for (size_t i = 0; files[i]; i += 2)
		write_file(b.dir, files[i], files[i + 1]);
	const char *argv[] = {"build", b.dir,     "-o",  b.out, "--format",
	                      "pdf",   "--fonts", fonts, NULL};
	b.r = run_plancc(NULL, argv);
	if (b.r.status == 0)
		read_words(&b);
	return b;
}

static built build_plan(const char *md)
{
	if (!have_tools())
		cr_skip_test("pdftotext or pdffonts is not installed");
	const char *files[] = {"00.md", md, NULL};
	built b = build_files(PLANCC_SOURCE_DIR "/fonts/fonts.map", files);
	cr_assert_eq(b.r.status, 0, "plancc failed: %s", b.r.err);
	return b;
}

static void done(built *b)
{
	if (getenv("PLANCC_TEST_KEEP"))
		fprintf(stderr, "kept %s and %s\n", b->dir, b->out);
	else {
		remove_tree(b->dir);
		remove_tree(b->out);
	}
	free(b->dir);
	free(b->out);
	free(b->w);
	run_free(&b->r);
}

/* The first word containing s, or NULL. */
static const word *find(const built *b, const char *s)
{
	for (size_t i = 0; i < b->nw; i++)
		if (strstr(b->w[i].text, s))
			return &b->w[i];
	return NULL;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && !strcmp(s + n - m, end);
}

#define FRONT "---\ntitle: 組版の確認計画\ncity: みどり市\n---\n\n"

/* ---- tables ------------------------------------------------------------- */

Test(tables, years_and_phrases_stay_whole)
{
	built b = build_plan(
	    FRONT
	    "# 1 情報\n\n## 1-1 情報発信\n\n```indicators\n"
	    "指標名\t把握方法\t現状値（令和2年度）\t中間目標値（令和5年度）\t目標値〔令和8(2026)"
	    "年度〕\t"
	    "実績値（令和6年度）\n"
	    "市ホームページアクセス件数\t市のアクセス解析による年間の閲覧件数\t"
	    "1,234,567 件\t1,300,000 件\t1,400,000 件\t1,350,000 件\n"
	    "市公式アプリの登録者数\t登録者の数（各年度末）\t12,345 人\t15,000 人\t20,000 人\t"
	    "16,789 人\n```\n");
	/* a header year or its era is never cut: 「（令和｜2年度）」 */
	const char *years[] = {"（令和2年度）", "（令和5年度）", "〔令和8(2026)年度〕",
	                       "（令和6年度）"};
	for (size_t i = 0; i < sizeof years / sizeof years[0]; i++)
		cr_expect_not_null(find(&b, years[i]), "%s is cut", years[i]);
	for (size_t i = 0; i < b.nw; i++)
		cr_expect(!ends_with(b.w[i].text, "令和") && !ends_with(b.w[i].text, "（令和"),
		          "a line ends with its era: %s", b.w[i].text);
	/* the name column is as wide as its longest phrase:
	 * never 「市｜ホームページアクセス｜件数」 */
	cr_expect_not_null(find(&b, "ホームページアクセス"), "a phrase is cut");
	done(&b);
}

/* A table of many value columns with whole-year headers, as real plans
 * have: the name and method columns keep at least three characters a
 * line, every value and the rate stay whole, and a year breaks only before
 * its Gregorian year (〔令和6｜(2024)年度〕), never inside it. */
Test(tables, many_value_columns)
{
	built b = build_plan(
	    FRONT "# 1 子育て\n\n## 1-1 子育ての支え\n\n```indicators\n"
	          "指標名\t把握方法\t基準値〔令和6(2024)年度〕\t中間目標値〔令和11(2029)年度〕\t"
	          "目標値〔令和13(2031)年度〕\t実績値〔令和9(2027)年度〕\t"
	          "実績値〔令和10(2028)年度〕\n"
	          "保育所等の待機児童数\tこども保育課調べ\t3 人\t0 人\t0 人\t2 人\t0 人\n"
	          "放課後児童クラブの定員\tこども保育課調べ\t845 人\t910 人\t960 人\t870 人\t"
	          "905 人\n```\n");
	const char *years[] = {"(2024)年度〕", "(2029)年度〕", "(2031)年度〕", "(2027)年度〕",
	                       "(2028)年度〕"};
	for (size_t i = 0; i < sizeof years / sizeof years[0]; i++)
		cr_expect_not_null(find(&b, years[i]), "%s is cut", years[i]);
	const char *values[] = {"845", "910", "960", "870", "905"};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		cr_expect_not_null(find(&b, values[i]), "%s is cut", values[i]);
	/* the words' lines hold three characters or more (the last may hold
	 * fewer): 保育所 / 等の待機 …, never 保 / 育 / 所 */
	const word *w = find(&b, "保育所");
	cr_expect_not_null(w, "the name column is narrower than three characters");
	done(&b);
}

/* ---- headings ----------------------------------------------------------- */

/* Values written with a space before their unit, one unit per another
 * (8,640 件/年), in a table of seven columns: the column is as wide as
 * the value with its unit, which is never torn from its number
 * (「8,640｜件/年」) nor split at its slash (「件/｜年」). */
Test(tables, a_value_keeps_its_unit)
{
	built b = build_plan(
	    FRONT "# 1 健康\n\n## 1-1 在宅医療\n\n```indicators\n"
	          "指標名\t把握方法\t現在値 (R6年度)\t中間目標値 (R11年度)\t"
	          "最終目標値 (R13年度)\t実績値 (R9年度)\t実績値 (R10年度)\n"
	          "健康診査を受けた市民の割合\t市民意識調査\t52.5%\t56.0%\t60.0%\t53.1%\t"
	          "54.2%\n"
	          "夜間休日こども診療所の年間受診者数\t診療所運営報告\t3,812 人\t3,920 人\t"
	          "4,000 人\t3,655 人\t3,890 人\n"
	          "在宅で療養している人の訪問看護件数\t国保データベースから集計\t"
	          "8,640 件/年\t9,600 件/年\t10,200 件/年\t8,910 件/年\t9,180 件/年\n```\n");
	/* every line of the booklet is a word: none starts with the unit or
	 * ends with the slash */
	size_t whole = 0;
	for (size_t i = 0; i < b.nw; i++) {
		const char *t = b.w[i].text;
		cr_expect(strncmp(t, "件/", strlen("件/")) != 0, "p.%d: a line starts 「%s」",
		          b.w[i].page, t);
		cr_expect(!ends_with(t, "/"), "p.%d: a line ends 「%s」", b.w[i].page, t);
		whole += !strcmp(t, "8,640 件/年");
	}
	cr_expect_geq(whole, 2, "8,640 件/年 whole in the chapter's table and the appendix");
	done(&b);
}

Test(headings, every_level_has_its_own_style)
{
	built b = build_plan(FRONT "# 1 章\n\n## 1-1 施策\n\n### 三の見出し\n\n本文。\n\n"
	                           "#### 四の見出し\n\n本文。\n\n##### 五の見出し\n\n本文。\n\n"
	                           "###### 六の見出し\n\n本文。\n");
	const word *h3 = find(&b, "三の見出し"), *h4 = find(&b, "四の見出し"),
	           *h5 = find(&b, "五の見出し"), *h6 = find(&b, "六の見出し");
	cr_assert(h3 && h4 && h5 && h6);
	cr_expect_str_eq(h3->text, "■三の見出し");
	cr_expect_str_eq(h4->text, "◆四の見出し");
	cr_expect_str_eq(h5->text, "◇五の見出し");
	cr_expect_str_eq(h6->text, "六の見出し");
	/* larger to smaller */
	cr_expect_gt(h3->y1 - h3->y0, h4->y1 - h4->y0);
	cr_expect_gt(h4->y1 - h4->y0, h5->y1 - h5->y0);
	done(&b);
}

Test(headings, a_chapter_title_keeps_its_words)
{
	/* wherever the first line of 19 characters ends, never 「まち｜づくり」 */
	static const char *const before = "市民の一人ひとりが主役となり新しい時代を拓く";
	pc_buf md = {0};
	pc_buf_puts(&md, FRONT);
	for (size_t k = 12; k <= 20; k++) {
		size_t at = 0, len = strlen(before);
		for (size_t n = 0; n < k && at < len; n++) {
			uint32_t cp;
			at += pc_utf8_decode(before + at, len - at, &cp);
		}
		pc_buf_printf(&md, "# %zu %.*sまちづくりの推進\n\n本文です。\n\n", k, (int)at,
		              before);
	}
	pc_buf_putc(&md, '\0');
	built b = build_plan(md.data);
	int titles = 0;
	for (size_t i = 0; i < b.nw; i++) {
		const word *w = &b.w[i];
		if (w->y1 - w->y0 < 18) /* the titles are 22 pt */
			continue;
		titles++;
		cr_expect(!ends_with(w->text, "まち") && !ends_with(w->text, "ま"),
		          "a title line ends 「%s」", w->text);
	}
	cr_assert_geq(titles, 9);
	pc_buf_free(&md);
	done(&b);
}

/* ---- bullets and notes -------------------------------------------------- */

Test(bullets, none_before_a_marker_a_figure_title_or_a_source)
{
	built b = build_plan(FRONT "# 1 章\n\n## 1-1 施策\n\n### 現状と課題 {.issues}\n\n"
	                           "高齢化が進んでいます。\n\n①担い手が不足しています。\n\n"
	                           "- ②活動の場が減っています。\n\n"
	                           "図1 年齢別人口の推移\n\n"
	                           "資料：みどり市統計書（令和6年版）\n");
	const word *plain = find(&b, "高齢化が進んでいます。");
	cr_assert_not_null(plain);
	cr_expect_str_eq(plain->text, "・高齢化が進んでいます。");
	const word *own = find(&b, "①担い手"), *item = find(&b, "②活動"), *fig = find(&b, "図1"),
	           *src = find(&b, "資料：");
	cr_assert(own && item && fig && src);
	cr_expect_str_eq(own->text, "①担い手が不足しています。");
	cr_expect_str_eq(item->text, "②活動の場が減っています。");
	cr_expect(strncmp(fig->text, "図1", 4) == 0, "%s", fig->text);
	cr_expect(strncmp(src->text, "資料：", 9) == 0, "%s", src->text);
	/* the source is a small note */
	cr_expect_lt(src->y1 - src->y0, plain->y1 - plain->y0);
	done(&b);
}

Test(bullets, a_source_note_goes_under_its_table_before_the_charts)
{
	built b = build_plan(FRONT "# 1 章\n\n## 1-1 施策\n\n```indicators\n"
	                           "指標名\t基準値 (R6年度)\t目標値 (R13年度)\n"
	                           "協働事業の数\t12 件\t14 件\n```\n\n"
	                           "資料：市民協働課調べ\n");
	const word *row = find(&b, "協働事業の数"), *src = find(&b, "資料：市民協働課調べ"),
	           *key = find(&b, "計画（基準値");
	cr_assert(row && src && key);
	cr_expect_eq(src->page, row->page);
	cr_expect_gt(src->y0, row->y1, "the note under the table");
	cr_expect(src->page < key->page || src->y1 < key->y0, "the note before the charts");
	done(&b);
}

/* ---- what is kept with a table ------------------------------------------ */

Test(keeps, an_intro_line_and_a_source_stay_with_their_table)
{
	/* Text of n lines, then a heading, one line, a table and its source:
	 * for some n the heading and its line land at the page foot. */
	pc_buf md = {0};
	pc_buf_puts(&md, FRONT);
	for (int n = 24; n <= 36; n++) {
		pc_buf_printf(&md, "# %d 章\n\n", n);
		for (int k = 0; k < n; k++)
			pc_buf_puts(&md,
			            "市民の暮らしを支える取組を進め、その成果を毎年確かめて公表し"
			            "ます。次の年度に生かします。\n\n");
		pc_buf_printf(&md,
		              "### 成果指標\n\n第%d章の指標は次のとおりです。\n\n"
		              "```table\n指標名\t値\n一\t1\n二\t2\n三\t3\n四\t4\n```\n\n"
		              "資料：第%d章の担当課調べ\n\n",
		              n, n);
	}
	pc_buf_putc(&md, '\0');
	built b = build_plan(md.data);
	for (int n = 24; n <= 36; n++) {
		char intro[128], src[128];
		snprintf(intro, sizeof intro, "第%d章の指標は", n);
		snprintf(src, sizeof src, "第%d章の担当課", n);
		const word *i = find(&b, intro), *s = find(&b, src);
		cr_assert(i && s, "chapter %d", n);
		/* the table's header row and last row follow in the words */
		const word *head = NULL, *last = NULL;
		for (const word *w = i; w < s; w++) {
			if (!head && !strcmp(w->text, "指標名"))
				head = w;
			if (!strcmp(w->text, "四"))
				last = w;
		}
		cr_assert(head && last, "chapter %d", n);
		cr_expect_eq(i->page, head->page, "chapter %d: the intro line left alone", n);
		cr_expect_eq(s->page, last->page, "chapter %d: the source away from its table", n);
	}
	pc_buf_free(&md);
	done(&b);
}

/* ---- the index ---------------------------------------------------------- */

Test(index, the_last_page_has_two_even_columns)
{
	pc_buf md = {0};
	pc_buf_puts(&md, FRONT "# 1 章\n\n## 1-1 施策\n\n");
	for (int i = 0; i < 70; i++)
		pc_buf_printf(&md, "[用語%02d](index:ようご%02d)を使います。\n\n", i, i);
	pc_buf_putc(&md, '\0');
	built b = build_plan(md.data);
	int last = b.nw ? b.w[b.nw - 1].page : 0;
	double left = 0, right = 0;
	int nl = 0, nr = 0;
	for (size_t i = 0; i < b.nw; i++) {
		const word *w = &b.w[i];
		if (w->page != last || w->y0 < 70 || w->y1 > 841.89 - 60)
			continue; /* header and folio */
		if (w->x0 < PAGE_W / 2) {
			left = w->y1 > left ? w->y1 : left;
			nl++;
		} else {
			right = w->y1 > right ? w->y1 : right;
			nr++;
		}
	}
	cr_assert(nl > 0 && nr > 0, "both columns used: left %d, right %d", nl, nr);
	cr_expect_lt(left > right ? left - right : right - left, 40, "column bottoms %.0f and %.0f",
	             left, right);
	pc_buf_free(&md);
	done(&b);
}

/* ---- the glossary box --------------------------------------------------- */

Test(glossary, the_box_shows_the_terms_numbers)
{
	built b =
	    build_plan("---\ntitle: 番号の計画\nterm-mark: ※n\n---\n\n# 1 章\n\n## 1-1 施策\n\n"
	               "デマンド交通とコミュニティバスを組み合わせます。\n\n"
	               "### 用語解説\n\n```glossary\n用語\t読み\t説明\n"
	               "コミュニティバス\t\t地域の移動を支える乗合バス。\n"
	               "デマンド交通\tでまんどこうつう\t予約に応じて運行する交通。\n```\n");
	const word *bus = find(&b, "地域の移動を支える"), *dem = find(&b, "予約に応じて");
	cr_assert(bus && dem);
	cr_expect(strncmp(bus->text, "※2 コミュニティバス", strlen("※2 コミュニティバス")) == 0,
	          "%s", bus->text);
	cr_expect(strncmp(dem->text, "※1 デマンド交通", strlen("※1 デマンド交通")) == 0, "%s",
	          dem->text);
	done(&b);
}

/* ---- faces -------------------------------------------------------------- */

static char *fonts_of(const built *b)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "pdffonts '%s/plan.pdf'", b->out);
	return capture(cmd, NULL);
}

Test(faces, latin_is_proportional_and_matches_each_role)
{
	built b = build_plan(FRONT "# 1 章\n\n## 1-1 施策\n\n本市の人口は2024年に67,912人です。"
	                           "SDGｓの考え方を生かします。\n\n"
	                           "```table\n区分\t値\nWeb\t2024年\n```\n");
	char *f = fonts_of(&b);
	cr_expect(strstr(f, "BIZUDPMincho-Regular"), "Latin in Mincho text: %s", f);
	cr_expect(strstr(f, "BIZUDPGothic-Regular"), "Latin in Gothic text: %s", f);
	cr_expect(strstr(f, "BIZUDPGothic-Bold"), "Latin in bold headers: %s", f);
	/* full-width letters are printed as Latin: 「SDG ｓ」 never */
	cr_expect_not_null(find(&b, "SDGsの考え方"));
	free(f);
	done(&b);
}

Test(faces, a_map_without_latin_roles_still_builds)
{
	if (!have_tools())
		cr_skip_test("pdftotext or pdffonts is not installed");
	char *maps = tmp_dir();
	write_file(maps, "fonts.map",
	           "body = /usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf\n"
	           "bold = /usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Bold.ttf\n"
	           "heading = /usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Bold.ttf\n"
	           "table = /usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf\n");
	char map[4096];
	snprintf(map, sizeof map, "%s/fonts.map", maps);
	const char *files[] = {"00.md", FRONT "# 1 章\n\n本市の人口は2024年に67,912人です。\n",
	                       NULL};
	built b = build_files(map, files);
	if (b.r.status != 0 && strstr(b.r.err, "見つかりません"))
		cr_skip_test("the BIZ UD fonts are not installed");
	cr_assert_eq(b.r.status, 0, "%s", b.r.err);
	char *f = fonts_of(&b);
	cr_expect_null(strstr(f, "BIZUDP"), "no proportional face without the roles: %s", f);
	free(f);
	done(&b);
	/* a role the map does not know names the ones it does */
	write_file(maps, "fonts.map", "body = BIZUDMincho-Regular.ttf\nitalic = x.ttf\n");
	const char *files2[] = {"00.md", FRONT "# 1 章\n\n本文。\n", NULL};
	b = build_files(map, files2);
	cr_expect_eq(b.r.status, 1);
	cr_expect(strstr(b.r.err, "fonts.map:2:1: error:") && strstr(b.r.err, "table-latin"), "%s",
	          b.r.err);
	done(&b);
	remove_tree(maps);
	free(maps);
}

/* ---- images ------------------------------------------------------------- */

/* A PNG of w × h pixels (written by Python's zlib). */
static void write_png(const char *dir, const char *name, int w, int h)
{
	char cmd[8192];
	snprintf(
	    cmd, sizeof cmd,
	    "python3 -c \"import struct,zlib,sys\n"
	    "w,h=%d,%d\n"
	    "def chunk(t,d): return "
	    "struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d))\n"
	    "raw=b''.join(b'\\\\x00'+b'\\\\xc8'*w for _ in range(h))\n"
	    "sys.stdout.buffer.write(b'\\\\x89PNG\\\\r\\\\n\\\\x1a\\\\n'+chunk(b'IHDR',struct.pack("
	    "'>IIBBBBB',"
	    "w,h,8,0,0,0,0))+chunk(b'IDAT',zlib.compress(raw))+chunk(b'IEND',b''))\" > '%s/%s'",
	    w, h, dir, name);
	cr_assert_eq(system(cmd), 0);
}

Test(images, under_300_ppi_at_its_printed_size_warns)
{
	if (!have_tools())
		cr_skip_test("pdftotext or pdffonts is not installed");
	char *dir = tmp_dir(), *out = tmp_dir();
	write_file(dir, "00.md",
	           FRONT "# 1 章\n\n"                      /* 5-6 */
	                 "本文。\n\n"                      /* 8 */
	                 "![粗い図](small.png)\n\n"        /* 10 */
	                 "本文。![細かい図](fine.png)\n"); /* 12 */
	write_png(dir, "small.png", 800, 400);
	write_png(dir, "fine.png", 1800, 900);
	const char *argv[] = {"build",    dir,   "-o",      out,
	                      "--format", "pdf", "--fonts", PLANCC_SOURCE_DIR "/fonts/fonts.map",
	                      NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_expect(has_line(r.err, "00.md:10:1: warning: 画像「small.png」"), "%s", r.err);
	cr_expect(strstr(r.err, "137 ppi") && strstr(r.err, "1750"), "%s", r.err);
	cr_expect_null(strstr(r.err, "fine.png"), "%s", r.err);
	cr_expect_eq(count_lines(r.err, "warning:"), 1, "said once, not per pass: %s", r.err);
	run_free(&r);
	remove_tree(dir);
	remove_tree(out);
	free(dir);
	free(out);
}
