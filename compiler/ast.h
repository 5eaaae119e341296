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
	const char *number; /* "7-1", "経1-1", "①", "第1章", "（2）"; NULL when none */
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
	/* The number as an id part: digits and hyphens ("第1章" → "1", "（2）" →
	 * "2", "1.1" → "1-1", "①" → "1"); NULL when the number has other
	 * characters that would be lost (経1-1) or there is none. */
	const char *number_key;
} pc_section;

/* A parsed year: 年度 (fiscal) or 年 with optional month and day
 * (calendar), with the words written around it. */
typedef struct pc_year {
	int year;         /* Gregorian; 0 when none */
	int month;        /* 1..12, 0 when none */
	bool fiscal;      /* written with 年度 */
	const char *text; /* as written, e.g. "H29年度" */
	int day;          /* 1..31, 0 when none (令和4年3月31日現在) */
	/* Words around the year that say which figure of that year it is:
	 * 決算, 見込み, 実績, 末, 現在, 国勢調査…, brackets removed; NULL when
	 * none. A fact to keep and show, never an error. */
	const char *qualifier;
} pc_year;

/* A bound written after a value: the target is a limit, not a point. */
typedef enum pc_bound {
	PC_BOUND_NONE = 0,
	PC_BOUND_GE, /* 以上: the number or more */
	PC_BOUND_GT, /* 超: more than the number */
	PC_BOUND_LE, /* 以下: the number or less */
	PC_BOUND_LT, /* 未満: less than the number */
} pc_bound;

/* A parsed indicator value such as "256,000 件/年" or "0.6億円". What the
 * cell says besides the number is kept as separate facts, and the text as
 * written for printing. */
typedef struct pc_value {
	const char *text; /* the cell text as written (without an @ year) */
	bool has_number;
	double number;    /* with 万/億 applied; the first number of a range */
	const char *unit; /* "" when none */
	pc_bound bound;   /* 100%以上, 50件以下, 未満, 超 */
	bool has_range;   /* 80～90%: number 80, upper 90 */
	double upper;
	bool approximate; /* 約1,200人, 1,200人程度 */
	pc_year year;     /* a year written in the cell: 45%（R5）, R3: 12件; year 0 when none */
	const char *note; /* other text after the value: 速報値, ※1; NULL when none */
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
	/* indicators, appended: the stable id given in an ID column */
	PC_FIELD_ID,
} pc_field;

typedef enum pc_direction {
	PC_DIR_NONE = 0,
	PC_DIR_UP,
	PC_DIR_DOWN,
	PC_DIR_KEEP,    /* 維持: stay on the baseline's side of the target */
	PC_DIR_FLOOR,   /* 以上: stay at or above the target */
	PC_DIR_CEILING, /* 以下: stay at or below the target */
} pc_direction;

/* One value of an indicator with the year it belongs to. */
typedef struct pc_ivalue {
	pc_field field; /* BASELINE, MIDTERM, TARGET or ACTUAL */
	pc_value value;
	pc_year year; /* from the cell's @, else from the header */
	const pc_node *cell;
	pc_pos pos;
} pc_ivalue;

/* Whether the latest actual value meets the target (model/indicators.h). */
typedef enum pc_achievement {
	PC_ACH_NONE = 0, /* no way to tell: no target or actual number, other units, or
	                    a 維持 target equal to its baseline */
	PC_ACH_MET,
	PC_ACH_NOT_MET,
} pc_achievement;

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
	const pc_ivalue *latest;    /* the latest result with a number; NULL none */
	bool has_rate;              /* rate is meaningful */
	double rate;                /* achievement rate of latest, in percent */
	pc_achievement achievement; /* whether latest meets the target */
	/* Decided by the resolver (resolve/evaluation.c): */
	const char *id; /* stable id: the ID column's, else <measure id>.<n> */
	bool id_given;
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
	pc_year year; /* year in the header (or in a second header row), if any */
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
	const char *mark;       /* presentation: with term-mark ※n, the mark
	                         * the term has in the measure that defines it
	                         * ("※3"), shown in that measure's glossary box;
	                         * NULL when none */
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
		/* made by pc_node_new, apart: most nodes are text, and a
		 * section or a table in the union would make every node the
		 * size of the largest (a node of text 288 bytes instead of 104) */
		pc_section *section; /* PC_SECTION */
		pc_table *table;     /* PC_TABLE */
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

/*
 * The grading rule of the yearly progress report (docs/format.md §2.1),
 * from the front matter; parts left unset take the defaults of
 * model/grade.c (pc_grading_of).
 */
typedef enum pc_grade_by {
	PC_GRADE_BY_UNSET = 0,
	PC_GRADE_BY_PROGRESS,       /* 進捗率: (実績−基準) ÷ (目標−基準) */
	PC_GRADE_BY_RATIO,          /* 達成率: 実績 ÷ 目標 (目標 ÷ 実績 for 減) */
	PC_GRADE_BY_PRORATED,       /* 年割進捗率: progress against the year's share */
	PC_GRADE_BY_PRORATED_RATIO, /* 年割達成率: 実績 ÷ the year's pro-rated target */
	PC_GRADE_BY_CHANGE, /* 基準値比: (実績−基準) ÷ 基準, in %, better > 0 */
	PC_GRADE_BY_DIFF,   /* 基準値差: 実績−基準 in the indicator's unit, better > 0 */
} pc_grade_by;

