// The views the `:` command reaches, with their aliases (k9s: `:pod`, `:po`, `:pods`). Detail views
// are pushed by `enter` and have no command. Adding a view: one entry here, one in registry.tsx.

/** Every view of the TUI: list views reached by `:`, and detail views reached by `enter`. */
export const VIEW_IDS = [
  'certs',
  'cert',
  'orgs',
  'products',
  'requests',
  'request',
  'check',
  'requestCheck',
  'providers',
  'sync',
  'syncRun',
  'audit',
  'auditEvent',
  'users',
  'drift',
  'plans',
  'rotations',
  'webhooks',
  'raw',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** A view reachable by a `:` command. */
export interface ViewCommand {
  readonly view: ViewId;
  /** Shown in breadcrumbs and help. */
  readonly title: string;
  /** The first is the canonical command; all are accepted. */
  readonly aliases: readonly string[];
}

export const VIEW_COMMANDS: readonly ViewCommand[] = [
  { view: 'certs', title: 'Certificates', aliases: ['certs', 'cert', 'certificates', 'certificate', 'crt'] },
  { view: 'orgs', title: 'Organisations', aliases: ['orgs', 'org', 'organisations', 'organizations'] },
  { view: 'products', title: 'Products', aliases: ['products', 'product', 'prod'] },
  { view: 'requests', title: 'Access requests', aliases: ['requests', 'request', 'req', 'accessrequests'] },
  { view: 'check', title: 'Request check', aliases: ['check', 'explain', 'why', 'requestcheck'] },
  { view: 'providers', title: 'Providers', aliases: ['providers', 'provider', 'prov', 'dashboards'] },
  { view: 'sync', title: 'Sync runs', aliases: ['sync', 'syncs', 'runs', 'syncruns'] },
  { view: 'audit', title: 'Audit events', aliases: ['audit', 'events', 'auditevents'] },
  { view: 'users', title: 'Users', aliases: ['users', 'user', 'usr'] },
  { view: 'plans', title: 'Plans', aliases: ['plans', 'plan'] },
  { view: 'rotations', title: 'Rotations', aliases: ['rotations', 'rotation', 'rot'] },
  { view: 'webhooks', title: 'Webhook deliveries', aliases: ['webhooks', 'webhook', 'hooks', 'deliveries'] },
];

/** Commands that are not views. */
export const QUIT_COMMANDS: readonly string[] = ['q', 'quit', 'q!', 'exit'];

/** The view a command word names, if any (case-insensitive). */
export function viewForCommand(word: string): ViewCommand | undefined {
  const lower = word.toLowerCase();
  return VIEW_COMMANDS.find((c) => c.aliases.includes(lower));
}

/**
 * The views (by canonical command) that a partly typed command word can mean: `pr` → products,
 * providers. A word that is a command itself means only that view. Empty once a filter or argument
 * follows the word.
 */
export function commandMatches(text: string): string[] {
  const lower = text.trimStart().toLowerCase();
  if (lower === '' || /[\s/]/.test(lower)) return [];
  const exact = viewForCommand(lower);
  if (exact) return [exact.aliases[0]!];
  return VIEW_COMMANDS.filter((c) => c.aliases.some((a) => a.startsWith(lower))).map((c) => c.aliases[0]!);
}
