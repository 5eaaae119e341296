/*
 * HTML back end. One page per chapter plus index.html (cover, contents and
 * anything before the first chapter), glossary.html, terms.html (索引) and
 * indicators.html. Every text and attribute goes through one escaping
 * function; raw HTML from the Markdown is never passed through.
 *
 * Ids: a section or table keeps its plan id, which FORMAT.md limits to
 * ASCII letters, digits, - and _. Every id the back end makes up has a
 * '.' in it (tip.3, term.12, pc.main), so none can clash with the plan's.
 *
 * Recursion follows the tree, whose nesting the parser caps at
 * PC_MAX_DEPTH (plus the six heading levels), so it stays bounded.
 */
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../index/index.h"
#include "../../util/buf.h"
#include "../../util/map.h"
#include "../indicators/indicators.h"
#include "../sdgs.h"
#include "chart.h"
#include "style.h"

typedef struct html {
	pc_doc *doc;
	pc_output *out;
	pc_diags *diags;
	pc_buf b;        /* the page being written */
	pc_vec chapters; /* outermost sections, one page each */
	pc_map marked;   /* "section:term" already marked on this page */
	pc_index *ix;
	const pc_node *chapter; /* of the page being written; NULL for others */
	unsigned tips;          /* tooltip ids on the page */
	unsigned charts;        /* chart ids on the page */
	int in_link;            /* inside an <a>: no nested links */
	bool ok;
} html;

void pc_html_escape(pc_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			pc_buf_puts(b, "&amp;");
			break;
		case '<':
			pc_buf_puts(b, "&lt;");
			break;
		case '>':
			pc_buf_puts(b, "&gt;");
			break;
		case '"':
			pc_buf_puts(b, "&quot;");
			break;
		case '\'':
			pc_buf_puts(b, "&#39;");
			break;
		default:
			pc_buf_putc(b, *s);
		}
	}
}

static void put(html *h, const char *s)
{
	pc_buf_puts(&h->b, s);
}

static void text(html *h, const char *s)
{
	pc_html_escape(&h->b, s);
}

/* ---- where things are ---- */

static const char *chapter_page(html *h, const pc_node *chapter)
{
	return chapter ? pc_arena_printf(h->doc->arena, "c-%s.html", chapter->u.section.id)
	               : "index.html";
}

/* href of a section or table: page#id (just #id on its own page). */
static const char *href_of(html *h, const pc_node *target)
{
	const char *id = target->kind == PC_SECTION ? target->u.section.id : target->u.table.id;
	const pc_node *ch = pc_node_chapter(target);
	if (ch == h->chapter && h->chapter)
		return pc_arena_printf(h->doc->arena, "#%s", id);
	return pc_arena_printf(h->doc->arena, "%s#%s", chapter_page(h, ch), id);
}

static const char *term_href(html *h, const pc_term *t)
{
	const pc_node *ch = pc_node_chapter(t->table);
	const char *page = ch == h->chapter && h->chapter ? "" : chapter_page(h, ch);
	return pc_arena_printf(h->doc->arena, "%s#term.%zu", page, t->index);
}

static const char *section_label(html *h, const pc_node *s)
{
	const pc_section *sec = &s->u.section;
	if (sec->number)
		return pc_arena_printf(h->doc->arena, "%s %s", sec->number, sec->title);
	return sec->title;
}

/* ---- inlines ---- */

static void inlines(html *h, const pc_node *parent);

static bool ascii_word_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A line break in the source joins Japanese text directly and Latin words
 * with a space. */
static void softbreak(html *h, const pc_node *n)
{
	const char *next = n->next && n->next->kind == PC_TEXT ? n->next->literal : NULL;
	if (h->b.len && ascii_word_byte(h->b.data[h->b.len - 1]) && next && ascii_word_byte(*next))
		put(h, " ");
}

static bool safe_url(const char *url)
{
	return !strncmp(url, "https://", 8) || !strncmp(url, "http://", 7) ||
	       !strncmp(url, "mailto:", 7);
}

/* A term reference: always marked; an occurrence: only when it is the first
 * mention of the term in its section. */
