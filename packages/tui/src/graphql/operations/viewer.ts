import { operation } from '../document.ts';
import type { Named, UserRole } from './types.ts';

export interface Viewer {
  readonly id: string;
  readonly name: string;
  readonly role: UserRole;
  readonly organisation: Named | null;
}

/** Who the token stands for: the startup check. */
export const ViewerQuery = operation<{ viewer: Viewer }>(
  'Viewer',
  `query Viewer { viewer { id name role organisation { id name } } }`,
);
