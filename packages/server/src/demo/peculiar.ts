// @peculiar/x509 needs the reflect polyfill loaded before its first import (stack.md G9); the
// server imports the library only through this file.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export * from '@peculiar/x509';
