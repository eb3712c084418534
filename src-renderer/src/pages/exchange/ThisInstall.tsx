/** 本机 and 生成上报包: who this install is, and the package for the office above (or, at the city, one below). */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { saveBase64 } from '../../components/download';
import { useI18n } from '../../i18n';
import { LEVEL, T } from './texts';

export type Status = Awaited<ReturnType<typeof api.exchange.status.query>>;

/** A fingerprint in groups of four, for reading out by phone. */
export function groupsOf4(fp: string): string {
  return fp.replace(/[^0-9a-zA-Z]/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

export function levelLabel(t: ReturnType<typeof useI18n>['t'], level: string): string {
  return level in LEVEL ? t(LEVEL[level as keyof typeof LEVEL]) : level;
}

export function ThisInstall({ status }: { status: Status | undefined }) {
  const { t } = useI18n();
  const { can } = useMe();
  const identity = useQuery({ queryKey: ['exchange.identity'], queryFn: () => api.exchange.identity.query() });
  const me = identity.data;
  const mine = status?.origins.find((o) => o.uid === status.install.uid);
  const above = mine?.enrolledBy ? status?.origins.find((o) => o.uid === mine.enrolledBy) : undefined;
  // the first packages carry the enrolment claim until the section above answers
  const answered = me ? !me.enrolmentPending : true;
  const below = (status?.origins ?? []).filter((o) => o.enrolledBy === status?.install.uid && !o.revokedAt);
  const [forUid, setForUid] = useState<string | undefined>();
  const [made, setMade] = useState<{ fileName: string; changes: number } | null>(null);
  const exporter = useWrite(api.exchange.exportPackage.mutate, {
    onSuccess: (r) => {
      saveBase64(r.fileName, r.base64, 'application/octet-stream');
      setMade({ fileName: r.fileName, changes: r.changes });
    },
  });
  const atTop = !!status && !above;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t(T.me)} size="small" data-testid="exchange-me" loading={!me}>
        {me && (
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t(T.level)}>
              <span data-testid="exchange-me-level">{levelLabel(t, me.level)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t(T.holds)}>{me.facilityName ?? me.regionName ?? me.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t(T.uid)}>
              <Typography.Text code copyable>{me.uid}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t(T.fingerprint)}>
              <Typography.Text code data-testid="exchange-me-fingerprint" style={{ fontFamily: 'monospace' }}>
                {groupsOf4(me.fingerprint)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t(T.above)}>
              {above ? `${levelLabel(t, above.level)} ${above.holds}` : t(T.noAbove)}
              {above && (answered ? <Tag color="green" style={{ marginInlineStart: 8 }}>{t(T.firstDone)}</Tag> : null)}
            </Descriptions.Item>
            <Descriptions.Item label={t(T.changesLabel)}>{t(T.changes, me.changes)}</Descriptions.Item>
          </Descriptions>
        )}
        {above && !answered && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t(T.firstPending)} data-testid="exchange-first-pending" />}
      </Card>
      {can('write') && (
        <Card title={t(T.exportTitle)} size="small" data-testid="exchange-export">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t(T.exportHelp)}</Typography.Text>
            <Space wrap>
              {atTop && (
                <Select
                  data-testid="exchange-export-for"
                  placeholder={t(T.exportFor)}
                  style={{ minWidth: 260 }}
                  value={forUid}
                  onChange={setForUid}
                  options={below.map((o) => ({ value: o.uid, label: `${levelLabel(t, o.level)} ${o.holds}` }))}
                />
              )}
              <Button type="primary" data-testid="exchange-export-button" loading={exporter.isPending} disabled={atTop && !forUid} onClick={() => exporter.mutate(atTop ? { for: forUid } : undefined)}>
                {t(T.exportButton)}
              </Button>
              {atTop && !forUid && <Typography.Text type="secondary">{t(T.exportForRequired)}</Typography.Text>}
            </Space>
            {made && (
              <Alert
                type={made.changes === 0 ? 'info' : 'success'}
                showIcon
                data-testid="exchange-exported"
                message={t(T.exported, { file: made.fileName, n: made.changes.toLocaleString('en-US') })}
                description={made.changes === 0 ? t(T.exportedNone) : undefined}
              />
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
