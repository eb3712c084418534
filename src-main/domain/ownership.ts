/**
 * Who owns each record: the office whose install may write it. Pure data, the source of
 * docs/architecture.md "Ownership map" (tests/unit/ownership-doc.test.ts keeps them equal).
 * Every write names the owner it writes for (the audit log records it); every change it makes
 * is checked against what the install holds when the write ends (db/exchange/seal.ts), and a
 * received change against what its origin held (db/exchange/holders.ts).
 *
 * - city: the city's civil-affairs section (铜仁市民政局养老服务科).
 * - county: a county's civil-affairs office, for the records of its county.
 * - facility: a facility's own install, for the records it keeps.
 * - install: the PC's own records, never exchanged (accounts, its audit trail, refusals).
 */

export type OwnerLevel = 'city' | 'county' | 'facility' | 'install';

/** The owner a write writes for. */
export type Owner =
  | { level: 'city' }
  | { level: 'county'; code: string }
  | { level: 'facility'; facilityId: number }
  | { level: 'install' };

export const CITY: Owner = { level: 'city' };
export const INSTALL: Owner = { level: 'install' };
export const county = (code: string): Owner => ({ level: 'county', code });
export const facility = (facilityId: number): Owner => ({ level: 'facility', facilityId });

/** How a row is known in every install. */
export type Identity = 'uid' | 'natural key' | 'none';

export interface TableOwnership {
  level: OwnerLevel;
  identity: Identity;
  /** Which office of that level owns a given row (English, for the map). */
  row: string;
}

export const TABLE_OWNERSHIP = {
  regions: { level: 'city', identity: 'natural key', row: 'the city; a region is known everywhere by its national region code' },
  populations: { level: 'county', identity: 'uid', row: "the county of region_code (the city's own row: the city)" },
  facilities: { level: 'county', identity: 'uid', row: 'the county of region_code; fields split below' },
  facility_status_changes: { level: 'county', identity: 'uid', row: 'the county of the facility (opening and closing are register acts)' },
  facility_licences: { level: 'county', identity: 'uid', row: 'the county of the facility (licences are what the regulator checks)' },
  beds: { level: 'facility', identity: 'uid', row: 'the facility' },
  residents: { level: 'facility', identity: 'uid', row: 'the facility of the latest admission (its record follows it); before any, whichever office registers the person' },
  stays: { level: 'facility', identity: 'uid', row: 'the facility of the stay' },
  leaves: { level: 'facility', identity: 'uid', row: 'the facility of the stay' },
  waiting_applications: { level: 'facility', identity: 'uid', row: 'the facility applied to (its waiting list is its own)' },
  assessments: { level: 'facility', identity: 'uid', row: "the facility of the resident's latest admission on or before the assessment date; before any, the city" },
  operators: { level: 'city', identity: 'uid', row: 'the city (an operator may run facilities in several counties)' },
  contracts: { level: 'county', identity: 'uid', row: 'the county of the facility' },
  contract_evaluations: { level: 'county', identity: 'uid', row: "the county of the contract's facility" },
  targets: { level: 'city', identity: 'uid', row: 'the city' },
  settings: { level: 'city', identity: 'natural key', row: 'the city for the administrator settings; internal keys (_storeId, _citySecret) and the LAN switch are install-local' },
  month_closes: { level: 'install', identity: 'natural key', row: 'each office closes its own month; a month is known by YYYY-MM' },
  month_snapshots: { level: 'install', identity: 'none', row: "the office's own; a snapshot belongs to its month close" },
  users: { level: 'install', identity: 'none', row: 'this install: accounts are made per PC, never copied' },
  audit_log: { level: 'install', identity: 'none', row: "this install's own trail; each row records the owner it wrote for" },
  access_refusals: { level: 'install', identity: 'none', row: "this install's own counts of refused calls" },
  resident_name_chars: { level: 'facility', identity: 'none', row: "the resident's; derived from residents.name by triggers, never exchanged" },
  install_identity: { level: 'install', identity: 'uid', row: 'this install: its uid, place and key pair (the private key encrypted), never copied' },
  installs: { level: 'county', identity: 'uid', row: 'the section that enrolled it: a facility install its county, a county install the city (the root: the city)' },
  change_log: { level: 'install', identity: 'none', row: "this install's copy of every origin's changes; each change carries its origin and seq" },
  change_capture_off: { level: 'install', identity: 'none', row: 'present only while received changes are applied' },
  peer_acks: { level: 'install', identity: 'none', row: 'what each peer has acknowledged, per origin' },
  exchange_progress: { level: 'install', identity: 'none', row: "through which seq each origin's changes are processed here" },
  exchange_ranges: { level: 'install', identity: 'none', row: 'received ranges not yet processed' },
  enrolments: { level: 'install', identity: 'none', row: 'the enrolment files this section made, each used once' },
  exchange_reports: { level: 'install', identity: 'none', row: 'the packages each office made, as this install learned of them (报送情况)' },
  held_packages: { level: 'install', identity: 'none', row: 'package files from a newer version, kept until this install is upgraded' },
} as const satisfies Record<string, TableOwnership>;

