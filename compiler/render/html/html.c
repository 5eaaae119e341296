/*
 * HTML back end. One page per chapter plus index.html (cover, contents and
 * anything before the first chapter), glossary.html, terms.html (索引) and
 * indicators.html. Every text and attribute goes through one escaping
 * function; raw HTML from the Markdown is never passed through.
 *
 * Ids: a section or table keeps its plan id, which docs/format.md §3.2 limits to
 * ASCII letters, digits, - and _. Every id the back end makes up has a
 * '.' in it (tip.3, term.12, pc.main), so none can clash with the plan's.
 *
 * Recursion follows the tree, whose nesting the parser caps at
 * PC_MAX_DEPTH (plus the six heading levels), so it stays bounded.
 */
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../index/index.h"
#include "../../model/appendix.h"
#include "../../model/glossary.h"
#include "../../model/kpi.h"
#include "../../model/lang.h"
#include "../../model/sdgs.h"
#include "../../model/spoken.h"
#include "../../util/buf.h"
#include "../../util/escape.h"
#include "../../util/map.h"
#include "chart.h"
#include "frame.h"
#include "script.h"
#include "style.h"

typedef struct html {
	pc_doc *doc;
	pc_output *out;
	pc_diags *diags;
	pc_buf b;        /* the page being written */
	pc_vec chapters; /* outermost sections, one page each */
	const pc_index *ix;
	const pc_node *chapter; /* of the page being written; NULL for others */
	unsigned tips;          /* tooltip ids on the page */
	unsigned charts;        /* chart ids on the page */
	unsigned tables;        /* table (caption) ids on the page */
	pc_map captions;        /* the captions printed on the page */
	int in_link;            /* inside an <a>: no nested links */
	bool ok;
} html;

static void put(html *h, const char *s)
{
	pc_buf_puts(&h->b, s);
}

/* Text as an attribute's value, or where no markup may go (<title>). */
static void text(html *h, const char *s)
{
	pc_escape_html(&h->b, s);
}

static void prose(html *h, const char *s)
{
	pc_html_prose(&h->b, s);
}

/* ---- where things are ---- */

static const char *chapter_page(html *h, const pc_node *chapter)
{
	return chapter ? pc_arena_printf(h->doc->arena, "c-%s.html", chapter->u.section->id)
	               : "index.html";
}

/* The chapter whose page holds a node (NULL: the front page). */
static const pc_node *chapter_of(const pc_node *n)
{
	const pc_node *s = n->kind == PC_SECTION ? n : pc_node_section(n);
	return s ? s->u.section->chapter : NULL;
}

/* href of a section or table: page#id (just #id on its own page). */
static const char *href_of(html *h, const pc_node *target)
{
	const char *id = target->kind == PC_SECTION ? target->u.section->id : target->u.table->id;
	const pc_node *ch = chapter_of(target);
	if (ch == h->chapter && h->chapter)
		return pc_arena_printf(h->doc->arena, "#%s", id);
	return pc_arena_printf(h->doc->arena, "%s#%s", chapter_page(h, ch), id);
}

static const char *term_href(html *h, const pc_term *t)
{
	const pc_node *ch = chapter_of(t->table);
	const char *page = ch == h->chapter && h->chapter ? "" : chapter_page(h, ch);
	return pc_arena_printf(h->doc->arena, "%s#term.%zu", page, t->index);
}

/* ---- inlines ---- */

static void inlines(html *h, const pc_node *parent);

static bool safe_url(const char *url)
{
	return !strncmp(url, "https://", 8) || !strncmp(url, "http://", 7) ||
	       !strncmp(url, "mailto:", 7);
}

/* A term use the presentation pass marked: a link to the definition with
 * its mark and a tooltip; unmarked uses are plain text. */
