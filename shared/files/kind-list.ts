/*
 * The kinds' list alone, without file-type: the route table and the input schemas need the media types and the size
 * limit, not the detection (./kinds.ts), so the functions that only validate a request do not bundle file-type.
 */

/**
 * The kinds of file the system takes (issue 12: evidence and dossiers are PDF, images, DOCX, XLSX; a
 * signed original is a PDF), each as file-type 22 names it when it reads the content. The kind is
 * always taken from the bytes, never from the name or the Content-Type a browser sends: an .exe
 * renamed .pdf is an exe.
 *
 * DOCX and XLSX are zip files; file-type opens the zip and reads `[Content_Types].xml` (or, failing
 * that, the `word/` or `xl/` folders), so a macro-enabled DOCM or XLSM is reported as such and refused.
 */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  png: { mime: 'image/png', label: 'PNG' },
  jpg: { mime: 'image/jpeg', label: 'JPEG' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX (Word)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX (Excel)' },
} as const;

export type FileKind = keyof typeof FILE_KINDS;
export const ALL_KINDS = Object.keys(FILE_KINDS) as FileKind[];
/** Evidence (minh chứng) and dossier (hồ sơ) files. */
export const EVIDENCE_KINDS: readonly FileKind[] = ALL_KINDS;
/** A signed original (bản ký số) of a document the system issued. */
export const SIGNED_ORIGINAL_KINDS: readonly FileKind[] = ['pdf'];

/** The largest file taken (issue 12: each ≤ 20 MB). Also the most verifyUpload reads. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const kindOfMime = (mime: string): FileKind | undefined => ALL_KINDS.find((k) => FILE_KINDS[k].mime === mime.toLowerCase());
