#!/usr/bin/env python3
"""Writes the hostile-input corpus (tests/hostile/README.md) into a folder.

    make-cases.py TARGET [CASE...]

Each case becomes the plan folder TARGET/CASE. Some cases need more than a
plan folder; the generator makes that too:

  TARGET/_outside/          files that symlinks in the plans lead to
  TARGET/CASE.blocker       a regular file (for -o CASE.blocker/out)
  TARGET/CASE.v2/           a second version of the plan (half-way write)

The big cases are generated here rather than committed. cases.tsv, beside
this script, lists every case with its expected exit status and first
diagnostic. Standard library only.
"""
import os
import stat
import sys

FM = "---\ntitle: 耐性試験計画\n---\n"  # lines 1-3

CASES = {}


def case(fn):
    CASES[fn.__name__.replace("_", "-")] = fn
    return fn


def put(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


# ---- bytes and line ends ----

@case
def invalid_utf8(d, t):
    # line 7, character 3: the 0xFF byte
    put(f"{d}/00.md", (FM + "\n# 1 総論\n\n本文").encode() + b"\xff" + "です。\n".encode())


@case
def invalid_utf8_overlong(d, t):
    # an overlong NUL (C0 80) and a surrogate (ED A0 80) on line 5
    put(f"{d}/00.md", FM.encode() + b"\nab\xc0\x80 \xed\xa0\x80\n")


@case
def invalid_utf8_truncated(d, t):
    # the file ends in the middle of a 3-byte sequence: line 5, character 3
    put(f"{d}/00.md", (FM + "\n本文").encode() + b"\xe3\x81")


@case
def nul_byte(d, t):
    # line 5, character 3
    put(f"{d}/00.md", FM.encode() + b"\nab\x00cd\n")


@case
def nul_only(d, t):
    put(f"{d}/00.md", b"\x00" * 4096)


@case
def bom(d, t):
    put(f"{d}/00.md", b"\xef\xbb\xbf" + (FM + "\n# 1 総論\n\n本文です。\n").encode())


@case
def bom_twice(d, t):
    # only the first BOM is a BOM; the second is U+FEFF on line 1 before ---,
    # removed as a pasted zero-width character (with a warning)
    put(f"{d}/00.md", b"\xef\xbb\xbf\xef\xbb\xbf" + (FM + "\n# 1 総論\n").encode())


def eol_plan(eol):
    text = (FM + "\n"                         # 4
            "# 1 総論\n"                      # 5
            "\n"                              # 6
            "本文に[未定義語](term:)。\n")     # 7: error, column 4
    return text.replace("\n", eol).encode()


@case
def crlf(d, t):
    put(f"{d}/00.md", (FM + "\n# 1 総論\n\n本文です。\n").replace("\n", "\r\n").encode())


@case
def crlf_error_line(d, t):
    put(f"{d}/00.md", eol_plan("\r\n"))


@case
def cr_only(d, t):
    put(f"{d}/00.md", (FM + "\n# 1 総論\n\n本文です。\n").replace("\n", "\r").encode())


@case
def cr_only_error_line(d, t):
    put(f"{d}/00.md", eol_plan("\r"))


@case
def mixed_eol(d, t):
    # CRLF, CR and LF mixed in one file; the error is on line 7, character 4
    put(f"{d}/00.md", b"---\r\ntitle: x\r---\n\r\n# 1 a\r\r\n" + "本文に[未定義語](term:)。\n".encode())


# ---- size ----

@case
def line_10mb(d, t):
    # one paragraph line of 10 MB, with a defined term in it many times
    unit = "市民と行政の協働によるまちづくりを進めます。"
    n = 10 * 1024 * 1024 // len(unit.encode())
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n```glossary\n用語\t読み\t説明\n協働\tきょうどう\t力を合わせること。\n```\n\n"
        + unit * n + "\n")


