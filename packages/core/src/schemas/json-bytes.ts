// Byte-level reading of JSON for hand-written readers of hot request bodies: each step checks
// exactly what JSON.parse would accept, or throws UNREAD so that the caller leaves the body to
// JSON.parse. Escapes in strings are always left to it.

/** Thrown by a {@link JsonBytes} reader when it leaves the body to JSON.parse; its caller catches it. */
export const UNREAD: unknown = Object.freeze({ unread: true });

/** Leaves the body to JSON.parse. */
export function unread(): never {
  throw UNREAD;
}

/** Non-ASCII strings are decoded on their own; invalid UTF-8 is left to JSON.parse (which reads U+FFFD). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// Bytes of JSON's grammar.
const TAB = 0x09;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const TILDE = 0x7e;

/** Nesting of unknown values the reader follows before leaving a body to JSON.parse. */
const MAX_DEPTH = 32;

/** A cursor over a JSON body's bytes; strings are scanned as bytes and cut from `text` only when needed. */
export class JsonBytes {
  pos = 0;
  /** Every byte of the last string read was printable ASCII (0x20-0x7e): its text is a slice of `text`. */
  plain = true;

  constructor(
    protected readonly b: Uint8Array,
    /** The body byte for byte, one UTF-16 unit per byte, so that its indexes are the bytes'. */
    protected readonly text: string,
  ) {}

  ws(): void {
    const b = this.b;
    let p = this.pos;
    while (p < b.length) {
      const c = b[p];
      if (c !== SPACE && c !== NEWLINE && c !== CR && c !== TAB) break;
      p++;
    }
    this.pos = p;
  }

  /** Skips whitespace and reads `c`; anything else is not read. */
  expect(c: number): void {
    // Compact JSON has no whitespace: the byte is looked at before any is skipped.
    if (this.b[this.pos] !== c) {
      this.ws();
      if (this.b[this.pos] !== c) unread();
    }
    this.pos++;
  }

  /** Skips whitespace; true (and past it) when the next byte is `c`. */
  accept(c: number): boolean {
    if (this.b[this.pos] !== c) {
      this.ws();
      if (this.b[this.pos] !== c) return false;
    }
    this.pos++;
    return true;
  }

  /**
   * Reads a string whose opening quote is next; returns the index of its closing quote (its
   * content starts at the returned `start`). Escapes are left to JSON.parse; a raw control
   * character is JSON.parse's error.
   */
  string(): number {
    this.expect(QUOTE);
    return this.scan(this.pos);
  }

  /** Scans a string's content from `p` (after its opening quote and any bytes known plain) to its closing quote: see {@link string}. */
  protected scan(from: number): number {
    const b = this.b;
    let p = from;
    let plain = true;
    for (;;) {
      const c = b[p];
      if (c === undefined || c === BACKSLASH || c < SPACE) unread();
      if (c === QUOTE) break;
      if (c > TILDE) plain = false;
      p++;
    }
    this.plain = plain;
    this.pos = p + 1;
    return p;
  }

  /** The content of the string between `start` and `end` (a closing quote), as JSON.parse reads it. */
  cut(start: number, end: number): string {
    if (this.plain) return this.text.slice(start, end);
    try {
      return strictUtf8.decode(this.b.subarray(start, end));
    } catch {
      return unread();
    }
  }

  matches(start: number, name: Uint8Array): boolean {
    const b = this.b;
    for (let i = 0; i < name.length; i++) if (b[start + i] !== name[i]) return false;
    return true;
  }

  /** Reads `null` if it is next. */
  null(): boolean {
    const b = this.b;
    if (b[this.pos] !== QUOTE) this.ws();
    const p = this.pos;
    if (b[p] !== LOWER_N) return false;
    if (b[p + 1] !== 0x75 || b[p + 2] !== 0x6c || b[p + 3] !== 0x6c) unread();
    this.pos = p + 4;
    return true;
  }

  /** Any JSON value, checked for JSON.parse and skipped. */
  skip(depth: number): void {
    if (depth > MAX_DEPTH) unread();
    this.ws();
    const c = this.b[this.pos];
    if (c === QUOTE) {
      this.string();
    } else if (c === OPEN_BRACE) {
      this.pos++;
      if (this.accept(CLOSE_BRACE)) return;
      do {
        this.string();
        this.expect(COLON);
        this.skip(depth + 1);
      } while (this.accept(COMMA));
      this.expect(CLOSE_BRACE);
    } else if (c === OPEN_BRACKET) {
      this.pos++;
      if (this.accept(CLOSE_BRACKET)) return;
      do this.skip(depth + 1);
      while (this.accept(COMMA));
      this.expect(CLOSE_BRACKET);
    } else if (c === LOWER_N) {
      this.null();
    } else if (c === LOWER_T) {
      this.word(0x74, 0x72, 0x75, 0x65);
    } else if (c === LOWER_F) {
      this.word(0x66, 0x61, 0x6c, 0x73, 0x65);
    } else {
      this.number();
    }
  }

  private word(...bytes: number[]): void {
    const b = this.b;
    for (const byte of bytes) if (b[this.pos++] !== byte) unread();
  }

  /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    const b = this.b;
    if (b[this.pos] === MINUS) this.pos++;
    if (b[this.pos] === ZERO) this.pos++;
    else if (this.digits() === 0) unread();
    if (b[this.pos] === DOT) {
      this.pos++;
      if (this.digits() === 0) unread();
    }
    if (b[this.pos] === LOWER_E || b[this.pos] === UPPER_E) {
      this.pos++;
      if (b[this.pos] === PLUS || b[this.pos] === MINUS) this.pos++;
      if (this.digits() === 0) unread();
    }
  }

  private digits(): number {
    const b = this.b;
    const first = this.pos;
    while ((b[this.pos] as number) >= ZERO && (b[this.pos] as number) <= NINE) this.pos++;
    return this.pos - first;
  }
}
