/*
 * Indicators as data (進行管理): one row per indicator with its chapter and
 * measure, each value as written and parsed, and the achievement rate of
 * the latest result. CSV for spreadsheets, JSON for other tools
 * (docs/indicators.md).
 */
#ifndef PC_RENDER_INDICATORS_H
#define PC_RENDER_INDICATORS_H

#include <stdbool.h>

#include "../../plancc.h"
#include "../../util/buf.h"

/*
 * The achievement rate in percent of the latest actual value:
 * (actual − baseline) ÷ (target − baseline) × 100. The same formula serves
 * indicators that should go down (both differences are negative). False
 * when there is no numeric baseline, target or actual, when their units
 * differ, or when target equals baseline (a "keep" indicator has no
 * distance to cover).
 */
bool pc_indicator_rate(const pc_indicator *ind, double *rate);
/* The latest actual value with a number, or NULL. */
const pc_ivalue *pc_indicator_latest_actual(const pc_indicator *ind);
/* The number of result (実績値) columns of the indicator's table, and the
 * value of the k-th (0-based, in column order); NULL when its cell is empty. */
size_t pc_indicator_nactuals(const pc_indicator *ind);
const pc_ivalue *pc_indicator_actual(const pc_indicator *ind, size_t k);

void pc_indicators_csv(pc_doc *doc, pc_buf *out);
void pc_indicators_json(pc_doc *doc, pc_buf *out);

#endif