static void term(html *h, const pc_node *n)
{
	const pc_term *t = n->u.term_ref.term;
	if (!t || h->in_link) {
		inlines(h, n);
		return;
	}
	const pc_node *sec = pc_node_section(n);
	const char *key =
	    pc_arena_printf(h->doc->arena, "%s:%zu", sec ? sec->u.section.id : "", t->index);
	/* An explicit reference counts as the section's mark of the term. */
	if (pc_map_put(&h->marked, key, (void *)1) && n->kind == PC_TERM_OCC) {
		inlines(h, n);
		return;
	}
	unsigned tip = ++h->tips;
	put(h, "<a class=\"term\" href=\"");
	text(h, term_href(h, t));
	pc_buf_printf(&h->b, "\" aria-describedby=\"tip.%u\">", tip);
	h->in_link++;
	inlines(h, n);
	h->in_link--;
	pc_buf_printf(&h->b, "</a><span class=\"tip\" role=\"tooltip\" id=\"tip.%u\">", tip);
	text(h, t->term);
	put(h, "：");
	text(h, t->definition_text);
	put(h, "</span>");
}

static void xref(html *h, const pc_node *n)
{
	const pc_node *t = n->u.xref.target;
	if (!t || h->in_link) {
		inlines(h, n);
		return;
	}
	put(h, "<a class=\"ref\" href=\"");
	text(h, href_of(h, t));
	put(h, "\">");
	h->in_link++;
	if (n->first)
		inlines(h, n);
	else if (t->kind == PC_SECTION)
		text(h, section_label(h, t));
	else {
		put(h, "表「");
		text(h, t->u.table.caption ? t->u.table.caption : t->u.table.id);
		put(h, "」");
	}
	h->in_link--;
	put(h, "</a>");
}

/* A relative path as a URL path: every byte but unreserved ones and '/'
 * percent-encoded, so '#', '?', spaces and kana in file names all work. */
static void url_path(html *h, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~/", *c))
			pc_buf_putc(&h->b, (char)*c);
		else {
			char e[3] = {'%', hex[*c >> 4], hex[*c & 15]};
			pc_buf_put(&h->b, e, 3);
		}
	}
}

static void image(html *h, const pc_node *n)
{
	if (!n->u.link.path)
		return;
	put(h, "<img src=\"images/");
	url_path(h, n->u.link.path);
	put(h, "\" alt=\"");
	text(h, pc_node_text(h->doc, n));
	put(h, "\" loading=\"lazy\">");
}

static void inline_node(html *h, const pc_node *n)
{
	switch (n->kind) {
	case PC_TEXT:
		text(h, n->literal);
		break;
	case PC_SOFTBREAK:
		softbreak(h, n);
		break;
	case PC_LINEBREAK:
		put(h, "<br>");
		break;
	case PC_CODE:
		put(h, "<code>");
		text(h, n->literal);
		put(h, "</code>");
		break;
	case PC_HTML_INLINE:
		/* Raw HTML is shown as the text it is, never interpreted;
		 * comments disappear. */
		if (strncmp(n->literal, "<!--", 4) != 0)
			text(h, n->literal);
		break;
	case PC_EMPH:
		put(h, "<em>");
		inlines(h, n);
		put(h, "</em>");
		break;
	case PC_STRONG:
		put(h, "<strong>");
		inlines(h, n);
		put(h, "</strong>");
		break;
	case PC_LINK:
		if (h->in_link || !safe_url(n->u.link.url)) {
			inlines(h, n);
			break;
		}
		put(h, "<a href=\"");
		text(h, n->u.link.url);
		put(h, "\">");
		h->in_link++;
		inlines(h, n);
		h->in_link--;
		put(h, "</a>");
		break;
	case PC_IMAGE:
		image(h, n);
		break;
	case PC_TERM_REF:
	case PC_TERM_OCC:
		term(h, n);
		break;
	case PC_INDEX_ENTRY:
		inlines(h, n);
		break;
	case PC_XREF:
		xref(h, n);
		break;
	default:
		break;
	}
}

static void inlines(html *h, const pc_node *parent)
{
	for (const pc_node *n = parent ? parent->first : NULL; n; n = n->next)
		inline_node(h, n);
}

/* ---- blocks ---- */

static void blocks(html *h, const pc_node *parent, int depth);

