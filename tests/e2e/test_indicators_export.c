/*
 * The indicators exports of the sample plan through the CLI: `plancc build
 * --format data` writes indicators.csv and indicators.json; both read back
 * with Python's csv and json modules agree with each other and with the
 * sources; a failed build leaves the previous files.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static char *out;

static void setup(void)
{
	out = tmp_dir();
}

static void teardown(void)
{
	remove_tree(out);
	free(out);
}

TestSuite(indicators_export, .init = setup, .fini = teardown, .timeout = 120);

/* Reads both exports of a folder with Python and checks them together. */
static const char *CHECK =
    "import csv, json, sys\n"
    "d = sys.argv[1]\n"
    "raw = open(d + '/indicators.csv', 'rb').read()\n"
    "assert raw.startswith(b'\\xef\\xbb\\xbf'), 'no BOM'\n"
    "assert raw.count(b'\\r\\n') == raw.count(b'\\n'), 'bare LF'\n"
    "rows = list(csv.DictReader(open(d + '/indicators.csv', encoding='utf-8-sig', "
    "newline='')))\n"
    "js = json.load(open(d + '/indicators.json', encoding='utf-8'))\n"
    "assert js['schema'] == 'plancc-indicators/1'\n"
    "inds = js['indicators']\n"
    "assert len(rows) == len(inds) > 20, (len(rows), len(inds))\n"
    "for r, j in zip(rows, inds):\n"
    "    assert r['指標名'] == j['name'], (r['指標名'], j['name'])\n"
    "    assert r['ファイル'] == j['file'] and int(r['行']) == j['line']\n"
    "    rate = r['達成率(%)']\n"
    "    assert (rate == '') == (j['achievement_rate'] is None), r['指標名']\n"
    "    if rate: assert abs(float(rate) - j['achievement_rate']) < 1e-9\n"
    "by = {r['指標名']: r for r in rows}\n"
    "r = by['観光入込客数']\n"
    "assert (r['基準値'], r['基準値数値'], r['基準値単位']) == ('142万人', '1420000', '人'), r\n"
    "assert (r['基準値西暦年'], r['基準値年区分']) == ('2019', '年度'), r\n"
    "assert (r['実績値'], r['実績値西暦年'], r['達成率(%)']) == ('137万人', '2028', "
    "'-62.5'), r\n"
    "assert (r['実績値1'], r['実績値1西暦年']) == ('118万人', '2024'), r\n"
    "assert (r['章番号'], r['施策番号'], r['施策id']) == ('3', '3-2', 'tourism'), r\n"
    "r = by['道の駅みなと野のレジ通過件数']\n"
    "assert (r['基準値数値'], r['基準値単位'], r['方向']) == ('256000', '件/年', '増'), r\n"
    "r = by['みなと野ブランド認証品を用いた6次産業化商品の販売額']\n"
    "assert r['基準値数値'] == '60000000' and r['基準値単位'] == '円', r\n"
    "r = by['自宅の災害の危険性を確認している市民の割合']\n"
    "assert (r['基準値西暦年'], r['基準値年区分']) == ('2024', '年度'), r\n"
    "r = by['成人の喫煙率']\n"
    "assert (r['実績値1'], r['実績値1西暦年']) == ('14.9%', '2024'), r\n"
    "assert r['達成率(%)'] == '39.6', r\n"
    "r = by['消防団員数（4月1日現在）']\n"
    "assert r['方向'] == '維持' and r['達成率(%)'] == '', r\n"
    "j = next(i for i in inds if i['name'] == '個別避難計画の作成件数')\n"
    "b = j['values'][0]\n"
    "assert (b['field'], b['year'], b['month'], b['fiscal'], b['year_text']) == "
    "('baseline', 2025, 3, False, 'R7年3月末'), b\n"
    "assert j['table'] == 'kpi-disaster' and j['measure']['number'] == '1-3', j\n"
    "print('ok', len(rows))\n";

static int check_exports(const char *dir)
{
	char script[4096];
	snprintf(script, sizeof script, "%s/check.py", dir);
	write_file(dir, "check.py", CHECK);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 %s %s", script, dir);
	return system(cmd);
}

Test(indicators_export, build_writes_both_and_they_agree)
{
	const char *argv[] = {
	    "build", PLANCC_SOURCE_DIR "/source-docs", "-o", out, "--format", "data", NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	cr_assert_eq(check_exports(out), 0);
}

Test(indicators_export, the_indicators_command_writes_the_same_bytes)
{
	const char *argv[] = {
	    "build", PLANCC_SOURCE_DIR "/source-docs", "-o", out, "--format", "data", NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	const char *ext[] = {"csv", "json"};
	for (size_t i = 0; i < 2; i++) {
		char file[4096], built[4096];
		snprintf(file, sizeof file, "%s/sub/x.%s", out, ext[i]);
		snprintf(built, sizeof built, "%s/indicators.%s", out, ext[i]);
		const char *a2[] = {"indicators", PLANCC_SOURCE_DIR "/source-docs", "-o", file,
		                    NULL};
		r = run_plancc(NULL, a2);
		cr_assert_eq(r.status, 0, "%s", r.err);
		run_free(&r);
		size_t n1, n2;
		char *s1 = read_whole(file, &n1), *s2 = read_whole(built, &n2);
		cr_assert(s1 && s2 && n1 == n2 && !memcmp(s1, s2, n1), "%s differs", ext[i]);
		free(s1);
		free(s2);
	}
}

Test(indicators_export, a_failed_run_leaves_the_previous_files)
{
	char *plan = tmp_dir();
	write_file(plan, "00.md",
	           "---\ntitle: 計画\n---\n# 1 章\n\n```indicators\n指標名\t基準値\t目標値\n"
	           "率\t10%\t20%\n```\n");
	char file[4096];
	snprintf(file, sizeof file, "%s/i.csv", out);
	const char *argv[] = {"indicators", plan, "-o", file, NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	size_t n0;
	char *before = read_whole(file, &n0);
	cr_assert_not_null(before);
	/* now an error (an undefined term): exit 1, the file unchanged, no temporaries */
	write_file(plan, "00.md",
	           "---\ntitle: 計画\n---\n# 1 章\n\n[未定義](term:)\n\n```indicators\n"
	           "指標名\t基準値\t目標値\n率\t10%\t30%\n```\n");
	r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	size_t n1;
	char *after = read_whole(file, &n1);
	cr_assert(after && n0 == n1 && !memcmp(before, after, n0));
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls %s | grep tmp)\"", out);
	cr_assert_eq(system(cmd), 0, "temporary files left");
	free(before);
	free(after);
	/* an unknown extension is a usage error */
	snprintf(file, sizeof file, "%s/i.xlsx", out);
	const char *bad[] = {"indicators", plan, "-o", file, NULL};
	r = run_plancc(NULL, bad);
	cr_assert_eq(r.status, 2);
	run_free(&r);
	remove_tree(plan);
	free(plan);
}
