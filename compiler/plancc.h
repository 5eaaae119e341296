/*
 * plancc: the library's public interface. A plan folder goes in; a
 * resolved tree (ast.h) and diagnostics come out; back ends render the
 * tree. The driver (main.c) is the only code that prints or exits.
 */
#ifndef PLANCC_H
#define PLANCC_H

#include <stdbool.h>

#include "ast.h"
#include "diag/diag.h"

/* Limits on input, checked with a diagnostic rather than trusted. */
#define PC_MAX_FILE_BYTES ((size_t)64 * 1024 * 1024) /* per source file */
#define PC_MAX_DEPTH      64                         /* nesting of lists and quotes */
#define PC_MAX_TABLE_COLS 256
#define PC_MAX_TABLE_ROWS 100000
#define PC_MAX_PAGES      10000                 /* of one PDF: a plan is 100–400 pages */
#define PC_MAX_LINE_BYTES ((size_t)1024 * 1024) /* one line: no paragraph is this long */

typedef struct pc_options {
	bool strict; /* warnings count as errors */
	bool draft;  /* force the draft marks whatever the front matter says */
} pc_options;

/*
 * Loads, parses, resolves and presents the plan in dir, and builds its
 * term index (compile.c). Always returns a document (possibly partial) to
 * be freed with pc_doc_free; the diagnostics say whether it may be
 * rendered (no errors).
 */
pc_doc *pc_compile(const char *dir, const pc_options *opt, pc_diags *diags);
/* The same for one chapter held in memory, named name, as if in dir
 * (fuzzing, tests, tools). */
pc_doc *pc_compile_memory(const char *dir, const char *name, const char *data, size_t len,
                          const pc_options *opt, pc_diags *diags);
void pc_doc_free(pc_doc *doc);

/* The pipeline's stages, for tests and tools that need one alone. */
pc_doc *pc_doc_new(const char *dir);
void pc_load(pc_doc *doc, pc_diags *diags); /* load/load.c */
/* Adds a chapter from memory instead of the folder (fuzzing, tools). */
void pc_load_memory(pc_doc *doc, const char *name, const char *data, size_t len, pc_diags *diags);
void pc_parse(pc_doc *doc, pc_diags *diags);   /* parse/parse.c */
void pc_resolve(pc_doc *doc, pc_diags *diags); /* resolve/resolve.c */
/* Decides what every back end prints (resolve/present.c): labels,
 * measures, term marks, reference texts, soft-break spacing, indicator
 * figures. Needs a resolved tree. */
void pc_present(pc_doc *doc);

/* Converts a byte column (1-based, as cmark counts) on a line of a source
 * into a character column. */
unsigned pc_source_col(const pc_source *src, unsigned line, unsigned byte_col);
const pc_source *pc_doc_source(const pc_doc *doc, const char *name);

#endif
