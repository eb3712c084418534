/** The recovery-key card on the dashboard (RecoveryKeyCard.tsx). */
export const RK = {
  title: { zh: '请打印并妥善保管恢复密钥', en: 'Print and keep the recovery key' },
  body: {
    zh: '数据库已加密。换电脑或本机密钥丢失时，只有用这把恢复密钥才能打开数据库。它只显示这一次：请打印或抄写，锁进办公室保险柜。',
    en: 'The database is encrypted. On a new PC, or when this PC’s key is lost, only this recovery key opens the database. It is shown this once: print or copy it and lock it in the office safe.',
  },
  recoveryKey: { zh: '恢复密钥', en: 'Recovery key' },
  keyId: { zh: '密钥编号', en: 'Key id' },
  print: { zh: '打印', en: 'Print' },
  done: { zh: '我已打印并妥善保管', en: 'I have printed it and put it away' },
  confirmTitle: { zh: '不再显示恢复密钥？', en: 'Stop showing the recovery key?' },
  confirmBody: { zh: '确认后将不再显示恢复密钥。确定已经打印或抄写？', en: 'After this the recovery key is not shown again. Have you printed or copied it?' },
  confirmOk: { zh: '确定', en: 'Yes, it is printed' },
  acknowledged: { zh: '恢复密钥不会再显示', en: 'The recovery key will not be shown again' },
  /** On the printed sheet. */
  printedAt: { zh: '打印时间：{at}', en: 'Printed: {at}' },
  sheetHint: {
    zh: '恢复时：桌面版在打不开数据库时会提示输入恢复密钥；或运行 npm run --silent cli -- key recover --db 数据库文件。连字符和大小写可以忽略。',
    en: 'To recover: the desktop app asks for the recovery key when it cannot open the database; or run npm run --silent cli -- key recover --db <database file>. Dashes and case do not matter.',
  },
} as const;
