// The two databases the registry runs on, opened as stores, for `describe.each` (registry-databases.ts).

import { openStore, type Store } from '../../registry/store/index.js';
import { databaseKinds } from './registry-databases.js';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** A new, empty, migrated store. */
  open(): Promise<Store>;
}

export function storeKinds(): { kinds: StoreKind[]; stopStores(): Promise<void> } {
  const databases = databaseKinds();
  const opened: Store[] = [];
  const kinds: StoreKind[] = databases.kinds.map((kind) => ({
    name: kind.name,
    open: async () => {
      const store = await openStore(await kind.create());
      opened.push(store);
      return store;
    },
  }));
  return {
    kinds,
    async stopStores() {
      await Promise.all(opened.map((s) => s.close()));
      await databases.stop();
    },
  };
}
