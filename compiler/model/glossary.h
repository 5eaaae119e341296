/*
 * The glossary as every listing prints it (the PDF appendix and boxes,
 * glossary.html, plancc glossary's CSV, Markdown, HTML and PDF): the
 * selected terms in reading order, grouped by kana row or letter, each
 * entry with the parts a reader sees. A listing's jump bar is made from
 * its own groups, never from the term index's.
 */
#ifndef PC_MODEL_GLOSSARY_H
#define PC_MODEL_GLOSSARY_H

#include <stdbool.h>

#include "../ast.h"

typedef struct pc_gloss_entry {
	const pc_term *term;
	const char *reading;       /* printed after the term: given readings only; NULL */
	const pc_node *definition; /* the definition's inlines (a cell); may be NULL */
	const char *definition_text;
	const char *aliases;    /* 「A、B」 as printed after 別名：; NULL when none */
	const pc_node *measure; /* where it is defined: the measure it names */
} pc_gloss_entry;

typedef struct pc_gloss_group {
	const char *name;    /* "あ" … "わ", "A" … "Z", "数字", "その他" */
	size_t first, count; /* range in pc_glossary.entries */
} pc_gloss_group;

typedef struct pc_glossary {
	pc_gloss_entry *entries; /* reading order */
	size_t nentries;
	pc_gloss_group *groups; /* the groups that have entries, in order */
	size_t ngroups;
} pc_glossary;

/* One term's entry, as a glossary box in its measure prints it. */
pc_gloss_entry pc_gloss_entry_of(pc_doc *doc, const pc_term *t);

/* The listing of the terms whose selected[term->index] is true (all when
 * selected is NULL), in the document's arena; needs doc->index. */
pc_glossary *pc_glossary_of(pc_doc *doc, const bool *selected);

/*
 * The terms defined in the given chapters (ids, or numbers as printed;
 * NULL-terminated list; NULL or empty: all), as a bool per term index,
 * allocated in the document's arena. *unknown is set to the first chapter
 * named that does not exist, else NULL.
 */
bool *pc_glossary_select(pc_doc *doc, const char *const *chapters, const char **unknown);

/* The groups a jump bar offers in order: every kana row and A–Z (in the
 * plan's index order), then 数字 and その他; out holds 38 names. */
size_t pc_jump_bar_names(const pc_doc *doc, const char **out);

#endif
