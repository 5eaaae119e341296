/*
 * Unit tests of the small readers (parse/readers.h): attributes, heading
 * numbers, table rows, header names, era years, values, cell years and
 * directions, each with the examples of docs/format.md §3–§6 and the edge cases
 * the parser relies on. The last suite feeds every reader invalid UTF-8,
 * exact-size buffers (so a sanitizer build catches a read past the range)
 * and megabyte inputs that would expose quadratic scans.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/readers.h"
#include "util/arena.h"
#include "util/unicode.h"

static pc_arena *A;

static void setup(void)
{
	A = pc_arena_new();
}

static void teardown(void)
{
	pc_arena_free(A);
	A = NULL;
	pc_unicode_cleanup();
}

TestSuite(attrs, .init = setup, .fini = teardown);
TestSuite(attr_block);
TestSuite(heading_number, .init = setup, .fini = teardown);
TestSuite(rows, .init = setup, .fini = teardown);
TestSuite(header);
TestSuite(fields);
TestSuite(year);
TestSuite(year_read, .init = setup, .fini = teardown);
TestSuite(value, .init = setup, .fini = teardown);
TestSuite(cell_year);
TestSuite(direction);
TestSuite(robust, .init = setup, .fini = teardown, .timeout = 60);

/* Byte offset of needle in s (the test's own way of naming positions). */
static size_t off_of(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);
	cr_assert_not_null(p, "%s not in %s", needle, s);
	return (size_t)(p - s);
}

static bool span_is(const char *s, size_t len, const char *want)
{
	return len == strlen(want) && !memcmp(s, want, len);
}

/* ---- Attributes ---- */

static bool attrs(const char *s, pc_attrs *at, const char **err, size_t *err_off)
{
	*err = NULL;
	*err_off = 12345;
	return pc_attrs_parse(A, s, strlen(s), at, err, err_off);
}

Test(attrs, id_and_list_value)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs("#trust sdgs=15,16,17", &at, &err, &eo));
	cr_assert_null(err);
	cr_assert_str_eq(at.id, "trust");
	cr_assert_eq(at.id_off, 0);
	cr_assert_eq(at.nclasses, 0);
	cr_assert_eq(at.nkv, 1);
	cr_assert_str_eq(at.kv[0].key, "sdgs");
	cr_assert_str_eq(at.kv[0].value, "15,16,17");
	cr_assert_eq(at.kv[0].pos.col, 7);
	cr_assert_null(at.kv[0].pos.file);
}

Test(attrs, classes_in_order)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs(".vision", &at, &err, &eo));
	cr_assert_eq(at.nclasses, 1);
	cr_assert_str_eq(at.classes[0], "vision");
	cr_assert_null(at.id);

	cr_assert(attrs(".a  #x .b .c", &at, &err, &eo));
	cr_assert_eq(at.nclasses, 3);
	cr_assert_str_eq(at.classes[0], "a");
	cr_assert_str_eq(at.classes[1], "b");
	cr_assert_str_eq(at.classes[2], "c");
	cr_assert_str_eq(at.id, "x");
	cr_assert_eq(at.id_off, 4);
}

Test(attrs, many_items_grow)
{
	char buf[4096] = "";
	for (int i = 0; i < 100; i++) {
		char item[48];
		snprintf(item, sizeof item, "k%d=v%d .c%d ", i, i, i);
		strcat(buf, item);
	}
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs(buf, &at, &err, &eo));
	cr_assert_eq(at.nkv, 100);
	cr_assert_eq(at.nclasses, 100);
	cr_assert_str_eq(at.kv[99].key, "k99");
	cr_assert_str_eq(at.kv[99].value, "v99");
	cr_assert_str_eq(at.classes[57], "c57");
	cr_assert_eq(at.kv[1].pos.col, off_of(buf, "k1="));
}

Test(attrs, quoted_value)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs("key=\"value with spaces\"", &at, &err, &eo));
	cr_assert_eq(at.nkv, 1);
	cr_assert_str_eq(at.kv[0].key, "key");
	cr_assert_str_eq(at.kv[0].value, "value with spaces");
}

Test(attrs, caption_and_id)
{
	const char *s = "caption=\"基準値／令和2年度実績値\" id=kpi1";
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs(s, &at, &err, &eo));
	cr_assert_eq(at.nkv, 2);
	cr_assert_str_eq(at.kv[0].key, "caption");
	cr_assert_str_eq(at.kv[0].value, "基準値／令和2年度実績値");
	cr_assert_eq(at.kv[0].pos.col, 0);
	cr_assert_str_eq(at.kv[1].key, "id");
	cr_assert_str_eq(at.kv[1].value, "kpi1");
	cr_assert_eq(at.kv[1].pos.col, off_of(s, "id="));
	cr_assert_null(at.id, "id= is a key, not #id");
}

Test(attrs, braces_and_spaces_inside_quotes)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs("caption=\"a}b {c}\" no=第1節", &at, &err, &eo));
	cr_assert_eq(at.nkv, 2);
	cr_assert_str_eq(at.kv[0].value, "a}b {c}");
	cr_assert_str_eq(at.kv[1].value, "第1節");
}

Test(attrs, info_string_rest_with_leading_space)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs(" \tcaption=x\tid=t ", &at, &err, &eo));
	cr_assert_eq(at.nkv, 2);
	cr_assert_str_eq(at.kv[0].value, "x");
	cr_assert_eq(at.kv[0].pos.col, 2);
	cr_assert_str_eq(at.kv[1].value, "t");
}

Test(attrs, ideographic_space_separates)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs("#a　label=施策", &at, &err, &eo));
	cr_assert_str_eq(at.id, "a");
	cr_assert_eq(at.nkv, 1);
	cr_assert_str_eq(at.kv[0].key, "label");
	cr_assert_str_eq(at.kv[0].value, "施策");
	cr_assert_eq(at.kv[0].pos.col, 5);
}

Test(attrs, empty_and_blank)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs("", &at, &err, &eo));
	cr_assert_null(at.id);
	cr_assert_eq(at.nkv + at.nclasses, 0);
	cr_assert(attrs("   \t ", &at, &err, &eo));
	cr_assert_eq(at.nkv + at.nclasses, 0);
	cr_assert_null(err);
}

Test(attrs, bare_word_and_empty_value)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs("flag key= q=\"\"", &at, &err, &eo));
	cr_assert_eq(at.nkv, 3);
	cr_assert_str_eq(at.kv[0].key, "flag");
	cr_assert_str_eq(at.kv[0].value, "");
	cr_assert_str_eq(at.kv[1].key, "key");
	cr_assert_str_eq(at.kv[1].value, "");
	cr_assert_str_eq(at.kv[2].value, "");
}

Test(attrs, later_id_wins)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert(attrs("#a #b", &at, &err, &eo));
	cr_assert_str_eq(at.id, "b");
	cr_assert_eq(at.id_off, 3);
}

Test(attrs, unclosed_quote)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert_not(attrs("key=\"unclosed", &at, &err, &eo));
	cr_assert_not_null(err);
	cr_assert_eq(eo, 4, "at the quote, got %zu", eo);
	cr_assert_eq(at.nkv, 0);
}

Test(attrs, hash_or_dot_alone)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert_not(attrs("#", &at, &err, &eo));
	cr_assert_not_null(err);
	cr_assert_eq(eo, 0);
	cr_assert_null(at.id);

	cr_assert_not(attrs("a=1 .", &at, &err, &eo));
	cr_assert_not_null(err);
	cr_assert_eq(eo, 4);
	cr_assert_eq(at.nkv, 1, "what came before is kept");
	cr_assert_str_eq(at.kv[0].value, "1");

	cr_assert_not(attrs("# .c", &at, &err, &eo));
	cr_assert_eq(at.nclasses, 1, "reading goes on after the error");
}

Test(attrs, equals_without_key)
{
	pc_attrs at;
	const char *err;
	size_t eo;
	cr_assert_not(attrs("=x", &at, &err, &eo));
	cr_assert_not_null(err);
	cr_assert_eq(eo, 0);
	cr_assert_eq(at.nkv, 0);

	/* The bad item's quoted value is skipped whole. */
	cr_assert_not(attrs("a=b =\"x y\" c=d", &at, &err, &eo));
	cr_assert_eq(eo, 4);
	cr_assert_eq(at.nkv, 2);
	cr_assert_str_eq(at.kv[1].key, "c");
	cr_assert_str_eq(at.kv[1].value, "d");
}

