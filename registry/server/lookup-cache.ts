// Answers to channel lookups (the channel GET and its Terraform state document), kept as the JSON text sent, so that
// a data source or Terraform reading a channel again costs one cheap query instead of the lookup's three or more.
//
// Kept answers are exact, never stale:
// - Every request first reads the store's change mark (store.ts: it changes whenever a change is committed, by this
//   server, another replica or another process). Answers are kept per mark: a different mark drops them all. An answer
//   is worked out after its mark was read, so it is at least as new as the mark says.
// - Revocation is a time (channel-version.ts): answers worked out at `from` hold until the next scheduled revocation
//   (`until`, read once per mark), and not before `from` either (a clock set back); past that they are worked out again.
// - A restricted channel is visible to write and admin tokens only: the caller's scope is part of the key.
// - Only answers worked out entirely within [from, until) are kept; failures (404 and the like) are never kept.
// - Lookups of one key while its answer is being worked out wait for that answer (or failure): it was worked out after
//   their mark was first read and with the same mark, so it is the one they would have worked out.

import type { Store } from '../store/store.js';
import { nextRevocation } from '../store/channel-version.js';

export interface LookupCache {
  /** The JSON text of the answer for `key`: kept, or worked out by `answer` (and kept when it may be). */
  get(store: Store, key: readonly string[], answer: () => Promise<string>): Promise<string>;
}

export interface LookupCacheOptions {
  /** At most this many answers kept (the oldest go first); 0: none kept. */
  maxEntries?: number;
}

interface Generation {
  mark: string;
  /** The time the answers were worked out from, and the next scheduled revocation after it (null: none). */
  from: string;
  until: Promise<string | null>;
  answers: Map<string, string>;
  /** Answers being worked out: lookups of the same key meanwhile wait for that one instead of repeating its queries. */
  pending: Map<string, Promise<string>>;
}

export function createLookupCache(o: LookupCacheOptions = {}): LookupCache {
  const maxEntries = o.maxEntries ?? 10_000;
  let current: Generation | undefined;
  const holds = (from: string, until: string | null, at: string) => from <= at && (until === null || at < until);
  return {
    async get(store, key, answer) {
      if (maxEntries <= 0) return answer();
      const mark = await store.changeMark();
      const now = store.now();
      let g = current;
      if (!g || g.mark !== mark || !holds(g.from, await g.until, now)) {
        g = { mark, from: now, until: nextRevocation(store.db, now), answers: new Map(), pending: new Map() };
        const made = g;
        // A failed read of the next revocation leaves no generation behind that would fail every later lookup.
        made.until.catch(() => {
          if (current === made) current = undefined;
        });
        current = made;
      }
      const id = JSON.stringify(key);
      const kept = g.answers.get(id);
      if (kept !== undefined) return kept;
      const running = g.pending.get(id);
      if (running) return running;
      const gen = g;
      const work = (async () => {
        const text = await answer();
        // Kept only when worked out within the generation's time: the answer then holds at any time in it.
        if (holds(gen.from, await gen.until, store.now())) {
          if (gen.answers.size >= maxEntries) gen.answers.delete(gen.answers.keys().next().value!);
          gen.answers.set(id, text);
        }
        return text;
      })();
      gen.pending.set(id, work);
      try {
        return await work;
      } finally {
        gen.pending.delete(id);
      }
    },
  };
}
