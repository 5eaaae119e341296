/* The glossary on its own: CSV, Markdown, a standalone HTML page. */
#include "glossary.h"

#include <string.h>

#include "../../util/csv.h"
#include "../../util/escape.h"

/* Aliases for data that is read back: "A:reading、B" (the reading where
 * one is given or derived and differs from the text). */
static const char *aliases_data(pc_doc *doc, const pc_term *t)
{
	pc_buf b = {0};
	for (size_t k = 0; k < t->naliases; k++) {
		if (k)
			pc_buf_puts(&b, "、");
		pc_buf_puts(&b, t->aliases[k].text);
		if (t->aliases[k].reading && strcmp(t->aliases[k].reading, t->aliases[k].text)) {
			pc_buf_putc(&b, ':');
			pc_buf_puts(&b, t->aliases[k].reading);
		}
	}
	const char *r = pc_arena_strdup(doc->arena, b.data ? b.data : "");
	pc_buf_free(&b);
	return r;
}

void pc_glossary_csv(pc_doc *doc, const pc_glossary *g, pc_buf *out)
{
	static const char *head[] = {"用語",   "読み", "別名", "説明",     "章番号", "章",
	                             "節番号", "節",   "節id", "ファイル", "行"};
	pc_csv_bom(out);
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		pc_csv_field(out, head[i], i == 0);
	pc_csv_end_row(out);
	for (size_t i = 0; i < g->nentries; i++) {
		const pc_gloss_entry *e = &g->entries[i];
		const pc_term *t = e->term;
		const pc_node *sec = e->measure;
		const pc_node *ch = sec ? sec->u.section->chapter : NULL;
		pc_csv_field(out, t->term, true);
		pc_csv_field(out, t->reading, false);
		pc_csv_field(out, aliases_data(doc, t), false);
		pc_csv_field(out, e->definition_text, false);
		pc_csv_field(out, ch ? ch->u.section->number : NULL, false);
		pc_csv_field(out, ch ? ch->u.section->title : NULL, false);
		pc_csv_field(out, sec ? sec->u.section->number : NULL, false);
		pc_csv_field(out, sec ? sec->u.section->title : NULL, false);
		pc_csv_field(out, sec ? sec->u.section->id : NULL, false);
		pc_csv_field(out, t->pos.file, false);
		pc_csv_field(out, pc_arena_printf(doc->arena, "%u", t->pos.line), false);
		pc_csv_end_row(out);
	}
}

/* A cell of a TAB row: tabs and line breaks would split the row. */
static void md_cell(pc_buf *b, const char *s)
{
	for (; s && *s; s++)
		pc_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void pc_glossary_md(pc_doc *doc, const pc_glossary *g, pc_buf *out)
{
	/* A glossary block of the plan format: pasted into another plan, it
	 * defines the same terms. Readings are written only where given. */
	pc_buf_puts(out, "## 用語解説\n\n```glossary\n用語\t読み\t説明\t別名\n");
	for (size_t i = 0; i < g->nentries; i++) {
		const pc_gloss_entry *e = &g->entries[i];
		md_cell(out, e->term->term);
		pc_buf_putc(out, '\t');
		md_cell(out, e->reading);
		pc_buf_putc(out, '\t');
		md_cell(out, e->definition_text);
		pc_buf_putc(out, '\t');
		md_cell(out, aliases_data(doc, e->term));
		pc_buf_putc(out, '\n');
	}
	pc_buf_puts(out, "```\n");
}

void pc_glossary_html(pc_doc *doc, const pc_glossary *g, pc_buf *out)
{
	pc_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, "
	                 "initial-scale=1\">\n<title>用語解説 | ");
	pc_escape_html(out, doc->meta.title);
	pc_buf_puts(
	    out,
	    "</title>\n<style>body{font-family:sans-serif;line-height:1.8;max-width:46rem;"
	    "margin:0 auto;padding:1rem;color:#1a1a1a}h1{border-bottom:3px solid #1d6b4f}"
	    "h2{background:#e8f3ee;color:#1d6b4f;padding:0 .5rem;font-size:1.1rem}"
	    "dt{font-weight:bold;margin-top:.5rem}dd{margin:0 0 0 1em}"
	    ".r,.a{font-weight:normal;font-size:.85em;color:#4a4a4a}</style>\n</head>\n<body>\n"
	    "<main>\n<h1>用語解説</h1>\n<p>");
	pc_escape_html(out, doc->meta.title);
	pc_buf_puts(out, "</p>\n");
	for (size_t gi = 0; gi < g->ngroups; gi++) {
		const pc_gloss_group *grp = &g->groups[gi];
		pc_buf_puts(out, "<h2>");
		pc_escape_html(out, grp->name);
		pc_buf_puts(out, "</h2>\n<dl>\n");
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const pc_gloss_entry *e = &g->entries[i];
			pc_buf_puts(out, "<dt>");
			pc_escape_html(out, e->term->term);
			if (e->reading) {
				pc_buf_puts(out, "<span class=\"r\">（");
				pc_escape_html(out, e->reading);
				pc_buf_puts(out, "）</span>");
			}
			pc_buf_puts(out, "</dt><dd>");
			pc_escape_html(out, e->definition_text);
			if (e->aliases) {
				pc_buf_puts(out, " <span class=\"a\">（別名：");
				pc_escape_html(out, e->aliases);
				pc_buf_puts(out, "）</span>");
			}
			pc_buf_puts(out, "</dd>\n");
		}
		pc_buf_puts(out, "</dl>\n");
	}
	pc_buf_puts(out, "</main>\n</body>\n</html>\n");
}