static void term(html *h, const pc_node *n)
{
	const pc_term *t = n->u.term_ref.term;
	if (!t || !n->u.term_ref.marked || h->in_link) {
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
	if (n->u.term_ref.mark) {
		put(h, "<span class=\"tmark\" aria-hidden=\"true\">");
		text(h, n->u.term_ref.mark);
		put(h, "</span>");
	}
	pc_buf_printf(&h->b, "</a><span class=\"tip\" role=\"tooltip\" id=\"tip.%u\">", tip);
	prose(h, t->term);
	put(h, "：");
	prose(h, t->definition_text);
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
	else
		prose(h, n->u.xref.text);
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
		prose(h, n->literal);
		break;
	case PC_SOFTBREAK:
		text(h, n->literal);
		break;
	case PC_LINEBREAK:
		put(h, "<br>");
		break;
	case PC_CODE:
		put(h, "<code>");
		text(h, n->literal);
		put(h, "</code>");
		break;
	case PC_HTML_INLINE: /* as text, never interpreted (decided in present.c) */
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

static bool is_text(const pc_node *n)
{
	return n && (n->kind == PC_TEXT || n->kind == PC_SOFTBREAK);
}

/* Texts and line breaks in a row, printed as one text, so that an
 * English phrase the source broke over lines is one run (one voice).
 * Returns the last node printed. */
static const pc_node *text_run(html *h, const pc_node *n)
{
	if (!is_text(n->next)) {
		prose(h, n->literal);
		return n;
	}
	pc_buf run = {0};
	const pc_node *last = n;
	for (const pc_node *k = n; is_text(k); k = k->next) {
		pc_buf_puts(&run, k->literal ? k->literal : "");
		last = k;
	}
	prose(h, pc_buf_cstr(&run));
	pc_buf_free(&run);
	return last;
}

static void inlines(html *h, const pc_node *parent)
{
	for (const pc_node *n = parent ? parent->first : NULL; n; n = n->next)
		if (is_text(n))
			n = text_run(h, n);
		else
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
		const char *fg = pc_sdg_text_colour(g) ? "#fff" : "#000";
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

/* ---- tables ---- */

/* The caption a table gets on this page: its name (the presentation
 * pass names untitled ones after their section), with （2）,
 * （3）… when the page already has a table of that name, so that every
 * table and every table box of a page has a name of its own (screen
 * readers list them by it). */
static const char *unique_caption(html *h, const char *name)
{
	/* per name, how many tables asked for it: the next number is found
	 * at once, not by trying （2）, （3）… again for every table */
	unsigned *asked = pc_map_get(&h->captions, name);
	const char *c = name;
	if (asked)
		do
			c = pc_arena_printf(h->doc->arena, "%s（%u）", name, ++*asked);
		while (pc_map_get(&h->captions, c));
	unsigned *one = pc_arena_alloc(h->doc->arena, sizeof *one);
	*one = 1;
	pc_map_put(&h->captions, c, one);
	return c;
}

/*
 * Opens a table's box, the table and its caption element. The box scrolls
 * sideways on its own when the table is wider than the screen. Without
 * script it is always a Tab stop and a region named by the caption, so a
 * keyboard can scroll it; site.js keeps these, and shows a hint, only on
 * boxes that do scroll.
 */
static void table_open(html *h, const char *id, bool kpi)
{
	unsigned k = ++h->tables;
	pc_buf_printf(&h->b,
	              "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
	              "aria-labelledby=\"cap.%u\"><table",
	              k);
	if (id) {
		put(h, " id=\"");
		text(h, id);
		put(h, "\"");
	}
	put(h, kpi ? " class=\"kpi\">" : ">");
	pc_buf_printf(&h->b, "<caption id=\"cap.%u\">", k);
}

/* After a sign opened in <span class="nil"><span aria-hidden="true">:
 * closes it and adds the words a screen reader says instead, hidden from
 * the eye. The outer span holds the hidden words' position, so inside a
 * table box that scrolls they scroll with it instead of widening the page. */
static void spoken_after(html *h, const char *spoken)
{
	put(h, "</span><span class=\"vh\">");
	text(h, spoken);
	put(h, "</span></span>");
}

/* A cell's content. A cell of dashes is read as 該当なし (model/spoken.h). */
static void cell(html *h, const pc_node *c)
{
	const pc_node *only = c->first && c->first == c->last ? c->first : NULL;
	const char *spoken = only && only->kind == PC_TEXT ? pc_spoken_cell(only->literal) : NULL;
	if (spoken)
		put(h, "<span class=\"nil\"><span aria-hidden=\"true\">");
	inlines(h, c);
	if (spoken)
		spoken_after(h, spoken);
}

static void table(html *h, const pc_node *n)
{
	const pc_table *t = n->u.table;
	bool kpi = t->kind == PC_TABLE_INDICATORS;
	table_open(h, t->id, kpi);
	prose(h, unique_caption(h, t->display));
	put(h, "</caption><thead><tr>");
	for (const pc_node *c = n->first ? n->first->first : NULL; c; c = c->next) {
		put(h, "<th scope=\"col\">");
		cell(h, c);
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
			cell(h, c);
			put(h, head ? "</th>" : "</td>");
		}
		put(h, "</tr>");
	}
	put(h, "</tbody></table></div>");
	if (kpi && h->doc->meta.charts)
		pc_html_charts(&h->b, n, &h->charts);
}

/* One glossary entry, as the boxes and glossary.html print it: the term
 * and its given reading, the definition, its aliases; where (a link to
 * the measure that defines it) in the listing only. */
static void gloss_entry(html *h, const pc_gloss_entry *e, bool where)
{
	pc_buf_printf(&h->b, "<dt id=\"term.%zu\">", e->term->index);
	if (!where && e->term->mark) { /* the box shows the term's ※n */
		put(h, "<span class=\"tmark\">");
		text(h, e->term->mark);
		put(h, "</span> ");
	}
	prose(h, e->term->term);
	if (e->reading) {
		put(h, "<span class=\"reading\">（");
		prose(h, e->reading);
		put(h, "）</span>");
	}
	put(h, "</dt><dd>");
	if (e->definition)
		inlines(h, e->definition);
	else
		prose(h, e->definition_text);
	if (e->aliases) {
		put(h, "<span class=\"aliases\">（別名：");
		prose(h, e->aliases);
		put(h, "）</span>");
	}
	if (where && e->measure) {
		put(h, "<span class=\"where\">（掲載：<a href=\"");
		text(h, term_href(h, e->term));
		put(h, "\">");
		prose(h, e->measure->u.section->display);
		put(h, "</a>）</span>");
	}
	put(h, "</dd>");
}

/* The glossary box of a measure: its terms in the order written. */
static void glossary(html *h, const pc_node *n)
{
	const pc_table *t = n->u.table;
	if (!t->nterms)
		return;
	put(h, "<dl class=\"glossary\">");
	for (size_t i = 0; i < t->nterms; i++) {
		pc_gloss_entry e = pc_gloss_entry_of(h->doc, t->terms[i]);
		gloss_entry(h, &e, false);
	}
	put(h, "</dl>");
}

static void section(html *h, const pc_node *n, int depth)
{
	const pc_section *s = n->u.section;
	int level = depth < 6 ? depth : 6;
	put(h, "<section id=\"");
	text(h, s->id);
	pc_buf_printf(&h->b, "\" class=\"lv%d", s->level < 6 ? s->level : 6);
	if (s->role)
		pc_buf_printf(&h->b, " role-%s", pc_role_name(s->role));
	pc_buf_printf(&h->b, "\"><h%d>", level);
	if (s->label) {
		put(h, "<span class=\"label\">");
		prose(h, s->label);
		put(h, "</span>");
	}
	if (s->number) {
		put(h, "<span class=\"num\">");
		prose(h, s->number);
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
		if (n->u.table->kind == PC_TABLE_GLOSSARY)
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
	pc_buf_clear(&h->b);
	h->chapter = chapter;
	h->tips = 0;
	h->charts = 0;
	h->tables = 0;
	pc_map_init(&h->captions, h->doc->arena);
	pc_html_crumb here = {NULL, title};
	pc_html_frame_begin(
	    &h->b, &h->doc->meta, title, NULL,
	    h->doc->meta.draft ? "この計画は案です。内容は確定していません。" : NULL, &here, 1);
}

static void page_end(html *h, const char *file, const char *prev, const char *prev_title,
                     const char *next, const char *next_title)
{
	pc_html_frame_end(&h->b, &h->doc->meta, prev, prev_title, next, next_title);
	char *path = pc_arena_printf(h->doc->arena, "html/%s", file);
	h->ok &= pc_output_write(h->out, path, h->b.data, h->b.len);
}

static void page_close(html *h, size_t k);

/* Where the appendices' pages are, in the order they are printed. */
static const char *const appendix_page[PC_APPX_COUNT] = {"indicators.html", "glossary.html",
                                                         "terms.html"};

static void contents(html *h)
{
	put(h, "<nav class=\"toc\" aria-labelledby=\"pc.toc\"><h2 id=\"pc.toc\">目次</h2><ol>");
	for (size_t i = 0; i < h->chapters.len; i++) {
		const pc_node *ch = h->chapters.items[i];
		put(h, "<li><a href=\"");
		text(h, chapter_page(h, ch));
		put(h, "\">");
		prose(h, ch->u.section->display);
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
			prose(h, s->u.section->display);
			put(h, "</a></li>");
		}
		put(h, any ? "</ol></li>" : "</li>");
	}
	for (int a = 0; a < PC_APPX_COUNT; a++) {
		put(h, "<li><a href=\"");
		put(h, appendix_page[a]);
		put(h, "\">");
		text(h, pc_appendix_title(a));
		put(h, "</a></li>");
	}
	put(h, "</ol></nav>");
}

static void index_page(html *h)
{
	const pc_meta *m = &h->doc->meta;
	page_begin(h, NULL, NULL);
	put(h, "<div class=\"cover\">");
	if (m->period) {
		put(h, "<p class=\"period\">計画期間 ");
		prose(h, m->period);
		put(h, "</p>");
	}
	put(h, "<h1>");
	prose(h, m->title);
	put(h, "</h1>");
	if (m->subtitle) {
		put(h, "<p class=\"subtitle\">");
		prose(h, m->subtitle);
		put(h, "</p>");
	}
	if (m->city || m->edition) {
		put(h, "<p class=\"city\">");
		prose(h, m->city);
		if (m->edition) {
			put(h, " ");
			prose(h, m->edition);
		}
		put(h, "</p>");
	}
	put(h, "</div>");
	contents(h);
	/* Blocks before the first chapter belong to the front page. */
	for (const pc_node *n = h->doc->root->first; n && n->kind != PC_SECTION; n = n->next)
		block(h, n, 2);
	page_close(h, 0);
}

/* The pages in reading order: index.html, the chapters, the appendices.
 * Page k's neighbours name the pager's links. */
static void page_name(html *h, size_t k, const char **file, const char **title)
{
	size_t nch = h->chapters.len;
	if (k == 0) {
		*file = "index.html";
		*title = "目次";
	} else if (k <= nch) {
		const pc_node *ch = h->chapters.items[k - 1];
		*file = chapter_page(h, ch);
		*title = ch->u.section->display;
	} else if (k - nch - 1 < PC_APPX_COUNT) {
		*file = appendix_page[k - nch - 1];
		*title = pc_appendix_title((pc_appendix)(k - nch - 1));
	} else {
		*file = *title = NULL;
	}
}

static void page_close(html *h, size_t k)
{
	const char *file, *title, *prev = NULL, *prev_title = NULL, *next, *next_title;
	page_name(h, k, &file, &title);
	if (k)
		page_name(h, k - 1, &prev, &prev_title);
	page_name(h, k + 1, &next, &next_title);
	page_end(h, file, prev, prev_title, next, next_title);
}

static void chapter_pages(html *h)
{
	for (size_t i = 0; i < h->chapters.len; i++) {
		const pc_node *ch = h->chapters.items[i];
		page_begin(h, ch->u.section->display, ch);
		section(h, ch, 1);
		page_close(h, i + 1);
	}
}

/* The jump bar of a listing whose groups are names[0..n): every kana row
 * and letter A–Z, a link where the listing has the group (its heading has
 * id grp.K), plain text where it has none; 数字 and その他 only when there. */
static void jump_bar(html *h, const char *const *groups, size_t ngroups)
{
	const char *names[40];
	size_t n = pc_jump_bar_names(h->doc, names);
	put(h, "<nav class=\"jump\" aria-label=\"読みの行で移動\"><ul>");
	for (size_t k = 0; k < n; k++) {
		if (k == (h->doc->meta.latin_first ? 26u : 10u)) /* kana and letters apart */
			put(h, "</ul><ul>");
		size_t g = 0;
		while (g < ngroups && strcmp(groups[g], names[k]))
			g++;
		bool wide = k + 2 >= n; /* 数字, その他 */
		if (g < ngroups) {
			pc_buf_printf(&h->b,
			              wide ? "<li><a class=\"wide\" href=\"#grp.%zu\">"
			                   : "<li><a href=\"#grp.%zu\">",
			              g);
			text(h, names[k]);
			put(h, "</a></li>");
		} else if (!wide) {
			put(h, "<li><span class=\"off\">");
			text(h, names[k]);
			put(h, "<span class=\"vh\">（なし）</span></span></li>");
		}
	}
	put(h, "</ul></nav>");
}

static void glossary_page(html *h)
{
	const pc_glossary *g = pc_glossary_of(h->doc, NULL);
	page_begin(h, pc_appendix_title(PC_APPX_GLOSSARY), NULL);
	put(h, "<h1>");
	text(h, pc_appendix_title(PC_APPX_GLOSSARY));
	put(h, "</h1><p>本文で使われている用語を読みの順に並べています。</p>");
	const char **names = pc_arena_alloc(h->doc->arena, (g->ngroups + 1) * sizeof *names);
	for (size_t k = 0; k < g->ngroups; k++)
		names[k] = g->groups[k].name;
	jump_bar(h, names, g->ngroups);
	for (size_t k = 0; k < g->ngroups; k++) {
		const pc_gloss_group *grp = &g->groups[k];
		pc_buf_printf(&h->b, "<h2 id=\"grp.%zu\">", k);
		text(h, grp->name);
		put(h, "</h2><dl class=\"glossary\">");
		for (size_t i = grp->first; i < grp->first + grp->count; i++)
			gloss_entry(h, &g->entries[i], true);
		put(h, "</dl>");
	}
	page_close(h, h->chapters.len + 1 + PC_APPX_GLOSSARY);
}

/* Links to where an entry is defined and used, one per measure; a place
 * is named by its measure's number (its title when it has none). */
static void places(html *h, const pc_ix_entry *e)
{
	pc_map seen;
	pc_map_init(&seen, h->doc->arena);
	for (size_t k = 0; k < e->nplaces; k++) {
		const pc_ix_place *p = &e->places[k];
		if (!p->section)
			continue;
		const char *label = p->section->u.section->measure->u.section->tag;
		if (!p->definition && pc_map_put(&seen, label, (void *)1))
			continue;
		put(h, p->definition ? " <a class=\"def\" href=\"" : " <a href=\"");
		text(h, p->definition ? term_href(h, e->term) : href_of(h, p->section));
		put(h, "\">");
		if (p->definition)
			put(h, "定義 ");
		prose(h, label);
		put(h, "</a>");
		if (p->definition)
			pc_map_put(&seen, label, (void *)1);
	}
}

static void terms_page(html *h)
{
	page_begin(h, pc_appendix_title(PC_APPX_INDEX), NULL);
	put(h, "<h1>");
	text(h, pc_appendix_title(PC_APPX_INDEX));
	put(h,
	    "</h1><p>用語と事項を読みの順に並べ、定義と使われている施策へのリンクを付けています。"
	    "「→」は同じ意味の用語を示します。</p>");
	const pc_index *ix = h->ix;
	const char **names = pc_arena_alloc(h->doc->arena, (ix->ngroups + 1) * sizeof *names);
	for (size_t g = 0; g < ix->ngroups; g++)
		names[g] = ix->groups[g].name;
	jump_bar(h, names, ix->ngroups);
	for (size_t g = 0; g < ix->ngroups; g++) {
		const pc_ix_group *grp = &ix->groups[g];
		pc_buf_printf(&h->b, "<h2 id=\"grp.%zu\">", g);
		text(h, grp->name);
		put(h, "</h2><ul class=\"index\">");
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const pc_ix_entry *e = ix->entries[i];
			pc_buf_printf(&h->b, "<li id=\"e.%zu\"><span class=\"entry\">", i);
			prose(h, e->text);
			put(h, "</span>");
			if (e->kind == PC_IX_ALIAS) {
				put(h, " → <a href=\"");
				text(h, term_href(h, e->term));
				put(h, "\">");
				prose(h, e->term->term);
				put(h, "</a>");
			} else {
				places(h, e);
			}
			put(h, "</li>");
		}
		put(h, "</ul>");
	}
	page_close(h, h->chapters.len + 1 + PC_APPX_INDEX);
}

static void kpi_cell(html *h, const pc_kpi_cell *c, bool head)
{
	put(h, head ? "<th scope=\"row\">" : "<td>");
	const char *spoken = pc_spoken_cell(c->value);
	if (spoken) {
		put(h, "<span class=\"nil\"><span aria-hidden=\"true\">");
		text(h, c->value);
		spoken_after(h, spoken);
	} else {
		prose(h, c->value);
	}
	if (c->year) {
		put(h, "<span class=\"year\">");
		prose(h, c->year);
		put(h, "</span>");
	}
	put(h, head ? "</th>" : "</td>");
}

static void kpi_table(html *h, const pc_kpi_table *t)
{
	table_open(h, NULL, true);
	const char *caption = unique_caption(h, t->caption);
	if (t->measure) {
		put(h, "<a href=\"");
		text(h, href_of(h, t->measure));
		put(h, "\">");
		prose(h, caption);
		put(h, "</a>");
	} else {
		prose(h, caption);
	}
	put(h, "</caption><thead><tr>");
	for (int c = 0; c < PC_KPI_NCOLS; c++) {
		put(h, "<th scope=\"col\">");
		text(h, pc_kpi_heads[c]);
		put(h, "</th>");
	}
	put(h, "</tr></thead><tbody>");
	for (size_t r = 0; r < t->nrows; r++) {
		put(h, "<tr>");
		for (int c = 0; c < PC_KPI_NCOLS; c++)
			kpi_cell(h, &t->rows[r].cells[c], c == PC_KPI_NAME);
		put(h, "</tr>");
	}
	put(h, "</tbody></table></div>");
}

static void indicators_page(html *h)
{
	const pc_kpi_appendix *a = pc_kpi_appendix_of(h->doc);
	page_begin(h, pc_appendix_title(PC_APPX_KPI), NULL);
	put(h, "<h1>");
	text(h, pc_appendix_title(PC_APPX_KPI));
	put(h, "</h1>");
	for (size_t i = 0; i < a->ntables; i++) {
		const pc_kpi_table *t = &a->tables[i];
		if (i == 0 || t->chapter != a->tables[i - 1].chapter) {
			put(h, "<h2>");
			prose(h, t->chapter ? t->chapter->u.section->display : "計画全体");
			put(h, "</h2>");
		}
		kpi_table(h, t);
	}
	if (!a->ntables)
		put(h, "<p>この計画には成果指標がありません。</p>");
	page_close(h, h->chapters.len + 1 + PC_APPX_KPI);
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
	h.ix = doc->index;
	index_page(&h);
	chapter_pages(&h);
	indicators_page(&h);
	glossary_page(&h);
	terms_page(&h);
	h.ok &= pc_output_write(o, "html/style.css", pc_html_style, strlen(pc_html_style));
	h.ok &= pc_output_write(o, "html/site.js", pc_html_script, strlen(pc_html_script));
	copy_images(&h);
	pc_buf_free(&h.b);
	return h.ok;
}
