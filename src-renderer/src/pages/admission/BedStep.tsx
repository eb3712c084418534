/** Step ③ of the admission: the facility, the date, and a free bed (nursing-type ones suggested from level 3). */
import { Alert, Col, Row, Space, Tag, Typography } from 'antd';
import type { BedTile } from '../../api/outputs';
import { DateField } from '../../components/DateField';
import { FacilityPicker } from '../../components/facility-picker/FacilityPicker';
import { FreeBedTiles, type useFreeBeds } from '../../components/facility-picker/FreeBedTiles';
import { levelColor, levelText } from '../../components/format';
import { useI18n } from '../../i18n';
import { A } from './texts';

/** "1号楼 101 02": building, room and label. */
export function bedName(b: BedTile): string {
  return [b.building, b.room, b.label].filter(Boolean).join(' ');
}

interface BedStepProps {
  admittedOn: string;
  setAdmittedOn(date: string): void;
  /** The chosen facility while it is on the list for the date. */
  facility: { id: number } | null;
  facilityId: number | null;
  setFacilityId(id: number | null): void;
  bed: BedTile | null;
  setBed(bed: BedTile | null): void;
  beds: ReturnType<typeof useFreeBeds>;
  level: number | null;
  suggestNursing: boolean;
}

export function BedStep({ admittedOn, setAdmittedOn, facility, facilityId, setFacilityId, bed, setBed, beds, level, suggestNursing }: BedStepProps) {
  const { t } = useI18n();
  return (
    <div data-testid="admission-step-bed">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={24} md={14} xl={10}>
          <Typography.Text strong>{t(A.facility)}</Typography.Text>
          <FacilityPicker
            date={admittedOn}
            value={facility ? facilityId : null}
            onChange={(id) => {
              setFacilityId(id);
              setBed(null);
            }}
            testId="admission-facility"
          />
        </Col>
        <Col xs={24} md={10} xl={6}>
          <Typography.Text strong>{t(A.admittedOn)}</Typography.Text>
          <DateField value={admittedOn} onChange={(v) => v && setAdmittedOn(v)} testId="admission-date" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="admission-date-hint">{t(A.admittedOnHint)}</Typography.Text>
        </Col>
        <Col xs={24} xl={8}>
          <div style={{ paddingTop: 22 }}>
            {level !== null ? (
              <Space wrap>
                <span>{t(A.levelForBed, { level: '' })}</span>
                <Tag color={levelColor(level)} data-testid="admission-level">
                  {levelText(t, level)}
                </Tag>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t(A.neverAssessed)}</Typography.Text>
            )}
          </div>
        </Col>
      </Row>
      {suggestNursing && facilityId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t(A.suggestNursing)}${beds.data && !beds.free.some((b) => b.careType === 'nursing') ? ` ${t(A.noNursingFree)}` : ''}`}
          data-testid="admission-suggest-nursing"
        />
      )}
      {!facilityId ? (
        <Alert type="info" showIcon title={t(A.chooseFacilityFirst)} />
      ) : (
        <>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {t(A.chooseBed)}
            {bed && (
              <Tag color="blue" style={{ marginLeft: 8 }}>
                {bed.label}
              </Tag>
            )}
          </Typography.Paragraph>
          <FreeBedTiles beds={beds.free} loading={beds.isLoading} value={bed?.id ?? null} onChange={setBed} suggestNursing={suggestNursing} date={admittedOn} />
        </>
      )}
    </div>
  );
}
