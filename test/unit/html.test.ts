import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { html, isSafeHtml, joinHtml, trusted, type SafeHtml } from '../../shared/mail/html';
import { htmlDocument } from '../../shared/mail/layout';

const PAYLOAD = `<script>alert("x")</script> & 'y'`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;';

describe('the html tag', () => {
  test('escapes every interpolated string; the literal parts are the markup', () => {
    expect(String(html`<p class="a">${PAYLOAD}</p>`)).toBe(`<p class="a">${ESCAPED}</p>`);
  });

  test('escapes in an attribute value too: a quote cannot close it', () => {
    expect(String(html`<td title="${'" onmouseover="x'}">`)).toBe('<td title="&quot; onmouseover=&quot;x">');
  });

  test('keeps a line break of the text as <br>, and Vietnamese as it is', () => {
    expect(String(html`<p>${'Độc lập\r\nTự do\nHạnh phúc'}</p>`)).toBe('<p>Độc lập<br>Tự do<br>Hạnh phúc</p>');
  });

  test('prints numbers', () => {
    expect(String(html`<td colspan="${5}">${-1.5}</td>`)).toBe('<td colspan="5">-1.5</td>');
  });

  test('nests fragments without escaping them twice; a list of fragments is joined', () => {
    const cell = (s: string) => html`<td>${s}</td>`;
    expect(String(html`<tr>${['a&b', '<c>'].map(cell)}</tr>`)).toBe('<tr><td>a&amp;b</td><td>&lt;c&gt;</td></tr>');
  });

  test('joinHtml joins fragments with a markup separator', () => {
    expect(String(joinHtml([html`${'<a>'}`, html`b`], trusted('<br>')))).toBe('&lt;a&gt;<br>b');
  });

  test('an ampersand already escaped is escaped again: text is never taken for markup', () => {
    expect(String(html`${'&amp;'}`)).toBe('&amp;amp;');
  });
});

describe('only the explicit marker makes markup', () => {
  test('trusted() and the tag make SafeHtml; a string never is one', () => {
    expect(isSafeHtml(trusted('<br>'))).toBe(true);
    expect(isSafeHtml(html`<br>`)).toBe(true);
    expect(isSafeHtml('<br>')).toBe(false);
  });

  test('an object that prints as markup is escaped', () => {
    const lookalike = { toString: () => '<b>bold</b>' };
    expect(String(html`${lookalike as unknown as string}`)).toBe('&lt;b&gt;bold&lt;/b&gt;');
  });

  test('an object made from the SafeHtml prototype has no markup to give: interpolating it throws', () => {
    const forged = Object.create(Object.getPrototypeOf(html``) as object) as SafeHtml;
    expect(isSafeHtml(forged)).toBe(true); // it passes instanceof…
    expect(() => String(html`${forged}`)).toThrow(TypeError); // …but the private field is not there
  });

  /**
   * The compiler is the other half of the guarantee: each line under `@ts-expect-error` must be a type error, or
   * `npm run typecheck` (part of `npm test`) fails. At run time, what such a line smuggles through is still escaped.
   */
  test('a string is not accepted where markup is expected, and trusted() refuses runtime text', () => {
    const userText: string = PAYLOAD;

    // @ts-expect-error a string is not SafeHtml
    const asMarkup: SafeHtml = userText;
    expect(String(html`<p>${asMarkup}</p>`)).toBe(`<p>${ESCAPED}</p>`);

    // @ts-expect-error a document's content is SafeHtml only
    const page = htmlDocument('t', [userText]);
    expect(page).toContain(`\n${ESCAPED}\n`);
    expect(page).not.toContain('<script>');

    // @ts-expect-error a list of strings is not a list of fragments
    expect(String(html`<p>${[userText]}</p>`)).toBe(`<p>${ESCAPED}</p>`);

    // trusted() is the marker itself: at run time it cannot tell a literal from user text and takes what it is given,
    // so the refusal is in its type. Runtime text, alone or inside a template, does not compile.
    // @ts-expect-error runtime text
    expect(String(trusted(userText))).toBe(PAYLOAD);
    // @ts-expect-error runtime text inside a template
    expect(String(trusted(`<p>${userText}</p>`))).toBe(`<p>${PAYLOAD}</p>`);
    // A literal, or a template of literal-typed constants, compiles.
    const size = '13px';
    expect(String(trusted(`font-size:${size};`))).toBe('font-size:13px;');
  });
});

describe('the mail modules', () => {
  const root = join(__dirname, '../../shared/mail');
  const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && f !== 'html.ts' && f !== 'escape.ts')
    .map((f) => ({ file: relative(root, join(root, f)), code: readFileSync(join(root, f), 'utf8') }));

  test('are all read', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['letter.ts', 'report-mails.ts', 'result-mails.ts', 'bounce-notice.ts', 'self-assessment-table.ts', 'layout/document.ts']));
  });

  // A source-level guard, so that "escaped by construction" stays true as mails are added: a tag may open a string
  // only when the string is the html tag's template or trusted()'s literal, and escaping by hand is not needed anywhere.
  test.each(sources.map((s) => [s.file, s.code]))('%s: markup only through the html tag or trusted()', (_file, code) => {
    const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const handMade = withoutComments.match(/(?<!html|trusted\()[`'"]<\/?[a-z!]/gi) ?? [];
    expect(handMade).toEqual([]);
    expect(/escapeHtml|from '\.\.?\/escape'/.test(withoutComments)).toBe(false);
  });
});
