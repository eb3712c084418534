/**
 * Figures by county and for the city against the plan's targets: the dashboard shows the
 * live figures with it, the 月报 screen the month's (frozen or live) figures.
 */
import { Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { formatCount, formatPercent, formatPerThousand } from '@domain/format';
import type { StatisticsResult, StatisticsRow } from '../../api/outputs';
import { FigureText, GapText, whyMissing, whyNoGap } from './figures';
import { T } from './texts';

type Row = StatisticsRow & { isTotal: boolean };

export function CountyTable({ data, year, testIdPrefix }: { data: StatisticsResult; year: number; testIdPrefix: string }) {
  const { t, lang } = useI18n();
  const rows: Row[] = useMemo(() => [...data.rows.map((r) => ({ ...r, isTotal: false })), { ...data.total, isTotal: true }], [data]);
  const columns: ColumnsType<Row> = [
    {
      key: 'name',
      title: t(T.county),
      width: 190,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, r) =>
        r.isTotal ? (
          t(T.cityTotal, { name: r.name })
        ) : (
          <Tooltip title={t(T.openFacilities)}>
            <Link to={`/facilities?county=${r.code}`} data-testid={`${testIdPrefix}-county-link-${r.code}`}>
              {r.name}
            </Link>
          </Tooltip>
        ),
    },
    {
      key: 'population60',
      title: t(T.population60),
      align: 'right',
      render: (_, r) => (
        <>
          <FigureText text={formatCount(r.population60)} why={t(r.isTotal ? T.whyNoCityPopulation : T.whyNoPopulation)} />
          {r.populationYear !== null && r.populationYear < year && (
            <div style={{ fontSize: 11, color: '#d48806' }}>{t(T.populationYearNote, { y: r.populationYear })}</div>
          )}
        </>
      ),
    },
    { key: 'countedBeds', title: t(T.countedBeds), align: 'right', render: (_, r) => formatCount(r.countedBeds) },
    {
      key: 'nursingBeds',
      title: <Tooltip title={t(T.nursingBedsHelp)}>{t(T.nursingBedsOnlyInstitutions)}</Tooltip>,
      align: 'right',
      render: (_, r) => formatCount(r.nursingBeds),
    },
    {
      key: 'nursingShare',
      title: <Tooltip title={t(T.nursingBedsHelp)}>{t(T.nursingShareShort)}</Tooltip>,
      align: 'right',
      render: (_, r) => <FigureText text={formatPercent(r.nursingShare)} why={t(whyMissing(r, 'nursingShare', r.isTotal))} />,
    },
    {
      key: 'bpt',
      title: <Tooltip title={t(T.bpt)}>{t(T.bptShort)}</Tooltip>,
      align: 'right',
      onCell: (r) => ({ 'data-testid': `${testIdPrefix}-bpt-${r.code}` }) as React.HTMLAttributes<HTMLElement>,
      render: (_, r) => <FigureText strong text={formatPerThousand(r.bedsPerThousand)} why={t(whyMissing(r, 'bedsPerThousand', r.isTotal))} />,
    },
    {
      key: 'target',
      title: t(T.target),
      align: 'right',
      render: (_, r) => <FigureText text={formatPerThousand(r.targets.bedsPerThousand)} why={t(T.whyNoTarget)} />,
    },
    {
      key: 'gap',
      title: t(T.gap),
      align: 'right',
      onCell: (r) => ({ 'data-testid': `${testIdPrefix}-gap-${r.code}` }) as React.HTMLAttributes<HTMLElement>,
      render: (_, r) => <GapText value={r.gaps.bedsPerThousand} unit="per_thousand" lang={lang} why={t(whyNoGap(r.targets.bedsPerThousand))} />,
    },
    {
      key: 'occupancy',
      title: t(T.occupancyShort),
      align: 'right',
      onCell: (r) => ({ 'data-testid': `${testIdPrefix}-occupancy-${r.code}` }) as React.HTMLAttributes<HTMLElement>,
      render: (_, r) => <FigureText text={formatPercent(r.occupancyRate)} why={t(whyMissing(r, 'occupancyRate', r.isTotal))} />,
    },
    {
      key: 'tekunRate',
      title: <Tooltip title={t(T.tekunRate)}>{t(T.tekunRateShort)}</Tooltip>,
      align: 'right',
      render: (_, r) =>
        r.tekunRate === null ? (
          <FigureText text={formatPercent(null)} why={t(whyMissing(r, 'tekunRate', r.isTotal))} />
        ) : (
          <Tooltip title={t(T.tekunOf, { n: formatCount(r.tekunUnableResidents), total: formatCount(r.tekunUnableTotal) })}>{formatPercent(r.tekunRate)}</Tooltip>
        ),
    },
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="code"
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(r) =>
        ({
          'data-testid': `${testIdPrefix}-county-row-${r.code}`,
          style: r.isTotal ? { fontWeight: 600, background: '#fafafa' } : undefined,
        }) as React.HTMLAttributes<HTMLElement>
      }
    />
  );
}
