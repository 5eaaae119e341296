/* PDF back end: the printed booklet (docs/pdf.md). */
#ifndef PC_RENDER_PDF_H
#define PC_RENDER_PDF_H

#include <stdbool.h>

#include "../../fonts/fontmap.h"
#include "../../plancc.h"
#include "../../util/output.h"

/*
 * Lays out the resolved plan as an A4 booklet and writes plan.pdf through
 * the output transaction. The tree is not changed (the document is taken
 * non-const only to allocate text in its arena). Missing glyphs are
 * warnings; a libharu failure is an error. Returns false on error.
 */
bool pc_pdf_render(pc_doc *doc, const pc_fontmap *fonts, pc_output *o, pc_diags *d);

/*
 * The glossary appendix alone, as its own PDF written to file (a path
 * under the output): the terms whose selected[term->index] is true, or
 * all when selected is NULL.
 */
bool pc_pdf_render_glossary(pc_doc *doc, const pc_fontmap *fonts, const bool *selected,
                            const char *file, pc_output *o, pc_diags *d);

/* The editions of the booklet pc_pdf_render_editions writes. */
enum {
	PC_PDF_SCREEN = 1 << 0, /* plan.pdf: RGB, links, outline */
	PC_PDF_PRINT = 1 << 1,  /* print/body.pdf and print/cover.pdf: for the printer */
};

/*
 * Lays the booklet out once and writes the editions asked: the screen's
 * plan.pdf and the print edition (docs/pdf.md "印刷版"), which draws the
 * same pages again in CMYK with trim and bleed, and its cover spread.
 */
bool pc_pdf_render_editions(pc_doc *doc, const pc_fontmap *fonts, unsigned editions, pc_output *o,
                            pc_diags *d);

struct pc_report;
/*
 * The yearly progress report of model/grade.h as its own PDF, written to
 * file: a cover, the grading rule and the counts per chapter, then an
 * evaluation sheet per measure, in the booklet's typesetting and fonts.
 * draft prints 「案」 on every page.
 */
bool pc_pdf_render_report(const struct pc_report *r, const pc_fontmap *fonts, bool draft,
                          const char *file, pc_output *o, pc_diags *d);

#endif
