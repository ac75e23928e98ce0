import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const live = resolve(__dirname, '../../../shared');
const snapshot = resolve(__dirname, '../fixtures/shared');

/** The shared test material: `../shared` beside the checkout when present, else the snapshot in test/fixtures. */
export const SHARED = existsSync(resolve(live, 'corpus/expected.json')) ? live : snapshot;
export const CORPUS = resolve(SHARED, 'corpus');
export const CONFORMANCE = resolve(SHARED, 'conformance');