Test(attrs, first_error_is_reported)
{
	pc_attrs at;
	const char *err, *first;
	size_t eo;
	cr_assert_not(attrs("# =x", &at, &err, &eo));
	first = err;
	cr_assert_eq(eo, 0);
	cr_assert_not(attrs("=x #", &at, &err, &eo));
	cr_assert_eq(eo, 0);
	cr_assert_neq(first, err, "the reasons differ");
}

Test(attrs, null_error_pointers)
{
	pc_attrs at;
	cr_assert_not(pc_attrs_parse(A, "#", 1, &at, NULL, NULL));
}

/* ---- Heading attribute block ---- */

static bool block(const char *s, size_t *open, size_t *close)
{
	*open = *close = 9999;
	return pc_heading_attr_block(s, strlen(s), open, close);
}

Test(attr_block, at_the_end)
{
	const char *s = "7-2 信頼される行財政運営 {#trust sdgs=15,16,17}";
	size_t o, c;
	cr_assert(block(s, &o, &c));
	cr_assert_eq(o, off_of(s, "{"));
	cr_assert_eq(c, strlen(s) - 1);
}

Test(attr_block, trailing_spaces)
{
	const char *s = "title {#a}  \t";
	size_t o, c;
	cr_assert(block(s, &o, &c));
	cr_assert_eq(o, 6);
	cr_assert_eq(c, 9);
	const char *w = "見出し {#a}　";
	cr_assert(block(w, &o, &c));
	cr_assert_eq(c, off_of(w, "}"));
}

Test(attr_block, braces_in_quotes)
{
	size_t o, c;
	cr_assert(block("t {caption=\"a}b\"}", &o, &c));
	cr_assert_eq(o, 2);
	cr_assert_eq(c, 16);
	cr_assert(block("t {caption=\"a{b\"}", &o, &c));
	cr_assert_eq(o, 2);
}

Test(attr_block, only_the_last_block)
{
	const char *s = "a {\"b} c {#id}";
	size_t o, c;
	cr_assert(block(s, &o, &c));
	cr_assert_eq(o, off_of(s, "{#"));
	cr_assert(block("{#only}", &o, &c));
	cr_assert_eq(o, 0);
	cr_assert_eq(c, 6);
}

Test(attr_block, none)
{
	size_t o, c;
	cr_assert_not(block("title", &o, &c));
	cr_assert_not(block("title {a} more", &o, &c));
	cr_assert_not(block("", &o, &c));
	cr_assert_not(block("}", &o, &c));
	cr_assert_not(block("   ", &o, &c));
	cr_assert_not(block("{a}b}", &o, &c));
	cr_assert_not(block("x } y \"}", &o, &c));
}

Test(attr_block, unclosed_quote_still_found)
{
	/* So that the attribute reader can report the quote. */
	size_t o, c;
	cr_assert(block("t {key=\"a}", &o, &c));
	cr_assert_eq(o, 2);
	cr_assert_eq(c, 9);
}

/* ---- Heading numbers ---- */

static size_t number(const char *s, size_t *title)
{
	*title = 9999;
	return pc_heading_number(s, strlen(s), title);
}

#define NUMBER_IS(s, tok, title)                                                                   \
	do {                                                                                       \
		size_t t_;                                                                         \
		size_t n_ = number(s, &t_);                                                        \
		cr_assert_eq(n_, strlen(tok), "%s: token length %zu", s, n_);                      \
		cr_assert(!memcmp(s, tok, n_), "%s", s);                                           \
		cr_assert_eq(t_, off_of(s, title), "%s: title at %zu", s, t_);                     \
	} while (0)

#define NO_NUMBER(s)                                                                               \
	do {                                                                                       \
		size_t t_;                                                                         \
		cr_assert_eq(number(s, &t_), 0, "%s has no number", s);                            \
	} while (0)

Test(heading_number, ascii)
{
	NUMBER_IS("7-1 みんなが主役のまちづくり", "7-1", "みんな");
	NUMBER_IS("7 章なし", "7", "章");
	NUMBER_IS("5-10-1-33 x", "5-10-1-33", "x");
	NUMBER_IS("7   x", "7", "x");
	NUMBER_IS("7\tx", "7", "x");
}

Test(heading_number, ideographic_space)
{
	NUMBER_IS("7-1　みんな", "7-1", "みんな");
	NUMBER_IS("7-1 　 みんな", "7-1", "みんな");
}

Test(heading_number, full_width)
{
	NUMBER_IS("５－１ 福祉", "５－１", "福祉");
	NUMBER_IS("7‐1 x", "7‐1", "x");
	NUMBER_IS("7−1 x", "7−1", "x");
	NUMBER_IS("１２ x", "１２", "x");
}

Test(heading_number, prefix)
{
	NUMBER_IS("経1-1 行財政改革", "経1-1", "行財政改革");
	NUMBER_IS("第1 総論", "第1", "総論");
	NUMBER_IS("施策1 x", "施策1", "x");
	NUMBER_IS("No1 x", "No1", "x");
	/* Plans number their goals 基本目標1 (up to 8 characters of prefix). */
	NUMBER_IS("基本目標1 x", "基本目標1", "x");
	NUMBER_IS("重点プロジェクト2　x", "重点プロジェクト2", "x");
	NO_NUMBER("かなりながいまえおき1 x"); /* more than 8: a title */
	NO_NUMBER("-1 x");
	NO_NUMBER("経 1 x");
}

/* The numbering of Japanese plans (issue: real plans read right). */
Test(heading_number, plan_forms)
{
	NUMBER_IS("第1章 総論", "第1章", "総論");
	NUMBER_IS("第１章　総論", "第１章", "総論");
	NUMBER_IS("第1章総論", "第1章", "総論");
	NUMBER_IS("第三節 x", "第三節", "x");
	NUMBER_IS("第十二章 x", "第十二章", "x");
	NUMBER_IS("第2部 x", "第2部", "x");
	NUMBER_IS("(1) x", "(1)", "x");
	NUMBER_IS("（２）x", "（２）", "x");
	NUMBER_IS("（10）　x", "（10）", "x");
	NUMBER_IS("⑴ x", "⑴", "x");
	NUMBER_IS("⒉x", "⒉", "x");
	NUMBER_IS("1.1 x", "1.1", "x");
	NUMBER_IS("１．２ x", "１．２", "x");
	NUMBER_IS("1. はじめに", "1.", "はじめに");
	NUMBER_IS("1) 趣旨", "1)", "趣旨");
	NUMBER_IS("1ー1 x", "1ー1", "x");
	NUMBER_IS("1―1 x", "1―1", "x");
	NUMBER_IS("1–1 x", "1–1", "x");
	NUMBER_IS("1‐1 x", "1‐1", "x");
	NO_NUMBER("1.5倍の x");
	NO_NUMBER("(仮称) x");
	NO_NUMBER("()x");
	NO_NUMBER("第 x");
	NO_NUMBER("第一歩を x");
}

static const char *key(const char *number)
{
	return pc_number_key(A, number);
}

Test(heading_number, keys)
{
	cr_assert_str_eq(key("7-1"), "7-1");
	cr_assert_str_eq(key("７－１"), "7-1");
	cr_assert_str_eq(key("①"), "1");
	cr_assert_str_eq(key("⑫"), "12");
	cr_assert_str_eq(key("⑵"), "2");
	cr_assert_str_eq(key("第1章"), "1");
	cr_assert_str_eq(key("第２節"), "2");
	cr_assert_str_eq(key("第三部"), "3");
	cr_assert_str_eq(key("第十二章"), "12");
	cr_assert_str_eq(key("第二十三条"), "23");
	cr_assert_str_eq(key("第1"), "1");
	cr_assert_str_eq(key("(1)"), "1");
	cr_assert_str_eq(key("（２）"), "2");
	cr_assert_str_eq(key("基本目標3"), "3");
	cr_assert_str_eq(key("施策2-1"), "2-1");
	cr_assert_str_eq(key("1.1"), "1-1");
	cr_assert_str_eq(key("1ー2"), "1-2");
	cr_assert_str_eq(key("1."), "1");
	cr_assert_str_eq(key("1)"), "1");
	cr_assert_null(key("経1-1"), "a series of its own");
	cr_assert_null(key("No1"));
	cr_assert_null(key("経営方針1"));
	cr_assert_null(key("第"));
	cr_assert_null(key(""));
	cr_assert_null(key(NULL));
	cr_assert_null(key("1.1.x"));
}

