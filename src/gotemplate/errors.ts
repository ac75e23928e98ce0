// Errors worded as Go's text/template words them: `template: root:1: function "foo" not defined` (parse)
// and `template: root:1:2: executing "root" at <env "HOME">: error calling env: ...` (execution).

export const TEMPLATE_NAME = 'root';

export class GoTemplateError extends Error {
  constructor(
    message: string,
    /** The problem without the `template: root:...:` prefix. */
    readonly reason: string,
    /** Offset in the template text where the problem is. */
    readonly offset: number,
    /** 1-based line. */
    readonly line: number,
    /** 0-based byte column, as Go counts it; undefined for parse errors (Go gives only the line). */
    readonly column?: number,
  ) {
    super(message);
    this.name = 'GoTemplateError';
  }
}

export function parseError(reason: string, offset: number, line: number): GoTemplateError {
  return new GoTemplateError(`template: ${TEMPLATE_NAME}:${line}: ${reason}`, reason, offset, line);
}

/** Line and byte column of an offset (Go counts columns in bytes from 0). */
export function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  return { line, column: Buffer.byteLength(before.slice(nl + 1), 'utf8') };
}

export function execError(text: string, offset: number, context: string, reason: string): GoTemplateError {
  const { line, column } = locate(text, offset);
  return new GoTemplateError(`template: ${TEMPLATE_NAME}:${line}:${column}: executing "${TEMPLATE_NAME}" at <${context}>: ${reason}`, reason, offset, line, column);
}