static void sdgs(html *h, const pc_section *s)
{
	if (!s->nsdgs)
		return;
	put(h, "<ul class=\"sdgs\" aria-label=\"関連するSDGsの目標\">");
	for (int i = 0; i < s->nsdgs; i++) {
		int g = s->sdgs[i];
		uint32_t c = pc_sdg_colour(g);
		/* White on the goal colour where it reads (WCAG 4.5:1), else black. */
		double lum = 0;
		for (int k = 0; k < 3; k++) {
			double v = ((c >> (16 - 8 * k)) & 0xFF) / 255.0;
			v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
			lum += v * (k == 0 ? 0.2126 : k == 1 ? 0.7152 : 0.0722);
		}
		const char *fg = 1.05 / (lum + 0.05) >= 4.5 ? "#fff" : "#000";
		pc_buf_printf(
		    &h->b,
		    "<li class=\"sdg\" style=\"background:#%06X;color:%s\" title=\"SDGs目標%d ", c,
		    fg, g);
		text(h, pc_sdg_name(g));
		pc_buf_printf(
		    &h->b, "\"><span aria-hidden=\"true\">%d</span><span class=\"vh\">SDGs目標%d ",
		    g, g);
		text(h, pc_sdg_name(g));
		put(h, "</span></li>");
	}
	put(h, "</ul>");
}

