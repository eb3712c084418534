/** The national record between the facility row (fees in fen) and the form (fees in yuan). */
import type { api } from '../../../api/client';
import { FEE_COLUMNS } from '@contract/facility-record';

export type FacilityRecord = Awaited<ReturnType<typeof api.facility.detail.query>>['facility'];

export const FEE_FIELDS = Object.keys(FEE_COLUMNS) as Array<keyof typeof FEE_COLUMNS>;

const TEXT = ['creditCode', 'legalRep', 'legalRepPhone', 'registrationAuthority', 'admissionTargets'] as const;
const NULLABLE = ['registeredOn', 'filedOn', 'founder', 'buildingArea', 'landArea', 'latitude', 'longitude'] as const;
const FLAGS = ['tekunInstitution', 'gloryHome', 'regionalCentre', 'offersDayCare'] as const;

export function formValues(f: FacilityRecord): Record<string, unknown> {
  const v: Record<string, unknown> = { registration: f.registration };
  for (const k of [...TEXT, ...NULLABLE, ...FLAGS]) v[k] = f[k];
  for (const [field, column] of Object.entries(FEE_COLUMNS)) {
    const fen = f[column];
    v[field] = fen === null ? null : fen / 100;
  }
  return v;
}

/** What facility.update takes from the form: empty numbers and dates as null, texts trimmed by the server. */
export function recordInput(v: Record<string, unknown>) {
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  return {
    creditCode: str(v.creditCode),
    legalRep: str(v.legalRep),
    legalRepPhone: str(v.legalRepPhone),
    registration: (v.registration ?? 'unknown') as FacilityRecord['registration'],
    registrationAuthority: str(v.registrationAuthority),
    registeredOn: (v.registeredOn as string | null | undefined) ?? null,
    filedOn: (v.filedOn as string | null | undefined) ?? null,
    founder: (v.founder as FacilityRecord['founder'] | undefined) ?? null,
    buildingArea: num(v.buildingArea),
    landArea: num(v.landArea),
    admissionTargets: str(v.admissionTargets),
    tekunInstitution: !!v.tekunInstitution,
    gloryHome: !!v.gloryHome,
    regionalCentre: !!v.regionalCentre,
    offersDayCare: !!v.offersDayCare,
    latitude: num(v.latitude),
    longitude: num(v.longitude),
    ...Object.fromEntries(FEE_FIELDS.map((f) => [f, num(v[f])])),
  };
}
