/**
 * Discord's documented message limits. The API rejects a message that breaks any of them (HTTP 400),
 * so the renderer cuts every field to these. Lengths are counted in UTF-16 units, which is never less
 * than what Discord counts, so a string that fits here fits there.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  /** Sum of every title, description, field, footer and author name across a message's embeds. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  /** Autocomplete: choices per response, and a choice's name/value length. */
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Embed `url`: Discord documents none, but rejects very long ones; a source link is never this long. */
  url: 2048,
} as const;
