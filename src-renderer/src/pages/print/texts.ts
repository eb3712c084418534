/** Texts of the print pages (the form itself is Chinese, as the server describes it). */
export const P = {
  back: { zh: '返回', en: 'Back' },
  print: { zh: '打印', en: 'Print' },
  downloadXlsx: { zh: '下载 Excel', en: 'Download Excel' },
  hint: {
    zh: '预览为 A4 {orientation}；打印或另存为 PDF 时纸张方向按表样自动选择。',
    en: 'Preview on A4 {orientation}; printing or saving as PDF uses the form’s orientation.',
  },
  landscape: { zh: '横向', en: 'landscape' },
  portrait: { zh: '纵向', en: 'portrait' },
  badAddress: { zh: '打印地址不正确，请从机构页或首页重新打开。', en: 'Not a valid print address; open it again from the facility page or the dashboard.' },
  badMonth: { zh: '月份格式不正确：{m}（应为 2026-11 这样的年月）', en: 'Not a month: {m} (expected e.g. 2026-11)' },
} as const;

/** Said in the form (Chinese, like the rest of the form) where a table has no rows and no text of its own. */
export const EMPTY_TABLE = '（无）';
/** The label of a bar chart's target line. */
export const TARGET_LABEL = '目标';
