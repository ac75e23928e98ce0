import type { Value } from '../value/value.js';

// Syntax tree for HCL templates. Every node carries the source range it came from, so that
// diagnostics can point at file, line and column, and so that `fmt` can rebuild the text.
// The native syntax parser and the JSON syntax reader both produce this tree.

export interface Pos {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in characters (not bytes). */
  column: number;
  /** 0-based offset into the source string. */
  offset: number;
}

export interface Range {
  filename: string;
  start: Pos;
  end: Pos;
}

export interface Comment {
  /** Text including its markers (`#`, `//`, `/* *\/`), without the trailing newline. */
  text: string;
  range: Range;
}

export interface File {
  filename: string;
  source: string;
  body: Body;
  /** Every comment of the file, in source order. */
  comments: Comment[];
  /** 'hcl' for native syntax, 'json' for HCL JSON syntax. */
  syntax: 'hcl' | 'json';
}

export interface Body {
  kind: 'body';
  /** Attributes and blocks in source order. */
  items: (Attribute | Block)[];
  range: Range;
  /**
   * Set on bodies read from HCL JSON syntax: the body's content is kept undecided, because
   * whether a JSON property is an attribute or a block depends on the schema of the reader.
   * Use `src/hcl/json-body.ts` to resolve it against a schema.
   */
  json?: JsonObject;
}

export interface Attribute {
  kind: 'attribute';
  name: string;
  nameRange: Range;
  expr: Expression;
  /** From the name to the end of the expression. */
  range: Range;
}

export interface Block {
  kind: 'block';
  type: string;
  typeRange: Range;
  labels: string[];
  labelRanges: Range[];
  body: Body;
  /** From the type name to the closing brace. */
  range: Range;
  openBraceRange: Range;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | AnonExpr
  | CallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | ParensExpr
  | BoundExpr;

interface Node {
  range: Range;
}

/** Numbers, `true`, `false`, `null`; also bare identifiers used as object keys (`bareKey`). */
export interface LiteralExpr extends Node {
  kind: 'literal';
  value: null | boolean | number | string;
  /** Source text of a number literal, kept for exactness and for `fmt`. */
  raw?: string;
  /** True for an object key written as a bare identifier (`{ foo = 1 }`). */
  bareKey?: boolean;
}

/** A quoted string or heredoc. Literal parts have escapes and strip markers already applied. */
export interface TemplateExpr extends Node {
  kind: 'template';
  parts: TemplatePart[];
  heredoc?: { marker: string; indent: boolean };
}

export type TemplatePart = TemplateLiteral | TemplateInterp | TemplateIf | TemplateFor;

export interface TemplateLiteral extends Node {
  kind: 'tliteral';
  value: string;
}

export interface TemplateInterp extends Node {
  kind: 'tinterp';
  expr: Expression;
  stripLeft: boolean;
  stripRight: boolean;
}

export interface TemplateIf extends Node {
  kind: 'tif';
  cond: Expression;
  then: TemplatePart[];
  else?: TemplatePart[];
  /** Strip markers of the `%{if}`, `%{else}` and `%{endif}` directives (already applied to literals). */
  strip?: { if: DirectiveStrip; else?: DirectiveStrip; endif: DirectiveStrip };
}

/** Strip markers of one template directive: `%{~` (left) and `~}` (right). */
export interface DirectiveStrip {
  left: boolean;
  right: boolean;
}

export interface TemplateFor extends Node {
  kind: 'tfor';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  body: TemplatePart[];
  /** Strip markers of the `%{for}` and `%{endfor}` directives (already applied to literals). */
  strip?: { for: DirectiveStrip; endfor: DirectiveStrip };
}

/** A root name such as `var`, `local`, `path`, or an iterator variable of a `for`. */
export interface VariableExpr extends Node {
  kind: 'variable';
  name: string;
}

export interface GetAttrExpr extends Node {
  kind: 'getattr';
  object: Expression;
  name: string;
  nameRange: Range;
}

/** `a[k]`, and the legacy `a.0` form (with `legacy: true`). */
export interface IndexExpr extends Node {
  kind: 'index';
  object: Expression;
  key: Expression;
  legacy?: boolean;
}

/**
 * `a.*.b` (attribute-only splat) or `a[*].b[0]` (full splat). `each` is evaluated once per element
 * with the element bound to the `anon` placeholder.
 */
export interface SplatExpr extends Node {
  kind: 'splat';
  object: Expression;
  each: Expression;
  full: boolean;
}

/** The element placeholder inside a splat's `each` expression. */
export interface AnonExpr extends Node {
  kind: 'anon';
}

export interface CallExpr extends Node {
  kind: 'call';
  name: string;
  nameRange: Range;
  args: Expression[];
  /** True when the last argument is followed by `...`. */
  expandFinal: boolean;
}

export interface ConditionalExpr extends Node {
  kind: 'conditional';
  cond: Expression;
  then: Expression;
  else: Expression;
}

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends Node {
  kind: 'binary';
  op: BinaryOp;
  left: Expression;
  right: Expression;
}

export interface UnaryExpr extends Node {
  kind: 'unary';
  op: '!' | '-';
  operand: Expression;
}

export interface TupleExpr extends Node {
  kind: 'tuple';
  items: Expression[];
}

export interface ObjectItem {
  key: Expression;
  value: Expression;
  /** `=` or `:` as written. */
  sep: '=' | ':';
}

export interface ObjectExpr extends Node {
  kind: 'object';
  items: ObjectItem[];
}

export interface ForExpr extends Node {
  kind: 'for';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Present for object `for` (`{for k, v in x : k => v}`). */
  keyExpr?: Expression;
  valueExpr: Expression;
  cond?: Expression;
  /** `...` after the value of an object `for`: values with the same key are grouped into a tuple. */
  group: boolean;
}

export interface ParensExpr extends Node {
  kind: 'parens';
  expr: Expression;
}

/**
 * Not written by users: an expression with names bound to values, made when a `dynamic` block is expanded
 * (the iterator, such as `tag.key` / `tag.value`). The bindings hide names of the enclosing scope.
 */
export interface BoundExpr extends Node {
  kind: 'bound';
  expr: Expression;
  bindings: Readonly<Record<string, Value>>;
}

// ---- HCL JSON syntax: the raw JSON value tree with ranges, resolved later against a schema.

export type JsonValue = JsonObject | JsonArray | JsonString | JsonNumber | JsonBool | JsonNull;

export interface JsonObject extends Node {
  kind: 'jobject';
  /** Properties in source order; duplicate names are kept (HCL JSON allows repeated block keys). */
  props: { name: string; nameRange: Range; value: JsonValue; /** Source text of the name, quotes included. */ nameRaw?: string }[];
}
export interface JsonArray extends Node {
  kind: 'jarray';
  items: JsonValue[];
}
export interface JsonString extends Node {
  kind: 'jstring';
  value: string;
  /** Source text, quotes and escapes included (to map template positions back into the file). */
  raw?: string;
}
export interface JsonNumber extends Node {
  kind: 'jnumber';
  value: number;
  raw: string;
}
export interface JsonBool extends Node {
  kind: 'jbool';
  value: boolean;
}
export interface JsonNull extends Node {
  kind: 'jnull';
}