Test(heading_number, circled)
{
	NUMBER_IS("① 地域包括ケア", "①", "地域包括ケア");
	NUMBER_IS("①地域包括ケア", "①", "地域包括ケア");
	NUMBER_IS("⑳　x", "⑳", "x");
	size_t t;
	cr_assert_eq(number("①", &t), 3);
	cr_assert_eq(t, 3);
	NO_NUMBER("㉑ x");
}

Test(heading_number, not_numbers)
{
	NO_NUMBER("はじめに");
	NO_NUMBER("2030年の姿");
	NO_NUMBER("SDGs の推進");
	NO_NUMBER("");
	NO_NUMBER("7");
	NO_NUMBER("7-1");
	NO_NUMBER("7- x");
	NO_NUMBER("7-a x");
	NO_NUMBER("7--1 x");
	NO_NUMBER(" 7 x");
}

Test(heading_number, range_is_respected)
{
	/* The space after the token lies outside the range. */
	size_t t;
	cr_assert_eq(pc_heading_number("7-1 x", 3, &t), 0);
	cr_assert_eq(pc_heading_number("7-1 x", 4, &t), 3);
	cr_assert_eq(t, 4);
	cr_assert_eq(pc_heading_number("①", 2, &t), 0, "a truncated ① is no number");
}

Test(heading_number, invalid_utf8)
{
	NO_NUMBER("\xff"
	          "1 x");
	NO_NUMBER("7-1\xe3\x80");
	NO_NUMBER("\xe2\x91");
	NUMBER_IS("7 \xff", "7", "\xff");
}

/* ---- Table rows ---- */

static bool cell_is(const pc_raw_cell *c, const char *text, size_t off)
{
	return span_is(c->text, c->len, text) && c->off == off;
}

Test(rows, piped_detection)
{
	cr_assert(pc_row_is_piped("a|b", 3));
	cr_assert(pc_row_is_piped("| a |", 5));
	cr_assert_not(pc_row_is_piped("a\tb", 3));
	cr_assert_not(pc_row_is_piped("", 0));
	cr_assert_not(pc_row_is_piped("a|b", 1));
}

Test(rows, tab_empty_cells_kept)
{
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, "a\t\tc", 4, false, &c), 3);
	cr_assert(cell_is(&c[0], "a", 0));
	cr_assert(cell_is(&c[1], "", 2));
	cr_assert(cell_is(&c[2], "c", 3));
}

Test(rows, tab_trimming_and_offsets)
{
	const char *l = " a \t　b　\t c ";
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, l, strlen(l), false, &c), 3);
	cr_assert(cell_is(&c[0], "a", 1));
	cr_assert(cell_is(&c[1], "b", off_of(l, "b")));
	cr_assert(cell_is(&c[2], "c", off_of(l, "c")));
	cr_assert_eq(c[0].text, l + 1, "TAB cells point into the line");
}

Test(rows, tab_header)
{
	const char *l = "指標名\t把握方法\t現在値 (H29年度)\t"
	                "中間目標値 (R4年度)\t最終目標値 (R8年度)";
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, l, strlen(l), false, &c), 5);
	cr_assert(cell_is(&c[2], "現在値 (H29年度)", off_of(l, "現在値")));
	cr_assert(cell_is(&c[4], "最終目標値 (R8年度)", off_of(l, "最終")));
}

Test(rows, tab_edge_lines)
{
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, "", 0, false, &c), 0);
	cr_assert_eq(pc_row_split(A, "   ", 3, false, &c), 0);
	cr_assert_eq(pc_row_split(A, "　", 3, false, &c), 0);
	cr_assert_eq(pc_row_split(A, "\t", 1, false, &c), 2);
	cr_assert(cell_is(&c[0], "", 0));
	cr_assert(cell_is(&c[1], "", 1));
	cr_assert_eq(pc_row_split(A, "a|b", 3, false, &c), 1, "| is text in TAB form");
	cr_assert_eq(pc_row_split(A, "a\t", 2, false, &c), 2);
}

Test(rows, pipe_escaped)
{
	const char *l = "| a | b \\| c |";
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, l, strlen(l), true, &c), 2);
	cr_assert(cell_is(&c[0], "a", 2));
	cr_assert(cell_is(&c[1], "b | c", 6), "got '%.*s' at %zu", (int)c[1].len, c[1].text,
	          c[1].off);
	cr_assert_eq(c[1].text[c[1].len], '\0', "the copy is NUL-terminated");
}

Test(rows, pipe_forms)
{
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, "a|b", 3, true, &c), 2);
	cr_assert(cell_is(&c[0], "a", 0));
	cr_assert(cell_is(&c[1], "b", 2));
	cr_assert_eq(pc_row_split(A, "|a|", 3, true, &c), 1);
	cr_assert(cell_is(&c[0], "a", 1));
	cr_assert_eq(pc_row_split(A, "  | a |  ", 9, true, &c), 1);
	cr_assert(cell_is(&c[0], "a", 4));
	cr_assert_eq(pc_row_split(A, "| | |", 5, true, &c), 2);
	cr_assert_eq(c[0].len + c[1].len, 0);
	cr_assert_eq(pc_row_split(A, "|a||b|", 6, true, &c), 3);
	cr_assert(cell_is(&c[1], "", 3));
	cr_assert_eq(pc_row_split(A, "", 0, true, &c), 0);
	cr_assert_eq(pc_row_split(A, " \t　", 5, true, &c), 0);
}

Test(rows, pipe_trailing_escaped_pipe_is_text)
{
	const char *l = "| a \\|";
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, l, strlen(l), true, &c), 1);
	cr_assert(cell_is(&c[0], "a |", 2));
}

Test(rows, pipe_multibyte_offsets)
{
	const char *l = "| 指標名 | 単位 |";
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, l, strlen(l), true, &c), 2);
	cr_assert(cell_is(&c[0], "指標名", 2));
	cr_assert(cell_is(&c[1], "単位", 14));
	cr_assert_eq(c[1].text, l + 14, "no copy without \\|");
}

Test(rows, pipe_backslash_kept_elsewhere)
{
	const char *l = "a \\* b | c\\|";
	pc_raw_cell *c;
	cr_assert_eq(pc_row_split(A, l, strlen(l), true, &c), 2);
	cr_assert(cell_is(&c[0], "a \\* b", 0));
	cr_assert(cell_is(&c[1], "c|", off_of(l, "c")));
}

Test(rows, separator)
{
#define SEP(s) pc_row_is_separator(s, strlen(s))
	cr_assert(SEP("|---|:---:|"));
	cr_assert(SEP("---|---"));
	cr_assert(SEP("| :-- | --: | - |"));
	cr_assert(SEP("---"));
	cr_assert_not(SEP("| a | b |"));
	cr_assert_not(SEP(""));
	cr_assert_not(SEP("|"));
	cr_assert_not(SEP("|:|"));
	cr_assert_not(SEP("|---||"));
	cr_assert_not(SEP("|-- -|"));
	cr_assert_not(SEP("|---|x--|"));
	cr_assert_not(SEP("|::-|"));
#undef SEP
}

/* ---- Header names ---- */

#define HEADER_IS(s, name, year)                                                                   \
	do {                                                                                       \
		size_t nl_, yo_, yl_;                                                              \
		cr_assert(pc_header_split(s, strlen(s), &nl_, &yo_, &yl_), "%s", s);               \
		cr_assert(span_is(s, nl_, name), "%s: name %.*s", s, (int)nl_, s);                 \
		cr_assert(span_is(s + yo_, yl_, year), "%s: year %.*s", s, (int)yl_, s + yo_);     \
	} while (0)

Test(header, brackets)
{
	HEADER_IS("現在値 (H29年度)", "現在値", "H29年度");
	HEADER_IS("目標値〔平成29(2017)年度〕", "目標値", "平成29(2017)年度");
	HEADER_IS("基準値 (2020)", "基準値", "2020");
	HEADER_IS("現状値（令和2年度）", "現状値", "令和2年度");
	HEADER_IS("中間目標値 [R4年度]", "中間目標値", "R4年度");
	HEADER_IS("現在値 (H29年3月末)", "現在値", "H29年3月末");
	HEADER_IS("最終目標値　（R8年度）", "最終目標値", "R8年度");
}

