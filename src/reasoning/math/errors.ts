/** Typed errors of the maths reasoner. */

/** Thrown when a problem, state or step cannot be parsed; names the input and the 0-based position. */
export class MathParseError extends SyntaxError {
  /** The whole text that was given. */
  readonly input: string;
  /** 0-based character index in `input` where parsing failed. */
  readonly position: number;
  /** What was expected or found, e.g. `Value expected`. */
  readonly reason: string;

  /** @param reason - what was expected or found, e.g. `Value expected`. */
  constructor(input: string, position: number, reason: string) {
    super(`cannot parse '${input}' at position ${position}: ${reason}`);
    this.name = 'MathParseError';
    this.input = input;
    this.position = position;
    this.reason = reason;
  }
}

/** Thrown when a problem parses but is outside what the reasoner solves (e.g. a cubic equation). */
export class MathProblemError extends RangeError {
  /** The problem as given. */
  readonly input: string;

  /** @param reason - what is not supported and what is. */
  constructor(input: string, reason: string) {
    super(`cannot solve '${input}': ${reason}`);
    this.name = 'MathProblemError';
    this.input = input;
  }
}
