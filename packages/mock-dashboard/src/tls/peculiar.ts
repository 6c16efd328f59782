// @peculiar/x509 resolves its decorators through tsyringe, which needs the reflect polyfill
// loaded before the library's first import (stack.md G9). This package imports the library
// only through this file, so the order cannot go wrong.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export * from '@peculiar/x509';
