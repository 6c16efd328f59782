/**
 * The syntax checks Go's crypto/x509 applies to DNS names, mailboxes and URI hosts before it
 * compares them with name constraints. A name Go cannot read fails the check outright, so these
 * mirror Go's leniency as well as its strictness.
 */

/** An rfc822Name split as Go's parseRFC2821Mailbox does; `domain` is kept as written. */
export interface Mailbox {
  readonly local: string;
  readonly domain: string;
}

/**
 * Go crypto/x509/parser.go domainNameValid: printable ASCII (33-126), no empty label, no trailing
 * dot. The empty string passes (Go's TODO(#75835)); a constraint may start with one dot.
 */
export function domainNameValid(name: string, constraint: boolean): boolean {
  if (name.length === 0) return true;
  if (name.endsWith('.')) return false;
  const body = constraint && name.startsWith('.') ? name.slice(1) : name;
  let labelLength = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === '.') {
      if (labelLength === 0) return false;
      labelLength = 0;
      continue;
    }
    const c = body.charCodeAt(i);
    if (c < 33 || c > 126) return false;
    labelLength++;
  }
  return true;
}

// RFC 2822 atext plus '.', which Go accepts in an unquoted local part (verify.go parseRFC2821Mailbox).
const ATEXT = /[0-9A-Za-z!#$%&'*+\-/=?^_`{|}~.]/;

/** Go crypto/x509/verify.go parseRFC2821Mailbox; undefined when Go cannot parse the address. */
export function parseMailbox(address: string): Mailbox | undefined {
  let rest = address;
  let local = '';
  if (rest.startsWith('"')) {
    let i = 1;
    for (;;) {
      if (i >= rest.length) return undefined;
      const c = rest.charCodeAt(i++);
      if (c === 0x22) break;
      if (c === 0x5c) {
        if (i >= rest.length) return undefined;
        const next = rest.charCodeAt(i++);
        if (next === 10 || next === 13 || next === 0 || next > 127) return undefined;
        local += String.fromCharCode(next);
      } else if (
        c === 32 ||
        c === 33 ||
        c === 127 ||
        (c >= 1 && c <= 31 && c !== 9 && c !== 10 && c !== 13)
      ) {
        local += String.fromCharCode(c);
      } else if ((c >= 35 && c <= 91) || (c >= 93 && c <= 126)) {
        local += String.fromCharCode(c);
      } else {
        return undefined;
      }
    }
    rest = rest.slice(i);
  } else {
    let i = 0;
    while (i < rest.length) {
      let c = rest[i]!;
      if (c === '\\') {
        // Go falls through to append whatever follows the backslash, atext or not.
        i++;
        if (i >= rest.length) return undefined;
        c = rest[i]!;
      } else if (!ATEXT.test(c)) {
        break;
      }
      local += c;
      i++;
    }
    if (local.length === 0 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
      return undefined;
    }
    rest = rest.slice(i);
  }
  if (!rest.startsWith('@')) return undefined;
  const domain = rest.slice(1);
  if (!domainNameValid(domain, false) || domain.includes('@')) return undefined;
  return { local, domain };
}

/**
 * The host of a URI SAN as Go's net/url Parse gives it (`host[:port]`, percent-decoded), '' when
 * the URI has no authority, undefined when Go's parser refuses the URI.
 */
export function uriHost(uri: string): string | undefined {
  if (uri.startsWith(':')) return undefined; // "missing protocol scheme"
  const withoutFragment = uri.split('#', 1)[0]!;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(withoutFragment);
  const rest = withoutFragment.slice(scheme ? scheme[0].length : 0).split('?', 1)[0]!;
  if (!rest.startsWith('//') || (!scheme && rest.startsWith('///'))) return '';
  const authority = rest.slice(2).split('/', 1)[0]!;
  let host = authority.slice(authority.lastIndexOf('@') + 1);
  if (!host.startsWith('[')) {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && !/^:\d*$/.test(host.slice(colon))) return undefined; // invalid port
  }
  if (host.includes('%')) {
    try {
      host = decodeURIComponent(host);
    } catch {
      return undefined;
    }
  }
  return host;
}

/** ASCII lower case, as Go's constraint code folds names (never Unicode folding). */
export function lowerAscii(value: string): string {
  return value.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
