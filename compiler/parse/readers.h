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
 * A leading number token (docs/format.md §3.1), in the forms
 * plans use:
 * - digits (ASCII or full-width) with hyphens or points between them
 *   (7-1, 5-10-1-33, 1.1; hyphen-like ‐ ‑ – — ― − － ー count as hyphens),
 *   optionally after a short prefix of 1–8 non-digit, non-space,
 *   non-ASCII-punctuation characters (経1-1, 基本目標1), optionally ending
 *   in '.' or ')' (1. , 1) ), followed by a space (ASCII or U+3000);
 * - 第 with digits or kanji numerals and a unit (第1章, 第２節, 第三部), or
 *   without a unit followed by a space (第1 総論);
 * - a number in round brackets: (1), （２）;
 * - one circled or bracketed number: ①..⑳, ⑴..⒇, ⒈..⒛.
 * The last three need no space before the title. Returns the byte length
 * of the token (0 when there is none) and sets *title_off to where the
 * title starts (after the spaces).
 */
size_t pc_heading_number(const char *s, size_t len, size_t *title_off);
/*
 * The id part of a number token (docs/format.md §3.3): its digits joined
 * by hyphens, from the forms above that are nothing but numbering ("第1章"
 * → "1", "（２）" → "2", "1.1" → "1-1", "基本目標3" → "3", "①" → "1",
 * "7－1" → "7-1"). NULL when the number carries other characters that the
 * id would lose (経1-1: a series of its own) or has no digits. In the arena.
 */
const char *pc_number_key(pc_arena *a, const char *number);

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
 * The number of cells a TAB row would have if runs of spaces separated
 * cells too: runs of two or more ASCII spaces or any U+3000, and with
 * single_spaces also single ASCII spaces. Used to tell a row whose cells
 * were joined by spaces (a TAB turned into spaces on the way) from one
 * with omitted cells.
 */
size_t pc_row_count_space_cells(const char *line, size_t len, bool single_spaces);
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
 * 基準値/現在値/現状値/現況値/当初値/基準/現状/baseline, 中間目標値/中間値/
 * 中間目標/中間/midterm, 目標値/最終目標値/目標/最終目標/target, 実績値/実績/
 * 直近値/actual, 単位/unit, 方向/direction, ID/指標ID. PC_FIELD_NONE when
 * unknown. */
pc_field pc_indicator_field(const char *name);
/* Field of a glossary header: 用語/用語名/語句/term, 読み/よみ/よみがな/
 * ふりがな/読み仮名/reading (katakana too), 説明/解説/意味/内容/definition,
 * 別名/略称/aliases. */
pc_field pc_glossary_field(const char *name);

/* ---- Years (docs/format.md §5) ---- */

typedef enum pc_year_status {
	PC_YEAR_OK,
	PC_YEAR_INVALID,      /* not a year at all */
	PC_YEAR_PAST_ERA_END, /* warning: e.g. H34; year = era base + n */
	PC_YEAR_MISMATCH,     /* error: the bracketed Gregorian year disagrees */
} pc_year_status;

typedef struct pc_year_detail {
	const char *era;   /* "平成" etc. (static), NULL for a Gregorian year */
	int era_year;      /* the number after the era (元 = 1) */
	int era_last;      /* last year of that era (平成 31), 0 for 令和 */
	int bracket_year;  /* the Gregorian year written beside the era: in
	                      brackets after it, or before it (2023（R5）); 0 when none */
	int era_gregorian; /* the era's year in the Gregorian calendar, 0 when no era */
} pc_year_detail;

/*
 * Reads a year: an era (明治 M, 大正 T, 昭和 S, 平成 H, 令和 R; kanji, ASCII or
 * full-width letter) with a number or 元, optionally a bracketed Gregorian
 * year ((2017) or （2017）); or a Gregorian year 1800..2200, optionally with
 * its era in brackets (2023（令和5）). Then 年度 (fiscal), 年 (calendar)
 * with an optional month and day (3月, 3月31日), a dotted or slashed month
 * and day (R5.3, R5.3.31, 2023/3/31), or nothing (a bare "2020" or "R5" is
 * a fiscal year, as plans mean 年度 by default); then an optional 末.
 * Spaces are ignored, full-width digits accepted. out->text and
 * out->qualifier are left for the caller to set. On PC_YEAR_MISMATCH
 * out->year is the era's year when the era comes first, else the
 * Gregorian one.
 */
