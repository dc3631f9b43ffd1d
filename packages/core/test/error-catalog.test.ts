import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { errorCodeMeanings, errorCodes } from '../src/index.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

describe('error catalog', () => {
  it('is documented in docs/errors.md, code by code, with the same meaning', () => {
    const rows = new Map([...doc.matchAll(/^\| `([a-z_-]+)` \| (.+) \|$/gm)].map((match) => [match[1], match[2]]));
    expect([...rows.keys()]).toEqual([...errorCodes]);
    for (const code of errorCodes) expect(rows.get(code)).toBe(errorCodeMeanings[code]);
  });
});
