/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function codePoint(char: number): string {
  return `U+${char.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The one rule every identifier (service, instance, region, zone, group ids and the like) is held
 * to at every edge: well-formed Unicode (no lone surrogate, which storage would turn into U+FFFD
 * and so into another id) and no control character (NUL and the like, which no later request
 * could name). Null when `value` passes; otherwise what is wrong, for a `bad-request` message.
 */
export function identifierProblem(value: string): string | null {
  const lone = LONE_SURROGATE.exec(value);
  if (lone !== null) return `is not well-formed Unicode: lone surrogate ${codePoint(lone[0].charCodeAt(0))} at position ${lone.index}`;
  const control = CONTROL.exec(value);
  if (control !== null) return `must not contain control characters: ${codePoint(control[0].charCodeAt(0))} at position ${control.index}`;
  return null;
}

/** True when `value` passes {@link identifierProblem}; the cheap test for hot paths. */
export function isValidIdentifier(value: string): boolean {
  return !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}