Test(header, nesting)
{
	HEADER_IS("現在値 (平成29(2017)年度)", "現在値", "平成29(2017)年度");
	HEADER_IS("現在値（平成29(2017)年度）", "現在値", "平成29(2017)年度");
	HEADER_IS("現在値 ( H29年度 ) 実績", "現在値", "H29年度");
	HEADER_IS("(H29年度)", "", "H29年度");
	HEADER_IS("現在値 ()", "現在値", "");
}

Test(header, no_bracket)
{
	size_t nl, yo, yl;
	cr_assert_not(pc_header_split("指標名", 9, &nl, &yo, &yl));
	cr_assert_eq(nl, 9);
	cr_assert_eq(yl, 0);
	cr_assert_not(pc_header_split("指標名 　", 13, &nl, &yo, &yl));
	cr_assert_eq(nl, 9);
	const char *u = "現在値 (H29年度";
	cr_assert_not(pc_header_split(u, strlen(u), &nl, &yo, &yl), "unclosed");
	cr_assert_eq(nl, strlen(u));
	cr_assert_not(pc_header_split("", 0, &nl, &yo, &yl));
	cr_assert_eq(nl, 0);
	cr_assert_not(pc_header_split("a (b]", 5, &nl, &yo, &yl), "kinds must match");
}

/* ---- Fields ---- */

Test(fields, indicators)
{
	cr_assert_eq(pc_indicator_field("最終目標値"), PC_FIELD_TARGET);
	cr_assert_eq(pc_indicator_field("目標値"), PC_FIELD_TARGET);
	cr_assert_eq(pc_indicator_field("target"), PC_FIELD_TARGET);
	cr_assert_eq(pc_indicator_field("中間目標値"), PC_FIELD_MIDTERM);
	cr_assert_eq(pc_indicator_field("中間値"), PC_FIELD_MIDTERM);
	cr_assert_eq(pc_indicator_field("Name"), PC_FIELD_NAME);
	cr_assert_eq(pc_indicator_field("指標名"), PC_FIELD_NAME);
	cr_assert_eq(pc_indicator_field("指標"), PC_FIELD_NAME);
	cr_assert_eq(pc_indicator_field("実績値"), PC_FIELD_ACTUAL);
	cr_assert_eq(pc_indicator_field("実績"), PC_FIELD_ACTUAL);
	cr_assert_eq(pc_indicator_field("把握方法"), PC_FIELD_METHOD);
	cr_assert_eq(pc_indicator_field("指標の説明"), PC_FIELD_METHOD);
	cr_assert_eq(pc_indicator_field("指標の定義"), PC_FIELD_METHOD);
	cr_assert_eq(pc_indicator_field("説明"), PC_FIELD_METHOD);
	cr_assert_eq(pc_indicator_field("METHOD"), PC_FIELD_METHOD);
	cr_assert_eq(pc_indicator_field("基準値"), PC_FIELD_BASELINE);
	cr_assert_eq(pc_indicator_field("現在値"), PC_FIELD_BASELINE);
	cr_assert_eq(pc_indicator_field("現状値"), PC_FIELD_BASELINE);
	cr_assert_eq(pc_indicator_field("Baseline"), PC_FIELD_BASELINE);
	cr_assert_eq(pc_indicator_field("単位"), PC_FIELD_UNIT);
	cr_assert_eq(pc_indicator_field("unit"), PC_FIELD_UNIT);
	cr_assert_eq(pc_indicator_field("方向"), PC_FIELD_DIRECTION);
	cr_assert_eq(pc_indicator_field("direction"), PC_FIELD_DIRECTION);
	cr_assert_eq(pc_indicator_field("midterm"), PC_FIELD_MIDTERM);
	cr_assert_eq(pc_indicator_field("actual"), PC_FIELD_ACTUAL);
}

Test(fields, indicators_unknown_and_spacing)
{
	cr_assert_eq(pc_indicator_field("foo"), PC_FIELD_NONE);
	cr_assert_eq(pc_indicator_field(""), PC_FIELD_NONE);
	cr_assert_eq(pc_indicator_field(NULL), PC_FIELD_NONE);
	cr_assert_eq(pc_indicator_field("目標x"), PC_FIELD_NONE);
	cr_assert_eq(pc_indicator_field("目標値x"), PC_FIELD_NONE);
	cr_assert_eq(pc_indicator_field("用語"), PC_FIELD_NONE);
	cr_assert_eq(pc_indicator_field("最終 目標値"), PC_FIELD_TARGET);
	cr_assert_eq(pc_indicator_field("目標"), PC_FIELD_TARGET);
	cr_assert_eq(pc_indicator_field("現状"), PC_FIELD_BASELINE);
	cr_assert_eq(pc_indicator_field("中間目標"), PC_FIELD_MIDTERM);
	cr_assert_eq(pc_indicator_field(" 指標名　"), PC_FIELD_NAME);
}

Test(fields, glossary)
{
	cr_assert_eq(pc_glossary_field("用語"), PC_FIELD_TERM);
	cr_assert_eq(pc_glossary_field("Term"), PC_FIELD_TERM);
	cr_assert_eq(pc_glossary_field("よみ"), PC_FIELD_READING);
	cr_assert_eq(pc_glossary_field("読み"), PC_FIELD_READING);
	cr_assert_eq(pc_glossary_field("reading"), PC_FIELD_READING);
	cr_assert_eq(pc_glossary_field("説明"), PC_FIELD_DEFINITION);
	cr_assert_eq(pc_glossary_field("解説"), PC_FIELD_DEFINITION);
	cr_assert_eq(pc_glossary_field("意味"), PC_FIELD_DEFINITION);
	cr_assert_eq(pc_glossary_field("definition"), PC_FIELD_DEFINITION);
	cr_assert_eq(pc_glossary_field("略称"), PC_FIELD_ALIASES);
	cr_assert_eq(pc_glossary_field("別名"), PC_FIELD_ALIASES);
	cr_assert_eq(pc_glossary_field("Aliases"), PC_FIELD_ALIASES);
	cr_assert_eq(pc_glossary_field("よみがな"), PC_FIELD_READING);
	cr_assert_eq(pc_glossary_field("ふりがな"), PC_FIELD_READING);
	cr_assert_eq(pc_glossary_field("フリガナ"), PC_FIELD_READING);
	cr_assert_eq(pc_glossary_field("読み仮名"), PC_FIELD_READING);
	cr_assert_eq(pc_glossary_field("指標名"), PC_FIELD_NONE);
	cr_assert_eq(pc_glossary_field("foo"), PC_FIELD_NONE);
	cr_assert_eq(pc_glossary_field(NULL), PC_FIELD_NONE);
}

/* ---- Years ---- */

static pc_year_status year(const char *s, pc_year *y, pc_year_detail *d)
{
	y->year = -1;
	y->month = -1;
	y->fiscal = true;
	y->text = "untouched";
	memset(d, 0x55, sizeof *d);
	pc_year_status st = pc_year_parse(s, strlen(s), y, d);
	cr_assert_str_eq(y->text, "untouched", "out->text is the caller's");
	return st;
}

#define YEAR_IS(s, yr, fisc, mon)                                                                  \
	do {                                                                                       \
		pc_year y_;                                                                        \
		pc_year_detail d_;                                                                 \
		pc_year_status st_ = year(s, &y_, &d_);                                            \
		cr_assert_eq(st_, PC_YEAR_OK, "%s: status %d", s, (int)st_);                       \
		cr_assert_eq(y_.year, yr, "%s: year %d", s, y_.year);                              \
		cr_assert_eq(y_.fiscal, fisc, "%s: fiscal %d", s, (int)y_.fiscal);                 \
		cr_assert_eq(y_.month, mon, "%s: month %d", s, y_.month);                          \
	} while (0)

#define YEAR_INVALID(s)                                                                            \
	do {                                                                                       \
		pc_year y_;                                                                        \
		pc_year_detail d_;                                                                 \
		cr_assert_eq(year(s, &y_, &d_), PC_YEAR_INVALID, "%s is no year", s);              \
		cr_assert_eq(y_.year, 0);                                                          \
		cr_assert_null(d_.era);                                                            \
	} while (0)

