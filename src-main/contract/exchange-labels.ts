/** The shared tables in words, for what a package carried and what joining merged (the 数据交换 screen and the CLI). */
export const EXCHANGED_TABLE_LABELS: Record<string, { zh: string; en: string }> = {
  installs: { zh: '安装登记', en: 'installs' },
  settings: { zh: '设置', en: 'settings' },
  operators: { zh: '运营方', en: 'operators' },
  facilities: { zh: '机构', en: 'facilities' },
  facility_status_changes: { zh: '机构状态变更', en: 'facility status changes' },
  populations: { zh: '人口', en: 'populations' },
  targets: { zh: '规划目标', en: 'targets' },
  beds: { zh: '床位', en: 'beds' },
  residents: { zh: '老人', en: 'residents' },
  stays: { zh: '入住', en: 'stays' },
  leaves: { zh: '请假', en: 'leaves' },
  assessments: { zh: '评估', en: 'assessments' },
  contracts: { zh: '公建民营合同', en: 'contracts' },
  contract_evaluations: { zh: '合同考核', en: 'contract evaluations' },
  facility_licences: { zh: '机构证照', en: 'facility licences' },
  waiting_applications: { zh: '轮候申请', en: 'waiting-list applications' },
};

/** "机构 1、床位 3" — a count by table in words. */
export function countsByTable(counts: Record<string, number>, lang: 'zh' | 'en' = 'zh'): string {
  const parts = Object.entries(counts).map(([t, n]) => `${EXCHANGED_TABLE_LABELS[t]?.[lang] ?? t} ${n}`);
  return parts.join(lang === 'zh' ? '、' : ', ');
}
