// Short value constructors for tables.

import { Value, type Type } from '../../src/value/value.js';

export const s = (x: string) => Value.string(x);
export const n = (x: number) => Value.number(x);
export const b = (x: boolean) => Value.bool(x);
export const tup = (...items: Value[]) => Value.tuple(items);
export const obj = (entries: Record<string, Value>) => Value.object(entries);
export const list = (items: Value[], elem?: Type) => Value.list(items, elem);
export const map = (entries: Record<string, Value>, elem?: Type) => Value.map(entries, elem);
export const nul = (t?: Type) => Value.null(t);
export const unk = (t?: Type) => Value.unknown(t);
