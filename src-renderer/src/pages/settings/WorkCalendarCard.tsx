/**
 * 节假日安排: the State Council's holiday notices by year, which working-day deadlines (备案)
 * count with (domain/workdays.ts). Each year is entered as lines of dates and ranges, as the
 * notice words them, and saved whole; the shipped year carries its source.
 */
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { datesOfLines, linesOfDates, type WorkCalendar } from '@domain/workdays';
import { R } from './regulator-texts';
import type { Settings } from './SettingsForm';

interface YearForm {
  year: number;
  holidays: string;
  workdays: string;
  source: string;
}

export function WorkCalendarCard({ settings }: { settings: Settings }) {
  const admin = useMe().can('admin');
  const { t } = useI18n();
  const calendar: WorkCalendar = settings.workCalendar;
  const [editing, setEditing] = useState<{ year: number | null } | null>(null);
  const [form] = Form.useForm<YearForm>();
  const save = useWrite(api.settings.update.mutate, { success: R.saved, onSuccess: () => setEditing(null) });
  const years = Object.keys(calendar).sort();

  const open = (year: number | null) => {
    const y = year === null ? null : calendar[String(year)];
    form.setFieldsValue(
      y && year !== null
        ? { year, holidays: linesOfDates(y.holidays), workdays: linesOfDates(y.workdays), source: y.source }
        : { year: new Date().getFullYear() + 1, holidays: '', workdays: '', source: '' },
    );
    setEditing({ year });
  };

  const submit = (v: YearForm) => {
    const holidays = datesOfLines(v.holidays);
    const workdays = datesOfLines(v.workdays);
    const errors: Array<{ name: keyof YearForm; errors: string[] }> = [];
    if (holidays.bad.length) errors.push({ name: 'holidays', errors: [t(R.badLines, { lines: holidays.bad.join('、') })] });
    if (workdays.bad.length) errors.push({ name: 'workdays', errors: [t(R.badLines, { lines: workdays.bad.join('、') })] });
    if (editing?.year === null && calendar[String(v.year)]) errors.push({ name: 'year', errors: [t(R.yearTaken, { year: v.year })] });
    if (errors.length) return form.setFields(errors);
    const next = { ...calendar };
    if (editing?.year != null && editing.year !== v.year) delete next[String(editing.year)];
    next[String(v.year)] = { holidays: holidays.dates, workdays: workdays.dates, source: v.source.trim() };
    save.mutate({ workCalendar: next });
  };

  const remove = (year: string) => {
    const next = { ...calendar };
    delete next[year];
    save.mutate({ workCalendar: next });
  };

  return (
    <Card
      size="small"
      title={t(R.calendar)}
      style={{ marginBottom: 16 }}
      extra={
        admin && (
          <Button size="small" onClick={() => open(null)} data-testid="calendar-add">
            {t(R.addYear)}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t(R.calendarHelp)}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        locale={{ emptyText: t(R.empty) }}
        dataSource={years.map((y) => ({ year: y, ...calendar[y]! }))}
        columns={[
          { title: t(R.year), dataIndex: 'year', width: 80 },
          { title: t(R.holidays), render: (_, r) => t(R.daysCount, { h: r.holidays.length, w: r.workdays.length }), width: 200 },
          { title: t(R.source), dataIndex: 'source' },
          {
            title: '',
            width: 140,
            render: (_, r) =>
              admin && (
                <Space>
                  <Button size="small" type="link" onClick={() => open(Number(r.year))} data-testid={`calendar-edit-${r.year}`}>
                    {t(R.editYear)}
                  </Button>
                  <Popconfirm title={t(R.removeConfirm, { year: r.year })} onConfirm={() => remove(r.year)} okText={t(R.removeYear)} cancelText={t(C.cancel)}>
                    <Button size="small" type="link" danger>
                      {t(R.removeYear)}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.year === null ? t(R.addYear) : `${editing?.year ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t(C.save)}
        cancelText={t(C.cancel)}
        confirmLoading={save.isPending}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="year" label={t(R.year)} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2200} precision={0} style={{ width: 120 }} data-testid="calendar-year" />
          </Form.Item>
          <Form.Item name="holidays" label={t(R.holidays)}>
            <Input.TextArea rows={6} placeholder="2026-02-15 至 2026-02-23" data-testid="calendar-holidays" />
          </Form.Item>
          <Form.Item name="workdays" label={t(R.makeUpDays)}>
            <Input.TextArea rows={3} placeholder="2026-02-14" data-testid="calendar-workdays" />
          </Form.Item>
          <Form.Item name="source" label={t(R.source)} rules={[{ required: true, message: t(R.source) }]}>
            <Input maxLength={300} data-testid="calendar-source" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
