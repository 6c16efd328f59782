import { beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from './allow-list.ts';
import { type Forged, forge, listed, seq, text, tlv } from './forge.test-support.ts';
import * as x509 from './peculiar.ts';

// Go crypto/x509/verify.go Verify filters every candidate chain through
// constraints.go checkChainConstraints: the CA's permitted and excluded subtrees bind the DNS, IP,
// email and URI names in the leaf's SAN extension (never its CN).

const now = new Date();

type Form = 'dns' | 'email' | 'uri' | 'ip';
const TAGS: Record<Form, number> = { email: 0x81, dns: 0x82, uri: 0x86, ip: 0x87 };

function subtree(form: Form, value: string): Uint8Array {
  if (form !== 'ip') return seq(text(TAGS[form], value));
  const [address, bits] = value.split('/') as [string, string];
  const ip = address.includes(':') ? ipv6(address) : Uint8Array.from(address.split('.').map(Number));
  const mask = new Uint8Array(ip.length).map(
    (_, i) => 0xff << (8 - Math.min(8, Math.max(0, Number(bits) - i * 8))),
  );
  return seq(tlv(0x87, ip, mask));
}

function ipv6(address: string): Uint8Array {
  const [head, tail = ''] = address.split('::') as [string, string?];
  const groups = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const h = groups(head);
  const t = groups(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

function nameConstraints(
  permitted: Array<[Form, string]>,
  excluded: Array<[Form, string]> = [],
): x509.Extension {
  const parts: Uint8Array[] = [];
  if (permitted.length) parts.push(tlv(0xa0, ...permitted.map(([f, v]) => subtree(f, v))));
  if (excluded.length) parts.push(tlv(0xa1, ...excluded.map(([f, v]) => subtree(f, v))));
  return new x509.Extension('2.5.29.30', true, seq(...parts));
}

const san = (form: Form, value: string): x509.JsonGeneralName => ({
  type: form === 'uri' ? 'url' : form,
  value,
});

type Case = readonly [
  string,
  { permitted?: Array<[Form, string]>; excluded?: Array<[Form, string]> },
  x509.JsonGeneralNames | undefined,
  boolean,
];

const cases: readonly Case[] = [
  // DNS: label-suffix match, ASCII case-insensitive; a leading period requires a subdomain.
  [
    'DNS in permitted example.com',
    { permitted: [['dns', 'example.com']] },
    [san('dns', 'client.example.com')],
    true,
  ],
  [
    'DNS outside permitted example.com',
    { permitted: [['dns', 'example.com']] },
    [san('dns', 'client.evil.org')],
    false,
  ],
  ['the permitted domain itself', { permitted: [['dns', 'example.com']] }, [san('dns', 'example.com')], true],
  [
    'upper case in permitted example.com',
    { permitted: [['dns', 'example.com']] },
    [san('dns', 'API.Example.COM')],
    true,
  ],
  [
    'a suffix off a label boundary',
    { permitted: [['dns', 'example.com']] },
    [san('dns', 'notexample.com')],
    false,
  ],
  [
    'the domain under permitted .example.com',
    { permitted: [['dns', '.example.com']] },
    [san('dns', 'example.com')],
    false,
  ],
  [
    'a subdomain under permitted .example.com',
    { permitted: [['dns', '.example.com']] },
    [san('dns', 'a.example.com')],
    true,
  ],
  [
    'one of two names outside',
    { permitted: [['dns', 'example.com']] },
    [san('dns', 'a.example.com'), san('dns', 'b.evil.org')],
    false,
  ],
  ['DNS under excluded evil.org', { excluded: [['dns', 'evil.org']] }, [san('dns', 'api.evil.org')], false],
  ['DNS beside excluded evil.org', { excluded: [['dns', 'evil.org']] }, [san('dns', 'api.good.org')], true],
  [
    'a wildcard over an excluded host',
    { excluded: [['dns', 'secret.example.com']] },
    [san('dns', '*.example.com')],
    false,
  ],
  [
    'an invalid DNS name under any constraint',
    { permitted: [['dns', 'example.com']] },
    [san('dns', 'a..example.com')],
    false,
  ],
  ['a leaf without SAN (its CN is never checked)', { permitted: [['dns', 'example.com']] }, undefined, true],
  [
    'a name of a form with no constraint',
    { permitted: [['dns', 'example.com']] },
    [san('ip', '192.0.2.1')],
    true,
  ],
  // IP: the address must fall in a range of its own family.
  ['an IP inside permitted 10.0.0.0/8', { permitted: [['ip', '10.0.0.0/8']] }, [san('ip', '10.1.2.3')], true],
  [
    'an IP outside permitted 10.0.0.0/8',
    { permitted: [['ip', '10.0.0.0/8']] },
    [san('ip', '192.168.1.1')],
    false,
  ],
  [
    'an IPv6 address under IPv4-only permitted ranges',
    { permitted: [['ip', '10.0.0.0/8']] },
    [san('ip', '2001:db8::1')],
    false,
  ],
  [
    'an IPv6 address inside 2001:db8::/32',
    { permitted: [['ip', '2001:db8::/32']] },
    [san('ip', '2001:db8::1')],
    true,
  ],
  [
    'an IP inside excluded 192.168.0.0/16',
    { excluded: [['ip', '192.168.0.0/16']] },
    [san('ip', '192.168.7.7')],
    false,
  ],
  [
    'an IP outside excluded 192.168.0.0/16',
    { excluded: [['ip', '192.168.0.0/16']] },
    [san('ip', '10.7.7.7')],
    true,
  ],
  // Email: a mailbox constraint matches exactly (domain case-insensitive); a domain, its mailboxes.
  [
    'the permitted mailbox',
    { permitted: [['email', 'alice@example.com']] },
    [san('email', 'alice@EXAMPLE.com')],
    true,
  ],
  [
    'the mailbox with another local-part case',
    { permitted: [['email', 'alice@example.com']] },
    [san('email', 'Alice@example.com')],
    false,
  ],
  [
    'another mailbox',
    { permitted: [['email', 'alice@example.com']] },
    [san('email', 'bob@example.com')],
    false,
  ],
  [
    'a mailbox at permitted example.com',
    { permitted: [['email', 'example.com']] },
    [san('email', 'bob@example.com')],
    true,
  ],
  ['a mailbox elsewhere', { permitted: [['email', 'example.com']] }, [san('email', 'bob@evil.org')], false],
  [
    'a mailbox under permitted .example.com',
    { permitted: [['email', '.example.com']] },
    [san('email', 'bob@mail.example.com')],
    true,
  ],
  [
    'a mailbox at excluded evil.org',
    { excluded: [['email', 'evil.org']] },
    [san('email', 'eve@evil.org')],
    false,
  ],
  // URI: the host (port dropped) is matched like a DNS name; IP or empty hosts cannot match.
  [
    'a URI host under permitted .example.com',
    { permitted: [['uri', '.example.com']] },
    [san('uri', 'https://api.example.com:8443/x')],
    true,
  ],
  [
    'a URI host elsewhere',
    { permitted: [['uri', '.example.com']] },
    [san('uri', 'https://api.evil.org/x')],
    false,
  ],
  [
    'a URI with an IP host',
    { permitted: [['uri', '.example.com']] },
    [san('uri', 'https://192.0.2.1/x')],
    false,
  ],
  [
    'a URI without host',
    { permitted: [['uri', '.example.com']] },
    [san('uri', 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66')],
    false,
  ],
  [
    'a URI host under excluded evil.org',
    { excluded: [['uri', 'evil.org']] },
    [san('uri', 'spiffe://evil.org/workload')],
    false,
  ],
];

let cas: Map<string, Forged>;

beforeAll(async () => {
  cas = new Map();
  for (const [, constraints] of cases) {
    const key = JSON.stringify(constraints);
    if (cas.has(key)) continue;
    const ext = nameConstraints(constraints.permitted ?? [], constraints.excluded ?? []);
    cas.set(key, await forge({ subject: `CN=Constrained CA ${cas.size}`, ca: true, extensions: [ext] }));
  }
});

describe('AllowList.decide applies the CA name constraints to the leaf SAN, as Go Verify does', () => {
  it.each(cases)('%s', async (_name, constraints, names, admitted) => {
    const ca = cas.get(JSON.stringify(constraints))!;
    const leaf = await forge({ subject: 'CN=client.evil.org', issuer: ca, ...(names ? { san: names } : {}) });
    expect(new AllowList([listed(ca.der)]).decide([leaf.der], now).allowed).toBe(admitted);
  });

  it('does not constrain the CA presented as itself (a chain of one)', async () => {
    const ca = await forge({
      subject: 'CN=Self Constrained',
      ca: true,
      san: [san('dns', 'ca.evil.org')],
      extensions: [nameConstraints([['dns', 'example.com']])],
    });
    expect(new AllowList([listed(ca.der)]).decide([ca.der], now)).toMatchObject({ match: 'CA_SIGNED' });
  });
});
