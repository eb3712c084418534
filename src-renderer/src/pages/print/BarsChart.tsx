/**
 * A bars block of a printed form (domain/printed-form.ts) as an inline SVG in black and grey:
 * one horizontal bar per label (long county names fit on the left), its value at the end, the
 * highlighted bar darker, a dashed target line labelled 目标.
 */
import { formatFormValue, textWidth, type FormBars } from '@domain/printed-form';
import { TARGET_LABEL } from './texts';

const ROW = 18;
const BAR = 11;
const CHAR = 6.2;
const WIDTH = 720;

export function BarsChart({ block }: { block: FormBars }) {
  const labelWidth = Math.max(60, ...block.bars.map((b) => textWidth(b.label) * CHAR)) + 8;
  const values = block.bars.map((b) => b.value ?? 0);
  const max = Math.max(1e-9, ...values, block.target ?? 0) * 1.08;
  const plot = WIDTH - labelWidth - 56;
  const x = (v: number) => labelWidth + (Math.max(0, v) / max) * plot;
  const top = 16;
  const height = top + block.bars.length * ROW + 6;
  return (
    <svg className="pf-bars" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={block.caption} style={{ maxWidth: WIDTH }}>
      {block.bars.map((b, i) => {
        const y = top + i * ROW;
        return (
          <g key={`${b.label}-${i}`}>
            <text x={labelWidth - 6} y={y + BAR - 1} textAnchor="end" fontSize={11} fontWeight={b.highlight ? 700 : 400} fill="#000">
              {b.label}
            </text>
            {b.value !== null && <rect x={labelWidth} y={y} width={Math.max(0.5, x(b.value) - labelWidth)} height={BAR} fill={b.highlight ? '#333' : '#b3b3b3'} stroke="#000" strokeWidth={0.4} />}
            <text x={(b.value === null ? labelWidth : x(b.value)) + 4} y={y + BAR - 1} fontSize={10} fill="#000">
              {formatFormValue(b.value, block.kind)}
            </text>
          </g>
        );
      })}
      <line x1={labelWidth} x2={labelWidth} y1={top - 4} y2={height - 4} stroke="#000" strokeWidth={0.8} />
      {block.target != null && (
        <g>
          <line x1={x(block.target)} x2={x(block.target)} y1={top - 4} y2={height - 4} stroke="#000" strokeWidth={0.8} strokeDasharray="4 3" />
          <text x={x(block.target)} y={top - 6} textAnchor="middle" fontSize={10} fill="#000">
            {TARGET_LABEL} {formatFormValue(block.target, block.kind)}
          </text>
        </g>
      )}
    </svg>
  );
}
