/* SDGs goal colours (UN communications guidelines) and Japanese names. */
#include "sdgs.h"

#include <math.h>

static const uint32_t colours[18] = {0,        0xE5243B, 0xDDA63A, 0x4C9F38, 0xC5192D, 0xFF3A21,
                                     0x26BDE2, 0xFCC30B, 0xA21942, 0xFD6925, 0xDD1367, 0xFD9D24,
                                     0xBF8B2E, 0x3F7E44, 0x0A97D9, 0x56C02B, 0x00689D, 0x19486A};

static const char *names[18] = {
    "",
    "貧困をなくそう",
    "飢餓をゼロに",
    "すべての人に健康と福祉を",
    "質の高い教育をみんなに",
    "ジェンダー平等を実現しよう",
    "安全な水とトイレを世界中に",
    "エネルギーをみんなに そしてクリーンに",
    "働きがいも経済成長も",
    "産業と技術革新の基盤をつくろう",
    "人や国の不平等をなくそう",
    "住み続けられるまちづくりを",
    "つくる責任 つかう責任",
    "気候変動に具体的な対策を",
    "海の豊かさを守ろう",
    "陸の豊かさも守ろう",
    "平和と公正をすべての人に",
    "パートナーシップで目標を達成しよう",
};

uint32_t pc_sdg_colour(int goal)
{
	return goal >= 1 && goal <= 17 ? colours[goal] : 0;
}

const char *pc_sdg_name(int goal)
{
	return goal >= 1 && goal <= 17 ? names[goal] : "";
}

uint32_t pc_sdg_text_colour(int goal)
{
	uint32_t c = pc_sdg_colour(goal);
	double lum = 0;
	for (int k = 0; k < 3; k++) {
		double v = ((c >> (16 - 8 * k)) & 0xFF) / 255.0;
		v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
		lum += v * (k == 0 ? 0.2126 : k == 1 ? 0.7152 : 0.0722);
	}
	return 1.05 / (lum + 0.05) >= 4.5 ? 0xFFFFFFu : 0x000000u;
}
