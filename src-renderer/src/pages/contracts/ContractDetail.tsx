/** One contract in a drawer: its terms, its yearly evaluations, termination, and its corrections (更正, 撤销终止). */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, apiError } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { EVALUATION_RESULT, SELECTION_METHOD } from '@domain/enums';
import { formatYuan, NO_FIGURE } from '@domain/format';
import type { ContractRow } from '../../api/outputs';
import { contractStatus, ContractStatusTag } from './contract-status';
import type { ContractEvaluation } from './data';
import { EvaluationModal } from './EvaluationModal';
import { TerminateModal } from './TerminateModal';
import { ContractCorrectModal, UndoTerminationModal } from './ContractCorrections';
import { T } from './texts';
import { todayIso } from '../../components/options';

interface Props {
  contract: ContractRow | null;
  countyName: string;
  warningDays: number | undefined;
  onClose(): void;
}

export function ContractDetail({ contract, countyName, warningDays, onClose }: Props) {
  const { can } = useMe();
  const { t, lang } = useI18n();
  const [evaluating, setEvaluating] = useState(false);
  const [terminating, setTerminating] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const id = contract?.id ?? 0;
  const evaluations = useQuery({ queryKey: ['contract.evaluations', id], queryFn: () => api.contract.evaluations.query({ id }), enabled: id > 0 });

  // Evaluations are usually of the year just ended; once that one is in, offer the current year.
  const lastYear = Number(todayIso().slice(0, 4)) - 1;
  const defaultYear = evaluations.data?.some((e) => e.year === lastYear) ? lastYear + 1 : lastYear;

  return (
    <Drawer
      open={contract !== null}
      onClose={onClose}
      width={800}
      title={contract ? `${t(T.contractDetail)}：${contract.facilityName}` : t(T.contractDetail)}
      destroyOnHidden
      extra={
        can('write') && contract ? (
          <Space>
            <Button onClick={() => setCorrecting(true)} data-testid="contract-correct">
              {t(T.correctContract)}
            </Button>
            {contract.terminatedOn === null ? (
              <Button danger onClick={() => setTerminating(true)} data-testid="contract-terminate">
                {t(T.terminate)}
              </Button>
            ) : (
              <Button onClick={() => setUndoing(true)} data-testid="contract-undo-termination">
                {t(T.undoTermination)}
              </Button>
            )}
          </Space>
        ) : null
      }
    >
      {contract && (
        <div data-testid="contract-detail">
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t(T.facility)}>
              <Link to={`/facilities/${contract.facilityId}`}>{contract.facilityName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t(C.county)}>{countyName}</Descriptions.Item>
            <Descriptions.Item label={t(T.operator)}>{contract.operatorName}</Descriptions.Item>
            <Descriptions.Item label={t(T.creditCode)}>
              <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{contract.operatorCreditCode}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t(T.contractNo)}>{contract.contractNo || NO_FIGURE}</Descriptions.Item>
            <Descriptions.Item label={t(T.selectionMethod)}>{t(SELECTION_METHOD[contract.selectionMethod])}</Descriptions.Item>
            <Descriptions.Item label={t(T.term)}>{t(T.termRange, { start: contract.startOn, end: contract.endOn })}</Descriptions.Item>
            <Descriptions.Item label={t(T.status)}>
              <ContractStatusTag contract={contract} status={contractStatus(contract, warningDays)} />
            </Descriptions.Item>
            <Descriptions.Item label={t(T.annualFee)}>{formatYuan(contract.annualFeeFen)}</Descriptions.Item>
            <Descriptions.Item label={t(T.deposit)}>{formatYuan(contract.depositFen)}</Descriptions.Item>
            <Descriptions.Item label={t(T.reservedBeds)}>{contract.reservedBeds}</Descriptions.Item>
            <Descriptions.Item label={t(T.assetValue)}>{formatYuan(contract.assetValueFen)}</Descriptions.Item>
            {contract.terminatedOn !== null && (
              <>
                <Descriptions.Item label={t(T.terminatedOn)}>{contract.terminatedOn}</Descriptions.Item>
                <Descriptions.Item label={t(T.terminationReason)}>{contract.terminationReason || NO_FIGURE}</Descriptions.Item>
              </>
            )}
          </Descriptions>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t(T.evaluations)}
            </Typography.Title>
            {can('write') && (
              <Button onClick={() => setEvaluating(true)} data-testid="evaluation-new">
                {t(T.addEvaluation)}
              </Button>
            )}
          </Space>
          {evaluations.error ? (
            <Alert type="error" showIcon message={t(C.loadFailed)} description={lang === 'zh' ? apiError(evaluations.error).zh : apiError(evaluations.error).en} />
          ) : (
            <Table<ContractEvaluation>
              size="small"
              rowKey="id"
              loading={evaluations.isLoading}
              dataSource={evaluations.data}
              pagination={false}
              locale={{ emptyText: t(T.noEvaluations) }}
              data-testid="evaluation-table"
              columns={[
                { dataIndex: 'year', title: t(T.year), width: 90 },
                { dataIndex: 'score', title: t(T.score), width: 90, align: 'right', render: (v: number | null) => (v === null ? NO_FIGURE : v) },
                { dataIndex: 'result', title: t(T.result), width: 110, render: (_, e) => t(EVALUATION_RESULT[e.result]) },
                { dataIndex: 'note', title: t(T.note) },
              ]}
            />
          )}
          {evaluating && <EvaluationModal contractId={contract.id} defaultYear={defaultYear} onClose={() => setEvaluating(false)} />}
          {terminating && <TerminateModal contract={contract} onClose={() => setTerminating(false)} />}
          {correcting && <ContractCorrectModal contract={contract} onClose={() => setCorrecting(false)} />}
          {undoing && <UndoTerminationModal contract={contract} onClose={() => setUndoing(false)} />}
        </div>
      )}
    </Drawer>
  );
}
