/**
 * The one layout every mail is drawn in, both parts (HTML and plain text). An official document (the launch letter,
 * the results notice) is laid out as NĐ 30/2020/NĐ-CP Phụ lục I: letter-header, letter-body, letter-foot. The other
 * mails use the short letter. All HTML here is built with the `html` tag of ../html: text is escaped on the way in.
 */
export { htmlDocument, type RenderedMail } from './document';
export { QUOC_HIEU, TIEU_NGU, letterHeaderHtml, letterHeaderText, type LetterHead } from './letter-header';
export { blockHtml, blockText, type Block, type Span, type TableColumn, type TableRowBlock } from './letter-body';
export { NOI_NHAN_LABEL, letterFootHtml, letterFootText, noiNhanLines, signerLines, type DocumentSigner, type LetterSigner, type NoiNhanEntry } from './letter-foot';
export { addresseeHtml, lineListHtml, paragraphHtml, sectionTitleHtml, shortLetterHeadHtml, shortLetterText } from './short-letter';
export { DETAIL_CELL_STYLE, cellStyles, headerRowHtml, tableHtml, type TableDensity } from './table';
export { FOOTER, textDocument } from './plain-text';
