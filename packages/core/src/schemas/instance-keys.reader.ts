import { Limits } from '../limits.js';
import { id as readId, REJECT, text as readText } from './fast-read.js';
import { InstanceKeyBatch, type HeartbeatKey } from './instance-key-batch.js';
import { JsonBytes, UNREAD, unread } from './json-bytes.js';

// A byte-level reader of register, heartbeat and unregister bodies: what JSON.parse and
// decodeInstancesRequest would accept, read without building the JSON tree or an object per
// field. Whatever it does not fully understand it leaves to that path (by answering null), which
// then decides the answer and words the error; a generated-input test holds the two to the same
// answers.

// The bytes this reader looks for. Module constants, not imports: the optimising compiler folds
// these into the code, and it does not fold imported bindings (measured: a fifth slower).
const QUOTE = 0x22;
const COMMA = 0x2c;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Byte for byte into one UTF-16 unit each, so that the text's indexes are the bytes'. */
const bytewise = new TextDecoder('latin1');

/** The instance fields the decoder reads, by bit; a key met twice is left to the schema path (JSON.parse keeps the last). */
const F_GROUP_ID = 1 << 0;
const F_HEALTH_CHECK_URL = 1 << 1;
const F_INSTANCE_ID = 1 << 2;
const F_IP = 1 << 3;
const F_MACHINE_NAME = 1 << 4;
const F_METADATA = 1 << 5;
const F_PORT = 1 << 6;
const F_PROTOCOL = 1 << 7;
const F_REGION_ID = 1 << 8;
const F_SERVICE_ID = 1 << 9;
const F_STATUS = 1 << 10;
const F_URL = 1 << 11;
const F_ZONE_ID = 1 << 12;
const F_UNKNOWN = 0;

const FIELD_NAMES: readonly (readonly [string, number])[] = [
  ['groupId', F_GROUP_ID],
  ['healthCheckUrl', F_HEALTH_CHECK_URL],
  ['instanceId', F_INSTANCE_ID],
  ['ip', F_IP],
  ['machineName', F_MACHINE_NAME],
  ['metadata', F_METADATA],
  ['port', F_PORT],
  ['protocol', F_PROTOCOL],
  ['regionId', F_REGION_ID],
  ['serviceId', F_SERVICE_ID],
  ['status', F_STATUS],
  ['url', F_URL],
  ['zoneId', F_ZONE_ID],
];
/** A field name with its closing quote, as little-endian 32-bit words (and the bytes left over), compared 4 bytes at a time. */
interface FieldName {
  readonly field: number;
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
}

