/*
 * Small readers for the pieces of the format that live inside text:
 * heading numbers and attributes, table rows, header names, era years,
 * indicator values and directions. They are pure functions over a byte
 * range: no diagnostics, no tree; the parser turns their status into
 * messages with positions. Offsets are in bytes from the start of the
 * range given.
 */
#ifndef PC_READERS_H
#define PC_READERS_H

#include <stdbool.h>
#include <stddef.h>

#include "../ast.h"

/* ---- Attributes: {#id .class key=value key="v w"} (docs/format.md §3, §4) ---- */

typedef struct pc_attrs {
	const char *id;       /* from #id (without '#'), NULL when none */
	size_t id_off;        /* byte offset of the '#' in the range */
	const char **classes; /* without '.', in order */
	size_t nclasses;
	pc_attr *kv; /* key=value in order; quotes removed; kv[i].pos.col holds
	                the byte offset of the key in the range (pos.file NULL) */
	size_t nkv;
} pc_attrs;

/*
 * Parses attributes from s[0..len) (the inside of {…}, or what follows the
 * kind in a fenced block's info string). Items are separated by spaces.
 * Returns true on success; on a syntax error (unclosed quote, empty key,
 * '#' or '.' with nothing after it, '=' with no key) returns false, fills
 * what it could, and sets *err to a short Japanese reason (static string)
 * and *err_off to the byte offset of the problem.
 */
bool pc_attrs_parse(pc_arena *a, const char *s, size_t len, pc_attrs *out, const char **err,
                    size_t *err_off);

/*
 * If a heading's text (s, len: everything after the #'s) ends with a {…}
 * block (optionally followed by spaces), returns true and sets *open to
 * the offset of '{' and *close to the offset of the matching final '}'.
 * Braces inside quoted values are allowed: {caption="a}b"}.
 */
bool pc_heading_attr_block(const char *s, size_t len, size_t *open, size_t *close);

/*
 * A leading number token (docs/format.md §3): digits (ASCII or full-width) and
 * hyphens starting with a digit, optionally after a short prefix of 1–3
 * non-digit, non-space, non-ASCII-punctuation characters (経1-1), followed
 * by a space (ASCII or U+3000); or one circled number ①..⑳ followed by an
 * optional space. Returns the byte length of the token (0 when there is
 * none) and sets *title_off to where the title starts (after the spaces).
 * Hyphen-like characters ‐ − － are accepted inside a token.
 */
size_t pc_heading_number(const char *s, size_t len, size_t *title_off);

/* ---- Table rows (docs/format.md §4) ---- */

typedef struct pc_raw_cell {
	const char *text; /* trimmed; for pipe rows with \| a copy with the
	                     backslash removed, otherwise points into the line */
	size_t len;
	size_t off; /* byte offset of the cell's first character in the line */
} pc_raw_cell;

/* True when a header line is to be read as a pipe table (it contains '|'). */
bool pc_row_is_piped(const char *line, size_t len);
/*
 * Splits one row into cells. TAB form: cells separated by TAB, each
 * trimmed of ASCII and U+3000 spaces. Pipe form: an optional leading and
 * trailing '|', cells separated by '|' not preceded by a backslash, `\|`
 * becomes '|', cells trimmed. Returns the number of cells; *cells is
 * allocated in the arena. An empty line has zero cells.
 */
size_t pc_row_split(pc_arena *a, const char *line, size_t len, bool piped, pc_raw_cell **cells);
/* True for a pipe table's separator row: |---|:--:|--- (colons allowed). */
bool pc_row_is_separator(const char *line, size_t len);

/* ---- Header names (docs/format.md §5, §6) ---- */

/*
 * Splits a header such as "現在値 (H29年度)" or "目標値〔平成29(2017)年度〕"
 * into the name and the text inside the first bracket pair of (), （）,
 * 〔〕 or [] (the matching closing bracket of the same kind, the last one
 * when nested). Returns true when there is a bracket; *name_len is the
 * length of the name with trailing spaces removed.
 */
