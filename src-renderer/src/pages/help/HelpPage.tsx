/**
 * 帮助: each figure's definition (docs/domain.md §6), the month cycle (§13–14), the import
 * templates with the county codes, and the first-run steps — zh and en.
 */
import { useQuery } from '@tanstack/react-query';
import { Anchor, Card, Col, Row, Steps, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { Labelled } from '@domain/enums';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { H } from './texts';

interface FigureRow {
  key: string;
  name: Labelled;
  def: Labelled;
  section: Labelled;
}

const FIGURES: FigureRow[] = [
  { key: 'bpt', name: H.bpt, def: H.bptDef, section: H.bptSection },
  { key: 'population', name: H.population, def: H.populationDef, section: H.populationSection },
  { key: 'nursing', name: H.nursing, def: H.nursingDef, section: H.nursingSection },
  { key: 'occupancy', name: H.occupancy, def: H.occupancyDef, section: H.occupancySection },
  { key: 'tekun', name: H.tekun, def: H.tekunDef, section: H.tekunSection },
  { key: 'plan', name: H.plan, def: H.planDef, section: H.planSection },
];

/** The templates' header rows as the import reads them (README.md 导入; the column names are the same in both languages). */
const TEMPLATES: Array<{ key: string; name: Labelled; columns: string; same: Labelled }> = [
  {
    key: 'facilities',
    name: H.tplFacilities,
    columns: '区县代码, 机构名称, 机构类型, 运营方式, 乡镇街道, 地址, 状态, 状态日期, 医养结合, 等级, 职工数, 护理员数, 联系电话',
    same: { zh: '区县代码 + 机构名称', en: 'county code + facility name' },
  },
  { key: 'beds', name: H.tplBeds, columns: '区县代码, 机构名称, 楼栋, 房间号, 床位号, 床位类型, 启用日期, 停用日期', same: { zh: '机构 + 楼栋 + 房间号 + 床位号', en: 'facility + building + room + bed' } },
  {
    key: 'residents',
    name: H.tplResidents,
    columns: '姓名, 身份证号, 户籍区县代码, 特困, 特困自理能力, 低保, 低收入, 失独, 优抚对象, 联系电话, 紧急联系人, 紧急联系电话',
    same: { zh: '身份证号', en: 'ID number' },
  },
  { key: 'stays', name: H.tplStays, columns: '身份证号, 区县代码, 机构名称, 楼栋, 房间号, 床位号, 入住日期, 离院日期, 离院原因', same: { zh: '身份证号 + 入住日期', en: 'ID number + admission date' } },
  { key: 'population', name: H.tplPopulation, columns: '区县代码, 年份, 60岁及以上人口, 80岁及以上人口, 生活不能自理特困人员数', same: { zh: '区县代码 + 年份', en: 'county code + year' } },
];

const CYCLE: Array<{ title: Labelled; desc: Labelled }> = [
  { title: H.cycle1, desc: H.cycle1Desc },
  { title: H.cycle2, desc: H.cycle2Desc },
  { title: H.cycle3, desc: H.cycle3Desc },
  { title: H.cycle4, desc: H.cycle4Desc },
  { title: H.cycle5, desc: H.cycle5Desc },
];

function CountyCodes() {
  const { t } = useI18n();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get.query() });
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => api.region.list.query(), staleTime: Infinity });
  const home = settings.data?.homeRegion;
  const rows = (regions.data ?? []).filter((r) => r.code === home || (r.parentCode === home && r.level === 'county'));
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t(H.countyCodesIntro)}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={rows}
        loading={!regions.data || !settings.data}
        data-testid="help-county-codes"
        columns={[
          { dataIndex: 'code', title: t(H.colCode), width: 100 },
          { dataIndex: 'name', title: t(H.colName) },
        ]}
      />
    </>
  );
}

