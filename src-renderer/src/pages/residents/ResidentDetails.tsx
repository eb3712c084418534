/** A resident's details: the ID number masked (the full number on request, audited), age, county, categories and contacts. */
import { App, Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import type { ResidentDetail } from '../../api/outputs';
import { useCounties } from '../../components/CountySelect';
import { categoryLabels, paren, sexText } from '../../components/format';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { SELF_CARE } from '@domain/enums';
import { R } from './texts';

export function ResidentDetails({ resident, access }: { resident: ResidentDetail['resident']; access: ResidentDetail['access'] }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [revealed, setRevealed] = useState<string | null>(null);
  const counties = useCounties();
  const reveal = useWrite(api.resident.revealIdNumber.mutate, { onSuccess: (r) => setRevealed(r.idNumber) });
  const age = resident.age;
  const county = (counties.data ?? []).find((c) => c.code === resident.householdRegionCode);
  // 特困 has its own line; the other categories go together.
  const cats = categoryLabels(t, { ...resident, tekun: false });

  const askReveal = () =>
    modal.confirm({
      title: t(R.revealTitle),
      content: t(R.revealBody),
      okText: t(R.revealOk),
      cancelText: t(C.cancel),
      okButtonProps: { 'data-testid': 'reveal-ok' } as never,
      onOk: () => reveal.mutateAsync({ id: resident.id }).catch(() => undefined),
    });

  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t(R.idNumber)}>
        <Space wrap size={4}>
          <span style={{ fontFamily: 'monospace' }} data-testid="resident-id">
            {revealed ?? resident.idNumberMasked}
          </span>
          {revealed ? (
            <>
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t(R.revealed)}
              </Typography.Text>
              <Button size="small" type="link" onClick={() => setRevealed(null)} data-testid="resident-hide-id">
                {t(R.hide)}
              </Button>
            </>
          ) : (
            <Button
              size="small"
              type="link"
              onClick={askReveal}
              loading={reveal.isPending}
              disabled={!access.reveal}
              title={access.reveal ? undefined : t(R.revealNotAllowed)}
              data-testid="resident-reveal"
            >
              {t(R.reveal)}
            </Button>
          )}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={`${t(R.sex)} / ${t(R.age)}`}>
        {sexText(t, resident.sex)} · {age}
      </Descriptions.Item>
      {resident.birthDate && <Descriptions.Item label={t(R.birthDate)}>{resident.birthDate}</Descriptions.Item>}
      <Descriptions.Item label={t(R.household)}>{county?.name ?? resident.householdRegionCode ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t(R.tekun)}>{resident.tekun ? paren(t, t(C.yes), resident.tekunSelfCare ? t(SELF_CARE[resident.tekunSelfCare]) : '—') : t(C.no)}</Descriptions.Item>
      <Descriptions.Item label={t(R.categories)}>{cats.length ? cats.map((c) => <Tag key={c}>{c}</Tag>) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t(R.phone)}>{resident.phone || '—'}</Descriptions.Item>
      <Descriptions.Item label={t(R.emergencyContact)}>{resident.emergencyContact || '—'}</Descriptions.Item>
      <Descriptions.Item label={t(R.emergencyPhone)}>{resident.emergencyPhone || '—'}</Descriptions.Item>
    </Descriptions>
  );
}
