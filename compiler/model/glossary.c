/* The glossary listing shared by every output (see glossary.h). */
#include "glossary.h"

#include <string.h>

#include "../index/index.h"
#include "../util/buf.h"

static const char *aliases_text(pc_doc *doc, const pc_term *t)
{
	if (!t->naliases)
		return NULL;
	pc_buf b = {0};
	for (size_t k = 0; k < t->naliases; k++) {
		if (k)
			pc_buf_puts(&b, "、");
		pc_buf_puts(&b, t->aliases[k].text);
	}
	const char *r = pc_arena_strndup(doc->arena, b.data, b.len);
	pc_buf_free(&b);
	return r;
}

pc_gloss_entry pc_gloss_entry_of(pc_doc *doc, const pc_term *t)
{
	pc_gloss_entry e = {0};
	e.term = t;
	/* a derived reading (カタカナ → かたかな) tells the reader nothing */
	e.reading = t->reading && !t->reading_derived ? t->reading : NULL;
	e.definition = t->definition;
	e.definition_text = t->definition_text ? t->definition_text : "";
	e.aliases = aliases_text(doc, t);
	e.measure = t->measure;
	return e;
}

pc_glossary *pc_glossary_of(pc_doc *doc, const bool *selected)
{
	pc_glossary *g = pc_arena_alloc(doc->arena, sizeof *g);
	const pc_index *ix = doc->index;
	if (!ix)
		return g;
	g->entries = pc_arena_alloc(doc->arena, (ix->nentries + 1) * sizeof *g->entries);
	g->groups = pc_arena_alloc(doc->arena, (ix->ngroups + 1) * sizeof *g->groups);
	for (size_t gi = 0; gi < ix->ngroups; gi++) {
		const pc_ix_group *grp = &ix->groups[gi];
		size_t first = g->nentries;
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const pc_ix_entry *e = ix->entries[i];
			if (e->kind == PC_IX_TERM && (!selected || selected[e->term->index]))
				g->entries[g->nentries++] = pc_gloss_entry_of(doc, e->term);
		}
		if (g->nentries > first)
			g->groups[g->ngroups++] =
			    (pc_gloss_group){grp->name, first, g->nentries - first};
	}
	return g;
}

static bool names_chapter(const pc_node *ch, const char *name)
{
	const pc_section *s = ch->u.section;
	return !strcmp(s->id, name) || (s->number && !strcmp(s->number, name));
}

bool *pc_glossary_select(pc_doc *doc, const char *const *chapters, const char **unknown)
{
	bool *sel = pc_arena_alloc(doc->arena, (doc->terms.len + 1) * sizeof *sel);
	*unknown = NULL;
	bool all = !chapters || !chapters[0];
	for (const char *const *c = chapters; !all && *c; c++) {
		bool found = false;
		for (size_t i = 0; i < doc->sections.len; i++) {
			const pc_node *s = doc->sections.items[i];
			found |= s->u.section->level == 1 && names_chapter(s, *c);
		}
		if (!found && !*unknown)
			*unknown = *c;
	}
	for (size_t t = 0; t < doc->terms.len; t++) {
		const pc_term *term = doc->terms.items[t];
		const pc_node *ch = term->section ? term->section->u.section->chapter : NULL;
		sel[t] = all;
		for (const char *const *c = chapters; !all && ch && *c; c++)
			sel[t] |= names_chapter(ch, *c);
	}
	return sel;
}

size_t pc_jump_bar_names(const pc_doc *doc, const char **out)
{
	static const char *kana[] = {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"};
	static const char *latin[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I",
	                              "J", "K", "L", "M", "N", "O", "P", "Q", "R",
	                              "S", "T", "U", "V", "W", "X", "Y", "Z"};
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++) {
		bool kana_now = (pass == 0) != doc->meta.latin_first;
		if (kana_now)
			for (size_t k = 0; k < 10; k++)
				out[n++] = kana[k];
		else
			for (size_t k = 0; k < 26; k++)
				out[n++] = latin[k];
	}
	out[n++] = "数字";
	out[n++] = "その他";
	return n;
}
