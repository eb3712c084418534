/**
 * The certificate of LAN mode (security review M11: passwords, session cookies and ID numbers
 * crossed the office network in cleartext). With LAN access on, `npm run serve` answers HTTPS
 * only, with
 *
 * - the administrator's own certificate and key (`--cert FILE --key FILE`, or the environment
 *   variables ELDERCARE_TLS_CERT / ELDERCARE_TLS_KEY), checked to match and to be valid now; or
 * - a self-signed one made by the `selfsigned` package (ECDSA P-256, SHA-256) and kept in a
 *   `tls/` folder beside the database (folder 0700, files 0600), reused at the next start and
 *   made anew when it is unreadable, does not match its key, or is expired or within
 *   RENEW_BEFORE_DAYS of expiry. It names this PC's LAN IPv4 addresses, its host name,
 *   localhost, 127.0.0.1 and ::1.
 *
 * Nobody's browser trusts the generated certificate, so colleagues see a warning the first
 * time; the settings page and the start-up lines show its SHA-256 fingerprint to check
 * against what the browser shows. No HSTS header is sent: with a self-signed certificate it
 * would make the browser's warning impossible to get past.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { TlsInfo } from '../api/trpc';
import { lanAddresses } from './lan-addresses';

export type { TlsInfo } from '../api/trpc';

export const TLS_DIR = 'tls';
export const CERT_FILE = 'cert.pem';
export const KEY_FILE = 'key.pem';
/** A generated certificate is made anew at the first start this close to its expiry. */
export const RENEW_BEFORE_DAYS = 30;
/** Under the 398 days some platforms (Apple's) allow a server certificate. */
export const GENERATED_VALID_DAYS = 397;
export const TLS_ENV = { cert: 'ELDERCARE_TLS_CERT', key: 'ELDERCARE_TLS_KEY' } as const;

const DAY_MS = 86_400_000;
const POSIX = process.platform !== 'win32';

/** What an https server needs, and what the settings page and the start-up lines show of it. */
export interface TlsMaterial {
  cert: string;
  key: string;
  info: TlsInfo;
  /** Start-up lines worth printing (made anew and why, addresses the certificate lacks, expiry near). */
  notes: string[];
}

/** The folder the generated certificate is kept in: beside the database file. */
export function tlsDirOf(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), TLS_DIR);
}

