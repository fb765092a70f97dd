/**
 * The mask editor's events (issue 16): a painted mask to use, or the editing given up.
 */

/** `pixorly-mask-export`: the mask as a PNG the image's size (white = repaint, black = keep). */
export interface MaskExportDetail {
  mask: Blob;
  width: number;
  height: number;
}

export interface MaskEvents {
  "pixorly-mask-export": CustomEvent<MaskExportDetail>;
  "pixorly-mask-cancel": CustomEvent<undefined>;
}
