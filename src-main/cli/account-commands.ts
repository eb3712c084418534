/**
 * `reset-password --db PATH --user NAME`: the way back in when an administrator forgot the
 * password or is locked out. Whoever can run the CLI on this PC can read the database file
 * anyway, so the CLI acts as the local administrator. The new password is read from standard
 * input (not the command line, which shells keep in their history); the account is unlocked.
 */
import { eq } from 'drizzle-orm';
import { localActor } from '../services/local-actor';
import type { AppDb } from '../db/open';
import { users } from '../db/schema';
import { fail } from '../domain/errors';
import { resetPassword } from '../services/accounts';
import { ENTITY } from '../services/entities';

export async function readPasswordFromStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function resetPasswordCommand(db: AppDb, username: string | undefined, password: string): string {
  if (!username) return fail.validation('REQUIRED', 'user', 'reset-password 需要 --user NAME', 'reset-password needs --user NAME');
  const u = db.orm.select().from(users).where(eq(users.username, username)).get();
  if (!u) return fail.notFound(ENTITY.user, username, 'user');
  resetPassword({ db, actor: { ...localActor(db), username: 'cli' } }, u.id, password);
  return `已重设“${username}”的密码并解锁 / password reset and account unlocked: ${username}`;
}
