/**
 * The command line: the same api as the app, from a terminal.
 *   npm run --silent cli -- <command> [options]
 */
import { parseArgs } from 'node:util';
import { toAppError } from '../api/errors';
import { ownerOnlyFiles } from '../db/file-modes';
import { DatabaseKeyError, DatabaseOpenError, DatabaseStorageError, onDatabaseOpened, openDatabase } from '../db/open';
import { resolveDbPath } from '../db/paths';
import { ClockSettingError, clockFromEnv } from '../services/clock';
import { isIsoDate, todayIso } from '../domain/dates';
import { backupCommand, restoreCommand } from './backup-commands';
import { autoBackupWarning, checkCommand } from './check-command';
import { statsCommand, statsPgCommand } from './stats-command';
// The commands few runs need (import, generate, demo data, exchange) load when called: every
// start of the CLI would otherwise load the import runner, the generator and the exchange.
import { closeMonthCommand, exportMonthCommand } from './month-commands';
import { exportQuarterCommand, exportYearCommand, QuarterUsageError } from './quarter-commands';
import { readPasswordFromStdin, resetPasswordCommand } from './account-commands';
import { recoverKeyCommand, showKeyCommand } from './key-commands';

const USAGE = `用法 / usage: npm run --silent cli -- <command> [--db PATH]
  init        --db PATH                          创建或升级数据库 / create or migrate the database
  seed-demo   --db PATH [--seed N]               写入演示数据（铜仁，虚构）/ load the labelled demo data
  generate    --db PATH --scale city|province [--seed N]  生成市级/省级规模测试数据 / generate a city- or province-scale data set
  stats       --db PATH --date YYYY-MM-DD [--json]  按区县统计 / figures by county as of a date
              --pg postgres://… 代替 --db：读中心服务器（PostgreSQL）的同一口径 / the same figures from the hub's PostgreSQL
  check       --db PATH [--date YYYY-MM-DD] [--names]  完整性检查与数据质量（按区县计数；--names 逐条列出，含老人姓名）/ integrity check and data-quality counts (--names: each finding, with names)
  backup      --db PATH --out FILE|FOLDER        备份（经完整性检查）/ write a verified backup
  restore     --db PATH --from FILE              从备份恢复（先另存当前数据库）/ restore a backup (keeps a safety copy first)
  close-month --db PATH --month YYYY-MM          月度关账 / close a reporting month
  export-month --db PATH --month YYYY-MM --out FILE.xlsx  导出月报工作簿 / export the month's workbook
  export-quarter --db PATH --quarter YYYYQn --out FILE.xlsx  导出民政事业统计季报（养老，取关账快照）/ the quarterly statistical form from closed months
  export-year --db PATH --year YYYY --out FILE.xlsx  导出年报（取关账的12月）/ the annual form from the closed December
  export-national-list --db PATH --out FILE.xlsx|FILE.csv [--date YYYY-MM-DD]  导出国家系统机构名单 / the national system's facility list
  import      <facilities|beds|residents|stays|population|national-list> FILE --db PATH [--dry-run]  导入 .xlsx/.csv（有问题则不写入，退出码 1）/ import a register
  reset-password --db PATH --user NAME < 新密码   重设账号密码并解锁（密码从标准输入读取）/ reset a password and unlock (password on stdin)
  key recover --db PATH < 恢复密钥               在新电脑上用恢复密钥打开数据库 / open the database on a new PC with the recovery key (on stdin)
  key show                                       显示本机密钥的恢复密钥以便打印 / print this PC's recovery key
  exchange identity --db PATH [--json]           本机安装编号、层级、所辖与公钥指纹 / this install's uid, level, what it holds and key fingerprint
  exchange status --db PATH [--json]             已知安装、各来源变更处理进度、待处理与拒绝 / installs known, how far each origin is processed, waiting and refused
  exchange enrol --db PATH (--facility 区县代码/机构名称 | --county 区县代码) [--replace] --out FILE  生成登记文件（只能用一次；--replace 先吊销原电脑，重新登记）/ an enrolment file (works once; --replace re-enrols a PC that died)
  exchange reporting --db PATH --month YYYY-MM [--json]  下级各单位本月数据报送情况 / which offices below reported the month, on time or late
  exchange revoke --db PATH (--facility 区县代码/机构名称 | --county 区县代码 | --install 安装编号)  吊销损坏或丢失电脑的密钥 / revoke a dead or lost PC's key
  exchange join --db NEW.db --from FILE          用登记文件建立新的机构端或区县端 / a new install from an enrolment file
  exchange export --db PATH --out FILE [--for 安装编号]  生成交换包（默认发往上级）/ a package (default: for the section above)
  exchange import --db PATH FILE...              导入交换包（有拒绝则退出码 1）/ import packages (exit 1 when any is refused)
  exchange sync --db PATH [--hub URL] [--json]   与中心服务器同步（默认地址取设置）/ sync with the hub (address from the settings by default)
数据库与备份已加密；密钥依次取环境变量 ELDERCARE_DB_KEY、用户配置目录中的 db.key（首次使用时创建）。
The database and its backups are encrypted; the key is ELDERCARE_DB_KEY, else db.key in the user's config folder (created on first use).
数据库路径依次取 --db、环境变量 ELDERCARE_DB、用户数据目录。`;

