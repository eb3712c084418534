/**
 * Uploaded files are kept on disk sealed: AES-256-GCM (node:crypto) under a key that lives in
 * this process's memory only, made at start. The import worker gets the key with its job. A
 * file left behind by a killed process can never be read again — not even by the app — and is
 * swept with its folder (uploads.ts). Layout: 12-byte IV, ciphertext, 16-byte tag.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

const KEY = crypto.randomBytes(32);
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SEAL_OVERHEAD = IV_BYTES + TAG_BYTES;

/** The key, for the import worker thread (it does not share this module's state). */
export function uploadKeyHex(): string {
  return KEY.toString('hex');
}

/** A stream that seals what is written to it; pipe it into the file. */
export function sealingStream(): Transform {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!started) {
        started = true;
        this.push(iv);
      }
      cb(null, cipher.update(chunk));
    },
    flush(cb: TransformCallback) {
      if (!started) this.push(iv);
      this.push(cipher.final());
      cb(null, cipher.getAuthTag());
    },
  });
}

export function seal(bytes: Uint8Array): Buffer {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  return Buffer.concat([iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
}

/**
 * The plain bytes of a sealed file (throws when it was not sealed with `keyHex`). Read and
 * opened a megabyte at a time into one buffer of the plain size, so a 60 MB upload costs
 * 60 MB here, not two or three copies of it.
 */
export function unsealFile(file: string, keyHex: string = uploadKeyHex()): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < SEAL_OVERHEAD) throw new Error('not a sealed upload');
    const iv = Buffer.alloc(IV_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    fs.readSync(fd, iv, 0, IV_BYTES, 0);
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
    const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.allocUnsafe(size - SEAL_OVERHEAD);
    const chunk = Buffer.allocUnsafe(1 << 20);
    let at = 0;
    for (let pos = IV_BYTES; pos < size - TAG_BYTES; ) {
      const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - TAG_BYTES - pos), pos);
      pos += n;
      at += decipher.update(chunk.subarray(0, n)).copy(plain, at);
    }
    at += decipher.final().copy(plain, at); // throws when the file was changed or another key sealed it
    return plain.subarray(0, at);
  } finally {
    fs.closeSync(fd);
  }
}
