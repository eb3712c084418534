import { type Template, type TemplateId } from '../template';
import { bedsTemplate } from './beds';
import { facilitiesTemplate } from './facilities';
import { populationTemplate } from './population';
import { residentsTemplate } from './residents';
import { staysTemplate } from './stays';

export const TEMPLATES: Record<TemplateId, Template> = {
  facilities: facilitiesTemplate,
  beds: bedsTemplate,
  residents: residentsTemplate,
  stays: staysTemplate,
  population: populationTemplate,
};
