/* Loader internals shared by the files of load/. */
#ifndef PC_LOAD_H
#define PC_LOAD_H

#include <stddef.h>

#include "../diag/diag.h"
#include "../util/arena.h"

/*
 * Replaces, in place, the characters that copying from a PDF or a Word file
 * puts into text in place of the ones meant (pasted.c): radicals, no-break
 * and zero-width spaces, half-width katakana. s holds len bytes of valid
 * UTF-8 and room for a NUL; returns the new length (never longer). One
 * warning for the file names what was replaced, at the first place.
 */
size_t pc_replace_pasted(pc_arena *a, const char *file, char *s, size_t len, pc_diags *d);

#endif
