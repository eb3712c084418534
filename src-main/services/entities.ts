/** Entity names as users read them: kept with the read models' `require*` guards that use them. */
export { ENTITY } from '../db/queries/entities';
