import { LitElement } from "lit";
import { applyLocaleOf, localizeHost } from "../i18n/localize.js";

const EVENT_PREFIX = "pixorly-";

/**
 * The thin base of every Pixorly element: prefixed, composed events, a
 * `define()` that tolerates the library being loaded twice on one page, and the
 * page's language (`lang`, see `i18n/localize.ts`), re-rendering when it changes.
 */
export class PixorlyElement extends LitElement {
  constructor() {
    super();
    localizeHost(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void applyLocaleOf(this);
  }

  /** Elements this one renders, by tag; `define()` registers them first (as Shoelace does). */
  static dependencies: Record<string, CustomElementConstructor> = {};

  /**
   * Registers `ctor` (by default the class it is called on) as `tag`, after its
   * dependencies, unless the tag is taken: a second copy of the library on the
   * page keeps the first registration instead of throwing.
   */
  static define(tag: string, ctor: CustomElementConstructor = this): void {
    const dependencies =
      (ctor as unknown as { dependencies?: Record<string, CustomElementConstructor> }).dependencies ?? {};
    for (const [dependencyTag, dependency] of Object.entries(dependencies))
      PixorlyElement.define(dependencyTag, dependency);
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }

  /**
   * Dispatches a bubbling, composed (it crosses shadow roots) `pixorly-<name>` event.
   * `name` may be given with or without the prefix.
   */
  emit<T = undefined>(name: string, detail?: T, options: { cancelable?: boolean } = {}): CustomEvent<T> {
    const type = name.startsWith(EVENT_PREFIX) ? name : `${EVENT_PREFIX}${name}`;
    const event = new CustomEvent<T>(type, {
      bubbles: true,
      composed: true,
      cancelable: options.cancelable ?? false,
      detail: detail as T,
    });
    this.dispatchEvent(event);
    return event;
  }
}
