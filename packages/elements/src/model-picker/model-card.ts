/** One model as a card: sample (or a swatch made from its id), name, provider, price and speed. */
import type { ModelInfo } from "@pixorly/core";
import { html, nothing, type TemplateResult } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import { formatCredits } from "../i18n/format.js";
import { msg, str } from "../i18n/localize.js";
import { exportParts } from "../internal/parts.js";
import { formatDuration } from "./format-duration.js";

export interface CardView {
  model: ModelInfo;
  /** Position in the list, for element ids. */
  index: number;
  role: "radio" | "checkbox";
  checked: boolean;
  /** The one card in the tab order (roving tabindex). */
  tabbable: boolean;
  estimateMs: number;
  sampleUrl: string | undefined;
  /** An image of the visitor's made with this model, shown when there is no sample URL. */
  sampleImageId: string | undefined;
  /** Whether to show the description (the list view has room for it). */
  detailed: boolean;
  onChoose: () => void;
  onKeydown: (event: KeyboardEvent) => void;
}

export function renderModelCard(card: CardView): TemplateResult {
  const { model, index } = card;
  return html`
    <div
      part="card"
      class="card"
      role=${card.role}
      aria-checked=${card.checked ? "true" : "false"}
      tabindex=${card.tabbable ? 0 : -1}
      data-id=${model.id}
      aria-labelledby=${`card-${index}-name`}
      aria-describedby=${`card-${index}-meta`}
      @click=${card.onChoose}
      @keydown=${card.onKeydown}
    >
      ${
        card.sampleUrl
          ? html`<img part="sample" class="sample" src=${card.sampleUrl} alt="" loading="lazy" />`
          : card.sampleImageId
            ? html`<pixorly-image part="sample" exportparts=${exportParts("pixorly-model-picker", "sample")} class="sample" image-id=${card.sampleImageId} request-width="320" sizes="10rem" alt=""></pixorly-image>`
            : html`<span part="sample" class="sample swatch" style=${styleMap(swatchStyle(model.id))}></span>`
      }
      <span class="body">
        <span class="name" id=${`card-${index}-name`}>${model.name}</span>
        <span class="provider">${providerLabel(model)}</span>
        <span class="meta" id=${`card-${index}-meta`}>
          <span part="cost">${formatCredits(model.costPerImageCredits)}<span class="visually-hidden"> ${msg("per image")}</span></span>
          <span part="speed">${speedText(card.estimateMs)}</span>
        </span>
        ${card.detailed && model.description ? html`<span class="description">${model.description}</span>` : nothing}
      </span>
      <span class="check" aria-hidden="true"></span>
    </div>
  `;
}

/** "~0.2 s" on screen, "about 0.2 s per image" for screen readers. */
function speedText(ms: number): TemplateResult {
  return html`<span aria-hidden="true">~</span><span class="visually-hidden">${msg("about")} </span>${formatDuration(ms)}<span class="visually-hidden"> ${msg("per image")}</span>`;
}

function providerLabel(model: ModelInfo): string {
  if (model.provider === "local") return msg("Built in, runs offline");
  const vendor = model.id.split("/")[0] ?? "";
  const name = `${vendor.charAt(0).toUpperCase()}${vendor.slice(1)}`;
  return msg(str`${name} via OpenRouter`);
}

/**
 * A placeholder for models without a sample: two colours picked from a hash of the
 * id (FNV-1a), so every model keeps the same, distinct swatch.
 */
function swatchStyle(id: string): Record<string, string> {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  const hue = hash % 360;
  const second = (hue + 40 + ((hash >>> 9) % 140)) % 360;
  return {
    background: `radial-gradient(circle at 30% 30%, hsl(${second} 85% 70%) 0 18%, transparent 45%), linear-gradient(135deg, hsl(${hue} 70% 55%), hsl(${second} 65% 35%))`,
  };
}
