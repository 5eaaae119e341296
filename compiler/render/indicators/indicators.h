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
 * indicators that should go down (both differences are negative). A range
 * target (80～90%) counts from its end nearer the baseline, where it is
 * met. False when there is no numeric baseline, target or actual, when
 * their units differ, when target equals baseline, and for targets that
 * keep a level (維持, 以上 as a floor, 以下 as a ceiling): moving towards
 * such a target is no progress, so a rate would say the opposite of the
 * truth (a population below its floor "104.8 % achieved");
 * pc_indicator_achievement says whether they are kept.
 */
bool pc_indicator_rate(const pc_indicator *ind, double *rate);

/* Whether the latest actual value meets the target. */
typedef enum pc_achievement {
	PC_ACH_NONE = 0, /* no way to tell: no target or actual number, other units, or
	                    a 維持 target equal to its baseline */
	PC_ACH_MET,
	PC_ACH_NOT_MET,
} pc_achievement;

/*
 * Met when the latest actual has reached the target the way its direction
 * says: up (増) at or above it (above for 超), down (減) at or below it;
 * a floor (以上) at or above, a ceiling (以下) at or below; keep (維持) on
 * the baseline's side of a target below it (a floor) or above it (a
 * ceiling), or inside a range. A range target counts from its end nearer
 * the baseline. Needs the actual and the target in the same unit.
 */
pc_achievement pc_indicator_achievement(const pc_indicator *ind);
/* "met", "not_met"; NULL for PC_ACH_NONE. */
const char *pc_achievement_name(pc_achievement a);

/* The latest actual value with a number, or NULL. */
const pc_ivalue *pc_indicator_latest_actual(const pc_indicator *ind);
/* The number of result (実績値) columns of the indicator's table, and the
 * value of the k-th (0-based, in column order); NULL when its cell is empty. */
size_t pc_indicator_nactuals(const pc_indicator *ind);
const pc_ivalue *pc_indicator_actual(const pc_indicator *ind, size_t k);

void pc_indicators_csv(pc_doc *doc, pc_buf *out);
void pc_indicators_json(pc_doc *doc, pc_buf *out);

#endif
