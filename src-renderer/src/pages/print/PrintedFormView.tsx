/**
 * A printed form (domain/printed-form.ts) as printed pages: each FormPage a <section> that
 * starts a new sheet, laid out as a table whose <thead> carries the page's top lines (title,
 * 填报单位, 统计期, units, state, 内部资料); each table block a real <table> whose <thead>
 * carries its caption and grouped column headers. Chromium repeats both on every printed page
 * (window.print() and Electron's printToPDF alike).
 * Black on white, thin borders, one font, no links, colours or buttons. On screen the same
 * markup shows as white A4 sheets; a table wider than its sheet is scaled down to fit.
 */
import { Fragment, useLayoutEffect, useRef, type CSSProperties, type ReactNode, type RefObject } from 'react';
import {
  cellKind,
  cellValue,
  formatFormValue,
  INTERNAL_KEEPING,
  INTERNAL_MARK,
  SEAL_LABEL,
  SIGNATURE_LABELS,
  type CellKind,
  type FormBlock,
  type FormColumn,
  type FormPage,
  type FormTable,
  type PrintedForm,
} from '@domain/printed-form';
import { BarsChart } from './BarsChart';
import { EMPTY_TABLE } from './texts';
import './printed-form.css';

/** The sheet's margins: the @page margins in print, the sheet's padding in the preview. */
export const FORM_MARGINS: Record<PrintedForm['orientation'], string> = { landscape: '10mm 10mm', portrait: '14mm 12mm' };

const NUMERIC: ReadonlySet<CellKind> = new Set(['count', 'perThousand', 'percent', 'points', 'gapPerThousand', 'gapCount', 'yuan']);
/** Text columns at least this wide (in characters, CJK = 2) hold long text and wrap; narrower ones keep names whole. */
const LONG_TEXT = 40;
/** Tables of more columns than this take the sheet's width; smaller ones (plan progress) their own. */
const WIDE = 6;

export function PrintedFormView({ form }: { form: PrintedForm }) {
  const root = useRef<HTMLDivElement>(null);
  useFitTables(root, form);
  return (
    <div ref={root} className={`pf-form pf-${form.orientation}`} data-testid="printed-form" data-orientation={form.orientation}>
      <style>{`@page { size: A4 ${form.orientation}; margin: ${FORM_MARGINS[form.orientation]}; }`}</style>
      {form.pages.map((page, i) => (
        <section key={`${page.sheet}-${i}`} className="pf-section" style={{ padding: FORM_MARGINS[form.orientation] }} data-testid={`printed-page-${i}`}>
          <PageBlocks form={form} page={page} />
        </section>
      ))}
    </div>
  );
}