export type OwnedTable = keyof typeof TABLE_OWNERSHIP;

/**
 * facilities mixes owners: the register fields (what the county registers and reports) belong
 * to the county; the staff counts and the phone, which the facility keeps up to date, to the
 * facility. Columns in camelCase as in the schema.
 */
export const FACILITY_FIELD_OWNERSHIP = {
  id: 'county',
  uid: 'county',
  regionCode: 'county',
  name: 'county',
  nameSort: 'county',
  kind: 'county',
  ownership: 'county',
  medicalCare: 'county',
  township: 'county',
  address: 'county',
  grade: 'county',
  staffCount: 'facility',
  careWorkerCount: 'facility',
  phone: 'facility',
  createdAt: 'county',
  updatedAt: 'county',
  // the national system's record: registration and filing are register acts; the fees, whom the
  // home takes in and the person in charge's phone are the home's to keep up to date
  creditCode: 'county',
  legalRep: 'county',
  legalRepPhone: 'facility',
  registration: 'county',
  registrationAuthority: 'county',
  registeredOn: 'county',
  filedOn: 'county',
  founder: 'county',
  buildingArea: 'county',
  landArea: 'county',
  admissionTargets: 'facility',
  bedFeeMinFen: 'facility',
  bedFeeMaxFen: 'facility',
  careFeeMinFen: 'facility',
  careFeeMaxFen: 'facility',
  mealFeeMinFen: 'facility',
  mealFeeMaxFen: 'facility',
  residentDepositFen: 'facility',
  tekunInstitution: 'county',
  gloryHome: 'county',
  regionalCentre: 'county',
  latitude: 'county',
  longitude: 'county',
  offersDayCare: 'county',
} as const satisfies Record<string, 'county' | 'facility'>;

/**
 * The owner of a change to a facility's fields: the facility when every changed field is the
 * facility's, else the county (a change mixing both is the county's until ownership is enforced).
 */
export function facilityChangeOwner(changed: readonly string[], facilityId: number, countyCode: string): Owner {
  const own = FACILITY_FIELD_OWNERSHIP as Record<string, 'county' | 'facility'>;
  const fields = changed.filter((f) => f !== 'id' && f !== 'updatedAt');
  return fields.length > 0 && fields.every((f) => own[f] === 'facility') ? facility(facilityId) : county(countyCode);
}

/**
 * The owner as recorded (audit_log.owner): 'city', 'county:520602', 'facility:<facility uid>',
 * 'install'. The facility's uid (not its local id) so the record means the same everywhere.
 */
export function ownerKey(owner: Owner, facilityUid: (id: number) => string): string {
  switch (owner.level) {
    case 'city':
    case 'install':
      return owner.level;
    case 'county':
      return `county:${owner.code}`;
    case 'facility':
      return `facility:${facilityUid(owner.facilityId)}`;
  }
}
