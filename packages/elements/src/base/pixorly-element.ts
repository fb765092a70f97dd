import { LitElement } from "lit";
import type { PixorlyEventDetail, PixorlyEventOf, PixorlyEventShortName } from "../events/index.js";
import { followLanguageOf, localizeHost } from "../i18n/localize.js";

const EVENT_PREFIX = "pixorly-";

export interface EmitOptions {
  cancelable?: boolean;
}

/** `emit()`'s arguments after the name: the detail (optional only for an event without one), then options. */
type EmitArgs<Detail> = undefined extends Detail
  ? [detail?: Detail, options?: EmitOptions]
  : [detail: Detail, options?: EmitOptions];

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

  private stopFollowingLanguage: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopFollowingLanguage = followLanguageOf(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFollowingLanguage?.();
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
   * Dispatches a bubbling, composed (it crosses shadow roots) `pixorly-<name>` event. The name and the
   * detail's type come from `PixorlyEventMap` (src/events/): an unknown name or a wrong detail does not compile.
   */
  emit<N extends PixorlyEventShortName>(
    name: N,
    ...[detail, options = {}]: EmitArgs<PixorlyEventDetail<N>>
  ): PixorlyEventOf<N> {
    const event = new CustomEvent(`${EVENT_PREFIX}${name}`, {
      bubbles: true,
      composed: true,
      cancelable: options.cancelable ?? false,
      detail,
    });
    this.dispatchEvent(event);
    return event as PixorlyEventOf<N>;
  }
}
