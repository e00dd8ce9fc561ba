/** Plain-text layout: every mail's text part, for clients that do not render HTML and for screen readers. */

/** Text-part width: terminals and RFC 5322's recommended line length. Only headers are laid out to it. */
export const TEXT_WIDTH = 78;

/** The automatic-mail footer, under every mail in both parts. */
export const FOOTER = 'Thư này được gửi tự động từ hệ thống quản lý thi đua, khen thưởng; vui lòng không trả lời thư này.';

/** Columns a string takes in a terminal; NFC Vietnamese is one code point per letter. */
export const width = (s: string) => [...s].length;

export function centre(s: string, cols: number): string {
  return ' '.repeat(Math.max(0, Math.floor((cols - width(s)) / 2))) + s;
}

/**
 * The lines of a text part closed by the automatic-mail footer after the "-- " signature delimiter, trailing blanks
 * trimmed, one newline at the end.
 */
export function textDocument(lines: readonly string[]): string {
  // "-- " keeps its space: it is the signature delimiter mail clients recognise (RFC 3676 §4.3).
  return `${[...lines, '', '-- ', FOOTER].map((l) => (l === '-- ' ? l : l.trimEnd())).join('\n')}\n`;
}
