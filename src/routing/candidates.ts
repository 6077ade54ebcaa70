import type { SkuId } from '../domain/ids';
import { own } from '../domain/state';
import { haversineKm } from './geo';
import type { RoutingNode } from './node';
import type { RoutableOrder } from './order';
import type { CandidateTrace } from './plan';
import type { RoutingPolicy } from './policy';
import type { StockReader } from './stock';
import { dayNumber } from '../domain/dates';

/** A node that may ship the order, with what the cost model needs of it. */
export interface Candidate {
  /** Index of the node in the routed network. */
  readonly at: number;
  readonly node: RoutingNode;
  readonly km: number;
  /** Days the shipment would arrive after the requested date (0 when on time or unknown). */
  readonly lateDays: number;
  readonly preferred: boolean;
  /** False for a pickup: the customer collects, no carrier is paid. */
  readonly carrier: boolean;
  /** Cost of the node shipping at all: per shipment, per order, carrier base and distance, lateness, less the preferred credit. */
  readonly fixed: number;
  /** Units it can still ship today (Infinity when unlimited). */
  readonly capUnits: number;
  /** ATP per SKU of the order (index into `Examined.skus`). */
  readonly stock: readonly number[];
  /** Cost per unit shipped, per SKU: handling per unit plus opportunity cost. */
  readonly unit: readonly number[];
  /** Opportunity cost per unit, per SKU. */
  readonly opportunity: readonly number[];
}

/** Shipments and units a release window has already taken from each node (by network index). */
export interface Usage {
  readonly orders: number[];
  readonly units: number[];
}

/** The order as routing sees it: its SKUs, the eligible nodes in tie order, and why every node is (not) one. */
export interface Examined {
  readonly order: RoutableOrder;
  /** The order's distinct SKUs, in order of first appearance. */
  readonly skus: readonly SkuId[];
  /** Per order line: the index of its SKU in `skus`. */
  readonly lineSku: readonly number[];
  /** Per order line: kilograms per unit. */
  readonly kg: readonly number[];
  /** Eligible nodes holding some of the order's SKUs, preferred node first, then by rank, then id. */
  readonly candidates: readonly Candidate[];
  /** Every node, in network order. */
  readonly trace: readonly CandidateTrace[];
  /** Notes for the trace's rules (missing geo, lateness unknown …). */
  readonly notes: readonly string[];
}

/**
 * Decides which nodes may ship the order: active, open today, serving its channel, with the
 * capability (`pickup` for the pickup node), capacity left today, and stock of some line. Costs the
 * fixed part of each, and records every node's reasons.
 */
