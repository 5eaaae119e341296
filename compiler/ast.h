/*
 * The plan tree: one node type for the whole plan, built by the parser,
 * completed by the resolver, read (const) by every back end.
 *
 * Ownership: a pc_doc owns an arena; every node, string and array of the
 * tree is allocated in it and freed by pc_doc_free. Nothing in the tree is
 * freed on its own.
 */
#ifndef PC_AST_H
#define PC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* A place in the sources: file relative to the plan folder, 1-based line
 * and column (column in characters, as an editor counts them). */
typedef struct pc_pos {
	const char *file;
	unsigned line, col;
} pc_pos;

typedef enum pc_kind {
	/* blocks */
	PC_DOCUMENT,   /* children: the chapters and any blocks before them */
	PC_SECTION,    /* a heading and everything under it: blocks, subsections */
	PC_PARAGRAPH,  /* children: inlines */
	PC_LIST,       /* children: PC_ITEM */
	PC_ITEM,       /* children: blocks */
	PC_BLOCKQUOTE, /* children: blocks */
	PC_CODE_BLOCK, /* literal */
	PC_HTML_BLOCK, /* literal; back ends do not pass it through */
	PC_THEMATIC_BREAK,
	PC_TABLE, /* children: PC_ROW, the first the header */
	PC_ROW,   /* children: PC_CELL */
	PC_CELL,  /* children: inlines */
	/* inlines */
	PC_TEXT,      /* literal */
	PC_SOFTBREAK, /* literal: " " between Latin words, "" between Japanese
	               * (decided by the presentation pass) */
	PC_LINEBREAK,
	PC_CODE,        /* literal */
	PC_HTML_INLINE, /* literal */
	PC_EMPH,
	PC_STRONG,
	PC_LINK,        /* url, title; children: inlines */
	PC_IMAGE,       /* url (relative to the plan folder), title; children: alt */
	PC_TERM_REF,    /* [text](term:NAME); children: shown text */
	PC_TERM_OCC,    /* a term found in body text by the resolver; children: one PC_TEXT */
	PC_INDEX_ENTRY, /* [text](index:READING); children: shown text */
	PC_XREF,        /* [text](ref:ID); children: shown text (may be none) */
	PC_HEADING,     /* the title of a section (not a child; see pc_section) */
} pc_kind;

typedef struct pc_node pc_node;
typedef struct pc_doc pc_doc;
typedef struct pc_index pc_index;
typedef struct pc_term pc_term;
typedef struct pc_indicator pc_indicator;

/* Roles of blocks inside a measure (docs/format.md §3). */
typedef enum pc_role {
	PC_ROLE_NONE = 0,
	PC_ROLE_VISION,    /* 目指す姿 */
	PC_ROLE_ISSUES,    /* 現状と課題 */
	PC_ROLE_DIRECTION, /* 施策展開の方向・主要施策 */
	PC_ROLE_ROLES,     /* 市民の役割 */
	PC_ROLE_PLANS,     /* 関連する計画 */
	PC_ROLE_GLOSSARY,  /* 用語解説 */
} pc_role;

typedef struct pc_attr {
	const char *key, *value;
	pc_pos pos;
} pc_attr;

typedef struct pc_section {
	int level;          /* 1 = chapter (#), 2 = measure (##), … */
	const char *number; /* "7-1", "経1-1", "①"; NULL when none */
	const char *label;  /* word printed before the number; NULL when none */
	const char *title;  /* plain text of the title, without number and attributes */
	pc_node *heading;   /* PC_HEADING: the title as inlines */
	const char *id;     /* explicit or derived; unique in the plan */
	bool id_explicit;
	pc_role role;
	const char **classes; /* all .classes, NULL-terminated */
	int sdgs[17];         /* goals 1..17 in the order given */
	int nsdgs;
	pc_attr *attrs; /* every key=value as written, including no/label/sdgs */
	size_t nattrs;
	int ordinal; /* 1-based position among sibling sections */
	/* Decided by the presentation pass (resolve/present.c), printed as is
	 * by every back end: */
	const char *heading_label; /* before the title on the heading itself:
	                            * "施策 2-3" (label and number), "2-3"; NULL */
	const char *display;       /* how the section is named anywhere else
	                            * (contents, references, running heads,
	                            * outline, captions): "2-3 地域医療の充実" */
	const char *tag;           /* its shortest name: the number, else the title */
	const pc_node *chapter;    /* the level-1 section around it (or itself) */
	const pc_node *measure;    /* the nearest section of level ≤ 2 around it
	                            * (or itself): the measure (施策) it belongs to,
	                            * or its chapter for text above the measures */
	int marks;                 /* ※n numbers handed out in this measure */
} pc_section;

/* A parsed year: 年度 (fiscal) or 年 with optional month (calendar). */
typedef struct pc_year {
	int year;         /* Gregorian; 0 when none */
	int month;        /* 1..12, 0 when none */
	bool fiscal;      /* written with 年度 */
	const char *text; /* as written, e.g. "H29年度" */
} pc_year;

