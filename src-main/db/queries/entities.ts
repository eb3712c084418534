/** Entity names as users read them, for "not found" and audit messages. */
export const ENTITY = {
  region: { zh: '区县', en: 'Region' },
  facility: { zh: '机构', en: 'Facility' },
  bed: { zh: '床位', en: 'Bed' },
  resident: { zh: '老人', en: 'Resident' },
  stay: { zh: '入住记录', en: 'Stay' },
  assessment: { zh: '评估记录', en: 'Assessment' },
  operator: { zh: '运营方', en: 'Operator' },
  contract: { zh: '合同', en: 'Contract' },
  licence: { zh: '证照记录', en: 'Licence' },
  waitingApplication: { zh: '轮候申请', en: 'Waiting-list application' },
  target: { zh: '目标', en: 'Target' },
  user: { zh: '账号', en: 'Account' },
} as const;
