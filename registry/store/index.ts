// The registry store: every operation the server performs on the database.

export * from './ancestry.js';
export * from './buckets.js';
export * from './builds.js';
export * from './channels.js';
export { isPostgresUrl, openStore, redactUrl } from './open-store.js';
export * from './store.js';
export * from './revocation.js';
export * from './tokens.js';
export * from './versions.js';
