/* The font map (fonts/fonts.map): which TrueType file serves each role. */
#ifndef PC_FONTMAP_H
#define PC_FONTMAP_H

#include <stdbool.h>

#include "../diag/diag.h"

typedef enum pc_font_role {
	PC_FONT_BODY,
	PC_FONT_BOLD,
	PC_FONT_HEADING,
	PC_FONT_TABLE,
	/* Optional: the proportional Latin companion of each face above, for
	 * ASCII letters, digits and signs inside its Japanese text (the
	 * Japanese faces have half-width, fixed Latin). A role left out keeps
	 * its own face's Latin. */
	PC_FONT_LATIN, /* of body (Mincho text) */
	PC_FONT_BOLD_LATIN,
	PC_FONT_HEADING_LATIN,
	PC_FONT_TABLE_LATIN,
	PC_FONT_CODE, /* optional: code, with fixed-width Latin (else table) */
	PC_FONT_ROLES
} pc_font_role;

typedef struct pc_fontmap {
	char *path[PC_FONT_ROLES]; /* resolved file paths; NULL when not set */
} pc_fontmap;

/*
 * Reads the map file at path. File names without '/' are looked for in the
 * map's own folder, then in the system font folders. Records diagnostics
 * (with the map's line) for syntax errors, unknown roles and files that
 * cannot be found; returns false when a required role (body, bold,
 * heading, table) has no usable file.
 */
bool pc_fontmap_load(pc_fontmap *m, const char *path, pc_diags *d);
void pc_fontmap_free(pc_fontmap *m);
const char *pc_font_role_name(pc_font_role r);
/* The Latin companion role of a face's role (body → latin, …); the role
 * itself for the Latin roles. */
pc_font_role pc_font_latin_role(pc_font_role r);

#endif
