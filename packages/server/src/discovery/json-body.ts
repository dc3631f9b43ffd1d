/**
 * A response body that is already JSON. Bodies of unchanged services are the same object from
 * one request to the next, so a transport encodes one once (`bytes`) and may attach more to it
 * (a gzipped form, in a WeakMap): an unchanged service is neither serialised, encoded nor
 * compressed twice. Once encoded, the body keeps only its bytes, not the text as well.
 *
 * A large body can also be a list of encoded chunks (`services.json` is one chunk per service):
 * a transport writes them one after the other, so the answer is never copied into one
 * contiguous buffer (a fresh 32 MiB allocation and copy stalls the event loop).
 */
export class JsonBody {
  private text: string | null;
  private encoded: Buffer | null = null;
  private parts: readonly Buffer[] | null = null;
  private length = -1;

  constructor(json: string) {
    this.text = json;
  }

  /** A body made of JSON chunks already encoded as UTF-8, in order. */
  static fromChunks(chunks: readonly Buffer[]): JsonBody {
    const body = new JsonBody('');
    body.text = null;
    if (chunks.length === 1) body.encoded = chunks[0] as Buffer;
    else body.parts = chunks;
    body.length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    return body;
  }

  /** The JSON text. */
  get json(): string {
    return this.text ?? this.bytes.toString('utf8');
  }

  /** The JSON as UTF-8 bytes, encoded (or joined) on first use. */
  get bytes(): Buffer {
    if (this.encoded === null) {
      this.encoded = this.parts !== null ? Buffer.concat(this.parts, this.length) : Buffer.from(this.text as string, 'utf8');
      this.parts = null;
      this.text = null;
    }
    return this.encoded;
  }

  /** The body as the chunks to write: one for an ordinary body. */
  get chunks(): readonly Buffer[] {
    return this.parts ?? [this.bytes];
  }

  /** Length of the encoded body in bytes. */
  get byteLength(): number {
    if (this.length < 0) this.length = this.bytes.length;
    return this.length;
  }
}
