/**
 * Every file the app creates is owner-only: the process's umask is set to 077 at start (the
 * server, the CLI and the desktop shell call this first), so databases, their -wal/-shm,
 * backups, exports, key and certificate files are created 0600 and folders 0700 on Linux
 * and macOS. Windows files inherit the folder's ACL (the user's profile folder).
 */
export function ownerOnlyFiles(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}
