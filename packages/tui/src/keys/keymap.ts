// Key bindings are data (k9s internal/ui/action.go): this one table feeds the hint bar, the `?`
// help and the root dispatcher, and `--read-only` drops every action that changes something.
import type { ViewId } from '../views/view-ids.ts';

export type Section = 'General' | 'Navigation' | 'View';

export interface KeyAction {
  readonly id: ActionId;
  /** Key names (keys/key-name.ts); the first is shown. */
  readonly keys: readonly string[];
  /** Short label for the hint bar. */
  readonly hint: string;
  /** Sentence for the help screen. */
  readonly description: string;
  readonly section: Section;
  /** The views it applies to; 'all' for general keys. */
  readonly views: readonly ViewId[] | 'all';
  /** Shown in the hint bar (help shows all). */
  readonly visible: boolean;
  /** Changes data on the server: gone with --read-only. */
  readonly writes?: boolean;
  /** Destroys or drops something: asks for confirmation, gone with --read-only. */
  readonly dangerous?: boolean;
}

const LISTS: readonly ViewId[] = [
  'certs',
  'orgs',
  'products',
  'requests',
  'providers',
  'sync',
  'audit',
  'users',
  'rotations',
  'webhooks',
];
const SCROLLS: readonly ViewId[] = [
  ...LISTS,
  'cert',
  'syncRun',
  'request',
  'auditEvent',
  'check',
  'requestCheck',
  'drift',
  'raw',
];
/** Views that publish their selection (useSelection): `y` shows it raw. */
const RAW_VIEWS: readonly ViewId[] = [...LISTS, 'cert', 'syncRun', 'request', 'auditEvent', 'drift'];
const CERT_VIEWS: readonly ViewId[] = ['certs', 'cert'];
const DETAILED: readonly ViewId[] = ['certs', 'sync', 'requests', 'audit'];
const REQUESTS: readonly ViewId[] = ['requests', 'request'];
const DRILLS: readonly ViewId[] = ['orgs', 'providers'];
const SYNCS: readonly ViewId[] = ['providers', 'sync'];
const RUN_VIEWS: readonly ViewId[] = ['sync', 'syncRun'];

type Flag = 'visible' | 'hidden' | 'writes' | 'dangerous';
type Row = readonly [
  id: string,
  keys: string,
  hint: string,
  section: Section,
  views: readonly ViewId[] | 'all',
  flag: Flag,
  description: string,
];

