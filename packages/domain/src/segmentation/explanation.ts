/** One fact behind a label or score: a stable code and its parameters for programs, text for people. */
export interface Explanation {
  readonly code: string
  readonly params: Readonly<Record<string, string | number>>
  readonly en: string
  readonly zh: string
}

/** A bilingual name. */
export interface Label {
  en: string
  zh: string
}

type Params = Record<string, string | number>
type Render<P extends Params> = (p: P) => readonly [en: string, zh: string]

/**
 * An explanation whose text is rendered from its code's template when read, so a pass over many
 * customers allocates the facts, not thousands of sentences nobody may look at. `toJSON` writes the text.
 */
class TemplatedExplanation<P extends Params> implements Explanation {
  constructor(
    readonly code: string,
    readonly params: P,
    private readonly render: Render<P>,
  ) {}
  get en(): string {
    return this.render(this.params)[0]
  }
  get zh(): string {
    return this.render(this.params)[1]
  }
  toJSON(): { code: string; params: P; en: string; zh: string } {
    const [en, zh] = this.render(this.params)
    return { code: this.code, params: this.params, en, zh }
  }
}

/** Declares an explanation code with its bilingual template; returns the factory that makes them. */
export function explanation<P extends Params>(code: string, render: Render<P>): (params: P) => Explanation {
  return (params) => new TemplatedExplanation(code, params, render)
}

/** Money with two decimals and no currency sign (the data carries no currency). */
export function money(x: number): string {
  return x.toFixed(2)
}

/** A share 0..1 as a percentage with one decimal. */
export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

/** "1 order" / "8 orders". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
