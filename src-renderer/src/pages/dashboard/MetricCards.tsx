/** The dashboard's eight headline cards: the plan's ratios against target, beds, facilities, residents and data quality. */
import { Card, Col, Row } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { StatisticsRow } from '../../api/outputs';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { formatCount, formatPercent, formatPerThousand } from '@domain/format';
import { FigureText, GapText, whyMissing, whyNoGap } from './figures';
import { T } from './texts';

function MetricCard({ title, value, lines, testId }: { title: string; value: ReactNode; lines: ReactNode[]; testId?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '12px 16px' } }}>
      <div style={{ color: '#595959', fontSize: 13, minHeight: 20 }}>{title}</div>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.4, margin: '2px 0' }} data-testid={testId}>
        {value}
      </div>
      {lines.map((l, i) => (
        <div key={i} style={{ fontSize: 12, color: '#8c8c8c', lineHeight: 1.7 }}>
          {l}
        </div>
      ))}
    </Card>
  );
}

/** `dq` is as of `dqDate` (today: the work list); on an empty register (no facility) it shows 尚无数据, not errors. */
export function MetricCards({ total, dq, dqDate, emptyRegister = false }: { total: StatisticsRow; dq: Array<{ severity: 'error' | 'warning' }> | undefined; dqDate: string; emptyRegister?: boolean }) {
  const { t, lang } = useI18n();
  const errors = dq?.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = dq?.filter((i) => i.severity === 'warning').length ?? 0;
  const dqLink = dqDate === todayIso() ? '/data-quality' : `/data-quality?date=${dqDate}`;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} sm={12} xl={6}>
        <MetricCard
          title={t(T.bpt)}
          testId="dashboard-card-bpt"
          value={<FigureText text={formatPerThousand(total.bedsPerThousand)} why={t(whyMissing(total, 'bedsPerThousand', true))} />}
          lines={[
            <>
              {t(T.target)} <FigureText text={formatPerThousand(total.targets.bedsPerThousand)} why={t(T.whyNoTarget)} /> · {t(T.gap)}{' '}
              <GapText value={total.gaps.bedsPerThousand} unit="per_thousand" lang={lang} why={t(whyNoGap(total.targets.bedsPerThousand))} />
            </>,
          ]}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <MetricCard
          title={t(T.nursingShare)}
          testId="dashboard-card-nursing"
          value={<FigureText text={formatPercent(total.nursingShare)} why={t(whyMissing(total, 'nursingShare', true))} />}
          lines={[
            <>
              {t(T.target)} <FigureText text={formatPercent(total.targets.nursingShare)} why={t(T.whyNoTarget)} /> · {t(T.gap)}{' '}
              <GapText value={total.gaps.nursingShare} unit="ratio" lang={lang} why={t(whyNoGap(total.targets.nursingShare))} />
            </>,
          ]}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <MetricCard
          title={t(T.occupancy)}
          testId="dashboard-card-occupancy"
          value={<FigureText text={formatPercent(total.occupancyRate)} why={t(whyMissing(total, 'occupancyRate', true))} />}
          lines={[t(T.occupiedOf, { occ: formatCount(total.occupiedBeds), beds: formatCount(total.countedBeds) })]}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <MetricCard
          title={t(T.tekunRate)}
          testId="dashboard-card-tekun"
          value={<FigureText text={formatPercent(total.tekunRate)} why={t(whyMissing(total, 'tekunRate', true))} />}
          lines={[
            <>
              {t(T.target)} <FigureText text={formatPercent(total.targets.tekunRate)} why={t(T.whyNoTarget)} /> · {t(T.gap)}{' '}
              <GapText value={total.gaps.tekunRate} unit="ratio" lang={lang} why={t(whyNoGap(total.targets.tekunRate))} />
            </>,
          ]}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <MetricCard
          title={t(T.beds)}
          testId="dashboard-card-beds"
          value={formatCount(total.countedBeds)}
          lines={[t(T.bedsDetail, { inst: formatCount(total.institutionBeds), nursing: formatCount(total.nursingBeds) })]}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <MetricCard
          title={t(T.facilities)}
          testId="dashboard-card-facilities"
          value={formatCount(total.facilities)}
          lines={[t(T.facilitiesDetail, { staff: formatCount(total.staff), care: formatCount(total.careWorkers) })]}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <MetricCard title={t(T.residents)} testId="dashboard-card-residents" value={formatCount(total.residents)} lines={[t(T.residentsDetail)]} />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        {emptyRegister ? (
          <MetricCard
            title={t(T.dq)}
            value={<span style={{ color: '#8c8c8c' }} data-testid="dashboard-dq-count">{t(T.dqNoData)}</span>}
            lines={[t(T.dqNoDataDetail)]}
          />
        ) : (
          <MetricCard
            title={t(T.dqToday, { date: dqDate })}
            value={
              <Link to={dqLink} style={{ color: errors > 0 ? '#cf1322' : warnings > 0 ? '#d48806' : '#389e0d' }}>
                <span data-testid="dashboard-dq-count">{dq ? formatCount(dq.length) : '…'}</span>
              </Link>
            }
            lines={[
              dq && dq.length === 0 ? (
                t(T.dqNone)
              ) : (
                <>
                  {t(T.dqDetail, { e: errors, w: warnings })} · <Link to={dqLink}>{t(T.dqGo)}</Link>
                </>
              ),
            ]}
          />
        )}
      </Col>
    </Row>
  );
}
