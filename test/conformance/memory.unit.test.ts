import { memoryStore } from 'fulfillkit/adapters/memory';
import { conformanceSuite } from 'fulfillkit/testing';

conformanceSuite('memory adapter', () => memoryStore());
