/**
 * 与中心服务器同步 (docs/exchange.md "Sync with the hub"): the hub address of 设置, the hub's
 * fingerprint once synced with, 同步, and what the sync did in words — the changes that
 * reached the hub, the files it kept for this install and what became of them. A first sync
 * shows the fingerprint to compare with the city by phone. The last result stays for the
 * session (per account), as the import results do; a sync running on goes on showing its
 * spinner when the user comes back to the page.
 */
import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { api, apiError, type ApiErrorInfo } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { dateTimeText, SEP } from '../../components/format';
import { useI18n } from '../../i18n';
import { groupsOf4 } from './ThisInstall';
import { T } from './texts';

type Summary = Awaited<ReturnType<typeof api.exchange.sync.mutate>>;
type Last = { at: string; summary: Summary; error?: undefined } | { at: string; error: ApiErrorInfo; summary?: undefined };

/** The last sync's result per account, for this session; listeners are the mounted cards. */
const kept = new Map<string, Last>();
const listeners = new Set<() => void>();
function keep(account: string, last: Last): void {
  kept.set(account, last);
  for (const l of listeners) l();
}
function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const SYNC_KEY = ['exchange.sync'];
const fmt = (n: number) => n.toLocaleString('zh-CN');

export function HubSync() {
  const { t, lang } = useI18n();
  const { can, me } = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const account = String(me.userId ?? 'local');
  const hub = useQuery({ queryKey: ['exchange.hub'], queryFn: () => api.exchange.hub.query() });
  const last = useSyncExternalStore(subscribe, () => kept.get(account));
  const sync = useMutation({
    mutationKey: SYNC_KEY,
    mutationFn: () => api.exchange.sync.mutate(),
    // callbacks of the mutation itself: they run even when the page was left meanwhile
    onSuccess: (summary) => keep(account, { at: new Date().toISOString(), summary }),
    onError: (e) => keep(account, { at: new Date().toISOString(), error: apiError(e) }),
    // a sync cut off half-way may still have imported files: every figure is read again
    onSettled: () => qc.invalidateQueries(),
  });
  const running = useIsMutating({ mutationKey: SYNC_KEY }) > 0;
  const say = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);
  const address = hub.data?.address ?? '';
  const pinned = hub.data?.pinned ?? null;

  return (
    <Card title={t(T.hubTitle)} size="small" data-testid="exchange-hub" loading={hub.isLoading}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(T.hubHelp)}</Typography.Text>
        {address ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t(T.hubAddress)}>
              <Typography.Text code data-testid="exchange-hub-address">
                {address}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t(T.hubFingerprint)}>
              {pinned ? (
                <Typography.Text code data-testid="exchange-hub-fingerprint" style={{ fontFamily: 'monospace' }}>
                  {groupsOf4(pinned.fingerprint)}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t(T.hubNotYet)}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            data-testid="exchange-hub-empty"
            description={
              <Space direction="vertical" size={0}>
                <Typography.Text>{t(T.hubNoAddress)}</Typography.Text>
                <Typography.Text type="secondary">{t(T.hubNoAddressHelp)}</Typography.Text>
              </Space>
            }
          >
            {can('manage') ? (
              <Button onClick={() => void navigate('/settings')} data-testid="exchange-hub-to-settings">
                {t(T.hubToSettings)}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t(T.hubAskAdmin)}</Typography.Text>
            )}
          </Empty>
        )}
        <Space wrap>
          <Button type="primary" data-testid="exchange-hub-sync" disabled={!address} loading={running} onClick={() => sync.mutate()}>
            {t(T.hubSync)}
          </Button>
          {running && (
            <Typography.Text type="secondary" data-testid="exchange-hub-running">
              {t(T.hubSyncing)}
            </Typography.Text>
          )}
        </Space>
        {!running && last?.error && (
          <Alert type="error" showIcon data-testid="exchange-hub-error" message={t(T.hubFailed)} description={<span data-testid="exchange-hub-error-text">{say(last.error)}</span>} />
        )}
        {!running && last?.summary && <SyncResult at={last.at} summary={last.summary} />}
      </Space>
    </Card>
  );
}

function SyncResult({ at, summary: r }: { at: string; summary: Summary }) {
  const { t, lang } = useI18n();
  const say = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);
  const h = r.hubPackage;
  const refusedHere = h.kind === 'refused' || r.pulled.some((p) => p.fileRefused || p.refused > 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="exchange-hub-result">
      {r.firstContact && (
        <Alert
          type="warning"
          showIcon
          data-testid="exchange-hub-first"
          message={t(T.hubFirst)}
          description={
            <Space direction="vertical" size={4}>
              <div
                data-testid="exchange-hub-first-fingerprint"
                style={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 600, lineHeight: 1.6, padding: '8px 12px', background: '#fff', border: '1px solid #ffe58f', borderRadius: 6 }}
              >
                {groupsOf4(r.hub.fingerprint)}
              </div>
              <Typography.Text type="secondary">{t(T.hubFirstHelp)}</Typography.Text>
            </Space>
          }
        />
      )}
      <Alert
        type={refusedHere ? 'warning' : 'success'}
        showIcon
        message={t(T.hubDone, { at: dateTimeText(at) })}
        description={
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            {h.kind === 'refused' ? (
              <Typography.Text type="danger" data-testid="exchange-hub-sent">
                {t(T.hubSentRefused, { n: fmt(h.changes), why: h.refused ? say(h.refused) : '' })}
              </Typography.Text>
            ) : (
              <Typography.Text data-testid="exchange-hub-sent">
                {h.changes === 0 ? t(T.hubSentNone) : t(T.hubSent, { n: fmt(h.changes) }) + (h.applied !== null && h.applied !== h.changes ? t(T.hubSentApplied, { n: fmt(h.applied) }) : '')}
              </Typography.Text>
            )}
            {r.relayed > 0 && <Typography.Text data-testid="exchange-hub-relayed">{t(T.hubRelayed, { n: fmt(r.relayed) })}</Typography.Text>}
            {r.pulled.length === 0 ? (
              <Typography.Text data-testid="exchange-hub-pulled">{t(T.hubPulledNone)}</Typography.Text>
            ) : (
              <div data-testid="exchange-hub-pulled">
                <Typography.Text>{t(T.hubPulled, { n: fmt(r.pulled.length) })}</Typography.Text>
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {r.pulled.map((p, i) => (
                    <li key={i} data-testid="exchange-hub-pulled-file">
                      {p.fileRefused ? (
                        <Typography.Text type="danger">{t(T.hubPulledFileRefused, { sender: p.sender, why: say(p.fileRefused) })}</Typography.Text>
                      ) : p.held ? (
                        <Typography.Text type="secondary">{t(T.hubPulledHeld, { sender: p.sender, why: say(p.held) })}</Typography.Text>
                      ) : (
                        <Space direction="vertical" size={0}>
                          <Typography.Text>
                            {t(T.hubPulledFile, { sender: p.sender, applied: fmt(p.applied), alreadyHad: fmt(p.alreadyHad), waiting: fmt(p.waiting), refused: fmt(p.refused) })}
                          </Typography.Text>
                          {p.refused > 0 && <Typography.Text type="danger">{t(T.hubReasons, { why: p.reasons.join(t(SEP)) })}</Typography.Text>}
                          {p.enrolled && (
                            <Typography.Text type="warning" strong style={{ fontFamily: 'monospace' }} data-testid="exchange-hub-enrolled">
                              {t(T.enrolledNew, { fp: groupsOf4(p.enrolled) })}
                            </Typography.Text>
                          )}
                        </Space>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Space>
        }
      />
    </Space>
  );
}
