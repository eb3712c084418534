/**
 * The top of every page: a way back (on a record), the title, the date the page's figures are
 * as of, the page's own controls, and a line below in secondary type. One shape, so the date a
 * figure belongs to sits in the same place on 首页, 数据质量, 月报 and the registers.
 */
import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import { C } from '../i18n/common';
import { DateField } from './DateField';

export interface PageAsOf {
  /** YYYY-MM-DD. */
  date: string;
  /** Given, the date is a picker labelled 统计日期; omitted, it reads "数据截至 2026-11-30". */
  onChange?: (date: string) => void;
  testId?: string;
}

export interface PageHeaderProps {
  title: ReactNode;
  titleTestId?: string;
  back?: { to: string; label: string };
  /** The period the page shows (月报's month, 人口's year), before the date it implies. */
  period?: ReactNode;
  asOf?: PageAsOf;
  /** The page's controls, after the date: states, exports, buttons. */
  actions?: ReactNode;
  /** A line under the title. */
  subtitle?: ReactNode;
  /** e.g. "no-print" on pages that print a title of their own. */
  className?: string;
}

function AsOf({ asOf }: { asOf: PageAsOf }) {
  const { t } = useI18n();
  if (!asOf.onChange)
    return (
      <Typography.Text type="secondary" data-testid={asOf.testId}>
        {t(C.dataAsOf, { date: asOf.date })}
      </Typography.Text>
    );
  const onChange = asOf.onChange;
  return (
    <Space>
      <span>{t(C.asOf)}</span>
      <span style={{ width: 150, display: 'inline-block' }}>
        <DateField value={asOf.date} onChange={(v) => v && onChange(v)} testId={asOf.testId} />
      </span>
    </Space>
  );
}

export function PageHeader({ title, titleTestId, back, period, asOf, actions, subtitle, className }: PageHeaderProps) {
  return (
    <div className={className} style={{ marginBottom: 12 }}>
      {back && (
        <div style={{ marginBottom: 8 }}>
          <Link to={back.to}>← {back.label}</Link>
        </div>
      )}
      <Space align="center" style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid={titleTestId}>
          {title}
        </Typography.Title>
        {(period || asOf || actions) && (
          <Space wrap>
            {period}
            {asOf && <AsOf asOf={asOf} />}
            {actions}
          </Space>
        )}
      </Space>
      {subtitle && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {subtitle}
        </Typography.Paragraph>
      )}
    </div>
  );
}
