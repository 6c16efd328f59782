#!/usr/bin/env node
// The package has no build step: register tsx's loader (resolved from this package, not the
// caller's directory) and run the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
