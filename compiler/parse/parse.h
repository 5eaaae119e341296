/* Parser internals shared by the files of parse/. */
#ifndef PC_PARSE_H
#define PC_PARSE_H

#include <cmark.h>

#include "../plancc.h"
#include "../util/map.h"
#include "readers.h"

/* State of one parse run. */
typedef struct pc_parser {
	pc_doc *doc;
	pc_diags *diags;
	const pc_source *src; /* the file being parsed */
	pc_node *stack[64];   /* open sections by depth: stack[0] is the root */
	int depth;
	bool depth_reported;
} pc_parser;

/* Reads and blanks out the front matter; true when the first file's block
 * was broken (already reported). */
bool pc_front_parse(pc_doc *doc, pc_source *src, bool first, pc_diags *d);

/* The yearly report's front-matter keys (grading.c): city-code and the
 * grading rule, each under its English or Japanese name. True when key is
 * one of them (read, with any error reported at the value); period is
 * read for the plan's term and left to front.c (false). */
bool pc_front_report_key(pc_doc *doc, const pc_source *src, unsigned line, unsigned vcol,
                         const char *key, const char *val, pc_diags *d);
/* The print edition's front-matter keys (print_keys.c): crop-marks,
 * binding, paper-thickness and the colophon's issuer, issued, contact and
 * printer. True when key is one of them (read, with any error reported at
 * the value). */
bool pc_front_print_key(pc_doc *doc, const pc_source *src, unsigned line, unsigned vcol,
                        const char *key, const char *val, pc_diags *d);
/* The name a key is known by, so that its Japanese and English names
 * count as one key for the duplicate check. */
const char *pc_front_key_canonical(const char *key);

/* An evaluation block (evaluation.c): ```evaluation; false for other
 * fenced blocks. Its rows are recorded in doc->evaluations; the block
 * prints nothing in the booklet or the site. */
bool pc_evaluation_parse(pc_parser *p, cmark_node *code);

/* Position of a cmark node in the current file, with a character column. */
pc_pos pc_parser_pos(pc_parser *p, cmark_node *n);
pc_pos pc_parser_at(pc_parser *p, unsigned line, unsigned byte_col);

/* Converts the inlines of a cell's text, parsed by cmark on its own, into
 * children of cell; (line, col) is where the text starts in the file. */
void pc_convert_cell(pc_parser *p, cmark_node *para, pc_node *cell, const char *text, unsigned line,
                     unsigned col);
/* Checks an image's path: inside the plan folder, present, PNG or JPEG. */
void pc_image_check(pc_parser *p, pc_node *img);

/* Builds a PC_TABLE from a fenced block whose info string names a kind. */
pc_node *pc_table_parse(pc_parser *p, cmark_node *code, const char *kind, const char *attrs);
/* Kind of a fenced block's info string: "indicators", "glossary", "table" or NULL;
 * *rest is set to what follows the kind. */
const char *pc_table_kind_of(const char *info, const char **rest);

/* One line of a fenced block's text. */
typedef struct tline {
	const char *s;
	size_t len;
	unsigned lineno; /* in the file */
} tline;

/* The lines of a fenced block's literal, the first being line first of
 * the file (table.c; the evaluation blocks read them too). */
size_t pc_block_lines(pc_arena *a, const char *lit, unsigned first, tline **out);
/* True when the line holds only spaces and TABs. */
bool pc_tline_blank(const tline *l);

/* Reports a year reader's status at pos (table.c). */
void pc_parse_year_report(pc_parser *p, pc_year_status st, pc_year *y, const pc_year_detail *det,
                          pc_pos pos);
/* Builds indicator and glossary records from a table's rows (records.c);
 * rows[0] is the header, col0 the block's column. */
void pc_indicators_read(pc_parser *p, pc_node *table, pc_raw_cell **rows, size_t nrows,
                        const tline *rl);
void pc_glossary_read(pc_parser *p, pc_node *table, pc_raw_cell **rows, size_t nrows,
                      const tline *rl);

/* Checks over the text of the converted tree (lint.c): page numbers typed
 * by hand, annotations broken by a space. */
void pc_lint_text(pc_doc *doc, pc_diags *d);

/* Section headings: number, attributes, roles (heading.c). */
void pc_heading_finish(pc_parser *p, pc_node *section, cmark_node *heading);

#endif