typedef enum pc_grade_cond_kind {
	PC_COND_AT_LEAST, /* score ≥ value (以上) */
	PC_COND_ABOVE,    /* score > value (超) */
	PC_COND_AT_MOST,  /* score ≤ value (以下) */
	PC_COND_BELOW,    /* score < value (未満) */
	PC_COND_REACHED,  /* the result is at or past the target (目標達成) */
	PC_COND_IMPROVED, /* better than the baseline beyond the tolerance (改善) */
	PC_COND_KEPT,     /* within the tolerance of the baseline (維持) */
	PC_COND_WORSENED, /* worse than the baseline beyond the tolerance (悪化) */
} pc_grade_cond_kind;

typedef struct pc_grade_cond {
	pc_grade_cond_kind kind;
	double value; /* thresholds: percent, or points for 基準値差 */
} pc_grade_cond;

/* One grade of the list, tried in order: the first whose conditions all
 * hold is the indicator's grade; a grade without conditions takes the rest. */
typedef struct pc_grade_band {
	const char *name;       /* "A", "順調" */
	const char *condition;  /* as written inside the brackets; NULL none */
	pc_grade_cond conds[2]; /* all must hold */
	int nconds;
	double points; /* for a measure's average */
	bool points_given;
	int unit;   /* of the thresholds as written: 0 none, 1 %, 2 points */
	pc_pos pos; /* where it is written */
} pc_grade_band;

/* ±N% of the baseline (relative) or ±N in the indicator's own unit. */
typedef struct pc_tolerance {
	double value;
	bool relative;
	const char *text; /* as written; NULL when not given */
} pc_tolerance;

typedef enum pc_measure_by {
	PC_MEASURE_BY_UNSET = 0,
	PC_MEASURE_BY_AVERAGE, /* 平均: the grade nearest the mean of the points */
	PC_MEASURE_BY_WORST,   /* 最低: the lowest grade of its indicators */
} pc_measure_by;

typedef struct pc_grading {
	pc_grade_by by;
	pc_grade_band *bands;
	size_t nbands;
	pc_tolerance keep;        /* for every indicator */
	pc_tolerance survey_keep; /* for survey indicators (takes precedence) */
	const char **survey;      /* words of 把握方法 that mark a survey indicator */
	size_t nsurvey;
	pc_measure_by measure;
	const char *none;    /* the grade of an indicator that cannot be measured */
	const char **extras; /* grades given by hand: 未着手, 中止, 評価困難 */
	size_t nextras;
	bool extras_given;
	pc_pos pos; /* the first key of the rule (for messages); file NULL none */
	pc_pos bands_pos;
} pc_grading;

/* How the printed booklet is bound (front matter binding:). */
typedef enum pc_binding {
	PC_BIND_PERFECT = 0, /* 無線綴じ: glued at a flat spine */
	PC_BIND_SADDLE,      /* 中綴じ: folded sheets stapled at the fold */
} pc_binding;

/* The print edition's settings (print/body.pdf, print/cover.pdf;
 * docs/pdf.md), from the front matter. */
typedef struct pc_print_meta {
	bool crop_marks;    /* crop-marks: 日本式トンボ outside the bleed */
	pc_binding binding; /* binding: perfect (default) or saddle */
	float paper_mm;     /* paper-thickness in mm; 0: the default */
	/* the colophon (奥付): who issues it, when, whom to ask, who prints */
	const char *issuer, *issued, *contact, *printer;
	pc_pos binding_pos; /* where binding: was written (file NULL: not) */
} pc_print_meta;

typedef struct pc_meta {
	const char *title, *subtitle, *city, *period, *edition;
	bool draft;
	pc_term_mark term_mark;
	bool latin_first; /* index-order: latin-first */
	bool charts;      /* charts beside indicator tables (default true) */
	bool recto;       /* chapter-start: right (a blank page before, if needed) */
	/* The plan's term read from period ("2027-2031", "令和9年度～令和13年度"):
	 * Gregorian fiscal years, 0 when period is missing or unreadable. */
	int term_first, term_last;
	pc_pos period_pos;
	const char *city_code; /* 全国地方公共団体コード, 6 digits, check digit verified */
	pc_grading grading;
	pc_print_meta print;
} pc_meta;

/* A measure's next step as a yearly evaluation writes it (今後の方向性). */
typedef enum pc_course {
	PC_COURSE_NONE = 0,
	PC_COURSE_EXPAND,   /* 拡充 */
	PC_COURSE_CONTINUE, /* 継続 */
	PC_COURSE_IMPROVE,  /* 改善 */
	PC_COURSE_REDUCE,   /* 縮小 */
	PC_COURSE_ABOLISH,  /* 廃止 */
} pc_course;

/* One row of an evaluation block (docs/format.md §5.5): a measure's year. */
typedef struct pc_evaluation {
	int year;              /* Gregorian fiscal year */
	const char *year_text; /* as written */
	pc_course course;
	const char *grade; /* a grade given by hand (評価), NULL none */
	pc_pos grade_pos;
	const char *comment;    /* 要因・分析; "" when none */
	const pc_node *section; /* the innermost section where it is written */
	const pc_node *measure; /* set by the resolver: its measure */
	pc_pos pos;             /* the row */
} pc_evaluation;

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
	pc_vec evaluations;   /* pc_evaluation* in document order */
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
/* "ge", "gt", "le", "lt"; NULL for PC_BOUND_NONE. */
const char *pc_bound_name(pc_bound bound);
/* The innermost section enclosing a node, or NULL. */
const pc_node *pc_node_section(const pc_node *node);
/* The chapter (level-1 ancestor or self), or NULL. */
const pc_node *pc_node_chapter(const pc_node *node);

#endif