/* A parsed indicator value such as "256,000 件/年" or "0.6億円". */
typedef struct pc_value {
	const char *text; /* the cell text as written (without an @ year) */
	bool has_number;
	double number;    /* with 万/億 applied */
	const char *unit; /* "" when none */
} pc_value;

typedef enum pc_field {
	PC_FIELD_NONE = 0,
	PC_FIELD_NAME,
	PC_FIELD_METHOD,
	PC_FIELD_BASELINE,
	PC_FIELD_MIDTERM,
	PC_FIELD_TARGET,
	PC_FIELD_ACTUAL,
	PC_FIELD_UNIT,
	PC_FIELD_DIRECTION,
	/* glossary */
	PC_FIELD_TERM,
	PC_FIELD_READING,
	PC_FIELD_DEFINITION,
	PC_FIELD_ALIASES,
} pc_field;

typedef enum pc_direction {
	PC_DIR_NONE = 0,
	PC_DIR_UP,
	PC_DIR_DOWN,
	PC_DIR_KEEP,
} pc_direction;

/* One value of an indicator with the year it belongs to. */
typedef struct pc_ivalue {
	pc_field field; /* BASELINE, MIDTERM, TARGET or ACTUAL */
	pc_value value;
	pc_year year; /* from the cell's @, else from the header */
	const pc_node *cell;
	pc_pos pos;
} pc_ivalue;

struct pc_indicator {
	const char *name, *method;              /* plain text */
	const pc_node *name_cell, *method_cell; /* inlines for display; method may be NULL */
	const char *unit;                       /* the 単位 column, NULL when none */
	pc_direction direction;
	bool direction_given;
	pc_ivalue *values;
	size_t nvalues;
	const pc_node *table;   /* the PC_TABLE it comes from */
	const pc_node *section; /* innermost enclosing section */
	const pc_node *row;
	pc_pos pos;
	size_t index; /* position in pc_doc.indicators */
	/* Decided by the presentation pass (model/indicators.c): */
	const pc_node *measure;                       /* the measure it belongs to */
	const pc_ivalue *baseline, *midterm, *target; /* the first of each; NULL none */
	const pc_ivalue *latest; /* the latest result with a number; NULL none */
	bool has_rate;           /* rate is meaningful */
	double rate;             /* achievement rate of latest, in percent */
};

typedef enum pc_table_kind {
	PC_TABLE_PLAIN,
	PC_TABLE_INDICATORS,
	PC_TABLE_GLOSSARY,
} pc_table_kind;

/* A column header, with what it maps to for indicators and glossaries. */
typedef struct pc_column {
	const char *text; /* as written */
	pc_field field;
	pc_year year; /* year in the header, if any */
} pc_column;

typedef struct pc_table {
	pc_table_kind kind;
	const char *id;      /* NULL when none */
	const char *caption; /* NULL when none */
	pc_column *columns;
	size_t ncols;
	bool piped;                /* written in pipe form */
	pc_indicator **indicators; /* for PC_TABLE_INDICATORS */
	size_t nindicators;
	pc_term **terms; /* for PC_TABLE_GLOSSARY, in the order written */
	size_t nterms;
	/* Decided by the presentation pass: how the table is named (captions
	 * on the site, references): the caption, else a name after its
	 * section (「1-1 地域医療の充実の成果指標」) */
	const char *display;
} pc_table;

typedef struct pc_alias {
	const char *text;
	const char *reading; /* NULL when none given and none derivable */
	pc_pos pos;
} pc_alias;

/* Where a term is used: an explicit [..](term:) or an occurrence in text. */
typedef struct pc_use {
	const pc_node *node;    /* PC_TERM_REF or PC_TERM_OCC */
	const pc_node *section; /* innermost enclosing section */
	bool explicit_ref;
	pc_pos pos;
} pc_use;

struct pc_term {
	const char *term;    /* as written */
	const char *key;     /* NFKC form used for matching */
	const char *reading; /* hiragana; given or derived; NULL when unknown */
	bool reading_derived;
	pc_alias *aliases;
	size_t naliases;
	const pc_node *definition; /* the definition cell (inlines) */
	const char *definition_text;
	const pc_node *table;   /* the glossary table */
	const pc_node *section; /* the section that defines it */
	pc_pos pos;
	pc_use *uses;
	size_t nuses, capuses;
	size_t index;           /* position in pc_doc.terms */
	const pc_node *measure; /* the measure whose glossary defines it */
};

/* An [text](index:READING) entry. */
typedef struct pc_index_entry {
	const char *text;
	const char *reading; /* given or derived; NULL when unknown */
	bool reading_derived;
	const pc_node *node;
	const pc_node *section;
	pc_pos pos;
} pc_index_entry;

