/*
 * The term index (索引) shared by the back ends: every glossary term, alias
 * (as a see-reference) and index: entry, with the places it is defined and
 * used, sorted in Japanese reading order and grouped by kana row and A–Z.
 */
#ifndef PC_INDEX_H
#define PC_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../ast.h"

typedef enum pc_ix_kind {
	PC_IX_TERM,  /* a glossary term: defined, with uses */
	PC_IX_ALIAS, /* an alias: a see-reference to its term */
	PC_IX_ENTRY, /* [text](index:reading): uses only */
} pc_ix_kind;

/* A place an entry points to. */
typedef struct pc_ix_place {
	const pc_node *node;    /* the glossary table (definition) or the using node */
	const pc_node *section; /* innermost section of the place */
	bool definition;
} pc_ix_place;

typedef struct pc_ix_entry {
	pc_ix_kind kind;
	const char *text;    /* as shown */
	const char *reading; /* hiragana as shown; NULL when unknown */
	const pc_term *term; /* TERM: itself; ALIAS: the term it refers to */
	pc_ix_place *places; /* TERM: definition first, then uses in document order */
	size_t nplaces;
	int group;    /* index into pc_index.groups */
	uint8_t *key; /* ICU sort key of the reading (then the text) */
	size_t keylen;
} pc_ix_entry;

typedef struct pc_ix_group {
	const char *name;    /* "あ" … "わ", "A" … "Z", "数字", "その他" */
	size_t first, count; /* range in pc_index.entries */
} pc_ix_group;

typedef struct pc_index {
	pc_ix_entry **entries; /* sorted */
	size_t nentries;
	pc_ix_group *groups; /* non-empty groups, in order */
	size_t ngroups;
} pc_index;

/*
 * Builds the index of a resolved document, allocated in its arena. Order:
 * ICU's Japanese collator on the reading (katakana as hiragana, long vowel
 * as its vowel), ties broken on the text, then on kind; entries with no
 * reading go last in the group "その他". Kana rows come before A–Z unless
 * the plan says `index-order: latin-first`. index: entries with the same
 * text and reading are merged into one entry.
 */
pc_index *pc_index_build(pc_doc *doc);

/* The kana row (あ か さ … わ), "A"…"Z", "数字" or "その他" of a reading. */
const char *pc_index_group_of(const char *reading);

#endif
