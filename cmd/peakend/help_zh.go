package main

// chineseHelp holds each command's summary and usage text in Chinese,
// beside the English in the command itself. A command missing here (or
// with an empty usage) falls back to English; TestCatalog lists it.
var chineseHelp = map[string]struct{ summary, usage string }{
	"version": {"显示 peakend 的版本及它读取的蓝图格式版本", `用法：peakend version

显示 peakend 的版本及它读取的蓝图格式版本。

示例：
  $ peakend version
  peakend devel (blueprint format 1)
`},
	"fmt": {"把蓝图改写成规范格式，保留注释", `用法：peakend fmt [-w|-l|-d] [文件...]

按规范格式排版蓝图：键按格式规定的顺序，两个空格缩进，保留注释。没有
文件时读标准输入。超过 8 MiB 的文档一读到该大小即拒绝。与 gofmt 相同：
默认打印结果；-w 改写文件，-l 列出格式不同的文件，-d 打印差异。-w 以原
子方式写入（先写在旁边再改名），保留权限，拒绝只读文件。无法按 YAML
读取时退出码为 2，无法写入时为 1，否则为 0。

示例：
  $ peakend fmt -l examples/servicehall/hall.yaml
  $ peakend fmt -w hall.yaml
`},
	"lint": {"检查蓝图文档，报告每个问题及其位置", `用法：peakend lint [-v] [--strict] 文件...

检查每个蓝图——先检查文档本身，再检查其关键时刻的方法——并以
文件:行:列: 信息 的形式按位置顺序打印每个问题。带 extends 的叠加蓝图与
其基础蓝图合并后检查。-v 为每个没有问题的文件打印一行 "ok"。蓝图及其
extends 引用的文件只在 --root 目录（默认当前目录）内读取。文件没有问题
或只有警告时退出码为 0，有错误（或用 --strict 时有警告）为 1，用法错误
为 2。

示例：
  $ peakend lint examples/servicehall/hall.yaml
  $ peakend lint --strict hall.yaml
  hall.yaml:12:5: unknown key "stge" (did you mean stage?)
`},
	"render": {"把蓝图画成墙面海报（SVG、PDF、PNG，或 Graphviz 的 DOT）", `用法：peakend render [-o 输出] [--format svg|pdf|png|dot] [--paper A0|A1|A2|A3|A4|fit]
                      [--landscape] [--lang 语言] [--journey 编号] [--date 文字]
                      [--font 文件] [--dpi N] [--visits 文件]... 蓝图

把蓝图画成海报：按 Bitner 的顺序排列泳道，画出互动线、可视线和内部互动线，
阶段为列，画出流程、每个来厅目的的峰值与终值、等候点与失误点，并在每个
时刻下方写出其标准的目标与基准值。格式取自 -o 的扩展名，否则取 --format
（默认 svg）。文字先用 --font 给出的字体，再用 peakend 内嵌的字体；
没有任何字体包含的字符会报错并指出该字符。纸张默认是文字仍保持 80% 大小
的最小纸张，可用 --paper 指定。--journey 突出显示一个来厅目的的路径，
其余变淡。蓝图及其 extends 引用的文件只在 --root 目录（默认当前目录）内
读取；render 检查文档本身，"peakend lint" 还检查关键时刻的方法。用
--visits（每个文件给一次，来访参数同 score）时，每个触点还显示其平均评分
（量表上的色带和数字），每个有测量的标准显示达标比例，数据不支持的声明
峰值标出来访的峰值实际落在哪里；图例说明这些标记。

示例：
  $ peakend render examples/servicehall/hall.yaml -o hall.svg
  $ peakend render --lang en --journey counter --paper A1 -o counter.svg examples/servicehall/hall.yaml
  $ peakend render --paper A1 --landscape -o hall.pdf examples/servicehall/hall.yaml
`},
	"report": {"把来访对照蓝图画成一个 HTML 报告，每个来厅目的一页", `用法：peakend report [-o 输出] [--format html|json] [--lang 语言] [--journey 编号]
                      [来访参数同 score] 蓝图 来访...

写出一个自包含的 HTML 文件（字体、样式和图表都在文件内，没有脚本）：先是
总览——各来厅目的的峰终值分布、读取的文件、没有对上来厅目的或触点的来访；
然后每个来厅目的一页：体验曲线（每一步的平均评分、中间一半评分的范围、
n、中性线、声明的峰值和终值），来访的峰值、最差时刻和终值落在哪里，
"peakend moments" 的发现（用文字写出），"peakend leverage" 的改进点（含
更好的结尾），以及每个标准与达标比例。每页打印为一张 A4。--format json
写出同样的数字（结构见 mot/report/schema.json）。--lang zh 时文字为中文；
名称按 --lang，否则按蓝图的 locale。蓝图及其 extends 引用的文件只在
--root 目录（默认当前目录）内读取。

示例：
  $ peakend simulate --visits 100000 --seed 1 > visits.csv
  $ peakend report examples/servicehall/hall.yaml visits.csv -o report.html
`},
	"score": {"按峰终定律为记录的来访评分：每次来访一行特征 CSV", `用法：peakend score [-o 文件] [--scale 最小..最大] [--neutral X] [--higher better|worse]
                     [--input-format csv|jsonl] [--unsorted] [--rejects 文件]
                     [--blueprint 文件] [--summary [--lang 语言]] 文件...

读取来访数据（整齐的 CSV，每个时刻一行；或 JSON Lines，每次来访一行；
"-" 表示标准输入），按输入顺序为每次来访写出一行 CSV：visit、purpose、
moments、duration、first、peak、peak_touchpoint、best、worst、end、
end_touchpoint、mean、time_mean、trend、peak_end、remembered。空单元格
表示"没有数据"。用 --summary 时，改为每个来厅目的一行平均特征；再加
--lang zh，列名为中文、注明时长单位，并在有 --blueprint 时在编号旁写出
来厅目的的名称（系统语言环境不会改变 CSV 的列，脚本在任何机器上读到的
列都相同）。第一行错误数据即停止（退出码 1）；用 --rejects 时，每一行
错误数据连同行号和原因写入该文件，其余照常评分，退出码为 3。

示例：
  $ peakend score visits.csv
  visit,purpose,moments,duration,first,peak,peak_touchpoint,...
  v1,counter,4,1290,4,1,wait-seat,...
  $ peakend score --summary --lang zh --blueprint examples/servicehall/hall.yaml visits.csv
`},
	"moments": {"找出来访数据中的峰值与终值，并与蓝图中声明的对照", `用法：peakend moments [--format table|csv|json] [--lang 语言] [--strict]
                       [与 score 相同的来访数据选项] 蓝图 来访数据...

对每个来厅目的和触点给出：它是来访的峰值、最差时刻、最好时刻和终值的
比例，平均评分，不高于失败线的评分比例，以及经过它的来访的平均峰终值；
然后用平实的话说明数据与声明的峰值和终值哪里一致、哪里不一致——只有
差异超出偶然（精确二项检验，p < 0.05）时才下结论，否则说"来访太少，
无法判断"；再给出每项标准的目标与基准值，以及（来访带有时长时）达标的
比例；最后是各列的说明。来厅目的或触点不在蓝图中的来访会被计数并列出，
不会丢弃；用 --strict 时它们使退出码为 1。评分量表取自蓝图。用 --lang zh
或中文语言环境（LC_ALL、LC_MESSAGES 或 LANG，如 zh_CN.UTF-8）时，表格
的标题、名称、单位、结论和说明都是中文；否则为英文（CSV 和 JSON 只看
--lang）。蓝图及其 extends 引用的文件只在 --root 目录（默认当前目录）内
读取。

示例：
  $ peakend simulate --visits 100000 --seed 1 > visits.csv
  $ peakend moments --lang zh examples/servicehall/hall.yaml visits.csv
`},
	"leverage": {"排出改进哪个触点最能改变顾客的记忆", `用法：peakend leverage [--journey 编号] [--end-rating X] [--format table|csv]
                        [--bootstrap N] [--seed S] [--lang 语言]
                        [与 score 相同的来访数据选项] 蓝图 来访数据...

对每个来厅目的的每个触点给出：若它的评分都提高一分，来厅目的平均峰终值
的变化；来访带有回忆评分时，再给出用回忆评分对峰值、终值、平均、时长、
首个时刻和趋势做最小二乘拟合所预测的回忆评分变化；从强到弱排列。最后
一行是"更好的结尾"：在每次来访最后加上一个评分为 X（默认最高分）的
时刻。每个变化都有 95% 区间，来自对来访的泊松自助法（--bootstrap N 次
重抽样，权重由来访编号和 --seed 计算，相同数据得到相同区间），拟合公式
保持不变；来访少于 100 次的来厅目的会注明排名不可靠。蓝图及其 extends
引用的文件只在 --root 目录（默认当前目录）内读取。

示例：
  $ peakend leverage --lang zh --journey counter examples/servicehall/hall.yaml visits.csv
`},
	"cards": {"为每个关键时刻打印一张上墙的行动指引卡（HTML 或 Markdown）", `用法：peakend cards [--lang 语言] [-o cards.html|cards.md] 蓝图

按研究中的栏目为每个关键时刻写一张卡片——关键时刻、客户核心需求、服务
要点指引、详细描述（带行为标签）、责任人、实施过程中的重点提示——以及
它的标准、目标与基准值（带单位），卡片底部有术语说明。HTML 每张卡片打印
为一页 A4；-o 用 .md 时写 Markdown。没有 -o 时 HTML 写到标准输出。没有
--lang 时，中文语言环境（LANG=zh_CN.UTF-8）得到中文卡片。蓝图及其
extends 引用的文件只在 --root 目录（默认当前目录）内读取。

示例：
  $ peakend cards --lang zh -o cards.html examples/servicehall/hall.yaml
  $ chromium --headless --print-to-pdf=cards.pdf cards.html
`},
	"export": {"把每个来厅目的导出为 Mermaid 旅程图", `用法：peakend export --mermaid [--lang 语言] [-o 文件] 蓝图 [来访数据...]

把每个来厅目的写成 Mermaid 的 "journey" 图：section 是阶段，task 是步骤；
有来访数据时，每个 task 的分数是该触点的平均评分映射到 Mermaid 的 1..5
（没有来访数据时每个 task 都是中性的 3，因为 Mermaid 要求有分数）。可粘贴
到任何能显示 Mermaid 的 Markdown 中：每个名称都按原样显示（不会被当作关键字
或注释）。蓝图及其 extends 引用的文件只在 --root 目录（默认当前目录）内
读取。

示例：
  $ peakend export --mermaid examples/servicehall/hall.yaml visits.csv
`},
	"compare": {"用回忆评分比较峰终定律与其他规则", `用法：peakend compare [--bootstrap N] [--seed S] [--window 秒] [--half-life K]
                       [与 score 相同的来访数据选项] 文件...

对每次有回忆评分的来访，用每条规则——peak-end、mean、time-mean、peak、
end、first、best、worst、trend、recency——评分，并写出 CSV，Pearson r
最高的在前：rule、n、pearson、pearson_low、pearson_high（自助法 95% 区间）、
spearman、rmse、mae。用 --window 时，另加一条把终值取为来访最后若干秒
平均的 peak-end（Redelmeier 和 Kahneman 用 180 秒）。

示例：
  $ peakend simulate --visits 20000 --seed 3 --memory peak=0.5,end=0.5,noise=0.3 > v.csv
  $ peakend compare v.csv
`},
	"fit": {"用峰值、终值、平均、时长等对回忆评分做回归", `用法：peakend fit [--features a,b,c] [与 score 相同的来访数据选项] 文件...

用最小二乘拟合 回忆评分 = 截距 + Σ 权重·特征，只用有回忆评分且每个特征
都有值的来访，并写出 CSV：term、estimate、std_error、t、p，每行后面是 n、
r2 和 adj_r2。默认特征为 peak、end、mean、duration、first 和 trend：
duration 的权重接近零，就是你的数据中的"时长忽视"。

示例：
  $ peakend fit visits.csv
  $ peakend fit --features peak,end,mean visits.csv
`},
	"simulate": {"按已知的记忆模型生成来访，检验分析能否还原它", `用法：peakend simulate --visits N --seed S [--blueprint 文件]
                        [--memory peak=0.4,end=0.4,mean=0.2,noise=0.5] [--format csv|jsonl]

写出 N 次模拟来访，格式与 "peakend score" 读取的相同。来厅目的和步骤取自
蓝图的来厅目的（评分在中性附近，等候时长与其标准相当），默认取内置的
服务营销厅来厅目的，其中等候的评分偏低。回忆评分是记忆模型对特征的加权
和加上高斯噪声，并保持在量表内。相同的种子得到相同的来访。蓝图及其
extends 引用的文件只在 --root 目录（默认当前目录）内读取。

示例：
  $ peakend simulate --visits 1000 --seed 1 > visits.csv
`},
}

