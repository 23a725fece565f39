type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

/** A feature's strings in both languages; the zh-CN object must have exactly the English keys. */
export function defineMessages<const E extends Record<string, unknown>>(en: E, zh: Shape<E>) {
  return { en, zh }
}