bool pc_header_split(const char *s, size_t len, size_t *name_len, size_t *year_off,
                     size_t *year_len);
/* Field of an indicators header name (NFKC'd, spaces removed, English case-
 * insensitive): 指標名/指標/name, 把握方法/指標の説明/指標の定義/説明/method,
 * 基準値/現在値/現状値/baseline, 中間目標値/中間値/midterm, 目標値/最終目標値/target,
 * 実績値/実績/actual, 単位/unit, 方向/direction, ID/指標ID. PC_FIELD_NONE when
 * unknown. */
pc_field pc_indicator_field(const char *name);
/* Field of a glossary header: 用語/term, 読み/よみ/reading,
 * 説明/解説/意味/definition, 別名/略称/aliases. */
pc_field pc_glossary_field(const char *name);

/* ---- Years (docs/format.md §5) ---- */

typedef enum pc_year_status {
	PC_YEAR_OK,
	PC_YEAR_INVALID,      /* not a year at all */
	PC_YEAR_PAST_ERA_END, /* warning: e.g. H34; year = era base + n */
	PC_YEAR_MISMATCH,     /* error: the bracketed Gregorian year disagrees */
} pc_year_status;

typedef struct pc_year_detail {
	const char *era;  /* "平成" etc. (static), NULL for a Gregorian year */
	int era_year;     /* the number after the era (元 = 1) */
	int era_last;     /* last year of that era (平成 31), 0 for 令和 */
	int bracket_year; /* the Gregorian year in brackets, 0 when none */
} pc_year_detail;

/*
 * Reads a year: an era (明治 M, 大正 T, 昭和 S, 平成 H, 令和 R; kanji, ASCII or
 * full-width letter) with a number or 元, optionally a bracketed Gregorian
 * year ((2017) or （2017）), then 年度 (fiscal) or 年 (calendar) with an
 * optional month (3月, 3月末); or a plain Gregorian year 1800..2200 with
 * the same suffixes or none (a bare "2020" is a fiscal year, as plans mean
 * 年度 by default). Spaces are ignored, full-width digits accepted.
 * out->text is left for the caller to set. On PC_YEAR_MISMATCH out->year
 * is the era's year.
 */
pc_year_status pc_year_parse(const char *s, size_t len, pc_year *out, pc_year_detail *detail);

/* ---- Values (docs/format.md §5) ---- */

typedef enum pc_value_status {
	PC_VALUE_TEXT, /* no number: 「増加」「－」 */
	PC_VALUE_NUMBER,
	PC_VALUE_TOO_LONG, /* more than 15 significant digits: kept as text */
} pc_value_status;

/*
 * Parses a value cell (without any @ year): an optional sign (- − △ ▲ mean
 * negative, + positive), digits (ASCII or full-width) with optional ','
 * group separators and one decimal point, an optional multiplier 千 万 億 兆
 * (applied exactly: 0.6億 = 60000000), then the unit: the rest trimmed
 * ("団体", "%", "件/年"; "" when none). out->text is set to a copy of
 * the whole trimmed cell; out->unit is allocated in the arena.
 */
pc_value_status pc_value_parse(pc_arena *a, const char *s, size_t len, pc_value *out);
/* Finds an @ (or ＠) year override in a cell: "93 団体 @ R2年度". Returns
 * true and the offsets (value part trimmed, year part trimmed) when found. */
bool pc_cell_year_split(const char *s, size_t len, size_t *value_len, size_t *year_off,
                        size_t *year_len);
/* 増/増加/up/↑ → UP, 減/減少/down/↓ → DOWN, 維持/keep/→ → KEEP (trimmed,
 * case-insensitive); PC_DIR_NONE when not recognised or empty. */
pc_direction pc_direction_parse(const char *s, size_t len);

#endif
