/**
 * The home page of an account without county figures (facility managers): per facility of
 * theirs the beds (in care, free by care type), who is on leave now and since when, and whose
 * assessment is missing, overdue or falls due within 30 days — each linking to the resident
 * (facility.managerHome, the same reassessment rule as the data-quality list).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, apiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { PageHeader } from '../../components/PageHeader';

type Home = Awaited<ReturnType<typeof api.facility.managerHome.query>>;
type HomeFacility = Home['facilities'][number];

const TX = {
  title: { zh: '{name} · 我管理的机构', en: '{name} · My facilities' },
  intro: {
    zh: '机构管理员账号只能查看和登记所管理机构的床位、老人和入住；区县统计和月报由科室人员负责。',
    en: 'A facility manager sees and records only the beds, residents and stays of their own facilities; county figures and monthly reports belong to the section staff.',
  },
  asOf: { zh: '数据日期 {date}', en: 'As of {date}' },
  beds: { zh: '床位', en: 'Beds' },
  inCare: { zh: '在住', en: 'In care' },
  free: { zh: '空床', en: 'Free' },
  freeSplit: { zh: '护理型 {n} / 普通 {m}', en: 'nursing {n} / general {m}' },
  onLeave: { zh: '外出', en: 'On leave' },
  due: { zh: '评估到期', en: 'Assessments due' },
  onLeaveTitle: { zh: '外出中的老人', en: 'Residents on leave' },
  dueTitle: { zh: '需要评估的老人（已超期或 {days} 天内到期）', en: 'Assessments due (overdue or within {days} days)' },
  since: { zh: '{date} 起', en: 'since {date}' },
  none: { zh: '未评估', en: 'Never assessed' },
  overdue: { zh: '已超期', en: 'Overdue' },
  dueSoon: { zh: '即将到期', en: 'Due soon' },
  dueOn: { zh: '应于 {date} 前复评', en: 'due by {date}' },
  lastOn: { zh: '上次 {date}', en: 'last {date}' },
  noLeave: { zh: '目前没有外出的老人。老人外出时，在其档案的入住卡片上点“外出”登记，返回时点“返回”。', en: 'Nobody is on leave. Record a leave from the resident’s record (外出), and the return (返回).' },
  noDue: {
    zh: '{days} 天内没有到期的评估。每位在住老人每 {months} 个月复评一次，到期前会列在这里。',
    en: 'No assessment falls due within {days} days. Each resident is reassessed every {months} months; they are listed here before it falls due.',
  },
  noBeds: { zh: '还没有在用的床位：在机构页面“添加床位”，再为老人办理入住。', en: 'No beds in service yet: add beds on the facility page, then admit residents.' },
  noResidents: { zh: '还没有在住老人：', en: 'Nobody in care yet: ' },
  admit: { zh: '办理入住', en: 'Admit a resident' },
  noFacilities: {
    zh: '您的账号还没有关联机构。请联系系统管理员在“账号”页面为您指定所管理的机构。',
    en: 'Your account manages no facility yet. Ask the administrator to assign your facilities on the Accounts page.',
  },
} as const;

export function ScopedHome() {
  const { t } = useI18n();
  const home = useQuery({ queryKey: ['facility.managerHome'], queryFn: () => api.facility.managerHome.query({}) });
  if (home.isLoading) return <Spin />;
  if (home.error || !home.data)
    return (
      <div data-testid="page-scoped-home">
        <Alert type="error" showIcon title={t(C.loadFailed)} description={home.error ? t(apiError(home.error)) : undefined} />
      </div>
    );
  const h = home.data;
  return (
    <div data-testid="page-scoped-home">
      <PageHeader title={t(TX.title, { name: h.displayName })} subtitle={`${t(TX.intro)} ${t(TX.asOf, { date: h.date })}`} />
      {h.facilities.length === 0 ? (
        <Card>
          <Empty description={t(TX.noFacilities)} data-testid="scoped-home-no-facilities" />
        </Card>
      ) : (
        h.facilities.map((f) => <FacilityCard key={f.id} f={f} days={h.dueSoonDays} months={h.reassessmentMonths} />)
      )}
    </div>
  );
}

function FacilityCard({ f, days, months }: { f: HomeFacility; days: number; months: number }) {
  const { t } = useI18n();
  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid={`scoped-home-facility-${f.id}`}
      title={<Link to={`/facilities/${f.id}`}>{f.name}</Link>}
      extra={<Typography.Text type="secondary">{f.regionName}</Typography.Text>}
    >
      <Row gutter={24} style={{ marginBottom: 16 }}>
        <Col span={4}>
          <Statistic title={t(TX.beds)} value={f.beds} data-testid="home-beds" />
        </Col>
        <Col span={4}>
          <Statistic title={t(TX.inCare)} value={f.occupiedBeds} data-testid="home-in-care" />
        </Col>
        <Col span={6}>
          <Statistic
            title={t(TX.free)}
            value={f.freeBeds}
            data-testid="home-free"
            suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }} data-testid="home-free-split">{t(TX.freeSplit, { n: f.freeNursingBeds, m: f.freeGeneralBeds })}</Typography.Text>}
          />
        </Col>
        <Col span={4}>
          <Statistic title={t(TX.onLeave)} value={f.onLeave.length} data-testid="home-on-leave" />
        </Col>
        <Col span={6}>
          <Statistic title={t(TX.due)} value={f.assessmentsDue.length} data-testid="home-due" styles={f.assessmentsDue.some((r) => r.state !== 'due_soon') ? { content: { color: '#d46b08' } } : undefined} />
        </Col>
      </Row>
      {f.beds === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={<Link to={`/facilities/${f.id}`}>{t(TX.noBeds)}</Link>} />}
      {f.beds > 0 && f.occupiedBeds === 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={<>{t(TX.noResidents)}<Link to="/admission">{t(TX.admit)}</Link></>} />
      )}
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title={t(TX.onLeaveTitle)} data-testid="home-on-leave-list">
            <List
              size="small"
              dataSource={f.onLeave}
              locale={{ emptyText: <Typography.Text type="secondary">{t(TX.noLeave)}</Typography.Text> }}
              renderItem={(l) => (
                <List.Item>
                  <Space>
                    <Link to={`/residents/${l.residentId}`}>{l.name}</Link>
                    {l.bedLabel && <Typography.Text type="secondary">{l.bedLabel}</Typography.Text>}
                  </Space>
                  <Space>
                    <span>{t(TX.since, { date: l.startOn })}</span>
                    {l.reason && <Typography.Text type="secondary">{l.reason}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title={t(TX.dueTitle, { days })} data-testid="home-due-list">
            <List
              size="small"
              dataSource={f.assessmentsDue}
              locale={{ emptyText: <Typography.Text type="secondary">{t(TX.noDue, { days, months })}</Typography.Text> }}
              renderItem={(r) => (
                <List.Item>
                  <Space>
                    <Link to={`/residents/${r.residentId}`}>{r.name}</Link>
                    {r.bedLabel && <Typography.Text type="secondary">{r.bedLabel}</Typography.Text>}
                  </Space>
                  <Space>
                    {r.state === 'none' ? <Tag color="red">{t(TX.none)}</Tag> : r.state === 'overdue' ? <Tag color="orange">{t(TX.overdue)}</Tag> : <Tag color="gold">{t(TX.dueSoon)}</Tag>}
                    {r.dueOn && <span>{t(TX.dueOn, { date: r.dueOn })}</span>}
                    {r.lastAssessedOn && <Typography.Text type="secondary">{t(TX.lastOn, { date: r.lastAssessedOn })}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
