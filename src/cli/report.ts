import type { Diagnostic } from '../diag/diagnostic.js';
import { renderDiagnostics } from '../diag/render.js';
import type { LoadedTemplate } from '../template/load.js';

/** Writes diagnostics with their source snippets; sensitive values never appear (see `redactor`). */
export function reportDiagnostics(out: NodeJS.WritableStream, diags: readonly Diagnostic[], loaded: Pick<LoadedTemplate, 'sources'>, redact?: (s: string) => string): void {
  if (diags.length === 0) return;
  out.write(renderDiagnostics(diags, loaded.sources, { redact }) + '\n');
}
