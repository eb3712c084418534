/**
 * Names of input fields as users read them; validation messages always name the field.
 */
import { ASSESSMENT_ITEMS } from '../domain/assessment';
import type { Labelled } from '../domain/enums';

const BASE: Record<string, Labelled> = {
  id: { zh: '编号', en: 'ID' },
  date: { zh: '统计日期', en: 'Date' },
  regionCode: { zh: '区县', en: 'County' },
  counties: { zh: '区县', en: 'Counties' },
  kinds: { zh: '机构类型', en: 'Facility kinds' },
  year: { zh: '年份', en: 'Year' },
  population60: { zh: '60岁及以上人口', en: 'Population aged 60+' },
  population80: { zh: '80岁及以上人口', en: 'Population aged 80+' },
  tekunUnable: { zh: '生活不能自理特困人员数', en: '特困 persons unable to care for themselves' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '机构类型', en: 'Facility kind' },
  ownership: { zh: '运营方式', en: 'Ownership' },
  medicalCare: { zh: '医养结合', en: 'Medical-care integrated' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  address: { zh: '地址', en: 'Address' },
  grade: { zh: '等级', en: 'Grade' },
  staffCount: { zh: '职工数', en: 'Staff' },
  careWorkerCount: { zh: '护理员数', en: 'Care workers' },
  phone: { zh: '联系电话', en: 'Phone' },
  status: { zh: '状态', en: 'Status' },
  effectiveOn: { zh: '状态日期', en: 'Effective date' },
  facilityId: { zh: '机构', en: 'Facility' },
  bedId: { zh: '床位', en: 'Bed' },
  bedIds: { zh: '床位', en: 'Beds' },
  toBedId: { zh: '转入床位', en: 'Target bed' },
  count: { zh: '床位数', en: 'Number of beds' },
  nursingCount: { zh: '其中护理型床位数', en: 'Of which nursing-type' },
  building: { zh: '楼栋', en: 'Building' },
  room: { zh: '房间号', en: 'Room' },
  label: { zh: '床位号', en: 'Bed label' },
  labelPattern: { zh: '床位号规则', en: 'Label pattern' },
  startNumber: { zh: '起始编号', en: 'First number' },
  careType: { zh: '床位类型', en: 'Care type' },
  inServiceFrom: { zh: '启用日期', en: 'In service from' },
  retiredOn: { zh: '停用日期', en: 'Retired on' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  householdRegionCode: { zh: '户籍区县', en: 'Household county' },
  tekun: { zh: '特困', en: '特困 (extreme poverty)' },
  tekunSelfCare: { zh: '特困自理能力', en: '特困 self-care status' },
  dibao: { zh: '低保', en: 'Minimum living allowance' },
  lowIncome: { zh: '低收入', en: 'Low income' },
  shidu: { zh: '失独', en: 'Lost only child' },
  youfu: { zh: '优抚对象', en: 'Entitled group' },
  emergencyContact: { zh: '紧急联系人', en: 'Emergency contact' },
  emergencyPhone: { zh: '紧急联系电话', en: 'Emergency phone' },
  residentId: { zh: '老人', en: 'Resident' },
  stayId: { zh: '入住记录', en: 'Stay' },
  admittedOn: { zh: '入住日期', en: 'Admission date' },
  dischargedOn: { zh: '离院日期', en: 'Discharge date' },
  dischargeReason: { zh: '离院原因', en: 'Discharge reason' },
  transferOn: { zh: '转床日期', en: 'Transfer date' },
  startOn: { zh: '开始日期', en: 'Start date' },
  endOn: { zh: '结束日期', en: 'End date' },
  reason: { zh: '原因', en: 'Reason' },
  assessedOn: { zh: '评估日期', en: 'Assessment date' },
  standard: { zh: '评估标准', en: 'Standard' },
  scores: { zh: '评估项目', en: 'Item scores' },
  coma: { zh: '昏迷', en: 'Coma' },
  diagnosis: { zh: '诊断', en: 'Diagnosis' },
  riskEvents: { zh: '近30天照护风险事件次数', en: 'Care-risk events in 30 days' },
  finalLevel: { zh: '能力等级', en: 'Ability level' },
  assessor1: { zh: '评估员一', en: 'First assessor' },
  assessor2: { zh: '评估员二', en: 'Second assessor' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative' },
  contactPerson: { zh: '联系人', en: 'Contact person' },
  operatorId: { zh: '运营方', en: 'Operator' },
  contractId: { zh: '合同', en: 'Contract' },
  contractNo: { zh: '合同编号', en: 'Contract number' },
  selectionMethod: { zh: '遴选方式', en: 'Selection method' },
  annualFee: { zh: '年度费用（元）', en: 'Annual fee (yuan)' },
  deposit: { zh: '保证金（元）', en: 'Deposit (yuan)' },
  reservedBeds: { zh: '保障床位数', en: 'Reserved beds' },
  assetValue: { zh: '资产价值（元）', en: 'Asset value (yuan)' },
  terminatedOn: { zh: '终止日期', en: 'Termination date' },
  score: { zh: '评分', en: 'Score' },
  result: { zh: '评估结果', en: 'Result' },
  metric: { zh: '指标', en: 'Indicator' },
  value: { zh: '目标值', en: 'Target value' },
  search: { zh: '搜索', en: 'Search' },
  month: { zh: '月份', en: 'Month' },
  unitName: { zh: '填报单位', en: 'Reporting unit' },
  countedCategories: { zh: '计入床位类别', en: 'Counted bed categories' },
  reassessmentMonths: { zh: '复评间隔（月）', en: 'Reassessment interval (months)' },
  contractWarningDays: { zh: '合同到期提醒天数', en: 'Contract expiry warning (days)' },
  supportHomeResidentsPerStaff: { zh: '敬老院每名工作人员供养人数上限', en: 'Support-home residents per staff' },
  note: { zh: '备注', en: 'Note' },
  limit: { zh: '条数', en: 'Limit' },
  offset: { zh: '起始位置', en: 'Offset' },
};

const ITEMS: Record<string, Labelled> = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, { zh: i.zh, en: i.en }]));

/** The label of the last named segment of a path like ['scores', 'eating']. */
export function fieldLabel(path: ReadonlyArray<PropertyKey>): Labelled {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg !== 'string') continue;
    const hit = ITEMS[seg] ?? BASE[seg];
    if (hit) return hit;
    return { zh: seg, en: seg };
  }
  return { zh: '输入', en: 'Input' };
}
