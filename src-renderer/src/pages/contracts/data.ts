/** The queries the 公建民营 screen shares between its tabs, drawers and modals. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export type { OperatorRow } from '../../api/outputs';

export type ContractEvaluation = Awaited<ReturnType<typeof api.contract.evaluations.query>>[number];

export function useOperators() {
  return useQuery({ queryKey: ['operator.list'], queryFn: () => api.operator.list.query() });
}

export function useContracts(counties: string[]) {
  const input = { counties };
  return useQuery({ queryKey: ['contract.list', input], queryFn: () => api.contract.list.query(input) });
}

/** Facilities run as 公建民营: the only ones a contract may be signed for. */
export function usePppFacilities(enabled: boolean) {
  const input = { ownership: ['public_private' as const] };
  return useQuery({ queryKey: ['facility.list', input], queryFn: () => api.facility.list.query(input), enabled });
}

/** The warning window for contracts about to end (docs/domain.md#contracts: a setting, 90 days by default). */
export function useWarningDays(): number | undefined {
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get.query(), staleTime: 60_000 });
  return settings.data?.contractWarningDays;
}
