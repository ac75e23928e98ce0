// Booleans as Go's strconv.ParseBool reads them, which Packer uses for flags, weakly typed JSON values and metadata.

/** The spellings ParseBool reads as true. */
export const TRUE_WORDS: readonly string[] = ['1', 't', 'T', 'TRUE', 'true', 'True'];
/** The spellings ParseBool reads as false. */
export const FALSE_WORDS: readonly string[] = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** `text` as ParseBool reads it; undefined where ParseBool fails. */
export function parseGoBool(text: string): boolean | undefined {
  if (TRUE_WORDS.includes(text)) return true;
  if (FALSE_WORDS.includes(text)) return false;
  return undefined;
}
