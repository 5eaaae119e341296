/* HTML back end: the yearly progress report as pages of the site. */
#ifndef PC_RENDER_HTML_REPORT_H
#define PC_RENDER_HTML_REPORT_H

#include <stdbool.h>

#include "../../model/grade.h"
#include "../../util/output.h"

/*
 * Writes html/report-N.html (the rule, the counts per chapter, every
 * measure's grade) and html/report-N-<chapter id>.html (a sheet per
 * measure: its indicators with the year's result, value and grade, their
 * charts, the next step and the comment), with the site's style.css and
 * report.css. Links to the plan's pages work when the site is built into
 * the same folder. draft adds the site's 「案」 notice.
 */
bool pc_html_render_report(const pc_report *r, bool draft, pc_output *o, pc_diags *d);

#endif
