import type { z } from 'zod';

/** Marks fulfillkit errors across bundle copies (ESM and CJS, or two installed versions). */
const BRAND = Symbol.for('fulfillkit.error');

/** Stable error codes: match on these, not on messages. */
export type ErrorCode =
  | 'VALIDATION'
  | 'INSUFFICIENT_STOCK'
  | 'CONCURRENCY'
  | 'IDEMPOTENCY_CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'ADAPTER';

/**
 * The base of every error fulfillkit throws: a stable `code`, structured `details`, and the `cause`.
 *
 * @example
 * ```ts
 * try { await ff.placeOrder(input) } catch (e) { if (isFulfillkitError(e)) log(e.code, e.details) }
 * ```
 */
export class FulfillkitError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** One problem found in an input: where (`path`) and what (`message`). */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly code: string;
}

/**
 * Input that does not match its schema. `issues` carries the zod issue paths.
 *
 * @example
 * ```ts
 * e.issues // [{ path: ['lines', 0, 'quantity'], message: 'Too small: expected number to be >=1' }]
 * ```
 */
export class ValidationError extends FulfillkitError {
  readonly issues: readonly ValidationIssue[];

  constructor(where: string, issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    const first = issues
      .slice(0, 3)
      .map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`)
      .join('; ');
    super('VALIDATION', `${where}: ${first}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`, { where, issues }, options);
    this.issues = issues;
  }

  /** Builds the error from a zod error, keeping every issue's path. */
  static fromZod(where: string, error: z.ZodError): ValidationError {
    return new ValidationError(
      where,
      error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
        code: i.code,
      })),
      { cause: error },
    );
  }
}

/** Not enough available stock for what was asked. Details name the node, SKU, asked and available. */
export class InsufficientStockError extends FulfillkitError {
  constructor(message: string, details: Record<string, unknown>) {
    super('INSUFFICIENT_STOCK', message, details);
  }
}

/**
 * Someone else changed the state between load and commit. The runtime retries these a bounded
 * number of times; a caller sees one only when the retries ran out.
 */
export class ConcurrencyError extends FulfillkitError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('CONCURRENCY', message, details, options);
  }
}

/** The idempotency key was used before with another payload. */
export class IdempotencyConflictError extends FulfillkitError {
  constructor(key: string, details: Record<string, unknown> = {}) {
    super('IDEMPOTENCY_CONFLICT', `idempotency key ${JSON.stringify(key)} was used with another payload`, { key, ...details });
  }
}

/** The order (or task) cannot go from its status to the one asked. */
export class IllegalTransitionError extends FulfillkitError {
  constructor(entity: string, id: string, from: string, to: string) {
    super('ILLEGAL_TRANSITION', `${entity} ${id} cannot go from ${from} to ${to}`, { entity, id, from, to });
  }
}

/** A referenced entity does not exist for this tenant. */
export class NotFoundError extends FulfillkitError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
  }
}

/** An entity with that id exists already and the command would create it anew. */
export class DuplicateError extends FulfillkitError {
  constructor(entity: string, id: string) {
    super('DUPLICATE', `${entity} ${id} exists already`, { entity, id });
  }
}

/**
 * An adapter's own failure (connection, server error, corrupt row). The message starts with the
 * adapter's name, e.g. `[fulfillkit:postgres]`.
 */
export class AdapterError extends FulfillkitError {
  constructor(adapter: string, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super('ADAPTER', `[fulfillkit:${adapter}] ${message}`, { adapter, ...details }, options);
  }
}

/**
 * True for any error fulfillkit threw, even from another copy of the package.
 *
 * @example
 * ```ts
 * if (isFulfillkitError(e) && e.code === 'INSUFFICIENT_STOCK') return res.status(409)
 * ```
 */
export function isFulfillkitError(e: unknown): e is FulfillkitError {
  return typeof e === 'object' && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true;
}

/** `['lines', 0, 'quantity']` → `lines[0].quantity` */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}