/** --cert/--key first, then ELDERCARE_TLS_CERT/ELDERCARE_TLS_KEY; both or neither. */
export function suppliedFiles(args: { cert?: string; key?: string }, env: NodeJS.ProcessEnv): { certFile: string; keyFile: string } | null {
  const certFile = args.cert ?? env[TLS_ENV.cert] ?? '';
  const keyFile = args.key ?? env[TLS_ENV.key] ?? '';
  if (certFile === '' && keyFile === '') return null;
  if (certFile === '' || keyFile === '')
    throw new Error(
      `证书和私钥须一起提供（--cert 与 --key，或 ${TLS_ENV.cert} 与 ${TLS_ENV.key}）/ ` + `give the certificate and its key together (--cert and --key, or ${TLS_ENV.cert} and ${TLS_ENV.key})`,
    );
  return { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
}

/** "DNS:a, IP Address:1.2.3.4, IP Address:0:0:0:0:0:0:0:1" → ["a", "1.2.3.4", "::1"]. */
function altNamesOf(x: crypto.X509Certificate): string[] {
  return (x.subjectAltName ?? '')
    .split(/,\s*/)
    .map((entry) => entry.replace(/^(DNS|IP Address):/, '').replace(/^"(.*)"$/, '$1'))
    .map((n) => (n.includes(':') && net.isIPv6(n) ? new URL(`http://[${n}]/`).hostname.slice(1, -1) : n))
    .filter((n) => n !== '');
}

export function describeCertificate(certPem: string, source: TlsInfo['source']): TlsInfo {
  const x = new crypto.X509Certificate(certPem);
  return {
    fingerprintSha256: x.fingerprint256,
    subject: x.subject.split('\n').join(', '),
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    altNames: altNamesOf(x),
    source,
  };
}

/** The names the LAN server is reached by: they belong in a generated certificate. */
export function serverNames(): { hostname: string; ips: string[] } {
  return { hostname: os.hostname(), ips: lanAddresses() };
}

function missingNames(info: TlsInfo, names: { hostname: string; ips: string[] }): string[] {
  const covered = new Set(info.altNames.map((n) => n.toLowerCase()));
  return [...names.ips, names.hostname].filter((n) => n !== '' && !covered.has(n.toLowerCase()));
}

/**
 * The administrator's certificate and key: refused (the server does not start) when unreadable,
 * not matching, or not valid now — better than training colleagues to click through warnings.
 */
export function suppliedTls(files: { certFile: string; keyFile: string }, now = new Date(), names = serverNames()): TlsMaterial {
  const read = (file: string, what: { zh: string; en: string }) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`无法读取${what.zh}：${file} / cannot read the ${what.en} ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
    }
  };
  const cert = read(files.certFile, { zh: '证书文件', en: 'certificate file' });
  const key = read(files.keyFile, { zh: '私钥文件', en: 'key file' });
  let x: crypto.X509Certificate;
  try {
    x = new crypto.X509Certificate(cert);
  } catch {
    throw new Error(`证书文件不是 PEM 格式的证书：${files.certFile} / not a PEM certificate: ${files.certFile}`);
  }
  let k: crypto.KeyObject;
  try {
    k = crypto.createPrivateKey(key);
  } catch {
    throw new Error(`私钥文件无法读取（须为未加密的 PEM 私钥）：${files.keyFile} / the key must be an unencrypted PEM private key: ${files.keyFile}`);
  }
  if (!x.checkPrivateKey(k)) throw new Error(`证书与私钥不匹配 / the certificate and the key do not belong together: ${files.certFile}, ${files.keyFile}`);
  const info = describeCertificate(cert, 'supplied');
  if (now.getTime() < Date.parse(info.validFrom) || now.getTime() > Date.parse(info.validTo))
    throw new Error(
      `证书不在有效期内（${info.validFrom} – ${info.validTo}）：${files.certFile}；请换新证书，或去掉 --cert/--key 改用自动生成的证书 / ` +
        `the certificate is not valid now (${info.validFrom} – ${info.validTo}); renew it, or drop --cert/--key to use a generated one`,
    );
  const notes: string[] = [];
  if (Date.parse(info.validTo) - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS)
    notes.push(`证书将于 ${info.validTo} 到期，请及时更换 / the certificate expires ${info.validTo}; renew it soon`);
  const missing = missingNames(info, names);
  if (missing.length > 0) notes.push(`证书未包含本机地址 ${missing.join(', ')}，用这些地址访问时浏览器会提示名称不符 / the certificate does not name ${missing.join(', ')}`);
  return { cert, key, info, notes };
}

/** A kept certificate that may be used again, or why not. */
function keptTls(dir: string, now: Date): { ok: true; cert: string; key: string; info: TlsInfo } | { ok: false; why: string } {
  const certPath = path.join(dir, CERT_FILE);
  const keyPath = path.join(dir, KEY_FILE);
  if (!fs.existsSync(certPath) || !fs.existsSync(keyPath)) return { ok: false, why: 'none kept' };
  try {
    const cert = fs.readFileSync(certPath, 'utf8');
    const key = fs.readFileSync(keyPath, 'utf8');
    if (!new crypto.X509Certificate(cert).checkPrivateKey(crypto.createPrivateKey(key))) return { ok: false, why: 'the kept key does not match' };
    const info = describeCertificate(cert, 'generated');
    if (now.getTime() < Date.parse(info.validFrom)) return { ok: false, why: 'not valid yet (the clock moved back)' };
    if (Date.parse(info.validTo) - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return { ok: false, why: `expires ${info.validTo}` };
    return { ok: true, cert, key, info };
  } catch {
    return { ok: false, why: 'unreadable' };
  }
}

/** Written beside, then renamed over: never half a file, never readable by others. */
function writePrivate(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  if (POSIX) fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** A DNS name usable in a certificate ('' when the host name is not one). */
function dnsName(hostname: string): string {
  return /^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/.test(hostname) ? hostname : '';
}

async function makeCertificate(names: { hostname: string; ips: string[] }, now: Date): Promise<{ cert: string; key: string }> {
  const host = dnsName(names.hostname);
  const dns = [...new Set([host, 'localhost'].filter((n) => n !== ''))];
  const ips = [...new Set(['127.0.0.1', '::1', ...names.ips])];
  const pems = await generate(
    [
      { name: 'commonName', value: host || 'localhost' },
      { name: 'organizationName', value: 'Eldercare register (self-signed)' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      // A day back, for colleagues' PCs whose clocks run a little behind.
      notBeforeDate: new Date(now.getTime() - DAY_MS),
      notAfterDate: new Date(now.getTime() + GENERATED_VALID_DAYS * DAY_MS),
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
      ],
    },
  );
  return { cert: pems.cert, key: pems.private };
}

/**
 * The generated certificate kept beside the database `dbFile`: the kept one while it is good,
 * otherwise a new one (written to tls/cert.pem and tls/key.pem before it is used).
 */
export async function generatedTls(dbFile: string, now = new Date(), names = serverNames()): Promise<TlsMaterial> {
  const dir = tlsDirOf(dbFile);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) fs.chmodSync(dir, 0o700);
  const kept = keptTls(dir, now);
  if (kept.ok) {
    if (POSIX) for (const f of [CERT_FILE, KEY_FILE]) fs.chmodSync(path.join(dir, f), 0o600);
    const missing = missingNames(kept.info, names);
    const notes =
      missing.length > 0
        ? [
            `证书未包含本机现在的地址 ${missing.join(', ')}；如需包含，删除 ${dir} 后重新启动（指纹会改变）/ ` +
              `the certificate does not name ${missing.join(', ')}; delete ${dir} and restart to make one that does (its fingerprint changes)`,
          ]
        : [];
    return { cert: kept.cert, key: kept.key, info: kept.info, notes };
  }
  const made = await makeCertificate(names, now);
  writePrivate(path.join(dir, KEY_FILE), made.key);
  writePrivate(path.join(dir, CERT_FILE), made.cert);
  const info = describeCertificate(made.cert, 'generated');
  const why = kept.why === 'none kept' ? '' : ` (${kept.why})`;
  return { ...made, info, notes: [`已生成新的自签名证书 / made a new self-signed certificate${why}: ${path.join(dir, CERT_FILE)}`] };
}

/** LAN mode's certificate: the administrator's when given, otherwise the generated one. */
export async function lanTls(opts: { dbFile: string; supplied: { certFile: string; keyFile: string } | null; now?: Date; names?: { hostname: string; ips: string[] } }): Promise<TlsMaterial> {
  return opts.supplied ? suppliedTls(opts.supplied, opts.now, opts.names) : generatedTls(opts.dbFile, opts.now, opts.names);
}
