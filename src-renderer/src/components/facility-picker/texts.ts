/** Texts of the facility picker and the free-bed tiles (admission flow and stay actions). */
export const FP = {
  facilityPlaceholder: { zh: '输入机构名称筛选（运营中的养老机构）', en: 'Type to filter operating residential facilities' },
  noFacility: { zh: '没有匹配的运营中养老机构（敬老院、养老院、互助幸福院）。换个名称试试，或在“机构”页登记机构。', en: 'No operating residential facility matches. Try another name, or register one on the Facilities page.' },
  freeBeds: { zh: '空床 {n}', en: '{n} free' },
  noFreeBeds: { zh: '该机构在 {date} 没有空闲床位。请选择其他机构，或在机构页增加床位。', en: 'No free beds on {date}. Choose another facility, or add beds on the facility page.' },
  nursing: { zh: '护理型', en: 'Nursing' },
  general: { zh: '普通', en: 'General' },
  suggested: { zh: '推荐', en: 'Suggested' },
} as const;
