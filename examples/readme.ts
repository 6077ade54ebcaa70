import { createFulfillment, isFulfillkitError } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';

const ff = createFulfillment({ store: memoryStore() });

await ff.defineNode({ id: 'berlin-dc', timeZone: 'Europe/Berlin' });
await ff.defineSku({ id: 'tee-m' });
await ff.receiveStock({ node: 'berlin-dc', sku: 'tee-m', quantity: 10 });

const order = await ff.placeOrder({
  node: 'berlin-dc',
  order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'tee-m', quantity: 2 }] },
});
order.status; // 'reserved': both units are held for o-1, all lines or none

ff.on('OrderShipped', (e) => console.log('shipped', e.payload.order));
await ff.releaseOrder('o-1'); // to the warehouse
await ff.shipOrder('o-1');    // the units leave on hand

(await ff.getAvailability('tee-m')).available; // 8

try {
  await ff.placeOrder({ node: 'berlin-dc', order: { id: 'o-2', channel: 'web', lines: [{ id: '1', sku: 'tee-m', quantity: 0 }] } });
} catch (e) {
  if (isFulfillkitError(e)) console.log(e.code, e.message); // VALIDATION placeOrder: order.lines[0].quantity: Too small …
}
