import { numericCases, stringCases } from './cases-numeric-string.js';
import type { Case } from './support.js';

export function allCases(): Case[] {
  return [...numericCases, ...stringCases];
}
