/*
 * What a screen reader should hear where the printed sign says little to
 * the ear. Both back ends give such a sign a spoken text: the site as
 * visually hidden words beside the sign (hidden from the ear itself), the
 * tagged PDF as the span's /ActualText.
 */
#ifndef PC_MODEL_SPOKEN_H
#define PC_MODEL_SPOKEN_H

/*
 * A table cell whose whole text is a dash (－ - ‐ ‑ ‒ – — ― − ─ ー, one
 * or more, spaces around allowed) has nothing to show: a screen reader
 * skips the dash or names the symbol (「全角ハイフンマイナス」), so it
 * is read as 「該当なし」. Returns that text for such a cell, else NULL.
 */
const char *pc_spoken_cell(const char *text);

#endif
