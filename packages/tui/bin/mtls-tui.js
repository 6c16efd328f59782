#!/usr/bin/env node
// The package has no build step: register tsx's loader (resolved from this package, not the
// caller's directory) and run the TypeScript entry. React's production build: the development
// one costs about a third more per frame.
import { register } from 'tsx/esm/api';

process.env.NODE_ENV ??= 'production';
register();
await import('../src/index.tsx');
