/*
 * The figures every output shows of an indicator, computed once by the
 * presentation pass: its measure, its baseline, midterm and target values,
 * the latest result and the achievement rate. Back ends read the fields of
 * pc_indicator (ast.h); these functions are how they are computed.
 */
#ifndef PC_MODEL_INDICATORS_H
#define PC_MODEL_INDICATORS_H

#include <stdbool.h>

#include "../ast.h"

/* Fills the presentation fields of every indicator of the plan. */
void pc_indicators_present(pc_doc *doc);

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
/* A rate or a percentage as the booklet, the site and the report print
 * it: one decimal and 「%」, below zero with a minus sign (U+2212, read
 * 「マイナス」 aloud; a hyphen is read as a dash, and 「△」 as a
 * triangle): 「−62.5%」. Into buf (16 bytes are enough); returns buf.
 * The data files keep the number as a number. */
const char *pc_rate_text(double rate, char *buf, size_t size);

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
/* The first value of field f, or NULL. */
const pc_ivalue *pc_indicator_value(const pc_indicator *ind, pc_field f);
/* The number of result (実績値) columns of the indicator's table, and the
 * value of the k-th (0-based, in column order); NULL when its cell is empty. */
size_t pc_indicator_nactuals(const pc_indicator *ind);
const pc_ivalue *pc_indicator_actual(const pc_indicator *ind, size_t k);
/* The year of a value as a reader sees it next to the value: as written
 * ("H29年度"), else the Gregorian year with 年度/年; NULL when none. */
const char *pc_ivalue_year_text(pc_arena *a, const pc_ivalue *v);

#endif
