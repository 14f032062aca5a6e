/**
 * Slack's documented Block Kit and message limits. Anything longer is rejected by the API
 * (`invalid_blocks`) or silently truncated, so every field the renderer emits is cut to these.
 */
export const LIMITS = {
  /** `text` of a section block's text object. */
  sectionText: 3000,
  /** Each element of a context block. */
  contextText: 3000,
  contextElements: 10,
  /** Blocks in one message. */
  blocks: 50,
  /** A button's plain-text label. */
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Elements of one actions block. */
  actionElements: 25,
  /** Top-level `text` of chat.postMessage (Slack truncates beyond it). */
  messageText: 40000,
} as const;
