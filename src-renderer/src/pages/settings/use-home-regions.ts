import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client';

export /** The home city and its counties, for names and the region choice of a target. */
function useHomeRegions(homeRegion: string) {
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => api.region.list.query(), staleTime: Infinity });
  return useMemo(() => {
    const list = regions.data ?? [];
    const city = list.find((r) => r.code === homeRegion);
    const counties = list.filter((r) => r.parentCode === homeRegion && r.level === 'county');
    return { city, counties, names: new Map(list.map((r) => [r.code, r.name])) };
  }, [regions.data, homeRegion]);
}
