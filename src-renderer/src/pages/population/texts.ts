export const T = {
  title: { zh: '老年人口与特困人员数', en: 'Elderly population and extreme-poverty (tekun) persons' },
  year: { zh: '年份', en: 'Year' },
  help: {
    zh: '双击单元格（或选中后按回车）修改，回车或点击别处即保存；清空单元格表示未录入。统计某日的数字时，使用不晚于该年的最近一年数据。',
    en: 'Double-click a cell (or press Enter) to edit; Enter or clicking elsewhere saves. An empty cell means not entered. Figures as of a date use the latest year up to that date’s year.',
  },
  cityHelp: {
    zh: '全市一行可以留空：留空时，只要所有区县都已录入，全市数字按区县合计计算。',
    en: 'The city row may stay empty: then the city figure is the sum of the counties, as long as every county has one.',
  },
  region: { zh: '地区', en: 'Region' },
  code: { zh: '区划代码', en: 'Code' },
  population60: { zh: '60岁及以上人口', en: 'Population aged 60+' },
  population80: { zh: '80岁及以上人口', en: 'Population aged 80+' },
  tekunUnable: { zh: '生活不能自理特困人员数', en: 'Extreme-poverty (tekun) persons unable to care for themselves' },
  updatedAt: { zh: '最后修改', en: 'Last changed' },
  carried: { zh: '未录入（沿用 {y} 年：{v}）', en: 'Not entered (uses {y}: {v})' },
  notEntered: { zh: '未录入', en: 'Not entered' },
  city: { zh: '（全市）', en: ' (city)' },
  saved: { zh: '已保存：{region} {year} 年{field}', en: 'Saved: {region} {year}, {field}' },
  empty: { zh: '没有区县。请检查“设置”中的本市区划。', en: 'No counties. Check the home region in Settings.' },
  yearRange: { zh: '请输入 1949 到 2200 之间的年份', en: 'Enter a year between 1949 and 2200' },
  correctTitle: { zh: '更正 {year} 年的人口数', en: 'Correct a figure of {year}' },
  correctHint: {
    zh: '{year} 年已经过去，修改已录入的数字属于更正，请说明原因（会记入操作日志）。',
    en: '{year} is over: changing a figure already entered is a correction; say why (it goes into the audit log).',
  },
} as const;
