/* Resolver internals shared by the files of resolve/. */
#ifndef PC_RESOLVE_H
#define PC_RESOLVE_H

#include "../plancc.h"
#include "../util/map.h"

typedef struct pc_resolver {
	pc_doc *doc;
	pc_diags *diags;
	pc_map ids;   /* id → PC_SECTION or PC_TABLE node */
	pc_map terms; /* NFKC of a term or alias → term_key */
} pc_resolver;

/* A reading, given or derived (reading.c). */
typedef struct pc_reading {
	const char *reading; /* hiragana (Latin kept as is); NULL when unknown */
	bool derived;
	bool bad_given; /* the given reading has characters other than kana */
} pc_reading;

/*
 * The reading of text: the given one (NFKC, katakana → hiragana, spaces
 * removed) when there is one; otherwise derived from text when it has no
 * kanji (kana → hiragana, Latin as written after NFKC); NULL when text has
 * kanji and no reading is given.
 */
pc_reading pc_reading_of(pc_arena *a, const char *text, const char *given);

/* Records a use of a term (an explicit reference or an occurrence). */
void pc_term_add_use(pc_doc *doc, pc_term *t, const pc_node *node, bool explicit_ref);

/* Finds defined terms in body text and marks them (occurrences.c). */
void pc_find_occurrences(pc_resolver *r);

/* The yearly report's checks and the indicators' stable ids
 * (evaluation.c). */
void pc_resolve_report(pc_resolver *r);

#endif
