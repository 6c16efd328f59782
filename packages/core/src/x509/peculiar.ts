// @peculiar/x509 resolves its decorators through tsyringe, which needs the reflect polyfill loaded
// before the library's first import. Every module in core imports the library through this file
// so that the order can never be wrong: a polyfill imported elsewhere can load too late in ESM
// order, and tsyringe's src/index.ts then throws "requires a reflect polyfill" at import.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export * from '@peculiar/x509';
