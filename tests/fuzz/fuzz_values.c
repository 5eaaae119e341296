/*
 * libFuzzer target: the readers of text inside cells and headings: era
 * years alone and with their words, values with units, multipliers,
 * bounds, ranges and years, @ years, directions, heading numbers and their
 * id keys, rows joined by spaces, and attribute blocks.
 */
#include <stddef.h>
#include <stdint.h>

#include "parse/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_arena *a = pc_arena_new();
	const char *s = (const char *)data;
	pc_year y;
	pc_year_detail det;
	pc_year_parse(s, size, &y, &det);
	size_t co, ce;
	if (pc_year_read(s, size, &y, &det, &co, &ce) != PC_YEAR_INVALID)
		pc_year_qualifier(a, s, size, co, ce);
	(void)pc_year_looks_like_date(s, size);
	pc_value v;
	pc_value_detail vd;
	pc_value_read(a, s, size, &v, &vd);
	(void)pc_row_count_space_cells(s, size, true);
	size_t vlen, yoff, ylen;
	if (pc_cell_year_split(s, size, &vlen, &yoff, &ylen)) {
		pc_value_parse(a, s, vlen, &v);
		pc_year_parse(s + yoff, ylen, &y, &det);
	}
	pc_direction_parse(s, size);
	size_t title_off;
	size_t tok = pc_heading_number(s, size, &title_off);
	if (tok)
		pc_number_key(a, pc_arena_strndup(a, s, tok));
	size_t open, close;
	if (pc_heading_attr_block(s, size, &open, &close)) {
		pc_attrs at = {0};
		const char *err;
		size_t err_off;
		pc_attrs_parse(a, s + open + 1, close - open - 1, &at, &err, &err_off);
	}
	pc_attrs at = {0};
	const char *err;
	size_t err_off;
	pc_attrs_parse(a, s, size, &at, &err, &err_off);
	pc_arena_free(a);
	return 0;
}
