/* The yearly report as data: every indicator's grade of the year, as CSV
 * (the open-data columns first) and as JSON (docs/indicators.md). */
#ifndef PC_RENDER_DATA_REPORT_H
#define PC_RENDER_DATA_REPORT_H

#include "../../model/grade.h"
#include "../../util/buf.h"

/* One row per indicator graded in the year, UTF-8 with a BOM, CRLF. */
void pc_report_csv(const pc_report *r, pc_buf *out);
/* "schema": "plancc-report/1": the rule, the counts per chapter, the
 * measures with their grades, and the indicators. */
void pc_report_json(const pc_report *r, pc_buf *out);

#endif