@case
def line_at_limit(d, t):
    # the longest line allowed (PC_MAX_LINE_BYTES, 1 MiB), the term in it
    # throughout: it builds, in bounded time and memory
    unit = "市民と行政の協働によるまちづくりを進めます。"
    n = 1024 * 1024 // len(unit.encode())
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n```glossary\n用語\t読み\t説明\n協働\tきょうどう\t力を合わせること。\n```\n\n"
        + unit * n + "\n")


@case
def line_10mb_ascii(d, t):
    # 10 MB of one ASCII word-ish run without spaces: no word boundary anywhere
    put(f"{d}/00.md", FM + "\n# 1 a\n\n" + "a" * (10 * 1024 * 1024) + "\n")


@case
def line_brackets_2mb(d, t):
    # 2 MB of '[' then ']' on one line: cmark's bracket handling must stay
    # linear (it costs about 160 bytes of memory per bracket)
    n = 1024 * 1024
    put(f"{d}/00.md", FM + "\n# 1 a\n\n" + "[" * n + "]" * n + "\n")


@case
def file_too_big(d, t):
    # a sparse 65 MB chapter: refused by size before it is read
    put(f"{d}/00.md", FM + "\n# 1 a\n")
    with open(f"{d}/01.md", "wb") as f:
        f.truncate(65 * 1024 * 1024)


@case
def headings_5k(d, t):
    # 5,000 measures, each opening a page: a booklet of about 5,100 pages
    lines = [FM, "\n# 1 総論\n"]
    for i in range(5000):
        lines.append(f"\n## 1-{i + 1} 施策{i + 1}\n")
    put(f"{d}/00.md", "".join(lines))


@case
def headings_100k(d, t):
    # 100,000 measures: the site and the data are written, the PDF would
    # have over 100,000 pages and is refused (PC_MAX_PAGES)
    lines = [FM, "\n# 1 総論\n"]
    for i in range(100000):
        lines.append(f"\n## 1-{i + 1} 施策{i + 1}\n")
    put(f"{d}/00.md", "".join(lines))


@case
def headings_100k_same_title(d, t):
    # no numbers, one title: every id is derived, none may clash
    put(f"{d}/00.md", FM + "\n# 総論\n" + "\n## 同じ見出し\n" * 100000)


@case
def headings_100k_dup_id(d, t):
    # one explicit id used 100,000 times: 99,999 errors, first at line 7
    put(f"{d}/00.md", FM + "\n# 1 総論 {#a}\n" + "\n## 見出し {#a}\n" * 100000)


# ---- nesting ----

@case
def lists_10k_deep(d, t):
    # "- - - … x" on line 5 nests 10,000 lists
    put(f"{d}/00.md", FM + "\n" + "- " * 10000 + "x\n")


@case
def quotes_10k_deep(d, t):
    put(f"{d}/00.md", FM + "\n" + "> " * 10000 + "x\n")


@case
def lists_quotes_10k_deep(d, t):
    put(f"{d}/00.md", FM + "\n" + "> - 1. " * 3334 + "x\n")


@case
def lists_indented_1k_deep(d, t):
    # nested by indentation over 1,000 lines (10,000 would be 100 MB of spaces)
    put(f"{d}/00.md", FM + "\n" + "".join("  " * i + "- x\n" for i in range(1000)))


@case
def emphasis_50k_deep(d, t):
    put(f"{d}/00.md", FM + "\n" + "*a " * 50000 + "b" + "* " * 50000 + "\n")


@case
def links_50k_deep(d, t):
    put(f"{d}/00.md", FM + "\n" + "[a" * 50000 + "](x)" * 50000 + "\n")


# ---- tables ----

@case
def table_10k_cols(d, t):
    # header of 10,000 columns: over the limit, reported at the header (line 6)
    head = "\t".join(f"列{i}" for i in range(10000))
    row = "\t".join(str(i) for i in range(10000))
    put(f"{d}/00.md", FM + "\n```table\n" + head + "\n" + row + "\n```\n")