// biome-ignore format: one binding per line reads as a table.
const ROWS = [
  ['command',       ':',             'cmd',          'General',    'all',       'visible',   'Switch view: :certs :orgs :products :requests :check :providers :sync :audit :users :rotations :webhooks :q'],
  ['filter',        '/',             'filter',       'General',    LISTS,       'visible',   'Filter: text, or any fingerprint form'],
  ['help',          '?',             'help',         'General',    'all',       'visible',   'This help'],
  ['back',          'esc',           'back',         'General',    'all',       'visible',   'Clear the filter, then go back'],
  ['refresh',       'ctrl+r',        'refresh',      'General',    'all',       'hidden',    'Fetch again from the server'],
  ['quit',          'q ctrl+c',      'quit',         'General',    'all',       'hidden',    'Quit at the root, back elsewhere (ctrl-c quits anywhere)'],
  ['up',            'k up',          'up',           'Navigation', SCROLLS,     'hidden',    'Previous row'],
  ['down',          'j down',        'down',         'Navigation', SCROLLS,     'hidden',    'Next row'],
  ['top',           'g home',        'top',          'Navigation', SCROLLS,     'hidden',    'First row'],
  ['bottom',        'G end',         'bottom',       'Navigation', SCROLLS,     'hidden',    'Last loaded row (again: the next page)'],
  ['pageDown',      'ctrl+f pgdn',   'page down',    'Navigation', SCROLLS,     'hidden',    'Next page'],
  ['pageUp',        'ctrl+b pgup',   'page up',      'Navigation', SCROLLS,     'hidden',    'Previous page'],
  ['raw',           'y',             'raw',          'Navigation', RAW_VIEWS,   'visible',   'The selected object raw: its JSON (and a certificate\'s PEM)'],
  ['open',          'enter d',       'details',      'Navigation', DETAILED,    'visible',   'Details of the selected row'],
  ['drill',         'enter',         'certificates', 'Navigation', DRILLS,      'visible',   'Its certificates'],
  ['upload',        'u',             'upload',       'View',       ['certs'],   'writes',    'Upload a PEM file (inspected first)'],
  ['import',        'I',             'import dir',   'View',       ['certs'],   'writes',    'Import every certificate of a directory (a dry run first, with progress)'],
  ['rename',        'r',             'rename',       'View',       CERT_VIEWS,  'writes',    'Rename (portal-only name)'],
  ['organisations', 'o',             'orgs',         'View',       CERT_VIEWS,  'writes',    'Edit its organisations'],
  ['delete',        'ctrl+d',        'delete',       'View',       CERT_VIEWS,  'dangerous', 'Delete from the Dashboard (confirms)'],
  ['rotate',        'R',             'rotate',       'View',       CERT_VIEWS,  'writes',    'Rotate: a new certificate joins its grants (overlap), then complete or cancel'],
  ['suspend',       'z',             'suspend/resume', 'View',     CERT_VIEWS,  'dangerous', 'Suspend (off every allow list and binding, with a reason) or resume'],
  ['toggleDeleted', 'x',             'deleted',      'View',       ['certs'],   'visible',   'Show soft-deleted: no / also / only'],
  ['sortName',      'N',             'sort name',    'View',       ['certs'],   'visible',   'Sort by name'],
  ['sortExpiry',    'E',             'sort expiry',  'View',       ['certs'],   'visible',   'Sort by expiry (soonest first)'],
  ['copy',          'c',             'copy id',      'View',       ['cert'],    'visible',   'Copy the Tyk id to the clipboard (OSC 52)'],
  ['copySha',       'S',             'copy sha256',  'View',       ['cert'],    'hidden',    'Copy the SHA-256 to the clipboard (OSC 52)'],
  ['sync',          's',             'sync',         'View',       SYNCS,       'writes',    'Start a sync and watch its progress'],
  ['test',          't',             'test',         'View',       ['providers'], 'visible', 'Test the connection to the Dashboard'],
  ['drift',         'D',             'drift',        'View',       ['providers'], 'visible', 'Where its Dashboard differs from what the portal granted'],
  ['fix',           'F',             'fix',          'View',       ['drift'],   'dangerous', 'Repair every finding: write the Dashboard back (confirms)'],
  ['create',        'n',             'new',          'View',       ['orgs', 'providers', 'users', 'products', 'plans'], 'writes', 'Create one (a short form; a new user sees its token once)'],
  ['edit',          'e',             'edit',         'View',       ['providers'], 'writes',  'Edit it (an empty API key keeps the stored one)'],
  ['confirm',       'c',             'confirm',      'View',       RUN_VIEWS,   'dangerous', 'Apply a HELD run: soft-deletes what it lists (confirms)'],
  ['discard',       'ctrl+d',        'discard',      'View',       RUN_VIEWS,   'writes',    'Drop a HELD run: nothing changes'],
  ['mode',          'm',             'mode',         'View',       ['products'], 'writes',   'Switch certificate mode: Managed / Self-Serve'],
  ['bind',          'b',             'binding',      'View',       ['products'], 'writes',   'Bind issued keys to the certificates, or not'],
  ['approve',       'a',             'approve',      'View',       REQUESTS,    'writes',    'Approve: provision it, and follow it live'],
  ['reject',        'x',             'reject',       'View',       REQUESTS,    'dangerous', 'Reject, with a reason for the consumer'],
  ['retry',         'R',             'retry',        'View',       REQUESTS,    'writes',    'Retry a FAILED provisioning from its failed step'],
  ['reprovision',   'P',             're-provision', 'View',       REQUESTS,    'writes',    "Write an APPROVED request's key and allow lists again"],
  ['revoke',        'ctrl+d',        'revoke',       'View',       REQUESTS,    'dangerous', 'Revoke: end its credential, take its certificates off (confirms)'],
  ['rotationApprove', 'a',           'approve',      'View',       ['rotations'], 'writes',  "Approve a consumer's requested rotation: its overlap starts (confirms)"],
  ['rotationComplete', 'c',          'complete',     'View',       ['rotations'], 'dangerous', 'Complete: the old certificate leaves every grant (confirms)'],
  ['rotationCancel', 'x',            'cancel',       'View',       ['rotations'], 'dangerous', 'Cancel (or decline a request): the new certificate leaves the grants (confirms)'],
  ['redeliver',     'R',             'redeliver',    'View',       ['webhooks'], 'writes',   'Send the event again, same id, with fresh attempts (confirms)'],
  ['checkRequest',  'C',             'check',        'View',       ['request'], 'visible',   "Would the Gateway let its client through? Asks for the client's PEM"],
  ['newCheck',      'n',             'new check',    'View',       ['check', 'requestCheck'], 'visible', 'Check another request'],
] as const satisfies readonly Row[];

