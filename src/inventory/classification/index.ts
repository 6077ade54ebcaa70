export type { AbcClass, AbcRule, AbcVerdict } from './abc';
export { classifyInventory, type InventoryClassification } from './classify';
export type { CoverFigures, ExcessVerdict } from './cover';
export type { WindowDemand } from './demand';
export { MAX_DEMAND_PERIODS } from './history';
export {
  ClassifiableItem,
  type ClassifiableItemInput,
  ClassifyInventoryInput,
  type ClassifyInventoryData,
  MAX_CLASSIFIED_ITEMS,
} from './input';
export type { ItemClassification, ItemVerdicts } from './item';
export type { ItemKey } from './key';
export { ABC_XYZ_CELLS, type AbcXyzCell } from './matrix';
export type { ObsoleteVerdict } from './obsolete';
export { ClassificationPolicy, type ClassificationPolicyInput } from './policy';
export type { SlowMovingVerdict } from './slow-moving';
export type { ClassificationSummary, ExcessStock, StockAtRisk } from './summary';
export type { XyzClass, XyzRule, XyzVerdict } from './xyz';
