import type { MenuItemConstructorOptions } from 'electron';

/** What the menu asks of the shell. */
export interface MenuActions {
  exportPdf(): void;
  print(): void;
}

/** The application menu, in Chinese. */
export function menuTemplate(isMac: boolean, actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ label: '养老床位', submenu: [{ role: 'about' as const, label: '关于' }, { role: 'quit' as const, label: '退出' }] }] : []),
    {
      label: '文件',
      submenu: [
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { label: '导出PDF…', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.exportPdf() },
        { type: 'separator' },
        isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新加载' },
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    { label: '窗口', submenu: [{ role: 'minimize', label: '最小化' }] },
  ];
}
