/**
 * 文件 → 导出 PDF: the page as it prints (the renderer's print stylesheet applies), on A4
 * landscape unless the page's CSS says otherwise (the print pages' @page rule sets a form's
 * orientation and margins: preferCSSPageSize), saved where the user chooses, written atomically. The renderer is not involved,
 * so the preload keeps its one function.
 */
import { dialog, type BrowserWindow } from 'electron';
import { toAppError } from '../api/errors';
import { todayIso } from '../domain/dates';
import { writeFileAtomic } from '../services/file-output';

export const PDF_OPTIONS = { landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true } as const;

export async function exportPdf(win: BrowserWindow): Promise<string | null> {
  const choice = await dialog.showSaveDialog(win, {
    title: '导出 PDF',
    defaultPath: `养老床位报表_${todayIso()}.pdf`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return null;
  try {
    const data = await win.webContents.printToPDF(PDF_OPTIONS);
    writeFileAtomic(choice.filePath, data);
    return choice.filePath;
  } catch (e) {
    const err = toAppError(e);
    dialog.showErrorBox('导出 PDF 失败', `${err.zh}\n${err.en}`);
    return null;
  }
}
