// The `output` of compress and checksum: a Go template Packer leaves alone while it decodes the configuration and
// renders for each artifact, with the build's name and builder type (and the checksum type) as data.

import { GoTemplateError, parseGoTemplate, renderGoTemplate } from '../../src/gotemplate/index.js';
import type { ConfigProblem } from '../../src/plugin/config.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import { buildDataOf } from '../../src/template/interpolate-config.js';

/**
 * Packer's check at configuration time: a template that does not parse is an error. Template functions
 * (`{{timestamp}}`) were rendered with the rest of the configuration; what is left are the fields above.
 */
export function checkOutputTemplate(text: string): ConfigProblem[] {
  try {
    parseGoTemplate(text, []);
    return [];
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return [{ message: `Error parsing target template: ${e.message}`, attribute: 'output' }];
  }
}

/** The template's data: the builder's generated data, then BuildName and BuilderType, then `extra`. */
export function outputData(ctx: RunContext, artifact: Artifact, extra: Record<string, string> = {}): Record<string, unknown> {
  return { ...buildDataOf({ ...(artifact.generatedData ?? {}) }), BuildName: ctx.sourceName, BuilderType: ctx.builderType, ...extra };
}

/** Renders `output` for an artifact; a failure is Packer's "Error interpolating output value". */
export function renderOutputPath(text: string, data: Record<string, unknown>): string {
  try {
    return renderGoTemplate(text, { data });
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    throw new Error(`Error interpolating output value: ${e.message}`);
  }
}
