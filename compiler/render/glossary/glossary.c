/* The glossary on its own: CSV, Markdown, a standalone HTML page. */
#include "glossary.h"

#include <string.h>

#include "../../util/csv.h"
#include "../html/html.h"

bool *pc_glossary_select(pc_doc *doc, const char *const *chapters, const char **unknown)
{
	bool *sel = pc_arena_alloc(doc->arena, (doc->terms.len + 1) * sizeof *sel);
	*unknown = NULL;
	bool all = !chapters || !chapters[0];
	for (const char *const *c = chapters; !all && *c; c++) {
		bool found = false;
		for (size_t i = 0; i < doc->sections.len; i++) {
			const pc_section *s = &((const pc_node *)doc->sections.items[i])->u.section;
			found |= s->level == 1 &&
			         (!strcmp(s->id, *c) || (s->number && !strcmp(s->number, *c)));
		}
		if (!found && !*unknown)
			*unknown = *c;
	}
	for (size_t t = 0; t < doc->terms.len; t++) {
		const pc_term *term = doc->terms.items[t];
		const pc_node *ch = pc_node_chapter(term->table);
		sel[t] = all;
		for (const char *const *c = chapters; !all && ch && *c; c++)
			sel[t] |= !strcmp(ch->u.section.id, *c) ||
			          (ch->u.section.number && !strcmp(ch->u.section.number, *c));
	}
	return sel;
}

/* One selected term of the glossary, with the group it is printed under. */
typedef struct row {
	const pc_term *term;
	const pc_ix_group *group;
} row;

/* The selected terms in reading order, in the arena; *n gets the count. */
static row *selected_rows(pc_doc *doc, const pc_index *ix, const bool *sel, size_t *n)
{
	row *rows = pc_arena_alloc(doc->arena, (ix->nentries + 1) * sizeof *rows);
	*n = 0;
	for (size_t g = 0; g < ix->ngroups; g++)
		for (size_t i = ix->groups[g].first; i < ix->groups[g].first + ix->groups[g].count;
		     i++) {
			const pc_ix_entry *e = ix->entries[i];
			if (e->kind == PC_IX_TERM && (!sel || sel[e->term->index]))
				rows[(*n)++] = (row){e->term, &ix->groups[g]};
		}
	return rows;
}

static const char *aliases(pc_doc *doc, const pc_term *t)
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

void pc_glossary_csv(pc_doc *doc, const pc_index *ix, const bool *sel, pc_buf *out)
{
	static const char *head[] = {"用語",   "読み", "別名", "説明",     "章番号", "章",
	                             "節番号", "節",   "節id", "ファイル", "行"};
	pc_csv_bom(out);
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		pc_csv_field(out, head[i], i == 0);
	pc_csv_end_row(out);
	size_t n;
	row *rows = selected_rows(doc, ix, sel, &n);
	for (size_t i = 0; i < n; i++) {
		const pc_term *t = rows[i].term;
		const pc_node *ch = pc_node_chapter(t->table);
		const pc_node *sec = t->section;
		while (sec && sec->u.section.level > 2)
			sec = pc_node_section(sec);
		pc_csv_field(out, t->term, true);
		pc_csv_field(out, t->reading, false);
		pc_csv_field(out, aliases(doc, t), false);
		pc_csv_field(out, t->definition_text, false);
		pc_csv_field(out, ch ? ch->u.section.number : NULL, false);
		pc_csv_field(out, ch ? ch->u.section.title : NULL, false);
		pc_csv_field(out, sec ? sec->u.section.number : NULL, false);
		pc_csv_field(out, sec ? sec->u.section.title : NULL, false);
		pc_csv_field(out, sec ? sec->u.section.id : NULL, false);
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

void pc_glossary_md(pc_doc *doc, const pc_index *ix, const bool *sel, pc_buf *out)
{
	/* A glossary block of the plan format: pasted into another plan, it
	 * defines the same terms. Readings are written only where given. */
	pc_buf_puts(out, "## 用語解説\n\n```glossary\n用語\t読み\t説明\t別名\n");
	size_t n;
	row *rows = selected_rows(doc, ix, sel, &n);
	for (size_t i = 0; i < n; i++) {
		const pc_term *t = rows[i].term;
		md_cell(out, t->term);
		pc_buf_putc(out, '\t');
		if (!t->reading_derived)
			md_cell(out, t->reading);
		pc_buf_putc(out, '\t');
		md_cell(out, t->definition_text);
		pc_buf_putc(out, '\t');
		md_cell(out, aliases(doc, t));
		pc_buf_putc(out, '\n');
	}
	pc_buf_puts(out, "```\n");
}

void pc_glossary_html(pc_doc *doc, const pc_index *ix, const bool *sel, pc_buf *out)
{
	pc_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, "
	                 "initial-scale=1\">\n<title>用語解説 | ");
	pc_html_escape(out, doc->meta.title);
	pc_buf_puts(
	    out,
	    "</title>\n<style>body{font-family:sans-serif;line-height:1.8;max-width:46rem;"
	    "margin:0 auto;padding:1rem;color:#1a1a1a}h1{border-bottom:3px solid #1d6b4f}"
	    "h2{background:#e8f3ee;color:#1d6b4f;padding:0 .5rem;font-size:1.1rem}"
	    "dt{font-weight:bold;margin-top:.5rem}dd{margin:0 0 0 1em}"
	    ".r,.a{font-weight:normal;font-size:.85em;color:#4a4a4a}</style>\n</head>\n<body>\n"
	    "<main>\n<h1>用語解説</h1>\n<p>");
	pc_html_escape(out, doc->meta.title);
	pc_buf_puts(out, "</p>\n");
	const pc_ix_group *open = NULL;
	size_t n;
	row *rows = selected_rows(doc, ix, sel, &n);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].group != open) {
			pc_buf_puts(out, open ? "</dl>\n<h2>" : "<h2>");
			pc_html_escape(out, rows[i].group->name);
			pc_buf_puts(out, "</h2>\n<dl>\n");
			open = rows[i].group;
		}
		const pc_term *t = rows[i].term;
		pc_buf_puts(out, "<dt>");
		pc_html_escape(out, t->term);
		if (t->reading && !t->reading_derived) {
			pc_buf_puts(out, "<span class=\"r\">（");
			pc_html_escape(out, t->reading);
			pc_buf_puts(out, "）</span>");
		}
		pc_buf_puts(out, "</dt><dd>");
		pc_html_escape(out, t->definition_text);
		if (t->naliases) {
			pc_buf_puts(out, " <span class=\"a\">（別名：");
			for (size_t k = 0; k < t->naliases; k++) {
				if (k)
					pc_buf_puts(out, "、");
				pc_html_escape(out, t->aliases[k].text);
			}
			pc_buf_puts(out, "）</span>");
		}
		pc_buf_puts(out, "</dd>\n");
	}
	pc_buf_puts(out,
	            open ? "</dl>\n</main>\n</body>\n</html>\n" : "</main>\n</body>\n</html>\n");
}
