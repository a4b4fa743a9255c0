/**
 * Request generators for the route fuzz test, driven by the BFF's OpenAPI document (JSON Schema
 * as zod-to-openapi writes it): a plausible body per schema, and mutations of it, so every route
 * is fuzzed from what it declares and a new route is covered without touching the test.
 */
import fc from 'fast-check';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
};

/** A JSON number written as given (2^53 + 1 cannot survive JSON.stringify of a JS number). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawNumbers. */
export function toJson(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Strings people and scripts send that a form never would. */
export const NASTY_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  '1; DROP TABLE members; --',
  "\\'; SELECT SLEEP(5); --",
  '%',
  '_%_',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  '👩‍👩‍👧‍👦🔥',
  '\u0000',
  'a\u0000b',
  '\u202etxt.exe',
  '\ud83d',
  '\r\n\t',
  'Ｆｕｌｌｗｉｄｔｈ１２３',
  '连衣裙'.repeat(100),
  'x'.repeat(5000),
  '9007199254740993',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '0x10',
];

/** Numbers at and past every edge: negative, zero, floats (fen are integers), 2^53 + 1, huge. */
export const NASTY_NUMBERS: unknown[] = [
  -1,
  0,
  0.5,
  1.5,
  -0.01,
  99.99,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  new RawNumber('9007199254740993'),
  new RawNumber('-9007199254740993'),
  new RawNumber('1e309'),
  new RawNumber('1e-400'),
  1e20,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
];

/** Values of every JSON type, for wrong types. */
export const ANY_TYPE: unknown[] = [null, true, false, 0, 1, -1, 'abc', '1', [], [1], {}, { id: 1 }, [null], ''];

type Resolver = (ref: string) => JsonSchema;

/** The components resolver of an OpenAPI document. */
export function resolverOf(doc: { components?: { schemas?: Record<string, JsonSchema> } }): Resolver {
  return (ref) => {
    const name = ref.replace('#/components/schemas/', '');
    const schema = doc.components?.schemas?.[name];
    if (!schema) throw new Error(`unknown schema ${ref}`);
    return schema;
  };
}

/** The schema itself, with $ref and allOf folded in (enough for what zod-to-openapi writes). */
export function deref(schema: JsonSchema, resolve: Resolver): JsonSchema {
  let current = schema;
  for (let i = 0; current.$ref && i < 20; i++) current = { ...resolve(current.$ref), ...omit(current, '$ref') };
  if (current.allOf) {
    const parts = current.allOf.map((part) => deref(part, resolve));
    return parts.reduce<JsonSchema>(
      (merged, part) => ({
        ...merged,
        ...part,
        properties: { ...merged.properties, ...part.properties },
        required: [...(merged.required ?? []), ...(part.required ?? [])],
      }),
      omit(current, 'allOf'),
    );
  }
  return current;
}

function omit<T extends object>(value: T, key: keyof T): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

function typesOf(schema: JsonSchema): string[] {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return schema.nullable ? [...types, 'null'] : types;
}

/** A value that fits the schema as far as its shape goes (ids point at nothing). */
export function plausible(schema: JsonSchema, resolve: Resolver, depth = 0): unknown {
  const s = deref(schema, resolve);
  if (s.enum) return s.enum[0];
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return plausible(alternatives[0]!, resolve, depth + 1);
  const [type] = typesOf(s).filter((t) => t !== 'null');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) {
        const property = s.properties?.[key];
        if (property && depth < 6) out[key] = plausible(property, resolve, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => (s.items ? plausible(s.items, resolve, depth + 1) : 1));
    case 'integer':
    case 'number': {
      const low = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
      return Math.max(low, Math.min(999_999, typeof s.maximum === 'number' ? s.maximum : 999_999));
    }
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'date') return '2026-01-01';
      if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.cn/a.png';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return 1;
  }
}

/** Whether the value breaks the schema by what the document can say (type, enum, range, length). */
export function violates(schema: JsonSchema, value: unknown, resolve: Resolver): boolean {
  const s = deref(schema, resolve);
  if (value instanceof RawNumber) {
    const parsed = Number(value.text);
    if (!Number.isFinite(parsed) || !Number.isSafeInteger(parsed)) return true;
    return violates(s, parsed, resolve);
  }
  if (value === null) return !typesOf(s).includes('null') && !(s.oneOf ?? s.anyOf ?? []).some((alt) => !violates(alt, null, resolve));
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return alternatives.every((alt) => violates(alt, value, resolve));
  if (s.enum) return !s.enum.includes(value);
  const types = typesOf(s);
  if (types.length === 0) return false;
  const actual = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
  const fits = types.some((type) =>
    type === 'integer'
      ? typeof value === 'number' && Number.isSafeInteger(value)
      : type === actual || (type === 'number' && actual === 'number'),
  );
  if (!fits) return true;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return true;
    if (typeof s.minimum === 'number' && value < s.minimum) return true;
    if (typeof s.maximum === 'number' && value > s.maximum) return true;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return true;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return true;
  }
  if (typeof value === 'string') {
    if (s.maxLength !== undefined && value.length > s.maxLength) return true;
    if (s.minLength !== undefined && value.length < s.minLength) return true;
  }
  return false;
}

