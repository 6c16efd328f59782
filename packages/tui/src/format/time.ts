// Durations as a table shows them: `in 12d`, `3h ago`, `starts in 2d`. Pure.

const UNITS: readonly [number, string][] = [
  [365 * 86_400_000, 'y'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
];

/** `12d`, `3h`, `45s`: the largest unit that fits, rounded down (days below two years). */
export function shortDuration(ms: number): string {
  const abs = Math.abs(ms);
  for (const [size, unit] of UNITS) {
    if (unit === 'y' && abs < 2 * size) continue;
    if (abs >= size) return `${Math.floor(abs / size)}${unit}`;
  }
  return `${Math.floor(abs / 1000)}s`;
}

/**
 * How long something took or may take, in the one format every view uses: `850ms` under a second,
 * `1.2s` under a minute, then `shortDuration`'s `3m`, `2h`.
 */
export function elapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  return shortDuration(ms);
}

/** The EXPIRES column: `in 12d`, `expired 3d ago`, `starts in 2d`. */
export function expiresIn(notBefore: string, notAfter: string, now = Date.now()): string {
  const start = Date.parse(notBefore);
  const end = Date.parse(notAfter);
  if (now < start) return `starts in ${shortDuration(start - now)}`;
  if (now > end) return `expired ${shortDuration(now - end)} ago`;
  return `in ${shortDuration(end - now)}`;
}

/** `2026-11-28 09:30` (UTC), or '-'. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `2026-11-28 09:30:15` (UTC), or '-': where seconds tell events apart (the audit log). */
export function dateTimeSeconds(iso: string | null | undefined): string {
  if (!iso) return '-';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `3h ago`, or '-'. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '-';
  return `${shortDuration(now - Date.parse(iso))} ago`;
}

/** How far through its validity a certificate is, 0 to 1. */
export function validityShare(notBefore: string, notAfter: string, now = Date.now()): number {
  const start = Date.parse(notBefore);
  const end = Date.parse(notAfter);
  if (end <= start) return now >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}