@case
def table_pipe_10k_cols(d, t):
    head = "|" + "|".join(f"c{i}" for i in range(10000)) + "|"
    put(f"{d}/00.md", FM + "\n```table\n" + head + "\n```\n")


@case
def table_256_cols(d, t):
    # exactly at the limit: fine
    head = "\t".join(f"列{i}" for i in range(256))
    row = "\t".join(f"<b>{i}</b>" for i in range(256))
    put(f"{d}/00.md", FM + "\n```table\n" + head + "\n" + row + "\n```\n")


@case
def pipe_row_100k_cells(d, t):
    # header of 2 cells, a separator, a data row of 100,000 cells on line 8
    put(f"{d}/00.md", FM + "\n```table\n| a | b |\n|---|---|\n|" + "x|" * 100000 + "\n```\n")


@case
def tab_row_100k_cells(d, t):
    put(f"{d}/00.md", FM + "\n```table\na\tb\n" + "x\t" * 100000 + "y\n```\n")


@case
def table_100k_rows(d, t):
    put(f"{d}/00.md", FM + "\n```table\n項目\t内容\n" + "".join(f"{i}\t事業{i}\n" for i in range(100000)) + "```\n")


@case
def table_100001_rows(d, t):
    # one row over PC_MAX_TABLE_ROWS: an error at that row (line 100,006)
    put(f"{d}/00.md", FM + "\n```table\n項目\t内容\n" + "".join(f"{i}\t事業{i}\n" for i in range(100001)) + "```\n")


@case
def table_unclosed_fence(d, t):
    # an unclosed fence runs to the end of the file: a table of what follows
    put(f"{d}/00.md", FM + "\n```glossary\n用語\t読み\t説明\n" + "語\tご\t説明\n" * 3)


# ---- numbers ----

@case
def indicator_400_digits(d, t):
    big = "9" * 400
    frac = "0." + "1" * 400
    put(f"{d}/00.md", FM +
        "\n```indicators\n"                                          # 5
        "指標名\t基準値 (R2年度)\t中間目標値 (R5年度)\t目標値 (R8年度)\n"  # 6
        f"件数\t{big} 件\t{frac} 件\t{big}万件\n"                      # 7
        "```\n")


@case
def indicator_400_digit_years(d, t):
    big = "9" * 400
    put(f"{d}/00.md", FM +
        "\n```indicators\n"                                          # 5
        f"指標名\t基準値 (R{big}年度)\t目標値 ({big}年度)\n"           # 6
        f"件数\t1 件 @ H{big}年\t2 件 @ 令和{big}({big})年度\n"        # 7
        "```\n")


@case
def indicator_400_digits_fullwidth(d, t):
    big = "９" * 400
    put(f"{d}/00.md", FM +
        "\n```indicators\n"
        "指標名\t基準値\t目標値\n"
        f"件数\t{big}\t１,{'０００,' * 130}０００億円\n"
        "```\n")


# ---- markup in names ----

SCRIPT = "<script>alert(1)</script>"
ATTR = "\"' onmouseover=\"alert(3)"
IMG = "<img src=x onerror=alert(2)>"


@case
def script_everywhere(d, t):
    # <script> and quotes in the title, headings, attribute values, term
    # names, index entries, link titles and cells; the plan is valid
    put(f"{d}/00.md",
        "---\n"
        f"title: 計画{SCRIPT}{ATTR}\n"
        f"subtitle: {IMG}\n"
        f"city: {ATTR}\n"
        f"edition: {SCRIPT}\n"
        "---\n"
        "\n"
        f"# 1 総論{SCRIPT} {{#intro label=\"'&amp;\" no=\"'&\"}}\n"
        "\n"
        f"本文 {SCRIPT} と {IMG} と &lt;script&gt; と [リンク](https://example.com/\"onmouseover=alert(4) \"{ATTR}\")。\n"
        "\n"
        f"<script>alert(5)</script>\n"
        "\n"
        f"詳しくは[](ref:intro)、[ダブル\"クォート](term:)、[ア<b>イ</b>](index:あい)。\n"
        "\n"
        "```glossary caption=\"<script>alert(6)</script>\"\n"
        "用語\t読み\t説明\n"
        f"ダブル\"クォート\t\t{SCRIPT}{ATTR}\n"
        f"シングル'クォート\t\t{IMG}\n"
        "```\n"
        "\n"
        "```table id=t1 caption=\"'<>&amp;\"\n"
        "項目\t内容\n"
        f"{SCRIPT}\t{ATTR}\n"
        f"`{IMG}`\t*{SCRIPT}*\n"
        "```\n"
        "\n"
        "```indicators\n"
        "指標名\t基準値\t目標値\t単位\n"
        f"{SCRIPT}\t1 {IMG}\t2 {IMG}\t{ATTR}\n"
        "```\n"
        "\n"
        f"```{SCRIPT}\n{SCRIPT}\n```\n")


