// Nests the flat template parts into if/for directives, without recursion.

import type { DirectiveStrip, Expression, Range, TemplateFor, TemplateIf, TemplateInterp, TemplatePart } from './ast.js';
import { MAX_DEPTH, type ParserState } from './parser-state.js';
import { formatRange } from './position.js';

type Marked = { start: number; end: number; strip: DirectiveStrip };

export type RawPart =
  | { kind: 'lit'; value: string; start: number; end: number }
  | { kind: 'interp'; node: TemplateInterp }
  | ({ kind: 'if'; cond: Expression } & Marked)
  | ({ kind: 'for'; keyVar?: string; valueVar: string; collection: Expression } & Marked)
  | ({ kind: 'else' | 'endif' | 'endfor' } & Marked);

type Frame =
  | { kind: 'root'; current: TemplatePart[] }
  | { kind: 'if'; node: TemplateIf; open: Range; current: TemplatePart[]; inElse: boolean }
  | { kind: 'for'; node: TemplateFor; open: Range; current: TemplatePart[] };

/** `emptyAt`: where an empty template's single empty literal is placed (just after the opener). */
export function buildTemplateTree(p: ParserState, raw: readonly RawPart[], emptyAt: number): TemplatePart[] {
  const root: TemplatePart[] = [];
  const stack: Frame[] = [{ kind: 'root', current: root }];
  const top = () => stack[stack.length - 1]!;
  const unbalanced = (summary: string, detail: string, part: Marked) =>
    p.error(summary, detail, p.range(part.start, part.end));
  for (const part of raw) {
    const frame = top();
    switch (part.kind) {
      case 'lit':
        frame.current.push({ kind: 'tliteral', value: part.value, range: p.range(part.start, part.end) });
        break;
      case 'interp':
        frame.current.push(part.node);
        break;
      case 'if':
      case 'for': {
        if (stack.length > MAX_DEPTH) {
          p.tooDeep();
          return root;
        }
        const open = p.range(part.start, part.end);
        if (part.kind === 'if') {
          const node: TemplateIf = { kind: 'tif', cond: part.cond, then: [], range: open, strip: { if: part.strip, endif: { left: false, right: false } } };
          stack.push({ kind: 'if', node, open, current: node.then, inElse: false });
        } else {
          const node: TemplateFor = { kind: 'tfor', valueVar: part.valueVar, collection: part.collection, body: [], range: open, strip: { for: part.strip, endfor: { left: false, right: false } } };
          if (part.keyVar !== undefined) node.keyVar = part.keyVar;
          stack.push({ kind: 'for', node, open, current: node.body });
        }
        break;
      }
      case 'else':
        if (frame.kind === 'if' && !frame.inElse) {
          frame.inElse = true;
          frame.node.else = [];
          frame.node.strip!.else = part.strip;
          frame.current = frame.node.else;
        } else if (frame.kind === 'if') {
          unbalanced('Unexpected else directive', `Already in the else clause for the if started at ${formatRange(frame.open)}.`, part);
        } else if (frame.kind === 'for') {
          unbalanced('Unexpected else directive', 'An else clause is not expected for a for directive.', part);
        } else {
          unbalanced('Unexpected else directive', 'The control directives within this template are unbalanced.', part);
        }
        break;
      case 'endif':
      case 'endfor': {
        const wanted = part.kind === 'endif' ? 'if' : 'for';
        if (frame.kind === wanted) {
          stack.pop();
          closeFrame(p, frame, part);
          top().current.push(frame.kind === 'if' ? frame.node : (frame as Extract<Frame, { kind: 'for' }>).node);
        } else if (frame.kind === 'root') {
          unbalanced(`Unexpected ${part.kind} directive`, 'The control directives within this template are unbalanced.', part);
        } else {
          const detail = frame.kind === 'if'
            ? `Expecting an endif directive for the if started at ${formatRange(frame.open)}.`
            : `Expecting an endfor directive corresponding to the for directive at ${formatRange(frame.open)}.`;
          unbalanced(`Unexpected ${part.kind} directive`, detail, part);
        }
        break;
      }
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop() as Exclude<Frame, { kind: 'root' }>;
    const end = p.lastEnd;
    p.error('Unexpected end of template', `The ${frame.kind} directive at ${formatRange(frame.open)} is missing its corresponding end${frame.kind} directive.`, p.range(end, end));
    top().current.push(frame.node);
  }
  if (root.length === 0) {
    root.push({ kind: 'tliteral', value: '', range: p.range(emptyAt, emptyAt) });
  }
  return root;
}

function closeFrame(p: ParserState, frame: Exclude<Frame, { kind: 'root' }>, end: Marked): void {
  frame.node.range = p.spanFrom(frame.open, end.end);
  if (frame.kind === 'if') frame.node.strip!.endif = end.strip;
  else frame.node.strip!.endfor = end.strip;
}
