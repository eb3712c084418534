/**
 * The audit log in words (操作日志): every action the code audits (`audit(tx, actor, action, …)`
 * across src-main) as a verb phrase, and the accounts that are not people as names. The
 * 操作日志 page builds a sentence from them: `2026-12-01 09:15 王科员 为 张三 办理离院`.
 * `{obj}` is the object the server names (services/audit-log.ts: a resident's name, a
 * facility, a bed, a contract, a county…). tests/unit/audit-labels.test.ts scans the source
 * and fails when an audited action has no label here.
 */
import type { Labelled } from '../domain/enums';

export const AUDIT_ACTION_LABELS = {
  // ——— residents, stays, assessments
  'resident.create': { zh: '登记老人 {obj}', en: 'registered the resident {obj}' },
  'resident.update': { zh: '修改老人 {obj} 的信息', en: 'changed the details of {obj}' },
  'resident.revealIdNumber': { zh: '查看 {obj} 的完整身份证号', en: 'viewed the full ID number of {obj}' },
  'resident.searchIdNumber': { zh: '按完整身份证号查找老人 {obj}', en: 'searched a resident by full ID number {obj}' },
  'resident.exportFullIds': { zh: '导出含完整身份证号的老人名册', en: 'exported the resident roster with full ID numbers' },
  'stay.admit': { zh: '为 {obj} 办理入住', en: 'admitted {obj}' },
  'stay.discharge': { zh: '为 {obj} 办理离院', en: 'discharged {obj}' },
  'stay.transfer': { zh: '为 {obj} 办理转床', en: 'moved {obj} to another bed' },
  'stay.recordLeave': { zh: '登记 {obj} 外出', en: 'recorded a leave of {obj}' },
  'stay.endLeave': { zh: '登记 {obj} 外出返回', en: 'recorded the return of {obj}' },
  'stay.correct': { zh: '更正 {obj} 的入住记录', en: 'corrected the stay of {obj}' },
  'stay.undoDischarge': { zh: '撤销 {obj} 的离院', en: 'undid the discharge of {obj}' },
  'stay.undoTransfer': { zh: '撤销 {obj} 的转床', en: 'undid the bed move of {obj}' },
  'stay.reopenLeave': { zh: '恢复 {obj} 的外出（撤销离院或转床时）', en: 'reopened the leave of {obj} (with an undone discharge or move)' },
  'assessment.record': { zh: '为 {obj} 登记能力评估', en: 'recorded an ability assessment of {obj}' },
  'assessment.recordLegacy': { zh: '为 {obj} 补录旧标准评估', en: 'recorded an assessment of {obj} under the old standard' },
  'waiting.add': { zh: '为 {obj} 登记轮候申请', en: 'put {obj} on a waiting list' },
  'waiting.withdraw': { zh: '撤回 {obj} 的轮候申请', en: 'withdrew the waiting-list application of {obj}' },
  'waiting.reopen': { zh: '恢复 {obj} 的轮候申请', en: 'reopened the waiting-list application of {obj}' },
  'waiting.admit': { zh: '{obj} 从轮候名单入住', en: 'admitted {obj} from the waiting list' },
  'assessment.void': { zh: '作废 {obj} 的一次能力评估', en: 'voided an ability assessment of {obj}' },
  // ——— facilities and beds
  'facility.create': { zh: '登记机构 {obj}', en: 'registered the facility {obj}' },
  'facility.update': { zh: '修改机构 {obj} 的信息', en: 'changed the details of the facility {obj}' },
  'facility.setStatus': { zh: '登记机构 {obj} 的运营状态变化', en: 'recorded a status change of the facility {obj}' },
  'licence.add': { zh: '登记机构 {obj} 的证照', en: 'recorded a licence of the facility {obj}' },
  'licence.update': { zh: '修改机构 {obj} 的证照', en: 'changed a licence of the facility {obj}' },
  'licence.remove': { zh: '删除机构 {obj} 的一条证照记录', en: 'removed a licence record of the facility {obj}' },
  'facility.updateStatusChange': { zh: '更正机构 {obj} 的运营状态记录', en: 'corrected a status change of the facility {obj}' },
  'facility.deleteStatusChange': { zh: '删除机构 {obj} 的一条运营状态记录', en: 'deleted a status change of the facility {obj}' },
  'facility.printBeds': { zh: '打印或导出机构 {obj} 的床位一览表（内部资料）', en: 'printed or exported the bed list of the facility {obj} (internal)' },
  'facility.printResidents': { zh: '打印或导出机构 {obj} 的在住老人名单（内部资料）', en: 'printed or exported the resident list of the facility {obj} (internal)' },
  'bed.add': { zh: '为机构 {obj} 添加床位', en: 'added beds to the facility {obj}' },
  'bed.update': { zh: '修改床位 {obj}', en: 'changed the bed {obj}' },
  'bed.retire': { zh: '停用床位 {obj}', en: 'retired the bed {obj}' },
  'bed.correct': { zh: '更正床位 {obj}', en: 'corrected the bed {obj}' },
  // ——— operators and contracts (公建民营)
  'operator.create': { zh: '登记运营方 {obj}', en: 'registered the operator {obj}' },
  'operator.update': { zh: '修改运营方 {obj} 的信息', en: 'changed the details of the operator {obj}' },
  'contract.create': { zh: '登记公建民营合同 {obj}', en: 'registered the operating contract {obj}' },
  'contract.update': { zh: '更正公建民营合同 {obj}', en: 'corrected the operating contract {obj}' },
  'contract.terminate': { zh: '终止公建民营合同 {obj}', en: 'terminated the operating contract {obj}' },
  'contract.undoTermination': { zh: '撤销公建民营合同 {obj} 的终止', en: 'undid the termination of the operating contract {obj}' },
  'contract.addEvaluation': { zh: '为公建民营合同 {obj} 登记考核', en: 'recorded an evaluation of the operating contract {obj}' },
  // ——— counties, population, targets, month close
  'region.addCounty': { zh: '添加区县 {obj}', en: 'added the county {obj}' },
  'population.upsert': { zh: '填报 {obj} 的人口数', en: 'entered the population figures of {obj}' },
  'target.upsert': { zh: '设置目标值 {obj}', en: 'set the target {obj}' },
  'target.delete': { zh: '删除目标值 {obj}', en: 'deleted the target {obj}' },
  'month.close': { zh: '关账 {obj}', en: 'closed the month {obj}' },
  'month.reopen': { zh: '重新开账 {obj}', en: 'reopened the month {obj}' },
  // ——— import and exports
  'import.preview': { zh: '预检导入文件 {obj}', en: 'checked the import file {obj}' },
  'import.commit': { zh: '导入文件 {obj}', en: 'imported the file {obj}' },
  'import.exportRegister': { zh: '导出登记表 {obj}', en: 'exported the register {obj}' },
  'dataQuality.exportInternal': { zh: '导出数据质量清单（内部） {obj}', en: 'exported the internal data-quality list {obj}' },
  // ——— accounts, settings, security, backups
  'account.setupAdmin': { zh: '创建首个管理员账号 {obj}', en: 'created the first administrator account {obj}' },
  'account.login': { zh: '登录', en: 'logged in' },
  'account.logout': { zh: '退出登录', en: 'logged out' },
  'account.loginFailed': { zh: '登录失败（密码错误）', en: 'failed to log in (wrong password)' },
  'account.locked': { zh: '因多次密码错误被锁定', en: 'was locked after repeated wrong passwords' },
  'account.changePassword': { zh: '修改自己的密码', en: 'changed their own password' },
  'user.create': { zh: '创建账号 {obj}', en: 'created the account {obj}' },
  'user.update': { zh: '修改账号 {obj}', en: 'changed the account {obj}' },
  'user.resetPassword': { zh: '重置账号 {obj} 的密码', en: 'reset the password of {obj}' },
  'user.unlock': { zh: '解锁账号 {obj}', en: 'unlocked the account {obj}' },
  'settings.update': { zh: '修改单位设置', en: 'changed the office settings' },
  'security.update': { zh: '修改局域网访问设置', en: 'changed the network access settings' },
  'security.recoveryKeyAcknowledged': { zh: '确认已保存恢复密钥', en: 'confirmed the recovery key is kept' },
  'backup.create': { zh: '创建备份', en: 'made a backup' },
  'backup.restore': { zh: '从备份恢复数据库', en: 'restored the database from a backup' },
  // ——— the exchange between offices
  'exchange.enrol': { zh: '登记加入数据交换 {obj}', en: 'enrolled an install {obj}' },
  'exchange.receive': { zh: '收到交换数据 {obj}', en: 'received exchanged changes {obj}' },
  'exchange.sync': { zh: '与中心服务器同步 {obj}', en: 'synced with the hub {obj}' },
  'exchange.enrolFile': { zh: '生成登记文件', en: 'made an enrolment file' },
  'exchange.refusePackage': { zh: '拒绝导入交换包 {obj}', en: 'refused an exchange package {obj}' },
  'exchange.holdPackage': { zh: '暂存较新版本的交换包 {obj}（待升级后导入）', en: 'held a package from a newer version {obj} until an upgrade' },
  'exchange.revoke': { zh: '吊销安装的密钥 {obj}', en: "revoked an install's key {obj}" },
} as const satisfies Record<string, Labelled>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** What the filter's action kinds group: the part before the dot. */
export const AUDIT_ACTION_GROUPS = {
  resident: { zh: '老人', en: 'Residents' },
  stay: { zh: '入住', en: 'Stays' },
  assessment: { zh: '能力评估', en: 'Assessments' },
  waiting: { zh: '轮候', en: 'Waiting list' },
  facility: { zh: '机构', en: 'Facilities' },
  licence: { zh: '机构证照', en: 'Licences' },
  bed: { zh: '床位', en: 'Beds' },
  operator: { zh: '运营方', en: 'Operators' },
  contract: { zh: '公建民营合同', en: 'Operating contracts' },
  region: { zh: '区县', en: 'Counties' },
  population: { zh: '人口', en: 'Population' },
  target: { zh: '目标值', en: 'Targets' },
  month: { zh: '关账', en: 'Month close' },
  import: { zh: '导入导出', en: 'Import and export' },
  dataQuality: { zh: '数据质量', en: 'Data quality' },
  account: { zh: '登录', en: 'Login' },
  user: { zh: '账号', en: 'Accounts' },
  settings: { zh: '设置', en: 'Settings' },
  security: { zh: '安全', en: 'Security' },
  backup: { zh: '备份', en: 'Backups' },
  exchange: { zh: '数据交换', en: 'Exchange' },
} as const satisfies Record<string, Labelled>;

/** The action as words; an action this table does not know (a newer version's) shows as itself. */
export function auditActionLabel(action: string): Labelled {
  return (AUDIT_ACTION_LABELS as Record<string, Labelled>)[action] ?? { zh: action, en: action };
}

/**
 * Who acts when no person is logged in: the local pseudo-account (the desktop window or the
 * browser before accounts exist), the command line, the demo data, the test-data generator.
 */
export const AUDIT_ACTOR_LABELS = {
  local: { zh: '本机用户', en: 'Local user' },
  cli: { zh: '命令行', en: 'Command line' },
  demo: { zh: '演示数据', en: 'Demo data' },
  generate: { zh: '数据生成器', en: 'Data generator' },
} as const satisfies Record<string, Labelled>;
export type PseudoActor = keyof typeof AUDIT_ACTOR_LABELS;

/** The usernames the code acts under without a person (services/local-actor.ts, cli, demo, generate). */
export const PSEUDO_USERNAMES: Readonly<Record<string, PseudoActor>> = {
  local: 'local',
  browser: 'local',
  desktop: 'local',
  cli: 'cli',
  'seed-demo': 'demo',
  generate: 'generate',
};
