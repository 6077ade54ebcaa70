import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { ID_PATTERN } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { parse } from '../domain/parse';
import { AllocatableOrders, type AllocatableOrderInput, MAX_ORDERS, MAX_PRIORITY, orderIssues } from './order';
import { AllocationPolicy, type AllocationPolicyInput } from './policy';
import { AllocateOptions, type AllocateOptionsInput, MAX_SKUS, quotaIssues, Supply, type SupplyInput } from './supply';

/** What `allocate` works on, validated. */
export interface AllocateInput {
  readonly orders: readonly AllocatableOrderInput[];
  readonly supply: SupplyInput;
  readonly policy: AllocationPolicy;
  readonly channelQuota: Readonly<Record<string, SupplyInput>> | undefined;
}

const Rest = z.strictObject({ policy: AllocationPolicy, options: AllocateOptions.optional() });
const Whole = z
  .strictObject({ orders: AllocatableOrders, supply: Supply, policy: AllocationPolicy, options: AllocateOptions.optional() })
  .superRefine((input, ctx) => {
    for (const issue of quotaIssues(input.supply, input.options?.channelQuota)) ctx.addIssue({ path: [...issue.path], message: issue.message, code: 'custom', input: input.options });
  });

/**
 * Validates the input of `allocate` (`where` names the caller in errors). Large inputs are checked
 * by a fast validator first, as strict as the schemas; only input it does not pass goes through
 * zod, which then throws `ValidationError` with every issue path (`orders[3].lines[0].quantity`)
 * or, where the fast validator was stricter than it had to be, returns the parsed input.
 */
export function readInput(
  orders: readonly AllocatableOrderInput[],
  supply: SupplyInput,
  policy: AllocationPolicyInput,
  options: AllocateOptionsInput | undefined,
  where: string,
): AllocateInput {
  if (fastOrders(orders) && fastSupply(supply)) {
    const rest = parse(Rest, options === undefined ? { policy } : { policy, options }, where);
    const issues = quotaIssues(supply, rest.options?.channelQuota);
    if (issues.length > 0) throw new ValidationError(where, issues);
    return { orders, supply, policy: rest.policy, channelQuota: rest.options?.channelQuota };
  }
  const whole = parse(Whole, options === undefined ? { orders, supply, policy } : { orders, supply, policy, options }, where);
  return { orders: whole.orders, supply: whole.supply, policy: whole.policy, channelQuota: whole.options?.channelQuota };
}

/** zod's own pattern for `Instant` (ISO 8601 with seconds and an offset or Z). */
const INSTANT = z.core.regexes.datetime({ offset: true });
const ORDER_KEYS = new Set(['id', 'channel', 'priority', 'placedAt', 'promisedBy', 'value', 'shipComplete', 'lines', 'holds']);
const LINE_KEYS = new Set(['id', 'sku', 'quantity', 'unitValue']);
const HOLD_KEYS = new Set(['sku', 'quantity']);

/** True when every order is valid: the same checks as `AllocatableOrders`, without building copies. */
export function fastOrders(orders: unknown): boolean {
  if (!Array.isArray(orders) || orders.length > MAX_ORDERS) return false;
  const ids = new Set<string>();
  for (let i = 0; i < orders.length; i++) {
    const order: unknown = orders[i];
    if (!fastOrder(order)) return false;
    const id = (order as AllocatableOrderInput).id;
    if (ids.has(id)) return false;
    ids.add(id);
  }
  return true;
}

function fastOrder(o: unknown): boolean {
  if (!isRecord(o) || !onlyKeys(o, ORDER_KEYS)) return false;
  if (!isId(o.id) || !isId(o.channel) || !isInstant(o.placedAt)) return false;
  if (o.priority !== undefined && !(typeof o.priority === 'number' && Number.isFinite(o.priority) && Math.abs(o.priority) <= MAX_PRIORITY)) return false;
  if (o.promisedBy !== undefined && !isInstant(o.promisedBy)) return false;
  if (o.value !== undefined && !isAmount(o.value)) return false;
  if (o.shipComplete !== undefined && typeof o.shipComplete !== 'boolean') return false;
  const lines = o.lines;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > LIMITS.orderLines) return false;
  for (let l = 0; l < lines.length; l++) {
    const line: unknown = lines[l];
    if (!isRecord(line) || !onlyKeys(line, LINE_KEYS)) return false;
    if (!isId(line.id) || !isId(line.sku) || !isQuantity(line.quantity)) return false;
    if (line.unitValue !== undefined && !isAmount(line.unitValue)) return false;
  }
  const holds = o.holds;
  if (holds !== undefined) {
    if (!Array.isArray(holds) || holds.length > LIMITS.orderLines) return false;
    for (let h = 0; h < holds.length; h++) {
      const hold: unknown = holds[h];
      if (!isRecord(hold) || !onlyKeys(hold, HOLD_KEYS) || !isId(hold.sku) || !isQuantity(hold.quantity)) return false;
    }
  }
  const shape = o as Pick<AllocatableOrderInput, 'lines' | 'holds'>;
  if (holds === undefined && lines.length <= 16) return distinctLineIds(shape.lines);
  return orderIssues(shape).length === 0;
}

/** True when `supply` is valid: the same checks as `Supply`. */
export function fastSupply(supply: unknown): boolean {
  if (!isRecord(supply) || Object.getOwnPropertySymbols(supply).length > 0) return false;
  let count = 0;
  for (const sku in supply) {
    if (!Object.hasOwn(supply, sku) || !isId(sku)) return false;
    const units = supply[sku];
    if (typeof units !== 'number' || !Number.isSafeInteger(units) || units < 0) return false;
    count++;
  }
  return count <= MAX_SKUS;
}

function distinctLineIds(lines: AllocatableOrderInput['lines']): boolean {
  for (let a = 1; a < lines.length; a++) for (let b = 0; b < a; b++) if (lines[a]!.id === lines[b]!.id) return false;
  return true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(o: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in o) if (!allowed.has(key)) return false;
  return true;
}

function isId(v: unknown): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= LIMITS.idLength && ID_PATTERN.test(v);
}

function isInstant(v: unknown): boolean {
  return typeof v === 'string' && INSTANT.test(v);
}

function isQuantity(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= LIMITS.quantity;
}

function isAmount(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e12;
}