/** Every place in a plausible body a mutation can land: [path, schema of that place]. */
export function slots(
  schema: JsonSchema,
  value: unknown,
  resolve: Resolver,
  path: (string | number)[] = [],
): [(string | number)[], JsonSchema][] {
  const s = deref(schema, resolve);
  const here: [(string | number)[], JsonSchema][] = path.length > 0 ? [[path, s]] : [];
  if (Array.isArray(value) && s.items) return [...here, ...value.flatMap((item, i) => slots(s.items!, item, resolve, [...path, i]))];
  if (value !== null && typeof value === 'object' && s.properties) {
    return [
      ...here,
      ...Object.entries(s.properties).flatMap(([key, property]) =>
        key in (value as object)
          ? slots(property, (value as Record<string, unknown>)[key], resolve, [...path, key])
          : [[[...path, key], deref(property, resolve)] as [(string | number)[], JsonSchema]],
      ),
    ];
  }
  return here;
}

const DELETE = Symbol('delete');

/** A copy of `value` with the place at `path` replaced (or removed). */
export function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const container = (Array.isArray(value) ? [...value] : value !== null && typeof value === 'object' ? { ...value } : {}) as Record<
    string | number,
    unknown
  >;
  const next = setAt(container[head!], rest, replacement);
  if (next === DELETE) delete container[head!];
  else container[head!] = next;
  return container;
}

/** A value for a place: wrong types, nasty numbers and strings, or the field left out. */
const placeValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ANY_TYPE) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(DELETE) },
);

/**
 * A body that the route must refuse: a plausible body with one to three places replaced, and at
 * least one replacement that breaks the schema (a wrong type, a value out of range, a required
 * field left out), or a body that is not the declared object at all.
 */
export function brokenBody(schema: JsonSchema, resolve: Resolver): fc.Arbitrary<unknown> {
  const base = plausible(schema, resolve);
  const places = slots(schema, base, resolve);
  const wholeBody = fc.constantFrom<unknown>(null, 'text', 42, [], [base], true);
  if (places.length === 0) return wholeBody;
  const mutated = fc
    .tuple(
      fc.array(fc.tuple(fc.nat(places.length - 1), placeValue), { minLength: 1, maxLength: 3 }),
      fc.nat(places.length - 1),
      fc.nat(ANY_TYPE.length - 1),
    )
    .map(([changes, fallbackPlace, fallbackType]) => {
      let body = base;
      let broken = false;
      // One change per place, and none inside another's place (a later one would undo the break).
      const chosen: [number, unknown][] = [];
      for (const [index, replacement] of changes) {
        const path = places[index]![0];
        const overlaps = chosen.some(([other]) => isPrefix(places[other]![0], path) || isPrefix(path, places[other]![0]));
        if (!overlaps) chosen.push([index, replacement]);
      }
      for (const [index, replacement] of chosen) {
        const [path, placeSchema] = places[index]!;
        body = setAt(body, path, replacement);
        if (replacement === DELETE) broken ||= isRequired(schema, path, resolve);
        else broken ||= violates(placeSchema, replacement, resolve);
      }
      if (!broken) {
        // Nothing broke the schema yet: add a wrong type somewhere that does not accept it.
        for (let i = 0; i < places.length && !broken; i++) {
          const [path, placeSchema] = places[(fallbackPlace + i) % places.length]!;
          for (let j = 0; j < ANY_TYPE.length && !broken; j++) {
            const candidate = ANY_TYPE[(fallbackType + j) % ANY_TYPE.length];
            if (violates(placeSchema, candidate, resolve)) {
              body = setAt(body, path, candidate);
              broken = true;
            }
          }
        }
      }
      return broken ? body : null;
    });
  return fc.oneof({ weight: 1, arbitrary: wholeBody }, { weight: 6, arbitrary: mutated });
}

function isPrefix(a: (string | number)[], b: (string | number)[]): boolean {
  return a.length <= b.length && a.every((key, i) => key === b[i]);
}

function isRequired(schema: JsonSchema, path: (string | number)[], resolve: Resolver): boolean {
  let s = deref(schema, resolve);
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (typeof key === 'number') {
      if (!s.items) return false;
      s = deref(s.items, resolve);
      continue;
    }
    if (i === path.length - 1) return (s.required ?? []).includes(key);
    const next = s.properties?.[key];
    if (!next) return false;
    s = deref(next, resolve);
  }
  return false;
}

/** Path segments: not ids, negative, fractional, past 2^53, injections, emoji, NUL, broken escapes. */
export const NASTY_PATH_VALUES = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '9007199254740993',
  '99999999999999999999999',
  'abc',
  'null',
  encodeURIComponent("1' OR '1'='1"),
  encodeURIComponent('1; DROP TABLE orders'),
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent('👩‍👩‍👧‍👦'),
  '%00',
  '1%00',
  '%',
  '%E0%A4%A',
  '%ZZ',
  '..%2F..%2Fetc',
  ' 1',
  '0x1F',
  'x'.repeat(2000),
];

/** Percent-encoded; a lone surrogate goes as the bytes UTF-8 has no character for. */
function escape(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%BD';
  }
}

/** A query string: documented parameters with nasty values, repeated keys, and keys nobody declared. */
export function queryString(names: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.constantFrom(...NASTY_STRINGS.map(escape), '%', '%E0%A4%A', '', '1%00'),
    fc.constantFrom(...NASTY_NUMBERS.map((n) => encodeURIComponent(n instanceof RawNumber ? n.text : String(n)))),
  );
  const key = fc.oneof(
    { weight: 4, arbitrary: names.length > 0 ? fc.constantFrom(...names) : fc.constant('q') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'a[b]', 'x[]', "'", '%') },
  );
  return fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}
