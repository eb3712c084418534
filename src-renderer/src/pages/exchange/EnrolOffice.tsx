/**
 * 登记下级: the enrolment file for a facility's PC (at a county or the city) or a county's (at
 * the city), with this section's fingerprint to read out by phone. Re-enrolment revokes the old PC.
 */
import { Button, Card, Modal, Popconfirm, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { CountySelect } from '../../components/CountySelect';
import { saveBase64 } from '../../components/download';
import { FacilityPicker } from '../../components/facility-picker/FacilityPicker';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { groupsOf4 } from './ThisInstall';
import { T } from './texts';

/** A grouped fingerprint in two lines (the first half of its groups, then the rest). */
function halves(grouped: string): string[] {
  const g = grouped.split(' ');
  const mid = Math.ceil(g.length / 2);
  return [g.slice(0, mid).join(' '), g.slice(mid).join(' ')].filter(Boolean);
}

type Enrolled = Awaited<ReturnType<typeof api.exchange.enrol.mutate>>;

export function EnrolOffice({ level }: { level: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'facility' | 'county'>('facility');
  const [facilityId, setFacilityId] = useState<number | null>(null);
  const [county, setCounty] = useState<string | undefined>();
  const [done, setDone] = useState<Enrolled | null>(null);
  const enrol = useWrite(api.exchange.enrol.mutate, {
    onSuccess: (r) => {
      saveBase64(r.fileName, r.base64, 'application/octet-stream');
      setDone(r);
    },
  });
  const input = kind === 'facility' ? (facilityId ? { facilityId } : null) : county ? { county } : null;
  return (
    <Card title={t(T.enrolTitle)} size="small" data-testid="exchange-enrol">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(T.enrolHelp)}</Typography.Text>
        {level === 'city' && (
          <Radio.Group
            data-testid="exchange-enrol-kind"
            optionType="button"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'facility' | 'county')}
            options={[
              { value: 'facility', label: t(T.enrolFacility) },
              { value: 'county', label: t(T.enrolCounty) },
            ]}
          />
        )}
        <div style={{ maxWidth: 420 }}>
          {kind === 'facility' ? (
            <FacilityPicker value={facilityId} onChange={setFacilityId} date={todayIso()} testId="exchange-enrol-facility" />
          ) : (
            <CountySelect value={county} onChange={(v: string) => setCounty(v)} testId="exchange-enrol-county" placeholder={t(T.enrolCounty)} style={{ width: '100%' }} />
          )}
        </div>
        <Space wrap>
          <Button type="primary" data-testid="exchange-enrol-button" disabled={!input} loading={enrol.isPending} onClick={() => input && enrol.mutate(input)}>
            {t(T.enrolButton)}
          </Button>
          <Popconfirm title={t(T.reenrolButton)} description={<div style={{ maxWidth: 320 }}>{t(T.reenrolConfirm)}</div>} disabled={!input} onConfirm={() => input && enrol.mutate({ ...input, replace: true })}>
            <Button danger data-testid="exchange-reenrol-button" disabled={!input}>
              {t(T.reenrolButton)}
            </Button>
          </Popconfirm>
          {!input && <Typography.Text type="secondary">{t(T.enrolPick)}</Typography.Text>}
        </Space>
      </Space>
      <Modal width={600} open={!!done} title={t(T.enrolTitle)} onOk={() => setDone(null)} onCancel={() => setDone(null)} okText={t(T.ok)} cancelButtonProps={{ style: { display: 'none' } }} data-testid="exchange-enrol-modal">
        {done && (
          <Space direction="vertical">
            <Typography.Text>{t(T.enrolDone, { file: done.fileName })}</Typography.Text>
            {done.revoked && <Typography.Text type="warning">{t(T.revoked, { uid: '…' + done.revoked.uid.slice(-8), n: done.revoked.through })}</Typography.Text>}
            <Typography.Text>{t(T.enrolRead)}</Typography.Text>
            <div data-testid="exchange-enrol-fingerprint" style={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 600, lineHeight: 1.6, padding: '8px 12px', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6 }}>
              {/* Two lines of eight groups: easier to read out and to check by phone. */}
              {halves(groupsOf4(done.fingerprint)).map((line) => (
                <div key={line}>{line}</div>
              ))}
            </div>
            <Typography.Text type="secondary">{t(T.enrolNext)}</Typography.Text>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
