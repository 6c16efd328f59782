// Adds up the vitest JSON reports of every package and prints one closing line for the whole run:
// "N passed, N failed, N skipped", after a line per package that says how many database tests ran
// on each driver (suites are named "[pglite] …" and "[postgres] …"), so the log proves both ran.
// Exits 1 when a test failed or no test ran at all.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2).filter((f) => existsSync(f))) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  const byDriver = { pglite: 0, postgres: 0 };
  for (const result of report.testResults) {
    for (const test of result.assertionResults) {
      const driver = /^\[(pglite|postgres)\]/.exec(test.ancestorTitles[0] ?? '')?.[1];
      if (driver && test.status === 'passed') byDriver[driver]++;
    }
  }
  console.log(
    `${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      ` (database tests passed: ${byDriver.pglite} on PGlite, ${byDriver.postgres} on PostgreSQL)`,
  );
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
