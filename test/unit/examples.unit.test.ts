import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

// The docs' examples are real programs: each runs here as `npm run demo` runs it, from source.
describe('examples', () => {
  it('quickstart prints the journeys and positions', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/quickstart.ts'], { cwd: root });
    expect(stdout).toContain('o-1004 refused: not enough stock at berlin-dc: tee-m asked 99, available 7');
    expect(stdout).toMatch(/o-1001\s+shipped\s+placed 09:00 → reserved 09:00 → released 09:05 → shipped 09:25/);
    expect(stdout).toMatch(/o-1003\s+cancelled\s+placed 09:00 → reserved 09:00 → cancelled 09:31\s+2\s+reservation expired/);
    expect(stdout).toMatch(/berlin-dc\s+mug\s+2\s+0\s+2/);
    expect(stdout).toContain('26 events in the journal.');
  });
});

describe('inventory example', () => {
  it('explains ATP, fences, ASNs, lots, holds, transfers and plans', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/inventory.ts'], { cwd: root });
    expect(stdout).toMatch(/web, now \(store fence kept\)\s+92\s+= on hand \+120, safety stock -5, kept for channel store -23/);
    expect(stdout).toMatch(/web, on 6 March \(ASN counted\)\s+132\s+= .*asn ASN-88 due 2026-03-05 \+40/);
    expect(stdout).toContain('1 expired, tees back to stock exactly once');
    expect(stdout).toContain('yoghurt hold of 12 takes lots L-0304×10 + L-0310×2');
    expect(stdout).toContain('received at the shop: transfer closed');
    expect(stdout).toMatch(/suggest purchase of \d+ tee to dc/);
    expect(stdout).toContain('class tee: AY');
  });
});

describe('checkout routing example', () => {
  it('routes a cart over stores and explains why', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/checkout-routing.ts'], { cwd: root });
    expect(stdout).toMatch(/order web-5001: reserved, 2 shipment\(s\), cost \d+\.\d\d/);
    expect(stdout).toMatch(/from dc-kassel\s+jacket × 1, scarf × 2/);
    expect(stdout).toMatch(/excluded\s+store-munich\s+inactive/);
    expect(stdout).toContain('rule: at most 2 shipment(s)');
    expect(stdout).toMatch(/search: exact, \d+ node sets explored/);
  });
});

describe('export hub example', () => {
  it('plans 2,000 orders by cutoff, releases them in time, re-plans a blank sailing and promises', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/export-hub.ts'], { cwd: root });
    expect(stdout).toMatch(/planned 2000 orders: \d+ released now, \d+ held, \d+ miss their first departure/);
    expect(stdout).toContain('rule: Moore-Hodgson by priority class, one resource (exact for the highest class)');
    expect(stdout).toMatch(/MSC-219W\s+Thu 07 May, 10:00\s+\d+/);
    expect(stdout).toMatch(/after MSC-219W was cancelled: \d+ orders at risk, e.g. EX-\d+: departure MSC-219W was cancelled: blank sailing/);
    expect(stdout).toMatch(/re-planned: \d+ orders moved off MSC-219W \(\d+ already in the warehouse, re-staged\)/);
    expect(stdout).toContain('at risk after the re-plan: 0');
    expect(stdout).toContain('promise for 2 kettles by air to NL: 2026-05-11 from gz-hub on sf-air@2026-05-06');
  });
});

describe('README', () => {
  it("quick start is examples/readme.ts, and it runs", async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(`${root}/README.md`, 'utf8');
    const block = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(await readFile(`${root}/examples/readme.ts`, 'utf8'));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/readme.ts'], { cwd: root });
    expect(stdout).toContain('shipped o-1');
    expect(stdout).toContain('VALIDATION placeOrder: order.lines[0].quantity: Too small');
  });
});