export function examine(
  order: RoutableOrder,
  nodes: readonly RoutingNode[],
  stock: StockReader,
  policy: RoutingPolicy,
  today: number,
  usage?: Usage,
): Examined {
  const skus: SkuId[] = [];
  const skuIndex = new Map<string, number>();
  const lineSku: number[] = [];
  const kg: number[] = [];
  const demand: number[] = [];
  for (const line of order.lines) {
    let s = skuIndex.get(line.sku);
    if (s === undefined) {
      s = skus.length;
      skuIndex.set(line.sku, s);
      skus.push(line.sku);
      demand.push(0);
    }
    lineSku.push(s);
    kg.push((line.weightG ?? 0) / 1000);
    demand[s]! += line.quantity;
  }
  const totalUnits = demand.reduce((a, b) => a + b, 0);
  const dest = order.shipTo?.geo;
  const requested = order.requestedDate === undefined ? undefined : dayNumber(order.requestedDate);
  const { cost } = policy;
  const capability = policy.pickupAt === undefined ? policy.capability : 'pickup';
  const notes: string[] = [];
  if (dest === undefined) notes.push('ship-to has no geo: distances counted as 0');
  const trace: CandidateTrace[] = [];
  const candidates: Candidate[] = [];
  const noOpportunity: readonly number[] = skus.map(() => 0);
  const noGeo: string[] = [];
  const noDays: string[] = [];

  nodes.forEach((node, at) => {
    const failed: string[] = [];
    if (policy.pickupAt !== undefined && node.id !== policy.pickupAt) failed.push(`not the pickup node ${policy.pickupAt}`);
    if (!node.active) failed.push('inactive');
    if (!node.open) failed.push('closed today');
    if (node.channels !== undefined && !node.channels.includes(order.channel)) failed.push(`does not serve channel ${order.channel}`);
    if (!node.capabilities.includes(capability)) failed.push(`lacks capability ${capability}`);
    const ordersLeft = (node.capacityLeft?.orders ?? Infinity) - (usage?.orders[at] ?? 0);
    const unitsLeft = (node.capacityLeft?.units ?? Infinity) - (usage?.units[at] ?? 0);
    if (ordersLeft < 1) failed.push('no order capacity left today');
    if (unitsLeft < 1) failed.push('no unit capacity left today');
    if (failed.length > 0) {
      trace.push({ node: node.id, eligible: false, reasons: failed });
      return;
    }
    const held: number[] = [];
    let covered = 0;
    for (let s = 0; s < skus.length; s++) {
      const units = stock(at, skus[s]!);
      held.push(units);
      covered += Math.min(units, demand[s]!);
    }
    if (covered === 0) {
      trace.push({ node: node.id, eligible: false, reasons: ["holds none of the order's units"] });
      return;
    }
    const preferred = node.id === policy.preferredNode;
    const carrier = policy.pickupAt === undefined;
    const km = dest !== undefined && node.geo !== undefined ? haversineKm(node.geo, dest) : 0;
    let lateDays = 0;
    if (requested !== undefined) {
      if (node.deliveryDays === undefined) noDays.push(node.id);
      else lateDays = Math.max(0, today + node.deliveryDays - requested);
    }
    const fixed =
      cost.perShipment +
      node.costs.perOrder +
      (carrier ? cost.carrier.base + cost.carrier.perKm * km : 0) +
      cost.latenessPerDay * lateDays -
      (preferred ? policy.preferredDiscount : 0);
    const byNode = policy.opportunityCost === undefined ? undefined : own(policy.opportunityCost, node.id);
    const opportunity = byNode === undefined ? noOpportunity : skus.map((sku) => own(byNode, sku) ?? 0);
    const reasons = [`rank ${node.rank}`, `holds ${covered} of ${totalUnits} units`];
    if (dest !== undefined && node.geo === undefined) {
      noGeo.push(node.id);
      reasons.push('no geo: distance counted as 0');
    } else if (dest !== undefined) reasons.push(`${km.toFixed(1)} km`);
    if (lateDays > 0) reasons.push(`${lateDays} day(s) late`);
    if (unitsLeft < Infinity) reasons.push(`${unitsLeft} units of capacity left`);
    if (preferred) reasons.push('preferred node');
    trace.push({ node: node.id, eligible: true, reasons });
    candidates.push({
      at,
      node,
      km,
      lateDays,
      preferred,
      carrier,
      fixed,
      capUnits: unitsLeft,
      stock: held,
      unit: byNode === undefined ? skus.map(() => node.costs.perUnit) : opportunity.map((o) => node.costs.perUnit + o),
      opportunity,
    });
  });
  if (noGeo.length > 0) notes.push(`no geo at ${noGeo.join(', ')}: distance counted as 0`);
  if (noDays.length > 0) notes.push(`delivery days unknown at ${noDays.join(', ')}: lateness counted as 0`);
  candidates.sort(byTieOrder);
  return { order, skus, lineSku, kg, candidates, trace, notes };
}

/** Preferred node first, then lower rank, then node id (code-unit order). */
function byTieOrder(a: Candidate, b: Candidate): number {
  if (a.preferred !== b.preferred) return a.preferred ? -1 : 1;
  return a.node.rank - b.node.rank || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);
}
