// A synthetic event log of Accounts payable as a spreadsheet would export it: columns named
// Ticket, Step, Done at and Clerk (none of the usual names, so the import needs the column
// picker), mostly the designed way, with deviations: approvals skipped, a call to the vendor the
// design does not have, and an approval written under another name. Deterministic, so the UI
// fixtures (ui/tests/fixtures/generate.sh) and the end-to-end test read the same log.
// `node tests/e2e/invoiceLog.mjs` prints it.

import { fileURLToPath } from 'node:url';

const HAPPY = ['Register invoice', 'Match to purchase order', 'Route to budget owner', 'Approve invoice', 'Schedule payment', 'Execute payment run', 'Post payment to ledger'];
const CLERKS = { 'Register invoice': 'ana', 'Match to purchase order': 'ana', 'Route to budget owner': 'ben', 'Approve invoice': 'cai', 'Approve inv.': 'cai', 'CFO approval': 'dee', 'Schedule payment': 'eve', 'Execute payment run': 'eve', 'Post payment to ledger': 'eve', 'Call vendor': 'ana' };

/** The steps of case `i` (0-based): which variant it follows. */
function steps(i) {
  if (i % 8 === 3) return HAPPY.filter((s) => s !== 'Approve invoice');
  if (i % 10 === 5) return [HAPPY[0], 'Call vendor', ...HAPPY.slice(1)];
  if (i % 12 === 7) return HAPPY.map((s) => (s === 'Approve invoice' ? 'Approve inv.' : s));
  if (i % 9 === 1) return [...HAPPY.slice(0, 4), 'CFO approval', ...HAPPY.slice(4)];
  return HAPPY;
}

/** The log as CSV text: `cases` cases, three hours apart from 2 March 2026. */
export function invoiceLogCsv(cases = 40) {
  const rows = ['Ticket,Step,Done at,Clerk'];
  const start = Date.UTC(2026, 2, 2, 8);
  for (let i = 0; i < cases; i += 1) {
    let at = start + i * 3 * 3_600_000;
    for (const step of steps(i)) {
      // Approvals wait longest: the approvers' queue.
      at += (step.startsWith('Approve') ? 20 : 2) * 3_600_000 + (i % 5) * 600_000;
      rows.push([`INV-${String(i + 1).padStart(3, '0')}`, step, new Date(at).toISOString().replace('.000', ''), CLERKS[step]].join(','));
    }
  }
  return rows.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(invoiceLogCsv());
