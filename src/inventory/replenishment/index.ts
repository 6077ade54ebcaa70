/**
 * Replenishment: safety stock, reorder points, economic order quantities, and the purchases and
 * inter-node transfers that keep each SKU at each node stocked by its policy. Pure.
 *
 * @packageDocumentation
 */
export { inverseNormalCdf } from './normal';
export { CycleServiceLevel, DemandRate, LeadTime } from './figures';
export {
  EoqInput,
  economicOrderQuantity,
  OrderRounding,
  ReorderPointInput,
  reorderPoint,
  roundOrderQuantity,
  SafetyStockInput,
  safetyStock,
} from './formulas';
export {
  MinMaxPolicy,
  PeriodicPolicy,
  ReorderPointPolicy,
  ReplenishmentPolicy,
  type ReplenishmentMethod,
  type ReplenishmentPolicyInput,
} from './policy';
export { InboundLine, inventoryPosition, ReplenishmentItem, type ReplenishmentItemInput } from './item';
export type { DonorFigures, PurchaseSuggestion, ReplenishmentReason, ReplenishmentSuggestion, TransferSuggestion } from './suggestion';
export { suggestReplenishment } from './suggest';