export function HelpPage() {
  const { t } = useI18n();
  const sections = [
    { key: 'help-figures', href: '#help-figures', title: t(H.figuresTitle) },
    { key: 'help-cycle', href: '#help-cycle', title: t(H.cycleTitle) },
    { key: 'help-import', href: '#help-import', title: t(H.importTitle) },
    { key: 'help-first-run', href: '#help-first-run', title: t(H.firstRunTitle) },
    { key: 'help-exchange', href: '#help-exchange', title: t(H.exchangeTitle) },
  ];
  // The app routes by hash, so the contents scroll by element id rather than by URL fragment.
  const go = (id: string) => document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  return (
    <div data-testid="page-help">
      <PageHeader title={t(H.title)} subtitle={t(H.intro)} />
      <Row gutter={16}>
        <Col xs={24} xl={19}>
          <Card size="small" title={t(H.figuresTitle)} id="help-figures" style={{ marginBottom: 12 }}>
            <Typography.Paragraph>{t(H.asOfRule)}</Typography.Paragraph>
            <Table<FigureRow>
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={FIGURES}
              data-testid="help-figures"
              columns={[
                { key: 'name', title: t(H.colFigure), width: 220, render: (_, r) => <strong>{t(r.name)}</strong> },
                { key: 'def', title: t(H.colDefinition), render: (_, r) => t(r.def) },
                { key: 'section', title: t(H.colSection), width: 200, render: (_, r) => <Typography.Text type="secondary">{t(r.section)}</Typography.Text> },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t(H.noFigure)}
            </Typography.Paragraph>
          </Card>

          <Card size="small" title={t(H.cycleTitle)} id="help-cycle" style={{ marginBottom: 12 }}>
            <Typography.Paragraph>{t(H.cycleIntro)}</Typography.Paragraph>
            <Steps size="small" direction="vertical" current={-1} data-testid="help-cycle" items={CYCLE.map((c) => ({ title: t(c.title), description: t(c.desc), status: 'process' as const }))} />
            <Typography.Text type="secondary">{t(H.cycleSection)}</Typography.Text>
          </Card>

          <Card size="small" title={t(H.importTitle)} id="help-import" style={{ marginBottom: 12 }} extra={<Link to="/import">{t(H.openImport)}</Link>}>
            <Typography.Paragraph>{t(H.importIntro)}</Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={TEMPLATES}
              data-testid="help-templates"
              columns={[
                { key: 'name', title: t(H.colTemplate), width: 90, render: (_, r) => <strong>{t(r.name)}</strong> },
                { dataIndex: 'columns', title: t(H.colColumns) },
                { key: 'same', title: t(H.colKey), width: 200, render: (_, r) => t(r.same) },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t(H.templateDates)}
            </Typography.Paragraph>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t(H.countyCodes)}
            </Typography.Title>
            <CountyCodes />
          </Card>

          <Card size="small" title={t(H.firstRunTitle)} id="help-first-run" style={{ marginBottom: 12 }}>
            <Typography.Paragraph>{t(H.firstRunIntro)}</Typography.Paragraph>
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="help-first-run">
              {[H.step1, H.step2, H.step3, H.step4, H.step5].map((s, i) => (
                <li key={i} style={{ marginBottom: 4 }}>
                  {t(s)}
                </li>
              ))}
            </ol>
          </Card>

          <Card size="small" title={t(H.exchangeTitle)} id="help-exchange" style={{ marginBottom: 12 }}>
            <Typography.Paragraph>{t(H.exchangeIntro)}</Typography.Paragraph>
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="help-exchange">
              {[H.exchange1, H.exchange2, H.exchange3, H.exchange4, H.exchange5, H.exchange6].map((s, i) => (
                <li key={i} style={{ marginBottom: 4 }}>
                  {t(s)}
                </li>
              ))}
            </ol>
          </Card>
        </Col>
        <Col xs={0} xl={5}>
          <Card size="small" title={t(H.toc)} style={{ position: 'sticky', top: 16 }}>
            <Anchor
              affix={false}
              items={sections}
              onClick={(e, link) => {
                e.preventDefault();
                go(link.href.slice(1));
              }}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
