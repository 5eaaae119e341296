/*
 * Diagnostics: one catalogue of every message with its severity, one
 * collector per run. Library code records; only the driver prints.
 * Messages are in Japanese for the plan authors; the severity keyword
 * stays `error`/`warning` as the format requires (docs/format.md §12).
 */
#ifndef PC_DIAG_H
#define PC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum pc_severity {
	PC_SEV_WARNING,
	PC_SEV_ERROR,
} pc_severity;

/* The catalogue; texts and severities are in diag.c, in this order. */
typedef enum pc_diag_code {
	/* loading */
	PC_E_DIR_OPEN,
	PC_E_NO_FILES,
	PC_E_READ,
	PC_E_FILE_TOO_BIG,
	PC_E_UTF8,
	PC_E_NUL,
	PC_E_LINE_TOO_LONG,
	PC_E_CHAPTER_OUTSIDE,
	/* front matter */
	PC_E_FRONT_LATE,
	PC_E_FRONT_UNCLOSED,
	PC_E_FRONT_SYNTAX,
	PC_E_FRONT_NO_TITLE,
	PC_W_FRONT_UNKNOWN_KEY,
	PC_E_FRONT_BAD_VALUE,
	PC_W_FRONT_DUP_KEY,
	/* sections */
	PC_E_BAD_ID,
	PC_E_DUP_ID,
	PC_E_ATTR_SYNTAX,
	PC_W_ATTR_UNKNOWN,
	PC_E_BAD_SDGS,
	PC_E_TOO_DEEP,
	PC_W_HEADING_EMPTY,
	PC_E_HEADING_ATTR_MARKUP,
	PC_W_CHAPTER_EMPTY,
	/* tables */
	PC_E_ROW_CELLS,
	PC_E_TABLE_EMPTY,
	PC_E_TABLE_TOO_BIG,
	PC_E_INFO_ATTR,
	PC_E_NO_NAME_COLUMN,
	PC_W_UNKNOWN_HEADER,
	PC_E_DUP_COLUMN,
	PC_E_BAD_YEAR,
	PC_E_YEAR_MISMATCH,
	PC_W_ERA_PAST_END,
	PC_W_NUMBER_TOO_LONG,
	PC_E_BAD_DIRECTION,
	PC_W_MIDTERM_RANGE,
	PC_W_ROW_NO_NAME,
	PC_W_UNIT_MISMATCH, /* the checks of an indicator's values */
	PC_W_TARGET_IS_BASELINE,
	PC_W_YEARS_ORDER,
	PC_W_DIRECTION_CONTRADICTS,
	/* glossary */
	PC_E_NO_TERM_COLUMN,
	PC_W_NO_DEFINITION,
	PC_E_DUP_TERM,
	PC_E_ALIAS_CLASH,
	PC_W_TERM_NO_READING,
	PC_W_BAD_READING,
	PC_W_INDEX_NO_READING,
	/* annotations */
	PC_E_UNDEFINED_TERM,
	PC_E_UNKNOWN_REF,
	PC_E_EMPTY_REF,
	PC_W_EMPTY_ANNOTATION,
	/* images */
	PC_E_IMAGE_URL,
	PC_E_IMAGE_ABSOLUTE,
	PC_E_IMAGE_OUTSIDE,
	PC_E_IMAGE_MISSING,
	PC_E_IMAGE_FORMAT,
	PC_W_IMAGE_LOW_RES,
	/* output */
	PC_E_OUTPUT,
	PC_E_FONT,
	PC_W_GLYPH_MISSING,
	PC_E_NO_CHAPTER,
	PC_E_TOO_MANY_PAGES,
	/* the yearly report: the grading rule, evaluation blocks, ids */
	PC_E_GRADE_BAND,
	PC_E_GRADE_NO_REST,
	PC_E_GRADE_DUP,
	PC_E_CITY_CODE,
	PC_W_PERIOD_UNREADABLE,
	PC_E_EVAL_NO_YEAR_COLUMN,
	PC_W_EVAL_UNKNOWN_HEADER,
	PC_E_EVAL_NO_YEAR,
	PC_E_EVAL_COURSE,
	PC_E_EVAL_YEAR_OUTSIDE,
	PC_E_EVAL_DUP_YEAR,
	PC_E_EVAL_OUTSIDE,
	PC_E_EVAL_GRADE,
	PC_E_BAD_INDICATOR_ID,
	PC_E_DUP_INDICATOR_ID,
	PC_E_REPORT_YEAR,
	PC_W_GRADE_NO_BAND,
	/* what real plans write (docs/format.md) */
	PC_E_BAD_DATE,
	PC_E_CELLS_BY_SPACES,
	PC_W_CELLS_BY_SPACES,
	PC_W_UNKNOWN_GLOSSARY_HEADER,
	PC_W_PASTED_CHARS,
	PC_E_ANNOTATION_SPACE,
	PC_W_HAND_PAGE_NUMBER,
	/* the print edition (render/pdf/print.c, cover.c) */
	PC_E_PRINT_PROFILE,
	PC_W_PRINT_GUTTER,
	PC_W_PRINT_RGB_IMAGE,
	PC_DIAG_COUNT
} pc_diag_code;

typedef struct pc_message {
	pc_diag_code code;
	pc_severity sev; /* after --strict */
	char *file;      /* relative to the plan folder; may be "" */
	unsigned line, col;
	char *msg;
	size_t seq; /* order of recording, to keep sorting stable */
} pc_message;

typedef struct pc_diags {
	pc_message *items;
	size_t len, cap;
	size_t errors, warnings;
	bool strict; /* warnings count as errors */
} pc_diags;

void pc_diags_init(pc_diags *d, bool strict);
void pc_diags_free(pc_diags *d);
/* Appends from's messages to d in their order (from is left empty): the
 * diagnostics of work done on another thread join the build's after it. */
void pc_diags_move(pc_diags *d, pc_diags *from);

/* Records a message; the variadic arguments fill the catalogue's format. */
void pc_diag(pc_diags *d, pc_diag_code code, const char *file, unsigned line, unsigned col, ...);
pc_severity pc_diag_default_severity(pc_diag_code code);

/* Sorts by file, line and column, keeping recording order for ties, and
 * drops a message that repeats one at the same place. */
void pc_diags_sort(pc_diags *d);
/* Prints every message as FILE:LINE:COL: error|warning: text, then the count. */
void pc_diags_print(const pc_diags *d, FILE *out);
/* What a system error means, in words for an author: Japanese for the
 * errors a plan folder or an output folder meets, strerror() otherwise. */
const char *pc_errno_text(int e);
void pc_diags_print_one(const pc_message *g, FILE *out);

#endif
