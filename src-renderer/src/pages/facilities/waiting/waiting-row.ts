/** A row of the waiting list as `waiting.list` gives it. */
import type { api } from '../../../api/client';

export type WaitingRow = Awaited<ReturnType<typeof api.waiting.list.query>>[number];
