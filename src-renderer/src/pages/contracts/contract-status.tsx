/** Where a contract stands today, and the tag that says so. */
import { Tag } from 'antd';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import type { ContractRow } from '../../api/outputs';
import { T } from './texts';

export type ContractStatus = 'in_force' | 'expiring' | 'terminating' | 'not_started' | 'ended' | 'terminated';

/**
 * The api says whether a contract is in force today and how many days remain of its term;
 * this only names the case. Expiring: in force and ending within the warning window.
 */
export function contractStatus(c: Pick<ContractRow, 'inForce' | 'daysToEnd' | 'terminatedOn'>, warningDays: number | undefined, today = todayIso()): ContractStatus {
  if (c.inForce) {
    if (c.terminatedOn !== null) return 'terminating';
    if (warningDays !== undefined && c.daysToEnd <= warningDays) return 'expiring';
    return 'in_force';
  }
  if (c.terminatedOn !== null && c.terminatedOn <= today) return 'terminated';
  if (c.daysToEnd < 0) return 'ended';
  return 'not_started';
}

export function ContractStatusTag({ contract, status }: { contract: Pick<ContractRow, 'daysToEnd' | 'terminatedOn'>; status: ContractStatus }) {
  const { t } = useI18n();
  switch (status) {
    case 'in_force':
      return <Tag color="green">{t(T.inForce)}</Tag>;
    case 'expiring':
      return (
        <Tag color="orange" data-testid="contract-expiring">
          {contract.daysToEnd === 0 ? t(T.expiringToday) : t(T.expiring, { days: contract.daysToEnd })}
        </Tag>
      );
    case 'terminating':
      return <Tag color="orange">{t(T.terminating, { date: contract.terminatedOn ?? '' })}</Tag>;
    case 'not_started':
      return <Tag color="blue">{t(T.notStarted)}</Tag>;
    case 'ended':
      return <Tag color="red">{t(T.ended)}</Tag>;
    case 'terminated':
      return <Tag color="red">{t(T.terminated)}</Tag>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
