import type { z } from 'zod';
import { defineSkuEvents } from '../../catalog/decide';
import type { Sku } from '../../domain/catalog';
import type { Node } from '../../domain/network';
import { own, type Versioned } from '../../domain/state';
import { defineNodeEvents } from '../../network/decide';
import type { CommandSpec } from '../executor';
import type { DefineNodeInput, DefineSkuInput } from '../inputs';

/** Defines or redefines a node. */
export const defineNode: CommandSpec<z.infer<typeof DefineNodeInput>, Versioned<Node>> = {
  name: 'defineNode',
  idempotencyKey: () => undefined,
  load: (node, store, tenant) => store.load(tenant, { nodes: [node.id] }),
  decide: (node, slice) => defineNodeEvents(node, slice),
  result: (node, after) => own(after.nodes, node.id)!,
};

/** Defines or redefines a SKU. */
export const defineSku: CommandSpec<z.infer<typeof DefineSkuInput>, Versioned<Sku>> = {
  name: 'defineSku',
  idempotencyKey: () => undefined,
  load: (sku, store, tenant) => store.load(tenant, { skus: [sku.id] }),
  decide: (sku, slice) => defineSkuEvents(sku, slice),
  result: (sku, after) => own(after.skus, sku.id)!,
};
