// Translates the Go templates of a legacy JSON string into an HCL2 quoted template: `{{user `x`}}` becomes
// `${var.x}`, `{{timestamp}}` `${local.timestamp}`, and so on. Builder data placeholders (`{{.HTTPIP}}`,
// `{{.Vars}}`...) stay as Go templates: plugins render them at build time, in HCL2 templates too. What has no
// HCL2 equivalent is kept as written and reported in `notes`.

import { GoTemplateError, packerFunctions, parseGoTemplate } from '../gotemplate/index.js';
import type { ArgNode, Node, PipeNode } from '../gotemplate/nodes.js';
import { quoteString, renderTemplate, type TemplatePart } from './hcl-syntax.js';
import { callFunction, Unhandled, type Arg, type TranslateContext } from './functions.js';

export type { TranslateContext, Where, Usage } from './functions.js';

/** Every function name Packer's Go templates know, for parsing. */
export const GO_FUNCTION_NAMES: readonly string[] = Object.keys(packerFunctions({ now: new Date(0), env: {}, cwd: '', enableEnv: false }));

export interface Translation {
  /** The inside of an HCL quoted template (without the quotes). */
  template: string;
  /** What could not be translated (kept as written). */
  notes: string[];
}

function translateArg(node: ArgNode, ctx: TranslateContext): Arg {
  switch (node.kind) {
    case 'string':
      return { expr: quoteString(node.text), literal: node.text };
    case 'number':
      return { expr: String(node.value), literal: node.value };
    case 'bool':
      return { expr: String(node.value), literal: node.value };
    case 'identifier':
      return callFunction(node.name, [], ctx);
    case 'pipe':
      return translatePipe(node, ctx);
    case 'nil':
      throw new Unhandled('nil has no HCL2 equivalent here');
    default:
      // `.Field`, `$x`, `.`: data that only the plugin has at build time.
      throw new Unhandled();
  }
}

function translatePipe(pipe: PipeNode, ctx: TranslateContext): Arg {
  if (pipe.decl.length > 0) throw new Unhandled('template variables have no HCL2 equivalent');
  let piped: Arg | undefined;
  for (const cmd of pipe.cmds) {
    const [first, ...rest] = cmd.args;
    if (first?.kind === 'identifier') {
      const args = rest.map((a) => translateArg(a, ctx));
      piped = callFunction(first.name, piped ? [...args, piped] : args, ctx);
    } else if (first && rest.length === 0 && !piped) {
      piped = translateArg(first, ctx);
    } else {
      throw new Unhandled(first?.kind === 'field' || first?.kind === 'variable' || first?.kind === 'dot' ? undefined : 'this pipeline has no HCL2 equivalent');
    }
  }
  if (!piped) throw new Unhandled('empty pipeline');
  return piped;
}

function translateNodes(nodes: Node[], text: string, ctx: TranslateContext, parts: TemplatePart[], notes: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      parts.push({ text: node.text });
      continue;
    }
    const source = text.slice(node.start, node.end);
    if (node.kind !== 'action') {
      notes.push(`"${source}" has no HCL2 equivalent: it is kept as a Go template`);
      parts.push({ text: source });
      continue;
    }
    try {
      const arg = translatePipe(node.pipe, ctx);
      parts.push(typeof arg.literal === 'string' ? { text: arg.literal } : { expr: arg.expr });
    } catch (e) {
      if (!(e instanceof Unhandled)) throw e;
      if (e.reason) notes.push(`"${source}": ${e.reason}; it is kept as a Go template`);
      parts.push({ text: source });
    }
  }
}

/** Translates one JSON string. */
export function translateString(text: string, ctx: TranslateContext): Translation {
  if (!text.includes('{{')) return { template: renderTemplate([{ text }]), notes: [] };
  let parsed;
  try {
    parsed = parseGoTemplate(text, GO_FUNCTION_NAMES);
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return { template: renderTemplate([{ text }]), notes: [`"${text}" is not a valid Go template (${e.message}): it is kept as written`] };
  }
  const parts: TemplatePart[] = [];
  const notes: string[] = [];
  translateNodes(parsed.root.nodes, text, ctx, parts, notes);
  return { template: renderTemplate(parts), notes };
}

/** The Go template functions a string calls (for deciding whether a variable must become a local). */
export function functionsCalled(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('{{')) return names;
  const visitArg = (a: ArgNode): void => {
    if (a.kind === 'identifier') names.add(a.name);
    else if (a.kind === 'pipe') visitPipe(a);
    else if (a.kind === 'chain') visitArg(a.node);
  };
  const visitPipe = (p: PipeNode): void => p.cmds.forEach((c) => c.args.forEach(visitArg));
  const visit = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'action') visitPipe(n.pipe);
      else if (n.kind === 'if' || n.kind === 'range' || n.kind === 'with') {
        visitPipe(n.pipe);
        visit(n.list.nodes);
        if (n.elseList) visit(n.elseList.nodes);
      } else if (n.kind === 'template' && n.pipe) visitPipe(n.pipe);
    }
  };
  try {
    visit(parseGoTemplate(text, GO_FUNCTION_NAMES).root.nodes);
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
  }
  return names;
}
