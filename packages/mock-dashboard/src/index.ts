// Public entry of @repo/mock-dashboard.
export type { MockSeed } from './control/seed-schema.ts';
export type { ActiveFault, FaultKind, FaultRule } from './faults/fault-schema.ts';
export { seededRandom } from './faults/rng.ts';
export { signHs256 } from './gateway/hmac-jwt.ts';
export { StateFileError } from './persistence/state-file.ts';
export { type MockDashboard, type MockDashboardOptions, startMockDashboard } from './start.ts';
export { SeedError } from './state/apply-seed.ts';
export { generateToken } from './tokens/tokens.ts';