Test(year, heisei_fiscal_with_detail)
{
	pc_year y;
	pc_year_detail d;
	cr_assert_eq(year("H29年度", &y, &d), PC_YEAR_OK);
	cr_assert_eq(y.year, 2017);
	cr_assert(y.fiscal);
	cr_assert_eq(y.month, 0);
	cr_assert_str_eq(d.era, "平成");
	cr_assert_eq(d.era_year, 29);
	cr_assert_eq(d.era_last, 31);
	cr_assert_eq(d.bracket_year, 0);
}

Test(year, bracketed_gregorian)
{
	pc_year y;
	pc_year_detail d;
	cr_assert_eq(year("平成29(2017)年度", &y, &d), PC_YEAR_OK);
	cr_assert_eq(y.year, 2017);
	cr_assert(y.fiscal);
	cr_assert_eq(d.bracket_year, 2017);
	cr_assert_eq(year("平成29（２０１７）年度", &y, &d), PC_YEAR_OK);
	cr_assert_eq(d.bracket_year, 2017);
}

Test(year, mismatch)
{
	pc_year y;
	pc_year_detail d;
	cr_assert_eq(year("平成29（2018）年度", &y, &d), PC_YEAR_MISMATCH);
	cr_assert_eq(y.year, 2017, "the era's year");
	cr_assert_eq(d.bracket_year, 2018);
	cr_assert_str_eq(d.era, "平成");
	cr_assert_eq(year("平成34(2021)年度", &y, &d), PC_YEAR_MISMATCH, "error beats warning");
	cr_assert_eq(y.year, 2022);
}

Test(year, gregorian)
{
	YEAR_IS("2020", 2020, true, 0);
	YEAR_IS("2020年度", 2020, true, 0);
	YEAR_IS("2020年", 2020, false, 0);
	YEAR_IS("２０２０年", 2020, false, 0);
	YEAR_IS("2020年4月", 2020, false, 4);
	YEAR_IS("1800", 1800, true, 0);
	YEAR_IS("2200", 2200, true, 0);
	pc_year y;
	pc_year_detail d;
	cr_assert_eq(year("2020", &y, &d), PC_YEAR_OK);
	cr_assert_null(d.era);
	cr_assert_eq(d.era_year, 0);
	cr_assert_eq(d.bracket_year, 0);
}

Test(year, months)
{
	YEAR_IS("H29年3月末", 2017, false, 3);
	YEAR_IS("R3年3月末", 2021, false, 3);
	YEAR_IS("H29年3月", 2017, false, 3);
	YEAR_IS("H29年12月", 2017, false, 12);
	YEAR_IS("H29 年 ３ 月 末", 2017, false, 3);
	YEAR_INVALID("H29年13月");
	YEAR_INVALID("H29年0月");
	YEAR_INVALID("H29年3");
	YEAR_INVALID("H29年003月");
	YEAR_INVALID("H29年度3月");
}

Test(year, past_era_end)
{
	pc_year y;
	pc_year_detail d;
	cr_assert_eq(year("H34年度", &y, &d), PC_YEAR_PAST_ERA_END);
	cr_assert_eq(y.year, 2022);
	cr_assert(y.fiscal);
	cr_assert_str_eq(d.era, "平成");
	cr_assert_eq(d.era_year, 34);
	cr_assert_eq(d.era_last, 31);
	cr_assert_eq(year("平成34(2022)年度", &y, &d), PC_YEAR_PAST_ERA_END);
	cr_assert_eq(year("M46年", &y, &d), PC_YEAR_PAST_ERA_END);
	cr_assert_eq(y.year, 1913);
	cr_assert_eq(year("T16年", &y, &d), PC_YEAR_PAST_ERA_END);
	cr_assert_eq(year("S65年", &y, &d), PC_YEAR_PAST_ERA_END);
	cr_assert_eq(year("R100年度", &y, &d), PC_YEAR_OK, "令和 has no end");
	cr_assert_eq(d.era_last, 0);
	cr_assert_eq(y.year, 2118);
}

Test(year, eras_and_letters)
{
	YEAR_IS("Ｒ２年度", 2020, true, 0);
	YEAR_IS("ｒ２年度", 2020, true, 0);
	YEAR_IS("r2年度", 2020, true, 0);
	YEAR_IS("ｈ29年度", 2017, true, 0);
	YEAR_IS("令和 5 年度", 2023, true, 0);
	YEAR_IS("令和　5　年度", 2023, true, 0);
	YEAR_IS("R5", 2023, true, 0);
	YEAR_IS("M45年", 1912, false, 0);
	YEAR_IS("明治元年", 1868, false, 0);
	YEAR_IS("大正1年", 1912, false, 0);
	YEAR_IS("T15年", 1926, false, 0);
	YEAR_IS("S64年", 1989, false, 0);
	YEAR_IS("昭和64年", 1989, false, 0);
	YEAR_IS("平成31年度", 2019, true, 0);
	YEAR_IS("㍻29年度", 2017, true, 0);
	YEAR_IS("㋿2年度", 2020, true, 0);
}

Test(year, gannen)
{
	YEAR_IS("R元", 2019, true, 0);
	YEAR_IS("R元年度", 2019, true, 0);
	YEAR_IS("令和元年度", 2019, true, 0);
	YEAR_IS("令和元年", 2019, false, 0);
	pc_year y;
	pc_year_detail d;
	cr_assert_eq(year("令和元年度", &y, &d), PC_YEAR_OK);
	cr_assert_eq(d.era_year, 1);
	cr_assert_str_eq(d.era, "令和");
}

Test(year, fiscal_year_end)
{
	YEAR_IS("R8年度末", 2026, true, 0);
}

Test(year, invalid)
{
	YEAR_INVALID("abc");
	YEAR_INVALID("");
	YEAR_INVALID("年度");
	YEAR_INVALID("   ");
	YEAR_INVALID("H");
	YEAR_INVALID("H年度");
	YEAR_INVALID("H0年度");
	YEAR_INVALID("R1000年度");
	YEAR_INVALID("H29年度x");
	YEAR_INVALID("H29年度度");
	YEAR_INVALID("平成29(17)年度");
	YEAR_INVALID("平成29(2017年度");
	YEAR_INVALID("平成29()年度");
	YEAR_INVALID("平年度");
	YEAR_INVALID("1799");
	YEAR_INVALID("2201");
	YEAR_INVALID("20200");
	YEAR_INVALID("999999999999999999999999");
	YEAR_INVALID("29年度");
	YEAR_INVALID("2020(2020)");
	YEAR_INVALID("X29年度");
	YEAR_INVALID("\xffH29");
	YEAR_INVALID("H29\xff");
	pc_year y;
	cr_assert_eq(pc_year_parse("H29\0", 4, &y, NULL), PC_YEAR_INVALID, "NUL is no end");
}

Test(year, null_detail_and_range)
{
	pc_year y;
	cr_assert_eq(pc_year_parse("H29年度", strlen("H29年度"), &y, NULL), PC_YEAR_OK);
	cr_assert_eq(y.year, 2017);
	/* Only the range is read: "H2" of "H29". */
	cr_assert_eq(pc_year_parse("H29年度", 2, &y, NULL), PC_YEAR_OK);
	cr_assert_eq(y.year, 1990);
	cr_assert_eq(pc_year_parse("H29年度", 6, &y, NULL), PC_YEAR_OK);
	cr_assert_not(y.fiscal, "H29年 is a calendar year");
	cr_assert_eq(pc_year_parse("H29年度", 7, &y, NULL), PC_YEAR_INVALID, "a third of 度");
}

/* ---- Values ---- */

static pc_value_status value(const char *s, pc_value *v)
{
	memset(v, 0, sizeof *v);
	v->unit = "sentinel";
	return pc_value_parse(A, s, strlen(s), v);
}

#define VALUE_IS(s, num, u)                                                                        \
	do {                                                                                       \
		pc_value v_;                                                                       \
		cr_assert_eq(value(s, &v_), PC_VALUE_NUMBER, "%s is a number", s);                 \
		cr_assert(v_.has_number, "%s", s);                                                 \
		cr_assert_eq(v_.number, (double)(num), "%s: %.17g", s, v_.number);                 \
		cr_assert_str_eq(v_.unit, u, "%s", s);                                             \
	} while (0)

#define VALUE_TEXT(s)                                                                              \
	do {                                                                                       \
		pc_value v_;                                                                       \
		cr_assert_eq(value(s, &v_), PC_VALUE_TEXT, "%s is text", s);                       \
		cr_assert_not(v_.has_number);                                                      \
		cr_assert_str_eq(v_.unit, "");                                                     \
		cr_assert_str_eq(v_.text, s);                                                      \
	} while (0)

