/*
 * Embedded font programs: a TrueType font cut down to the glyphs a
 * document uses, the way libharu embeds one (the same tables: OS/2, cmap,
 * cvt, fpgm, glyf, head, hhea, hmtx, loca, maxp, name, post, prep; the
 * outlines of unused glyphs left empty, so glyph ids do not change), but
 * built from the mapped file with block copies, on any thread. It knows
 * nothing of libharu.
 */
#ifndef PC_PDF_FONTPROG_H
#define PC_PDF_FONTPROG_H

#include <stddef.h>
#include <stdint.h>

/*
 * The program of the TrueType font ttf (len bytes) keeping the outlines of
 * the glyphs whose used[gid] is non-zero (nused entries; a composite
 * glyph's parts must be marked too). Returns it malloc'd (*out_len bytes),
 * or NULL when the file is not a TrueType font this can read safely.
 */
uint8_t *pc_fontprog_subset(const uint8_t *ttf, size_t len, const uint8_t *used, size_t nused,
                            size_t *out_len);

/* The font file at path mapped for the rest of the process (the same
 * mapping for every document and thread that asks), NULL when it cannot
 * be read. */
const uint8_t *pc_fontprog_map(const char *path, size_t *len);

/* The same from a font file; NULL when it cannot be read. */
uint8_t *pc_fontprog_subset_file(const char *path, const uint8_t *used, size_t nused,
                                 size_t *out_len);

#endif
