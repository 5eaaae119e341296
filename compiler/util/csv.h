/* CSV as spreadsheets read it: RFC 4180 quoting, CRLF, UTF-8 with a BOM
 * (without it Excel opens UTF-8 Japanese as mojibake). */
#ifndef PC_CSV_H
#define PC_CSV_H

#include <stdbool.h>

#include "buf.h"

void pc_csv_bom(pc_buf *b);
/* Appends one field; first is true for the first field of a row. */
void pc_csv_field(pc_buf *b, const char *s, bool first);
void pc_csv_end_row(pc_buf *b);

#endif
