import { resolve } from 'node:path';
import { isPostgresUrl } from '../store/open-store.js';

/** The database as given to `-db`: a URL as is, a file path made absolute against the working folder. */
export function resolveDb(db: string, cwd: string): string {
  return isPostgresUrl(db) ? db : resolve(cwd, db);
}
