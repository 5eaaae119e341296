/*
 * libFuzzer target: the readers of text inside cells and headings: era
 * years, values with units and multipliers, @ years, directions, heading
 * numbers and attribute blocks.
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
	pc_value v;
	pc_value_parse(a, s, size, &v);
	size_t vlen, yoff, ylen;
	if (pc_cell_year_split(s, size, &vlen, &yoff, &ylen)) {
		pc_value_parse(a, s, vlen, &v);
		pc_year_parse(s + yoff, ylen, &y, &det);
	}
	pc_direction_parse(s, size);
	size_t title_off;
	pc_heading_number(s, size, &title_off);
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