function PageBlocks({ form, page }: { form: PrintedForm; page: FormPage }) {
  // One table per sheet whose <thead> holds the top lines, so they repeat on every printed
  // page the sheet takes, whatever block (a long table, a note, the signature) falls on it;
  // each table block inside repeats its own grouped headers the same way.
  return (
    <table className="pf-sheet">
      <thead>
        <tr>
          <th className="pf-sheet-top">
            <TopLines form={form} page={page} />
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td className="pf-sheet-body">
            {page.blocks.map((block, i) => (
              <Block key={i} block={block} />
            ))}
            {page.signature && <Signature />}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function TopLines({ form, page }: { form: PrintedForm; page: FormPage }) {
  return (
    <>
      <div className="pf-title">{form.title}</div>
      <div className="pf-meta">
        <span>填报单位：{form.unit}</span>
        <span>统计期：{form.period}</span>
        <span>{page.sheet}</span>
      </div>
      <div className="pf-meta">
        <span>{form.units}</span>
        {form.state && <span>{form.state}</span>}
      </div>
      {form.internal && (
        <div className="pf-internal">
          <b>{INTERNAL_MARK}</b>{INTERNAL_KEEPING.slice(INTERNAL_MARK.length)}
        </div>
      )}
    </>
  );
}

function Block({ block }: { block: FormBlock }) {
  switch (block.type) {
    case 'table':
      return <Table table={block} />;
    case 'bars':
      return (
        <figure className="pf-figure">
          <figcaption className="pf-caption">
            {block.caption}（{block.unit}）
          </figcaption>
          <BarsChart block={block} />
        </figure>
      );
    case 'note':
      return <p className="pf-note">{block.text}</p>;
  }
}

/** A header text with a break allowed only before its bracket: 差距 / （个百分点）. */
function headerText(s: string): ReactNode {
  const at = s.indexOf('（');
  if (at <= 0) return s;
  return (
    <>
      {s.slice(0, at)}
      <wbr />
      {s.slice(at)}
    </>
  );
}

/** The grouped header rows: a group cell over the neighbours sharing it, rowSpan 2 for columns without one. */
function HeaderRows({ columns }: { columns: FormColumn[] }) {
  const grouped = columns.some((c) => c.group);
  const runs: Array<{ group?: string; columns: FormColumn[] }> = [];
  for (const c of columns) {
    const last = runs[runs.length - 1];
    if (c.group && last?.group === c.group) last.columns.push(c);
    else runs.push({ group: c.group, columns: [c] });
  }
  if (!grouped)
    return (
      <tr>
        {columns.map((c, i) => (
          <th key={i} className="pf-col" style={minWidth(c)}>
            {headerText(c.title)}
          </th>
        ))}
      </tr>
    );
  return (
    <>
      <tr>
        {runs.map((r, i) =>
          r.group ? (
            <th key={i} className="pf-col" colSpan={r.columns.length}>
              {headerText(r.group)}
            </th>
          ) : (
            <th key={i} className="pf-col" rowSpan={2} style={minWidth(r.columns[0]!)}>
              {headerText(r.columns[0]!.title)}
            </th>
          ),
        )}
      </tr>
      <tr>
        {runs
          .filter((r) => r.group)
          .flatMap((r) => r.columns)
          .map((c, i) => (
            <th key={i} className="pf-col" style={minWidth(c)}>
              {headerText(c.title)}
            </th>
          ))}
      </tr>
    </>
  );
}

function minWidth(c: FormColumn): CSSProperties | undefined {
  return c.minWidth ? { minWidth: `${c.minWidth * 0.5}em` } : undefined;
}

function cellClass(kind: CellKind, column: FormColumn): string {
  if (NUMERIC.has(kind)) return 'pf-num';
  if (kind === 'date') return 'pf-date';
  return (column.minWidth ?? 0) >= LONG_TEXT ? 'pf-text' : 'pf-name';
}

function Table({ table }: { table: FormTable }) {
  const n = table.columns.length;
  const emphasis = new Set(table.emphasis ?? []);
  return (
    <table className={`pf-table${n > WIDE ? ' pf-table-wide' : ''}`}>
      <thead>
        {table.caption && (
          <tr className="pf-top-row">
            <th colSpan={n} className="pf-caption">
              {table.caption}
            </th>
          </tr>
        )}
        <HeaderRows columns={table.columns} />
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={n} className="pf-empty">
              {table.empty ?? EMPTY_TABLE}
            </td>
          </tr>
        ) : (
          table.rows.map((row, r) => (
            <tr key={r} className={emphasis.has(r) ? 'pf-emph' : undefined}>
              {row.map((cell, c) => {
                const column = table.columns[c]!;
                const kind = cellKind(cell, column);
                return (
                  <td key={c} className={cellClass(kind, column)}>
                    {formatFormValue(cellValue(cell), kind)}
                  </td>
                );
              })}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** 单位负责人 … 联系电话 with blank lines to sign on, 报出日期 with blanks for the date (年 月 日), and the seal at the right. */
function Signature() {
  const people = SIGNATURE_LABELS.filter((l) => l !== '报出日期');
  return (
    <div className="pf-signature" data-testid="printed-signature">
      <div className="pf-sign-row">
        {people.map((label) => (
          <Fragment key={label}>
            <span className="pf-sign">
              {label}：<span className="pf-blank" />
            </span>
          </Fragment>
        ))}
      </div>
      <div className="pf-sign-row">
        <span className="pf-sign">报出日期：{'\u3000\u3000'}年{'\u3000'}月{'\u3000'}日</span>
        <span className="pf-seal">{SEAL_LABEL}</span>
      </div>
    </div>
  );
}

/**
 * Fits each table to its sheet. Names are first kept on one line; a table then wider than
 * its sheet lets names break at their brackets and slashes (特困人员供养服务机构 / （敬老院）)
 * unless a slight scale-down keeps them whole; a table still too wide is scaled to the
 * sheet's width. The preview sheet's content box is the printed page's, so what fits on
 * screen fits on paper.
 */
function useFitTables(root: RefObject<HTMLDivElement | null>, form: PrintedForm) {
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const fit = () => {
      for (const table of el.querySelectorAll<HTMLTableElement>('table.pf-table')) {
        const section = table.closest('section');
        if (!section) continue;
        const style = getComputedStyle(section);
        const available = section.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const scale = () => available / table.getBoundingClientRect().width;
        table.style.zoom = '';
        table.classList.add(WHOLE_NAMES);
        let s = scale();
        if (s < MIN_SCALE_WHOLE) {
          table.classList.remove(WHOLE_NAMES);
          s = scale();
        }
        if (s < 1) table.style.zoom = String(Math.floor(s * 1000) / 1000);
      }
    };
    fit();
    let live = true;
    void document.fonts?.ready.then(() => live && fit());
    return () => {
      live = false;
    };
  }, [root, form]);
}

const WHOLE_NAMES = 'pf-whole-names';
/** Names stay on one line as long as the table need not shrink below this. */
const MIN_SCALE_WHOLE = 0.82;
