/**
 * 起步清单: on a new register, the five steps from an empty file to a closed month
 * (单位信息 → 人口 → 机构与床位 → 老人与入住 → 关账), each done or not with a link to its page.
 * It stays on 首页 (collapsible) until every step is done; `report.checklist` says which are.
 */
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Collapse, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Labelled } from '@domain/enums';
import type { ChecklistResult } from '../../api/outputs';
import { useI18n } from '../../i18n';
import { T } from './texts';

type StepKey = ChecklistResult['steps'][number]['key'];

const STEP: Record<StepKey, { title: Labelled; hint: Labelled; links: Array<{ to: (year: number) => string; label: Labelled }> }> = {
  settings: { title: T.stepSettings, hint: T.stepSettingsHint, links: [{ to: () => '/settings', label: T.goSettings }] },
  population: { title: T.stepPopulation, hint: T.stepPopulationHint, links: [{ to: (y) => `/population?year=${y}`, label: T.goPopulation }] },
  facilities: {
    title: T.stepFacilities,
    hint: T.stepFacilitiesHint,
    links: [
      { to: () => '/facilities', label: T.goFacilities },
      { to: () => '/import', label: T.goImport },
    ],
  },
  residents: {
    title: T.stepResidents,
    hint: T.stepResidentsHint,
    links: [
      { to: () => '/admission', label: T.goAdmission },
      { to: () => '/import', label: T.goImport },
    ],
  },
  monthClosed: { title: T.stepClose, hint: T.stepCloseHint, links: [{ to: () => '/month', label: T.goMonth }] },
};

export function FirstRunChecklist({ data }: { data: ChecklistResult }) {
  const { t } = useI18n();
  if (data.allDone) return null;
  const done = data.steps.filter((s) => s.done).length;
  return (
    <Collapse
      defaultActiveKey={['checklist']}
      style={{ marginBottom: 12, background: '#f6ffed' }}
      data-testid="first-run-checklist"
      items={[
        {
          key: 'checklist',
          label: (
            <Space>
              <strong>{t(T.checklistTitle)}</strong>
              <Typography.Text type="secondary">{t(T.checklistProgress, { done, total: data.steps.length })}</Typography.Text>
            </Space>
          ),
          children: (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {data.steps.map((s) => {
                const step = STEP[s.key];
                return (
                  <li key={s.key} style={{ marginBottom: 8 }} data-testid={`checklist-${s.key}`} data-done={s.done ? 'yes' : 'no'}>
                    <Space wrap size={8}>
                      {s.done ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ClockCircleOutlined style={{ color: '#8c8c8c' }} />}
                      <strong>{t(step.title)}</strong>
                      {s.done ? <Tag color="green">{t(T.stepDone)}</Tag> : <Tag>{t(T.stepTodo)}</Tag>}
                      {s.key === 'population' && s.of !== null && (
                        <Typography.Text type="secondary">{t(T.populationCount, { n: s.count, of: s.of, year: data.year })}</Typography.Text>
                      )}
                      {step.links.map((l) => (
                        <Link key={l.to(data.year)} to={l.to(data.year)}>
                          {t(l.label)}
                        </Link>
                      ))}
                    </Space>
                    <div style={{ color: '#8c8c8c', fontSize: 12, marginLeft: 22 }}>{t(step.hint)}</div>
                  </li>
                );
              })}
            </ol>
          ),
        },
      ]}
    />
  );
}