/** Every action a key can trigger: a typo in a view's handler is a type error, not a dead key. */
export type ActionId = (typeof ROWS)[number][0];

export const KEYMAP: readonly KeyAction[] = ROWS.map(
  ([id, keys, hint, section, views, flag, description]) => ({
    id,
    keys: keys.split(' '),
    hint,
    description,
    section,
    views,
    visible: flag !== 'hidden',
    writes: flag === 'writes',
    dangerous: flag === 'dangerous',
  }),
);

/** The row states an action applies in (core's rules); the server refuses it in any other. */
const VALID_IN: Readonly<Partial<Record<ActionId, readonly string[]>>> = {
  approve: ['PENDING'],
  reject: ['PENDING', 'FAILED'],
  retry: ['FAILED'],
  reprovision: ['APPROVED'],
  revoke: ['APPROVED', 'FAILED'],
  confirm: ['HELD'],
  discard: ['HELD'],
  rotationApprove: ['REQUESTED'],
  rotationComplete: ['OVERLAP'],
  rotationCancel: ['REQUESTED', 'OVERLAP'],
  redeliver: ['FAILED', 'DELIVERED'],
};

export interface KeymapOptions {
  readonly readOnly: boolean;
  /** The selected row's status (`APPROVED`, `HELD`), when the view has one. */
  readonly rowState?: string | undefined;
}

/**
 * The actions in force in a view: read-only mode strips every write (k9s ClearDanger), and an
 * action the selected row's state does not allow (approve on an APPROVED request) is not offered.
 */
export function actionsFor(view: ViewId, options: KeymapOptions): KeyAction[] {
  return KEYMAP.filter(
    (a) =>
      (a.views === 'all' || a.views.includes(view)) &&
      !(options.readOnly && (a.writes || a.dangerous)) &&
      (options.rowState === undefined || VALID_IN[a.id]?.includes(options.rowState) !== false),
  );
}

/** The action a key triggers in a view, if any. */
export function actionForKey(view: ViewId, key: string, options: KeymapOptions): KeyAction | undefined {
  return actionsFor(view, options).find((a) => a.keys.includes(key));
}

/** The hint bar: visible actions, `<key> hint`. */
export function hintsFor(
  view: ViewId,
  options: KeymapOptions,
): { key: string; hint: string; dangerous: boolean }[] {
  return actionsFor(view, options)
    .filter((a) => a.visible)
    .map((a) => ({ key: a.keys[0]!, hint: a.hint, dangerous: a.dangerous ?? false }));
}

/** The `?` screen: every action of the view, by section (k9s help.go). */
export function helpSections(
  view: ViewId,
  options: KeymapOptions,
): { section: Section; actions: KeyAction[] }[] {
  const actions = actionsFor(view, options);
  return (['View', 'General', 'Navigation'] as const)
    .map((section) => ({ section, actions: actions.filter((a) => a.section === section) }))
    .filter((s) => s.actions.length > 0);
}
