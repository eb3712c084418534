/**
 * `key recover --db PATH < 恢复密钥`: open a database on a PC that does not have its key (a
 * new PC, a lost key file) with the recovery key printed at set-up; the key is checked
 * against the file before it is stored, as this PC's key file (0600).
 * `key show --db PATH`: the recovery key of this PC's key, to print again. Whoever can run
 * the CLI as this user can read the key file anyway; the command says so and where it is.
 */
import { isPlainSqlite, keyOpens } from '../db/connection';
import { keyFilePath, keyFingerprint, keyFromRecovery, recoveryKeyOf, resolveKey, writeKeyFile } from '../db/db-key';
import { fail } from '../domain/errors';

export function recoverKeyCommand(dbFile: string, recoveryText: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!recoveryText.trim()) return fail.validation('REQUIRED', 'recoveryKey', 'key recover 需要从标准输入读入恢复密钥', 'key recover reads the recovery key from standard input');
  const key = keyFromRecovery(recoveryText);
  if (isPlainSqlite(dbFile))
    return fail.validation('NOT_ENCRYPTED', 'db', `该数据库尚未加密，不需要恢复密钥：${dbFile}`, `The database is not encrypted yet; no recovery key is needed: ${dbFile}`);
  if (!keyOpens(dbFile, key))
    return fail.validation(
      'RECOVERY_KEY_WRONG',
      'recoveryKey',
      `该恢复密钥打不开数据库（格式正确，但不是这个数据库的密钥）：${dbFile}`,
      `The recovery key does not open the database (well-formed, but not this database's key): ${dbFile}`,
    );
  if (env.ELDERCARE_DB_KEY)
    return `恢复密钥正确。环境变量 ELDERCARE_DB_KEY 已设置，请改为：ELDERCARE_DB_KEY=${key.toString('hex')}\nThe recovery key is right. ELDERCARE_DB_KEY is set; set it to the value above instead.`;
  const file = keyFilePath(env);
  writeKeyFile(file, key);
  return `恢复密钥正确，已保存为本机密钥（仅本用户可读）：${file}\nThe recovery key is right and was saved as this PC's key (owner-only): ${file}`;
}

export function showKeyCommand(env: NodeJS.ProcessEnv = process.env): string {
  const resolved = resolveKey({ env, create: false });
  const where = resolved.source === 'env' ? '环境变量 ELDERCARE_DB_KEY / the ELDERCARE_DB_KEY variable' : (resolved.file ?? '');
  return (
    `恢复密钥 / recovery key:\n  ${recoveryKeyOf(resolved.key)}\n` +
    `请打印或抄写后锁进办公室保险柜；有了它，管理员可以在新电脑上打开数据库。密钥编号 / key id: ${keyFingerprint(resolved.key)}\n` +
    `Print or copy it and keep it in the office safe; with it an administrator opens the database on a new PC.\n` +
    `密钥来自 / the key comes from: ${where}`
  );
}
