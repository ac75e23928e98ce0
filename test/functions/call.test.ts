import { readFileSync } from 'node:fs';
// Call semantics shared by every function: arity, conversion of arguments, nulls, unknowns and marks.

import { describe, expect, it } from 'vitest';
import { callFunction, convertToType, functionNames, functions } from '../../src/functions/index.js';
import { FunctionError } from '../../src/functions/types.js';
import { T, Value, typeExpression } from '../../src/value/value.js';
import { testContext } from './support.js';

const ctx = testContext();

function failure(fn: () => unknown): FunctionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FunctionError) return e;
    throw e;
  }
  throw new Error('expected a FunctionError');
}

describe('callFunction', () => {
  it('rejects unknown function names', () => {
    const e = failure(() => callFunction('nope', [], ctx));
    expect([e.summary, e.detail]).toEqual(['Call to unknown function', 'There is no function named "nope".']);
  });

  it('words missing and extra arguments as HCL does', () => {
    expect(failure(() => callFunction('join', [], ctx)).detail).toBe('Function "join" expects at least 1 argument(s). Missing value for "separator".');
    expect(failure(() => callFunction('upper', [Value.string('a'), Value.string('b')], ctx)).summary).toBe('Too many function arguments');
  });

  it('points at the argument that failed conversion or was null', () => {
    const e = failure(() => callFunction('pow', [Value.number(1), Value.string('x')], ctx));
    expect(e.argIndex).toBe(1);
    expect(e.detail).toBe('Invalid value for "power" parameter: a number is required.');
    expect(failure(() => callFunction('upper', [Value.null(T.string)], ctx)).detail).toBe('Invalid value for "str" parameter: argument must not be null.');
  });

  it('returns an unknown of the return type when an argument is unknown', () => {
    const out = callFunction('upper', [Value.unknown(T.string)], ctx);
    expect(out.known).toBe(false);
    expect(out.type).toEqual(T.string);
    const list = callFunction('split', [Value.string(','), Value.unknown(T.string)], ctx);
    expect(typeExpression(list.type)).toBe('list(string)');
    expect(callFunction('length', [Value.unknown()], ctx).known).toBe(false);
  });

  it('carries sensitive marks from arguments to the result', () => {
    const secret = Value.string('hunter2').mark('sensitive');
    const out = callFunction('upper', [secret], ctx);
    expect(out.asString()).toBe('HUNTER2');
    expect(out.hasMark('sensitive')).toBe(true);
    const nested = callFunction('join', [Value.string('-'), Value.list([Value.string('a'), secret])], ctx);
    expect(nested.hasMark('sensitive')).toBe(true);
    expect(callFunction('upper', [Value.string('x')], ctx).hasMark('sensitive')).toBe(false);
  });

  it('gives set functions sets in cty order', () => {
    const out = callFunction(
      'setunion',
      [Value.tuple([Value.string('b'), Value.string('a')]), Value.tuple([Value.string('c')])],
      ctx,
    );
    expect(typeExpression(out.type)).toBe('set(string)');
    expect(out.elements().map((v) => v.asString())).toEqual(['a', 'b', 'c']);
  });

  it('concatenates lists into a list and mixed sequences into a tuple', () => {
    const lists = callFunction('concat', [Value.list([Value.string('a')]), Value.list([Value.string('b')])], ctx);
    expect(typeExpression(lists.type)).toBe('list(string)');
    const mixed = callFunction('concat', [Value.tuple([Value.number(1)]), Value.list([Value.string('b')])], ctx);
    expect(typeExpression(mixed.type)).toBe('tuple([number, string])');
  });

  it('calls templatefile through the context, with the resolved path and the text read', () => {
    const seen: string[] = [];
    const render = testContext({
      renderTemplate: (path, text, vars) => {
        seen.push(path, text);
        return Value.string(`rendered ${vars.get('name')!.asString()}`);
      },
    });
    const out = callFunction('templatefile', [Value.string('hello.txt'), Value.object({ name: Value.string('x') })], render);
    expect(out.asString()).toBe('rendered x');
    expect(seen[0]).toMatch(/fixtures\/hello\.txt$/);
    expect(seen[1]).toBe(readFileSync(seen[0]!, 'utf8'));
    expect(failure(() => callFunction('templatefile', [Value.string('hello.txt'), Value.string('x')], render)).detail).toBe(
      'Invalid value for "vars" parameter: invalid vars value: must be a map.',
    );
  });

  it('lists every function Packer documents', () => {
    const documented = ['abs', 'abspath', 'alltrue', 'anytrue', 'aws_secretsmanager', 'base64decode', 'base64encode', 'base64gzip', 'basename',
      'bcrypt', 'ceil', 'chomp', 'chunklist', 'cidrhost', 'cidrnetmask', 'cidrsubnet', 'cidrsubnets', 'coalesce', 'coalescelist', 'compact',
      'concat', 'consul_key', 'contains', 'csvdecode', 'dirname', 'distinct', 'element', 'endswith', 'env', 'file', 'filebase64', 'fileexists',
      'fileset', 'flatten', 'floor', 'format', 'formatdate', 'formatlist', 'indent', 'index', 'join', 'jsondecode', 'jsonencode', 'keys',
      'legacy_isotime', 'legacy_strftime', 'length', 'log', 'lookup', 'lower', 'max', 'md5', 'merge', 'min', 'parseint', 'pathexpand', 'pow',
      'range', 'regex', 'regex_replace', 'regexall', 'replace', 'reverse', 'rsadecrypt', 'setintersection', 'setproduct', 'setsubtract',
      'setunion', 'sha1', 'sha256', 'sha512', 'signum', 'slice', 'sort', 'split', 'startswith', 'strcontains', 'strrev', 'substr', 'sum',
      'templatefile', 'textdecodebase64', 'textencodebase64', 'timeadd', 'timestamp', 'title', 'tobool', 'tolist', 'tomap', 'tonumber',
      'toset', 'tostring', 'transpose', 'trim', 'trimprefix', 'trimspace', 'trimsuffix', 'upper', 'urlencode', 'uuidv4', 'uuidv5', 'values',
      'vault', 'yamldecode', 'yamlencode', 'zipmap'];
    expect(documented.filter((n) => !(n in functions))).toEqual([]);
    expect(functionNames()).toEqual([...functionNames()].sort());
  });
});

describe('convertToType', () => {
  it('converts as convert(value, type) does', () => {
    const out = convertToType(Value.tuple([Value.string('a'), Value.string('a')]), T.set(T.string));
    expect(out.length).toBe(1);
    expect(typeExpression(out.type)).toBe('set(string)');
  });

  it('reports unsuitable values against the "value" parameter', () => {
    const e = failure(() => convertToType(Value.string('x'), T.list(T.string)));
    expect(e.summary).toBe('Invalid function argument');
    expect(e.detail).toMatch(/^Invalid value for "value" parameter: /);
    expect(failure(() => convertToType(Value.string('maybe'), T.bool)).detail).toBe(
      'Invalid value for "value" parameter: cannot convert "maybe" to bool; only the strings "true" or "false" are allowed.',
    );
  });
});
