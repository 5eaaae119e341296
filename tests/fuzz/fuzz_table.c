/*
 * libFuzzer target: the table readers on every line of the input: row
 * splitting in both forms, separator rows, header names and years.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_arena *a = pc_arena_new();
	const char *s = (const char *)data;
	bool piped = false;
	for (size_t start = 0, i = 0; i <= size; i++) {
		if (i < size && s[i] != '\n')
			continue;
		const char *line = s + start;
		size_t len = i - start;
		if (start == 0)
			piped = pc_row_is_piped(line, len);
		pc_row_is_separator(line, len);
		pc_raw_cell *cells;
		size_t n = pc_row_split(a, line, len, piped, &cells);
		for (size_t c = 0; c < n; c++) {
			size_t name_len, yoff, ylen;
			if (pc_header_split(cells[c].text, cells[c].len, &name_len, &yoff, &ylen)) {
				pc_year y;
				pc_year_detail det;
				pc_year_parse(cells[c].text + yoff, ylen, &y, &det);
			}
			char *name = pc_arena_strndup(a, cells[c].text, cells[c].len);
			pc_indicator_field(name);
			pc_glossary_field(name);
		}
		start = i + 1;
	}
	pc_arena_free(a);
	return 0;
}
