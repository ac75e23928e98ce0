import { collectionCases } from './cases-collection.js';
import { encodingCases } from './cases-encoding.js';
import { conversionCases, contextualCases, cryptoCases, datetimeCases, filesystemCases, ipnetCases, uuidCases } from './cases-misc.js';
import { numericCases, stringCases } from './cases-numeric-string.js';
import type { Case } from './support.js';

export const caseGroups: [string, Case[]][] = [
  ['numeric', numericCases],
  ['string', stringCases],
  ['collection', collectionCases],
  ['encoding', encodingCases],
  ['filesystem', filesystemCases],
  ['date and time', datetimeCases],
  ['hash and crypto', cryptoCases],
  ['ip network', ipnetCases],
  ['uuid', uuidCases],
  ['type conversion', conversionCases],
  ['contextual', contextualCases],
];

export function allCases(): Case[] {
  return caseGroups.flatMap(([, cases]) => cases);
}
