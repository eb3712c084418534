/**
 * The header search: one box that finds facilities (by name), residents (by any part of the
 * name; by ID digits — the whole number or its last 4 or more — only for accounts that may
 * reveal personal data) and operators (by name or credit code), grouped, each opening its
 * page. The api (search.all) keeps to what the account may see.
 */
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input, Typography, type AutoCompleteProps } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useMe } from '../auth/AuthGate';
import { useI18n } from '../i18n';

const S = {
  placeholder: { zh: '搜索机构、老人、运营方', en: 'Search facilities, residents, operators' },
  placeholderId: { zh: '搜索机构、老人（姓名/身份证后4位）、运营方', en: 'Facilities, residents (name / last 4 ID digits), operators' },
  facilities: { zh: '机构', en: 'Facilities' },
  residents: { zh: '老人', en: 'Residents' },
  operators: { zh: '运营方', en: 'Operators' },
  more: { zh: '共 {n} 条，显示前 {k} 条', en: '{n} found, first {k} shown' },
  none: { zh: '没有找到“{q}”', en: 'Nothing found for “{q}”' },
  age: { zh: '{n} 岁', en: 'age {n}' },
  notInCare: { zh: '未入住', en: 'not in care' },
} as const;

const LIMIT = 8;

export function HeaderSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const byId = useMe().can('revealPersonal');
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setText(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const found = useQuery({ queryKey: ['search.all', text], queryFn: () => api.search.all.query({ text, limit: LIMIT }), enabled: text !== '' });

  const group = (label: string, total: number, shown: number) => (
    <span style={{ display: 'flex', justifyContent: 'space-between' }}>
      <span>{label}</span>
      {total > shown && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(S.more, { n: total, k: shown })}</Typography.Text>}
    </span>
  );
  const r = found.data;
  const options: NonNullable<AutoCompleteProps['options']> = r
    ? [
        r.facilities.rows.length > 0 && {
          label: group(t(S.facilities), r.facilities.total, r.facilities.rows.length),
          options: r.facilities.rows.map((f) => ({
            value: `/facilities/${f.id}`,
            label: (
              <span data-testid={`header-search-facility-${f.id}`}>
                {f.name} <Typography.Text type="secondary">{f.regionName}</Typography.Text>
              </span>
            ),
          })),
        },
        r.residents.rows.length > 0 && {
          label: group(t(S.residents), r.residents.total, r.residents.rows.length),
          options: r.residents.rows.map((p) => ({
            value: `/residents/${p.id}`,
            label: (
              <span data-testid={`header-search-resident-${p.id}`}>
                {p.name} <Typography.Text type="secondary">{t(S.age, { n: p.age })} · {p.facilityName ?? t(S.notInCare)}</Typography.Text>
              </span>
            ),
          })),
        },
        r.operators.rows.length > 0 && {
          label: group(t(S.operators), r.operators.total, r.operators.rows.length),
          options: r.operators.rows.map((o) => ({
            value: `/contracts?tab=operators&operator=${o.id}`,
            label: (
              <span data-testid={`header-search-operator-${o.id}`}>
                {o.name} <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{o.creditCode}</Typography.Text>
              </span>
            ),
          })),
        },
      ].filter((g) => g !== false)
    : [];
  const empty = r && options.length === 0 && text !== '';
  return (
    <AutoComplete
      value={typed}
      options={empty ? [{ value: '', disabled: true, label: <span data-testid="header-search-none">{t(S.none, { q: text })}</span> }] : options}
      onSearch={setTyped}
      onChange={(v: string) => {
        if (!v.startsWith('/')) setTyped(v);
      }}
      onSelect={(path: string) => {
        if (!path) return;
        setTyped('');
        setText('');
        void navigate(path);
      }}
      popupMatchSelectWidth={420}
      style={{ width: 360, marginRight: 'auto', lineHeight: 'normal' }}
      data-testid="header-search"
    >
      <Input allowClear prefix={<SearchOutlined />} placeholder={t(byId ? S.placeholderId : S.placeholder)} data-testid="header-search-input" />
    </AutoComplete>
  );
}