@case
def script_in_id(d, t):
    # an id with markup is an error at the '{' ... '#' (line 5, character 6);
    # the chapter has text, so the error is the only diagnostic
    put(f"{d}/00.md", FM + f"\n# 1 a {{#{SCRIPT}}}\n\n本文。\n")


@case
def script_in_heading_attrs(d, t):
    # markup inside {…}: cmark makes it inline HTML, so the braces are not
    # one text node; an error at the '{' (line 5, character 7)
    put(f"{d}/00.md", FM + f"\n# 1 a {{#x label=\"{IMG}\"}}\n\n[](ref:x)\n")


@case
def emphasis_in_heading_attrs(d, t):
    # the same with emphasis: `{#x *y*}` is an error at the '{'
    put(f"{d}/00.md", FM + "\n# 1 a {#x *y*}\n\n本文。\n")


@case
def script_in_term_ref(d, t):
    # an undefined term named with markup: error on line 5, character 1
    put(f"{d}/00.md", FM + f"\n[x](term:{ATTR.replace(' ', '%20')})\n")


# ---- files and folders ----

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415478 9c63f8ffff3f0005fe02fe0def46b80000000049"
    "454e44ae426082".replace(" ", ""))


@case
def symlink_image_outside(d, t):
    put(f"{t}/_outside/x.png", PNG)
    put(f"{d}/00.md", FM + "\n図：![x](link.png)\n")  # line 5, character 3
    os.symlink(os.path.abspath(f"{t}/_outside/x.png"), f"{d}/link.png")


@case
def symlink_image_dir_outside(d, t):
    # a folder inside the plan that is a link to one outside
    put(f"{t}/_outside/img/x.png", PNG)
    put(f"{d}/00.md", FM + "\n図：![x](img/x.png)\n")
    os.symlink(os.path.abspath(f"{t}/_outside/img"), f"{d}/img")


@case
def symlink_chapter_outside(d, t):
    # 01.md is a link to a Markdown file outside the plan folder
    put(f"{t}/_outside/secret.md", "# 9 外部の章\n\n外の本文。\n")
    put(f"{d}/00.md", FM + "\n# 1 総論\n")
    os.symlink(os.path.abspath(f"{t}/_outside/secret.md"), f"{d}/01.md")


@case
def symlink_chapter_devzero(d, t):
    # a chapter that is a link to an endless device is not a regular file
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n本文です。\n")
    os.symlink("/dev/zero", f"{d}/01.md")


@case
def fifo_chapter(d, t):
    # a named pipe called 01.md: never opened (it would block forever)
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n本文です。\n")
    os.mkfifo(f"{d}/01.md")


@case
def symlink_loop_chapter(d, t):
    put(f"{d}/00.md", FM + "\n# 1 総論\n")
    os.symlink("02.md", f"{d}/01.md")
    os.symlink("01.md", f"{d}/02.md")


@case
def unreadable_file(d, t):
    # mode 000: as root, the test runs this case as nobody (root reads it anyway)
    put(f"{d}/00.md", FM + "\n# 1 総論\n")
    put(f"{d}/01.md", "## 1-1 施策\n")
    os.chmod(f"{d}/01.md", 0)