Test(value, examples)
{
	VALUE_IS("93 団体", 93, "団体");
	VALUE_IS("26.3%", 26.3, "%");
	VALUE_IS("256,000 件/年", 256000, "件/年");
	VALUE_IS("0.6億円", 60000000, "円");
	VALUE_IS("67万件", 670000, "件");
	VALUE_IS("１２３人", 123, "人");
	VALUE_IS("２６．３％", 26.3, "%");
	VALUE_IS("1.5千人", 1500, "人");
	VALUE_IS("-5.2", -5.2, "");
	VALUE_IS("△3", -3, "");
}

Test(value, text_kept)
{
	pc_value v;
	cr_assert_eq(value("  93 団体　", &v), PC_VALUE_NUMBER);
	cr_assert_str_eq(v.text, "93 団体", "the trimmed cell as written");
	cr_assert_eq(value("２６．３％", &v), PC_VALUE_NUMBER);
	cr_assert_str_eq(v.text, "２６．３％", "not normalised");
}

Test(value, not_numbers)
{
	VALUE_TEXT("－");
	VALUE_TEXT("増加");
	VALUE_TEXT("-");
	VALUE_TEXT("△");
	VALUE_TEXT("");
	VALUE_TEXT("約半数");
	VALUE_TEXT("万");
	VALUE_TEXT(",5");
	VALUE_TEXT("- 増");
}

