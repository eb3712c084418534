/**
 * 帮助's texts: the figures' definitions follow docs/domain.md §6 (the section names are
 * given so a reader can look them up), the month cycle §14, the templates README.md 导入.
 */
export const H = {
  title: { zh: '帮助', en: 'Help' },
  intro: {
    zh: '本页说明各项统计指标的口径、每月的工作流程、导入模板，以及新数据库的起步步骤。口径与《docs/domain.md》一致，括号中为该文件的章节。',
    en: 'What each figure means, the monthly cycle, the import templates and the first steps on a new register. The definitions are those of docs/domain.md; its section is given in brackets.',
  },
  toc: { zh: '目录', en: 'Contents' },

  figuresTitle: { zh: '统计指标的口径', en: 'What the figures mean' },
  asOfRule: {
    zh: '所有数字都是“截至某一天”的情况：统计日期当天在运营的机构、当天在用的床位、当天在住的老人。月度数字取当月最后一天（§1 “As of a date”）。',
    en: 'Every figure is as of one day: facilities operating that day, beds in service that day, residents in care that day. A month counts as of its last day (§1 "As of a date").',
  },
  colFigure: { zh: '指标', en: 'Figure' },
  colDefinition: { zh: '计算方法', en: 'Definition' },
  colSection: { zh: '章节', en: 'Section' },
  bpt: { zh: '每千名老年人拥有养老床位数', en: 'Beds per thousand elderly' },
  bptDef: {
    zh: '床位数 ÷ 60 岁及以上人口 × 1000。床位数为统计日期当天在运营机构中在用、且类别计入统计的床位（计入哪些类别在“设置”中选择，默认全部三类）。没有人口数或人口为 0 时不计算，显示“—”。',
    en: 'Beds ÷ population aged 60+ × 1,000. Beds: in service on the day at facilities operating that day, of the counted categories (a setting, default all three). No population, or 0, gives no figure ("—").',
  },
  bptSection: { zh: '§6.1 Beds per thousand elderly', en: '§6.1 Beds per thousand elderly' },
  population: { zh: '人口（分母）', en: 'Population (the divisor)' },
  populationDef: {
    zh: '取统计日期所在年份或之前最近一年录入的 60 岁及以上人口（旁边注明沿用的年份）。全市：统计覆盖全部区县时用全市录入数，否则只有每个区县都有人口数时才求和，缺一个区县就不计算。',
    en: "The 60+ population of the latest year up to the date's year that has a figure (the year used is shown). The city: its own figure when all counties are covered, else the sum of the counties only when every county has one.",
  },
  populationSection: { zh: '§6.2 Population of a region', en: '§6.2 Population of a region' },
  nursing: { zh: '养老机构护理型床位占比', en: 'Nursing-type bed share' },
  nursingDef: {
    zh: '护理型床位 ÷ 全部床位，分子分母都只算“养老机构”类别（养老院、敬老院等）的在用床位；社区日间照料、农村互助幸福院的护理型床位不计入，无论每千人床位数计入哪些类别。没有养老机构床位时不计算。',
    en: 'Nursing-type beds ÷ all beds, both over the institution category only (nursing and support homes); community and mutual-aid beds never count here, whatever beds per thousand counts. No institution beds gives no figure.',
  },
  nursingSection: { zh: '§6.3 Nursing-type bed share', en: '§6.3 Nursing-type bed share' },
  occupancy: { zh: '床位入住率', en: 'Occupancy rate' },
  occupancyDef: {
    zh: '当天有老人入住的床位 ÷ 当天在用床位，按计入统计的类别。老人外出（请假）期间床位仍算占用。',
    en: 'Beds held by a stay on the day ÷ beds in service that day, over the counted categories. A bed whose resident is on leave is occupied.',
  },
  occupancySection: { zh: '§6.4 Occupancy rate', en: '§6.4 Occupancy rate' },
  tekun: { zh: '生活不能自理特困人员集中供养率', en: 'Centralized support rate (extreme-poverty (tekun) persons unable to care for themselves)' },
  tekunDef: {
    zh: '当天在机构集中供养（有在住记录）、自理能力为“部分丧失”或“完全丧失”的特困老人 ÷ 该区县当年录入的生活不能自理特困人员数（与人口一起录入，取当年或之前最近一年）。老人按户籍区县统计，未登记户籍区县的按机构所在区县。没有录入或为 0 时不计算。',
    en: "Extreme-poverty (tekun) residents whose self-care is partly or wholly lost, in residential care on the day ÷ the county's yearly count of such persons (entered with the population; latest year up to the date's). Residents count for their household county, else the facility's. No count, or 0, gives no figure.",
  },
  tekunSection: { zh: '§6.5 Centralized support rate', en: '§6.5 Centralized support rate' },
  plan: { zh: '规划目标、差距与建设进度', en: 'Targets, gaps and plan progress' },
  planDef: {
    zh: '目标按年份保存在“设置”中：某年适用的是该年或之后最近一个目标年份的目标，最后一个目标年份之后沿用最后的目标；区县自己的目标优先于全市目标。差距 = 实际 − 目标，任一缺失则不计算。建设进度把全市的机构数（按类型）、医养结合机构、敬老院床位、全部床位、护理员人数与建设目标比较。',
    en: "Targets are kept by year under Settings: a year uses the target of the nearest target year at or after it, and after the last one the last target; a county's own target overrides the city's. Gap = actual − target, none when either is missing. Plan progress compares the city's counts (facilities by kind, medical-care facilities, support-home beds, all beds, care workers) with the build targets.",
  },
  planSection: { zh: '§6.7 Targets, gaps and plan progress', en: '§6.7 Targets, gaps and plan progress' },
  noFigure: {
    zh: '“—”表示无法计算（缺少人口、床位或目标），从不显示为 0；把鼠标移到“—”上可以看到原因。',
    en: '"—" means no figure (a population, beds or a target is missing), never 0; hover over it to see why.',
  },

  cycleTitle: { zh: '每月的工作流程', en: 'The monthly cycle' },
  cycleIntro: {
    zh: '每月初报上个月：月度数字都是当月最后一天的情况。',
    en: 'Early each month you report the month before: its figures are as of its last day.',
  },
  cycle1: { zh: '登记', en: 'Register' },
  cycle1Desc: { zh: '机构、床位、入住、离院、评估随时登记；补录以前的事项时填写实际日期（开办、启用、入住日期）。', en: 'Facilities, beds, admissions, discharges and assessments as they happen; for earlier events enter the real date.' },
  cycle2: { zh: '数据质量', en: 'Data quality' },
  cycle2Desc: { zh: '在“数据质量”页处理错误和警告；默认显示今天，签发前选择上月末核对。', en: 'Fix the errors and warnings on Data quality; it shows today by default, check the end of last month before signing.' },
  cycle3: { zh: '关账', en: 'Close' },
  cycle3Desc: { zh: '在“月报”页关账：当月全部数字被冻结保存，成为上报的数字。', en: 'Close the month on Monthly report: all its figures are frozen as reported.' },
  cycle4: { zh: '导出 / 打印', en: 'Export / print' },
  cycle4Desc: { zh: '导出月报工作簿（封面、分区县数字、机构明细等）或打印，由科室负责人签字。', en: 'Export the monthly workbook (cover, figures by county, facility detail…) or print it for the section chief to sign.' },
  cycle5: { zh: '更正', en: 'Correct' },
  cycle5Desc: {
    zh: '关账后发现的错误照常更正：涉及已关账月份时先提示确认，过去日期需填写原因；已关账月份的数字不变，月报中列出与现在数字的差异。',
    en: 'Mistakes found later are corrected as usual: a correction reaching a closed month asks first, a past date needs a reason; the closed figures stay, and the month report lists the differences from the live figures.',
  },
  cycleSection: { zh: '§14 Monthly statistics and closing a month；§13 Data quality before signing', en: '§14 Monthly statistics and closing a month; §13 Data quality before signing' },

  exchangeTitle: { zh: '数据交换：机构、区县、市级之间', en: 'Exchange between facilities, counties and the city' },
  exchangeIntro: {
    zh: '每个机构、区县和市级各用一台电脑上的本程序，登记自己负责的记录，用“交换包”文件（U 盘或任何方式传递）互相送达。交换包经过签名和加密，U 盘丢失也看不到任何人的信息。',
    en: 'Each facility, county and the city runs the app on its own PC, keeps the records it is responsible for, and sends the others exchange packages (files, on a USB stick or any channel). Packages are signed and encrypted: a lost stick reveals nothing.',
  },
  exchange1: {
    zh: '登记：区县在“数据交换”页为本县机构生成登记文件（市级为区县生成），交给对方；对方用它建立本机数据，双方电话核对公钥指纹。登记文件只能使用一次。',
    en: 'Enrol: on 数据交换 the county makes an enrolment file for each of its facilities (the city for each county) and hands it over; the office starts from it, and both read out the key fingerprint by phone. An enrolment file works once.',
  },
  exchange2: {
    zh: '上报：每月初（截止日见“设置”，默认次月 5 日）生成上报包交给上级；没有新变化也要报送，上级据此知道“截至今天没有变化”。区县的上报包同时带上本县机构的数据。',
    en: 'Report: early each month (deadline in Settings, default the 5th) make a package for the section above — also when nothing changed, so it knows nothing happened. A county’s package carries its facilities’ data too.',
  },
  exchange3: {
    zh: '导入：把收到的交换包拖到“数据交换”页，可一次多个；重复导入、先后顺序颠倒都不会重复计入。每个包显示来自谁、数据截至哪天、各类记录多少条及导入结果。',
    en: 'Import: drag the packages received onto 数据交换, many at once; a package imported twice or out of order counts once. Each shows who sent it, through when, what it carried and what became of it.',
  },
  exchange4: {
    zh: '谁维护哪些记录：机构维护本院的床位、老人、入住、评估和职工数；区县维护机构登记、合同和人口；市级维护规划目标和设置。不归本机维护的记录只能查看，保存时会提示由谁维护。',
    en: 'Who keeps what: a facility its beds, residents, stays, assessments and staff counts; a county the facility register, contracts and population; the city the targets and settings. What another office keeps is read-only here, and a save says whose it is.',
  },
  exchange5: {
    zh: '电脑损坏或丢失：由登记它的上级在“数据交换”页重新登记（原电脑的密钥被吊销），新电脑从上级保存的数据开始；原电脑尚未上报的内容需要重新录入。',
    en: 'A PC that died or was lost: the section that enrolled it re-enrols the place on 数据交换 (the old key is revoked); the new PC starts from the section’s copy, and what the old one had not sent must be entered again.',
  },
  exchange6: {
    zh: '以前单独使用本程序的单位加入时不必重新录入：用登记文件加入，原有记录与上级的相同记录合并，自己的记录随首个上报包送达。',
    en: 'An office that used the app alone joins without re-entering anything: its records are merged with the section’s copy of the same records, and its own reach the section with its first package.',
  },

  importTitle: { zh: '导入模板', en: 'Import templates' },
  importIntro: {
    zh: '在“导入”页下载模板（表头、一行示例、下拉选项）。第 1 行表头必须包含模板的全部列（顺序不限），示例行以“示例”开头，导入前请删除。按 机构 → 床位 → 老人 → 入住 的顺序导入，人口可随时导入。任何一行有问题时整个文件都不写入，问题按“第 N 行 列名：…”列出。',
    en: 'Download each template on the Import page (header, a sample row, dropdowns). Row 1 must hold every column of the template (any order); the sample row starts with 示例 — delete it. Import facilities → beds → residents → stays; population any time. If any row has a problem nothing is written, and each problem is listed as "row N column: …".',
  },
  colTemplate: { zh: '模板', en: 'Template' },
  colColumns: { zh: '列', en: 'Columns' },
  colKey: { zh: '相同记录的判断', en: 'Same record when' },
  tplFacilities: { zh: '机构', en: 'Facilities' },
  tplBeds: { zh: '床位', en: 'Beds' },
  tplResidents: { zh: '老人', en: 'Residents' },
  tplStays: { zh: '入住', en: 'Stays' },
  tplPopulation: { zh: '人口', en: 'Population' },
  templateDates: {
    zh: '机构模板的“状态日期”是该状态开始的日期：状态为“运营”时即开办日期；床位的“启用日期”、入住的“入住日期”都填实际日期，否则不会计入以前月份的数字。',
    en: "A facility's 状态日期 is the day its status began — for 运营, the opening date; a bed's 启用日期 and a stay's 入住日期 take the real dates too, or they will not count in earlier months.",
  },
  countyCodes: { zh: '区县代码', en: 'County codes' },
  countyCodesIntro: { zh: '模板中的“区县代码”“户籍区县代码”填写 6 位行政区划代码：', en: 'The county code columns take the 6-digit region code:' },
  colCode: { zh: '代码', en: 'Code' },
  colName: { zh: '名称', en: 'Name' },
  openImport: { zh: '去导入 →', en: 'Open Import →' },

  firstRunTitle: { zh: '新数据库的起步步骤', en: 'First steps on a new register' },
  firstRunIntro: { zh: '首页的“起步清单”显示每一步是否完成，全部完成后自动隐藏。', en: 'The checklist on the dashboard shows each step done or not, and hides itself when all are done.' },
  step1: { zh: '单位信息：在“设置”中核对填报单位名称和所辖城市并保存。', en: 'Your unit: check the reporting unit and the home city in Settings and save.' },
  step2: { zh: '人口：在“人口”页为每个区县录入 60 岁及以上人口和生活不能自理特困人员数。', en: 'Population: enter the 60+ population and the count of extreme-poverty (tekun) persons unable to care for themselves for every county on Population.' },
  step3: { zh: '机构与床位：在“机构”页登记（开办日期、启用日期填实际日期），或导入机构、床位模板。', en: 'Facilities and beds: register them on Facilities (with their real opening dates), or import the templates.' },
  step4: { zh: '老人与入住：在“入住登记”办理（补录时填实际入住日期），或导入老人、入住模板。', en: 'Residents and stays: admit them on Admission (with the real admission date), or import the templates.' },
  step5: { zh: '关账：在“月报”页处理数据质量问题后关账，然后导出或打印月报。', en: 'Close: on Monthly report fix the data-quality issues, close the month, then export or print it.' },
} as const;