static void table_open(html *h, const pc_node *n, const char *caption)
{
	put(h, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	text(h, caption);
	put(h, "\"><table");
	if (n->u.table.id) {
		put(h, " id=\"");
		text(h, n->u.table.id);
		put(h, "\"");
	}
	put(h, n->u.table.kind == PC_TABLE_INDICATORS ? " class=\"kpi\">" : ">");
	put(h, "<caption>");
	text(h, caption);
	put(h, "</caption>");
}

/* Under a header with an era year (現在値 (H29年度)), the Gregorian year. */
static void header_year(html *h, const pc_year *y)
{
	char g[16];
	snprintf(g, sizeof g, "%d", y->year);
	if (!y->year || !y->text ||
	    strstr(y->text, g)) /* already says it: 2020, 平成29(2017)年度 */
		return;
	if (y->fiscal)
		pc_buf_printf(&h->b, "<span class=\"year\">%d年度</span>", y->year);
	else if (y->month)
		pc_buf_printf(&h->b, "<span class=\"year\">%d年%d月</span>", y->year, y->month);
	else
		pc_buf_printf(&h->b, "<span class=\"year\">%d年</span>", y->year);
}

static void table(html *h, const pc_node *n)
{
	const pc_table *t = &n->u.table;
	bool kpi = t->kind == PC_TABLE_INDICATORS;
	const char *caption = t->caption ? t->caption : kpi ? "成果指標" : "表";
	table_open(h, n, caption);
	put(h, "<thead><tr>");
	size_t col = 0;
	for (const pc_node *c = n->first ? n->first->first : NULL; c; c = c->next, col++) {
		put(h, "<th scope=\"col\">");
		inlines(h, c);
		if (kpi && col < t->ncols)
			header_year(h, &t->columns[col].year);
		put(h, "</th>");
	}
	put(h, "</tr></thead><tbody>");
	for (const pc_node *r = n->first ? n->first->next : NULL; r; r = r->next) {
		put(h, "<tr>");
		size_t k = 0;
		for (const pc_node *c = r->first; c; c = c->next, k++) {
			bool head = kpi ? c->u.cell.field == PC_FIELD_NAME : k == 0;
			pc_field f = k < t->ncols ? t->columns[k].field : PC_FIELD_NONE;
			bool words = kpi && (f == PC_FIELD_METHOD || f == PC_FIELD_NONE);
			put(h, head    ? "<th scope=\"row\">"
			       : words ? "<td class=\"text\">"
			               : "<td>");
			inlines(h, c);
			put(h, head ? "</th>" : "</td>");
		}
		put(h, "</tr>");
	}
	put(h, "</tbody></table></div>");
	if (kpi && h->doc->meta.charts)
		pc_html_charts(&h->b, n, &h->charts);
}

static void glossary(html *h, const pc_node *n)
{
	const pc_table *t = &n->u.table;
	if (!t->nterms)
		return;
	put(h, "<dl class=\"glossary\">");
	for (size_t i = 0; i < t->nterms; i++) {
		const pc_term *term = t->terms[i];
		pc_buf_printf(&h->b, "<dt id=\"term.%zu\">", term->index);
		text(h, term->term);
		if (term->reading && !term->reading_derived) {
			put(h, "<span class=\"reading\">（");
			text(h, term->reading);
			put(h, "）</span>");
		}
		put(h, "</dt><dd>");
		inlines(h, term->definition);
		if (term->naliases) {
			put(h, "<span class=\"aliases\">別名：");
			for (size_t k = 0; k < term->naliases; k++) {
				if (k)
					put(h, "、");
				text(h, term->aliases[k].text);
			}
			put(h, "</span>");
		}
		put(h, "</dd>");
	}
	put(h, "</dl>");
}

static void section(html *h, const pc_node *n, int depth)
{
	const pc_section *s = &n->u.section;
	int level = depth < 6 ? depth : 6;
	put(h, "<section id=\"");
	text(h, s->id);
	pc_buf_printf(&h->b, "\" class=\"lv%d", s->level < 6 ? s->level : 6);
	if (s->role)
		pc_buf_printf(&h->b, " role-%s", pc_role_name(s->role));
	pc_buf_printf(&h->b, "\"><h%d>", level);
	if (s->label) {
		put(h, "<span class=\"label\">");
		text(h, s->label);
		put(h, "</span>");
	}
	if (s->number) {
		put(h, "<span class=\"num\">");
		text(h, s->number);
		put(h, "</span> ");
	}
	inlines(h, s->heading);
	pc_buf_printf(&h->b, "</h%d>", level);
	sdgs(h, s);
	blocks(h, n, depth + 1);
	put(h, "</section>");
}

static void block(html *h, const pc_node *n, int depth)
{
	switch (n->kind) {
	case PC_SECTION:
		section(h, n, depth);
		break;
	case PC_PARAGRAPH:
		put(h, "<p>");
		inlines(h, n);
		put(h, "</p>");
		break;
	case PC_LIST:
		if (n->u.list.ordered && n->u.list.start != 1)
			pc_buf_printf(&h->b, "<ol start=\"%d\">", n->u.list.start);
		else
			put(h, n->u.list.ordered ? "<ol>" : "<ul>");
		for (const pc_node *it = n->first; it; it = it->next) {
			put(h, "<li>");
			/* Tight lists: the paragraphs of items read as lines. */
			if (n->u.list.tight)
				for (const pc_node *c = it->first; c; c = c->next)
					if (c->kind == PC_PARAGRAPH)
						inlines(h, c);
					else
						block(h, c, depth);
			else
				blocks(h, it, depth);
			put(h, "</li>");
		}
		put(h, n->u.list.ordered ? "</ol>" : "</ul>");
		break;
	case PC_BLOCKQUOTE:
		put(h, "<blockquote>");
		blocks(h, n, depth);
		put(h, "</blockquote>");
		break;
	case PC_CODE_BLOCK:
		put(h, "<pre><code>");
		text(h, n->literal);
		put(h, "</code></pre>");
		break;
	case PC_THEMATIC_BREAK:
		put(h, "<hr>");
		break;
	case PC_TABLE:
		if (n->u.table.kind == PC_TABLE_GLOSSARY)
			glossary(h, n);
		else
			table(h, n);
		break;
	default: /* raw HTML blocks are not published */
		break;
	}
}

static void blocks(html *h, const pc_node *parent, int depth)
{
	for (const pc_node *n = parent->first; n; n = n->next)
		block(h, n, depth);
}

/* ---- pages ---- */

static void page_begin(html *h, const char *title, const pc_node *chapter)
{
	const pc_meta *m = &h->doc->meta;
	pc_buf_clear(&h->b);
	pc_map_init(&h->marked, h->doc->arena);
	h->chapter = chapter;
	h->tips = 0;
	h->charts = 0;
	put(h, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	if (title) {
		text(h, title);
		put(h, " | ");
	}
	text(h, m->title);
	put(h, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n"
	       "<a class=\"skip\" href=\"#pc.main\">本文へ移動</a>\n<header class=\"site\"><p><a "
	       "href=\"index.html\">");
	text(h, m->title);
	put(h, "</a>");
	if (m->subtitle) {
		put(h, " <span class=\"sub\">");
		text(h, m->subtitle);
		put(h, "</span>");
	}
	put(h, "</p></header>\n");
	if (m->draft)
		put(h, "<p class=\"draft\" "
		       "role=\"note\">この計画は案です。内容は確定していません。</p>\n");
	if (title) {
		put(h, "<nav class=\"crumbs\" aria-label=\"現在地\"><ol><li><a "
		       "href=\"index.html\">目次</a></li>"
		       "<li aria-current=\"page\">");
		text(h, title);
		put(h, "</li></ol></nav>\n");
	}
	put(h, "<main id=\"pc.main\">\n");
}

static void page_end(html *h, const char *file, const char *prev, const char *prev_title,
                     const char *next, const char *next_title)
{
	put(h, "\n</main>\n");
	if (prev || next) {
		put(h, "<nav class=\"pager\" aria-label=\"前後のページ\">");
		if (prev) {
			put(h, "<a rel=\"prev\" href=\"");
			text(h, prev);
			put(h, "\">前へ：");
			text(h, prev_title);
			put(h, "</a>");
		}
		if (next) {
			put(h, "<a rel=\"next\" href=\"");
			text(h, next);
			put(h, "\">次へ：");
			text(h, next_title);
			put(h, "</a>");
		}
		put(h, "</nav>\n");
	}
	put(h, "<footer class=\"site\"><p>");
	text(h, h->doc->meta.city ? h->doc->meta.city : h->doc->meta.title);
	if (h->doc->meta.edition) {
		put(h, " ");
		text(h, h->doc->meta.edition);
	}
	put(h, "</p></footer>\n</body>\n</html>\n");
	char *path = pc_arena_printf(h->doc->arena, "html/%s", file);
	h->ok &= pc_output_write(h->out, path, h->b.data, h->b.len);
}

static void contents(html *h)
{
	put(h, "<nav class=\"toc\" aria-labelledby=\"pc.toc\"><h2 id=\"pc.toc\">目次</h2><ol>");
	for (size_t i = 0; i < h->chapters.len; i++) {
		const pc_node *ch = h->chapters.items[i];
		put(h, "<li><a href=\"");
		text(h, chapter_page(h, ch));
		put(h, "\">");
		text(h, section_label(h, ch));
		put(h, "</a>");
		bool any = false;
		for (const pc_node *s = ch->first; s; s = s->next) {
			if (s->kind != PC_SECTION)
				continue;
			put(h, any ? "" : "<ol>");
			any = true;
			put(h, "<li><a href=\"");
			text(h, href_of(h, s));
			put(h, "\">");
			text(h, section_label(h, s));
			put(h, "</a></li>");
		}
		put(h, any ? "</ol></li>" : "</li>");
	}
	put(h, "<li><a href=\"glossary.html\">用語解説</a></li><li><a "
	       "href=\"terms.html\">索引</a></li>"
	       "<li><a href=\"indicators.html\">成果指標の一覧</a></li></ol></nav>");
}

static void index_page(html *h)
{
	const pc_meta *m = &h->doc->meta;
	page_begin(h, NULL, NULL);
	put(h, "<div class=\"cover\">");
	if (m->period) {
		put(h, "<p class=\"period\">計画期間 ");
		text(h, m->period);
		put(h, "</p>");
	}
	put(h, "<h1>");
	text(h, m->title);
	put(h, "</h1>");
	if (m->subtitle) {
		put(h, "<p class=\"subtitle\">");
		text(h, m->subtitle);
		put(h, "</p>");
	}
	if (m->city || m->edition) {
		put(h, "<p class=\"city\">");
		text(h, m->city);
		if (m->edition) {
			put(h, " ");
			text(h, m->edition);
		}
		put(h, "</p>");
	}
	put(h, "</div>");
	contents(h);
	/* Blocks before the first chapter belong to the front page. */
	for (const pc_node *n = h->doc->root->first; n && n->kind != PC_SECTION; n = n->next)
		block(h, n, 2);
	const char *first = h->chapters.len ? chapter_page(h, h->chapters.items[0]) : NULL;
	page_end(h, "index.html", NULL, NULL, first,
	         first ? section_label(h, h->chapters.items[0]) : NULL);
}

static void chapter_pages(html *h)
{
	for (size_t i = 0; i < h->chapters.len; i++) {
		const pc_node *ch = h->chapters.items[i];
		const char *title = section_label(h, ch);
		page_begin(h, title, ch);
		section(h, ch, 1);
		const pc_node *prev = i ? h->chapters.items[i - 1] : NULL;
		const pc_node *next = i + 1 < h->chapters.len ? h->chapters.items[i + 1] : NULL;
		page_end(h, chapter_page(h, ch), prev ? chapter_page(h, prev) : "index.html",
		         prev ? section_label(h, prev) : "目次",
		         next ? chapter_page(h, next) : "glossary.html",
		         next ? section_label(h, next) : "用語解説");
	}
}

/* The index group named name, or -1. */
static int group_named(const pc_index *ix, const char *name)
{
	for (size_t g = 0; g < ix->ngroups; g++)
		if (!strcmp(ix->groups[g].name, name))
			return (int)g;
	return -1;
}

/* The jump bar: every kana row and letter A–Z, a link where the page has
 * entries (has[g] for index group g, whose heading has id grp.g), plain
 * text where it has none; then 数字 and その他 when present. */
static void jump_bar(html *h, const bool *has)
{
	static const char *kana[] = {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"};
	const char *names[10 + 26];
	size_t n = 0;
	char latin[26][2];
	for (int k = 0; k < 26; k++)
		latin[k][0] = (char)('A' + k), latin[k][1] = '\0';
	if (!h->doc->meta.latin_first)
		for (size_t k = 0; k < 10; k++)
			names[n++] = kana[k];
	for (size_t k = 0; k < 26; k++)
		names[n++] = latin[k];
	if (h->doc->meta.latin_first)
		for (size_t k = 0; k < 10; k++)
			names[n++] = kana[k];
	bool *shown = pc_arena_alloc(h->doc->arena, h->ix->ngroups + 1);
	put(h, "<nav class=\"jump\" aria-label=\"読みの行で移動\"><ul>");
	for (size_t k = 0; k < n; k++) {
		if (k == (h->doc->meta.latin_first ? 26u : 10u)) /* kana and letters apart */
			put(h, "</ul><ul>");
		int g = group_named(h->ix, names[k]);
		if (g >= 0 && has[g]) {
			shown[g] = true;
			pc_buf_printf(&h->b, "<li><a href=\"#grp.%d\">", g);
			text(h, names[k]);
			put(h, "</a></li>");
		} else {
			put(h, "<li><span class=\"off\">");
			text(h, names[k]);
			put(h, "<span class=\"vh\">（なし）</span></span></li>");
		}
	}
	for (size_t g = 0; g < h->ix->ngroups; g++)
		if (has[g] && !shown[g]) {
			pc_buf_printf(&h->b, "<li><a class=\"wide\" href=\"#grp.%zu\">", g);
			text(h, h->ix->groups[g].name);
			put(h, "</a></li>");
		}
	put(h, "</ul></nav>");
}

static void glossary_page(html *h)
{
	page_begin(h, "用語解説", NULL);
	put(h, "<h1>用語解説</h1><p>本文で使われている用語を読みの順に並べています。</p>");
	bool *has = pc_arena_alloc(h->doc->arena, h->ix->ngroups + 1);
	for (size_t i = 0; i < h->ix->nentries; i++)
		if (h->ix->entries[i]->kind == PC_IX_TERM)
			has[h->ix->entries[i]->group] = true;
	jump_bar(h, has);
	for (size_t g = 0; g < h->ix->ngroups; g++) {
		const pc_ix_group *grp = &h->ix->groups[g];
		bool open = false;
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const pc_ix_entry *e = h->ix->entries[i];
			if (e->kind != PC_IX_TERM)
				continue;
			if (!open) {
				pc_buf_printf(&h->b, "<h2 id=\"grp.%zu\">", g);
				text(h, grp->name);
				put(h, "</h2><dl class=\"glossary\">");
				open = true;
			}
			pc_buf_printf(&h->b, "<dt id=\"term.%zu\">", e->term->index);
			text(h, e->text);
			if (e->reading && !e->term->reading_derived) {
				put(h, "<span class=\"reading\">（");
				text(h, e->reading);
				put(h, "）</span>");
			}
			put(h, "</dt><dd>");
			inlines(h, e->term->definition);
			if (e->term->section) {
				/* Named after the measure, not its 用語解説 box. */
				const pc_node *at = e->term->section;
				while ((at->u.section.role == PC_ROLE_GLOSSARY ||
				        !at->u.section.number) &&
				       pc_node_section(at))
					at = pc_node_section(at);
				put(h, "<span class=\"where\">（掲載：<a href=\"");
				text(h, term_href(h, e->term));
				put(h, "\">");
				text(h, section_label(h, at));
				put(h, "</a>）</span>");
			}
			put(h, "</dd>");
		}
		if (open)
			put(h, "</dl>");
	}
	page_end(h, "glossary.html",
	         h->chapters.len ? chapter_page(h, h->chapters.items[h->chapters.len - 1])
	                         : "index.html",
	         h->chapters.len ? section_label(h, h->chapters.items[h->chapters.len - 1])
	                         : "目次",
	         "terms.html", "索引");
}

/* How a place is named in the index: the number of the nearest numbered
 * section around it (a measure like 1-1 rather than its 現状と課題), else
 * the title of its chapter-level section. */
static const char *place_label(const pc_node *sec)
{
	const pc_node *top = sec;
	for (const pc_node *s = sec; s; s = pc_node_section(s)) {
		const pc_section *ss = &s->u.section;
		if (ss->number && !(ss->number[0] & 0x80 && s->u.section.level > 2))
			return ss->number; /* skip ①② of actions: name the measure */
		top = s;
	}
	return top->u.section.title;
}

/* Links to where an entry is defined and used, one per label. */
static void places(html *h, const pc_ix_entry *e)
{
	pc_map seen;
	pc_map_init(&seen, h->doc->arena);
	for (size_t k = 0; k < e->nplaces; k++) {
		const pc_ix_place *p = &e->places[k];
		if (!p->section)
			continue;
		const char *label = place_label(p->section);
		if (!p->definition && pc_map_put(&seen, label, (void *)1))
			continue;
		put(h, p->definition ? " <a class=\"def\" href=\"" : " <a href=\"");
		text(h, p->definition ? term_href(h, e->term) : href_of(h, p->section));
		put(h, "\">");
		if (p->definition)
			put(h, "定義 ");
		text(h, label);
		put(h, "</a>");
		if (p->definition)
			pc_map_put(&seen, label, (void *)1);
	}
}

static void terms_page(html *h)
{
	page_begin(h, "索引", NULL);
	put(h, "<h1>索引</"
	       "h1><p>用語と事項を読みの順に並べ、定義と使われている施策へのリンクを付けています。"
	       "「→」は同じ意味の用語を示します。</p>");
	bool *has = pc_arena_alloc(h->doc->arena, h->ix->ngroups + 1);
	for (size_t g = 0; g < h->ix->ngroups; g++)
		has[g] = h->ix->groups[g].count > 0;
	jump_bar(h, has);
	for (size_t g = 0; g < h->ix->ngroups; g++) {
		const pc_ix_group *grp = &h->ix->groups[g];
		pc_buf_printf(&h->b, "<h2 id=\"grp.%zu\">", g);
		text(h, grp->name);
		put(h, "</h2><ul class=\"index\">");
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const pc_ix_entry *e = h->ix->entries[i];
			pc_buf_printf(&h->b, "<li id=\"e.%zu\"><span class=\"entry\">", i);
			text(h, e->text);
			put(h, "</span>");
			if (e->kind == PC_IX_ALIAS) {
				put(h, " → <a href=\"");
				text(h, term_href(h, e->term));
				put(h, "\">");
				text(h, e->term->term);
				put(h, "</a>");
			} else {
				places(h, e);
			}
			put(h, "</li>");
		}
		put(h, "</ul>");
	}
	page_end(h, "terms.html", "glossary.html", "用語解説", "indicators.html", "成果指標の一覧");
}

static void value_cell(html *h, const pc_indicator *ind, pc_field f)
{
	put(h, "<td>");
	bool any = false;
	for (size_t v = 0; v < ind->nvalues; v++) {
		const pc_ivalue *iv = &ind->values[v];
		if (iv->field != f)
			continue;
		any = true;
		text(h, iv->value.text);
		if (iv->year.text) {
			put(h, "<span class=\"year\">（");
			text(h, iv->year.text);
			put(h, "）</span>");
		}
		if (v + 1 < ind->nvalues && ind->values[v + 1].field == f)
			put(h, "<br>");
	}
	if (!any)
		put(h, "－");
	put(h, "</td>");
}

static void indicators_page(html *h)
{
	static const struct {
		pc_field f;
		const char *name;
	} cols[] = {{PC_FIELD_BASELINE, "基準値"},
	            {PC_FIELD_MIDTERM, "中間目標値"},
	            {PC_FIELD_TARGET, "目標値"},
	            {PC_FIELD_ACTUAL, "実績値"}};
	page_begin(h, "成果指標の一覧", NULL);
	put(h, "<h1>成果指標の一覧</h1>");
	const pc_node *chapter = NULL, *section = (const pc_node *)1;
	bool open = false;
	for (size_t i = 0; i < h->doc->indicators.len; i++) {
		const pc_indicator *ind = h->doc->indicators.items[i];
		const pc_node *ch = pc_node_chapter(ind->table);
		if (ch != chapter || i == 0) {
			if (open)
				put(h, "</tbody></table></div>");
			open = false;
			chapter = ch;
			put(h, "<h2>");
			text(h, ch ? section_label(h, ch) : "計画全体");
			put(h, "</h2>");
		}
		/* Grouped by measure: the level-2 section around the table. */
		const pc_node *measure = ind->section;
		while (measure && measure->u.section.level > 2)
			measure = pc_node_section(measure);
		if (measure != section || !open) {
			if (open)
				put(h, "</tbody></table></div>");
			section = measure;
			const char *cap = section ? section_label(h, section) : "成果指標";
			put(h, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
			       "aria-label=\"");
			text(h, cap);
			put(h, "\"><table class=\"kpi\"><caption>");
			if (section) {
				put(h, "<a href=\"");
				text(h, href_of(h, section));
				put(h, "\">");
				text(h, cap);
				put(h, "</a>");
			} else {
				text(h, cap);
			}
			put(h, "</caption><thead><tr><th scope=\"col\">指標名</th>");
			for (size_t c = 0; c < 4; c++) {
				put(h, "<th scope=\"col\">");
				put(h, cols[c].name);
				put(h, "</th>");
			}
			put(h, "<th scope=\"col\">達成率</th></tr></thead><tbody>");
			open = true;
		}
		put(h, "<tr><th scope=\"row\">");
		text(h, ind->name);
		put(h, "</th>");
		for (size_t c = 0; c < 4; c++)
			value_cell(h, ind, cols[c].f);
		double rate;
		if (pc_indicator_rate(ind, &rate))
			pc_buf_printf(&h->b, "<td>%.1f%%</td>", rate);
		else
			put(h, "<td>－</td>");
		put(h, "</tr>");
	}
	if (open)
		put(h, "</tbody></table></div>");
	if (!h->doc->indicators.len)
		put(h, "<p>この計画には成果指標がありません。</p>");
	page_end(h, "indicators.html", "terms.html", "索引", NULL, NULL);
}

/* Copies the plan's images under html/images/, keeping their paths. */
static void copy_images(html *h)
{
	pc_map done;
	pc_map_init(&done, h->doc->arena);
	for (size_t i = 0; i < h->doc->images.len; i++) {
		const pc_node *img = h->doc->images.items[i];
		const char *rel = img->u.link.path;
		if (!rel || pc_map_put(&done, rel, (void *)1))
			continue;
		char *src = pc_arena_printf(h->doc->arena, "%s/%s", h->doc->dir, rel);
		FILE *f = fopen(src, "rb");
		if (!f) { /* checked by the loader; gone since */
			pc_diag(h->diags, PC_E_READ, img->pos.file, img->pos.line, img->pos.col,
			        rel);
			h->ok = false;
			continue;
		}
		pc_buf data = {0};
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			pc_buf_put(&data, chunk, n);
		fclose(f);
		h->ok &=
		    pc_output_write(h->out, pc_arena_printf(h->doc->arena, "html/images/%s", rel),
		                    data.data ? data.data : "", data.len);
		pc_buf_free(&data);
	}
}

bool pc_html_render(pc_doc *doc, pc_output *o, pc_diags *d)
{
	html h = {.doc = doc, .out = o, .diags = d, .ok = true};
	for (pc_node *n = doc->root->first; n; n = n->next)
		if (n->kind == PC_SECTION)
			pc_vec_push(doc->arena, &h.chapters, n);
	h.ix = pc_index_build(doc);
	index_page(&h);
	chapter_pages(&h);
	glossary_page(&h);
	terms_page(&h);
	indicators_page(&h);
	h.ok &= pc_output_write(o, "html/style.css", pc_html_style, strlen(pc_html_style));
	copy_images(&h);
	pc_buf_free(&h.b);
	return h.ok;
}
