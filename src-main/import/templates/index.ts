import { type Template, type TemplateId } from '../template';
import { bedsTemplate } from './beds';
import { facilitiesTemplate } from './facilities';
import { nationalListTemplate } from './national-list';
import { populationTemplate } from './population';
import { residentsTemplate } from './residents';
import { staysTemplate } from './stays';

export const TEMPLATES: Record<TemplateId, Template> = {
  facilities: facilitiesTemplate,
  beds: bedsTemplate,
  residents: residentsTemplate,
  stays: staysTemplate,
  population: populationTemplate,
  'national-list': nationalListTemplate,
};
