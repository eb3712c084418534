/**
 * 人口: the yearly figures the statistics divide by — population aged 60+ and 80+ and the
 * count of 特困 persons unable to care for themselves — per county and for the city, edited
 * in place. The api validates; a rejected value is shown and the cell goes back. Changing a
 * figure of a past year asks the reason first (a correction); one the closed months use
 * opens the closed-month confirm dialog (components/correction.tsx).
 */
import { useQuery } from '@tanstack/react-query';
import type { CellValueChangedEvent, ColDef, ICellRendererParams, ValueParserParams } from 'ag-grid-community';
import { Alert, Form, InputNumber, Modal, Space } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { DataGrid } from '../../components/DataGrid';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { formatCount } from '@domain/format';
import { readCountText } from '@domain/number-text';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';
import { todayIso } from '../../components/options';
import { CountyHighlight } from './highlight';
import { K, ReasonField, useCorrection } from '../../components/correction';

type PopulationInput = Parameters<typeof api.region.upsertPopulation.mutate>[0];

/** A changed cell waiting for its correction reason, and how to put the old value back. */
interface Pending {
  input: PopulationInput;
  revert(): void;
}

const FIELDS = ['population60', 'population80', 'tekunUnable'] as const;
type Field = (typeof FIELDS)[number];

interface PopRow {
  regionCode: string;
  name: string;
  isCity: boolean;
  population60: number | null;
  population80: number | null;
  tekunUnable: number | null;
  updatedAt: string | null;
  /** For an empty cell: the latest earlier year's figure, which the statistics use. */
  carried: Partial<Record<Field, { year: number; value: number }>>;
}

const MIN_YEAR = 1949;
const MAX_YEAR = 2200;

/**
 * Cell text → the value sent: '' is null, numbers are numbers — full-width digits from a
 * Chinese input method and thousands separators too ("４１０００", "41,000": the same reading
 * as the api's, @domain/number-text) — anything else goes as typed for the api to reject.
 */
function parseCell(p: ValueParserParams<PopRow>): unknown {
  const raw = p.newValue;
  if (raw === null || raw === undefined) return null;
  return readCountText(String(raw));
}

function initialYear(param: string | null): number {
  const y = Number(param);
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR ? y : Number(todayIso().slice(0, 4));
}

