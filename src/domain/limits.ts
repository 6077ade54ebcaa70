/**
 * Size limits on everything that crosses the boundary. They keep one request from exhausting memory
 * or time: arrays are checked for length before their elements are parsed.
 */
export const LIMITS = {
  /** Longest id (characters). */
  idLength: 128,
  /** Longest free-text field (names, notes, address lines). */
  textLength: 512,
  /** Most lines on one order. */
  orderLines: 1_000,
  /** Most tags on one order or SKU. */
  tags: 32,
  /** Largest quantity in one line, receipt or adjustment. */
  quantity: 1_000_000_000,
  /** Most orders in one release window (`placeOrders`): one commit, routed jointly. */
  window: 500,
  /** Most items in any other collection (calendar holidays, cutoffs, task lists …). */
  collection: 1_000,
} as const;