// chineseFlags holds the flags' help in Chinese: "command flag" for a
// command's own wording, "flag" for the wording shared by every command.
// A name in backquotes is the flag's argument, as package flag reads it.
var chineseFlags = map[string]string{
	"q":                  "安静模式：不在标准错误上说明写了哪些文件",
	"root":               "只在 `目录` 内读取蓝图及其 extends 引用的文件",
	"scale":              "评分量表 `最小..最大`（默认 1..5，或蓝图的量表）",
	"neutral":            "中性评分（默认：量表中点）",
	"higher":             "评分越高越 `better`（默认）还是 worse（如疼痛量表）",
	"input-format":       "输入格式，csv 或 jsonl（默认：按扩展名，否则 csv）",
	"unsorted":           "允许同一来访的行出现在输入的任何位置（输入会全部放入内存）",
	"rejects":            "把错误的行写入 `文件`，其余照常评分（有错误行时退出码为 3）",
	"blueprint":          "从蓝图 `文件` 取评分量表",
	"verbatim":           "按原样写出文本单元格，供程序使用（默认在看起来像电子表格公式的单元格前加 '）",
	"strict":             "来访中有蓝图没有的来厅目的或触点时退出码为 1",
	"lint strict":        "把警告当作错误（退出码 1）",
	"lint v":             "为每个没有问题的文件打印一行 ok",
	"summary":            "打印每个来厅目的的平均特征，而不是每次来访一行",
	"score lang":         "与 --summary 一起：列名（有 --blueprint 时还有来厅目的名称）用 `语言`（zh 或 en），供人阅读",
	"lang":               "名称的语言（默认：蓝图的 locale）",
	"cards lang":         "卡片的语言（默认：蓝图的 locale）",
	"render lang":        "所有文字的语言（默认：蓝图的 locale）",
	"o":                  "写入 `文件`，而不是标准输出",
	"cards o":            "写入 `文件`；.md 为 Markdown，否则为 HTML",
	"render o":           "写入 `输出`，而不是标准输出；扩展名决定格式",
	"moments format":     "输出格式：table、csv 或 json",
	"leverage format":    "输出格式：table 或 csv",
	"render format":      "svg、pdf、png 或 dot（默认：按 -o 的扩展名，否则 svg）",
	"simulate format":    "输出格式，csv 或 jsonl",
	"format":             "--input-format 的旧写法",
	"journey":            "只显示来厅目的 `编号`",
	"render journey":     "突出显示来厅目的 `编号`，其余变淡",
	"end-rating":         "追加的更好结尾的评分（默认：最高分）",
	"leverage bootstrap": "每个变化的 95% 区间所用的自助法重抽样次数（0：不计算）",
	"compare bootstrap":  "r 的区间所用的自助法重抽样次数（0：不计算）",
	"leverage seed":      "自助法的种子",
	"compare seed":       "自助法的种子",
	"seed":               "随机种子",
	"window":             "另加一条把终值取为最后 `秒` 平均的 peak-end 比较",
	"half-life":          "recency 规则的半衰期，以时刻计",
	"features":           "拟合用的特征，以逗号分隔",
	"visits":             "生成多少次来访",
	"memory":             "记忆模型：特征权重、截距和噪声",
	"simulate blueprint": "从蓝图 `文件` 取来厅目的和量表",
	"mermaid":            "写出 Mermaid 旅程图（目前唯一的导出格式）",
	"paper":              "A0、A1、A2、A3、A4 或 fit（默认：能放下的最小纸张）",
	"landscape":          "横向纸张",
	"date":               "标题栏中的日期；为空则不写",
	"font":               "放在内嵌字体之前使用的 TrueType 字体 `文件`",
	"dpi":                "PNG 的分辨率",
	"w":                  "把结果写回文件，而不是标准输出",
	"l":                  "列出格式不同的文件",
	"d":                  "打印差异，而不是改写",
	"compare cluster":    "按 `列` 整群重抽样和分折：customer、site 或 purpose",
	"fit cluster":        "按 `列` 聚类的 CR1 标准误：customer、site 或 purpose",
	"cv":                 "改为用 `K` 折交叉验证",
	"repeat":             "交叉验证重复的次数，每次重新分折",
	"end-slope":          "end_slope 取最后 `K` 个时刻",
	"peak":               "峰值取最强烈（`intense`）的时刻，或最好（best）、最差（worst）的时刻",
	"robust":             "HC1 标准误，对方差不等稳健",
	"against":            "与只用这些 `特征`（--features 的一部分）的拟合作检验",
	"customers":          "每次来访的顾客从 `N` 位顾客中抽取",
	"sites":              "每次来访的营业厅从 `M` 个营业厅中抽取",
	"customer-sd":        "顾客效应的标准差",
	"site-sd":            "营业厅效应的标准差",
	"encoding":           "输入编码，`utf-8 或 gb18030`（默认：UTF-8；文本不是 UTF-8 而能按 GB18030 解码时用 GB18030）",
	"sep":                "CSV 输入的分隔符，`comma、tab 或 semicolon`（默认：表头中制表符多于逗号时为 tab）",
	"tz":                 "带日期、不带时区的时间所在的`时区`，如 Asia/Shanghai 或 +08:00（默认 UTC）",
	"sheet":              "读取 .xlsx 工作簿中名为 `名称` 的工作表（默认：第一个）",
	"missing":            "缺少评分（N/A、NA、-、无、空）的来访：`reject-visit`（默认，整次来访拒收）或 skip（跳过该时刻）",
	"report o":           "写入 `输出`，而不是标准输出",
	"report format":      "输出格式：html 或 json",
	"report lang":        "名称和文字的语言（默认：蓝图的 locale）",
	"report journey":     "只报告来厅目的 `编号`",
	"render visits":      "从来访 `文件` 取测量值画在海报上（每个文件给一次）",
}