export function PopulationPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [year, setYear] = useState(() => initialYear(params.get('year')));
  const mayEdit = useMe().can('manage');
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get.query() });
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => api.region.list.query() });
  const populations = useQuery({ queryKey: ['region.populations'], queryFn: () => api.region.populations.query() });
  const save = useCorrection(api.region.upsertPopulation.mutate, { success: C.saved });
  const [pending, setPending] = useState<Pending | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const rows = useMemo<PopRow[] | undefined>(() => {
    if (!settings.data || !regions.data || !populations.data) return undefined;
    const home = settings.data.homeRegion;
    const city = regions.data.find((r) => r.code === home);
    const counties = regions.data.filter((r) => r.parentCode === home && r.level === 'county');
    const list = [...(city ? [city] : []), ...counties];
    return list.map((r) => {
      const own = populations.data.filter((p) => p.regionCode === r.code);
      const current = own.find((p) => p.year === year);
      const carried: PopRow['carried'] = {};
      for (const f of FIELDS) {
        const earlier = own.filter((p) => p.year < year && p[f] !== null).sort((a, b) => b.year - a.year)[0];
        if (earlier && earlier[f] !== null) carried[f] = { year: earlier.year, value: earlier[f] };
      }
      return {
        regionCode: r.code,
        name: r.name,
        isCity: r.code === home,
        population60: current?.population60 ?? null,
        population80: current?.population80 ?? null,
        tekunUnable: current?.tekunUnable ?? null,
        updatedAt: current?.updatedAt ?? null,
        carried,
      };
    });
  }, [settings.data, regions.data, populations.data, year]);

  const columns = useMemo<ColDef<PopRow>[]>(() => {
    const editable = (field: Field, label: { zh: string; en: string }): ColDef<PopRow> => ({
      field,
      headerName: t(label),
      headerTooltip: t(label),
      editable: mayEdit,
      flex: 1,
      minWidth: 170,
      type: 'numericColumn',
      cellEditor: 'agTextCellEditor',
      valueParser: parseCell,
      valueFormatter: (p) => (typeof p.value === 'number' ? formatCount(p.value) : p.value == null ? '' : String(p.value)),
      cellRenderer: (p: ICellRendererParams<PopRow>) => {
        if (p.value !== null && p.value !== undefined) return p.valueFormatted ?? String(p.value);
        const c = p.data?.carried[field];
        return <span style={{ color: '#bfbfbf' }}>{c ? t(T.carried, { y: c.year, v: formatCount(c.value) }) : t(T.notEntered)}</span>;
      },
      cellStyle: { cursor: 'text' },
    });
    return [
      {
        field: 'name',
        headerName: t(T.region),
        width: 220,
        editable: false,
        valueFormatter: (p) => (p.data?.isCity ? `${p.data.name}${t(T.city)}` : (p.data?.name ?? '')),
        cellStyle: (p) => (p.data?.isCity ? { fontWeight: 600 } : null),
      },
      { field: 'regionCode', headerName: t(T.code), width: 110, editable: false },
      editable('population60', T.population60),
      editable('population80', T.population80),
      editable('tekunUnable', T.tekunUnable),
      {
        field: 'updatedAt',
        headerName: t(T.updatedAt),
        width: 160,
        editable: false,
        valueFormatter: (p) => (p.value ? dayjs(p.value as string).format('YYYY-MM-DD HH:mm') : ''),
      },
    ];
  }, [t, mayEdit]);

  const onCellValueChanged = (e: CellValueChangedEvent<PopRow>) => {
    const field = e.colDef.field as Field | undefined;
    if (!field || !FIELDS.includes(field) || !e.data) return;
    if (e.newValue === e.oldValue) return;
    const before = { ...e.data, [field]: e.oldValue as number | null };
    const input: PopulationInput = { regionCode: e.data.regionCode, year, [field]: e.newValue as number | null };
    const revert = () => e.node.setData(before);
    // A figure already entered for a year that is over: a correction of a past period, with its reason.
    if (year < Number(todayIso().slice(0, 4)) && e.oldValue !== null && e.oldValue !== undefined) {
      reasonForm.resetFields();
      setPending({ input, revert });
      return;
    }
    save.mutate(input, { onError: revert });
  };

  const saveWithReason = async () => {
    const v = await reasonForm.validateFields().catch(() => null);
    if (!v || !pending) return;
    save.mutate({ ...pending.input, reason: v.reason.trim() }, { onError: pending.revert });
    setPending(null);
  };

  const loadError = settings.error ?? regions.error ?? populations.error;
  return (
    <div data-testid="page-population">
      <PageHeader
        title={t(T.title)}
        period={
          <Space>
            <span>{t(T.year)}</span>
            <InputNumber
              value={year}
              min={MIN_YEAR}
              max={MAX_YEAR}
              precision={0}
              style={{ width: 110 }}
              data-testid="population-year"
              onChange={(v) => {
                if (typeof v === 'number' && Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR) setYear(v);
              }}
            />
          </Space>
        }
        subtitle={
          <>
            {t(T.help)}
            <br />
            {t(T.cityHelp)}
          </>
        }
      />
      {loadError && <Alert type="error" showIcon message={t(C.loadFailed)} style={{ marginBottom: 8 }} />}
      <CountyHighlight county={params.get('county')} name={rows?.find((r) => r.regionCode === params.get('county'))?.name} year={year} ready={!!rows} />
      <DataGrid<PopRow>
        gridId="population"
        rows={rows}
        loading={!rows && !loadError}
        columns={columns}
        emptyText={t(T.empty)}
        csvFileName={`人口_${year}`}
        getRowId={(r) => r.regionCode}
        onCellValueChanged={onCellValueChanged}
        enterMovesDown
        quickSearch={false}
        height={36 + 34 * Math.max(rows?.length ?? 11, 3) + 4}
      />
      <Modal
        open={pending !== null}
        title={t(T.correctTitle, { year })}
        okText={t(K.correct)}
        cancelText={t(K.cancel)}
        okButtonProps={{ 'data-testid': 'population-correct-save' } as never}
        onOk={() => void saveWithReason()}
        onCancel={() => {
          pending?.revert();
          setPending(null);
        }}
        forceRender
      >
        <p>{t(T.correctHint, { year })}</p>
        <Form form={reasonForm} layout="vertical">
          <ReasonField needed testId="population-reason" />
        </Form>
      </Modal>
    </div>
  );
}
