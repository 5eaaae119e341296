/*
 * Font coverage: which characters each face of the font map has a glyph
 * for, read from the TrueType files' cmap tables, and the check that
 * reports, before any PDF is made, the characters of the plan the PDF
 * would print as 〓 (so that `plancc check` reports what `plancc build`
 * reports).
 */
#ifndef PC_COVERAGE_H
#define PC_COVERAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "../ast.h"
#include "../diag/diag.h"
#include "fontmap.h"

typedef struct pc_coverage pc_coverage;

/*
 * Reads the cmap of every face of the map. Returns NULL, with an error
 * recorded (PC_E_FONT), when a file cannot be read as TrueType.
 */
pc_coverage *pc_coverage_load(const pc_fontmap *map, pc_diags *d);
void pc_coverage_free(pc_coverage *c);
/*
 * Whether the face of role prints cp: as the PDF back end measures a
 * glyph (render/pdf/device.c): code points of the Basic Multilingual Plane
 * that the face's Unicode cmap (platform 3, encoding 1, format 4) maps to
 * a glyph other than 0, as libharu looks them up; control characters
 * always; nothing beyond U+FFFF.
 */
bool pc_coverage_has(const pc_coverage *c, pc_font_role role, uint32_t cp);
/*
 * Reports every character of the plan's text that the face it is printed
 * in lacks, with the message, place and stand-in of the PDF build
 * (PC_W_GLYPH_MISSING): the text of headings, paragraphs, lists, table
 * cells, code and the front matter, in the faces the PDF sets them in.
 */
void pc_check_glyphs(const pc_doc *doc, const pc_coverage *c, pc_diags *d);

#endif
