/** The importable registers; dependency-free so the renderer can import it. */
export const TEMPLATE_IDS = ['facilities', 'beds', 'residents', 'stays', 'population', 'national-list'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** The registers whose export holds full ID numbers (a column of type 'id'): refused without `revealPersonal`. */
export const FULL_ID_TEMPLATES: readonly TemplateId[] = ['residents', 'stays'];