struct pc_node {
	pc_kind kind;
	pc_pos pos;
	pc_node *parent, *first, *last, *prev, *next;
	const char *literal; /* TEXT, CODE, CODE_BLOCK, HTML; NULL otherwise */
	union {
		pc_section section; /* PC_SECTION */
		pc_table table;     /* PC_TABLE */
		struct {
			bool ordered, tight;
			int start;
			char delim;  /* '.' or ')' */
			char bullet; /* '-', '*', '+' */
		} list;              /* PC_LIST */
		struct {
			const char *info; /* info string */
		} code;                   /* PC_CODE_BLOCK */
		struct {
			const char *url, *title;
			const char *path; /* IMAGE: checked path relative to the plan folder */
		} link;                   /* PC_LINK, PC_IMAGE */
		struct {
			const char *name; /* as written (link text or URL part) */
			pc_term *term;    /* set by the resolver */
			/* presentation: marked as a glossary term here (an explicit
			 * reference, or the first mention of the term in its
			 * section, outside headings, links and glossaries), and the
			 * mark printed after it ("※", "※2"; NULL with term-mark:
			 * none) */
			bool marked;
			const char *mark;
		} term_ref; /* PC_TERM_REF, PC_TERM_OCC */
		struct {
			pc_index_entry *entry;
		} index; /* PC_INDEX_ENTRY */
		struct {
			const char *id;
			const pc_node *target; /* PC_SECTION or PC_TABLE; set by the resolver */
			const char *text;      /* presentation: what an empty reference
			                        * prints (the target's display name) */
		} xref;                        /* PC_XREF */
		struct {
			pc_field field; /* for header cells of indicators/glossary tables */
		} cell;
	} u;
};

/* Front matter (docs/format.md §2). */
typedef enum pc_term_mark {
	PC_MARK_ASTERISK, /* ※ */
	PC_MARK_NUMBERED, /* ※1, ※2 … per measure */
	PC_MARK_NONE,
} pc_term_mark;

typedef struct pc_meta {
	const char *title, *subtitle, *city, *period, *edition;
	bool draft;
	pc_term_mark term_mark;
	bool latin_first; /* index-order: latin-first */
	bool charts;      /* charts beside indicator tables (default true) */
	bool recto;       /* chapter-start: right (a blank page before, if needed) */
} pc_meta;

/* A loaded source file. */
typedef struct pc_source {
	const char *name; /* relative to the plan folder */
	const char *text; /* LF line ends, no BOM, NUL-terminated */
	size_t len;
	const size_t *lines; /* byte offset of each line start; lines[0] = 0 */
	size_t nlines;
	bool ok; /* passed the loader's checks; parsed only when true */
} pc_source;

struct pc_doc {
	pc_arena *arena;
	const char *dir; /* the plan folder as given */
	pc_meta meta;
	pc_source *sources;
	size_t nsources;
	pc_node *root; /* PC_DOCUMENT */
	/* Collected by the parser, completed by the resolver; document order. */
	pc_vec sections;      /* pc_node* PC_SECTION */
	pc_vec tables;        /* pc_node* PC_TABLE */
	pc_vec indicators;    /* pc_indicator* */
	pc_vec terms;         /* pc_term* in definition order */
	pc_vec index_entries; /* pc_index_entry* */
	pc_vec xrefs;         /* pc_node* PC_XREF */
	pc_vec term_refs;     /* pc_node* PC_TERM_REF */
	pc_vec images;        /* pc_node* PC_IMAGE */
	pc_index *index;      /* the term index, built once after resolving */
};

/* Tree helpers (ast.c). */
pc_node *pc_node_new(pc_doc *doc, pc_kind kind, pc_pos pos);
void pc_node_append(pc_node *parent, pc_node *child);
void pc_node_insert_before(pc_node *sibling, pc_node *node);
void pc_node_unlink(pc_node *node);
/*
 * The node after n in a preorder walk of top's subtree (top excluded):
 * into n's children when descend is true and it has some, else on to the
 * next sibling or an ancestor's. NULL at the end. No recursion: trees may
 * be deep.
 */
pc_node *pc_node_walk_next(const pc_node *n, const pc_node *top, bool descend);
/* A copy of s[0..len) without leading and trailing spaces (ASCII, tab,
 * U+3000), in the document's arena. */
const char *pc_trimmed(pc_arena *a, const char *s, size_t len);
/* Plain text of a node's inlines (text, code, and the text of children),
 * allocated in the document's arena. */
const char *pc_node_text(pc_doc *doc, const pc_node *node);
const char *pc_kind_name(pc_kind kind);
const char *pc_role_name(pc_role role);
const char *pc_field_name(pc_field field);
const char *pc_direction_name(pc_direction dir);
/* The innermost section enclosing a node, or NULL. */
const pc_node *pc_node_section(const pc_node *node);
/* The chapter (level-1 ancestor or self), or NULL. */
const pc_node *pc_node_chapter(const pc_node *node);

#endif