class UsageError extends Error {}

/** The database the command works on, for a storage problem to be told from the file system. */
let dbFile: string | undefined;

async function run(argv: string[]): Promise<number> {
  ownerOnlyFiles();
  // The one clock (ELDERCARE_TODAY, services/clock.ts): "today" of every command and default date.
  try {
    clockFromEnv(process.env);
  } catch (e) {
    if (e instanceof ClockSettingError) throw new UsageError(e.message);
    throw e;
  }
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: command === 'import' || command === 'key' || command === 'exchange',
    options: { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, date: { type: 'string' }, json: { type: 'boolean' }, seed: { type: 'string' }, scale: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, user: { type: 'string' }, names: { type: 'boolean' }, facility: { type: 'string' }, county: { type: 'string' }, city: { type: 'string' }, install: { type: 'string' }, replace: { type: 'boolean' }, for: { type: 'string' }, quarter: { type: 'string' }, year: { type: 'string' }, pg: { type: 'string' }, hub: { type: 'string' } },
    strict: true,
  });
  const file = resolveDbPath(values.db ? ['--db', values.db] : [], process.env);
  dbFile = file;
  // A failed daily backup is said once on stderr (`check` reports it in its own output).
  let warned = false;
  if (command !== 'check')
    onDatabaseOpened((db) => {
      if (warned || !db.autoBackup?.error) return;
      warned = true;
      process.stderr.write(`${autoBackupWarning(db.autoBackup.error, db.autoBackup.problem)}\n`);
    });
  const date = values.date ?? todayIso();
  if (!isIsoDate(date)) throw new UsageError(`--date 不是有效日期：${date} / --date is not a valid date (YYYY-MM-DD)`);

  switch (command) {
    case 'init': {
      const db = openDatabase(file);
      db.close();
      process.stdout.write(`数据库已就绪 / database ready: ${file}\n`);
      return 0;
    }
    case 'generate': {
      const { generateCommand, parseScale } = await import('./generate-command');
      const scale = parseScale(values.scale);
      if (!scale) throw new UsageError(`--scale 应为 city 或 province：${values.scale} / --scale must be city or province`);
      const db = openDatabase(file);
      try {
        process.stdout.write(`${generateCommand(db, scale, values.seed ? Number(values.seed) : undefined, (line) => process.stdout.write(`${line}\n`))}\n`);
      } finally {
        db.close();
      }
      return 0;
    }
    case 'seed-demo': {
      const { seedDemo } = await import('./demo-data');
      const db = openDatabase(file);
      try {
        const s = await seedDemo(db, values.seed ? Number(values.seed) : undefined);
        process.stdout.write(
          `已写入演示数据（虚构，非真实统计）/ demo data written (invented figures): ${file}\n` +
            `机构 ${s.facilities}，床位 ${s.beds}，老人 ${s.residents}，入住 ${s.stays}，评估 ${s.assessments}，合同 ${s.contracts}\n`,
        );
      } finally {
        db.close();
      }
      return 0;
    }
    case 'stats': {
      if (!values.date) throw new UsageError('stats 需要 --date YYYY-MM-DD / stats needs --date');
      if (values.pg) {
        process.stdout.write(`${await statsPgCommand(values.pg, date, values.json ?? false)}\n`);
        return 0;
      }
      const db = openDatabase(file);
      try {
        process.stdout.write(`${await statsCommand(db, date, values.json ?? false)}\n`);
      } finally {
        db.close();
      }
      return 0;
    }
    case 'check': {
      const outcome = await checkCommand(file, date, values.names ?? false);
      (outcome.ok ? process.stdout : process.stderr).write(`${outcome.text}\n`);
      return outcome.ok ? 0 : 1;
    }
    case 'backup':
    case 'restore': {
      const text = command === 'backup' ? await backupCommand(file, values.out) : await restoreCommand(file, values.from);
      process.stdout.write(`${text}\n`);
      return 0;
    }
    case 'export-national-list': {
      const { exportNationalListCommand, NationalListUsageError } = await import('./national-list-command');
      const db = openDatabase(file);
      try {
        process.stdout.write(`${await exportNationalListCommand(db, values.out, date)}\n`);
      } catch (e) {
        throw e instanceof NationalListUsageError ? new UsageError(e.message) : e;
      } finally {
        db.close();
      }
      return 0;
    }
    case 'close-month':
    case 'export-month': {
      const db = openDatabase(file);
      try {
        const text = command === 'close-month' ? await closeMonthCommand(db, values.month) : await exportMonthCommand(db, values.month, values.out);
        process.stdout.write(`${text}\n`);
      } finally {
        db.close();
      }
      return 0;
    }
    case 'export-quarter':
    case 'export-year': {
      const db = openDatabase(file);
      try {
        const text = command === 'export-quarter' ? await exportQuarterCommand(db, values.quarter, values.out) : await exportYearCommand(db, values.year, values.out);
        process.stdout.write(`${text}\n`);
      } catch (e) {
        throw e instanceof QuarterUsageError ? new UsageError(e.message) : e;
      } finally {
        db.close();
      }
      return 0;
    }
    case 'import': {
      const { importCommand, isTemplateId } = await import('./import-command');
      const [template, input] = positionals;
      if (!isTemplateId(template) || !input || positionals.length > 2)
        throw new UsageError('import 需要模板名和文件：import <facilities|beds|residents|stays|population|national-list> FILE / import needs a template and a file');
      const r = await importCommand(file, template, input, values['dry-run'] ?? false);
      process.stdout.write(`${r.text}\n`);
      return r.code;
    }
    case 'reset-password': {
      const password = await readPasswordFromStdin();
      const db = openDatabase(file);
      try {
        process.stdout.write(`${resetPasswordCommand(db, values.user, password)}\n`);
      } finally {
        db.close();
      }
      return 0;
    }
    case 'key': {
      const [sub] = positionals;
      if (sub === 'recover') process.stdout.write(`${recoverKeyCommand(file, await readPasswordFromStdin())}\n`);
      else if (sub === 'show') process.stdout.write(`${showKeyCommand()}\n`);
      else throw new UsageError('key 需要 recover 或 show / key needs recover or show');
      return 0;
    }
    case 'exchange': {
      const { enrolCommand, exportCommand, identityReport, identityText, importPackagesCommand, joinCommand, reportingText, revokeCommand, statusReport, statusText } = await import('./exchange-commands');
      const { reportingStatus } = await import('../services/exchange/reporting');
      const [sub, ...files] = positionals;
      if (sub === 'join') {
        if (!values.db || !values.from) throw new UsageError('exchange join 需要 --db NEW.db --from 登记文件 / exchange join needs --db and --from');
        process.stdout.write(`${await joinCommand(values.db, values.from)}\n`);
        return 0;
      }
      if (!['identity', 'status', 'reporting', 'enrol', 'revoke', 'export', 'import', 'sync'].includes(sub ?? ''))
        throw new UsageError('exchange 需要 identity、status、reporting、enrol、revoke、join、export、import 或 sync / exchange needs identity, status, reporting, enrol, revoke, join, export, import or sync');
      if (sub === 'reporting' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month ?? '')) throw new UsageError('exchange reporting 需要 --month YYYY-MM / exchange reporting needs --month YYYY-MM');
      if ((sub === 'enrol' || sub === 'export') && !values.out) throw new UsageError(`exchange ${sub} 需要 --out 文件 / exchange ${sub} needs --out FILE`);
      if (sub === 'import' && files.length === 0) throw new UsageError('exchange import 需要交换包文件 / exchange import needs package files');
      const db = openDatabase(file);
      try {
        if (sub === 'identity') {
          const report = identityReport(db);
          process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : identityText(report)}\n`);
        } else if (sub === 'status') {
          const report = statusReport(db);
          process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : statusText(report)}\n`);
        } else if (sub === 'reporting') {
          const report = reportingStatus(db, values.month!);
          process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : reportingText(report)}\n`);
        } else if (sub === 'enrol') {
          process.stdout.write(`${enrolCommand(db, { facility: values.facility, county: values.county, city: values.city }, values.out!, values.replace === true)}\n`);
        } else if (sub === 'revoke') {
          process.stdout.write(`${revokeCommand(db, { facility: values.facility, county: values.county, install: values.install })}\n`);
        } else if (sub === 'export') {
          process.stdout.write(`${exportCommand(db, values.out!, values.for)}\n`);
        } else if (sub === 'sync') {
          const { syncCommand } = await import('./exchange-commands');
          const { text, ok } = await syncCommand(db, values.hub, values.json ?? false);
          (ok ? process.stdout : process.stderr).write(`${text}\n`);
          return ok ? 0 : 1;
        } else {
          const { text, ok } = importPackagesCommand(db, files);
          process.stdout.write(`${text}\n`);
          return ok ? 0 : 1;
        }
      } finally {
        db.close();
      }
      return 0;
    }
    default:
      throw new UsageError(command ? `未知命令：${command} / unknown command` : '缺少命令 / missing command');
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    if (e instanceof Error && e.name === 'DemoNeedsEmptyDatabase') {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    if (e instanceof DatabaseOpenError && e.code === 'NEWER_VERSION') {
      process.stderr.write(`无法打开数据库（${e.code}）：${e.message}\n`);
      process.exit(1);
    }
    if (e instanceof DatabaseKeyError) {
      // its message is whole, in both languages (what happened, that nothing changed, what to do)
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    if (e instanceof DatabaseStorageError) {
      const p = e.storageProblem;
      process.stderr.write(`无法打开数据库（${p.code}）：${p.zh}\nCannot open the database (${p.code}): ${p.en}\n`);
      process.exit(1);
    }
    if (e instanceof DatabaseOpenError) {
      process.stderr.write(`无法打开数据库（${e.code}）：${e.file}\nCannot open the database: ${e.message}\n`);
      process.exit(1);
    }
    const app = toAppError(e, dbFile);
    process.stderr.write(`${app.zh}\n${app.en} [${app.code}${app.field ? ` ${app.field}` : ''}]\n`);
    process.exit(1);
  },
);