function fieldName(name: string, field: number): FieldName {
  const bytes = Uint8Array.from(`${name}"`, (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const words = Int32Array.from({ length: bytes.length >> 2 }, (_, n) => view.getInt32(n * 4, true));
  return { field, bytes, words };
}

/** The field names by first byte, so that a key is matched as it is read. */
const FIELDS_BY_FIRST_BYTE: (FieldName[] | undefined)[] = [];
for (const [name, field] of FIELD_NAMES) (FIELDS_BY_FIRST_BYTE[name.charCodeAt(0)] ??= []).push(fieldName(name, field));
const INSTANCES = Uint8Array.from('instances', (c) => c.charCodeAt(0));
const PROTO = Uint8Array.from('__proto__', (c) => c.charCodeAt(0));
/** Slots of {@link Reader.id}: ids compared with the previous element's (they mostly repeat)... */
const SERVICE_SLOT = 0;
const REGION_SLOT = 1;
const ZONE_SLOT = 2;
/** ...an id kept but not compared (instance ids differ from one element to the next)... */
const UNCOMPARED_SLOT = 3;
/** ...and an id checked, not kept. */
const UNKEPT = -1;
/** One pass over a register/heartbeat/unregister body. */
class Reader extends JsonBytes {
  /** The last string seen per key field, so that a repeated serviceId, regionId or zoneId is one string. */
  private lastStart = [0, 0, 0];
  private lastLength = [0, 0, 0];
  private lastValue: (string | null)[] = [null, null, null];

  /** The body's bytes read 4 at a time, where names and repeated strings are compared. */
  private readonly view: DataView;

  constructor(b: Uint8Array, text: string) {
    super(b, text);
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /**
   * Reads a key and answers the instance field it names (F_UNKNOWN for any other): matched
   * against the field names as it is scanned, so that a known key is read once.
   */
  key(): number {
    this.expect(QUOTE);
    const start = this.pos;
    const candidates = FIELDS_BY_FIRST_BYTE[this.b[start] as number];
    if (candidates !== undefined) {
      for (const name of candidates) {
        if (this.matchesName(start, name)) {
          this.plain = true;
          this.pos = start + name.bytes.length;
          return name.field;
        }
      }
    }
    this.scan(start);
    return F_UNKNOWN;
  }

  /** True when the bytes at `start` are the field name and its closing quote. */
  private matchesName(start: number, name: FieldName): boolean {
    const { bytes, words } = name;
    if (start + bytes.length > this.b.length) return false;
    const view = this.view;
    let i = 0;
    for (let w = 0; w < words.length; w++, i += 4) if (view.getInt32(start + i, true) !== words[w]) return false;
    for (; i < bytes.length; i++) if (this.b[start + i] !== bytes[i]) return false;
    return true;
  }

  /** An optional id, checked as the schema checks it; kept (and maybe compared with the previous one) as `slot` says. */
  id(slot: number): string | null {
    if (this.null()) return null;
    this.expect(QUOTE);
    const start = this.pos;
    if (slot >= 0 && slot < UNCOMPARED_SLOT) {
      const same = this.same(slot, start);
      if (same !== null) return same;
    }
    const end = this.scan(start);
    if (!this.plain) {
      const value = readId(this.cut(start, end), Limits.maxIdLength);
      return value === REJECT ? unread() : value;
    }
    if (end - start > Limits.maxIdLength) unread();
    if (slot === UNKEPT) return null;
    const value = this.text.slice(start, end);
    if (slot < UNCOMPARED_SLOT) {
      this.lastStart[slot] = start;
      this.lastLength[slot] = end - start;
      this.lastValue[slot] = value;
    }
    return value;
  }

  /** The previous element's string of this key field when the string at `start` has the same bytes (and then past it); otherwise null. */
  private same(slot: number, start: number): string | null {
    const last = this.lastValue[slot];
    if (last === null || last === undefined) return null;
    const b = this.b;
    const from = this.lastStart[slot] as number;
    const length = this.lastLength[slot] as number;
    // The previous string ended before `start`, so only the current one can run past the end.
    if (start + length >= b.length) return null;
    const view = this.view;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (view.getInt32(start + i, true) !== view.getInt32(from + i, true)) return null;
    for (; i < length; i++) if (b[start + i] !== b[from + i]) return null;
    if (b[start + i] !== QUOTE) return null;
    // The same bytes as a string already read: plain and within bounds.
    this.plain = true;
    this.pos = start + i + 1;
    return last;
  }

  /** An optional free text, checked and not kept. */
  freeText(): void {
    if (this.null()) return;
    const start = this.pos + 1;
    const end = this.string();
    if (this.plain ? end - start > Limits.maxTextLength : readText(this.cut(start, end), Limits.maxTextLength) === REJECT) unread();
  }

  /** A port: null, or an integer 0-65535 written plainly (anything else, `8080.0` included, goes to JSON.parse). */
  port(): void {
    if (this.null()) return;
    const b = this.b;
    let p = this.pos;
    let value = 0;
    const first = p;
    while (p < b.length && (b[p] as number) >= ZERO && (b[p] as number) <= NINE && p - first < 6) value = value * 10 + (b[p++] as number) - ZERO;
    const digits = p - first;
    if (digits === 0 || (digits > 1 && b[first] === ZERO) || value > 65_535) unread();
    const next = b[p];
    if (next === DOT || next === LOWER_E || next === UPPER_E || (next !== undefined && next >= ZERO && next <= NINE)) unread();
    this.pos = p;
  }

  /** Metadata: null, or an object of strings and nulls within the metadata bounds. */
  metadata(): void {
    if (this.null()) return;
    this.expect(OPEN_BRACE);
    if (this.accept(CLOSE_BRACE)) return;
    // Counted with repeated keys: within the bounds so, within them without (JSON.parse keeps one).
    let entries = 0;
    let chars = 0;
    do {
      this.ws();
      const start = this.pos + 1;
      const end = this.string();
      if (end - start === PROTO.length && this.matches(start, PROTO)) unread();
      chars += this.plain ? end - start : this.cut(start, end).length;
      this.expect(COLON);
      if (!this.null()) {
        const valueStart = this.pos + 1;
        const valueEnd = this.string();
        chars += this.plain ? valueEnd - valueStart : this.cut(valueStart, valueEnd).length;
      }
      entries += 1;
    } while (this.accept(COMMA));
    this.expect(CLOSE_BRACE);
    if (entries > Limits.maxMetadataEntries || chars > Limits.maxMetadataChars) unread();
  }

  /** One element of `instances`: null, or an instance the decoder would accept. */
  instance(): HeartbeatKey | null {
    if (this.null()) return null;
    this.expect(OPEN_BRACE);
    let serviceId: string | null = null;
    let instanceId: string | null = null;
    let regionId: string | null = null;
    let zoneId: string | null = null;
    if (this.accept(CLOSE_BRACE)) return { serviceId, instanceId, regionId, zoneId };
    let seen = 0;
    do {
      const field = this.key();
      this.expect(COLON);
      if (field === F_UNKNOWN) {
        this.skip(1);
        continue;
      }
      if ((seen & field) !== 0) unread();
      seen |= field;
      switch (field) {
        case F_SERVICE_ID:
          serviceId = this.id(SERVICE_SLOT);
          break;
        case F_INSTANCE_ID:
          instanceId = this.id(UNCOMPARED_SLOT);
          break;
        case F_REGION_ID:
          regionId = this.id(REGION_SLOT);
          break;
        case F_ZONE_ID:
          zoneId = this.id(ZONE_SLOT);
          break;
        case F_GROUP_ID:
        case F_IP:
        case F_PROTOCOL:
        case F_STATUS:
          this.id(UNKEPT);
          break;
        case F_HEALTH_CHECK_URL:
        case F_MACHINE_NAME:
        case F_URL:
          this.freeText();
          break;
        case F_PORT:
          this.port();
          break;
        case F_METADATA:
          this.metadata();
          break;
      }
    } while (this.accept(COMMA));
    this.expect(CLOSE_BRACE);
    return { serviceId, instanceId, regionId, zoneId };
  }

  /** The whole body: an object whose `instances` is a list within the batch bound. */
  body(): (HeartbeatKey | null)[] {
    this.expect(OPEN_BRACE);
    let keys: (HeartbeatKey | null)[] | null = null;
    if (!this.accept(CLOSE_BRACE)) {
      do {
        this.ws();
        const start = this.pos + 1;
        const end = this.string();
        this.expect(COLON);
        if (end - start !== INSTANCES.length || !this.matches(start, INSTANCES)) {
          this.skip(1);
          continue;
        }
        // A second `instances` replaces the first in JSON.parse: left to it.
        if (keys !== null) unread();
        keys = this.instances();
      } while (this.accept(COMMA));
      this.expect(CLOSE_BRACE);
    }
    this.ws();
    // No `instances` (or null) is the schema path's answer to give; so is anything after the object.
    if (keys === null || this.pos !== this.b.length) unread();
    return keys;
  }

  private instances(): (HeartbeatKey | null)[] {
    this.expect(OPEN_BRACKET);
    const keys: (HeartbeatKey | null)[] = [];
    if (this.accept(CLOSE_BRACKET)) return keys;
    do {
      if (keys.length === Limits.maxBatchSize) unread();
      keys.push(this.instance());
    } while (this.accept(COMMA));
    this.expect(CLOSE_BRACKET);
    return keys;
  }
}

/**
 * Reads a register, heartbeat or unregister body straight from its bytes, for the heartbeat's
 * hot path: the key of each instance, each other field checked as the schema checks it but not
 * kept, no JSON tree built. Null when the body is not one it fully understands (escapes in
 * strings, repeated fields, numbers such as `8080.0`, malformed or oversized bodies...): the
 * caller then reads it with `JSON.parse` and {@link decodeInstancesRequest}, which decide the
 * answer and word any error. A non-null answer is always what that path would have read.
 *
 * @example
 * ```ts
 * import { readInstanceKeys } from '@artemis/core';
 * const batch = readInstanceKeys(body) ?? decodeInstancesRequest(JSON.parse(body.toString('utf8')));
 * ```
 */
export function readInstanceKeys(body: Uint8Array): InstanceKeyBatch | null {
  try {
    return new InstanceKeyBatch(new Reader(body, bytewise.decode(body)).body(), body);
  } catch (error) {
    if (error === UNREAD) return null;
    throw error;
  }
}
