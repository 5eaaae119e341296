/*
 * Indicators as a spreadsheet (進行管理): indicators.csv, one row per
 * indicator with its chapter and measure, each value as written and
 * parsed, and the achievement rate of the latest result
 * (docs/indicators.md). The same data as JSON is the JSON back end's.
 */
#ifndef PC_RENDER_DATA_INDICATORS_H
#define PC_RENDER_DATA_INDICATORS_H

#include "../../plancc.h"
#include "../../util/buf.h"

void pc_indicators_csv(pc_doc *doc, pc_buf *out);

#endif
