/**
 * 公建民营 (docs/domain.md#contracts): the contracts under which operators run public homes, and the
 * operators themselves.
 */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n';
import { ContractsTab } from './ContractsTab';
import { OperatorsTab } from './OperatorsTab';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

type TabKey = 'contracts' | 'operators';

export function ContractsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'operators' ? 'operators' : 'contracts';
  return (
    <div data-testid="page-contracts">
      <PageHeader title={t(T.title)} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'operators' ? { tab: 'operators' } : {}, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'contracts', label: <span data-testid="tab-contracts">{t(T.tabContracts)}</span>, children: <ContractsTab /> },
          { key: 'operators', label: <span data-testid="tab-operators">{t(T.tabOperators)}</span>, children: <OperatorsTab /> },
        ]}
      />
    </div>
  );
}
