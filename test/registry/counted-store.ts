// A registry store whose Kysely queries are counted, for tests of what a lookup costs.

import type { KyselyPlugin } from 'kysely';
import type { Store } from '../../registry/store/index.js';

/** The store with every query it runs through Kysely listed by query id (the change mark is not one). */
export function counted(store: Store): { store: Store; queries: string[] } {
  const queries: string[] = [];
  // Once per query run (transformQuery also sees the parts of a union).
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      queries.push(args.queryId.queryId);
      return args.result;
    },
  };
  return { store: { ...store, db: store.db.withPlugin(plugin) }, queries };
}