pc_year_status pc_year_parse(const char *s, size_t len, pc_year *out, pc_year_detail *detail);
/*
 * Reads a year with words around it, as headers and cells write it:
 * "R5年度決算", "令和4年3月31日現在", "R2国勢調査", "見込み R6", "（R5.3月末）".
 * The year is found where pc_year_parse reads one (at the first place
 * where a year starts); *core_off and *core_end delimit it. The words
 * before and after are the qualifier (pc_year_qualifier): they may not
 * hold digits, since a second number means the year is not one year
 * ("R3～R5年度"). Returns PC_YEAR_INVALID when no year is found or the
 * words hold digits. A trailing 末 belongs to the qualifier.
 */
pc_year_status pc_year_read(const char *s, size_t len, pc_year *out, pc_year_detail *detail,
                            size_t *core_off, size_t *core_end);
/* The qualifier of a year read by pc_year_read: the text outside
 * [core_off, core_end) without brackets and spaces, the two sides joined
 * by a space; NULL when nothing is left. In the arena. */
const char *pc_year_qualifier(pc_arena *a, const char *s, size_t len, size_t core_off,
                              size_t core_end);
/* True when text that is not a year looks like a date (it has 月 or 日, or
 * digits separated by '.' or '/'), so that advice can name date forms
 * instead of a fiscal year. */
bool pc_year_looks_like_date(const char *s, size_t len);
/* True when s holds an ASCII or full-width digit. */
bool pc_has_digit(const char *s, size_t len);

/* ---- Values (docs/format.md §5) ---- */

typedef enum pc_value_status {
	PC_VALUE_TEXT, /* no number: 「増加」「－」 */
	PC_VALUE_NUMBER,
	PC_VALUE_TOO_LONG, /* more than 15 significant digits: kept as text */
} pc_value_status;

/*
 * Parses a value cell (without any @ year): an optional leading year with
 * a separator ("R3: 12件", "令和3年度 12件"), an optional approximation or
 * bound sign (約, およそ, 概ね, おおむね; ≧ ≥ ≦ ≤), an optional sign (- − －
 * △ ▲ mean negative, + ＋ positive), digits (ASCII or full-width) with
 * optional ',' group separators and one decimal point, an optional
 * multiplier 千 万 億 兆 (applied exactly: 0.6億 = 60000000), then the unit:
 * the text up to a space, a bracket, ※, a range sign or a bound word
 * ("団体", "%", "件/年"; "" when none, NFKC'd). After the unit: a range
 * (～ 〜 ~ and a second number: 80～90%), a bound (以上 以下 未満 超; a
 * trailing ～ is 以上), an approximation (程度 前後 強 弱), bracketed groups
 * that are a year (45%（R5）, with its qualifier) or a note (（速報値）), and
 * any other text, which becomes the note. out->text is set to a copy of
 * the whole trimmed cell; strings are allocated in the arena.
 */
typedef struct pc_value_detail {
	pc_year_status year_status; /* of the year in the cell, when there is one */
	pc_year_detail year_detail;
	size_t year_off, year_len; /* where that year is written in s */
} pc_value_detail;

pc_value_status pc_value_read(pc_arena *a, const char *s, size_t len, pc_value *out,
                              pc_value_detail *detail);
/* pc_value_read without the detail. */
pc_value_status pc_value_parse(pc_arena *a, const char *s, size_t len, pc_value *out);
/* Finds an @ (or ＠) year override in a cell: "93 団体 @ R2年度". Returns
 * true and the offsets (value part trimmed, year part trimmed) when found. */
bool pc_cell_year_split(const char *s, size_t len, size_t *value_len, size_t *year_off,
                        size_t *year_len);
/* 増/増加/up/↑ → UP, 減/減少/down/↓ → DOWN, 維持/現状維持/keep/→ → KEEP,
 * 以上/下限/floor/≧ → FLOOR, 以下/上限/ceiling/≦ → CEILING (trimmed,
 * case-insensitive); PC_DIR_NONE when not recognised or empty. */
pc_direction pc_direction_parse(const char *s, size_t len);

#endif