Test(value, signs)
{
	VALUE_IS("▲ 1.5", -1.5, "");
	VALUE_IS("−2%", -2, "%");
	VALUE_IS("－２", -2, "");
	VALUE_IS("+4", 4, "");
	VALUE_IS("＋4件", 4, "件");
	pc_value v;
	cr_assert_eq(value("-0", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.number, 0.0);
	cr_assert_not(signbit(v.number), "no negative zero");
}

Test(value, multipliers_exact)
{
	VALUE_IS("1兆円", 1e12, "円");
	VALUE_IS("1.2345万", 12345, "");
	VALUE_IS("1.23456万", 12345.6, "");
	VALUE_IS("1.1万", 11000, "");
	VALUE_IS("5万", 50000, "");
	VALUE_IS("1,200 千円", 1200000, "円");
	VALUE_IS("0.06億", 6000000, "");
	VALUE_IS("12.5億円", 1250000000, "円");
	VALUE_IS("3億人", 300000000, "人");
}

Test(value, decimals_exact)
{
	VALUE_IS("0.1", 0.1, "");
	VALUE_IS("0.05", 0.05, "");
	VALUE_IS("26.30%", 26.3, "%");
	VALUE_IS("99.99", 99.99, "");
	VALUE_IS(".5", 0.5, "");
	VALUE_IS("007", 7, "");
	VALUE_IS("0", 0, "");
	VALUE_IS("123456789012345", 123456789012345.0, "");
	VALUE_IS("1234567890.12345", 1234567890.12345, "");
}

Test(value, separators)
{
	/* Commas in the integer part are dropped wherever they are: 1,2,3 is 123. */
	VALUE_IS("1,2,3", 123, "");
	VALUE_IS("1，234", 1234, "");
	VALUE_IS("1,234,567.5円", 1234567.5, "円");
	VALUE_IS("3.", 3, ".");
	VALUE_IS("1,", 1, ",");
	VALUE_IS("1.2.3", 1.2, ".3");
	VALUE_IS("1.5,0", 1.5, ",0");
}

Test(value, too_long)
{
	char big[401];
	memset(big, '7', 400);
	big[400] = '\0';
	pc_value v;
	cr_assert_eq(value(big, &v), PC_VALUE_TOO_LONG);
	cr_assert_not(v.has_number);
	cr_assert_str_eq(v.text, big);
	cr_assert_str_eq(v.unit, "");
	cr_assert_eq(value("1234567890123456", &v), PC_VALUE_TOO_LONG);
	cr_assert_eq(value("1,234,567,890,123,456円", &v), PC_VALUE_TOO_LONG);
	cr_assert_eq(value("0.00000000000000000000000001", &v), PC_VALUE_TOO_LONG);
	/* Leading zeros are not significant digits. */
	VALUE_IS("0000000000000000000001", 1, "");
	VALUE_IS("0.000000000000000000000", 0, "");
}

Test(value, invalid_utf8_unit_kept_raw)
{
	pc_value v;
	cr_assert_eq(value("12\xff", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.number, 12);
	cr_assert_str_eq(v.unit, "\xff");
	VALUE_TEXT("\xff"
	           "12");
}

Test(value, range_is_respected)
{
	pc_value v;
	cr_assert_eq(pc_value_parse(A, "93 団体", 2, &v), PC_VALUE_NUMBER);
	cr_assert_str_eq(v.text, "93");
	cr_assert_str_eq(v.unit, "");
	cr_assert_eq(pc_value_parse(A, "0.6億円", 3, &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.number, 0.6);
}

/* What real cells say besides the number: each a fact of its own. */
Test(value, bounds_ranges_and_approximations)
{
	pc_value v;
	cr_assert_eq(value("80～90%", &v), PC_VALUE_NUMBER);
	cr_assert(v.has_range);
	cr_assert_eq(v.number, 80);
	cr_assert_eq(v.upper, 90);
	cr_assert_str_eq(v.unit, "%", "the unit, not ～90%%");
	cr_assert_eq(value("80%〜90%", &v), PC_VALUE_NUMBER);
	cr_assert(v.has_range);
	cr_assert_str_eq(v.unit, "%");
	cr_assert_eq(value("100%以上", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.bound, PC_BOUND_GE);
	cr_assert_str_eq(v.unit, "%");
	cr_assert_eq(value("50件以下", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.bound, PC_BOUND_LE);
	cr_assert_str_eq(v.unit, "件");
	cr_assert_eq(value("1,000人未満", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.bound, PC_BOUND_LT);
	cr_assert_eq(v.number, 1000);
	cr_assert_eq(value("3件超", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.bound, PC_BOUND_GT);
	cr_assert_eq(value("≧ 80 %", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.bound, PC_BOUND_GE);
	cr_assert_str_eq(v.unit, "%");
	cr_assert_eq(value("100人～", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.bound, PC_BOUND_GE, "an open range: that many or more");
	cr_assert_eq(value("約1,200人", &v), PC_VALUE_NUMBER);
	cr_assert(v.approximate);
	cr_assert_eq(v.number, 1200);
	cr_assert_str_eq(v.unit, "人");
	cr_assert_eq(value("1.2万人程度", &v), PC_VALUE_NUMBER);
	cr_assert(v.approximate);
	cr_assert_eq(v.number, 12000);
	cr_assert_str_eq(v.unit, "人");
	cr_assert_eq(value("93 団体", &v), PC_VALUE_NUMBER);
	cr_assert_not(v.approximate);
	cr_assert_eq(v.bound, PC_BOUND_NONE);
	cr_assert_not(v.has_range);
	cr_assert_null(v.note);
	cr_assert_eq(v.year.year, 0);
}

Test(value, years_and_notes_in_the_cell)
{
	pc_value v;
	pc_value_detail d;
	cr_assert_eq(pc_value_read(A, "45%（R5）", strlen("45%（R5）"), &v, &d), PC_VALUE_NUMBER);
	cr_assert_str_eq(v.unit, "%");
	cr_assert_eq(v.year.year, 2023);
	cr_assert_str_eq(v.year.text, "R5");
	cr_assert_eq(d.year_status, PC_YEAR_OK);
	cr_assert_eq(d.year_off, strlen("45%（"));
	cr_assert_eq(value("1,200人（R5年3月末）", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.year.year, 2023);
	cr_assert_eq(v.year.month, 3);
	cr_assert_str_eq(v.year.qualifier, "末");
	cr_assert_str_eq(v.year.text, "R5年3月末", "as written");
	cr_assert_eq(value("R3: 12件", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.year.year, 2021);
	cr_assert_eq(v.number, 12);
	cr_assert_str_eq(v.unit, "件");
	cr_assert_eq(value("令和3年度　12件", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.year.year, 2021);
	cr_assert(v.year.fiscal);
	cr_assert_eq(v.number, 12);
	cr_assert_eq(value("2021年度：12件", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.year.year, 2021);
	cr_assert_eq(value("2020 件", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.number, 2020, "a bare number before a unit is no year");
	cr_assert_eq(v.year.year, 0);
	cr_assert_eq(value("12件（速報値）", &v), PC_VALUE_NUMBER);
	cr_assert_str_eq(v.unit, "件");
	cr_assert_str_eq(v.note, "速報値");
	cr_assert_eq(value("12件 ※1", &v), PC_VALUE_NUMBER);
	cr_assert_str_eq(v.unit, "件");
	cr_assert_str_eq(v.note, "※1");
	cr_assert_eq(value("10% 20%", &v), PC_VALUE_NUMBER);
	cr_assert_str_eq(v.unit, "%");
	cr_assert_str_eq(v.note, "20%");
	cr_assert_eq(value("45%（H35）", &v), PC_VALUE_NUMBER);
	cr_assert_eq(v.year.year, 2023);
}

/* ---- Years with words around them ---- */

static pc_year_status read_y(const char *s, pc_year *y, const char **q)
{
	pc_year_detail d;
	size_t co, ce;
	memset(y, 0, sizeof *y);
	pc_year_status st = pc_year_read(s, strlen(s), y, &d, &co, &ce);
	*q = st == PC_YEAR_INVALID ? NULL : pc_year_qualifier(A, s, strlen(s), co, ce);
	return st;
}

#define READ_IS(s, yr, fisc, mon, dy, qual)                                                        \
	do {                                                                                       \
		pc_year y_;                                                                        \
		const char *q_;                                                                    \
		cr_assert_eq(read_y(s, &y_, &q_), PC_YEAR_OK, "%s", s);                            \
		cr_assert_eq(y_.year, yr, "%s: year %d", s, y_.year);                              \
		cr_assert_eq(y_.fiscal, fisc, "%s: fiscal", s);                                    \
		cr_assert_eq(y_.month, mon, "%s: month %d", s, y_.month);                          \
		cr_assert_eq(y_.day, dy, "%s: day %d", s, y_.day);                                 \
		cr_assert(same_or_null(q_, qual), "%s: qualifier %s", s, q_ ? q_ : "-");           \
	} while (0)

static bool same_or_null(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

Test(year_read, qualifiers)
{
	READ_IS("R5年度決算", 2023, true, 0, 0, "決算");
	READ_IS("R6年度見込み", 2024, true, 0, 0, "見込み");
	READ_IS("R4年度　実績", 2022, true, 0, 0, "実績");
	READ_IS("R8年度末", 2026, true, 0, 0, "末");
	READ_IS("R5年3月末", 2023, false, 3, 0, "末");
	READ_IS("R2国勢調査", 2020, true, 0, 0, "国勢調査");
	READ_IS("2020年国勢調査", 2020, false, 0, 0, "国勢調査");
	READ_IS("見込み R6", 2024, true, 0, 0, "見込み");
	READ_IS("（R5年度）（決算）", 2023, true, 0, 0, "決算");
	READ_IS("R5年度", 2023, true, 0, 0, NULL);
	READ_IS("(R5年度)", 2023, true, 0, 0, NULL);
}

Test(year_read, dates)
{
	READ_IS("令和4年3月31日現在", 2022, false, 3, 31, "現在");
	READ_IS("R5.3月末", 2023, false, 3, 0, "末");
	READ_IS("R5.3", 2023, false, 3, 0, NULL);
	READ_IS("R5.3.31現在", 2023, false, 3, 31, "現在");
	READ_IS("2023/3/31", 2023, false, 3, 31, NULL);
	READ_IS("H30.4.1", 2018, false, 4, 1, NULL);
	READ_IS("R 5 年 度", 2023, true, 0, 0, NULL);
	READ_IS("令和 4 年 3 月 31 日", 2022, false, 3, 31, NULL);
}

Test(year_read, both_calendars)
{
	READ_IS("2023（令和5）年度", 2023, true, 0, 0, NULL);
	READ_IS("令和5年度（2023年度）", 2023, true, 0, 0, NULL);
	READ_IS("2023年度(R5年度)", 2023, true, 0, 0, NULL);
	pc_year y;
	const char *q;
	cr_assert_eq(read_y("2023年度(R4年度)", &y, &q), PC_YEAR_MISMATCH);
	cr_assert_eq(read_y("2024（令和5）年度", &y, &q), PC_YEAR_MISMATCH);
}

Test(year_read, not_one_year)
{
	pc_year y;
	const char *q;
	cr_assert_eq(read_y("R3～R5年度", &y, &q), PC_YEAR_INVALID, "two years");
	cr_assert_eq(read_y("R5年度3月", &y, &q), PC_YEAR_INVALID, "a number left over");
	cr_assert_eq(read_y("現在", &y, &q), PC_YEAR_INVALID);
	cr_assert_eq(read_y("", &y, &q), PC_YEAR_INVALID);
	cr_assert_eq(read_y("R5年13月", &y, &q), PC_YEAR_INVALID);
	cr_assert_eq(read_y("R5年3月32日", &y, &q), PC_YEAR_INVALID);
	cr_assert_eq(read_y("FOR5", &y, &q), PC_YEAR_INVALID, "inside a word");
	cr_assert_eq(read_y("CO2", &y, &q), PC_YEAR_INVALID);
	cr_assert_eq(y.year, 0);
}

Test(year_read, looks_like_date)
{
	cr_assert(pc_year_looks_like_date("R5年3月", strlen("R5年3月")));
	cr_assert(pc_year_looks_like_date("4月1日", strlen("4月1日")));
	cr_assert(pc_year_looks_like_date("5.3.31", 6));
	cr_assert_not(pc_year_looks_like_date("R5年度", strlen("R5年度")));
	cr_assert_not(pc_year_looks_like_date("R3～R5", strlen("R3～R5")));
}

/* ---- Rows whose TABs became spaces ---- */

Test(rows, cells_at_spaces)
{
	cr_assert_eq(pc_row_count_space_cells("A\t10%  20%", strlen("A\t10%  20%"), false), 3);
	cr_assert_eq(pc_row_count_space_cells("A\t10% 20%", strlen("A\t10% 20%"), false), 2);
	cr_assert_eq(pc_row_count_space_cells("A\t10% 20%", strlen("A\t10% 20%"), true), 3);
	cr_assert_eq(pc_row_count_space_cells("A\t10%　20%", strlen("A\t10%　20%"), false), 3);
	cr_assert_eq(pc_row_count_space_cells("指標名  基準値  目標値",
	                                      strlen("指標名  基準値  目標値"), false),
	             3);
	cr_assert_eq(pc_row_count_space_cells("A \t B", strlen("A \t B"), true), 2,
	             "spaces beside a TAB pad it");
	cr_assert_eq(pc_row_count_space_cells("A\t\tB", strlen("A\t\tB"), true), 3);
	cr_assert_eq(pc_row_count_space_cells("   ", 3, true), 0);
}

/* ---- Cell years ---- */

#define SPLIT_IS(s, val, yr)                                                                       \
	do {                                                                                       \
		size_t vl_ = 999, yo_ = 999, yl_ = 999;                                            \
		cr_assert(pc_cell_year_split(s, strlen(s), &vl_, &yo_, &yl_), "%s", s);            \
		cr_assert(span_is(s, vl_, val), "%s: value %.*s", s, (int)vl_, s);                 \
		cr_assert(span_is(s + yo_, yl_, yr), "%s: year %.*s", s, (int)yl_, s + yo_);       \
	} while (0)

Test(cell_year, split)
{
	SPLIT_IS("93 団体 @ R2年度", "93 団体", "R2年度");
	SPLIT_IS("93 団体＠R2年度", "93 団体", "R2年度");
	SPLIT_IS("93団体　＠　R2年度　", "93団体", "R2年度");
	SPLIT_IS("93@", "93", "");
	SPLIT_IS("@H29年度", "", "H29年度");
	SPLIT_IS("a@b @ R2", "a@b", "R2");
}

Test(cell_year, none)
{
	size_t vl = 999, yo = 999, yl = 999;
	cr_assert_not(pc_cell_year_split("93 団体", 10, &vl, &yo, &yl));
	cr_assert_eq(vl, 10);
	cr_assert_not(pc_cell_year_split("", 0, &vl, &yo, &yl));
	cr_assert_eq(vl, 0);
	cr_assert_not(pc_cell_year_split("93 @", 3, &vl, &yo, &yl), "the @ lies outside");
	cr_assert_not(pc_cell_year_split("93\xef\xbc", 4, &vl, &yo, &yl), "half of ＠");
}

/* ---- Directions ---- */

static pc_direction dir(const char *s)
{
	return pc_direction_parse(s, strlen(s));
}

Test(direction, words)
{
	cr_assert_eq(dir("増"), PC_DIR_UP);
	cr_assert_eq(dir("増加"), PC_DIR_UP);
	cr_assert_eq(dir("up"), PC_DIR_UP);
	cr_assert_eq(dir(" UP "), PC_DIR_UP);
	cr_assert_eq(dir("↑"), PC_DIR_UP);
	cr_assert_eq(dir("　増　"), PC_DIR_UP);
	cr_assert_eq(dir("減"), PC_DIR_DOWN);
	cr_assert_eq(dir("減少"), PC_DIR_DOWN);
	cr_assert_eq(dir("Down"), PC_DIR_DOWN);
	cr_assert_eq(dir("↓"), PC_DIR_DOWN);
	cr_assert_eq(dir("維持"), PC_DIR_KEEP);
	cr_assert_eq(dir("KEEP"), PC_DIR_KEEP);
	cr_assert_eq(dir("→"), PC_DIR_KEEP);
	cr_assert_eq(dir("現状維持"), PC_DIR_KEEP);
	cr_assert_eq(dir("以上"), PC_DIR_FLOOR);
	cr_assert_eq(dir("下限"), PC_DIR_FLOOR);
	cr_assert_eq(dir("floor"), PC_DIR_FLOOR);
	cr_assert_eq(dir("以下"), PC_DIR_CEILING);
	cr_assert_eq(dir("上限"), PC_DIR_CEILING);
	cr_assert_eq(dir("Ceiling"), PC_DIR_CEILING);
}

Test(direction, unknown)
{
	cr_assert_eq(dir(""), PC_DIR_NONE);
	cr_assert_eq(dir("  "), PC_DIR_NONE);
	cr_assert_eq(dir("foo"), PC_DIR_NONE);
	cr_assert_eq(dir("増える"), PC_DIR_NONE);
	cr_assert_eq(dir("upp"), PC_DIR_NONE);
	cr_assert_eq(dir("\xff"), PC_DIR_NONE);
	cr_assert_eq(pc_direction_parse("増加", 3), PC_DIR_UP, "only the range counts");
}

/* ---- Robustness ---- */

/* Every reader on s[0..len), checking that offsets stay in the range. */
static void run_all(const char *s, size_t len)
{
	pc_attrs at;
	const char *err;
	size_t eo, o, c, t, nl, yo, yl, vl;
	if (!pc_attrs_parse(A, s, len, &at, &err, &eo)) {
		cr_assert_not_null(err);
		cr_assert_lt(eo, len + 1);
	}
	if (at.id)
		cr_assert_lt(at.id_off, len);
	for (size_t i = 0; i < at.nkv; i++)
		cr_assert_lt(at.kv[i].pos.col, len);
	if (pc_heading_attr_block(s, len, &o, &c)) {
		cr_assert_lt(o, c);
		cr_assert_lt(c, len);
		cr_assert_eq(s[o], '{');
		cr_assert_eq(s[c], '}');
	}
	size_t tok = pc_heading_number(s, len, &t);
	if (tok) {
		cr_assert_lt(tok, t + 1);
		cr_assert_lt(t, len + 1);
	}
	for (int piped = 0; piped < 2; piped++) {
		pc_raw_cell *cells;
		size_t n = pc_row_split(A, s, len, piped, &cells);
		for (size_t i = 0; i < n; i++) {
			cr_assert_lt(cells[i].off, len + 1);
			cr_assert_lt(cells[i].len, len + 1);
		}
	}
	(void)pc_row_is_piped(s, len);
	(void)pc_row_is_separator(s, len);
	if (pc_header_split(s, len, &nl, &yo, &yl))
		cr_assert_lt(yo + yl, len);
	cr_assert_lt(nl, len + 1);
	pc_year y;
	pc_year_detail d;
	pc_year_status st = pc_year_parse(s, len, &y, &d);
	if (st != PC_YEAR_INVALID)
		cr_assert_gt(y.year, 0);
	pc_value v;
	pc_value_status vs = pc_value_parse(A, s, len, &v);
	cr_assert_eq(v.has_number, vs == PC_VALUE_NUMBER);
	cr_assert(isfinite(v.number));
	if (pc_cell_year_split(s, len, &vl, &yo, &yl))
		cr_assert_lt(yo + yl, len + 1);
	cr_assert_lt(vl, len + 1);
	(void)pc_direction_parse(s, len);
}

/* A heap copy without a terminating NUL, so that a sanitizer build
 * catches any read past the range. */
static void run_exact(const char *s, size_t len)
{
	char *copy = malloc(len ? len : 1);
	memcpy(copy, s, len);
	run_all(copy, len);
	free(copy);
}

Test(robust, empty_range)
{
	run_all("", 0);
	run_all("#a {x} 7-1 (H29)", 0);
	char *p = malloc(1);
	run_all(p, 0);
	free(p);
}

Test(robust, every_byte)
{
	for (int b = 0; b < 256; b++) {
		char s[3] = {(char)b, '1', (char)b};
		for (size_t len = 1; len <= 3; len++)
			run_exact(s, len);
	}
}

Test(robust, random_pieces)
{
	static const char *pieces[] = {
	    "{",  "}",  "\"",   "#",    ".",        "=",    "|",    "\\",       " ",
	    "\t", "　", "@",    "＠",   "(",        ")",    "（",   "）",       "〔",
	    "〕", "[",  "]",    "1",    "２",       "0",    ",",    "．",       "-",
	    "－", "△",  "万",   "億",   "年",       "度",   "月",   "末",       "元",
	    "H",  "R",  "平成", "令和", "①",        "経",   "%",    ":",        "a",
	    "章", "増", "↑",    "\xff", "\xe3\x80", "\xe2", "\x80", "\xf0\x9f", "\xc0\xaf",
	};
	const size_t npieces = sizeof pieces / sizeof pieces[0];
	uint32_t seed = 12345;
	char buf[256];
	for (int iter = 0; iter < 20000; iter++) {
		size_t len = 0;
		seed = seed * 1103515245u + 12345u;
		int count = (int)((seed >> 16) % 12);
		for (int k = 0; k < count; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % npieces];
			size_t pl = strlen(p);
			memcpy(buf + len, p, pl);
			len += pl;
		}
		run_exact(buf, len);
	}
}

/* A few megabyte inputs: a quadratic scan would take minutes here. */
static void run_big(const char *unit, size_t repeat)
{
	size_t ul = strlen(unit), len = ul * repeat;
	char *s = malloc(len);
	for (size_t i = 0; i < repeat; i++)
		memcpy(s + i * ul, unit, ul);
	pc_arena_free(A);
	A = pc_arena_new();
	run_all(s, len);
	free(s);
}

Test(robust, huge_inputs)
{
	static const char *units[] = {
	    "{",  "}",    "\"",  "{\"", "\"}", "(",  "（", "|",  "\\|",      " ",
	    "　", "1",    "0",   "1-",  "#",   "=",  "@",  "@ ", "１",       "年",
	    "H",  "\xff", "{a}", "\t",  "--|", "1,", "0.", "①",  "a=\"b\" ",
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		run_big(units[i], (size_t)1 << 20);
}

Test(robust, huge_tail_after_valid_start)
{
	/* A valid beginning followed by a long tail: the readers must stop or
	 * go through it once, not restart at every character. */
	static const char *heads[] = {"7-1 ", "H29年度", "93 団体 ", "#a ", "現在値 ("};
	for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
		size_t hl = strlen(heads[h]), len = hl + ((size_t)1 << 20);
		char *s = malloc(len);
		memcpy(s, heads[h], hl);
		memset(s + hl, ' ', len - hl - 1);
		s[len - 1] = '}';
		run_all(s, len);
		free(s);
	}
}

Test(robust, huge_value_is_text_not_number)
{
	size_t len = (size_t)1 << 20;
	char *s = malloc(len);
	memset(s, '9', len);
	pc_value v;
	cr_assert_eq(pc_value_parse(A, s, len, &v), PC_VALUE_TOO_LONG);
	cr_assert_not(v.has_number);
	free(s);
}
