import { html, joinHtml, trusted, type SafeHtml } from '../html';
import { FOOTER } from './plain-text';

/** What every mail renderer returns: the subject header, and the two parts of a multipart/alternative body. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** The letter's typeface, for cells that set their own font (Outlook does not inherit it into tables). */
export const LETTER_FONT = "'Times New Roman',Times,serif";

/** Block elements of a document are written one per line, so the HTML part reads in a diff. */
export const NEWLINE = trusted('\n');

/**
 * The HTML document every mail of the system is laid out in: a 680-pixel column of inline-styled tables (mail
 * clients, Outlook's Word engine and Gmail among them, strip <style>), Times New Roman, and the automatic-mail footer.
 * `content` can only be markup built by the `html` tag, so whatever it quotes is already escaped.
 */
export function htmlDocument(title: string, content: readonly SafeHtml[]): string {
  const page = html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background-color:#ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;background-color:#ffffff;">
<tr>
<td align="center" style="padding:24px 12px;">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;max-width:680px;">
<tr>
<td style="padding:0;font-family:${trusted(LETTER_FONT)};font-size:16px;line-height:1.5;color:#000000;text-align:left;">
${joinHtml([...content, html`<hr style="margin:28px 0 8px;border:0;border-top:1px solid #cccccc;">`], NEWLINE)}
<p style="margin:0;font-size:12px;color:#555555;font-style:italic;">${FOOTER}</p>
</td>
</tr>
</table>
</td>
</tr>
</table>
</body>
</html>
`;
  return page.toString();
}