@case
def output_not_writable(d, t):
    # -o CASE.blocker/out where CASE.blocker is a file: fails even for root
    put(f"{d}/00.md", FM + "\n# 1 総論\n")
    put(f"{t}/output-not-writable.blocker", "not a folder\n")


@case
def write_fails_halfway(d, t):
    # built once from CASE, then from CASE.v2 with OUT/plan.pdf a folder:
    # the rename of plan.pdf fails after plan.json was written
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n一度目。\n")
    put(f"{d}.v2/00.md", "---\ntitle: 二度目の計画\n---\n\n# 1 総論\n\n二度目。\n")


@case
def empty_folder(d, t):
    os.makedirs(d, exist_ok=True)


@case
def empty_file(d, t):
    put(f"{d}/00.md", "")


@case
def front_matter_only(d, t):
    put(f"{d}/00.md", FM)


@case
def front_matter_unclosed_huge(d, t):
    put(f"{d}/00.md", "---\ntitle: x\n" + "key: value\n" * 100000)


@case
def folder_named_md(d, t):
    put(f"{d}/00.md/x.md", FM)
    put(f"{d}/01.md", FM + "\n# 1 総論\n\n本文です。\n")


@case
def many_files(d, t):
    # 5,000 chapter files
    put(f"{d}/0000.md", FM + "\n# 1 総論\n")
    for i in range(1, 5000):
        put(f"{d}/{i:04d}.md", f"## 1-{i} 施策\n\n本文{i}。\n")


# ---- glossary ----

def kana_word(i):
    """A distinct katakana word for i (no word contains another: same length)."""
    kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
    w = ""
    for _ in range(4):
        w += kana[i % len(kana)]
        i //= len(kana)
    return w


@case
def glossary_5000_terms(d, t):
    # 5,000 terms and a body of 2 MB that mentions many of them: the term
    # search must stay linear in the body (about terms × text would hang)
    rows = "".join(f"用語{kana_word(i)}\tようご\t説明{i}。\n" for i in range(5000))
    # (in lines of 3,000 sentences: one paragraph, each line under the limit)
    body = "".join(f"ここで用語{kana_word(i * 7 % 5000)}と書きます。" + ("\n" if i % 3000 == 2999 else "")
                   for i in range(60000))
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n```glossary\n用語\t読み\t説明\n" + rows + "```\n\n" + body + "\n")


@case
def glossary_shared_prefixes(d, t):
    # terms that are prefixes of one another (あ, ああ, あああ, …) and a body
    # of one long run of あ (as long as a line may be): longest match must
    # not rescan
    rows = "".join("あ" * (i + 1) + "\t\t説明。\n" for i in range(500))
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n```glossary\n用語\t読み\t説明\n" + rows + "```\n\n"
        + "あ" * 349000 + "\n")


@case
def term_single_char(d, t):
    # a one-character term found everywhere in 1 MB of text
    put(f"{d}/00.md", FM + "\n# 1 総論\n\n```glossary\n用語\t読み\t説明\n市\tし\t地方公共団体。\n```\n\n"
        + "市" * 300000 + "\n\n" + "市民と市役所の市政。\n\n" * 20000)


@case
def term_single_latin(d, t):
    put(f"{d}/00.md", FM + "\n# 1 a\n\n```glossary\n用語\t読み\t説明\nA\t\tエー。\n```\n\n"
        + "A " * 500000 + "\n\n" + "AAAA" * 250000 + "\n")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: make-cases.py TARGET [CASE...]")
    target = sys.argv[1]
    names = sys.argv[2:] or list(CASES)
    os.makedirs(f"{target}/_outside", exist_ok=True)
    for name in names:
        if name not in CASES:
            sys.exit(f"make-cases.py: no case {name}")
        d = f"{target}/{name}"
        os.makedirs(d, exist_ok=True)
        CASES[name](d, target)


if __name__ == "__main__":
    main()
