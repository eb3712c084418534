import type { Page } from '@playwright/test';
import { idCheckCharacter } from '../../../src-main/domain/id-number';
import { pick, typeDate } from './antd';

/**
 * A valid 居民身份证号 (GB 11643) from the domain's own check-character rule: region, birth
 * date (YYYYMMDD), a 3-digit sequence (odd: male, even: female).
 */
export function validIdNumber(region: string, birth: string, seq: number): string {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id.slice(-1);
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

/** 入住登记: resident → assessment → facility and bed → confirm. */
export class AdmissionPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-admission').click();
    await this.page.getByTestId('page-admission').waitFor();
  }

  /** Step ①: fill the new-resident form inline (does not save). */
  async typeNewResident(r: { name: string; idNumber: string }): Promise<void> {
    const p = this.page;
    await p.getByTestId('admission-new-resident').click();
    await p.getByTestId('resident-name').fill(r.name);
    await p.getByTestId('resident-idnumber').fill(r.idNumber);
    await p.getByTestId('resident-idnumber').blur();
  }

  /** Step ①: register a new resident here and pick them, then go on to the assessment. */
  async newResident(r: { name: string; idNumber: string }): Promise<void> {
    const p = this.page;
    await this.typeNewResident(r);
    await p.getByTestId('resident-save').click();
    await p.getByTestId('admission-resident').waitFor();
    await p.getByTestId('admission-next').click();
    await p.getByTestId('admission-step-assessment').waitFor();
  }

  /** Step ②: score every item at its maximum, name the two assessors, go on. */
  async assessAllMax(assessors: [string, string]): Promise<void> {
    const p = this.page;
    await p.getByTestId('assessment-fill-max').click();
    await p.getByTestId('assessment-assessor1').fill(assessors[0]);
    await p.getByTestId('assessment-assessor2').fill(assessors[1]);
    await p.getByTestId('admission-next').click();
    await p.getByTestId('admission-step-bed').waitFor();
  }

  async skipAssessment(): Promise<void> {
    const p = this.page;
    await p.getByTestId('admission-skip-assessment').click();
    await p.getByTestId('admission-next').click();
    await p.getByTestId('admission-step-bed').waitFor();
  }

  /** Step ③: the facility and the date; its free beds show as tiles. */
  async chooseFacility(f: { facility: string; date: string }): Promise<void> {
    const p = this.page;
    await pick(p, 'admission-facility', f.facility);
    await typeDate(p, 'admission-date', f.date);
    await p.getByTestId('admission-beds').waitFor();
  }

  freeBed(label: string) {
    return this.page.getByTestId(`admission-bed-${label}`);
  }

  /** Step ③: a free bed; then on to the summary. */
  async pickBed(label: string): Promise<void> {
    const p = this.page;
    await this.freeBed(label).click();
    await p.getByTestId('admission-next').click();
    await p.getByTestId('admission-step-confirm').waitFor();
  }

  async chooseBed(b: { facility: string; bed: string; date: string }): Promise<void> {
    await this.chooseFacility(b);
    await this.pickBed(b.bed);
  }

  async confirm(): Promise<void> {
    await this.page.getByTestId('admission-confirm').click();
  }
}
