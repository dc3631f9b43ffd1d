/**
 * A response body that is already JSON. Bodies of unchanged services are the same object from
 * one request to the next, so a transport encodes one once (`bytes`) and may attach more to it
 * (a gzipped form, in a WeakMap): an unchanged service is neither serialised, encoded nor
 * compressed twice. Once encoded, the body keeps only its bytes, not the text as well.
 */
export class JsonBody {
  private text: string | null;
  private encoded: Buffer | null = null;

  constructor(json: string) {
    this.text = json;
  }

  /** A body from JSON already encoded as UTF-8. */
  static fromBytes(bytes: Buffer): JsonBody {
    const body = new JsonBody('');
    body.text = null;
    body.encoded = bytes;
    return body;
  }

  /** The JSON text. */
  get json(): string {
    return this.text ?? (this.encoded as Buffer).toString('utf8');
  }

  /** The JSON as UTF-8 bytes, encoded on first use. */
  get bytes(): Buffer {
    if (this.encoded === null) {
      this.encoded = Buffer.from(this.text as string, 'utf8');
      this.text = null;
    }
    return this.encoded;
  }
}
