/** The importable registers; dependency-free so the renderer can import it. */
export const TEMPLATE_IDS = ['facilities', 'beds', 'residents', 'stays', 'population'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
