/**
 * Season-start enrollment rush (DESIGN.md target: ≥ 1,000 submissions/s,
 * ≥ 400 confirmations/s, p99 ≤ 250 ms, zero invariant violations), with
 * pgbench on the same database as the yardstick.
 *
 *   npx -y pnpm@10 --filter @navigator/api build && node bench/rush-bench.mjs
 *   BENCH_SCALE=0.02 node bench/rush-bench.mjs         # smoke size
 */
import api from '@navigator/api/dist/bench-support.js';
import { runPgbench } from './lib/pgbench.mjs';
import { createClient, fmt, runTasks } from './lib/load.mjs';
import { loadRush } from './lib/rush-dataset.mjs';
import { scale, startApi, startDatabase } from './lib/system.mjs';

const CLIENTS = 64;
const SUBMIT = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }`;
const CONFIRM = `mutation($input: ApplicationActionInput!) { confirmApplication(input: $input) { id status } }`;
const SIGN = `mutation($input: SignContractInput!) { signContract(input: $input) { id status } }`;

function ok(res, errors) {
  if (res.errors) {
    errors.set(res.errors[0].extensions?.code ?? res.errors[0].message, (errors.get(res.errors[0].extensions?.code) ?? 0) + 1);
    return false;
  }
  return true;
}

async function main() {
  const s = scale();
  const groups = Math.max(10, Math.round(1000 * s));
  const children = groups * 20;
  const db = await startDatabase();
  const dataSource = api.createDataSource(db.url, { poolSize: 4 });
  await dataSource.initialize();
  let server;
  const failures = [];
  try {
    await api.migrate(dataSource);
    const data = await loadRush(dataSource, { groups, children, encryptionKeyHex: api.BENCH_ENCRYPTION_KEY_HEX });
    console.log(`dataset: ${data.groups.length} groups × 15 seats, ${data.children.length} children with financing certificates, in ${data.seconds.toFixed(1)} s`);

    server = await startApi(db.url, { poolSize: 40 });
    const post = createClient(server.baseUrl, CLIENTS);
    const errors = new Map();

    // 1. Every parent applies at once: 20 children per group, so 5 of each 20 wait on the waitlist.
    const submissions = data.children.map((child, i) => ({
      kind: 'submit',
      run: async () => ok(await post({ query: SUBMIT, variables: { input: { childId: child.childId, groupId: data.groups[i % data.groups.length].id } } }, child.token), errors),
    }));
    const submit = await runTasks(submissions, CLIENTS);
    console.log(`\nsubmissions:   ${fmt(submit.total)}`);

    // 2. Staff of each organization confirm their new applications, in order of submission.
    const submitted = await dataSource.query(
      `SELECT a.id, p.organization_id FROM applications a JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
        WHERE a.status = 'SUBMITTED' ORDER BY a.submitted_at`,
    );
    const confirmations = submitted.map((a) => ({
      kind: 'confirm',
      run: async () => ok(await post({ query: CONFIRM, variables: { input: { applicationId: a.id } } }, data.staffTokenByOrg.get(a.organization_id)), errors),
    }));
    const confirm = await runTasks(confirmations, CLIENTS);
    console.log(`confirmations: ${fmt(confirm.total)}`);

    // 3. Parents sign their offers.
    const tokenByChild = new Map(data.children.map((c) => [c.childId, c.token]));
    const offers = await dataSource.query(`SELECT id, child_id FROM contracts WHERE status = 'OFFERED'`);
    const signatures = offers.map((c) => ({
      kind: 'sign',
      run: async () => ok(await post({ query: SIGN, variables: { input: { contractId: c.id } } }, tokenByChild.get(c.child_id)), errors),
    }));
    const sign = await runTasks(signatures, CLIENTS);
    console.log(`signatures:    ${fmt(sign.total)}`);
    if (errors.size) console.log(`refusals: ${JSON.stringify(Object.fromEntries(errors))}`);

    // 4. The outcome must be exact.
    const [outcome] = await dataSource.query(
      `SELECT (SELECT count(*) FROM applications WHERE status = 'ENROLLED')::int AS enrolled,
              (SELECT count(*) FROM applications WHERE status = 'WAITLISTED')::int AS waitlisted,
              (SELECT sum(capacity) FROM groups WHERE id = ANY($1::uuid[]))::int AS seats,
              (SELECT sum(seats_taken) FROM groups WHERE id = ANY($1::uuid[]))::int AS taken`,
      [data.groups.map((g) => g.id)],
    );
    console.log(`\noutcome: ${outcome.enrolled} enrolled, ${outcome.taken}/${outcome.seats} seats taken, ${outcome.waitlisted} waitlisted`);
    if (outcome.enrolled !== outcome.seats || outcome.taken !== outcome.seats) failures.push('not exactly the seats that existed were taken');
    if (outcome.waitlisted !== children - outcome.seats) failures.push('waitlist does not hold everyone else');
    const violations = await api.checkInvariants(dataSource);
    console.log(`invariant violations: ${violations.length}`);
    for (const v of violations.slice(0, 20)) console.log(`  ${JSON.stringify(v)}`);
    if (violations.length) failures.push(`${violations.length} invariant violations`);

    const allP99 = Math.max(submit.total.p99, confirm.total.p99, sign.total.p99);
    console.log(
      `\ntargets: submissions ${submit.total.rps.toFixed(0)}/s (≥ 1000: ${submit.total.rps >= 1000 ? 'met' : 'MISSED'}), ` +
        `confirmations ${confirm.total.rps.toFixed(0)}/s (≥ 400: ${confirm.total.rps >= 400 ? 'met' : 'MISSED'}), ` +
        `p99 ${allP99.toFixed(1)} ms (≤ 250: ${allP99 <= 250 ? 'met' : 'MISSED'})`,
    );

    await server.stop();
    server = undefined;
    const tps = await runPgbench(db.url.replace(/\/navigator$/, '/postgres'), { clients: CLIENTS, seconds: s < 1 ? 5 : 30 });
    console.log(`pgbench (TPC-B-like, ${CLIENTS} clients): ${tps.toFixed(0)} tps; confirmations/s ÷ pgbench tps = ${(confirm.total.rps / tps).toFixed(3)}`);
  } finally {
    await server?.stop();
    await dataSource.destroy();
    await db.stop();
  }
  if (failures.length) {
    console.error(`\nFAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
