/** The home page of an account without county figures (facility managers): their facilities. */
import { useQuery } from '@tanstack/react-query';
import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';

const TX = {
  title: { zh: '我管理的机构', en: 'My facilities' },
  intro: {
    zh: '机构管理员账号只能查看和登记所管理机构的床位、老人和入住；区县统计和月报由科室人员负责。',
    en: 'A facility manager sees and records only the beds, residents and stays of their own facilities; county figures and monthly reports belong to the section staff.',
  },
} as const;

export function ScopedHome() {
  const { t } = useI18n();
  const { me } = useMe();
  const list = useQuery({ queryKey: ['facility.list', 'mine'], queryFn: () => api.facility.list.query({}) });
  return (
    <div data-testid="page-scoped-home">
      <PageHeader title={`${t(TX.title)} · ${me.displayName}`} subtitle={t(TX.intro)} />
      <Card>
        <List
          loading={list.isLoading}
          dataSource={list.data?.rows ?? []}
          renderItem={(f) => (
            <List.Item>
              <Link to={`/facilities/${f.id}`}>{f.name}</Link>
              <Typography.Text type="secondary">
                {f.regionName} · {f.beds} / {f.occupiedBeds}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
