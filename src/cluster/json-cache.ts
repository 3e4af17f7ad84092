/**
 * JSON text of stored objects, kept beside them. Stored objects never change (every write stores a new
 * one), so an object's text can be computed once and reused by every list and watch that sends it: a
 * 1,000-pod list then costs a concatenation, not a serialisation.
 */
const texts = new WeakMap<object, string>();

export function objectJson(o: object): string {
  let text = texts.get(o);
  if (text === undefined) {
    text = JSON.stringify(o);
    texts.set(o, text);
  }
  return text;
}

/** A list's JSON with its items' cached texts spliced in. */
export function listJson(list: { items: object[] } & Record<string, unknown>): string {
  const { items, ...rest } = list;
  const head = JSON.stringify({ ...rest, items: [] });
  return `${head.slice(0, -"[]}".length)}[${items.map(objectJson).join(",")}]}`;
}
