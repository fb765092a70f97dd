/**
 * The mask editor's controls as one template: the element keeps the state and does the work, this
 * only lays out the tool choice, size and feather sliders, undo/redo/clear and zoom.
 */
import { html } from "lit";
import { msg, str } from "../i18n/localize.js";
import type { MaskTool } from "./mask-strokes.js";
import { MAX_ZOOM, MIN_ZOOM } from "./mask-view.js";

export interface MaskToolbarState {
  tool: MaskTool;
  brushSize: number;
  maxBrushSize: number;
  feather: number;
  zoom: number;
  canUndo: boolean;
  canRedo: boolean;
}

export interface MaskToolbarHandlers {
  tool: (tool: MaskTool) => void;
  brushSize: (size: number) => void;
  feather: (feather: number) => void;
  undo: () => void;
  redo: () => void;
  clear: () => void;
  zoom: (direction: 1 | -1 | 0) => void;
}

const valueOf = (event: Event) => Number((event.target as HTMLInputElement).value);

export function maskToolbar(state: MaskToolbarState, on: MaskToolbarHandlers) {
  const toolButton = (tool: MaskTool, label: string, key: string) =>
    html`<button
      type="button"
      part="tool-button ${tool}-button"
      class=${tool}
      aria-pressed=${state.tool === tool ? "true" : "false"}
      aria-keyshortcuts=${key}
      @click=${() => on.tool(tool)}
    >
      ${label}
    </button>`;
  return html`<div part="toolbar" class="toolbar" role="group" aria-label=${msg("Mask tools")}>
    <div class="group" role="group" aria-label=${msg("Tool")}>
      ${toolButton("brush", msg("Brush"), "B")} ${toolButton("eraser", msg("Eraser"), "E")}
    </div>
    <label class="slider">
      <span>${msg("Size")}</span>
      <input
        part="size-input"
        class="size"
        type="range"
        min="2"
        max=${state.maxBrushSize}
        .value=${String(state.brushSize)}
        aria-valuetext=${msg(str`${state.brushSize} pixels`)}
        aria-keyshortcuts="[ ]"
        @input=${(event: Event) => on.brushSize(valueOf(event))}
      />
    </label>
    <label class="slider">
      <span>${msg("Feather")}</span>
      <input
        part="feather-input"
        class="feather"
        type="range"
        min="0"
        max="100"
        .value=${String(state.feather)}
        aria-valuetext=${msg(str`${state.feather} %`)}
        @input=${(event: Event) => on.feather(valueOf(event))}
      />
    </label>
    <div class="group" role="group" aria-label=${msg("History")}>
      <button type="button" part="undo-button" class="undo" aria-keyshortcuts="Control+Z Meta+Z" ?disabled=${!state.canUndo} @click=${on.undo}>
        ${msg("Undo")}
      </button>
      <button
        type="button"
        part="redo-button"
        class="redo"
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        ?disabled=${!state.canRedo}
        @click=${on.redo}
      >
        ${msg("Redo")}
      </button>
      <button type="button" part="clear-button" class="clear" ?disabled=${!state.canUndo} @click=${on.clear}>${msg("Clear")}</button>
    </div>
    <div class="group" role="group" aria-label=${msg("Zoom")}>
      <button
        type="button"
        part="zoom-button"
        class="zoom-out"
        aria-label=${msg("Zoom out")}
        aria-keyshortcuts="-"
        ?disabled=${state.zoom <= MIN_ZOOM}
        @click=${() => on.zoom(-1)}
      >
        −
      </button>
      <button
        type="button"
        part="zoom-button"
        class="zoom-fit"
        aria-label=${msg(str`${Math.round(state.zoom * 100)} %, fit to view`)}
        aria-keyshortcuts="0"
        @click=${() => on.zoom(0)}
      >
        ${Math.round(state.zoom * 100)} %
      </button>
      <button
        type="button"
        part="zoom-button"
        class="zoom-in"
        aria-label=${msg("Zoom in")}
        aria-keyshortcuts="+"
        ?disabled=${state.zoom >= MAX_ZOOM}
        @click=${() => on.zoom(1)}
      >
        +
      </button>
    </div>
  </div>`;
}
