/**
 * A small HTTP service embedding fulfillkit: place an order (routed across nodes), read
 * availability, explain an order. Node's own `http`, no framework: the interesting part is how
 * fulfillkit's typed errors become HTTP answers, and that every request acts for one tenant.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Fulfillment, isFulfillkitError, ValidationError } from 'fulfillkit';

/** HTTP status for each fulfillkit error code: the codes are stable, messages are not. */
const STATUS: Record<string, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  INSUFFICIENT_STOCK: 409,
  DUPLICATE: 409,
  ILLEGAL_TRANSITION: 409,
  IDEMPOTENCY_CONFLICT: 409,
  CONCURRENCY: 503,
  ADAPTER: 503,
};

const MAX_BODY = 1_000_000;

/**
 * The service's request handler over a runtime. Routes:
 * `POST /orders` (body: an order; header `idempotency-key` optional) → the placed order (201);
 * `GET /availability/:sku` → network availability with each node's terms;
 * `GET /orders/:id/explain` → the routing traces, holds, history and events of an order.
 * Header `x-tenant` picks the tenant (default `default`).
 */
export function fulfillmentServer(ff: Fulfillment): Server {
  return createServer((req, res) => {
    handle(ff, req, res).catch((error: unknown) => fail(res, error));
  });
}

async function handle(ff: Fulfillment, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const tenant = header(req, 'x-tenant');
  const runtime = tenant ? ff.forTenant(tenant) : ff;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parts = url.pathname.split('/').filter(Boolean).map(segment);
  if (req.method === 'POST' && parts.length === 1 && parts[0] === 'orders') {
    const key = header(req, 'idempotency-key');
    const order = await runtime.placeOrder({ order: (await body(req)) as never, onShortage: 'backorder', ...(key ? { idempotencyKey: key } : {}) });
    return send(res, 201, order);
  }
  if (req.method === 'GET' && parts.length === 2 && parts[0] === 'availability') return send(res, 200, await runtime.getAvailability(parts[1]!));
  if (req.method === 'GET' && parts.length === 3 && parts[0] === 'orders' && parts[2] === 'explain') {
    const explained = await runtime.explainOrder(parts[1]!);
    return explained ? send(res, 200, explained) : send(res, 404, { code: 'NOT_FOUND', message: `no order ${parts[1]}` });
  }
  send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
}

/** A path segment, percent-decoded; a malformed escape is the client's error (400), not ours. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ValidationError('request', [{ path: ['url'], message: `malformed escape in path segment ${raw}`, code: 'invalid_format' }]);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

async function body(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ValidationError('request', [{ path: [], message: `body over ${MAX_BODY} bytes`, code: 'too_big' }]);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ValidationError('request', [{ path: [], message: 'body is not JSON', code: 'invalid_json' }]);
  }
}

function fail(res: ServerResponse, error: unknown): void {
  if (isFulfillkitError(error)) {
    const issues = error instanceof ValidationError ? error.issues : undefined;
    send(res, STATUS[error.code] ?? 500, { code: error.code, message: error.message, ...(issues ? { issues } : {}) });
    return;
  }
  console.error(error);
  send(res, 500, { code: 'INTERNAL', message: 'internal error' });
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
