// What a plugin sees of the user interface.

/** The UI of one build: every line is prefixed with the build's name, as Packer does. */
export interface BuildUi {
  /** `==> name: msg` (bold in the build's color). */
  say(msg: string): void;
  /** `    name: msg` (each line of msg). */
  message(msg: string): void;
  /** `==> name: msg` in red. */
  error(msg: string): void;
  /**
   * A transient status line (bytes done, rate, time left): on a terminal it is redrawn in place and the next line
   * replaces it; elsewhere it is an ordinary message, so a caller prints one every few seconds at most (see `live`).
   */
  progress?(msg: string): void;
  /** Whether `progress` redraws one line in place (a terminal) rather than adding lines. */
  readonly live?: boolean;
  /** A UI for a post-processor: lines become `name (type): ...`. */
  withSuffix(suffix: string): BuildUi;
  /** Hides sensitive values; applied to every line before it is written. */
  readonly redact: (s: string) => string;
}
