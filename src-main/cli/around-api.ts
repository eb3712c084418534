/**
 * Every CLI command calls the api (createCaller, through cli-api.ts), so every rule and
 * permission applies as in the app — except these, which must work before the api can run, on
 * the file as a whole, or as the way back in. Only their modules (and main.ts, which opens the
 * database and reports its errors) import src-main/db/ or src-main/services/ beyond opening
 * the database and the local actor; tests/unit/cli-around-api.test.ts holds the code to it.
 * README's "Command line" section lists the same commands with the same reasons.
 */
export const AROUND_API = {
  init: { module: 'main', why: 'creates or migrates the database file: the api needs an open, current database' },
  check: { module: 'check-command', why: 'runs before the database is opened (it may be damaged or not ours)' },
  backup: { module: 'backup-commands', why: 'copies the database file as a whole to any file or folder and checks the copy' },
  restore: { module: 'backup-commands', why: 'replaces the database file itself, also a damaged one the api cannot open' },
  'reset-password': { module: 'account-commands', why: 'the way back in when no administrator can log in' },
  key: { module: 'key-commands', why: 'the key that opens the file: nothing can be called before it does' },
  generate: { module: 'generate-command', why: 'development data sets written through the services in bulk' },
  exchange: { module: 'exchange-commands', why: "the install itself (its uid, place and key), below every account: what offices exchange is between installs" },
  'stats --pg': { module: 'stats-command', why: "reads the hub's PostgreSQL, which no api serves: the statistics' one SQL program on the hub's pool" },
} as const satisfies Record<string, { module: string; why: string }>;

export type AroundApiCommand = keyof typeof AROUND_API;
