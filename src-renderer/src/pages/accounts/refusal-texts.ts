/** Texts of 操作日志 → 拒绝的访问. */
export const R = {
  logTab: { zh: '操作记录', en: 'Changes and logins' },
  tab: { zh: '拒绝的访问', en: 'Refused access' },
  intro: {
    zh: '因权限不足、超出权限范围或未登录而被拒绝的请求，按账号、操作和小时合计次数。同一账号短时间内多次被拒绝，可能是在试探他人的数据。',
    en: 'Requests refused for lack of permission, outside the account’s scope or without login, counted per account, action and hour. Many refusals of one account in a short time may mean it is probing other people’s records.',
  },
  hour: { zh: '时段', en: 'Hour' },
  user: { zh: '账号', en: 'Account' },
  procedure: { zh: '操作', en: 'Action' },
  reason: { zh: '原因', en: 'Reason' },
  count: { zh: '次数', en: 'Count' },
  lastAt: { zh: '最后一次', en: 'Last' },
  message: { zh: '最后一次的提示', en: 'Last message' },
  anonymous: { zh: '（未登录）', en: '(not logged in)' },
  refresh: { zh: '刷新', en: 'Refresh' },
  empty: { zh: '没有被拒绝的访问', en: 'No refused access' },
  FORBIDDEN: { zh: '无权限或超出范围', en: 'Not permitted or outside scope' },
  LOGIN_REQUIRED: { zh: '未登录', en: 'Not logged in' },
  SESSION_EXPIRED: { zh: '登录已超时', en: 'Session expired' },
} as const;
