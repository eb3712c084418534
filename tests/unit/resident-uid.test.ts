import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { residentUid, UID_PATTERN } from '../../src-main/domain/resident-uid';

const SECRET = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const ID = '11010519491231002X';

describe('residentUid', () => {
  it('is HMAC-SHA-256(secret, ID number), first 128 bits with the v8 version and variant bits', () => {
    // computed here independently of the module
    const mac = crypto.createHmac('sha256', Buffer.from(SECRET, 'hex')).update(ID).digest();
    const bytes = mac.subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x80;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    const expected = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
    expect(residentUid(SECRET, ID)).toBe(expected);
    expect(residentUid(Buffer.from(SECRET, 'hex'), ID)).toBe(expected);
  });

  it('has the UUID v8 shape', () => {
    const uid = residentUid(SECRET, ID);
    expect(uid).toMatch(UID_PATTERN);
    expect(uid[14]).toBe('8');
    expect('89ab').toContain(uid[19]);
  });

  it('normalises the ID number: a lower-case x and surrounding spaces give the same uid', () => {
    expect(residentUid(SECRET, '11010519491231002x')).toBe(residentUid(SECRET, ID));
    expect(residentUid(SECRET, ` ${ID} `)).toBe(residentUid(SECRET, ID));
  });

  it('differs by secret and by ID number', () => {
    const other = 'ff'.repeat(32);
    expect(residentUid(other, ID)).not.toBe(residentUid(SECRET, ID));
    expect(residentUid(SECRET, '110105194912310029')).not.toBe(residentUid(SECRET, ID));
  });

  it('refuses a secret of the wrong length and an empty ID number', () => {
    expect(() => residentUid('abcd', ID)).toThrow();
    expect(() => residentUid(SECRET, '  ')).toThrow();
  });
});
